//! Delimited output: CSV and TSV for spreadsheets and scripts.
//!
//! Numbers are written plain (no rounding, no `%`, no grouping; rates as
//! fractions) so a spreadsheet reads them as numbers. Text that a spreadsheet
//! would run as a formula is guarded (see [`guard`]).

use std::borrow::Cow;
use std::io::{self, Write};

use super::Rows;
use super::labels::Lang;
use crate::actuals::Observation;
use crate::assess::compare::{Diff, Point, Previous};
use crate::assess::{Reason, Report, Row, Status};
use crate::plan::{Kind, Plan};

/// Text made safe for a spreadsheet cell: text beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading apostrophe, so the
/// spreadsheet shows it instead of running it as a formula (OWASP's advice
/// against CSV injection). Numbers are never passed through this.
pub fn guard(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// A CSV writer's error as an I/O error of the same kind, so that a closed
/// pipe stays a `BrokenPipe` (the normal end of `| head`).
pub fn into_io(err: csv::Error) -> io::Error {
    let kind = match err.kind() {
        csv::ErrorKind::Io(e) => e.kind(),
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, err)
}

/// One cell of a record, typed, so that only text is guarded.
enum Cell<'a> {
    Text(Option<&'a str>),
    /// Text made for the cell (the reasons in words).
    Owned(Option<String>),
    Number(Option<f64>),
    Year(Option<i32>),
    Actual(Option<Observation>),
}

impl Cell<'_> {
    fn render(&self) -> Cow<'_, str> {
        let mut buf = String::new();
        match self.render_into(&mut buf) {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(buf),
        }
    }

    /// The cell's text: borrowed when it is text as it is, else written
    /// into `buf` (reused from cell to cell, so a row allocates nothing).
    fn render_into<'s>(&'s self, buf: &mut String) -> Option<&'s str> {
        use std::fmt::Write;
        buf.clear();
        match self {
            Cell::Text(Some(t)) => match guard(t) {
                Cow::Borrowed(t) => return Some(t),
                Cow::Owned(guarded) => *buf = guarded,
            },
            Cell::Owned(Some(t)) => *buf = guard(t).into_owned(),
            Cell::Number(Some(n)) | Cell::Actual(Some(Observation::Number(n))) => {
                super::plain_number(buf, *n);
            }
            Cell::Year(Some(y)) => {
                let _ = write!(buf, "{y}");
            }
            Cell::Actual(Some(Observation::Flag(b))) => {
                buf.push_str(if *b { "true" } else { "false" })
            }
            Cell::Text(None)
            | Cell::Owned(None)
            | Cell::Number(None)
            | Cell::Year(None)
            | Cell::Actual(None) => {}
        }
        None
    }
}

/// A named column of the report: its header, the JSON report's field name,
/// and how to read it off a row.
type Column = (&'static str, for<'a> fn(&'a Row) -> Cell<'a>);

/// Every field of a report row, in the JSON report's order.
const REPORT_COLUMNS: &[Column] = &[
    ("id", |r| Cell::Text(Some(&r.id))),
    ("name", |r| Cell::Text(Some(&r.name))),
    ("name_en", |r| Cell::Text(r.name_en.as_deref())),
    ("unit", |r| Cell::Text(Some(&r.unit))),
    ("kind", |r| Cell::Text(Some(r.kind.as_str()))),
    ("comparator", |r| Cell::Text(Some(r.comparator.as_str()))),
    ("baseline_year", |r| Cell::Year(Some(r.baseline_year))),
    ("baseline", |r| Cell::Number(r.baseline)),
    ("target_year", |r| Cell::Year(Some(r.target_year))),
    ("target", |r| Cell::Number(r.target)),
    ("target_high", |r| Cell::Number(r.target_high)),
    ("latest_year", |r| Cell::Year(r.latest_year)),
    ("latest", |r| Cell::Actual(r.latest)),
    ("current", |r| Cell::Number(r.current)),
    ("gap", |r| Cell::Number(r.gap)),
    ("progress", |r| Cell::Number(r.progress)),
    ("time_elapsed", |r| Cell::Number(r.time_elapsed)),
    ("required_cagr", |r| Cell::Number(r.required_cagr)),
    ("actual_cagr", |r| Cell::Number(r.actual_cagr)),
    ("needed_cagr", |r| Cell::Number(r.needed_cagr)),
    ("required_annual", |r| Cell::Number(r.required_annual)),
    ("actual_annual", |r| Cell::Number(r.actual_annual)),
    ("needed_annual", |r| Cell::Number(r.needed_annual)),
    ("ratio_linear", |r| Cell::Number(r.ratio_linear)),
    ("ratio_cagr", |r| Cell::Number(r.ratio_cagr)),
    ("method", |r| Cell::Text(r.method.map(|m| m.as_str()))),
    ("projected", |r| Cell::Number(r.projected)),
    ("status", |r| Cell::Text(Some(r.status.as_str()))),
    ("reason", |r| Cell::Owned(Lang::En.reasons(&r.reasons))),
    ("reason_code", |r| {
        Cell::Text(r.reasons.first().map(Reason::code))
    }),
    ("binding", |r| {
        Cell::Text(r.binding.map(|b| if b { "true" } else { "false" }))
    }),
    ("nature", |r| Cell::Text(Some(r.nature.as_str()))),
    ("flags", |r| Cell::Owned(super::flag_codes(&r.flags))),
];

/// The report's header: `as_of`, then every field of a row.
pub fn report_header() -> impl Iterator<Item = &'static str> {
    std::iter::once("as_of").chain(REPORT_COLUMNS.iter().map(|(name, _)| *name))
}

/// The words of a delimited report: the stable English field names and
/// status words, or a language's headers and status words for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// Field names and status words as in the JSON report.
    Stable,
    /// Headers and status words in this language.
    For(Lang),
}

/// Writes the report as CSV (`b','`) or TSV (`b'\t'`): a header of the JSON
/// report's field names and one row per indicator with every field.
pub fn write_report(out: &mut dyn Write, report: &Report, delimiter: u8) -> io::Result<()> {
    write_rows(out, Rows::of(report), delimiter, Words::Stable)
}

/// [`write_report`] for rows as they are made, in `words`.
pub fn write_rows(
    out: &mut dyn Write,
    report: Rows,
    delimiter: u8,
    words: Words,
) -> io::Result<()> {
    report_records(out, report, delimiter, words)
}

fn report_records(
    out: &mut dyn Write,
    report: Rows,
    delimiter: u8,
    words: Words,
) -> io::Result<()> {
    header_record(&mut *out, report.previous.is_some(), delimiter, words).map_err(into_io)?;
    body_records(out, report, delimiter, words)
}

/// The header line of [`write_rows`] alone, for a report written in pieces
/// (`since`: with the columns of `--since`).
pub fn write_header(
    out: &mut dyn Write,
    since: bool,
    delimiter: u8,
    words: Words,
) -> io::Result<()> {
    header_record(out, since, delimiter, words).map_err(into_io)
}

/// The rows of [`write_rows`] without the header line, into `out`.
pub fn write_body(out: &mut Vec<u8>, report: Rows, delimiter: u8, words: Words) {
    for row in report.rows {
        let mut line = Line::new(out, delimiter);
        line.row(&row, report.as_of, report.previous, words);
    }
}

fn header_record(out: &mut dyn Write, since: bool, delimiter: u8, words: Words) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    let since: &[&str] = if since {
        &["status_before", "change"]
    } else {
        &[]
    };
    let header = report_header().chain(since.iter().copied());
    match words {
        Words::Stable => w.write_record(header)?,
        Words::For(lang) => w.write_record(header.map(|f| lang.field(f)))?,
    }
    Ok(w.flush()?)
}

fn body_records(out: &mut dyn Write, report: Rows, delimiter: u8, words: Words) -> io::Result<()> {
    let mut bytes = Vec::with_capacity(512);
    for row in report.rows {
        bytes.clear();
        Line::new(&mut bytes, delimiter).row(&row, report.as_of, report.previous, words);
        out.write_all(&bytes)?;
    }
    Ok(())
}

/// A record written straight into a line of bytes, as the csv crate
/// writes it: numbers as they are (they never need quotes); text in
/// quotes, each quote doubled, when it holds the delimiter, a quote or a
/// line break. The report's rows are written this way because a million
/// rows of 34 cells spent a third of their time in the csv crate's
/// bookkeeping for each cell; `report_rows_are_what_the_csv_crate_writes`
/// holds the two the same.
struct Line<'a> {
    bytes: &'a mut Vec<u8>,
    delimiter: u8,
    cells: usize,
}

impl<'a> Line<'a> {
    /// A line to be written at the end of `bytes`.
    fn new(bytes: &'a mut Vec<u8>, delimiter: u8) -> Line<'a> {
        Line {
            bytes,
            delimiter,
            cells: 0,
        }
    }

    /// A report row, as of `as_of`, ended.
    fn row(&mut self, row: &Row, as_of: i32, previous: Option<&Previous>, words: Words) {
        self.year(as_of);
        for (name, read) in REPORT_COLUMNS {
            match (words, *name) {
                (Words::For(lang), "status") => self.text(lang.status(row.status)),
                (Words::For(lang), "reason") => self.cell(&Cell::Owned(lang.reasons(&row.reasons))),
                _ => self.cell(&read(row)),
            }
        }
        if let Some(previous) = previous {
            let (before, movement) = previous.change(row);
            let (before, movement) = match words {
                Words::Stable => (before.map(Status::as_str), movement.as_str()),
                Words::For(lang) => (before.map(|s| lang.status(s)), lang.movement(movement)),
            };
            self.text(before.unwrap_or_default());
            self.text(movement);
        }
        self.bytes.push(b'\n');
    }

    /// Starts the next cell.
    fn next(&mut self) {
        if self.cells > 0 {
            self.bytes.push(self.delimiter);
        }
        self.cells += 1;
    }

    /// A cell as [`Cell::render_into`] renders it; a figure written
    /// straight in.
    fn cell(&mut self, cell: &Cell) {
        match cell {
            Cell::Number(Some(n)) | Cell::Actual(Some(Observation::Number(n))) => {
                self.next();
                super::with_plain_number(*n, |text| self.bytes.extend_from_slice(text.as_bytes()));
            }
            Cell::Year(Some(year)) => self.year(*year),
            _ => {
                let mut buf = String::new();
                let text = cell.render_into(&mut buf);
                self.text(text.unwrap_or(&buf));
            }
        }
    }

    fn year(&mut self, year: i32) {
        self.next();
        self.bytes
            .extend_from_slice(itoa::Buffer::new().format(year).as_bytes());
    }

    fn text(&mut self, text: &str) {
        self.next();
        let delimiter = self.delimiter;
        let special = |b: u8| b == delimiter || matches!(b, b'"' | b'\r' | b'\n');
        if !text.bytes().any(special) {
            self.bytes.extend_from_slice(text.as_bytes());
            return;
        }
        self.bytes.push(b'"');
        for (k, piece) in text.split('"').enumerate() {
            if k > 0 {
                self.bytes.extend_from_slice(b"\"\"");
            }
            self.bytes.extend_from_slice(piece.as_bytes());
        }
        self.bytes.push(b'"');
    }
}

/// Writes a comparison as CSV (`b','`) or TSV (`b'\t'`), slips first: per
/// indicator the change and each figure before and after, unrounded.
pub fn write_diff(out: &mut dyn Write, diff: &Diff, delimiter: u8, words: Words) -> io::Result<()> {
    diff_records(out, diff, delimiter, words).map_err(into_io)
}

const DIFF_FIELDS: [&str; 13] = [
    "from",
    "to",
    "id",
    "name",
    "change",
    "status_before",
    "status_after",
    "current_before",
    "current_after",
    "gap_before",
    "gap_after",
    "progress_before",
    "progress_after",
];

fn diff_records(out: &mut dyn Write, diff: &Diff, delimiter: u8, words: Words) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    match words {
        Words::Stable => w.write_record(DIFF_FIELDS)?,
        Words::For(lang) => w.write_record(DIFF_FIELDS.map(|f| lang.field(f)))?,
    }
    let status = |p: &Option<Point>| -> &str {
        match (p, words) {
            (None, _) => "",
            (Some(p), Words::Stable) => p.status.as_str(),
            (Some(p), Words::For(lang)) => lang.status(p.status),
        }
    };
    let (from, to) = (diff.from.to_string(), diff.to.to_string());
    let mut buf = String::new();
    for change in &diff.changes {
        let Some(point) = change.point() else {
            continue;
        };
        let movement = match words {
            Words::Stable => change.movement.as_str(),
            Words::For(lang) => lang.movement(change.movement),
        };
        for text in [&from, &to] {
            w.write_field(text)?;
        }
        for text in [&point.id, &point.name] {
            w.write_field(guard(text).as_ref())?;
        }
        w.write_field(movement)?;
        w.write_field(status(&change.before))?;
        w.write_field(status(&change.after))?;
        let figures: [fn(&Point) -> Option<f64>; 3] = [|p| p.current, |p| p.gap, |p| p.progress];
        for figure in figures {
            for side in [&change.before, &change.after] {
                let cell = Cell::Number(side.as_ref().and_then(figure));
                let text = cell.render_into(&mut buf);
                w.write_field(text.unwrap_or(&buf))?;
            }
        }
        w.write_record(None::<&[u8]>)?;
    }
    Ok(w.flush()?)
}

/// Writes the plan's indicators as CSV (`b','`) or TSV (`b'\t'`).
pub fn write_list(out: &mut dyn Write, plan: &Plan, delimiter: u8) -> io::Result<()> {
    list_records(out, plan, delimiter).map_err(into_io)
}

fn list_records(out: &mut dyn Write, plan: &Plan, delimiter: u8) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    w.write_record([
        "id",
        "name",
        "kind",
        "comparator",
        "baseline",
        "baseline_year",
        "target",
        "target_high",
        "target_year",
        "unit",
        "chapter",
        "nature",
        "every_year",
        "target_factor",
        "of",
        "reference",
        "rule",
    ])?;
    for ind in &plan.indicators {
        let yearly = matches!(ind.kind, Kind::Relative | Kind::Trend);
        let cells = [
            Cell::Text(Some(&ind.id)),
            Cell::Text(Some(&ind.name)),
            Cell::Text(Some(ind.kind.as_str())),
            Cell::Text((ind.kind != Kind::Reference).then(|| ind.comparator.as_str())),
            Cell::Number(ind.baseline),
            Cell::Year(Some(ind.baseline_year)),
            Cell::Number(ind.target),
            Cell::Number(ind.target_high()),
            Cell::Year(Some(ind.target_year)),
            Cell::Text(Some(&ind.unit)),
            Cell::Text(ind.text().chapter.as_deref()),
            Cell::Text(Some(ind.nature.as_str())),
            Cell::Text(Some(if ind.every_year { "true" } else { "false" })),
            Cell::Number(ind.target_factor()),
            Cell::Text(ind.of()),
            Cell::Text(ind.reference()),
            Cell::Text(yearly.then(|| ind.rule.as_str())),
        ];
        w.write_record(cells.iter().map(|c| c.render().into_owned()))?;
    }
    Ok(w.flush()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record the csv crate writes of `cells`, and the one [`Line`] does.
    fn both(cells: &[Cell], delimiter: u8) -> (String, String) {
        let mut by_crate = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(Vec::new());
        by_crate
            .write_record(cells.iter().map(|c| c.render().into_owned()))
            .expect("write");
        let by_crate = by_crate.into_inner().expect("flush");
        let mut by_line = Vec::new();
        let mut line = Line::new(&mut by_line, delimiter);
        for cell in cells {
            line.cell(cell);
        }
        by_line.push(b'\n');
        (
            String::from_utf8(by_crate).expect("utf-8"),
            String::from_utf8(by_line).expect("utf-8"),
        )
    }

    #[test]
    fn report_rows_are_what_the_csv_crate_writes() {
        let texts = [
            "plain",
            "",
            "a,b",
            "a\tb",
            "say \"hi\"",
            "\"",
            "two\nlines",
            "cr\rhere",
            "=1+2",
            "-3",
            " spaced ",
            "地区生产总值（亿元）",
            "#hash",
            "'quoted'",
        ];
        for delimiter in [b',', b'\t'] {
            let mut cells: Vec<Cell> = texts.iter().map(|t| Cell::Text(Some(t))).collect();
            cells.extend([
                Cell::Text(None),
                Cell::Number(Some(0.1 + 0.2)),
                Cell::Number(Some(-1020.0)),
                Cell::Number(Some(1e21)),
                Cell::Number(Some(-2.5e-9)),
                Cell::Number(None),
                Cell::Year(Some(2025)),
                Cell::Year(None),
                Cell::Actual(Some(Observation::Flag(true))),
                Cell::Actual(Some(Observation::Number(7.5))),
                Cell::Owned(Some("a, \"b\"".to_string())),
            ]);
            let (by_crate, by_line) = both(&cells, delimiter);
            assert_eq!(by_line, by_crate);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_written_as_the_csv_crate_writes_it(
            texts in proptest::collection::vec(".*", 2..6),
            tsv: bool,
        ) {
            let cells: Vec<Cell> = texts.iter().map(|t| Cell::Text(Some(t))).collect();
            let (by_crate, by_line) = both(&cells, if tsv { b'\t' } else { b',' });
            proptest::prop_assert_eq!(by_line, by_crate);
        }
    }

    #[test]
    fn formulas_are_guarded_and_plain_text_is_not() {
        assert_eq!(guard("=1+2"), "'=1+2");
        assert_eq!(guard("+86 710"), "'+86 710");
        assert_eq!(guard("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("\rx"), "'\rx");
        assert_eq!(guard("地区生产总值"), "地区生产总值");
        assert_eq!(guard("a=b"), "a=b");
        assert_eq!(guard(""), "");
    }

    #[test]
    fn negative_numbers_stay_numbers() {
        assert_eq!(Cell::Number(Some(-0.25)).render(), "-0.25");
        assert_eq!(Cell::Number(Some(1020.0)).render(), "1020");
        assert_eq!(Cell::Number(Some(1e21)).render(), "1000000000000000000000");
        assert_eq!(Cell::Number(None).render(), "");
        assert_eq!(Cell::Text(Some("-0.25")).render(), "'-0.25");
    }
}
