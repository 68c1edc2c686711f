//! CSV and TSV files, as spreadsheets export them: decoded (see
//! `decode.rs`), line endings of every kind (CRLF, LF, and the lone CR of
//! old Mac Excel) counted as lines, and an unterminated quote refused at
//! the line where it opens, instead of swallowing the rows after it.

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
    let text = lone_cr_as_lf(decoded.text);
    let delimiter = if source.is_tsv(&text) { b'\t' } else { b',' };
    let quotes = Quotes::of(&text, delimiter);
    if let Some(line) = quotes.unterminated {
        reader.error(Location::line(source.name.clone(), line), || {
            crate::tr!(
                "此处有一个带引号的单元格没有闭合（多了一个\"？）：其后各行都会被当作这个单元格的内容；请补上引号，或在单元格内写成两个引号（\"\"）",
                "a quoted cell opens here and is never closed (a stray \" ?): every row after it would be read as part of this cell; close the quote, or double it (\"\") inside the cell"
            )
        });
        return;
    }
    let mut table = Table::new(source.name.clone(), source.stem());
    let mut csv = csv_reader(text.as_bytes(), delimiter);
    let mut lines = LineCounter::default();
    // The rows up to the header, here; a long table's data rows on every
    // core when no cell spans lines (a line is then a row); the rest here.
    let ended = read_rows(
        reader,
        &mut table,
        &mut csv,
        &text,
        &mut lines,
        |_, table| table.has_header(),
    );
    let parts_from = options.parts_from.unwrap_or(PARTS_FROM);
    let parts = (!ended && !quotes.multiline && text.len() >= parts_from)
        .then(|| read_in_parts(reader, &table, &text, csv.position().byte(), delimiter))
        .flatten();
    match parts {
        Some(parts) if reader.claim(&parts) => {
            // The text is freed before the parts' actuals are gathered.
            drop(csv);
            drop(text);
            reader.take(&mut table, parts);
        }
        _ if !ended => {
            read_rows(reader, &mut table, &mut csv, &text, &mut lines, |_, _| {
                false
            });
        }
        _ => {}
    }
    reader.finish(table);
}

/// From this many bytes, a table's data rows are read in parts on every
/// core (below it, threads would cost more than they save).
const PARTS_FROM: usize = 1 << 20;

/// A CSV reader of `text` as plantrack reads actuals: every row as it
/// is, however many cells it has.
fn csv_reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
}

/// Reads the rows `csv` gives of `text` into `table` until `done` says
/// the table has what was wanted; whether the text ended (or could not be
/// read as CSV, which is told) first.
fn read_rows(
    reader: &mut Reader,
    table: &mut Table,
    csv: &mut csv::Reader<&[u8]>,
    text: &str,
    lines: &mut LineCounter,
    done: impl Fn(&Reader, &Table) -> bool,
) -> bool {
    let mut record = csv::StringRecord::new();
    while !done(reader, table) {
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return true,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                reader.error(Location::line(table.file(), line), || {
                    crate::tr!(
                        "无法按CSV读取这一行：{e}",
                        "cannot read the row as CSV: {e}"
                    )
                });
                return true;
            }
        }
        let line = record
            .position()
            .map_or(1, |p| lines.line_of(text, p.byte()));
        with_cells(&record, |cells| reader.row(table, line, cells));
    }
    false
}

/// Reads the data rows of `text` from byte `at` (where a row starts, after
/// the header) in line-aligned parts, one per core, each by a reader of
/// its own, to be claimed with [`Reader::claim`]; none if the text is not
/// worth cutting.
fn read_in_parts<'p>(
    reader: &Reader<'p>,
    table: &Table,
    text: &str,
    at: u64,
    delimiter: u8,
) -> Option<Vec<Reader<'p>>> {
    let rest = usize::try_from(at).ok().and_then(|at| text.get(at..))?;
    let pieces = line_aligned(rest, crate::parts::threads());
    if pieces.len() < 2 {
        return None;
    }
    let lines: Vec<usize> = pieces.iter().map(|piece| newlines(piece)).collect();
    let mut line = newlines(text.get(..text.len() - rest.len()).unwrap_or_default());
    let mut jobs = Vec::with_capacity(pieces.len());
    for (k, (piece, n)) in pieces.into_iter().zip(&lines).enumerate() {
        let mut part = reader.part();
        // Room for every row at once, and in the first part for all of
        // them, which gathers the rest (a growing list would hold more).
        let rows = if k == 0 { lines.iter().sum() } else { *n };
        part.actuals.reserve(rows * table.values_per_row());
        jobs.push((part, table.part(&reader.actuals), piece, line));
        line += n;
    }
    let parts = crate::parts::each_on_a_thread(jobs, |(mut part, mut table, piece, line)| {
        let mut csv = csv_reader(piece.as_bytes(), delimiter);
        let mut lines = LineCounter { offset: 0, line };
        // The first problem ends the part: the rows are read again in one pass.
        let stop = |part: &Reader, _: &Table| !part.is_clean();
        read_rows(&mut part, &mut table, &mut csv, piece, &mut lines, stop);
        part
    });
    Some(parts)
}

/// `text` cut into at most `n` pieces of about equal length, each ending
/// at the end of a line (or of the text).
fn line_aligned(text: &str, n: usize) -> Vec<&str> {
    let mut pieces = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..n {
        let guess = (text.len() / n * k).max(start);
        let end = text
            .as_bytes()
            .get(guess..)
            .and_then(|after| memchr::memchr(b'\n', after))
            .map(|i| guess + i + 1);
        match end.and_then(|end| Some((end, text.get(start..end)?))) {
            Some((end, piece)) if end < text.len() => {
                pieces.push(piece);
                start = end;
            }
            _ => break,
        }
    }
    pieces.extend(text.get(start..));
    pieces
}

/// How many line feeds `text` holds.
fn newlines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
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
fn lone_cr_as_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// How a text's quoted cells lie, read as the csv crate reads them: a
/// quote opens a cell only at its start; inside, `""` is a quote and a
/// lone `"` closes it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Quotes {
    /// The line where a quoted cell opens that is still open at the end.
    unterminated: Option<usize>,
    /// Whether a quoted cell holds a line break (a row then spans lines).
    multiline: bool,
}

impl Quotes {
    fn of(text: &str, delimiter: u8) -> Quotes {
        let mut quotes = Quotes::default();
        if !text.contains('"') {
            return quotes;
        }
        let mut line = 1;
        let mut field_start = true;
        let mut bytes = text.bytes().peekable();
        while let Some(b) = bytes.next() {
            if b == b'\n' {
                line += 1;
            }
            if quotes.unterminated.is_some() {
                if b == b'"' {
                    if bytes.peek() == Some(&b'"') {
                        bytes.next();
                    } else {
                        quotes.unterminated = None;
                    }
                }
                quotes.multiline |= b == b'\n';
                continue;
            }
            if b == b'"' && field_start {
                quotes.unterminated = Some(line);
            }
            field_start = b == delimiter || b == b'\n';
        }
        quotes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_quote_is_found_at_its_line() {
        let text = "indicator,year,value,note\na,2021,150,\"oops\nb,2021,3,\nb,2022,4,\n";
        assert_eq!(Quotes::of(text, b',').unterminated, Some(2));
        let closed = Quotes::of("indicator,note\na,\"x, \"\"y\"\"\nz\"\nb,c\n", b',');
        assert_eq!(closed.unterminated, None);
        assert!(closed.multiline);
        // A quote inside an unquoted cell is literal.
        assert_eq!(Quotes::of("a,b\"c\nd,e\n", b','), Quotes::default());
        let one_line = Quotes::of("a,\"1,385.5\"\nb,\"x\"\"y\"\n", b',');
        assert_eq!(one_line, Quotes::default());
    }

    #[test]
    fn pieces_end_at_line_ends_and_cover_the_text() {
        let text = "a,1\nbb,22\nccc,333\nd,4\n";
        for n in 1..8 {
            let pieces = line_aligned(text, n);
            assert_eq!(pieces.concat(), text, "n = {n}");
            assert!(pieces.len() <= n);
            assert!(pieces.iter().all(|p| p.ends_with('\n')), "{pieces:?}");
        }
        assert_eq!(line_aligned(text, 2), ["a,1\nbb,22\nccc,333\n", "d,4\n"]);
        assert_eq!(line_aligned("no line end", 4), ["no line end"]);
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
        assert_eq!(lone_cr_as_lf("a\rb\r\nc\n".into()), "a\nb\nc\n");
        assert_eq!(lone_cr_as_lf("a\nb".into()), "a\nb");
    }
}
