//! What a cell of a main-indicator table (主要指标表) says: a figure with
//! a comparator (`≥7.5`, `20以上`, `不超过52`), a range (`5-10`), a rank
//! (`前30`), a five-year total (`〔13.5〕`), a multiple (`倍增`), a
//! direction (`逐年增加`), a comparison with another row (`高于经济增长`),
//! a yes/no goal (`建成`), or words with no checkable figure.

use crate::plan::Comparator;

/// What a target cell says.
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// A figure, with its comparator (`None` where the cell has none) and
    /// what else the cell said.
    Figure {
        comparator: Option<Comparator>,
        value: f64,
        high: Option<f64>,
        rank: bool,
        total: bool,
        about: bool,
        every_year: bool,
    },
    /// A multiple of the baseline (倍增: 2, 翻一番: 2).
    Factor(f64),
    /// A direction: `>` rising, `<` falling.
    Trend(Comparator),
    /// Faster than, or with, another row named in the words.
    Relative {
        comparator: Comparator,
        other: String,
    },
    /// A yes/no goal (建成, 完成, 实现, 是).
    Milestone,
    /// No checkable figure (保持在合理区间, 各年度视情提出).
    Words,
    /// Nothing in the cell.
    Empty,
}

/// Reads a target cell.
pub fn target(cell: &str) -> Said {
    let text = normalise(cell);
    if text.is_empty() || text == "-" || text == "—" || text == "/" {
        return Said::Empty;
    }
    if let Some(factor) = factor_of(&text) {
        return Said::Factor(factor);
    }
    if let Some(rel) = relative_of(&text) {
        return rel;
    }
    if let Some(figure) = figure_of(&text) {
        return figure;
    }
    if let Some(direction) = trend_of(&text) {
        return Said::Trend(direction);
    }
    if is_milestone(&text) {
        return Said::Milestone;
    }
    Said::Words
}

/// A baseline cell: the figure, and whether it is marked `*` (a year other
/// than the base year, as the footnote says) or bracketed (a five-year
/// total of the previous period).
pub fn baseline(cell: &str) -> (Option<f64>, bool, bool) {
    let text = normalise(cell);
    let starred = text.contains('*');
    let total = text.starts_with('[');
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    (digits.parse().ok(), starred, total)
}

/// The text with full-width forms made ASCII, Chinese brackets made
/// square, and spaces and thousands separators dropped.
pub fn normalise(cell: &str) -> String {
    cell.trim()
        .chars()
        .filter_map(|c| match c {
            '〔' | '［' | '【' => Some('['),
            '〕' | '］' | '】' => Some(']'),
            '（' => Some('('),
            '）' => Some(')'),
            '～' | '〜' | '~' => Some('-'),
            '，' | ',' | ' ' | '\u{3000}' => None,
            c if ('\u{FF10}'..='\u{FF19}').contains(&c) || c == '\u{FF0E}' => {
                char::from_u32(u32::from(c) - 0xFEE0)
            }
            c => Some(c),
        })
        .collect()
}

fn factor_of(text: &str) -> Option<f64> {
    if text.contains("倍增") || text.contains("翻一番") || text.contains("翻番") {
        return Some(2.0);
    }
    None
}

fn trend_of(text: &str) -> Option<Comparator> {
    const UP: &[&str] = &[
        "逐年增加",
        "逐年增长",
        "不断提升",
        "持续提升",
        "稳步提升",
        "逐步提高",
        "持续增加",
        "不断提高",
        "稳步增长",
        "持续增长",
    ];
    const DOWN: &[&str] = &[
        "持续减少",
        "逐年下降",
        "持续下降",
        "逐年减少",
        "不断降低",
        "稳步下降",
    ];
    if UP.iter().any(|w| text.contains(w)) {
        Some(Comparator::Gt)
    } else if DOWN.iter().any(|w| text.contains(w)) {
        Some(Comparator::Lt)
    } else {
        None
    }
}

fn relative_of(text: &str) -> Option<Said> {
    for (word, comparator) in [
        ("高于", Comparator::Gt),
        ("快于", Comparator::Gt),
        ("不低于", Comparator::Ge),
        ("与", Comparator::Ge),
    ] {
        let Some(rest) = text.split_once(word).map(|(_, r)| r) else {
            continue;
        };
        if word == "与" && !rest.contains("同步") {
            continue;
        }
        if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue; // 不低于90: a figure, not a comparison
        }
        let other = rest
            .trim_end_matches("同步")
            .trim_end_matches("增长")
            .trim_end_matches("增速")
            .trim_end_matches("幅度")
            .to_string();
        if other.is_empty() {
            continue;
        }
        return Some(Said::Relative { comparator, other });
    }
    None
}

fn is_milestone(text: &str) -> bool {
    text == "是"
        || ["建成", "完成", "实现", "达到", "全覆盖", "创建", "通过"]
            .iter()
            .any(|w| text.starts_with(w) || text.ends_with(w))
}

/// A figure with its comparator words, or `None` if the cell holds none.
fn figure_of(text: &str) -> Option<Said> {
    let every_year = text.starts_with("每年");
    let body = text.trim_start_matches("每年");
    let total = body.starts_with('[') && body.ends_with(']');
    let body = body.trim_matches(|c| c == '[' || c == ']');
    let (rank, body) = match body.strip_prefix("前") {
        Some(rest) => (true, rest.trim_end_matches(['位', '名'])),
        None => (false, body),
    };
    let (comparator, body) = comparator_words(body);
    let about = body.ends_with("左右");
    let body = body.trim_end_matches("左右").trim_end_matches('%');
    let (low, high) = match body.split_once('-').filter(|(a, _)| !a.is_empty()) {
        Some((a, b)) => (a, Some(b.trim_end_matches('%'))),
        None => (body, None),
    };
    let value: f64 = low.parse().ok()?;
    let high = match high {
        Some(h) => Some(h.parse::<f64>().ok()?),
        None => None,
    };
    let comparator = if rank {
        Some(Comparator::Le)
    } else {
        comparator
    };
    Some(Said::Figure {
        comparator,
        value,
        high,
        rank,
        total,
        about,
        every_year,
    })
}

/// The comparator a cell's words give, and the cell without them.
fn comparator_words(text: &str) -> (Option<Comparator>, &str) {
    const BEFORE: &[(&str, Comparator)] = &[
        (">=", Comparator::Ge),
        ("<=", Comparator::Le),
        ("≥", Comparator::Ge),
        ("≤", Comparator::Le),
        ("＞", Comparator::Gt),
        ("＜", Comparator::Lt),
        (">", Comparator::Gt),
        ("<", Comparator::Lt),
        ("不低于", Comparator::Ge),
        ("不少于", Comparator::Ge),
        ("不超过", Comparator::Le),
        ("不高于", Comparator::Le),
        ("突破", Comparator::Gt),
        ("超过", Comparator::Gt),
        ("达到", Comparator::Ge),
        ("控制在", Comparator::Le),
        ("低于", Comparator::Lt),
        ("小于", Comparator::Lt),
        ("大于", Comparator::Gt),
    ];
    const AFTER: &[(&str, Comparator)] = &[
        ("以上", Comparator::Ge),
        ("以下", Comparator::Le),
        ("以内", Comparator::Le),
    ];
    for (word, comparator) in BEFORE {
        if let Some(rest) = text.strip_prefix(word) {
            let rest = AFTER
                .iter()
                .find_map(|(w, _)| rest.strip_suffix(w))
                .unwrap_or(rest);
            return (Some(*comparator), rest);
        }
    }
    for (word, comparator) in AFTER {
        if let Some(rest) = text.strip_suffix(word) {
            return (Some(*comparator), rest);
        }
    }
    (None, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, comparator: Option<Comparator>) -> Said {
        Said::Figure {
            comparator,
            value,
            high: None,
            rank: false,
            total: false,
            about: false,
            every_year: false,
        }
    }

    #[test]
    fn comparators_in_words_and_signs() {
        assert_eq!(target("≥7.5"), figure(7.5, Some(Comparator::Ge)));
        assert_eq!(target("20以上"), figure(20.0, Some(Comparator::Ge)));
        assert_eq!(target("不超过52"), figure(52.0, Some(Comparator::Le)));
        assert_eq!(target("35以内"), figure(35.0, Some(Comparator::Le)));
        assert_eq!(target("＞１８００"), figure(1800.0, Some(Comparator::Gt)));
        assert_eq!(target("1,385.5"), figure(1385.5, None));
        assert_eq!(target("7.5%"), figure(7.5, None));
    }

    #[test]
    fn ranges_ranks_totals_and_about() {
        let Said::Figure { value, high, .. } = target("5-10") else {
            panic!("a range");
        };
        assert_eq!((value, high), (5.0, Some(10.0)));
        let Said::Figure {
            comparator,
            value,
            rank,
            ..
        } = target("前30")
        else {
            panic!("a rank");
        };
        assert_eq!(
            (comparator, value, rank),
            (Some(Comparator::Le), 30.0, true)
        );
        let Said::Figure { value, total, .. } = target("〔13.5〕") else {
            panic!("a total");
        };
        assert_eq!((value, total), (13.5, true));
        let Said::Figure { value, about, .. } = target("6左右") else {
            panic!("about");
        };
        assert_eq!((value, about), (6.0, true));
        let Said::Figure { every_year, .. } = target("每年≥99") else {
            panic!("every year");
        };
        assert!(every_year);
    }

    #[test]
    fn words_with_a_meaning_and_words_without() {
        assert_eq!(target("倍增"), Said::Factor(2.0));
        assert_eq!(target("逐年增加"), Said::Trend(Comparator::Gt));
        assert_eq!(target("持续减少"), Said::Trend(Comparator::Lt));
        assert_eq!(
            target("高于经济增长"),
            Said::Relative {
                comparator: Comparator::Gt,
                other: "经济".to_string()
            }
        );
        assert_eq!(
            target("与经济增长同步"),
            Said::Relative {
                comparator: Comparator::Ge,
                other: "经济".to_string()
            }
        );
        assert_eq!(target("建成"), Said::Milestone);
        assert_eq!(target("保持在合理区间"), Said::Words);
        assert_eq!(target("各年度视情提出"), Said::Words);
        assert_eq!(target(""), Said::Empty);
        assert_eq!(baseline("6.1*"), (Some(6.1), true, false));
        assert_eq!(baseline("〔12.4〕"), (Some(12.4), false, true));
    }
}
