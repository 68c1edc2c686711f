//! A sheet's rows written as SpreadsheetML directly, a row at a time: the
//! report workbook's large sheets, where rust_xlsxwriter's bookkeeping for
//! each cell (hashing its format, shared strings) would cost seconds.
//!
//! Cells are written as rust_xlsxwriter writes them in constant-memory
//! mode: strings inline, figures as numbers, each cell with its style.

use std::io::{self, Write};

/// Bytes gathered before they are passed on to the compressor.
const CHUNK: usize = 1 << 18;

/// A sheet's `<sheetData>` rows, written to `out`.
pub struct SheetXml<W: Write> {
    out: W,
    buffer: Vec<u8>,
    /// Each style's index in the workbook's styles (`s="…"`), by the
    /// sheet's own numbering.
    styles: Vec<u32>,
    /// The current row's number as Excel counts (from 1), as text.
    row: String,
    open: bool,
}

impl<W: Write> SheetXml<W> {
    /// Rows for a sheet whose styles are `styles`.
    pub fn new(out: W, styles: Vec<u32>) -> Self {
        SheetXml {
            out,
            buffer: Vec::with_capacity(CHUNK + 4096),
            styles,
            row: String::new(),
            open: false,
        }
    }

    /// Starts row `row` (from 0), `height` points high if given.
    pub fn row(&mut self, row: u32, height: Option<f64>) -> io::Result<()> {
        self.close_row();
        if self.buffer.len() >= CHUNK {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        self.row.clear();
        self.row.push_str(itoa::Buffer::new().format(row + 1));
        self.buffer.extend_from_slice(b"<row r=\"");
        self.buffer.extend_from_slice(self.row.as_bytes());
        match height {
            Some(points) => {
                self.buffer.extend_from_slice(b"\" ht=\"");
                self.buffer
                    .extend_from_slice(zmij::Buffer::new().format_finite(points).as_bytes());
                self.buffer.extend_from_slice(b"\" customHeight=\"1\">");
            }
            None => self.buffer.extend_from_slice(b"\">"),
        }
        self.open = true;
        Ok(())
    }

    /// An empty cell with its style (a border, a fill).
    pub fn blank(&mut self, col: u16, style: usize) {
        self.start_cell(col, style);
        self.buffer.extend_from_slice(b"/>");
    }

    /// A cell of text; past Excel's 32,767 characters a cell, cut there
    /// and ended with `…` (the full text is in the input it came from).
    pub fn text(&mut self, col: u16, style: usize, text: &str) {
        let text = within_cell(text);
        let text = text.as_ref();
        self.start_cell(col, style);
        self.buffer.extend_from_slice(b" t=\"inlineStr\"><is><t");
        let edge = [b' ', b'\t', b'\n'];
        let bytes = text.as_bytes();
        if bytes.first().is_some_and(|b| edge.contains(b))
            || bytes.last().is_some_and(|b| edge.contains(b))
        {
            self.buffer.extend_from_slice(b" xml:space=\"preserve\"");
        }
        self.buffer.push(b'>');
        escape_into(&mut self.buffer, text);
        self.buffer.extend_from_slice(b"</t></is></c>");
    }

    /// A cell holding a figure; one that is not finite is left empty.
    pub fn number(&mut self, col: u16, style: usize, value: f64) {
        if !value.is_finite() {
            return self.blank(col, style);
        }
        self.start_cell(col, style);
        self.buffer.extend_from_slice(b"><v>");
        if value.fract() == 0.0 && value.abs() < 1e15 {
            // A whole number as one: `2021`, not `2021.0`.
            self.buffer
                .extend_from_slice(itoa::Buffer::new().format(value as i64).as_bytes());
        } else {
            self.buffer
                .extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
        }
        self.buffer.extend_from_slice(b"</v></c>");
    }

    /// Writes what is left and gives back the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.close_row();
        self.out.write_all(&self.buffer)?;
        Ok(self.out)
    }

    fn close_row(&mut self) {
        if self.open {
            self.buffer.extend_from_slice(b"</row>");
            self.open = false;
        }
    }

    fn start_cell(&mut self, col: u16, style: usize) {
        self.buffer.extend_from_slice(b"<c r=\"");
        push_column(&mut self.buffer, col);
        self.buffer.extend_from_slice(self.row.as_bytes());
        let s = self.styles.get(style).copied().unwrap_or(0);
        if s > 0 {
            self.buffer.extend_from_slice(b"\" s=\"");
            self.buffer
                .extend_from_slice(itoa::Buffer::new().format(s).as_bytes());
        }
        self.buffer.push(b'"');
    }
}

/// The most characters Excel keeps in a cell.
const CELL_CHARS: usize = 32_767;

/// `text`, or as much of it as a cell holds, ended with `…`.
fn within_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= CELL_CHARS {
        return text.into();
    }
    match text.char_indices().nth(CELL_CHARS - 1) {
        Some((cut, _)) if text.chars().count() > CELL_CHARS => {
            format!("{}…", text.get(..cut).unwrap_or_default()).into()
        }
        _ => text.into(),
    }
}

/// Column `col` (from 0) in Excel's letters: A, B, … Z, AA, ….
pub fn push_column(out: &mut Vec<u8>, col: u16) {
    // At most three letters: XFD is Excel's last column.
    let mut letters = [0u8; 3];
    let mut len = 0;
    let mut n = u32::from(col) + 1;
    while n > 0 {
        if let Some(letter) = letters.get_mut(len) {
            *letter = b'A' + ((n - 1) % 26) as u8;
            len += 1;
        }
        n = (n - 1) / 26;
    }
    out.extend(letters.get(..len).unwrap_or_default().iter().rev());
}

/// A cell range's reference, `A1:W100006`, from its last row and column
/// (counted from 0).
pub fn range_to(last: (u32, u16)) -> String {
    let mut text = b"A1:".to_vec();
    push_column(&mut text, last.1);
    text.extend_from_slice(itoa::Buffer::new().format(last.0 + 1).as_bytes());
    String::from_utf8_lossy(&text).into_owned()
}

/// `text` up to and including `open`, and what follows the value after
/// it (from `close` on).
pub fn cut<'t>(text: &'t str, open: &str, close: &str) -> Option<(&'t str, &'t str)> {
    let value = text.find(open)? + open.len();
    let end = value + text.get(value..)?.find(close)?;
    Some((text.get(..value)?, text.get(end..)?))
}

/// Appends `text` escaped for an XML text node as Excel reads it: `&`,
/// `<` and `>` as entities, control characters (other than tab and line
/// feed) as `_xHHHH_`, and a literal `_xHHHH_` kept literal by escaping
/// its underscore.
pub fn escape_into(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let control = b < 0x20 && b != b'\t' && b != b'\n';
        let literal = b == b'_' && looks_escaped(bytes.get(i..).unwrap_or_default());
        if !(control || literal || matches!(b, b'&' | b'<' | b'>')) {
            continue;
        }
        out.extend_from_slice(bytes.get(start..i).unwrap_or_default());
        match b {
            b'&' => out.extend_from_slice(b"&amp;"),
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            // `_x005F_` is the underscore; the rest of `_xHHHH_` follows.
            b'_' => out.extend_from_slice(b"_x005F_"),
            _ => out.extend_from_slice(format!("_x{b:04X}_").as_bytes()),
        }
        start = i + 1;
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or_default());
}

/// Whether `rest` begins `_xHHHH_`, which Excel would read as an escape.
fn looks_escaped(rest: &[u8]) -> bool {
    matches!(rest, [b'_', b'x', a, b, c, d, b'_', ..]
        if [a, b, c, d].iter().all(|h| h.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        escape_into(&mut out, text);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn text_is_escaped_as_excel_reads_it() {
        assert_eq!(escaped("R&D <5%>"), "R&amp;D &lt;5%&gt;");
        assert_eq!(escaped("a\u{1}b\rc\td\ne"), "a_x0001_b_x000D_c\td\ne");
        assert_eq!(escaped("_x0041_ and _xZZ_"), "_x005F_x0041_ and _xZZ_");
        assert_eq!(escaped("人均GDP"), "人均GDP");
    }

    #[test]
    fn text_past_a_cells_limit_is_cut_there() {
        let long = "长".repeat(CELL_CHARS + 5);
        let cut = within_cell(&long);
        assert_eq!(cut.chars().count(), CELL_CHARS);
        assert!(cut.ends_with("长…"));
        let full = "长".repeat(CELL_CHARS);
        assert_eq!(within_cell(&full), full);
    }

    #[test]
    fn columns_are_lettered_as_excel_does() {
        let name = |col| {
            let mut out = Vec::new();
            push_column(&mut out, col);
            String::from_utf8(out).unwrap_or_default()
        };
        assert_eq!(name(0), "A");
        assert_eq!(name(25), "Z");
        assert_eq!(name(26), "AA");
        assert_eq!(name(701), "ZZ");
        assert_eq!(name(702), "AAA");
        assert_eq!(name(16383), "XFD");
        assert_eq!(range_to((100_005, 22)), "A1:W100006");
    }

    #[test]
    fn rows_hold_styled_cells() -> io::Result<()> {
        let mut xml = SheetXml::new(Vec::new(), vec![0, 11, 12]);
        xml.row(6, None)?;
        xml.text(0, 1, " x0");
        xml.number(1, 2, 2021.0);
        xml.blank(2, 0);
        xml.number(3, 2, f64::NAN);
        xml.row(7, Some(30.0))?;
        xml.number(0, 2, 0.355);
        let out = String::from_utf8(xml.finish()?).unwrap_or_default();
        assert_eq!(
            out,
            "<row r=\"7\"><c r=\"A7\" s=\"11\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> x0</t></is></c>\
             <c r=\"B7\" s=\"12\"><v>2021</v></c><c r=\"C7\"/><c r=\"D7\" s=\"12\"/></row>\
             <row r=\"8\" ht=\"30.0\" customHeight=\"1\"><c r=\"A8\" s=\"12\"><v>0.355</v></c></row>"
        );
        Ok(())
    }
}
