//! Diagnostics: a problem in an input file, with the place it was found.
//!
//! Every input error plantrack reports is a [`Diagnostic`]: the file, the
//! line and column (1-based, columns counted in characters), and a message
//! that says what was found and what was expected. They print as
//! `file:line:col: message`, the form editors and `grep` understand.
//!
//! Text that comes from the user's files (cells, file names) is shown
//! through [`quote`] or [`escape_controls`], so that a control character in
//! a file cannot move the cursor, recolour or retitle the reader's terminal.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::msg::{Lang, Text};

/// A place in an input file: a line (and column) of a text file, or a row
/// (and column) of a workbook's sheet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file as the user named it (or `<embedded>/…` for the built-in plan).
    pub file: Arc<str>,
    /// The sheet, in a workbook.
    pub sheet: Option<Arc<str>>,
    /// 1-based line number, or row number in a sheet.
    pub line: usize,
    /// 1-based column (in characters, in a text file); `None` where only
    /// the line is known.
    pub column: Option<usize>,
}

impl Location {
    /// A location with a line and column.
    pub fn new(file: impl Into<Arc<str>>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            sheet: None,
            line,
            column: Some(column),
        }
    }

    /// A location known only to the line.
    pub fn line(file: impl Into<Arc<str>>, line: usize) -> Self {
        Location {
            file: file.into(),
            sheet: None,
            line,
            column: None,
        }
    }

    /// A row of a workbook's sheet, or a cell if `column` (1-based) is given.
    pub fn cell(file: Arc<str>, sheet: Arc<str>, row: usize, column: Option<usize>) -> Self {
        Location {
            file,
            sheet: Some(sheet),
            line: row,
            column,
        }
    }
}

/// A spreadsheet's name for a 1-based column: 1 is `A`, 27 is `AA`.
pub fn column_letters(column: usize) -> String {
    let mut n = column;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = escape_controls(&self.file);
        match (&self.sheet, self.column) {
            // As a spreadsheet names a cell (`book.xlsx:2022年!C14`), or a
            // whole row (`book.xlsx:2022年!14:14`).
            (Some(sheet), Some(col)) => write!(
                f,
                "{file}:{}!{}{}",
                escape_controls(sheet),
                column_letters(col),
                self.line
            ),
            (Some(sheet), None) => write!(
                f,
                "{file}:{}!{}:{}",
                escape_controls(sheet),
                self.line,
                self.line
            ),
            (None, Some(col)) => write!(f, "{file}:{}:{col}", self.line),
            (None, None) => write!(f, "{file}:{}", self.line),
        }
    }
}

/// Where each line of a text starts, built once so that turning a byte
/// offset into a line and column costs a binary search, not a rescan.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line and character column of byte `offset` in `text` (the
    /// text this index was built from).
    ///
    /// An offset past the end, or inside a multi-byte character, is clamped
    /// to the nearest character boundary before it.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line.max(1), column)
    }
}

/// One problem found in an input, at a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong and what is expected.
    pub message: Text,
}

impl Diagnostic {
    /// A diagnostic at `location`.
    pub fn new(location: Location, message: impl Into<Text>) -> Self {
        Diagnostic {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sep = match crate::msg::lang() {
            Lang::Zh => "：",
            Lang::En => ": ",
        };
        write!(f, "{}{sep}{}", self.location, self.message)
    }
}

/// How much a [`Remark`] matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// For information: how a file was read.
    Note,
    /// Something in the input that was not read (a column without a known
    /// header, a sheet or file passed over): a note, but an error under
    /// `--strict`.
    Loss,
    /// Probably a mistake in the input; the run goes on.
    Warning,
}

/// Something worth telling about an input that is not an error: printed on
/// standard error as `note: …` or `warning: …`, with exit code 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remark {
    /// Note or warning.
    pub level: Level,
    /// The text, starting with the place (`file:line: `) where there is one.
    pub message: Text,
}

impl Remark {
    /// A note.
    pub fn note(message: impl Into<Text>) -> Self {
        Remark {
            level: Level::Note,
            message: message.into(),
        }
    }

    /// A note that something in the input was not read.
    pub fn loss(message: impl Into<Text>) -> Self {
        Remark {
            level: Level::Loss,
            message: message.into(),
        }
    }

    /// Whether `--strict` refuses the input for it: a warning, or
    /// something not read.
    pub fn is_strict_error(&self) -> bool {
        self.level >= Level::Loss
    }

    /// A warning.
    pub fn warning(message: impl Into<Text>) -> Self {
        Remark {
            level: Level::Warning,
            message: message.into(),
        }
    }

    /// A warning at a place.
    pub fn warning_at(location: &Location, message: &Text) -> Self {
        Remark::warning(message.at(location))
    }
}

impl fmt::Display for Remark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match (self.level, crate::msg::lang()) {
            (Level::Note | Level::Loss, Lang::Zh) => "注意：",
            (Level::Warning, Lang::Zh) => "警告：",
            (Level::Note | Level::Loss, Lang::En) => "note: ",
            (Level::Warning, Lang::En) => "warning: ",
        };
        write!(f, "{level}{}", self.message)
    }
}

/// At most this many problems are kept and printed for one file…
pub const MAX_PER_FILE: usize = 50;
/// …and at most this many in all; the rest are counted.
pub const MAX_SHOWN: usize = 200;

/// The problems found in the inputs: the first ones in full (at most
/// [`MAX_PER_FILE`] a file and [`MAX_SHOWN`] in all), the rest counted, so
/// that a broken million-row file gives a short error quickly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    shown: Vec<Diagnostic>,
    per_file: HashMap<Arc<str>, usize>,
    total: usize,
}

impl Problems {
    /// No problems yet.
    pub fn new() -> Self {
        Problems::default()
    }

    /// Whether a problem in `file` would still be shown. Callers that build
    /// costly messages (a typo suggestion) check this first and call
    /// [`Problems::count`] instead when it is false.
    pub fn wants(&self, file: &str) -> bool {
        self.shown.len() < MAX_SHOWN && self.per_file.get(file).copied().unwrap_or(0) < MAX_PER_FILE
    }

    /// Records a problem in `file` without its message.
    pub fn count(&mut self, file: &Arc<str>) {
        self.total += 1;
        *self.per_file.entry(Arc::clone(file)).or_default() += 1;
    }

    /// Records a problem, keeping its message if it is still shown.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let keep = self.wants(&diagnostic.location.file);
        self.count(&diagnostic.location.file);
        if keep {
            self.shown.push(diagnostic);
        }
    }

    /// Whether there is no problem.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many problems were found, shown or not.
    pub fn len(&self) -> usize {
        self.total
    }

    /// The problems kept in full.
    pub fn shown(&self) -> &[Diagnostic] {
        &self.shown
    }
}

impl From<Vec<Diagnostic>> for Problems {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        let mut problems = Problems::new();
        for d in diagnostics {
            problems.push(d);
        }
        problems
    }
}

impl fmt::Display for Problems {
    /// One problem a line, in file and position order, then a count of the
    /// ones not shown: `… and 12 more problems (3 files)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sorted: Vec<&Diagnostic> = self.shown.iter().collect();
        sorted.sort_by(|a, b| a.location.cmp(&b.location));
        let mut first = true;
        for d in sorted {
            if !first {
                writeln!(f)?;
            }
            first = false;
            write!(f, "{d}")?;
        }
        let hidden = self.total - self.shown.len();
        if hidden > 0 {
            let mut files: HashMap<&str, usize> = HashMap::new();
            for d in &self.shown {
                *files.entry(&d.location.file).or_default() += 1;
            }
            let with_hidden = self
                .per_file
                .iter()
                .filter(|(file, n)| files.get(file.as_ref()).copied().unwrap_or(0) < **n)
                .count();
            match crate::msg::lang() {
                Lang::Zh => write!(f, "\n……另有{hidden}处问题未列出（{with_hidden}个文件）")?,
                Lang::En => write!(
                    f,
                    "\n… and {hidden} more problem{} ({with_hidden} file{})",
                    plural(hidden),
                    plural(with_hidden)
                )?,
            }
        }
        Ok(())
    }
}

/// `""` for one, `"s"` for any other count.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The longest word or candidate a suggestion is looked for with, in
/// characters: anything longer is no typo of an id, a name or a key, and
/// comparing it would cost time in proportion to its length squared.
pub const SUGGEST_CHARS: usize = 64;

/// The closest of `candidates` to `word`, if one is close enough to be a
/// likely typo. Words and candidates longer than [`SUGGEST_CHARS`] are
/// passed over, so that each comparison takes a bounded time.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let short =
        |text: &str| text.len() <= 4 * SUGGEST_CHARS && text.chars().count() <= SUGGEST_CHARS;
    if !short(word) {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| short(c))
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// How many characters of a cell a message quotes at most.
pub const QUOTE_CHARS: usize = 80;

/// A cell's text as a message quotes it: trimmed, control characters
/// escaped, and cut to [`QUOTE_CHARS`] characters with `…`.
pub fn quote(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    let cut = chars.next().is_some();
    let mut shown = escape_controls(&head).into_owned();
    if cut {
        shown.push('…');
    }
    shown
}

/// Text with every control character other than tab written as an escape
/// (`\u{1b}`), for output read by people at a terminal.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_control(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A message as a terminal shows it: every control character escaped (see
/// [`escape_controls`]) but the line breaks that part a list of problems.
pub fn escape_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe_control(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(escape_controls).collect();
    Cow::Owned(lines.join("\n"))
}

/// A path as messages show it, control characters escaped.
pub fn shown(path: &std::path::Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

/// A control character other than tab (C0, DEL, C1), or a Unicode line or
/// paragraph separator: characters that move or restyle a terminal's output.
pub fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether `text` holds an [`is_unsafe_control`] character, told by its
/// bytes (every plan string and cell is checked, so this is kept fast): C1
/// is U+0080–U+009F, written 0xC2 0x80–0x9F; U+2028 and U+2029 are
/// 0xE2 0x80 0xA8 and 0xA9.
pub fn has_unsafe_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0x00..=0x08 | 0x0a..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Told by bytes as by characters, on any text and on text made of
        /// the characters near those told.
        #[test]
        fn unsafe_controls_are_told_by_bytes_as_by_characters(
            text in "\\PC*|[\\x00-\\u{a0}\\u{2026}-\\u{202a}指]*"
        ) {
            proptest::prop_assert_eq!(has_unsafe_control(&text), text.chars().any(is_unsafe_control));
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\n指标,x\n";
        let index = LineIndex::new(text);
        let line_column = |offset| index.line_column(text, offset);
        assert_eq!(line_column(0), (1, 1));
        assert_eq!(line_column(3), (2, 1));
        // "指标" is 6 bytes; the comma is the third character of line 2.
        assert_eq!(line_column(9), (2, 3));
        // Inside a multi-byte character: clamped to its start.
        assert_eq!(line_column(4), (2, 1));
        assert_eq!(line_column(999), (3, 1));
    }

    #[test]
    fn sheet_cells_read_as_a_spreadsheet_names_them() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
        let (file, sheet): (Arc<str>, Arc<str>) = ("book.xlsx".into(), "2022年".into());
        let cell = Location::cell(file.clone(), sheet.clone(), 14, Some(3));
        assert_eq!(cell.to_string(), "book.xlsx:2022年!C14");
        assert_eq!(
            Location::cell(file, sheet, 14, None).to_string(),
            "book.xlsx:2022年!14:14"
        );
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let fields = ["target", "target_high", "baseline"];
        assert_eq!(suggest("targt", fields), Some("target"));
        assert_eq!(suggest("zzz", fields), None);
        // A cell of 80 KB is no typo: no comparison at all.
        let long = format!("target{}", "x".repeat(80_000));
        assert_eq!(suggest(&long, fields), None);
        let long_candidate = "t".repeat(SUGGEST_CHARS + 1);
        assert_eq!(suggest("tttt", [long_candidate.as_str()]), None);
    }

    #[test]
    fn quotes_are_short_and_inert() {
        assert_eq!(quote("  abc "), "abc");
        assert_eq!(quote("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        let long = "x".repeat(200);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
        assert_eq!(escape_controls("a\tb"), "a\tb");
        assert_eq!(escape_controls("a\nb\rc"), "a\\u{a}b\\u{d}c");
    }

    #[test]
    fn problems_are_capped_per_file_and_in_all() {
        let mut problems = Problems::new();
        for line in 1..=60 {
            problems.push(Diagnostic::new(Location::line("a.csv", line), "bad"));
        }
        assert_eq!(problems.len(), 60);
        assert_eq!(problems.shown().len(), MAX_PER_FILE);
        let text = problems.to_string();
        assert!(text.ends_with("… and 10 more problems (1 file)"), "{text}");
        for file in 0..10 {
            for line in 1..=50 {
                problems.push(Diagnostic::new(
                    Location::line(format!("f{file}.csv"), line),
                    "bad",
                ));
            }
        }
        assert_eq!(problems.shown().len(), MAX_SHOWN);
        assert_eq!(problems.len(), 560);
        assert!(problems.to_string().ends_with("(8 files)"));
    }
}
