//! Work on every core: a long list cut into one contiguous part per core,
//! each part done by a thread of its own, the results kept in order.

use std::ops::Range;

/// The most threads a part of plantrack runs at once.
pub const MAX_THREADS: usize = 8;

/// How many threads to run: one per core, at most [`MAX_THREADS`].
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, MAX_THREADS))
}

/// `each` over `0..n` cut into one contiguous range per core, in order:
/// the ranges are done on threads of their own when `n` is at least
/// `2 * least`, else `0..n` is done here as one range. A panic in a
/// thread goes on in the caller.
pub fn in_parts<R: Send>(
    n: usize,
    least: usize,
    each: impl Fn(Range<usize>) -> R + Sync,
) -> Vec<R> {
    let workers = threads();
    if n < 2 * least.max(1) || workers == 1 {
        return vec![each(0..n)];
    }
    let size = n.div_ceil(workers);
    let ranges = (0..n)
        .step_by(size)
        .map(|start| start..(start + size).min(n));
    each_on_a_thread(ranges.collect(), each)
}

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
    fn a_short_list_is_one_part() {
        assert_eq!(in_parts(99, 50, |range| range), vec![0..99]);
    }
}
