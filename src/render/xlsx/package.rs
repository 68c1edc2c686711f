//! Large sheets spliced into a workbook rust_xlsxwriter has made.
//!
//! rust_xlsxwriter lays out every sheet: names, column widths, frozen
//! panes, filters, merged cells, notes, print set-up and the rows above
//! the data. A streamed sheet's data rows are left out of it; in their
//! place each style the rows use is written once, as a blank cell right
//! of the sheet's last column in the first streamed row (a "specimen"),
//! so that the style's number in the workbook can be read back. The saved
//! package is then copied member by member, each streamed sheet rewritten
//! with its rows, made and compressed on a thread of its own.

use std::io::{self, Cursor, Read, Write};

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use zip::write::{PreparedZipFile, ZipFileBuilder};

use super::notes::{self, Notes};
use super::stream::{SheetXml, cut, range_to};

/// Writes a blank cell in each of `styles`, in order, in the first row
/// `sheet.first_row` streams, right of its last column, so that [`splice`]
/// can learn the number each is given. (Not far right: rust_xlsxwriter
/// notes the columns a block of rows spans, and LibreOffice refuses a
/// sheet said to span past its 1,024 columns.)
pub fn specimens(
    sheet: &mut Worksheet,
    streamed: &Streamed,
    styles: &[&Format],
) -> Result<(), XlsxError> {
    for (col, format) in (streamed.last.1 + 1..).zip(styles) {
        sheet.write_blank(streamed.first_row, col, format)?;
    }
    Ok(())
}

/// Where [`splice`] writes a sheet's rows: its compressor.
pub type Writer = ZipFileBuilder;

/// What writes a streamed sheet's rows.
pub type WriteRows<'a> = Box<dyn FnOnce(&mut SheetXml<&mut Writer>) -> io::Result<()> + Send + 'a>;

/// A sheet whose data rows are streamed in.
pub struct Streamed<'a> {
    /// The sheet's place in the workbook, from 0.
    pub index: usize,
    /// The first row (from 0) the stream writes; rows above it are kept as
    /// rust_xlsxwriter wrote them.
    pub first_row: u32,
    /// The sheet's last row and column (from 0), the rows kept above the
    /// stream's included: its dimension, which is written above the rows.
    pub last: (u32, u16),
    /// Writes the rows, in order.
    pub rows: WriteRows<'a>,
    /// The sheet's notes, written over the placeholder (see [`notes`]); one
    /// sheet of a workbook at most has them.
    pub notes: Option<Notes>,
}

/// Members of the package made on a thread of their own.
type Job<'a> = Box<dyn FnOnce() -> io::Result<Vec<(String, PreparedZipFile)>> + Send + 'a>;

/// Writes to `out` the package `saved` with each streamed sheet's rows
/// written in.
pub fn splice(saved: &[u8], sheets: Vec<Streamed>, out: &mut dyn Write) -> io::Result<()> {
    let mut from = zip::ZipArchive::new(Cursor::new(saved)).map_err(io::Error::other)?;
    let mut jobs: Vec<Job> = Vec::new();
    for mut sheet in sheets {
        if let Some(noted) = sheet.notes.take() {
            let comments = text_of(&mut from, notes::COMMENTS)?;
            let drawing = text_of(&mut from, notes::DRAWING)?;
            jobs.push(Box::new(move || {
                Ok(vec![
                    packed(notes::COMMENTS, notes::comments(&comments, &noted))?,
                    packed(notes::DRAWING, notes::drawing(&drawing, &noted))?,
                ])
            }));
        }
        let name = format!("xl/worksheets/sheet{}.xml", sheet.index + 1);
        let xml = text_of(&mut from, &name)?;
        jobs.push(Box::new(move || {
            let parts = Parts::of(&xml, sheet.first_row, sheet.last.1 + 1)
                .ok_or_else(|| unexpected(&name))?;
            let packed = write_sheet(&name, &parts, sheet)?;
            Ok(vec![(name, packed)])
        }));
    }
    let mut written: Vec<(String, PreparedZipFile)> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs.into_iter().map(|job| scope.spawn(job)).collect();
        let mut written = Vec::new();
        for handle in handles {
            written.extend(crate::parts::joined(handle)?);
        }
        Ok::<_, io::Error>(written)
    })?;
    let mut to = zip::ZipWriter::new_stream(out);
    for i in 0..from.len() {
        let member = from.by_index_raw(i).map_err(io::Error::other)?;
        let name = member.name().map_err(io::Error::other)?;
        match written.iter().position(|(written, _)| *written == name) {
            Some(at) => {
                drop(member);
                let (_, made) = written.swap_remove(at);
                to.add_prepared_file(made).map_err(io::Error::other)?;
            }
            None => to.raw_copy_file(member).map_err(io::Error::other)?,
        }
    }
    to.finish().map_err(io::Error::other)?;
    Ok(())
}

/// The text of the package's member `name`.
fn text_of(from: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> io::Result<String> {
    let mut text = String::new();
    from.by_name(name)
        .map_err(|e| io::Error::other(format!("{name}: {e}")))?
        .read_to_string(&mut text)?;
    Ok(text)
}

/// The error for a member not laid out as rust_xlsxwriter lays it out.
fn unexpected(name: &str) -> io::Error {
    io::Error::other(format!("{name}: not laid out as expected"))
}

/// The options of every member written here: compressed fast, dated as
/// rust_xlsxwriter dates its own, and without Zip64 sizes, which
/// LibreOffice refuses (a sheet past 4 GiB is an error, not a bad file).
fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
}

/// A member `name` holding `bytes`, compressed.
fn packed(name: &str, bytes: Option<Vec<u8>>) -> io::Result<(String, PreparedZipFile)> {
    let bytes = bytes.ok_or_else(|| unexpected(name))?;
    let mut member = ZipFileBuilder::new(name, options()).map_err(io::Error::other)?;
    member.write_all(&bytes)?;
    Ok((name.to_string(), member.finish().map_err(io::Error::other)?))
}

/// A saved sheet cut where the streamed rows go.
struct Parts<'x> {
    /// Up to `<sheetData>`, with the dimension's reference cut out.
    before_dimension: &'x str,
    after_dimension: &'x str,
    /// The rows kept: those above the first streamed row.
    kept: &'x str,
    /// From `</sheetData>` on.
    tail: &'x str,
    /// Each specimen's style number, in order.
    styles: Vec<u32>,
}

impl<'x> Parts<'x> {
    fn of(xml: &'x str, first_row: u32, specimen_col: u16) -> Option<Self> {
        let open = xml.find("<sheetData>")? + "<sheetData>".len();
        let close = xml.rfind("</sheetData>")?;
        let data = xml.get(open..close)?;
        let (before_dimension, after_dimension) = cut(xml.get(..open)?, "<dimension ref=\"", "\"")?;
        let streamed = first_row_from(data, first_row + 1)?;
        Some(Parts {
            before_dimension,
            after_dimension,
            kept: data.get(..streamed)?,
            tail: xml.get(close..)?,
            styles: styles_of(data.get(streamed..)?, specimen_col),
        })
    }
}

/// Where the first row numbered `number` or more begins in `data`.
fn first_row_from(data: &str, number: u32) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = data.get(at..)?.find("<row r=\"") {
        let start = at + found;
        let digits = start + "<row r=\"".len();
        let rest = data.get(digits..)?;
        let end = rest.find('"')?;
        if rest.get(..end)?.parse::<u32>().ok()? >= number {
            return Some(start);
        }
        at = digits + end;
    }
    None
}

/// The `s` of each specimen cell (from column `first`) in a row's text, 0
/// where a cell has none.
fn styles_of(row: &str, first: u16) -> Vec<u32> {
    let row = row.split("</row>").next().unwrap_or_default();
    row.split("<c ")
        .skip(1)
        .filter(|cell| column_of(cell).is_some_and(|col| col >= first))
        .map(|cell| {
            let cell = cell.split('>').next().unwrap_or_default();
            cell.split(" s=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .unwrap_or(0)
        })
        .collect()
}

/// The column, from 0, of a cell's text after `<c `: `r="AB7"` is 27.
fn column_of(cell: &str) -> Option<u16> {
    let reference = cell.split("r=\"").nth(1)?;
    let mut letters = reference.bytes().take_while(u8::is_ascii_uppercase);
    let n = letters.try_fold(0u32, |n, b| {
        n.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
    })?;
    u16::try_from(n.checked_sub(1)?).ok()
}

/// One sheet, its rows made and compressed here.
fn write_sheet(name: &str, parts: &Parts, sheet: Streamed) -> io::Result<PreparedZipFile> {
    let mut zip = ZipFileBuilder::new(name, options()).map_err(io::Error::other)?;
    zip.write_all(parts.before_dimension.as_bytes())?;
    zip.write_all(range_to(sheet.last).as_bytes())?;
    zip.write_all(parts.after_dimension.as_bytes())?;
    zip.write_all(parts.kept.as_bytes())?;
    let mut xml = SheetXml::new(&mut zip, parts.styles.clone());
    (sheet.rows)(&mut xml)?;
    xml.finish()?;
    zip.write_all(parts.tail.as_bytes())?;
    zip.finish().map_err(io::Error::other)
}
