//! Excel workbooks: the report a committee opens (the committee table,
//! the assessment, the actuals used and the plan, one sheet each) and the
//! data-entry template.
//!
//! rust_xlsxwriter lays every sheet out and writes the styles; a report's
//! rows are then streamed in as XML, each sheet on a core of its own
//! (`stream.rs`, `package.rs`, `notes.rs`). A sheet's rows are laid out
//! once, through a `Sink`: measured for the columns' widths, then written.
//!
//! Figures are numbers with number formats, never text; a missing figure
//! is an empty cell. Workbooks carry no timestamp, so the same inputs give
//! the same bytes.

mod notes;
mod package;
mod stream;

use std::borrow::Cow;
use std::io::{self, Write};

use notes::Notes;
use package::Streamed;
use stream::SheetXml;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Note, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::cells::{display_name, symbol, target_of};
use super::labels::{Lang, Tally};
use super::{committee, narrative};
use crate::actuals::{Actuals, Observation};
use crate::assess::compare::Previous;
use crate::assess::{Row, Status};
use crate::plan::{Indicator, Kind, Plan};

/// What a report workbook shows.
pub struct ReportBook<'a> {
    /// The plan assessed.
    pub plan: &'a Plan,
    /// The actuals read, for the sheet of actuals used.
    pub actuals: &'a Actuals,
    /// The as-of year.
    pub as_of: i32,
    /// The report's rows.
    pub rows: &'a [Row],
    /// The language of headers and words.
    pub lang: Lang,
    /// An earlier report, for a column of each row's change since (`--since`).
    pub previous: Option<&'a Previous>,
    /// The indicators of the plan and actuals sheets, by plan position
    /// (see [`held`]).
    pub held: &'a [bool],
}

/// One cell of a sheet, typed so that figures stay numbers.
enum Value<'a> {
    Empty,
    Text(Cow<'a, str>),
    /// A figure in the indicator's unit.
    Number(f64),
    /// A fraction shown as a percentage.
    Percent(f64),
    Year(i32),
    /// Long text (a plan's sentence, a name), wrapped within a column so
    /// many characters wide.
    Paragraph(&'a str, usize),
}

impl<'a> Value<'a> {
    fn text(text: impl Into<Cow<'a, str>>) -> Self {
        Value::Text(text.into())
    }

    fn number(value: Option<f64>) -> Self {
        value.map_or(Value::Empty, Value::Number)
    }

    fn percent(value: Option<f64>) -> Self {
        value.map_or(Value::Empty, Value::Percent)
    }

    fn year(value: Option<i32>) -> Self {
        value.map_or(Value::Empty, Value::Year)
    }

    fn optional(text: Option<&'a str>) -> Self {
        text.map_or(Value::Empty, |t| Value::Text(Cow::Borrowed(t)))
    }

    /// The style the value takes on a data sheet (see [`Formats::styles`]).
    fn style(&self) -> usize {
        match self {
            Value::Empty | Value::Text(_) => TEXT,
            Value::Number(_) => NUMBER,
            Value::Percent(_) => PERCENT,
            Value::Year(_) => YEAR,
            Value::Paragraph(..) => WRAPPED,
        }
    }

    /// The columns the value takes as shown.
    fn width(&self) -> usize {
        match self {
            Value::Empty => 0,
            Value::Text(text) => text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0),
            Value::Paragraph(text, width) => (*width).min(text.width()),
            Value::Number(n) => decimal_width(*n, 2),
            Value::Percent(p) => decimal_width(p * 100.0, 1) + 1,
            Value::Year(_) => 4,
        }
    }
}

/// The columns `n` takes written with `decimals` decimals (as `{:.2}`
/// writes it), counted without writing it.
fn decimal_width(n: f64, decimals: usize) -> usize {
    let scale = 10f64.powi(decimals as i32);
    let shown = (n.abs() * scale).round() / scale;
    if !shown.is_finite() || shown >= 1e15 {
        return format!("{n:.decimals$}").len();
    }
    let digits = if shown < 1.0 {
        1
    } else {
        shown.log10().floor() as usize + 1
    };
    let sign = usize::from(n < 0.0 && shown > 0.0);
    sign + digits + if decimals > 0 { decimals + 1 } else { 0 }
}

/// The data sheets' styles, by their place in [`Formats::styles`].
const TEXT: usize = 0;
const NUMBER: usize = 1;
const PERCENT: usize = 2;
const YEAR: usize = 3;
const WRAPPED: usize = 4;
const DOUBT: usize = 5;
/// The first of the six status fills (see [`StatusFills::place`]).
const STATUS: usize = 6;

/// The formats of a workbook, made once.
struct Formats {
    title: Format,
    header: Format,
    number: Format,
    percent: Format,
    year: Format,
    text: Format,
    wrapped: Format,
    doubt: Format,
    fills: StatusFills,
}

impl Formats {
    fn new() -> Self {
        let cell = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_border_color("BFBFBF")
        };
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: cell()
                .set_bold()
                .set_background_color("D9E1F2")
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            number: cell()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::Top),
            percent: cell().set_num_format("0.0%").set_align(FormatAlign::Top),
            year: cell().set_num_format("0").set_align(FormatAlign::Top),
            text: cell().set_align(FormatAlign::Top),
            wrapped: cell().set_text_wrap().set_align(FormatAlign::Top),
            doubt: cell()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::Top)
                .set_bold()
                .set_background_color(DOUBT_FILL)
                .set_font_color(DOUBT_FONT),
            fills: StatusFills::new(cell),
        }
    }

    /// The data sheets' cell formats, in the order of [`TEXT`], [`NUMBER`]
    /// and the rest.
    fn styles(&self) -> Vec<&Format> {
        let mut styles = vec![
            &self.text,
            &self.number,
            &self.percent,
            &self.year,
            &self.wrapped,
            &self.doubt,
        ];
        styles.extend(&self.fills.fills);
        styles
    }
}

/// The style of a cell saying `status` on a data sheet.
fn status_style(status: Status) -> usize {
    STATUS + StatusFills::place(status)
}

/// The fill and font of a doubtful figure's cell (orange).
const DOUBT_FILL: &str = committee::DOUBT_COLOURS.0;
const DOUBT_FONT: &str = committee::DOUBT_COLOURS.1;

/// A status cell's format for each colour, built on a sheet's own cell.
struct StatusFills {
    /// Plain, good, neutral, bad, quiet, awaiting.
    fills: [Format; 6],
}

impl StatusFills {
    fn new(cell: impl Fn() -> Format) -> Self {
        let fill = |status: Status| match committee::colours(status) {
            Some((background, font)) => {
                cell().set_background_color(background).set_font_color(font)
            }
            None => cell(),
        };
        StatusFills {
            fills: [
                Status::Pending,
                Status::Met,
                Status::Lagging,
                Status::Missed,
                Status::NoData,
                Status::Awaiting,
            ]
            .map(fill),
        }
    }

    /// The place in [`StatusFills::fills`] of the fill of a cell saying
    /// `status`.
    fn place(status: Status) -> usize {
        match status {
            Status::Pending => 0,
            Status::Met | Status::Ahead | Status::OnTrack => 1,
            Status::Lagging => 2,
            Status::OffTrack | Status::MovingAway | Status::Missed => 3,
            Status::NoData | Status::NotAssessable => 4,
            Status::Awaiting => 5,
        }
    }
}

/// Where a sheet's rows go: measured for the columns' widths, written by
/// rust_xlsxwriter (a small sheet), or streamed as XML (a large one). A
/// sheet's rows are laid out once, for all three.
trait Sink {
    /// Starts row `row` (from 0); `height` gives its height in points,
    /// when it needs one.
    fn row(&mut self, row: u32, height: impl FnOnce() -> Option<f64>) -> io::Result<()>;

    /// Puts `value` in column `col` of the row, in the sheet's style
    /// numbered `style`.
    fn cell(&mut self, col: u16, value: &Value, style: usize) -> io::Result<()>;
}

/// The widest value of each column, and the last row and column.
#[derive(Default)]
struct Widths {
    widths: Vec<usize>,
    last: (u32, u16),
}

impl Widths {
    /// Widths starting from a header's titles: a title may wrap onto two
    /// lines, so half its width counts.
    fn of_titles(titles: &[&str]) -> Self {
        let mut widths = Widths::default();
        for (col, title) in (0u16..).zip(titles) {
            widths.fit(col, title.width().div_ceil(2).max(6));
            widths.last.1 = col;
        }
        widths
    }

    fn fit(&mut self, col: u16, width: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        if let Some(w) = self.widths.get_mut(col) {
            *w = (*w).max(width);
        }
    }

    /// Sets the widths found, between a floor and a ceiling (long text is
    /// cut off at the ceiling rather than making the sheet unreadable).
    fn set(&self, sheet: &mut Worksheet, ceiling: usize) -> Result<(), XlsxError> {
        for (col, width) in (0u16..).zip(&self.widths) {
            let chars = (*width).clamp(6, ceiling) + 2;
            sheet.set_column_width(col, chars as f64)?;
        }
        Ok(())
    }
}

impl Sink for Widths {
    fn row(&mut self, row: u32, _: impl FnOnce() -> Option<f64>) -> io::Result<()> {
        self.last.0 = self.last.0.max(row);
        Ok(())
    }

    fn cell(&mut self, col: u16, value: &Value, _: usize) -> io::Result<()> {
        self.fit(col, value.width());
        self.last.1 = self.last.1.max(col);
        Ok(())
    }
}

impl<W: Write> Sink for SheetXml<W> {
    fn row(&mut self, row: u32, height: impl FnOnce() -> Option<f64>) -> io::Result<()> {
        SheetXml::row(self, row, height())
    }

    fn cell(&mut self, col: u16, value: &Value, style: usize) -> io::Result<()> {
        match value {
            Value::Empty => self.blank(col, style),
            Value::Text(text) => self.text(col, style, text),
            Value::Paragraph(text, _) => self.text(col, style, text),
            Value::Number(n) | Value::Percent(n) => self.number(col, style, *n),
            Value::Year(y) => self.number(col, style, f64::from(*y)),
        }
        Ok(())
    }
}

/// A small sheet written cell by cell with rust_xlsxwriter, its columns
/// measured as it goes.
struct Direct<'w, 'f> {
    sheet: &'w mut Worksheet,
    styles: Vec<&'f Format>,
    widths: Widths,
    row: u32,
}

impl Sink for Direct<'_, '_> {
    fn row(&mut self, row: u32, height: impl FnOnce() -> Option<f64>) -> io::Result<()> {
        self.row = row;
        if let Some(points) = height() {
            self.sheet
                .set_row_height(row, points)
                .map_err(io::Error::other)?;
        }
        Ok(())
    }

    fn cell(&mut self, col: u16, value: &Value, style: usize) -> io::Result<()> {
        self.widths.cell(col, value, style)?;
        let Some(format) = self.styles.get(style).copied() else {
            return Ok(());
        };
        let row = self.row;
        let written = match value {
            Value::Empty => self.sheet.write_blank(row, col, format),
            Value::Text(text) => {
                self.sheet
                    .write_string_with_format(row, col, text.as_ref(), format)
            }
            Value::Paragraph(text, _) => {
                self.sheet.write_string_with_format(row, col, *text, format)
            }
            Value::Number(n) | Value::Percent(n) => {
                self.sheet.write_number_with_format(row, col, *n, format)
            }
            Value::Year(y) => self
                .sheet
                .write_number_with_format(row, col, f64::from(*y), format),
        };
        written.map(|_| ()).map_err(io::Error::other)
    }
}

/// Writes a header row of `titles` in the header format.
fn header(sheet: &mut Worksheet, row: u32, titles: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (col, title) in (0u16..).zip(titles) {
        sheet.write_string_with_format(row, col, *title, &f.header)?;
    }
    Ok(())
}

/// A column of the report sheet: its field (see [`Lang::field`]) and how
/// to read it off a row.
type Column = (&'static str, for<'a> fn(&'a Row, Lang) -> Value<'a>);

/// The report sheet's columns: the table's, with every figure.
const REPORT_COLUMNS: &[Column] = &[
    ("id", |r, _| Value::text(r.id.as_str())),
    ("name", |r, lang| Value::text(display_name(r, lang))),
    ("unit", |r, lang| Value::text(lang.unit(&r.unit))),
    ("baseline_year", |r, _| Value::Year(r.baseline_year)),
    ("baseline", |r, _| Value::number(r.baseline)),
    ("target_year", |r, _| Value::Year(r.target_year)),
    ("comparator", |r, _| match r.kind {
        Kind::Milestone => Value::Empty,
        _ => Value::text(symbol(r.comparator)),
    }),
    ("target", |r, lang| match r.kind {
        Kind::Milestone => Value::text(lang.yes_no(true)),
        _ => Value::number(r.target),
    }),
    ("target_high", |r, _| Value::number(r.target_high)),
    ("latest_year", |r, _| Value::year(r.latest_year)),
    ("current", current),
    ("gap", |r, _| Value::number(r.gap)),
    ("progress", |r, _| Value::percent(r.progress)),
    ("time_elapsed", |r, _| Value::percent(r.time_elapsed)),
    ("required_cagr", |r, _| Value::percent(r.required_cagr)),
    ("actual_cagr", |r, _| Value::percent(r.actual_cagr)),
    ("needed_cagr", |r, _| Value::percent(r.needed_cagr)),
    ("required_annual", |r, _| Value::number(r.required_annual)),
    ("actual_annual", |r, _| Value::number(r.actual_annual)),
    ("needed_annual", |r, _| Value::number(r.needed_annual)),
    ("projected", |r, _| Value::number(r.projected)),
    ("status", |r, lang| Value::text(lang.status(r.status))),
    ("reason", |r, lang| {
        lang.reasons(&r.reasons).map_or(Value::Empty, Value::text)
    }),
];

/// The figure compared with the target (the level, the running total, the
/// average growth so far), or a milestone's yes or no.
fn current(row: &Row, lang: Lang) -> Value<'static> {
    match (row.latest, row.current) {
        (Some(Observation::Flag(done)), _) => Value::text(lang.yes_no(done)),
        (_, Some(c)) => Value::Number(c),
        (Some(Observation::Number(n)), None) => Value::Number(n),
        (None, None) => Value::Empty,
    }
}

/// The widths, in characters, of the plan sheet's wrapped columns: the
/// plan's sentence and the name.
const QUOTE_WIDTH: usize = 50;
const NAME_WIDTH: usize = 24;

/// The row of the report sheet's header: below the summary block.
const REPORT_HEADER_ROW: u32 = 5;
/// Its height in points: two lines.
const REPORT_HEADER_HEIGHT: f64 = 32.0;

/// The most rows Excel allows in one sheet.
pub const MAX_ROWS: usize = 1_048_576;

/// The rows below the committee sheet's chapters and indicators: title,
/// narrative paragraphs (a dozen at most), a blank row and the header.
const COMMITTEE_EXTRA_ROWS: usize = 32;

/// The first sheet of a report workbook that would pass Excel's row limit,
/// by its name in `lang`, and the rows it would need; `None` when every
/// sheet fits. `kept` marks the indicators reported, by plan position.
/// Known from the plan and the actuals alone, so a workbook that cannot be
/// made is refused before anything is assessed or built.
pub fn overfull(
    plan: &Plan,
    actuals: &Actuals,
    kept: &[bool],
    lang: Lang,
) -> Option<(&'static str, usize)> {
    let indicators = || {
        plan.indicators
            .iter()
            .zip(kept)
            .filter_map(|(ind, &kept)| kept.then_some(ind))
    };
    let chapters = indicators()
        .map(|ind| ind.text().chapter.as_deref())
        .collect::<std::collections::HashSet<_>>()
        .len();
    let held = held(plan, kept.to_vec());
    let figures = actuals
        .iter()
        .filter(|&(at, _)| held.get(at) == Some(&true))
        .map(|(_, entries)| entries.len())
        .sum();
    let counts = Counts {
        rows: indicators().count(),
        chapters,
        held: held.iter().filter(|&&held| held).count(),
        figures,
    };
    sheet_rows(&counts, lang)
        .into_iter()
        .find(|(_, rows)| *rows > MAX_ROWS)
}

/// The indicators a workbook's plan and actuals sheets hold, by plan
/// position: those `kept` marks (the rows reported) and the series their
/// relative targets use (`of` and `reference`), so that every figure a
/// row was judged on is on the actuals sheet.
pub fn held(plan: &Plan, kept: Vec<bool>) -> Vec<bool> {
    let reported = plan.indicators.iter().zip(&kept).filter(|&(_, &kept)| kept);
    let used: Vec<usize> = reported
        .flat_map(|(ind, _)| [ind.of(), ind.reference()].into_iter().flatten())
        .filter_map(|id| plan.position(id))
        .collect();
    let mut held = kept;
    for at in used {
        if let Some(held) = held.get_mut(at) {
            *held = true;
        }
    }
    held
}

/// What a report workbook's sheets hold, for [`sheet_rows`].
struct Counts {
    /// The rows reported.
    rows: usize,
    /// The chapters they fall in.
    chapters: usize,
    /// The indicators of the plan and actuals sheets (see [`held`]).
    held: usize,
    /// Their figures.
    figures: usize,
}

/// Each sheet of a report workbook, by name, with the rows it takes.
fn sheet_rows(counts: &Counts, lang: Lang) -> [(&'static str, usize); 4] {
    [
        (
            lang.pick("完成情况表", "Summary table"),
            counts.rows + counts.chapters + COMMITTEE_EXTRA_ROWS,
        ),
        (
            lang.pick("汇总", "Report"),
            counts.rows + REPORT_HEADER_ROW as usize + 1,
        ),
        (lang.pick("实际值", "Actuals"), counts.figures + 1),
        (lang.pick("规划目标", "Plan"), counts.held + 1),
    ]
}

/// Writes the report workbook: the assessment with a summary above it,
/// the actuals used, and the plan. rust_xlsxwriter lays the sheets out;
/// their rows are streamed in after (see `package.rs`).
pub fn report(book: &ReportBook, out: &mut dyn Write) -> Result<(), XlsxError> {
    let f = Formats::new();
    let ready = Prepared::of(book).map_err(XlsxError::IoError)?;
    let mut workbook = new_workbook();
    let streamed = vec![
        committee_sheet(workbook.add_worksheet(), book, 0)?,
        report_sheet(workbook.add_worksheet(), book, &f, ready.report, 1)?,
        actuals_sheet(workbook.add_worksheet(), book, &f, ready.actuals, 2)?,
        plan_sheet(workbook.add_worksheet(), book, &f, ready.plan, 3)?,
    ];
    let saved = workbook.save_to_buffer()?;
    package::splice(&saved, streamed, out).map_err(XlsxError::IoError)
}

/// What the report workbook's sheets need before they are laid out, made
/// on every core: each data sheet's columns measured over all its rows.
struct Prepared {
    report: Widths,
    actuals: Widths,
    plan: Widths,
}

impl Prepared {
    fn of(book: &ReportBook) -> io::Result<Self> {
        let lang = book.lang;
        std::thread::scope(|scope| {
            let report = scope.spawn(|| {
                let titles = report_titles(book);
                let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
                measure(&titles, REPORT_HEADER_ROW, |w| report_rows(book, w))
            });
            let actuals = scope.spawn(|| {
                let titles = titles(&ACTUALS_FIELDS, lang);
                measure(&titles, 0, |w| actuals_rows(book, w))
            });
            let plan = measure(&titles(&PLAN_FIELDS, lang), 0, |w| plan_rows(book, w));
            Ok(Prepared {
                report: crate::parts::joined(report)?,
                actuals: crate::parts::joined(actuals)?,
                plan: plan?,
            })
        })
    }
}

/// The widths of a sheet's columns, its header's `titles` in row
/// `header_row` and below them the `rows`.
fn measure(
    titles: &[&str],
    header_row: u32,
    rows: impl FnOnce(&mut Widths) -> io::Result<()>,
) -> io::Result<Widths> {
    let mut widths = Widths::of_titles(titles);
    widths.last.0 = header_row;
    rows(&mut widths)?;
    Ok(widths)
}

/// The header titles of `fields` in `lang`.
fn titles(fields: &[&'static str], lang: Lang) -> Vec<&'static str> {
    fields.iter().map(|field| lang.field(field)).collect()
}

/// The actuals sheet's columns.
const ACTUALS_FIELDS: [&str; 8] = [
    "id", "name", "year", "value", "unit", "source", "note", "origin",
];

/// The plan sheet's columns.
const PLAN_FIELDS: [&str; 11] = [
    "id",
    "name",
    "unit",
    "kind",
    "baseline_year",
    "baseline",
    "target_year",
    "target",
    "binding",
    "chapter",
    "quote",
];

/// A workbook whose bytes depend on its contents alone.
fn new_workbook() -> Workbook {
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(1);
    // rust_xlsxwriter stamps the time of writing unless told a date.
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).unwrap_or_default();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    workbook
}

/// The report sheet's titles: the columns', and the change since an
/// earlier report's when there is one.
fn report_titles(book: &ReportBook) -> Vec<String> {
    let lang = book.lang;
    let mut titles: Vec<String> = REPORT_COLUMNS
        .iter()
        .map(|(field, _)| lang.field(field).to_string())
        .collect();
    if let Some(previous) = book.previous {
        titles.push(lang.field("status_before").to_string());
        titles.push(lang.since_header(previous.as_of));
    }
    titles
}

/// The place of a report column by its field.
fn report_column(field: &str) -> u16 {
    REPORT_COLUMNS
        .iter()
        .position(|(f, _)| *f == field)
        .and_then(|col| u16::try_from(col).ok())
        .unwrap_or(0)
}

fn report_sheet<'a>(
    sheet: &mut Worksheet,
    book: &'a ReportBook,
    f: &Formats,
    widths: Widths,
    index: usize,
) -> Result<Streamed<'a>, XlsxError> {
    let lang = book.lang;
    sheet.set_name(lang.pick("汇总", "Report"))?;
    summary(sheet, book, f)?;
    let titles = report_titles(book);
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    header(sheet, REPORT_HEADER_ROW, &titles, f)?;
    widths.set(sheet, 40)?;
    let noted: Vec<(u32, String)> = (REPORT_HEADER_ROW + 1..)
        .zip(book.rows)
        .filter_map(|(row, r)| Some((row, lang.flags(&r.flags)?)))
        .collect();
    let current = report_column("current");
    if let Some((first, _)) = noted.first() {
        let placeholder = Note::new(notes::PLACEHOLDER).set_author("plantrack");
        sheet.insert_note(*first, current, &placeholder)?;
    }
    sheet.set_row_height(REPORT_HEADER_ROW, REPORT_HEADER_HEIGHT)?;
    sheet.set_freeze_panes(REPORT_HEADER_ROW + 1, 2)?;
    sheet.autofilter(REPORT_HEADER_ROW, 0, widths.last.0, widths.last.1)?;
    print_setup(sheet, REPORT_HEADER_ROW);
    let streamed = Streamed {
        index,
        first_row: REPORT_HEADER_ROW + 1,
        last: widths.last,
        rows: Box::new(move |xml| report_rows(book, xml)),
        notes: (!noted.is_empty()).then(|| Notes {
            col: current,
            rows: noted,
            tall_row: (
                REPORT_HEADER_ROW,
                (REPORT_HEADER_HEIGHT * 4.0 / 3.0).round() as u32,
            ),
        }),
    };
    package::specimens(sheet, &streamed, &f.styles())?;
    Ok(streamed)
}

/// The report sheet's rows, one per indicator: every figure, the status
/// in its colour, a doubtful current figure highlighted (its note, made
/// with the sheet, says why), and the change since an earlier report.
fn report_rows(book: &ReportBook, sink: &mut impl Sink) -> io::Result<()> {
    let lang = book.lang;
    let status = report_column("status");
    let current = report_column("current");
    let changes = u16::try_from(REPORT_COLUMNS.len()).unwrap_or(0);
    for (row, r) in (REPORT_HEADER_ROW + 1..).zip(book.rows) {
        sink.row(row, || None)?;
        for (col, (_, read)) in (0u16..).zip(REPORT_COLUMNS) {
            let value = read(r, lang);
            let style = if col == status {
                status_style(r.status)
            } else {
                value.style()
            };
            match r.current {
                Some(doubted) if col == current && !r.flags.is_empty() => {
                    sink.cell(col, &Value::Number(doubted), DOUBT)?
                }
                _ => sink.cell(col, &value, style)?,
            }
        }
        if let Some(previous) = book.previous {
            let (before, movement) = previous.change(r);
            match before {
                Some(before) => {
                    let word = Value::text(lang.status(before));
                    sink.cell(changes, &word, status_style(before))?;
                }
                None => sink.cell(changes, &Value::Empty, TEXT)?,
            }
            let movement = Value::text(lang.since(None, movement));
            sink.cell(changes + 1, &movement, TEXT)?;
        }
    }
    Ok(())
}

/// The committee sheet's column widths, in characters: 序号, 指标, 单位,
/// 属性, 基数, 目标, 实际, 进度, 完成情况, 备注 (属性 left out where the
/// plan marks no target binding). About 130 characters: one A4 landscape
/// page wide with the body at 10.5 pt, not shrunk.
const COMMITTEE_WIDTHS: [f64; 10] = [5.0, 30.0, 8.0, 7.0, 10.0, 12.0, 10.0, 11.0, 9.0, 30.0];

/// The committee table (完成情况表): the narrative, then one line per
/// indicator under its chapter's heading, in the form offices hand in;
/// printed A4 landscape, one page wide, the header on every page.
fn committee_sheet<'a>(
    sheet: &mut Worksheet,
    book: &'a ReportBook,
    index: usize,
) -> Result<Streamed<'a>, XlsxError> {
    let lang = book.lang;
    sheet.set_name(lang.pick("完成情况表", "Summary table"))?;
    let table = committee::outline(committee::Source {
        plan: book.plan,
        rows: book.rows,
        as_of: book.as_of,
        lang,
    });
    let f = CommitteeFormats::new();
    let widths = table.widths(&COMMITTEE_WIDTHS);
    for (col, width) in (0u16..).zip(&widths) {
        sheet.set_column_width(col, *width)?;
    }
    let last = u16::try_from(widths.len().saturating_sub(1)).unwrap_or(0);
    let total: f64 = widths.iter().sum();
    let meta = &book.plan.meta;
    let title = format!(
        "{}{}",
        lang.name(&meta.name, meta.name_en.as_deref()),
        lang.pick("主要指标完成情况表", ": main indicators")
    );
    let mut row = 0u32;
    sheet.merge_range(row, 0, row, last, &title, &f.title)?;
    sheet.set_row_height(row, 20.0 * lines(&title, total * 0.8) as f64)?;
    row += 1;
    let story = narrative::narrative(book.plan, book.rows, book.as_of, lang);
    for paragraph in &story {
        sheet.merge_range(row, 0, row, last, paragraph, &f.paragraph)?;
        sheet.set_row_height(row, 15.0 * lines(paragraph, total) as f64)?;
        row += 1;
    }
    row += 1;
    let header_row = row;
    for (col, header) in (0u16..).zip(&table.headers) {
        sheet.write_string_with_format(row, col, header, &f.header)?;
    }
    sheet.set_row_height(row, 30.0)?;
    // The chapters' headings span the table; their rows are streamed.
    for (_, rows) in &table.sections {
        row += 1;
        sheet.merge_range(row, 0, row, last, "", &f.chapter)?;
        row += u32::try_from(rows.len()).unwrap_or(u32::MAX);
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    let streamed = Streamed {
        index,
        first_row: header_row + 1,
        last: (row, last),
        rows: Box::new(move |xml| committee_rows(&table, &widths, header_row + 1, xml)),
        notes: None,
    };
    package::specimens(sheet, &streamed, &f.styles())?;
    Ok(streamed)
}

/// The committee table's rows from `first`: each chapter's heading (its
/// cells merged with the sheet), then its indicators, each row as high
/// as its longest cell wraps to.
fn committee_rows(
    table: &committee::Outline,
    widths: &[f64],
    first: u32,
    sink: &mut impl Sink,
) -> io::Result<()> {
    let last = u16::try_from(widths.len().saturating_sub(1)).unwrap_or(0);
    for (row, line) in (first..).zip(table.lines()) {
        let entry = match line {
            committee::Line::Heading(title) => {
                sink.row(row, || None)?;
                sink.cell(0, &Value::text(title), CHAPTER)?;
                for col in 1..=last {
                    sink.cell(col, &Value::Empty, CHAPTER)?;
                }
                continue;
            }
            committee::Line::Entry(entry) => entry,
        };
        sink.row(row, || {
            let height = (entry.cells.iter().zip(widths))
                .map(|(cell, width)| cell_lines(cell, *width))
                .max()
                .unwrap_or(1);
            Some(15.0 * height as f64)
        })?;
        for (col, cell) in (0u16..).zip(&entry.cells) {
            let status = usize::from(col) == table.status_column;
            let doubtful = entry.doubtful && usize::from(col) == table.actual_column;
            let (value, style) =
                committee_cell(cell, col, status.then_some(entry.status), doubtful);
            sink.cell(col, &value, style)?;
        }
    }
    Ok(())
}

/// Lines `text` takes in a column `width` characters wide (Chinese
/// characters count two), for the row's height: Excel does not grow a row
/// for wrapped text a program wrote.
fn lines(text: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(4.0) as usize;
    text.split('\n')
        .map(|l| {
            if l.width() <= per_line {
                1
            } else {
                super::wrap(l, per_line).len()
            }
        })
        .sum::<usize>()
        .max(1)
}

/// Lines a committee cell takes in a column `width` characters wide; a
/// figure is written out only when it might not fit on one line.
fn cell_lines(cell: &committee::Cell, width: f64) -> usize {
    // A figure's digits, its sign, decimal point and a comma every three
    // digits, or its percent sign.
    let widest = |n: f64, decimals: usize| decimal_width(n, decimals) * 4 / 3 + 1;
    let fits = match cell {
        committee::Cell::Blank => true,
        committee::Cell::Text(text) => return lines(text, width),
        committee::Cell::Number { value, decimals } => widest(*value, *decimals) < width as usize,
        committee::Cell::Percent(p) => widest(p * 100.0, 0) < width as usize,
    };
    if fits { 1 } else { lines(&cell.text(), width) }
}

/// One cell of the committee table and its style: figures as numbers in
/// the row's precision, text left-aligned, the status in its colour, a
/// doubtful figure highlighted (orange, as Excel's "Check" cells; the
/// row's remark says why).
fn committee_cell(
    cell: &committee::Cell,
    col: u16,
    status: Option<Status>,
    doubtful: bool,
) -> (Value<'_>, usize) {
    match (cell, status) {
        (committee::Cell::Number { value, decimals }, _) => {
            let style = match (decimals, doubtful) {
                (0..=2, true) => C_DOUBT + decimals,
                (0..=2, false) => C_NUMBER + decimals,
                (_, true) => C_DOUBT + 2,
                (_, false) => C_TEXT,
            };
            (Value::Number(*value), style)
        }
        (other, _) if doubtful => (Value::text(other.text()), C_DOUBT),
        (committee::Cell::Text(text), Some(status)) => (
            Value::text(text.as_str()),
            C_STATUS + StatusFills::place(status),
        ),
        (committee::Cell::Text(text), None) if col == 0 => (Value::text(text.as_str()), C_CENTRE),
        (committee::Cell::Text(text), None) => (Value::text(text.as_str()), C_TEXT),
        (committee::Cell::Percent(p), _) => (Value::Percent(*p), C_PERCENT),
        (committee::Cell::Blank, _) => (Value::Empty, C_TEXT),
    }
}

/// The committee sheet's styles, by their place in
/// [`CommitteeFormats::styles`].
const C_TEXT: usize = 0;
const C_CENTRE: usize = 1;
/// Figures with 0, 1 and 2 decimals.
const C_NUMBER: usize = 2;
const C_PERCENT: usize = 5;
/// Doubtful figures with 0, 1 and 2 decimals.
const C_DOUBT: usize = 6;
const CHAPTER: usize = 9;
const C_STATUS: usize = 10;

/// The committee sheet's formats: 10.5 pt, text wrapped and aligned left
/// and to the top, figures right.
struct CommitteeFormats {
    title: Format,
    paragraph: Format,
    header: Format,
    chapter: Format,
    text: Format,
    centre: Format,
    number: [Format; 3],
    percent: Format,
    doubt: [Format; 3],
    statuses: StatusFills,
}

impl CommitteeFormats {
    fn new() -> Self {
        let cell = || {
            Format::new()
                .set_font_size(10.5)
                .set_border(FormatBorder::Thin)
                .set_border_color("808080")
                .set_align(FormatAlign::VerticalCenter)
        };
        let text = cell().set_text_wrap().set_align(FormatAlign::Left);
        let number = |pattern: &str| cell().set_num_format(pattern).set_align(FormatAlign::Right);
        CommitteeFormats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            paragraph: Format::new()
                .set_font_size(10.5)
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            header: cell()
                .set_bold()
                .set_text_wrap()
                .set_background_color("D9E1F2")
                .set_align(FormatAlign::Center),
            chapter: cell().set_bold().set_background_color("F2F2F2"),
            centre: cell().set_align(FormatAlign::Center),
            text,
            number: [number("#,##0"), number("#,##0.0"), number("#,##0.00")],
            percent: number("0%"),
            doubt: ["#,##0", "#,##0.0", "#,##0.00"].map(|pattern| {
                number(pattern)
                    .set_bold()
                    .set_background_color(DOUBT_FILL)
                    .set_font_color(DOUBT_FONT)
            }),
            statuses: StatusFills::new(cell),
        }
    }

    /// The committee sheet's cell formats, in the order of [`C_TEXT`],
    /// [`C_CENTRE`] and the rest.
    fn styles(&self) -> Vec<&Format> {
        let mut styles = vec![&self.text, &self.centre];
        styles.extend(&self.number);
        styles.push(&self.percent);
        styles.extend(&self.doubt);
        styles.push(&self.chapter);
        styles.extend(&self.statuses.fills);
        styles
    }
}

/// The block above the report: the plan's name, the as-of year and the
/// share of the period elapsed, and a count of each status.
fn summary(sheet: &mut Worksheet, book: &ReportBook, f: &Formats) -> Result<(), XlsxError> {
    let lang = book.lang;
    let meta = &book.plan.meta;
    let name = lang.name(&meta.name, meta.name_en.as_deref());
    sheet.write_string_with_format(0, 0, name, &f.title)?;
    sheet.write_string(1, 0, lang.field("as_of"))?;
    sheet.write_number_with_format(1, 1, f64::from(book.as_of), &f.year)?;
    sheet.write_string(1, 2, lang.field("time_elapsed"))?;
    let period = f64::from(meta.target_year - meta.base_year);
    let elapsed = (f64::from(book.as_of - meta.base_year) / period).clamp(0.0, 1.0);
    sheet.write_number_with_format(1, 3, elapsed, &f.percent)?;
    let tally = Tally::of(book.rows, book.as_of);
    // Row by row: the data sheets are streamed, a row at a time.
    for (col, &status) in (0u16..).zip(Status::ALL.iter()) {
        let fill = f
            .fills
            .fills
            .get(StatusFills::place(status))
            .unwrap_or(&f.text);
        sheet.write_string_with_format(2, col, lang.status(status), fill)?;
    }
    for (col, count) in (0u16..).zip(tally.counts()) {
        sheet.write_number_with_format(3, col, count as f64, &f.year)?;
    }
    Ok(())
}

/// Prints on A4 landscape, one page wide, the header repeated on each
/// page. The data sheets hold every figure for filtering and sorting; the
/// committee sheet is the one made to be printed and read on paper.
fn print_setup(sheet: &mut Worksheet, header_row: u32) {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    let _ = sheet.set_repeat_rows(header_row, header_row);
}

/// The actuals used: one row per indicator and year, with where each
/// figure was read, so that every figure is traceable. Laid out as actuals
/// are read, so the sheet can itself be read back with --actuals.
fn actuals_sheet<'a>(
    sheet: &mut Worksheet,
    book: &'a ReportBook,
    f: &Formats,
    widths: Widths,
    index: usize,
) -> Result<Streamed<'a>, XlsxError> {
    let lang = book.lang;
    let layout = DataSheet {
        name: lang.pick("实际值", "Actuals"),
        fields: &ACTUALS_FIELDS,
        ceiling: 50,
        frozen_columns: 0,
    };
    let rows: package::WriteRows = Box::new(move |xml| actuals_rows(book, xml));
    data_sheet(sheet, layout, (f, lang), (widths, index), rows)
}

/// A data sheet's own layout: a header of `fields`, columns at most
/// `ceiling` characters wide, the first `frozen_columns` frozen.
struct DataSheet {
    name: &'static str,
    fields: &'static [&'static str],
    ceiling: usize,
    frozen_columns: u16,
}

/// Lays out a data sheet under its one-row header (named, its columns
/// fitted, the header frozen and filtered, printed as data sheets are),
/// its rows streamed by `rows`.
fn data_sheet<'a>(
    sheet: &mut Worksheet,
    layout: DataSheet,
    (f, lang): (&Formats, Lang),
    (widths, index): (Widths, usize),
    rows: package::WriteRows<'a>,
) -> Result<Streamed<'a>, XlsxError> {
    sheet.set_name(layout.name)?;
    let titles = titles(layout.fields, lang);
    header(sheet, 0, &titles, f)?;
    widths.set(sheet, layout.ceiling)?;
    sheet.set_freeze_panes(1, layout.frozen_columns)?;
    let last_col = u16::try_from(titles.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, widths.last.0, last_col)?;
    print_setup(sheet, 0);
    let streamed = Streamed {
        index,
        first_row: 1,
        last: widths.last,
        rows,
        notes: None,
    };
    package::specimens(sheet, &streamed, &f.styles())?;
    Ok(streamed)
}

fn actuals_rows(book: &ReportBook, sink: &mut impl Sink) -> io::Result<()> {
    let lang = book.lang;
    let mut row = 0;
    for (index, entries) in book.actuals.iter() {
        let Some(ind) = book.plan.indicators.get(index) else {
            continue;
        };
        if book.held.get(index) != Some(&true) {
            continue;
        }
        for dated in entries {
            row += 1;
            sink.row(row, || None)?;
            let entry = &dated.entry;
            let value = match entry.value() {
                Observation::Number(n) => Value::Number(n),
                Observation::Flag(b) => Value::text(lang.yes_no(b)),
            };
            let cells = [
                Value::text(ind.id.as_str()),
                Value::text(ind.name.as_str()),
                Value::Year(dated.year),
                value,
                Value::text(lang.unit(&ind.unit)),
                Value::optional(entry.source()),
                Value::optional(entry.note()),
                Value::text(book.actuals.location(entry.origin).to_string()),
            ];
            for (col, value) in (0u16..).zip(&cells) {
                sink.cell(col, value, value.style())?;
            }
        }
    }
    Ok(())
}

/// The plan: each indicator's target as the plan states it.
fn plan_sheet<'a>(
    sheet: &mut Worksheet,
    book: &'a ReportBook,
    f: &Formats,
    widths: Widths,
    index: usize,
) -> Result<Streamed<'a>, XlsxError> {
    let lang = book.lang;
    let layout = DataSheet {
        name: lang.pick("规划目标", "Plan"),
        fields: &PLAN_FIELDS,
        ceiling: 60,
        frozen_columns: 2,
    };
    let rows: package::WriteRows = Box::new(move |xml| plan_rows(book, xml));
    data_sheet(sheet, layout, (f, lang), (widths, index), rows)
}

fn plan_rows(book: &ReportBook, sink: &mut impl Sink) -> io::Result<()> {
    let lang = book.lang;
    let held = book.plan.indicators.iter().zip(book.held);
    let indicators = held.filter_map(|(ind, &held)| held.then_some(ind));
    for (row, ind) in (1u32..).zip(indicators) {
        let name = lang.name(&ind.name, ind.name_en());
        let quote = ind.text().quote.as_deref();
        sink.row(row, || {
            let height = lines(quote.unwrap_or(""), QUOTE_WIDTH as f64 + 1.0)
                .max(lines(name, NAME_WIDTH as f64 + 1.0));
            (height > 1).then_some(15.0 * height as f64)
        })?;
        let cells = [
            Value::text(ind.id.as_str()),
            Value::Paragraph(name, NAME_WIDTH),
            Value::text(lang.unit(&ind.unit)),
            Value::text(lang.kind(ind.kind)),
            Value::Year(ind.baseline_year),
            Value::number(ind.baseline),
            Value::Year(ind.target_year),
            Value::text(target_of(ind, lang)),
            binding(ind, lang),
            Value::optional(ind.text().chapter.as_deref()),
            quote.map_or(Value::Empty, |q| Value::Paragraph(q, QUOTE_WIDTH)),
        ];
        for (col, value) in (0u16..).zip(&cells) {
            sink.cell(col, value, value.style())?;
        }
    }
    Ok(())
}

fn binding(ind: &Indicator, lang: Lang) -> Value<'static> {
    match ind.binding {
        Some(true) => Value::text(lang.pick("约束性", "binding")),
        Some(false) => Value::text(lang.pick("预期性", "expected")),
        None => Value::Empty,
    }
}

/// What a data-entry workbook holds: the indicators, one row each, and a
/// column for each year.
pub struct TemplateBook<'a> {
    /// The plan to enter actuals for.
    pub plan: &'a Plan,
    /// The year columns, in order.
    pub years: Vec<i32>,
    /// What to enter for each indicator, in the plan's order.
    pub enter: Vec<String>,
    /// The language of headers.
    pub lang: Lang,
}

/// Writes the data-entry workbook: one row per indicator, a column per
/// year; the indicator, unit and instruction columns locked, each value
/// cell checked as it is typed (a number, or 是/否 for a milestone). Read
/// back as it is with --actuals.
pub fn template(book: &TemplateBook) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let lang = book.lang;
    let mut workbook = new_workbook();
    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("填报", "Actuals"))?;
    let years: Vec<String> = book.years.iter().map(i32::to_string).collect();
    let fixed = ["id", "name", "unit", "enter"];
    let titles: Vec<&str> = fixed
        .iter()
        .map(|field| lang.field(field))
        .chain(years.iter().map(String::as_str))
        .chain(["source", "note"].iter().map(|field| lang.field(field)))
        .collect();
    let first_value = fixed.len() as u16;
    let last_col = u16::try_from(titles.len().saturating_sub(1)).unwrap_or(0);
    let open = Format::new()
        .set_unlocked()
        .set_border(FormatBorder::Thin)
        .set_border_color("BFBFBF")
        .set_background_color(Color::RGB(0xFFFFF0));
    header(sheet, 0, &titles, &f)?;
    let mut styles = f.styles();
    let open_style = styles.len();
    styles.push(&open);
    let mut s = Direct {
        sheet,
        styles,
        widths: Widths::of_titles(&titles),
        row: 0,
    };
    let to_io = |e: io::Error| XlsxError::IoError(e);
    let mut row = 0;
    for (ind, enter) in book.plan.entered().zip(&book.enter) {
        row += 1;
        s.row(row, || None).map_err(to_io)?;
        let cells = [
            Value::text(ind.id.as_str()),
            Value::text(ind.name.as_str()),
            Value::text(ind.unit.as_str()),
            Value::text(enter.as_str()),
        ];
        for (col, value) in (0u16..).zip(&cells) {
            s.cell(col, value, value.style()).map_err(to_io)?;
        }
        for col in first_value..=last_col {
            s.cell(col, &Value::Empty, open_style).map_err(to_io)?;
        }
        let check = value_check(ind, lang)?;
        let last_year = first_value + years.len() as u16 - 1;
        s.sheet
            .add_data_validation(row, first_value, row, last_year, &check)?;
    }
    s.widths.set(s.sheet, 48)?;
    sheet.set_freeze_panes(1, 2)?;
    let mut options = ProtectionOptions::new();
    options.format_columns = true;
    options.format_rows = true;
    sheet.protect_with_options(&options);
    print_setup(sheet, 0);
    workbook.save_to_buffer()
}

/// The check on an indicator's value cells: 是/否 for a milestone, any
/// number otherwise, with what to enter shown as the cell is selected.
fn value_check(ind: &Indicator, lang: Lang) -> Result<DataValidation, XlsxError> {
    let check = match ind.kind {
        Kind::Milestone => DataValidation::new()
            .allow_list_strings(&[lang.yes_no(true), lang.yes_no(false)])?
            .set_error_message(lang.pick("请选择“是”或“否”。", "Choose yes or no."))?,
        _ => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
            .set_error_message(lang.pick(
                "请输入数字（不带单位）。",
                "Enter a number, without its unit.",
            ))?,
    };
    let title: String = ind.name.chars().take(32).collect();
    let unit = if ind.unit.is_empty() {
        String::new()
    } else {
        format!("{}{}", lang.pick("单位：", "Unit: "), ind.unit)
    };
    check.set_input_title(title)?.set_input_message(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_overfull(
        indicators: usize,
        chapters: usize,
        actuals: usize,
    ) -> Option<(&'static str, usize)> {
        let counts = Counts {
            rows: indicators,
            chapters,
            held: indicators,
            figures: actuals,
        };
        sheet_rows(&counts, Lang::En)
            .into_iter()
            .find(|(_, rows)| *rows > MAX_ROWS)
    }

    #[test]
    fn a_workbook_holds_the_series_its_relative_targets_use() {
        let plan = Plan::embedded().expect("plan");
        let ids = |mask: &[bool]| -> Vec<&str> {
            let marked = plan.indicators.iter().zip(mask);
            marked
                .filter_map(|(ind, &on)| on.then_some(ind.id.as_str()))
                .collect()
        };
        let mut kept = vec![false; plan.indicators.len()];
        let at = plan.position("gdp_growth_above_city").expect("in the plan");
        kept[at] = true;
        // Its `of` and its `reference`, in plan order.
        assert_eq!(
            ids(&held(&plan, kept)),
            ["gdp_growth", "city_gdp_growth", "gdp_growth_above_city"]
        );
        let none = vec![false; plan.indicators.len()];
        assert!(ids(&held(&plan, none)).is_empty());
    }

    #[test]
    fn a_sheet_is_refused_one_row_past_excels_limit() {
        // The actuals sheet: a header and one row per figure.
        assert_eq!(first_overfull(1_000, 5, MAX_ROWS - 1), None);
        assert_eq!(
            first_overfull(1_000, 5, MAX_ROWS),
            Some(("Actuals", MAX_ROWS + 1))
        );
        // The committee sheet: chapters' headings and 32 rows above the table.
        let most = MAX_ROWS - 32 - 10;
        assert_eq!(first_overfull(most, 10, 0), None);
        assert_eq!(
            first_overfull(most + 1, 10, 0),
            Some(("Summary table", MAX_ROWS + 1))
        );
    }
}
