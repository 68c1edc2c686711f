//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`), read with calamine: each
//! visible sheet is a table for `sheet.rs`, in the layouts and with the
//! header rules of CSV. A sheet that is not a table of actuals (no header
//! row, or the header of something else, such as a report) is named in a
//! note and not read; a workbook with no such table at all is an error.
//!
//! Numeric cells are read as numbers, text cells through the number parser
//! of CSV; dates and error values (`#DIV/0!`) where a figure belongs are
//! refused at their cell (`book.xlsx:2022年!C14`).

use std::collections::HashSet;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{
    Data, DataRef, Reader as _, SheetVisible, Sheets, Xlsx, open_workbook_auto_from_rs,
};

use super::sheet::{Reader, Special, Table};
use super::source::Source;
use crate::diag::{Location, Remark, escape_controls, quote};
use crate::msg::Text;

/// A workbook's bytes, as calamine reads them.
type Bytes = Cursor<Vec<u8>>;

/// The columns a sheet can have: Excel's last is XFD, the 16,384th.
const MAX_COLUMNS: u32 = 16_384;

/// Whether `bytes` start as a workbook does: a zip archive (`.xlsx`,
/// `.ods`) or an OLE compound file (`.xls`).
pub(super) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// An open workbook: an `.xlsx` is read cell by cell as its XML streams
/// by; other formats are read by calamine into whole sheets.
enum Book {
    Xlsx(Box<Xlsx<Bytes>>),
    Other(Box<Sheets<Bytes>>),
}

/// Runs a call into calamine, which reads untrusted archives and XML: a
/// panic inside it becomes `None` (the file is reported as damaged), never
/// a crash, and prints nothing. Only calamine's own calls run here, so a
/// panic in plantrack's code is never hidden.
fn guarded<T>(call: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(call));
    std::panic::set_hook(hook);
    result.ok()
}

/// What a failed call into calamine says.
/// Why a sheet could not be read when the workbook library gives no reason.
fn reader_failed() -> String {
    crate::tr!(
        "读取工作簿的程序在此出错",
        "the workbook reader failed on it"
    )
    .to_string()
}

/// Opens a workbook; why not, if it cannot be opened.
fn open(bytes: Vec<u8>) -> Result<Book, String> {
    let cursor = Cursor::new(bytes);
    if cursor.get_ref().starts_with(b"PK") {
        let xlsx = guarded(|| calamine::open_workbook_from_rs::<Xlsx<Bytes>, _>(cursor.clone()));
        if let Some(Ok(xlsx)) = xlsx {
            return Ok(Book::Xlsx(Box::new(xlsx)));
        }
    }
    match guarded(|| open_workbook_auto_from_rs(cursor)) {
        Some(Ok(book)) => Ok(Book::Other(Box::new(book))),
        Some(Err(e)) => Err(e.to_string()),
        None => Err(reader_failed()),
    }
}

impl Book {
    fn sheets(&self) -> Vec<(String, SheetVisible)> {
        let sheets = match self {
            Book::Xlsx(book) => book.sheets_metadata(),
            Book::Other(book) => book.sheets_metadata(),
        };
        sheets.iter().map(|s| (s.name.clone(), s.visible)).collect()
    }

    /// Hands every row of sheet `name` to `row`; why not, if the sheet
    /// cannot be read.
    fn rows(&mut self, name: &str, row: &mut Row) -> Result<(), String> {
        match self {
            Book::Xlsx(book) => stream_rows(book, name, row),
            Book::Other(book) => whole_rows(book, name, row),
        }?;
        row.flush();
        Ok(())
    }
}

/// An `.xlsx` sheet's cells as they stream by, gathered into rows, so
/// that memory holds one row, whatever the sheet's stated dimensions.
///
/// A number in a cell formatted as a percentage is read as the percentage
/// shown, as CSV reads `16%`: the cell holds 0.075 for 7.5%, and the plan's
/// figures are written 7.5. A note says so.
fn stream_rows(book: &mut Xlsx<Bytes>, name: &str, row: &mut Row) -> Result<(), String> {
    let mut cells = guarded(|| book.worksheet_cells_reader(name))
        .ok_or_else(reader_failed)?
        .map_err(|e| e.to_string())?;
    let percent: Vec<bool> = cells
        .styles()
        .iter()
        .map(|style| {
            style.number_format.as_ref().is_some_and(|f| {
                matches!(f.format_id, Some(9 | 10)) || is_percent_format(&f.format_code)
            })
        })
        .collect();
    // Cells written without a value: blank, or a formula never calculated.
    let mut valueless: HashSet<(u32, u32)> = HashSet::new();
    loop {
        let cell = guarded(|| cells.next_cell_with_style_id())
            .ok_or_else(reader_failed)?
            .map_err(|e| e.to_string())?;
        let Some((cell, style)) = cell else {
            break;
        };
        let (r, c) = cell.get_position();
        if matches!(cell.get_value(), DataRef::Empty) && valueless.len() < MAX_VALUELESS {
            valueless.insert((r, c));
        }
        let mut value = Data::from(cell.get_value().clone());
        if percent.get(style).copied().unwrap_or(false) {
            value = match value {
                Data::Float(f) => Data::String(shown_as_percent(f.to_string())),
                Data::Int(i) => Data::String(shown_as_percent(i.to_string())),
                other => other,
            };
            row.percent_cells += usize::from(matches!(value, Data::String(_)));
        }
        row.put(r, c, &value)?;
    }
    drop(cells);
    row.flush();
    if !valueless.is_empty() {
        uncalculated_formulas(book, name, &valueless, row)?;
    }
    Ok(())
}

/// How many cells without a value are remembered per sheet to be checked
/// for formulas (a sheet of styled blank cells is common; beyond this
/// many, the rest go unchecked rather than holding memory).
const MAX_VALUELESS: usize = 100_000;

/// Refuses each formula among the `valueless` cells of sheet `name`: a
/// program wrote it without its result (as generators do before Excel
/// recalculates), and reading it as empty would drop a figure without a
/// word. Reads the sheet's formulas once more, only when there are such
/// cells.
fn uncalculated_formulas(
    book: &mut Xlsx<Bytes>,
    name: &str,
    valueless: &HashSet<(u32, u32)>,
    row: &mut Row,
) -> Result<(), String> {
    let mut cells = guarded(|| book.worksheet_cells_reader(name))
        .ok_or_else(reader_failed)?
        .map_err(|e| e.to_string())?;
    loop {
        let formula = guarded(|| cells.next_formula())
            .ok_or_else(reader_failed)?
            .map_err(|e| e.to_string())?;
        let Some(formula) = formula else {
            return Ok(());
        };
        let (r, c) = formula.get_position();
        if !formula.get_value().is_empty() && valueless.contains(&(r, c)) {
            let at = row.table.cell(r as usize + 1, c as usize);
            let text = quote(formula.get_value());
            row.reader.error(at, || {
                crate::tr!(
                    "单元格是公式={text}，从未计算过，因此没有数值：请用Excel或WPS打开工作簿并保存，或直接填写数值",
                    "the cell holds the formula ={text}, which was never calculated, so it has no figure: open the workbook in Excel or WPS and save it, or enter the figure"
                )
            });
        }
    }
}

/// Whether a number format shows a percentage: a `%` outside quoted text
/// and not escaped (`0.0%`, `#,##0.00%`), as Excel reads format codes.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// The percentage a fraction shows, written exactly from its shortest text
/// (the decimal point moved two places, no arithmetic): `0.075` is `7.5`,
/// `1` is `100`, `-0.023` is `-2.3`.
fn shown_as_percent(fraction: String) -> String {
    let (sign, digits) = match fraction.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", fraction.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut frac = frac.to_string();
    while frac.len() < 2 {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(2);
    let whole = format!("{int}{moved}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if rest.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{rest}")
    }
}

/// A sheet of another format, read whole by calamine.
fn whole_rows(book: &mut Sheets<Bytes>, name: &str, row: &mut Row) -> Result<(), String> {
    let range = guarded(|| book.worksheet_range(name))
        .ok_or_else(reader_failed)?
        .map_err(|e| e.to_string())?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    for (r, cells) in (first_row..).zip(range.rows()) {
        for (c, cell) in (first_column..).zip(cells) {
            row.put(r, c, cell)?;
        }
    }
    Ok(())
}

/// Reads every visible sheet of one workbook into `reader`.
pub(super) fn read(reader: &mut Reader, source: &Source, bytes: Vec<u8>) {
    let at_start = || Location::line(source.name.clone(), 1);
    let mut book = match open(bytes) {
        Ok(book) => book,
        Err(why) => {
            let why = escape_controls(&why).into_owned();
            reader.error(at_start(), || {
                crate::tr!(
                    "文件开头像工作簿，却无法按 .xlsx、.xls 或 .ods 读取（{why}）；文件是否损坏？请打开后重新保存，或把每张表另存为CSV",
                    "the file starts as a workbook but cannot be read as .xlsx, .xls or .ods ({why}); is it damaged? Open and save it again, or save each sheet as CSV"
                )
            });
            return;
        }
    };
    let mut skipped = Vec::new();
    let mut read_any = false;
    for (name, visible) in book.sheets() {
        if visible != SheetVisible::Visible {
            let name = quote(&name);
            skipped.push(crate::tr!("“{name}”（隐藏）", "\"{name}\" (hidden)"));
            continue;
        }
        let mut row = Row::new(reader, Table::sheet(source.name.clone(), &name));
        if let Err(why) = book.rows(&name, &mut row) {
            let why = escape_controls(&why).into_owned();
            row.reader.error(at_start(), || {
                let name = quote(&name);
                crate::tr!(
                    "工作表“{name}”无法读取（{why}）；工作簿是否损坏？请打开后重新保存，或把这张表另存为CSV",
                    "sheet \"{name}\" cannot be read ({why}); is the workbook damaged? Open and save it again, or save the sheet as CSV"
                )
            });
            read_any = true;
            continue;
        }
        let Row {
            reader: r,
            table,
            percent_cells,
            ..
        } = row;
        if percent_cells > 0 {
            let place = format!(
                "{}:{}",
                escape_controls(&source.name),
                escape_controls(&name)
            );
            let (s, is) = if percent_cells == 1 {
                ("", "is")
            } else {
                ("s", "are")
            };
            r.remarks.push(Remark::note(crate::tr!(
                "{place}：{percent_cells}个设为百分比格式的单元格按显示的百分数读取（7.5%读作7.5），与规划的写法一致",
                "{place}: {percent_cells} cell{s} formatted as percentages {is} read as the percentage shown (7.5% as 7.5), as the plan writes its figures"
            )));
        }
        match r.finish(table) {
            None => read_any = true,
            Some(why) => {
                let name = quote(&name);
                skipped.push(
                    crate::tr!("“{name}”（", "\"{name}\" (")
                        .then(&why)
                        .then(&crate::tr!("）", ")")),
                );
            }
        }
    }
    if !read_any {
        let list = Text::join(&skipped, &crate::tr!("、", ", "));
        reader.error(at_start(), || {
            crate::tr!(
                "工作簿中没有一张表是实际值表格：",
                "no sheet of the workbook is a table of actuals: "
            )
            .then(&list)
            .then(&crate::tr!(
                "；应有一行表头，含指标列，以及数值列或每年一列",
                "; expected a header row with an indicator column and a value column or one column per year"
            ))
        });
    } else if !skipped.is_empty() {
        let s = if skipped.len() == 1 { "" } else { "s" };
        let list = Text::join(&skipped, &crate::tr!("、", ", "));
        reader.remarks.push(Remark::loss(
            crate::tr!("未读取的工作表：", "sheet{s} not read: ")
                .then(&list)
                .at(escape_controls(&source.name)),
        ));
    }
}

/// The row being gathered from a sheet's cells, handed to the table
/// reader when the next row begins.
struct Row<'r, 'p> {
    reader: &'r mut Reader<'p>,
    table: Table,
    /// The 0-based row number, once a cell of it is seen.
    at: Option<u32>,
    texts: Vec<String>,
    special: Vec<(usize, Special)>,
    /// How many cells formatted as percentages were read as the percentage shown.
    percent_cells: usize,
}

impl<'r, 'p> Row<'r, 'p> {
    fn new(reader: &'r mut Reader<'p>, table: Table) -> Self {
        Row {
            reader,
            table,
            at: None,
            texts: Vec::new(),
            special: Vec::new(),
            percent_cells: 0,
        }
    }

    /// Puts the cell at 0-based row `r` and column `c`.
    fn put(&mut self, r: u32, c: u32, cell: &Data) -> Result<(), String> {
        if *cell == Data::Empty {
            return Ok(());
        }
        if c >= MAX_COLUMNS {
            let row = u64::from(r) + 1;
            return Err(crate::tr!(
                "第{row}行有单元格超出了工作表的最后一列XFD",
                "a cell in row {row} lies beyond column XFD, the last a sheet can have"
            )
            .to_string());
        }
        if self.at != Some(r) {
            self.flush();
            self.at = Some(r);
        }
        let c = c as usize;
        if self.texts.len() <= c {
            self.texts.resize(c + 1, String::new());
        }
        let (text, odd) = cell_text(cell);
        if let Some(odd) = odd {
            self.special.push((c, odd));
        }
        if let Some(slot) = self.texts.get_mut(c) {
            *slot = text;
        }
        Ok(())
    }

    /// Hands the row gathered to the table reader.
    fn flush(&mut self) {
        if let Some(r) = self.at.take() {
            let cells: Vec<&str> = self.texts.iter().map(String::as_str).collect();
            let line = r as usize + 1;
            self.reader
                .row_with(&mut self.table, line, &cells, &self.special);
        }
        self.texts.clear();
        self.special.clear();
    }
}

/// A cell as text for the table reader, and what it holds if it is a
/// date or an error value. Numbers are written as Rust writes an f64: the
/// shortest text that reads back to the same number.
fn cell_text(cell: &Data) -> (String, Option<Special>) {
    match cell {
        Data::Empty => (String::new(), None),
        Data::String(s) => (s.clone(), None),
        Data::Int(i) => (i.to_string(), None),
        Data::Float(f) => (f.to_string(), None),
        Data::Bool(b) => (b.to_string(), None),
        Data::DateTime(dt) => {
            let text = excel_date(dt.as_f64());
            (text.clone(), Some(Special::Date(text)))
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), Some(Special::Date(s.clone()))),
        Data::Error(e) => {
            let text = e.to_string();
            (text.clone(), Some(Special::Error(text)))
        }
    }
}

/// An Excel date serial (days since 1899-12-30, as Excel counts them) as
/// `YYYY-MM-DD`, the time of day dropped.
fn excel_date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return format!("date serial {serial}");
    }
    // Days from 1970-01-01; 1899-12-30 is 25,569 days before it.
    let days = serial.floor() as i64 - 25_569;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_read_as_calendar_dates() {
        assert_eq!(excel_date(44562.0), "2022-01-01");
        assert_eq!(excel_date(45658.75), "2025-01-01");
        assert_eq!(excel_date(25569.0), "1970-01-01");
        assert_eq!(excel_date(61.0), "1900-03-01");
    }

    #[test]
    fn percentages_are_read_as_shown() {
        assert_eq!(shown_as_percent(0.075f64.to_string()), "7.5");
        assert_eq!(shown_as_percent(1f64.to_string()), "100");
        assert_eq!(shown_as_percent(0.5f64.to_string()), "50");
        assert_eq!(shown_as_percent((-0.023f64).to_string()), "-2.3");
        assert_eq!(shown_as_percent(0.1234f64.to_string()), "12.34");
        assert_eq!(shown_as_percent(0.57f64.to_string()), "57");
        assert_eq!(shown_as_percent(0f64.to_string()), "0");
        assert_eq!(shown_as_percent(12f64.to_string()), "1200");
        assert!(is_percent_format("0.0%"));
        assert!(is_percent_format("#,##0.00%;[Red]-0.00%"));
        assert!(!is_percent_format("0.0\"%\""));
        assert!(!is_percent_format("0.0\\%"));
        assert!(!is_percent_format("#,##0.00"));
    }

    #[test]
    fn workbooks_are_told_by_their_first_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(is_workbook(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]));
        assert!(!is_workbook("指标,年份,数值\n".as_bytes()));
    }
}
