//! Rendering: the report, the indicator list and the data-entry template as
//! text or workbooks.
//!
//! Each format has its own module; the text formats and the report
//! workbook write to any `io::Write`, the template and Word report make
//! their bytes. `cells` and `labels` hold what the people-facing formats
//! share.

pub mod cells;
pub mod chart;
pub mod committee;
pub mod csv;
pub mod docx;
pub mod fit;
pub mod html;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod narrative;
pub mod portfolio;
pub mod show;
pub mod table;
pub mod template;
pub mod xlsx;

use labels::Lang;

use crate::assess::compare::Previous;
use crate::assess::{Report, Row, Status};
use crate::plan::Plan;

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

/// Rows under one heading (`--group`): a chapter, a status, a kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The heading; none for the one group of an ungrouped, sorted report.
    pub title: Option<String>,
    /// The rows, in the order shown.
    pub rows: Vec<Row>,
}

/// What `--sort` orders the report by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortBy {
    /// Worst first: missed, moving-away, off-track, lagging, then the rest.
    Status,
    /// The largest distance still to go first.
    Gap,
    /// The least progress first.
    Progress,
    /// The largest step-up first: the pace still needed over the pace so
    /// far, so that targets in different units compare.
    Needed,
    /// By id.
    Id,
}

/// What `--group` groups the report by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// The plan's chapter (第三章, …).
    Chapter,
    /// The status, worst first.
    Status,
    /// The kind of target.
    Kind,
}

/// Where a status sorts, worst first: the slips, then what cannot be
/// judged, then what is on its way, then what is done.
pub fn worst_first(status: Status) -> usize {
    const ORDER: [Status; Status::COUNT] = [
        Status::Missed,
        Status::MovingAway,
        Status::OffTrack,
        Status::Lagging,
        Status::NotAssessable,
        Status::NoData,
        Status::Awaiting,
        Status::Pending,
        Status::OnTrack,
        Status::Ahead,
        Status::Met,
    ];
    ORDER
        .iter()
        .position(|s| *s == status)
        .unwrap_or(ORDER.len())
}

/// Orders `rows` by `sort` (stable: ties keep plan order; rows without the
/// figure go last).
pub fn sort_rows(rows: &mut [Row], sort: SortBy) {
    let figure = |row: &Row| -> Option<f64> {
        match sort {
            // Descending: the largest first.
            SortBy::Gap => row.gap.map(|g| -g),
            SortBy::Needed => step_up(row).map(|n| -n),
            SortBy::Progress => row.progress,
            SortBy::Status | SortBy::Id => None,
        }
    };
    match sort {
        SortBy::Status => rows.sort_by_key(|r| worst_first(r.status)),
        SortBy::Id => rows.sort_by(|a, b| a.id.cmp(&b.id)),
        _ => rows.sort_by(|a, b| match (figure(a), figure(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
    }
}

/// How many times the pace so far a target still needs (growth a year for
/// targets judged by CAGR, change a year otherwise); a target that has not
/// moved toward its target at all needs an infinite step-up. None once met
/// or missed, or without a needed pace.
fn step_up(row: &Row) -> Option<f64> {
    if matches!(row.status, Status::Met | Status::Missed) {
        return None;
    }
    let by_growth =
        row.kind == crate::plan::Kind::Growth || row.method == Some(crate::plan::Method::Cagr);
    let (needed, so_far) = if by_growth {
        (row.needed_cagr, row.actual_cagr)
    } else {
        (row.needed_annual, row.actual_annual)
    };
    let direction = row.comparator.direction();
    let (needed, so_far) = (needed? * direction, so_far.unwrap_or(0.0) * direction);
    Some(if so_far > 0.0 {
        needed / so_far
    } else {
        f64::INFINITY
    })
}

/// `rows` in groups by `by`, the groups in the plan's order (chapters,
/// kinds) or worst first (statuses).
pub fn group_rows(rows: Vec<Row>, by: GroupBy, plan: &Plan, lang: Lang) -> Vec<Group> {
    let key = |row: &Row| -> (usize, String) {
        match by {
            GroupBy::Status => (worst_first(row.status), lang.status(row.status).to_string()),
            GroupBy::Kind => (0, lang.kind(row.kind).to_string()),
            GroupBy::Chapter => {
                // Chapters in their numbers' order (a sort by status must
                // not put 第七章 before 第六章), titled as the plan has them.
                let chapter = plan.find(&row.id).and_then(|i| i.text().chapter.as_deref());
                let number = crate::plan::chapter_number(&chapter_of(chapter, lang));
                let order = number.map_or(usize::MAX, |n| n as usize);
                (order, committee::chapter_title(plan, chapter, lang))
            }
        }
    };
    let mut groups: Vec<(usize, Group)> = Vec::new();
    for row in rows {
        let (order, title) = key(&row);
        match groups
            .iter_mut()
            .find(|(_, g)| g.title.as_deref() == Some(title.as_str()))
        {
            Some((_, group)) => group.rows.push(row),
            None => groups.push((
                order,
                Group {
                    title: Some(title),
                    rows: vec![row],
                },
            )),
        }
    }
    groups.sort_by_key(|(order, _)| *order);
    groups.into_iter().map(|(_, g)| g).collect()
}

/// A row's doubtful figures as stable codes, for CSV and TSV:
/// `fraction:2024=0.075;fraction:2025=0.068`; `None` where there are none.
pub fn flag_codes(flags: &[crate::actuals::Flag]) -> Option<String> {
    if flags.is_empty() {
        return None;
    }
    let mut text = String::new();
    let mut figure = String::new();
    for (i, flag) in flags.iter().enumerate() {
        if i > 0 {
            text.push(';');
        }
        plain_number(&mut figure, flag.value);
        text.push_str(&format!("{}:{}={figure}", flag.doubt.code(), flag.year));
    }
    Some(text)
}

/// The chapter an indicator is grouped under: `第三章` of `第三章 第四节`.
pub fn chapter_of(chapter: Option<&str>, lang: Lang) -> String {
    chapter
        .and_then(|c| c.split_whitespace().next())
        .map_or_else(|| lang.pick("其他", "Other").to_string(), str::to_string)
}

/// How people-facing output is dressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// The language of names, headers and words.
    pub lang: Lang,
    /// Whether to colour statuses with ANSI escapes.
    pub color: bool,
    /// Whether the output is a terminal.
    pub terminal: bool,
    /// The width tables fit, in columns: the terminal's, or `--width`;
    /// none in pipes and files, where rows are not wrapped.
    pub width: Option<u16>,
    /// Every column of the report table (`--wide`), not the compact five.
    pub wide: bool,
}

impl Look {
    /// No colour, not a terminal.
    pub fn plain(lang: Lang) -> Look {
        Look {
            lang,
            color: false,
            terminal: false,
            width: None,
            wide: false,
        }
    }
}

/// The text `each` writes for every item, in order, in parts: a long list
/// (a bureau's hundred thousand rows) is written on every core, each part
/// by one thread, a short one in one part here.
pub fn text_of_each<T: Sync>(items: &[T], each: impl Fn(&mut String, &T) + Sync) -> Vec<String> {
    crate::parts::in_parts(items.len(), 4096, |range| {
        let mut text = String::new();
        for item in items.get(range).unwrap_or_default() {
            each(&mut text, item);
        }
        text
    })
}

/// Formats an optional number for people: `—` for null, else at most
/// `decimals` decimals with trailing zeros dropped.
pub fn number(value: Option<f64>, decimals: usize) -> String {
    // Room for a figure and what cells add after it (`个百分点`, ` (2023)`)
    // at once, rather than grown two or three times.
    let mut text = String::with_capacity(CELL_ROOM);
    push_number(&mut text, value, decimals);
    text
}

/// The bytes a figure's cell is made with room for.
const CELL_ROOM: usize = 32;

/// Adds [`number`]'s text to `out`, without a string of its own.
pub fn push_number(out: &mut String, value: Option<f64>, decimals: usize) {
    match value {
        None => out.push('—'),
        // Past 10^15 an f64's integer digits are noise: `1.7e308`, not 309
        // digits.
        Some(v) if v.is_finite() && v.abs() >= 1e15 => {
            // The shortest mantissa, rounded as any figure is (2.345 → 2.35).
            let text = format!("{v:e}");
            let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
            let mut exponent: i32 = exponent.parse().unwrap_or(0);
            let mut mantissa = number(mantissa.parse().ok(), decimals.max(1));
            if mantissa.trim_start_matches('-') == "10" {
                mantissa = mantissa.replace("10", "1");
                exponent += 1;
            }
            out.push_str(&format!("{mantissa}e{exponent}"));
        }
        // Rust's own text of the number, made faster (see `plain_number`).
        Some(v) => with_plain_number(v, |text| push_rounded(out, text, decimals)),
    }
}

/// Adds `text`, a number as Rust writes it (`-0.975`: no exponent, no
/// trailing zeros), to `out`, rounded to `decimals` places half away from
/// zero on its decimal digits, so that a figure written 0.975 shows as
/// 0.98 (formatting the binary value, just below 0.975, would give 0.97);
/// trailing zeros dropped, and never `-0`.
fn push_rounded(out: &mut String, text: &str, decimals: usize) {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    // A figure's text is short: a plain scan, not the searcher of
    // `split_once`, whose set-up costs more than the search.
    let point = unsigned.bytes().position(|b| b == b'.');
    let (int, frac) = match point {
        Some(at) => (&unsigned[..at], &unsigned[at + 1..]),
        None => (unsigned, ""),
    };
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits_only(int) || !digits_only(frac) {
        out.push_str(text); // inf or NaN: never shown, but never mangled
        return;
    }
    let (kept, dropped) = frac.split_at(decimals.min(frac.len()));
    if dropped.as_bytes().first().is_some_and(|&d| d >= b'5') {
        return push_rounded_up(out, sign, int, kept);
    }
    let kept = kept.trim_end_matches('0');
    if kept.is_empty() && int.bytes().all(|b| b == b'0') {
        out.push('0');
        return;
    }
    out.push_str(sign);
    out.push_str(int);
    if !kept.is_empty() {
        out.push('.');
        out.push_str(kept);
    }
}

/// Adds `sign int.kept` with one added to its last digit, carried left
/// (`9.99` → `10`), trailing decimal zeros dropped: the last digit that
/// is not 9 takes the carry, and the 9s after it become zeros.
fn push_rounded_up(out: &mut String, sign: &str, int: &str, kept: &str) {
    let not_nine = |digits: &str| digits.rfind(|c| c != '9');
    let digit_after = |digits: &str, at: usize| {
        let d = digits.as_bytes().get(at).copied().unwrap_or(b'0');
        char::from(d + 1)
    };
    out.push_str(sign);
    match (not_nine(kept), not_nine(int)) {
        // A decimal takes it: what followed it were 9s, now dropped zeros.
        (Some(at), _) => {
            out.push_str(int);
            out.push('.');
            out.push_str(kept.get(..at).unwrap_or_default());
            out.push(digit_after(kept, at));
        }
        (None, Some(at)) => {
            out.push_str(int.get(..at).unwrap_or_default());
            out.push(digit_after(int, at));
            out.extend(std::iter::repeat_n('0', int.len() - at - 1));
        }
        // All 9s: one more digit.
        (None, None) => {
            out.push('1');
            out.extend(std::iter::repeat_n('0', int.len()));
        }
    }
}

/// Writes `value` as the shortest text that reads back to the same number,
/// never with an exponent, into `buf`, replacing what it held (as Rust
/// prints an f64, but for the rare tie where Rust picks the other of two
/// shortest texts). Uses zmij for speed, and Rust's own formatting where zmij would
/// write an exponent.
pub fn plain_number(buf: &mut String, value: f64) {
    buf.clear();
    with_plain_number(value, |text| buf.push_str(text));
}

/// Calls `f` with [`plain_number`]'s text of `value`, made on the stack.
pub fn with_plain_number<R>(value: f64, f: impl FnOnce(&str) -> R) -> R {
    // A whole number (most targets, and figures as entered) is written as
    // the integer it is: the same text, at a fraction of the cost. Below
    // 10^15 every whole f64 is an exact i64; -0 keeps its sign below.
    if value.fract() == 0.0 && value.abs() < 1e15 && value.to_bits() != (-0.0f64).to_bits() {
        return f(itoa::Buffer::new().format(value as i64));
    }
    if !value.is_finite() {
        return f(&value.to_string());
    }
    let mut digits = zmij::Buffer::new();
    let text = digits.format_finite(value);
    // zmij writes an exponent only outside 1e-5..1e16: most figures are
    // not looked through for one.
    let inside = (1e-4..1e15).contains(&value.abs());
    if !inside && text.as_bytes().contains(&b'e') {
        f(&value.to_string())
    } else {
        f(text.strip_suffix(".0").unwrap_or(text))
    }
}

/// `text` cut into lines of at most `width` display columns (Chinese
/// characters count two), at the line-break opportunities of Unicode's
/// line-breaking algorithm (UAX #14): between Chinese characters, at
/// spaces in English, never before closing punctuation (`）`, `。`) or
/// after opening; and never between a number and what follows it
/// (`2024年`, `7.5%`). A piece wider than a whole line is cut by columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, width.max(1), &mut lines);
    }
    lines
}

/// A list (a summary, a heading with its counts, a list of names) cut
/// into lines of at most `width` columns between its items, after `，`,
/// `、`, `；`, `：`, `】` or `,`, so that no item (`明显滞后2项`, `45
/// missed`) is split; an item wider than a line is cut by [`wrap`].
pub fn wrap_list(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let ends_item = |c: char| matches!(c, '，' | '、' | '；' | '：' | '】' | ',');
    for item in text.split_inclusive(ends_item) {
        let mut item = item;
        if !line.is_empty() && display_width(&line) + display_width(item.trim_end()) > width {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
        }
        if line.is_empty() {
            item = item.trim_start();
        }
        if display_width(item.trim_end()) > width {
            let mut pieces = wrap(item, width);
            line = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
        } else {
            line.push_str(item);
        }
    }
    lines.push(line.trim_end().to_string());
    lines
}

/// The display width of the widest piece of `text` that [`wrap`] does not
/// break: the narrowest a column can be without cutting a word.
pub fn widest_piece(text: &str) -> usize {
    let mut widest = 0;
    for paragraph in text.split('\n') {
        let mut start = 0;
        for at in breaks(paragraph) {
            widest = widest.max(display_width(paragraph[start..at].trim_end()));
            start = at;
        }
    }
    widest
}

/// Where a line of `text` may break (byte offsets, the end included): the
/// opportunities of UAX #14 but after a digit (see [`breaks_after_number`]),
/// a `/` (`%/yr`, `亿元/年` keep whole) or a hyphen (`high-tech` is one
/// word), and after the `_` of an id (`national_zones_` / `gdp_growth`), which
/// joins words as a hyphen does.
fn breaks(text: &str) -> Vec<usize> {
    let mut at: Vec<usize> = unicode_linebreak::linebreaks(text)
        .map(|(at, _)| at)
        .filter(|&at| {
            at == text.len() || breaks_after_number(text, at) && !text[..at].ends_with(['/', '-'])
        })
        .collect();
    let underscores = text
        .match_indices('_')
        .map(|(i, _)| i + 1)
        .filter(|&i| text[i..].starts_with(|c: char| c.is_ascii_alphanumeric()));
    at.extend(underscores);
    at.sort_unstable();
    at.dedup();
    at
}

/// One paragraph of [`wrap`], its lines pushed onto `lines`.
fn wrap_paragraph(text: &str, width: usize, lines: &mut Vec<String>) {
    if display_width(text) <= width {
        lines.push(text.trim_end().to_string());
        return;
    }
    let mut line = String::new();
    let mut used = 0;
    let mut start = 0;
    for at in breaks(text) {
        let piece = &text[start..at];
        start = at;
        let w = display_width(piece.trim_end());
        if used > 0 && used + w > width {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
        }
        for c in piece.chars() {
            let cw = display_width_char(c);
            if used + cw > width && used > 0 && !c.is_whitespace() {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    lines.push(line.trim_end().to_string());
}

/// Whether a break at `at` is allowed by our own rule on top of UAX #14:
/// not right after a digit unless a space follows, so that a number keeps
/// its unit (`2024年`, `1360亿元`).
fn breaks_after_number(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    !matches!((before, after), (Some(b), Some(a)) if b.is_ascii_digit() && !a.is_whitespace())
}

fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

fn display_width_char(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Formats an optional fraction as a percentage with at most `decimals`
/// decimals: `8.3%`, `—` for null.
pub fn percent(value: Option<f64>, decimals: usize) -> String {
    let mut text = String::with_capacity(CELL_ROOM);
    push_percent(&mut text, value, decimals);
    text
}

/// Adds [`percent`]'s text to `out`.
pub fn push_percent(out: &mut String, value: Option<f64>, decimals: usize) {
    match value {
        None => out.push('—'),
        Some(v) => {
            push_number(out, Some(v * 100.0), decimals);
            out.push('%');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_half_away_from_zero_on_their_decimal_digits() {
        assert_eq!(number(Some(0.975), 2), "0.98");
        assert_eq!(number(Some(2.675), 2), "2.68");
        assert_eq!(number(Some(-0.975), 2), "-0.98");
        assert_eq!(number(Some(9.995), 2), "10");
        assert_eq!(number(Some(99.5), 0), "100");
        assert_eq!(number(Some(0.974), 2), "0.97");
        assert_eq!(number(Some(1385.5), 4), "1385.5");
        assert_eq!(number(Some(-0.001), 2), "0");
        // Past 10^15, where an f64's integer digits are noise: exponents.
        assert_eq!(number(Some(1e21), 2), "1e21");
        assert_eq!(number(Some(1.7e308), 2), "1.7e308");
        assert_eq!(number(Some(-2.345e15), 2), "-2.35e15");
        assert_eq!(number(Some(999_999_999_999_999.0), 0), "999999999999999");
        assert_eq!(number(Some(9.999e20), 2), "1e21");
    }

    #[test]
    fn wrap_breaks_between_characters_and_words_not_inside_them() {
        // Between Chinese characters, but not before a closing bracket
        // nor between a number and its unit.
        assert_eq!(
            wrap("传统汽车产业规模（2024年）", 12),
            ["传统汽车产业", "规模", "（2024年）"]
        );
        assert_eq!(
            wrap("规模（最新为2024年）", 16),
            ["规模（最新为", "2024年）"]
        );
        // English at spaces only.
        assert_eq!(
            wrap("Companies listed on the main boards", 12),
            ["Companies", "listed on", "the main", "boards"]
        );
        // A word wider than the line is cut, and nothing is lost.
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn wrap_list_keeps_each_item_whole() {
        let summary = "截至2023年：已实现12项，快于预期9项，明显滞后9项，逆向变化1项";
        assert_eq!(
            wrap_list(summary, 40),
            [
                "截至2023年：已实现12项，快于预期9项，",
                "明显滞后9项，逆向变化1项"
            ]
        );
        assert_eq!(
            wrap_list("as of 2023: 12 met, 9 off-track, 1 moving-away", 30),
            ["as of 2023: 12 met,", "9 off-track, 1 moving-away"]
        );
        for line in wrap_list(summary, 40) {
            assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= 40);
        }
    }

    #[test]
    fn plain_numbers_are_rusts_own() {
        let mut buf = String::new();
        for v in [
            0.0,
            -0.0,
            1.0,
            1360.0,
            -1360.0,
            999_999_999_999_999.0,
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
        /// Any f64, from its bits: text that reads back to the same number,
        /// never an exponent, and no longer than Rust's own `Display` (which
        /// may pick another shortest text in a tie: `…397.63` for `…397.62`).
        #[test]
        fn plain_numbers_read_back(bits in proptest::prelude::any::<u64>()) {
            let v = f64::from_bits(bits);
            let mut buf = String::new();
            plain_number(&mut buf, v);
            if v.is_finite() {
                proptest::prop_assert_eq!(buf.parse::<f64>().ok(), Some(v));
                proptest::prop_assert!(!buf.contains('e'));
                proptest::prop_assert!(buf.len() <= v.to_string().len());
            } else {
                proptest::prop_assert_eq!(buf, v.to_string());
            }
        }

        /// Whole numbers are written as Rust writes them.
        #[test]
        fn whole_numbers_read_as_rust_writes_them(n in -999_999_999_999_999i64..=999_999_999_999_999) {
            let v = n as f64;
            let mut buf = String::new();
            plain_number(&mut buf, v);
            proptest::prop_assert_eq!(buf, v.to_string());
        }

        /// Figures near the edges of zmij's decimal form never come with
        /// an exponent.
        #[test]
        fn figures_near_the_edges_have_no_exponent(m in 1.0f64..10.0, e in -6i32..17) {
            let v = m * 10f64.powi(e);
            let mut buf = String::new();
            plain_number(&mut buf, v);
            proptest::prop_assert!(!buf.contains('e'), "{}", buf);
            proptest::prop_assert_eq!(buf.parse::<f64>().ok(), Some(v));
        }

        /// Report-sized numbers read back and keep their decimal form.
        #[test]
        fn everyday_numbers_read_back(v in -1e7f64..1e7) {
            let mut buf = String::new();
            plain_number(&mut buf, v);
            proptest::prop_assert_eq!(buf.parse::<f64>().ok(), Some(v));
            proptest::prop_assert_eq!(buf.len(), v.to_string().len());
        }
    }

    /// The rounding as first written: every digit of the text into a
    /// vector, the carry run through it, the text made again. The oracle
    /// for [`push_rounded`], which rounds on the stack.
    fn rounded_by_digits(text: &str, decimals: usize) -> String {
        let (sign, unsigned) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text),
        };
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let mut int_len = int.len();
        let keep = int_len + decimals.min(frac.len());
        let up = frac.len() > decimals && digits[keep] >= 5;
        digits.truncate(keep);
        if up {
            let mut carry = true;
            for d in digits.iter_mut().rev() {
                if *d == 9 {
                    *d = 0;
                } else {
                    *d += 1;
                    carry = false;
                    break;
                }
            }
            if carry {
                digits.insert(0, 1);
                int_len += 1;
            }
        }
        let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let (int, frac) = text.split_at(int_len);
        let mut s = if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac}")
        };
        if s.contains('.') {
            let kept = s.trim_end_matches('0').trim_end_matches('.').len();
            s.truncate(kept);
        }
        if s == "-0" { "0".to_string() } else { s }
    }

    #[test]
    fn rounding_carries_through_every_digit() {
        assert_eq!(number(Some(9.995), 2), "10");
        assert_eq!(number(Some(0.995), 2), "1");
        assert_eq!(number(Some(-9.5), 0), "-10");
        assert_eq!(number(Some(0.0049), 2), "0");
        assert_eq!(number(Some(-0.0049), 2), "0");
        assert_eq!(number(Some(123.45), 1), "123.5");
        assert_eq!(number(Some(1.905), 2), "1.91");
        assert_eq!(number(Some(0.1 + 0.2), 4), "0.3");
        assert_eq!(number(Some(-0.0), 2), "0");
        assert_eq!(number(Some(1e-300), 4), "0");
        assert_eq!(number(Some(999_999_999_999_999.5), 0), "1000000000000000");
        // More digits than the stack holds.
        assert_eq!(number(Some(5e-40), 39), format!("0.{}1", "0".repeat(38)));
    }

    proptest::proptest! {
        /// Any finite number below 10^15, at any precision (past what the
        /// stack holds too), rounds as the digit-by-digit oracle does.
        #[test]
        fn numbers_round_as_the_digits_do(bits in proptest::prelude::any::<u64>(), decimals in 0usize..40) {
            let v = f64::from_bits(bits);
            proptest::prop_assume!(v.is_finite() && v.abs() < 1e15);
            let mut text = String::new();
            plain_number(&mut text, v);
            proptest::prop_assert_eq!(number(Some(v), decimals), rounded_by_digits(&text, decimals));
        }

        #[test]
        fn report_sized_numbers_round_as_the_digits_do(v in -1e7f64..1e7, decimals in 0usize..7) {
            let mut text = String::new();
            plain_number(&mut text, v);
            proptest::prop_assert_eq!(number(Some(v), decimals), rounded_by_digits(&text, decimals));
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
