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

use calamine::{Data, DataRef, Xlsx};

use super::sheet::{Reader, Special, Table};
use super::source::Source;
use crate::diag::{Location, Remark, escape_controls, quote};
use crate::msg::Text;
use crate::workbook::{self, Book, Bytes, Value, guarded, reader_failed};

/// The columns a sheet can have: Excel's last is XFD, the 16,384th.
const MAX_COLUMNS: u32 = 16_384;

/// Hands every row of sheet `name` of `book` to `row`; why not, if the
/// sheet cannot be read.
fn rows(book: &mut Book, name: &str, row: &mut Row) -> Result<(), String> {
    match book {
        Book::Xlsx(book) => stream_rows(book, name, row),
        Book::Sheets(sheets) => {
            let sheet = sheets.iter().find(|s| s.name == name);
            for cell in sheet.map_or(Ok(&[][..]), |s| s.cells.as_deref().map_err(Clone::clone))? {
                row.put(cell.row, cell.column, &cell.value)?;
            }
            Ok(())
        }
    }?;
    row.flush();
    Ok(())
}

/// The names of `book`'s sheets and whether each is shown.
fn sheets(book: &Book) -> Vec<(String, bool)> {
    match book {
        Book::Xlsx(book) => workbook::sheet_names(book.as_ref()),
        Book::Sheets(sheets) => sheets.iter().map(|s| (s.name.clone(), s.visible)).collect(),
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
        let Some(mut value) = Value::of(&Data::from(cell.get_value().clone())) else {
            continue;
        };
        if percent.get(style).copied().unwrap_or(false) {
            value = match value {
                Value::Float(f) => Value::Text(shown_as_percent(f.to_string())),
                Value::Int(i) => Value::Text(shown_as_percent(i.to_string())),
                other => other,
            };
            row.percent_cells += usize::from(matches!(value, Value::Text(_)));
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

/// Reads every visible sheet of one workbook into `reader`.
pub(super) fn read(reader: &mut Reader, source: &Source, bytes: Vec<u8>) {
    let at_start = || Location::line(source.name.clone(), 1);
    let mut book = match workbook::open(bytes) {
        Ok(book) => book,
        Err(refusal) => {
            reader.error(at_start(), || refusal.message());
            return;
        }
    };
    let mut skipped = Vec::new();
    let mut read_any = false;
    for (name, visible) in sheets(&book) {
        if !visible {
            let name = quote(&name);
            skipped.push(crate::tr!("“{name}”（隐藏）", "\"{name}\" (hidden)"));
            continue;
        }
        let mut row = Row::new(reader, Table::sheet(source.name.clone(), &name));
        if let Err(why) = rows(&mut book, &name, &mut row) {
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
        let list = sheet_list(&skipped);
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
        let list = sheet_list(&skipped);
        reader.remarks.push(Remark::loss(
            crate::tr!("未读取的工作表：", "sheet{s} not read: ")
                .then(&list)
                .at(escape_controls(&source.name)),
        ));
    }
}

/// How many sheets a message names before it counts the rest.
const LISTED_SHEETS: usize = 20;

/// The sheets not read, as a message lists them: the first
/// [`LISTED_SHEETS`], then how many more.
fn sheet_list(skipped: &[Text]) -> Text {
    let shown = skipped.get(..LISTED_SHEETS).unwrap_or(skipped);
    let list = Text::join(shown, &crate::tr!("、", ", "));
    match skipped.len() - shown.len() {
        0 => list,
        more => list.then(&crate::tr!("，另有{more}张", ", and {more} more")),
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
    fn put(&mut self, r: u32, c: u32, cell: &Value) -> Result<(), String> {
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
fn cell_text(cell: &Value) -> (String, Option<Special>) {
    let text = cell.text();
    let special = match cell {
        Value::Date(s) => Some(Special::Date(s.clone())),
        Value::Error(s) => Some(Special::Error(s.clone())),
        _ => None,
    };
    (text, special)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_sheets_not_read_is_cut() {
        let sheets: Vec<Text> = (0..25).map(|i| Text::from(format!("s{i}"))).collect();
        let list = sheet_list(&sheets);
        assert!(list.get(crate::msg::Lang::En).ends_with("s19, and 5 more"));
        assert_eq!(sheet_list(&sheets[..2]).get(crate::msg::Lang::Zh), "s0、s1");
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
}
