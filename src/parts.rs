//! Work on every core: a long list cut into one contiguous part per core,
//! each part done by a thread of its own, the results kept in order.

use std::ops::Range;

/// The most threads a part of plantrack runs at once.
pub const MAX_THREADS: usize = 8;

/// How many threads to run: one per core, at most [`MAX_THREADS`].
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, MAX_THREADS))
}

/// `each` over `0..n` cut into contiguous ranges, the results in order:
/// when `n` is at least `2 * least`, a few ranges a core, taken in turn by
/// one thread a core (a core that finishes early takes the next range, so
/// none waits on a slow one); else `0..n` is done here as one range. A
/// panic in a thread goes on in the caller.
pub fn in_parts<R: Send>(
    n: usize,
    least: usize,
    each: impl Fn(Range<usize>) -> R + Sync,
) -> Vec<R> {
    let workers = threads();
    if n < 2 * least.max(1) || workers == 1 {
        return vec![each(0..n)];
    }
    let size = n.div_ceil(workers * RANGES_A_CORE);
    let ranges: Vec<Range<usize>> = (0..n)
        .step_by(size)
        .map(|start| start..(start + size).min(n))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(range) = ranges.get(k) else {
                return done;
            };
            done.push((k, each(range.clone())));
        }
    };
    let mut done: Vec<(usize, R)> = each_on_a_thread(vec![(); workers], |()| take())
        .into_iter()
        .flatten()
        .collect();
    done.sort_unstable_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, r)| r).collect()
}

/// How many ranges [`in_parts`] cuts a list into for each core.
const RANGES_A_CORE: usize = 4;

/// `each` of `jobs`, each on a thread of its own, the results in the
/// jobs' order. A panic in a thread goes on in the caller.
pub fn each_on_a_thread<T: Send, R: Send>(jobs: Vec<T>, each: impl Fn(T) -> R + Sync) -> Vec<R> {
    let each = &each;
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|job| scope.spawn(move || each(job)))
            .collect();
        handles.into_iter().map(joined).collect()
    })
}

/// What a scoped thread gave back; a panic in it goes on in the caller.
pub fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_every_index_once_in_order() {
        for n in [0, 1, 7, 99, 100, 101, 1000, 4097] {
            let parts = in_parts(n, 50, |range| range.collect::<Vec<_>>());
            let all: Vec<usize> = parts.into_iter().flatten().collect();
            assert_eq!(all, (0..n).collect::<Vec<_>>(), "n = {n}");
        }
    }

    #[test]
    fn a_long_list_is_cut_into_a_few_ranges_a_core_in_order() {
        let parts = in_parts(100_000, 50, |range| range);
        let expected = match threads() {
            1 => 1,
            cores => cores * RANGES_A_CORE,
        };
        assert_eq!(parts.len(), expected);
        assert_eq!((parts[0].start, parts[expected - 1].end), (0, 100_000));
        assert!(parts.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn a_short_list_is_one_part() {
        assert_eq!(in_parts(99, 50, |range| range), vec![0..99]);
    }
}
