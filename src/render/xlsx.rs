//! Excel workbooks, written with rust_xlsxwriter: the report a committee
//! opens (the assessment, the actuals used and the plan, one sheet each)
//! and the data-entry template.
//!
//! Figures are numbers with number formats, never text; a missing figure
//! is an empty cell. Workbooks carry no timestamp, so the same inputs give
//! the same bytes.

use std::borrow::Cow;

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
    Status(Status),
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
}

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

    /// The status cell's format, in the colours of the terminal table.
    fn status(&self, status: Status) -> &Format {
        self.fills.of(status)
    }
}

/// The fill and font of a doubtful figure's cell (orange).
const DOUBT_FILL: &str = committee::DOUBT_COLOURS.0;
const DOUBT_FONT: &str = committee::DOUBT_COLOURS.1;

/// A status cell's format for each colour, built on a sheet's own cell.
struct StatusFills {
    plain: Format,
    good: Format,
    neutral: Format,
    bad: Format,
    quiet: Format,
    awaiting: Format,
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
            plain: fill(Status::Pending),
            good: fill(Status::Met),
            neutral: fill(Status::Lagging),
            bad: fill(Status::Missed),
            quiet: fill(Status::NoData),
            awaiting: fill(Status::Awaiting),
        }
    }

    /// The format of a cell saying `status`.
    fn of(&self, status: Status) -> &Format {
        match status {
            Status::Met | Status::Ahead | Status::OnTrack => &self.good,
            Status::Lagging => &self.neutral,
            Status::OffTrack | Status::MovingAway | Status::Missed => &self.bad,
            Status::Pending => &self.plain,
            Status::Awaiting => &self.awaiting,
            Status::NoData | Status::NotAssessable => &self.quiet,
        }
    }
}

/// A sheet being written: rows of typed cells under a header, with column
/// widths fitted to what they hold.
struct Sheet<'w> {
    sheet: &'w mut Worksheet,
    widths: Vec<usize>,
}

impl<'w> Sheet<'w> {
    fn new(sheet: &'w mut Worksheet) -> Self {
        Sheet {
            sheet,
            widths: Vec::new(),
        }
    }

    fn fit(&mut self, col: u16, text: &str) {
        let width = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        if let Some(w) = self.widths.get_mut(col) {
            *w = (*w).max(width);
        }
    }

    fn header(&mut self, row: u32, titles: &[&str], f: &Formats) -> Result<(), XlsxError> {
        for (col, title) in (0u16..).zip(titles) {
            self.sheet
                .write_string_with_format(row, col, *title, &f.header)?;
            // Headers may wrap onto two lines: count half their width.
            let half = title.width().div_ceil(2).max(6);
            self.fit(col, &"x".repeat(half));
        }
        Ok(())
    }

    fn cell(
        &mut self,
        row: u32,
        col: u16,
        value: &Value,
        f: &Formats,
        lang: Lang,
    ) -> Result<(), XlsxError> {
        match value {
            Value::Empty => {
                self.sheet.write_blank(row, col, &f.text)?;
            }
            Value::Text(text) => {
                self.sheet
                    .write_string_with_format(row, col, text.as_ref(), &f.text)?;
                self.fit(col, text);
            }
            Value::Paragraph(text, width) => {
                self.sheet
                    .write_string_with_format(row, col, *text, &f.wrapped)?;
                self.fit(col, &"x".repeat((*width).min(text.width())));
            }
            Value::Number(n) => {
                self.sheet
                    .write_number_with_format(row, col, *n, &f.number)?;
                self.fit(col, &format!("{n:.2}"));
            }
            Value::Percent(p) => {
                self.sheet
                    .write_number_with_format(row, col, *p, &f.percent)?;
                self.fit(col, &format!("{:.1}%", p * 100.0));
            }
            Value::Year(y) => {
                self.sheet
                    .write_number_with_format(row, col, f64::from(*y), &f.year)?;
                self.fit(col, "2025");
            }
            Value::Status(s) => {
                let word = lang.status(*s);
                self.sheet
                    .write_string_with_format(row, col, word, f.status(*s))?;
                self.fit(col, word);
            }
        }
        Ok(())
    }

    /// Sets the widths found, between a floor and a ceiling (long text is
    /// cut off at the ceiling rather than making the sheet unreadable).
    fn set_widths(&mut self, ceiling: usize) -> Result<(), XlsxError> {
        for (col, width) in (0u16..).zip(&self.widths) {
            let chars = (*width).clamp(6, ceiling) + 2;
            self.sheet.set_column_width(col, chars as f64)?;
        }
        Ok(())
    }
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
    ("status", |r, _| Value::Status(r.status)),
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

/// The most rows Excel allows in one sheet.
pub const MAX_ROWS: usize = 1_048_576;

/// The rows below the committee sheet's chapters and indicators: title,
/// narrative paragraphs (a dozen at most), a blank row and the header.
const COMMITTEE_EXTRA_ROWS: usize = 32;

/// The first sheet of a report workbook that would pass Excel's row limit,
/// by its name in `lang`, and the rows it would need; `None` when every
/// sheet fits. Known from the plan and the actuals alone, so a workbook
/// that cannot be made is refused before anything is assessed or built.
pub fn overfull(plan: &Plan, actuals: &Actuals, lang: Lang) -> Option<(&'static str, usize)> {
    let chapters = plan
        .indicators
        .iter()
        .map(|ind| ind.text().chapter.as_deref())
        .collect::<std::collections::HashSet<_>>()
        .len();
    sheet_rows(plan.indicators.len(), chapters, actuals.len(), lang)
        .into_iter()
        .find(|(_, rows)| *rows > MAX_ROWS)
}

/// Each sheet of a report workbook, by name, with the rows it takes for a
/// plan of `indicators` in `chapters` and `actuals` figures.
fn sheet_rows(
    indicators: usize,
    chapters: usize,
    actuals: usize,
    lang: Lang,
) -> [(&'static str, usize); 4] {
    [
        (
            lang.pick("完成情况表", "Summary table"),
            indicators + chapters + COMMITTEE_EXTRA_ROWS,
        ),
        (
            lang.pick("汇总", "Report"),
            indicators + REPORT_HEADER_ROW as usize + 1,
        ),
        (lang.pick("实际值", "Actuals"), actuals + 1),
        (lang.pick("规划目标", "Plan"), indicators + 1),
    ]
}

/// Writes the report workbook: the assessment with a summary above it,
/// the actuals used, and the plan.
pub fn report(book: &ReportBook) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut workbook = new_workbook();
    let lang = book.lang;
    committee_sheet(workbook.add_worksheet(), book)?;
    report_sheet(workbook.add_worksheet_with_constant_memory()?, book, &f)?;
    actuals_sheet(workbook.add_worksheet_with_constant_memory()?, book, &f)?;
    plan_sheet(
        workbook.add_worksheet_with_constant_memory()?,
        book.plan,
        lang,
        &f,
    )?;
    workbook.save_to_buffer()
}

/// A workbook whose bytes depend on its contents alone.
fn new_workbook() -> Workbook {
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(1);
    // rust_xlsxwriter stamps the time of writing unless told a date.
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).unwrap_or_default();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    workbook
}

fn report_sheet(sheet: &mut Worksheet, book: &ReportBook, f: &Formats) -> Result<(), XlsxError> {
    let lang = book.lang;
    sheet.set_name(lang.pick("汇总", "Report"))?;
    summary(sheet, book, f)?;
    let mut s = Sheet::new(sheet);
    let mut titles: Vec<&str> = REPORT_COLUMNS
        .iter()
        .map(|(field, _)| lang.field(field))
        .collect();
    let since = lang.since_header(book.previous.map_or(0, |p| p.as_of));
    if book.previous.is_some() {
        titles.extend([lang.field("status_before"), since.as_str()]);
    }
    s.header(REPORT_HEADER_ROW, &titles, f)?;
    let mut row = REPORT_HEADER_ROW;
    let changes = u16::try_from(REPORT_COLUMNS.len()).unwrap_or(0);
    for r in book.rows {
        row += 1;
        for (col, (_, read)) in (0u16..).zip(REPORT_COLUMNS) {
            s.cell(row, col, &read(r, lang), f, lang)?;
        }
        if let Some(why) = lang.flags(&r.flags) {
            mark_doubtful(s.sheet, row, r, &why, f)?;
        }
        if let Some(previous) = book.previous {
            let (before, movement) = previous.change(r);
            let before = before.map_or(Value::Empty, Value::Status);
            s.cell(row, changes, &before, f, lang)?;
            let movement = Value::text(lang.since(None, movement));
            s.cell(row, changes + 1, &movement, f, lang)?;
        }
    }
    s.set_widths(40)?;
    let last_col = u16::try_from(titles.len().saturating_sub(1)).unwrap_or(0);
    sheet.set_row_height(REPORT_HEADER_ROW, 32)?;
    sheet.set_freeze_panes(REPORT_HEADER_ROW + 1, 2)?;
    sheet.autofilter(REPORT_HEADER_ROW, 0, row, last_col)?;
    print_setup(sheet, REPORT_HEADER_ROW);
    Ok(())
}

/// Highlights a row's current figure on the report sheet and attaches a
/// note saying which figures are doubtful and why.
fn mark_doubtful(
    sheet: &mut Worksheet,
    row: u32,
    r: &Row,
    why: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    let Some(col) = REPORT_COLUMNS
        .iter()
        .position(|(field, _)| *field == "current")
    else {
        return Ok(());
    };
    let col = u16::try_from(col).unwrap_or(0);
    if let Some(value) = r.current {
        sheet.write_number_with_format(row, col, value, &f.doubt)?;
    }
    sheet.insert_note(row, col, &Note::new(why).set_author("plantrack"))?;
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
fn committee_sheet(sheet: &mut Worksheet, book: &ReportBook) -> Result<(), XlsxError> {
    let lang = book.lang;
    sheet.set_name(lang.pick("完成情况表", "Summary table"))?;
    let table = committee::committee(committee::Source {
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
    for section in &table.sections {
        row += 1;
        sheet.merge_range(row, 0, row, last, &section.title, &f.chapter)?;
        for entry in &section.entries {
            row += 1;
            let mut height = 1;
            for (col, (cell, width)) in (0u16..).zip(entry.cells.iter().zip(&widths)) {
                let status = usize::from(col) == table.status_column;
                committee_cell(sheet, (row, col), cell, &f, status.then_some(entry.status))?;
                height = height.max(lines(&cell.text(), *width));
            }
            if entry.doubtful {
                let col = u16::try_from(table.actual_column).unwrap_or(0);
                let cell = entry.cells.get(table.actual_column);
                doubtful_cell(sheet, (row, col), cell, &f.doubt)?;
            }
            sheet.set_row_height(row, 15.0 * height as f64)?;
        }
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// Lines `text` takes in a column `width` characters wide (Chinese
/// characters count two), for the row's height: Excel does not grow a row
/// for wrapped text a program wrote.
fn lines(text: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(4.0) as usize;
    text.split('\n')
        .map(|l| super::wrap(l, per_line).len())
        .sum::<usize>()
        .max(1)
}

/// Writes one cell of the committee table: figures as numbers in the
/// row's precision, text left-aligned, the status in its colour.
fn committee_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &committee::Cell,
    f: &CommitteeFormats,
    status: Option<Status>,
) -> Result<(), XlsxError> {
    match (cell, status) {
        (committee::Cell::Text(text), Some(status)) => {
            sheet.write_string_with_format(row, col, text, f.status(status))?;
        }
        (committee::Cell::Text(text), None) if col == 0 => {
            sheet.write_string_with_format(row, col, text, &f.centre)?;
        }
        (committee::Cell::Text(text), None) => {
            sheet.write_string_with_format(row, col, text, &f.text)?;
        }
        (committee::Cell::Number { value, decimals }, _) => {
            let format = f.number.get(*decimals).unwrap_or(&f.text);
            sheet.write_number_with_format(row, col, *value, format)?;
        }
        (committee::Cell::Percent(p), _) => {
            sheet.write_number_with_format(row, col, *p, &f.percent)?;
        }
        (committee::Cell::Blank, _) => {
            sheet.write_blank(row, col, &f.text)?;
        }
    }
    Ok(())
}

/// Rewrites a doubtful figure's cell highlighted (orange, as Excel's
/// "Check" cells): the row's remark says why.
fn doubtful_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: Option<&committee::Cell>,
    formats: &[Format; 3],
) -> Result<(), XlsxError> {
    match cell {
        Some(committee::Cell::Number { value, decimals }) => {
            let format = formats.get(*decimals).unwrap_or(&formats[2]);
            sheet.write_number_with_format(row, col, *value, format)?;
        }
        Some(other) => {
            sheet.write_string_with_format(row, col, other.text(), &formats[0])?;
        }
        None => {}
    }
    Ok(())
}

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

    /// The status cell: the colours of the other sheets, at this size.
    fn status(&self, status: Status) -> &Format {
        self.statuses.of(status)
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
        sheet.write_string_with_format(2, col, lang.status(status), f.status(status))?;
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
fn actuals_sheet(sheet: &mut Worksheet, book: &ReportBook, f: &Formats) -> Result<(), XlsxError> {
    let lang = book.lang;
    sheet.set_name(lang.pick("实际值", "Actuals"))?;
    let fields = [
        "id", "name", "year", "value", "unit", "source", "note", "origin",
    ];
    let titles: Vec<&str> = fields.iter().map(|field| lang.field(field)).collect();
    let mut s = Sheet::new(sheet);
    s.header(0, &titles, f)?;
    let mut row = 0;
    for (index, entries) in book.actuals.iter() {
        let Some(ind) = book.plan.indicators.get(index) else {
            continue;
        };
        for dated in entries {
            row += 1;
            let entry = &dated.entry;
            let value = match entry.value {
                Observation::Number(n) => Value::Number(n),
                Observation::Flag(b) => Value::text(lang.yes_no(b)),
            };
            let cells = [
                Value::text(ind.id.as_str()),
                Value::text(ind.name.as_str()),
                Value::Year(dated.year),
                value,
                Value::text(lang.unit(&ind.unit)),
                Value::optional(entry.source.as_deref()),
                Value::optional(entry.note.as_deref()),
                Value::text(book.actuals.location(entry.origin).to_string()),
            ];
            for (col, value) in (0u16..).zip(&cells) {
                s.cell(row, col, value, f, lang)?;
            }
        }
    }
    s.set_widths(50)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row, 7)?;
    print_setup(sheet, 0);
    Ok(())
}

/// The plan: each indicator's target as the plan states it.
fn plan_sheet(
    sheet: &mut Worksheet,
    plan: &Plan,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(lang.pick("规划目标", "Plan"))?;
    let fields = [
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
    let titles: Vec<&str> = fields.iter().map(|field| lang.field(field)).collect();
    let mut s = Sheet::new(sheet);
    s.header(0, &titles, f)?;
    let mut row = 0;
    for ind in &plan.indicators {
        row += 1;
        let cells = [
            Value::text(ind.id.as_str()),
            Value::Paragraph(lang.name(&ind.name, ind.name_en.as_deref()), NAME_WIDTH),
            Value::text(lang.unit(&ind.unit)),
            Value::text(lang.kind(ind.kind)),
            Value::Year(ind.baseline_year),
            Value::number(ind.baseline),
            Value::Year(ind.target_year),
            Value::text(target_of(ind, lang)),
            binding(ind, lang),
            Value::optional(ind.text().chapter.as_deref()),
            ind.text()
                .quote
                .as_deref()
                .map_or(Value::Empty, |q| Value::Paragraph(q, QUOTE_WIDTH)),
        ];
        for (col, value) in (0u16..).zip(&cells) {
            s.cell(row, col, value, f, lang)?;
        }
        let quote = ind.text().quote.as_deref().unwrap_or("");
        let name = lang.name(&ind.name, ind.name_en.as_deref());
        let height =
            lines(quote, QUOTE_WIDTH as f64 + 1.0).max(lines(name, NAME_WIDTH as f64 + 1.0));
        if height > 1 {
            s.sheet.set_row_height(row, 15.0 * height as f64)?;
        }
    }
    s.set_widths(60)?;
    sheet.set_freeze_panes(1, 2)?;
    sheet.autofilter(0, 0, row, 10)?;
    print_setup(sheet, 0);
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
    let mut s = Sheet::new(sheet);
    s.header(0, &titles, &f)?;
    let mut row = 0;
    for (ind, enter) in book.plan.entered().zip(&book.enter) {
        row += 1;
        let cells = [
            Value::text(ind.id.as_str()),
            Value::text(ind.name.as_str()),
            Value::text(ind.unit.as_str()),
            Value::text(enter.as_str()),
        ];
        for (col, value) in (0u16..).zip(&cells) {
            s.cell(row, col, value, &f, lang)?;
        }
        for col in first_value..=last_col {
            s.sheet.write_blank(row, col, &open)?;
        }
        let check = value_check(ind, lang)?;
        let last_year = first_value + years.len() as u16 - 1;
        s.sheet
            .add_data_validation(row, first_value, row, last_year, &check)?;
    }
    s.set_widths(48)?;
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
        sheet_rows(indicators, chapters, actuals, Lang::En)
            .into_iter()
            .find(|(_, rows)| *rows > MAX_ROWS)
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
