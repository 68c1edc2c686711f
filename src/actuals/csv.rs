//! CSV and TSV files, as spreadsheets export them: decoded (see
//! `decode.rs`), line endings of every kind (CRLF, LF, and the lone CR of
//! old Mac Excel) counted as lines, and an unterminated quote refused at
//! the line where it opens, instead of swallowing the rows after it.

use std::borrow::Cow;

use super::ReadOptions;
use super::decode::decode_owned;
use super::sheet::{Reader, Table};
use super::source::Source;
use crate::diag::{Location, Remark};

/// Reads one CSV or TSV input into `reader`.
pub(super) fn read(reader: &mut Reader, source: &Source, bytes: Vec<u8>, options: &ReadOptions) {
    let decoded = match decode_owned(bytes, options.encoding) {
        Ok(d) => d,
        Err(why) => {
            reader.error(Location::line(source.name.clone(), 1), || {
                crate::tr!("文件", "the file ").then(&why)
            });
            return;
        }
    };
    if decoded.detected_gb18030 {
        let name = crate::diag::escape_controls(&source.name);
        reader.remarks.push(Remark::note(crate::tr!(
            "{name}：按GB18030（GBK）编码读取；如需按其他编码读取，请给出 --encoding",
            "{name}: read as GB18030 (GBK); pass --encoding to read it otherwise"
        )));
    }
    let text = lone_cr_as_lf(&decoded.text);
    let delimiter = if source.is_tsv(&text) { b'\t' } else { b',' };
    if let Some(line) = unterminated_quote(&text, delimiter) {
        reader.error(Location::line(source.name.clone(), line), || {
            crate::tr!(
                "此处有一个带引号的单元格没有闭合（多了一个\"？）：其后各行都会被当作这个单元格的内容；请补上引号，或在单元格内写成两个引号（\"\"）",
                "a quoted cell opens here and is never closed (a stray \" ?): every row after it would be read as part of this cell; close the quote, or double it (\"\") inside the cell"
            )
        });
        return;
    }
    let mut table = Table::new(source.name.clone(), source.stem());
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::default();
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                reader.error(Location::line(source.name.clone(), line), || {
                    crate::tr!(
                        "无法按CSV读取这一行：{e}",
                        "cannot read the row as CSV: {e}"
                    )
                });
                return;
            }
        }
        let line = record
            .position()
            .map_or(1, |p| lines.line_of(&text, p.byte()));
        with_cells(&record, |cells| reader.row(&mut table, line, cells));
    }
    reader.finish(table);
}

/// Calls `f` with the cells of `record`: on the stack for a row of up to
/// 16 cells, as rows of actuals are, so a long table does not allocate
/// once a row.
fn with_cells(record: &csv::StringRecord, f: impl FnOnce(&[&str])) {
    const ON_STACK: usize = 16;
    if record.len() <= ON_STACK {
        let mut cells = [""; ON_STACK];
        for (slot, cell) in cells.iter_mut().zip(record) {
            *slot = cell;
        }
        f(cells.get(..record.len()).unwrap_or_default());
    } else {
        f(&record.iter().collect::<Vec<_>>());
    }
}

/// Line numbers of records read in order, counted as the reading goes.
#[derive(Debug, Default)]
struct LineCounter {
    /// The byte offset counted up to, and the 0-based line there.
    offset: usize,
    line: usize,
}

impl LineCounter {
    /// The 1-based line a record starts on. The csv crate places a record
    /// where the one before it ended, before any blank lines between them,
    /// so the blank lines are stepped over first. Offsets must not go back.
    fn line_of(&mut self, text: &str, offset: u64) -> usize {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(text.len());
        let rest = text.get(offset..).unwrap_or_default();
        let start = offset + (rest.len() - rest.trim_start_matches('\n').len());
        if let Some(between) = text.as_bytes().get(self.offset..start) {
            self.line += between.iter().filter(|&&b| b == b'\n').count();
            self.offset = start;
        }
        self.line + 1
    }
}

/// Text with every lone carriage return (not followed by a line feed) made
/// a line feed, so that line numbers count the lines a person sees.
fn lone_cr_as_lf(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The line where a quoted field opens that is still open at the end of
/// the text, read as the csv crate reads it: a quote opens a field only at
/// its start; inside, `""` is a quote and a lone `"` closes it.
fn unterminated_quote(text: &str, delimiter: u8) -> Option<usize> {
    if !text.contains('"') {
        return None;
    }
    let mut line = 1;
    let mut field_start = true;
    let mut open_at: Option<usize> = None;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\n' {
            line += 1;
        }
        if open_at.is_some() {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    open_at = None;
                }
            }
            continue;
        }
        if b == b'"' && field_start {
            open_at = Some(line);
        }
        field_start = b == delimiter || b == b'\n';
    }
    open_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_quote_is_found_at_its_line() {
        let text = "indicator,year,value,note\na,2021,150,\"oops\nb,2021,3,\nb,2022,4,\n";
        assert_eq!(unterminated_quote(text, b','), Some(2));
        let closed = "indicator,note\na,\"x, \"\"y\"\"\nz\"\nb,c\n";
        assert_eq!(unterminated_quote(closed, b','), None);
        // A quote inside an unquoted cell is literal.
        assert_eq!(unterminated_quote("a,b\"c\nd,e\n", b','), None);
    }

    #[test]
    fn records_after_blank_lines_are_placed_on_their_own_line() {
        let text = "title\n\nh1,h2\na,b\n\n\nc,d\n";
        let mut lines = LineCounter::default();
        assert_eq!(lines.line_of(text, 0), 1);
        assert_eq!(lines.line_of(text, 6), 3);
        assert_eq!(lines.line_of(text, 13), 4);
        assert_eq!(lines.line_of(text, 17), 7);
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(lone_cr_as_lf("a\rb\r\nc\n"), "a\nb\nc\n");
        assert!(matches!(lone_cr_as_lf("a\nb"), Cow::Borrowed(_)));
    }
}
