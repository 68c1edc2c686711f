//! Rendering: the report, the indicator list and the data-entry template as
//! text or workbooks.
//!
//! Each format has its own module; the text formats write to any
//! `io::Write`, `xlsx` makes a workbook's bytes. `cells` and `labels` hold
//! what the people-facing formats share.

pub mod cells;
pub mod chart;
pub mod csv;
pub mod html;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod show;
pub mod table;
pub mod template;
pub mod xlsx;

use labels::Lang;

use crate::assess::compare::Previous;
use crate::assess::{Report, Row};

/// A report as it is made: the plan's id, the as-of year, and the rows one
/// at a time, so that a report of a million indicators is written without
/// holding a million rows.
pub struct Rows<'a> {
    /// The plan's id.
    pub plan: &'a str,
    /// The as-of year.
    pub as_of: i32,
    /// The rows, in plan order.
    pub rows: Box<dyn Iterator<Item = Row> + 'a>,
    /// An earlier report to show each row's change since (`--since`).
    pub previous: Option<&'a Previous>,
}

impl<'a> Rows<'a> {
    /// The rows of a finished report.
    pub fn of(report: &'a Report) -> Rows<'a> {
        Rows {
            plan: &report.plan,
            as_of: report.as_of,
            rows: Box::new(report.indicators.iter().cloned()),
            previous: None,
        }
    }
}

/// How people-facing output is dressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// The language of names, headers and words.
    pub lang: Lang,
    /// Whether to colour statuses with ANSI escapes.
    pub color: bool,
    /// Whether the output is a terminal, whose width tables then fit.
    pub terminal: bool,
}

impl Look {
    /// No colour, not a terminal.
    pub fn plain(lang: Lang) -> Look {
        Look {
            lang,
            color: false,
            terminal: false,
        }
    }
}

/// Formats an optional number for people: `—` for null, else at most
/// `decimals` decimals with trailing zeros dropped.
pub fn number(value: Option<f64>, decimals: usize) -> String {
    match value {
        None => "—".to_string(),
        Some(v) => {
            let s = format!("{v:.decimals$}");
            let s = if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s
            };
            if s == "-0" { "0".to_string() } else { s }
        }
    }
}

/// Writes `value` as Rust prints an f64 (the shortest text that reads back
/// to the same number, never an exponent) into `buf`, replacing what it
/// held. Uses zmij for speed, and Rust's own formatting where zmij would
/// write an exponent.
pub fn plain_number(buf: &mut String, value: f64) {
    use std::fmt::Write;
    buf.clear();
    let mut digits = zmij::Buffer::new();
    let text = digits.format(value);
    if !value.is_finite() || text.as_bytes().contains(&b'e') {
        let _ = write!(buf, "{value}");
    } else {
        buf.push_str(text.strip_suffix(".0").unwrap_or(text));
    }
}

/// Formats an optional fraction as a percentage with at most `decimals`
/// decimals: `8.3%`, `—` for null.
pub fn percent(value: Option<f64>, decimals: usize) -> String {
    match value {
        None => "—".to_string(),
        Some(v) => format!("{}%", number(Some(v * 100.0), decimals)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_are_rusts_own() {
        let mut buf = String::new();
        for v in [
            0.0,
            -0.0,
            1.0,
            1360.0,
            0.075,
            -0.25,
            1e21,
            1e-7,
            123456.789,
            7.748127041120689,
            f64::MAX,
            f64::MIN_POSITIVE,
            1e15,
            1e16,
            0.1 + 0.2,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            plain_number(&mut buf, v);
            assert_eq!(buf, v.to_string(), "{v}");
        }
    }

    proptest::proptest! {
        /// Any f64, from its bits: the same text as Rust's own `Display`.
        #[test]
        fn plain_numbers_match_display(bits in proptest::prelude::any::<u64>()) {
            let v = f64::from_bits(bits);
            let mut buf = String::new();
            plain_number(&mut buf, v);
            proptest::prop_assert_eq!(buf, v.to_string());
        }

        /// Report-sized numbers, where the decimal form is chosen.
        #[test]
        fn everyday_numbers_match_display(v in -1e7f64..1e7) {
            let mut buf = String::new();
            plain_number(&mut buf, v);
            proptest::prop_assert_eq!(buf, v.to_string());
        }
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(number(Some(1800.0), 2), "1800");
        assert_eq!(number(Some(7.456), 2), "7.46");
        assert_eq!(number(Some(-0.001), 2), "0");
        assert_eq!(number(None, 2), "—");
        assert_eq!(percent(Some(0.0826544), 1), "8.3%");
        assert_eq!(percent(Some(0.576), 0), "58%");
    }
}
