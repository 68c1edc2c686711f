//! Reading one cell: a number, a yes/no, a year, as spreadsheets write them.
//!
//! Every parser is strict: a cell is read as what it plainly says, or
//! refused with what was expected. Nothing is guessed.

use std::borrow::Cow;

use super::Observation;

/// What a value cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// No value (empty, NA, —, …).
    Missing,
    /// A value.
    Value(Observation),
}

/// The words and marks that mean "no value".
const MISSING: &[&str] = &["", "na", "n/a", "-", "—", "——", "–", "…", "……", "...", "无"];

/// What a number cell may hold, for messages: Chinese, English.
pub const NUMBER_EXPECTED: (&str, &str) = (
    "应为数字，如1385.5、1,385.5、+3.2或16%，无数值时留空或填NA/—/无",
    "expected a number such as 1385.5, 1,385.5, +3.2 or 16%, or empty/NA/—/无 for no value",
);

/// What a milestone cell may hold, for messages: Chinese, English.
pub const FLAG_EXPECTED: (&str, &str) = (
    "应为是/否、已完成/未完成、完成、yes/no、true/false或1/0，无数值时留空",
    "expected yes/no, true/false, 1/0, 是/否, 已完成/未完成 or 完成, or empty for no value",
);

/// Full-width digits, signs and punctuation to ASCII; surrounding white
/// space (including the ideographic space) trimmed. Allocates only for
/// text that is not plain ASCII.
pub fn normalize_text(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text.trim());
    }
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}'
            | '\u{FF0B}'
            | '\u{FF0C}'
            | '\u{FF0D}'
            | '\u{FF0E}'
            | '\u{FF05}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    Cow::Owned(mapped.trim().to_string())
}

fn is_missing(text: &str) -> bool {
    MISSING.iter().any(|m| m.eq_ignore_ascii_case(text))
}

/// Parses a number cell as spreadsheets write them. `16%` is 16.
///
/// Accepted: an optional single sign, digits with optional thousands
/// separators in groups of three, an optional fraction and exponent, an
/// optional trailing `%`. Refused: anything else, including `+-5`, `inf`
/// and `=1+1`, and numbers too large to be finite.
pub fn parse_number(text: &str) -> Result<Cell, (&'static str, &'static str)> {
    match plain_decimal(text) {
        Some(n) => Ok(Cell::Value(Observation::Number(n))),
        None => parse_number_in_full(text),
    }
}

/// A cell that is only digits, with at most one `.` between them (`1385`,
/// `7.5`), as most cells of a long table are: read at once, as
/// [`parse_number_in_full`] would read it.
fn plain_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (first, last) = (bytes.first()?, bytes.last()?);
    let points = bytes.iter().filter(|&&b| b == b'.').count();
    let plain = bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.');
    if !(plain && points <= 1 && first.is_ascii_digit() && last.is_ascii_digit()) {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// [`parse_number`] of any cell: full-width characters, separators,
/// signs, exponents, percentages and the words for no value.
fn parse_number_in_full(text: &str) -> Result<Cell, (&'static str, &'static str)> {
    let t = normalize_text(text);
    if is_missing(&t) {
        return Ok(Cell::Missing);
    }
    let s = t.strip_suffix('%').map(str::trim_end).unwrap_or(&t);
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'+') => (false, s.get(1..).unwrap_or_default()),
        Some(b'-') => (true, s.get(1..).unwrap_or_default()),
        _ => (false, s),
    };
    if !well_formed(digits) {
        return Err(NUMBER_EXPECTED);
    }
    let plain: Cow<str> = if digits.contains(',') {
        Cow::Owned(digits.replace(',', ""))
    } else {
        Cow::Borrowed(digits)
    };
    match plain.parse::<f64>() {
        Ok(n) if n.is_finite() => {
            let n = if negative { -n } else { n };
            Ok(Cell::Value(Observation::Number(n)))
        }
        _ => Err(NUMBER_EXPECTED),
    }
}

/// Whether `digits` (no sign) is `int[.frac][e[±]exp]` with the integer
/// part grouped by commas in threes or not at all.
fn well_formed(digits: &str) -> bool {
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(i) => (
            digits.get(..i).unwrap_or_default(),
            Some(digits.get(i + 1..).unwrap_or_default()),
        ),
        None => (digits, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first_ok = groups
            .next()
            .is_some_and(|g| (1..=3).contains(&g.len()) && all_digits(g));
        first_ok && groups.all(|g| g.len() == 3 && all_digits(g))
    } else {
        all_digits(int_part)
    };
    let frac_ok = frac_part.is_none_or(all_digits);
    let has_digit = !int_part.is_empty() || frac_part.is_some_and(|f| !f.is_empty());
    let exp_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    int_ok && frac_ok && has_digit && exp_ok
}

/// Parses a milestone cell.
pub fn parse_flag(text: &str) -> Result<Cell, (&'static str, &'static str)> {
    let t = normalize_text(text).to_lowercase();
    let flag = match t.as_str() {
        "yes" | "y" | "true" | "1" | "是" | "完成" | "已完成" | "done" => true,
        "no" | "n" | "false" | "0" | "否" | "未完成" => false,
        other if is_missing(other) => return Ok(Cell::Missing),
        _ => return Err(FLAG_EXPECTED),
    };
    Ok(Cell::Value(Observation::Flag(flag)))
}

/// A four-digit year, optionally followed by 年, full-width digits allowed.
pub fn parse_year(text: &str) -> Option<i32> {
    // Most cells: four ASCII digits and nothing else.
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let t = normalize_text(text);
    let t = t.strip_suffix('年').unwrap_or(&t).trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// The first number written in a cell such as `≥1800`, `1800亿元` or
/// `突破1,800`, for checking a sheet's target column against the plan.
pub fn first_number(text: &str) -> Option<f64> {
    let t = normalize_text(text);
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let rest = t.get(start..)?;
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    match parse_number(rest.get(..end)?.trim_end_matches(['.', ','])) {
        Ok(Cell::Value(Observation::Number(n))) => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A cell read at once reads as it does in full; and one read in
        /// full as a plain figure is read at once.
        #[test]
        fn plain_figures_read_at_once_as_in_full(text in "[0-9.]{1,24}|[0-9]{1,18}(\\.[0-9]{1,12})?") {
            let full = parse_number_in_full(&text);
            match plain_decimal(&text) {
                Some(n) => proptest::prop_assert_eq!(full, Ok(Cell::Value(Observation::Number(n)))),
                None => proptest::prop_assert!(
                    text.starts_with('.') || text.ends_with('.') || text.matches('.').count() > 1,
                    "{} not read at once", text
                ),
            }
        }
    }

    fn num(text: &str) -> Option<f64> {
        match parse_number(text) {
            Ok(Cell::Value(Observation::Number(n))) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn numbers_as_spreadsheets_write_them() {
        assert_eq!(num("1385.5"), Some(1385.5));
        assert_eq!(num(" 1,385.5 "), Some(1385.5));
        assert_eq!(num("+3.2"), Some(3.2));
        assert_eq!(num("16%"), Some(16.0));
        assert_eq!(num("-0.5"), Some(-0.5));
        assert_eq!(num("－0.5"), Some(-0.5));
        assert_eq!(num("８０００"), Some(8000.0));
        assert_eq!(num("１２．５"), Some(12.5));
        assert_eq!(num("1.2E+3"), Some(1200.0));
        assert_eq!(num(".5"), Some(0.5));
        for missing in ["", "NA", "n/a", "-", "—", "…", "无"] {
            assert_eq!(parse_number(missing), Ok(Cell::Missing), "{missing}");
        }
        for bad in [
            "abc", "=1+1", "inf", "NaN", "1,5", "12,34.5", "1.2.3", "1,2345", "%", "+", "1e",
            "+-5", "--5", "-+5", "++5", "1e999", "-1e999", "1 000", "0x10",
        ] {
            assert!(parse_number(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn milestone_words() {
        assert_eq!(parse_flag("是"), Ok(Cell::Value(Observation::Flag(true))));
        assert_eq!(
            parse_flag("已完成"),
            Ok(Cell::Value(Observation::Flag(true)))
        );
        assert_eq!(
            parse_flag("未完成"),
            Ok(Cell::Value(Observation::Flag(false)))
        );
        assert_eq!(parse_flag("No"), Ok(Cell::Value(Observation::Flag(false))));
        assert!(parse_flag("maybe").is_err());
    }

    #[test]
    fn years_in_headers() {
        assert_eq!(parse_year("2022"), Some(2022));
        assert_eq!(parse_year("2022年"), Some(2022));
        assert_eq!(parse_year("２０２２"), Some(2022));
        assert_eq!(parse_year("22"), None);
        assert_eq!(parse_year("2025年目标"), None);
    }

    #[test]
    fn targets_as_sheets_write_them() {
        assert_eq!(first_number("≥1800"), Some(1800.0));
        assert_eq!(first_number("突破1,800亿元"), Some(1800.0));
        assert_eq!(first_number("7.5%"), Some(7.5));
        assert_eq!(first_number("力争实现"), None);
    }
}
