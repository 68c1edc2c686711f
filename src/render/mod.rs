//! Rendering: the report, the indicator list and the data-entry template as text.
//!
//! Each format has its own module; all write to any `io::Write`. `cells`
//! and `labels` hold what the people-facing formats share.

pub mod cells;
pub mod csv;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod show;
pub mod table;
pub mod template;

use labels::Lang;

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
    fn numbers_for_people() {
        assert_eq!(number(Some(1800.0), 2), "1800");
        assert_eq!(number(Some(7.456), 2), "7.46");
        assert_eq!(number(Some(-0.001), 2), "0");
        assert_eq!(number(None, 2), "—");
        assert_eq!(percent(Some(0.0826544), 1), "8.3%");
        assert_eq!(percent(Some(0.576), 0), "58%");
    }
}
