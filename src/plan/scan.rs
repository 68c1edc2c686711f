//! A fast reader for the plain TOML that plan files are written in: one
//! `[[indicator]]` table of `key = value` lines, the values basic strings
//! without escapes, decimal numbers and booleans. Anything else (escapes,
//! literal strings, arrays, inline tables, dotted or quoted keys, dates,
//! comments after a value, a key given twice) is declined, and the table is
//! parsed by the `toml` crate instead, which also places every error. The
//! two must agree on every table this one reads; a fuzz target and a test
//! check that they do.

use std::ops::Range;

/// A scalar as a plan table holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Scalar<'a> {
    /// A string.
    Str(&'a str),
    /// An integer, as written, with its radix.
    Int(&'a str, u32),
    /// A float, as written.
    Float(&'a str),
    /// A boolean.
    Bool(bool),
    /// Anything else, by its TOML type name (`array`, `table`, …).
    Other(&'static str),
}

/// One `key = value` line read.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line<'a> {
    /// The key.
    pub key: &'a str,
    /// Where the key is, in the table's text.
    pub key_span: Range<usize>,
    /// The value.
    pub value: Scalar<'a>,
    /// Where the value is (a string's with its quotes).
    pub span: Range<usize>,
}

/// The lines of one `[[indicator]]` table, into `lines` (cleared first,
/// so that a caller reading many tables reuses one buffer), and the span of
/// its header; `None` if the text is not in the plain form this reader
/// takes.
pub(super) fn indicator<'a>(text: &'a str, lines: &mut Vec<Line<'a>>) -> Option<Range<usize>> {
    lines.clear();
    // A carriage return is looked for line by line only where there is one.
    let any_cr = memchr::memchr(b'\r', text.as_bytes()).is_some();
    let mut header = None;
    let mut offset = 0;
    while offset < text.len() {
        let start = offset;
        let rest = text.get(start..)?;
        offset += memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |at| at + 1);
        let raw = text.get(start..offset)?;
        // CRLF ends a line; a carriage return anywhere else (even last in
        // the file) is an error TOML reports, so the full parser reads it.
        let line = match raw.strip_suffix('\n') {
            Some(line) if any_cr => line.strip_suffix('\r').unwrap_or(line),
            Some(line) => line,
            None => raw,
        };
        if any_cr && line.contains('\r') {
            return None;
        }
        let lead = line.len() - trim_start(line).len();
        let trimmed = trim_end(line.get(lead..)?);
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') {
            // TOML allows no control character in a comment but tab.
            if trimmed.chars().any(|c| c.is_control() && c != '\t') {
                return None;
            }
            continue;
        }
        if trimmed.starts_with('[') {
            if header.is_some() || trimmed != "[[indicator]]" {
                return None;
            }
            header = Some(start + lead..start + lead + trimmed.len());
            continue;
        }
        header.as_ref()?;
        let parsed = key_value(line, start)?;
        let same_key = |l: &Line| l.key.len() == parsed.key.len() && l.key == parsed.key;
        if lines.iter().any(same_key) {
            return None;
        }
        lines.push(parsed);
    }
    header
}

/// `text` without the spaces and tabs (TOML's whitespace) it starts with.
fn trim_start(text: &str) -> &str {
    let blank = text
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    text.get(blank..).unwrap_or_default()
}

/// `text` without the spaces and tabs it ends with.
fn trim_end(text: &str) -> &str {
    let blank = text
        .bytes()
        .rev()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    text.get(..text.len() - blank).unwrap_or_default()
}

/// One `key = value` line starting at byte `start` of the table.
fn key_value(line: &str, start: usize) -> Option<Line<'_>> {
    let lead = line.len() - trim_start(line).len();
    let rest = line.get(lead..)?;
    let key_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    let key = rest.get(..key_len).filter(|k| !k.is_empty())?;
    let after_key = rest.get(key_len..)?;
    let eq = after_key.len() - trim_start(after_key).len();
    let after_eq = after_key.get(eq..)?.strip_prefix('=')?;
    let gap = after_eq.len() - trim_start(after_eq).len();
    let value_text = trim_end(after_eq.get(gap..)?);
    let value_start = start + lead + key_len + eq + 1 + gap;
    let value = scalar(value_text)?;
    Some(Line {
        key,
        key_span: start + lead..start + lead + key_len,
        value,
        span: value_start..value_start + value_text.len(),
    })
}

/// A value in the plain form, or `None`.
fn scalar(text: &str) -> Option<Scalar<'_>> {
    match text {
        "true" => return Some(Scalar::Bool(true)),
        "false" => return Some(Scalar::Bool(false)),
        _ => {}
    }
    if let Some(inner) = text.strip_prefix('"') {
        let body = inner.strip_suffix('"')?;
        // No escapes, no quote inside, no control character but tab: such
        // strings are left to the full parser.
        if !is_plain_text(body) {
            return None;
        }
        return Some(Scalar::Str(body));
    }
    number(text)
}

/// Whether a string's text holds no quote, no backslash and no control
/// character but tab (C0, DEL, C1), by its bytes: a C1 character is
/// U+0080–U+009F, written 0xC2 0x80–0x9F.
fn is_plain_text(body: &str) -> bool {
    let bytes = body.as_bytes();
    !bytes.iter().enumerate().any(|(i, &b)| match b {
        b'"' | b'\\' | 0x7f => true,
        0x00..=0x1f => b != b'\t',
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        _ => false,
    })
}

/// A decimal integer or float as TOML writes them, without underscores.
fn number(text: &str) -> Option<Scalar<'_>> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (int, frac_exp) = match unsigned.find(['.', 'e', 'E']) {
        Some(i) => (unsigned.get(..i)?, Some(unsigned.get(i..)?)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // TOML forbids leading zeros: `0123` is not a number.
    if !digits(int) || (int.len() > 1 && int.starts_with('0')) {
        return None;
    }
    let Some(rest) = frac_exp else {
        return Some(Scalar::Int(text, 10));
    };
    let (frac, exp) = match rest.strip_prefix('.') {
        Some(after) => match after.find(['e', 'E']) {
            Some(i) => (Some(after.get(..i)?), Some(after.get(i + 1..)?)),
            None => (Some(after), None),
        },
        None => (None, Some(rest.get(1..)?)),
    };
    if frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    if let Some(exp) = exp {
        let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if !digits(exp) {
            return None;
        }
    }
    Some(Scalar::Float(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_tables_are_read_with_their_spans() {
        let text = "[[indicator]]\nid = \"gdp\"\nname = \"地区生产总值\"\ntarget = 7.5\nbaseline = 1020\nbinding = true\n\n";
        let mut lines = Vec::new();
        let header = indicator(text, &mut lines).expect("plain");
        assert_eq!(header, 0..13);
        let keys: Vec<&str> = lines.iter().map(|l| l.key).collect();
        assert_eq!(keys, ["id", "name", "target", "baseline", "binding"]);
        assert_eq!(lines[0].value, Scalar::Str("gdp"));
        assert_eq!(&text[lines[0].span.clone()], "\"gdp\"");
        assert_eq!(&text[lines[1].key_span.clone()], "name");
        assert_eq!(lines[2].value, Scalar::Float("7.5"));
        assert_eq!(lines[3].value, Scalar::Int("1020", 10));
        assert_eq!(lines[4].value, Scalar::Bool(true));
    }

    proptest::proptest! {
        /// Plain text by its bytes is plain text by its characters.
        #[test]
        fn plain_text_is_told_by_bytes_as_by_characters(text in "\\PC*|[\\x00-\\u{a0}\"\\\\]*") {
            let by_chars = !text.contains(['"', '\\'])
                && !text.chars().any(|c| c.is_control() && c != '\t');
            proptest::prop_assert_eq!(is_plain_text(&text), by_chars);
        }
    }

    #[test]
    fn anything_else_goes_to_the_full_parser() {
        for text in [
            "[[indicator]]\nid = \"a\\nb\"\n",
            "[[indicator]]\nid = 'a'\n",
            "[[indicator]]\nid = [1]\n",
            "[[indicator]]\nid = \"a\" # note\n",
            "[[indicator]]\na.b = 1\n",
            "[[indicator]]\nid = \"a\"\nid = \"b\"\n",
            "[[indicator]]\ntarget = 0123\n",
            "[[indicator]]\ntarget = 1_000\n",
            "[[indicator]]\ntarget = inf\n",
            "[[indicator]]\ntarget = 1.\n",
            "[[indicator]]\nyear = 2025-01-01\n",
            "[plan]\nid = \"x\"\n",
            "id = \"x\"\n",
            "[[indicator]]\n# a \u{7f} comment\nid = \"x\"\n",
            "[[indicator]]\nid = \"x\"\r",
            "[[indicator]]\nid = \"x\"\rname = \"y\"\n",
        ] {
            assert_eq!(indicator(text, &mut Vec::new()), None, "{text:?}");
        }
        assert_eq!(number("-1.5e-3"), Some(Scalar::Float("-1.5e-3")));
        assert_eq!(number("+7"), Some(Scalar::Int("+7", 10)));
        assert_eq!(number("0"), Some(Scalar::Int("0", 10)));
    }
}
