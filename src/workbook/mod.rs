//! Opening a workbook whatever its bytes claim, for the actuals reader and
//! for `import`: the format told by the first bytes, a password named as
//! such, an archive's cost bounded before it is parsed (`bounds.rs`), and
//! the formats calamine reads into whole sheets (`.xls`, `.ods`, `.xlsb`)
//! read in a child process of plantrack with limits on its memory and time
//! (`child.rs`), so that a hostile file cannot take the machine down.

mod bounds;
pub mod child;

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Reader, SheetVisible, Sheets, Xlsx};

use crate::msg::Text;
use crate::tr;

pub use bounds::{INFLATED_FLOOR, INFLATED_PER_BYTE, MAX_SHEETS, MAX_STYLES};
pub use child::{MEMORY_FLOOR, MEMORY_PER_BYTE, contain_in};

/// A workbook's bytes, as calamine reads them.
pub type Bytes = Cursor<Vec<u8>>;

/// Whether `bytes` start as a workbook does: a zip archive (`.xlsx`,
/// `.ods`) or an OLE compound file (`.xls`, or an encrypted `.xlsx`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&CFB)
}

/// The first bytes of an OLE compound file.
const CFB: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// An open workbook: an `.xlsx` to be read cell by cell as its XML streams
/// by, or the cells of every sheet of another format, read whole.
pub enum Book {
    /// An `.xlsx` (or `.xlsm`), its archive checked against the limits.
    Xlsx(Box<Xlsx<Bytes>>),
    /// Every sheet of a workbook of another format.
    Sheets(Vec<Sheet>),
}

/// One sheet of a workbook read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Whether the sheet is shown (not hidden or very hidden).
    pub visible: bool,
    /// Its cells that hold something, row by row; why not, if the sheet
    /// cannot be read.
    pub cells: Result<Vec<Cell>, String>,
}

/// A cell that holds something, at its 0-based row and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: u32,
    pub column: u32,
    pub value: Value,
}

/// What a cell holds, as plantrack reads it: numbers kept as numbers,
/// dates as `YYYY-MM-DD`, error values (`#DIV/0!`) as their text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(String),
    Error(String),
}

impl Value {
    /// The value of a calamine cell; `None` for an empty one.
    pub fn of(data: &Data) -> Option<Value> {
        Some(match data {
            Data::Empty => return None,
            Data::String(s) => Value::Text(s.clone()),
            Data::Int(i) => Value::Int(*i),
            Data::Float(f) => Value::Float(*f),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(dt) => Value::Date(excel_date(dt.as_f64())),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Date(s.clone()),
            Data::Error(e) => Value::Error(e.to_string()),
        })
    }

    /// The value as text: numbers as Rust writes an f64, the shortest text
    /// that reads back to it (`1385.5`, `1800`).
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) | Value::Date(s) | Value::Error(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
        }
    }
}

/// Why a workbook cannot be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// It is encrypted with a password.
    Protected,
    /// It is damaged or not a workbook: the reader's words.
    Unreadable(String),
    /// Reading it would pass a limit: which, in words.
    Limit(Text),
}

impl Refusal {
    /// Why a workbook cannot be read, in words.
    pub fn message(&self) -> Text {
        match self {
            Refusal::Protected => tr!(
                "工作簿设有密码保护，无法读取：请在Excel或WPS中另存一份不设密码的副本，再读取副本",
                "the workbook is password-protected: save an unprotected copy (in Excel or WPS) and read that"
            ),
            Refusal::Unreadable(why) => {
                let why = crate::diag::escape_controls(why).into_owned();
                tr!(
                    "文件开头像工作簿，却无法按 .xlsx、.xls 或 .ods 读取（{why}）；文件是否损坏？请打开后重新保存，或把每张表另存为CSV",
                    "the file starts as a workbook but cannot be read as .xlsx, .xls or .ods ({why}); is it damaged? Open and save it again, or save each sheet as CSV"
                )
            }
            Refusal::Limit(why) => why.clone().then(&tr!(
                "；如确是正常文件，请打开后重新保存，或把每张表另存为CSV",
                "; if it is an honest file, open and save it again, or save each sheet as CSV"
            )),
        }
    }
}

/// Opens a workbook: an `.xlsx` once its archive is within the limits,
/// any other format read whole (in a child process where one is set up
/// by [`contain_in`]).
pub fn open(bytes: Vec<u8>) -> Result<Book, Refusal> {
    if bytes.starts_with(b"PK") {
        let kind = bounds::check(&bytes)?;
        if kind == bounds::Kind::Xlsx {
            let cursor = Cursor::new(bytes);
            match guarded(|| calamine::open_workbook_from_rs::<Xlsx<Bytes>, _>(cursor)) {
                Some(Ok(book)) => return Ok(Book::Xlsx(Box::new(book))),
                Some(Err(e)) => return Err(Refusal::Unreadable(e.to_string())),
                None => return Err(Refusal::Unreadable(reader_failed())),
            }
        }
    } else if bytes.starts_with(&CFB) && is_encrypted_ooxml(&bytes) {
        return Err(Refusal::Protected);
    }
    match child::program() {
        Some(program) => child::read(program, bytes),
        None => read_whole(bytes),
    }
}

/// The names of `book`'s sheets, each with whether it is shown (neither
/// hidden nor very hidden).
pub fn sheet_names<R: Reader<Bytes>>(book: &R) -> Vec<(String, bool)> {
    book.sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect()
}

/// Whether the binary reads `bytes` in a child process (an `.xls`, an
/// `.ods`, anything calamine reads whole) rather than in its own: the
/// fuzz target of workbooks leaves these out, their limits being the
/// child's (tested in `tests/hostile.rs`).
pub fn read_in_child(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"PK") {
        return bounds::check(bytes) == Ok(bounds::Kind::Other);
    }
    bytes.starts_with(&CFB)
}

/// Every sheet of a workbook read whole in this process.
pub fn read_whole(bytes: Vec<u8>) -> Result<Book, Refusal> {
    let mut book = open_whole(bytes)?;
    let sheets = sheet_names(&book)
        .into_iter()
        .map(|(name, visible)| {
            let cells = if visible {
                sheet_cells(&mut book, &name)
            } else {
                Ok(Vec::new())
            };
            Sheet {
                name,
                visible,
                cells,
            }
        })
        .collect();
    Ok(Book::Sheets(sheets))
}

/// Every sheet of `book`, each read whole (for `import`, whose tables are
/// small: an `.xlsx` is read whole too, once within the archive's limits).
pub fn whole_sheets(book: Book) -> Vec<Sheet> {
    match book {
        Book::Sheets(sheets) => sheets,
        Book::Xlsx(mut book) => sheet_names(book.as_ref())
            .into_iter()
            .map(|(name, visible)| Sheet {
                cells: sheet_cells(book.as_mut(), &name),
                name,
                visible,
            })
            .collect(),
    }
}

/// Opens a workbook calamine reads whole, by its first bytes: an OLE
/// file as `.xls`, an archive as `.ods`, else `.xlsx`, else `.xlsb`.
fn open_whole(bytes: Vec<u8>) -> Result<Sheets<Bytes>, Refusal> {
    use calamine::{Ods, OdsError, Xls, XlsError, Xlsb, open_workbook_from_rs as from};
    let cursor = Cursor::new(bytes);
    let opened = if cursor.get_ref().starts_with(&CFB) {
        guarded(|| from::<Xls<Bytes>, _>(cursor).map(Sheets::Xls)).map(|r| {
            r.map_err(|e| match e {
                XlsError::Password => Refusal::Protected,
                e => Refusal::Unreadable(e.to_string()),
            })
        })
    } else {
        guarded(|| match from::<Ods<Bytes>, _>(cursor.clone()) {
            Ok(book) => Ok(Sheets::Ods(book)),
            Err(OdsError::Password) => Err(Refusal::Protected),
            Err(ods) => from::<Xlsx<Bytes>, _>(cursor.clone())
                .map(Sheets::Xlsx)
                .or_else(|_| from::<Xlsb<Bytes>, _>(cursor).map(Sheets::Xlsb))
                .map_err(|_| Refusal::Unreadable(ods.to_string())),
        })
    };
    opened.unwrap_or_else(|| Err(Refusal::Unreadable(reader_failed())))
}

/// The cells of sheet `name` that hold something.
fn sheet_cells<R: Reader<Bytes>>(book: &mut R, name: &str) -> Result<Vec<Cell>, String>
where
    R::Error: std::fmt::Display,
{
    let range = guarded(|| book.worksheet_range(name))
        .ok_or_else(reader_failed)?
        .map_err(|e| e.to_string())?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut cells = Vec::new();
    for (row, data) in (first_row..).zip(range.rows()) {
        for (column, data) in (first_column..).zip(data) {
            if let Some(value) = Value::of(data) {
                cells.push(Cell { row, column, value });
            }
        }
    }
    Ok(cells)
}

/// Whether an OLE compound file is an encrypted `.xlsx`: Excel keeps the
/// encrypted archive in a stream named `EncryptedPackage`.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// Runs a call into calamine, which reads untrusted archives and XML: a
/// panic inside it becomes `None` (the file is reported as damaged), never
/// a crash, and prints nothing. Only calamine's own calls run here, so a
/// panic in plantrack's code is never hidden.
pub fn guarded<T>(call: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(call));
    std::panic::set_hook(hook);
    result.ok()
}

/// Why a sheet could not be read when the workbook library gives no reason.
pub fn reader_failed() -> String {
    crate::tr!(
        "读取工作簿的程序在此出错",
        "the workbook reader failed on it"
    )
    .to_string()
}

/// An Excel date serial (days since 1899-12-30, as Excel counts them) as
/// `YYYY-MM-DD`, the time of day dropped.
pub fn excel_date(serial: f64) -> String {
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
    (yoe + era * 400 + i64::from(m <= 2), m, d)
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
        assert_eq!(excel_date(f64::NAN), "date serial NaN");
    }

    #[test]
    fn workbooks_are_told_by_their_first_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(is_workbook(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]));
        assert!(!is_workbook("指标,年份,数值\n".as_bytes()));
    }

    #[test]
    fn an_encrypted_xlsx_is_told_by_its_stream_name() {
        let mut bytes = CFB.to_vec();
        bytes.extend([0; 60]);
        assert!(!is_encrypted_ooxml(&bytes));
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(is_encrypted_ooxml(&bytes));
        assert_eq!(open(bytes).err(), Some(Refusal::Protected));
    }

    #[test]
    fn values_read_as_text_keep_every_digit() {
        assert_eq!(Value::Float(1385.5).text(), "1385.5");
        assert_eq!(Value::Float(0.1 + 0.2).text(), "0.30000000000000004");
        assert_eq!(Value::Int(1800).text(), "1800");
        assert_eq!(Value::of(&Data::Empty), None);
    }
}
