//! Fitting a table to the terminal's width: which columns are kept and how
//! wide each is, so that the cells can be wrapped between words (never
//! inside one, see [`super::wrap`]) before the table is drawn.
//!
//! Columns keep their natural width while the table fits. When it does
//! not, the columns that may wrap (names, texts) give up width, down to
//! their widest unbreakable word; when even that is too wide, columns are
//! dropped in the order the caller gives, and the caller says which.

use unicode_width::UnicodeWidthStr;

/// The space between two columns: the padding after a cell and the
/// separator.
const GAP: usize = 2;

/// How a table may give up width.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// Columns that may wrap, each down to its widest word.
    pub wrap: &'a [usize],
    /// Columns that may be left out, first to go first.
    pub drop: &'a [usize],
}

/// The outcome: for each column of the table, its width, or `None` if it
/// is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The width of each column, `None` for one left out.
    pub widths: Vec<Option<usize>>,
}

impl Layout {
    /// The columns left out, in column order.
    pub fn dropped(&self) -> impl Iterator<Item = usize> + '_ {
        self.widths
            .iter()
            .enumerate()
            .filter(|(_, w)| w.is_none())
            .map(|(i, _)| i)
    }

    /// The cells of a row that are kept, each wrapped to its column's width
    /// (lines joined by `\n`).
    pub fn cells<S: AsRef<str>>(&self, row: &[S]) -> Vec<String> {
        row.iter()
            .zip(&self.widths)
            .filter_map(|(cell, width)| width.map(|w| fitted(cell.as_ref(), w)))
            .collect()
    }

    /// The given column indices (figures to right-align, say) renumbered
    /// among the kept columns.
    pub fn kept_positions(&self, columns: &[usize]) -> Vec<usize> {
        let mut position = 0;
        let mut out = Vec::new();
        for (i, width) in self.widths.iter().enumerate() {
            if width.is_some() {
                if columns.contains(&i) {
                    out.push(position);
                }
                position += 1;
            }
        }
        out
    }
}

/// `text` wrapped to `width`, its lines joined by `\n`; unchanged if it
/// fits.
fn fitted(text: &str, width: usize) -> String {
    if text.lines().all(|l| l.width() <= width) {
        return text.to_string();
    }
    super::wrap(text, width).join("\n")
}

/// One column's widths: what it takes unwrapped, and the least it can
/// take without breaking a word.
#[derive(Debug, Clone, Copy)]
struct Column {
    natural: usize,
    least: usize,
    kept: bool,
}

/// Fits `header` and `rows` into `width` display columns by `rules`.
pub fn layout<S: AsRef<str>>(
    header: &[S],
    rows: &[Vec<String>],
    width: usize,
    rules: Rules,
) -> Layout {
    let mut columns: Vec<Column> = header
        .iter()
        .map(|h| Column {
            natural: h.as_ref().width(),
            // A header may wrap at its spaces (`progress / time`).
            least: h.as_ref().split(' ').map(|w| w.width()).max().unwrap_or(0),
            kept: true,
        })
        .collect();
    for row in rows {
        for (i, (column, cell)) in columns.iter_mut().zip(row).enumerate() {
            let widest = cell.lines().map(|l| l.width()).max().unwrap_or(0);
            column.natural = column.natural.max(widest);
            let unbroken = if rules.wrap.contains(&i) {
                super::widest_piece(cell)
            } else {
                widest
            };
            column.least = column.least.max(unbroken);
        }
    }
    let mut drops = rules.drop.iter();
    loop {
        let least = total(&columns, |c| c.least);
        if least <= width {
            return Layout {
                widths: share(&columns, width - least),
            };
        }
        match drops.next() {
            Some(&i) => {
                if let Some(column) = columns.get_mut(i) {
                    column.kept = false;
                }
            }
            None => {
                let widths = columns.iter().map(|c| c.kept.then_some(c.least)).collect();
                return Layout { widths };
            }
        }
    }
}

/// The display width of the kept columns, each by `width`, with the gaps.
fn total(columns: &[Column], width: impl Fn(&Column) -> usize) -> usize {
    let kept = columns.iter().filter(|c| c.kept);
    kept.clone().map(width).sum::<usize>() + GAP * kept.count().saturating_sub(1)
}

/// Each kept column's width: its least, plus a share of `spare` in
/// proportion to how much more it would take, up to its natural width.
fn share(columns: &[Column], spare: usize) -> Vec<Option<usize>> {
    let want: usize = columns
        .iter()
        .filter(|c| c.kept)
        .map(|c| c.natural - c.least)
        .sum();
    let mut given = 0;
    let mut widths: Vec<Option<usize>> = columns
        .iter()
        .map(|c| {
            c.kept.then(|| {
                let more = c.natural - c.least;
                let extra = if want <= spare {
                    more
                } else {
                    more * spare / want
                };
                given += extra;
                c.least + extra
            })
        })
        .collect();
    // What rounding down left over goes to the columns still short of
    // their natural width, one column at a time.
    let mut left = spare.min(want).saturating_sub(given);
    for (column, width) in columns.iter().zip(widths.iter_mut()) {
        if let Some(w) = width {
            let more = (column.natural - *w).min(left);
            *w += more;
            left -= more;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_table_that_fits_keeps_its_natural_widths() {
        let body = rows(&[&["a", "bbb", "cc"]]);
        let rules = Rules {
            wrap: &[1],
            drop: &[2],
        };
        let layout = layout(&["x", "y", "z"], &body, 80, rules);
        assert_eq!(layout.widths, [Some(1), Some(3), Some(2)]);
    }

    #[test]
    fn wrapped_columns_shrink_to_their_widest_word_then_columns_drop() {
        let body = rows(&[&["id_one", "a long name of words", "第三章 第四节"]]);
        let header = ["id", "name", "chapter"];
        let rules = Rules {
            wrap: &[1, 2],
            drop: &[2],
        };
        // Natural: 6 + 20 + 13 and two gaps of two = 43.
        let fits = layout(&header, &body, 43, rules);
        assert_eq!(fits.widths, [Some(6), Some(20), Some(13)]);
        // At 30 the two texts share 30 - 6 - 4 = 20 columns: the least
        // widths (5, `words`; 7, `chapter`) and the rest in proportion.
        let squeezed = layout(&header, &body, 30, rules);
        let w = &squeezed.widths;
        assert_eq!(w[0], Some(6));
        assert_eq!(w[1].unwrap_or(0) + w[2].unwrap_or(0), 20);
        assert!(w[1] >= Some(5) && w[2] >= Some(7), "{w:?}");
        // At 18 the least is 6 + 5 + 7 + 4 = 22 > 18: the chapter goes.
        let dropped = layout(&header, &body, 17, rules);
        assert_eq!(dropped.widths, [Some(6), Some(9), None]);
        assert_eq!(dropped.dropped().collect::<Vec<_>>(), [2]);
        assert_eq!(
            dropped.cells(&body[0]),
            ["id_one", "a long\nname of\nwords"]
        );
        assert_eq!(dropped.kept_positions(&[0, 2]), [0]);
    }
}
