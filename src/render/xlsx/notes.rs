//! The report sheet's notes (comments on doubtful figures), written for
//! every flagged row at once.
//!
//! rust_xlsxwriter keeps several kilobytes for each note and walks the
//! sheet's rows to place each one: at a hundred thousand indicators with
//! thousands of doubtful figures that is 90 MB and a quarter of a second.
//! So rust_xlsxwriter writes one note, a [`PLACEHOLDER`], which brings the
//! parts a note needs (the comments part, its drawing, the relationships,
//! the author); the splice then writes every note from that one's text,
//! moved to each row.

use super::stream::{cut, escape_into, push_column};

/// The text of the one note rust_xlsxwriter writes, replaced by each
/// note's own: a private-use character no escaping touches.
pub const PLACEHOLDER: &str = "\u{E000}";

/// The comments part and the note drawing (VML) of a sheet.
pub const COMMENTS: &str = "xl/comments1.xml";
pub const DRAWING: &str = "xl/drawings/vmlDrawing1.vml";

/// Notes on one column of a sheet.
pub struct Notes {
    /// The column noted, from 0.
    pub col: u16,
    /// Each note's row (from 0) and text, in row order.
    pub rows: Vec<(u32, String)>,
    /// The row (from 0) of the sheet's one header row of its own height,
    /// and that height in pixels; every other row is Excel's default, 20
    /// pixels (15 points).
    pub tall_row: (u32, u32),
}

/// The pixels Excel gives a row of the default height (15 points).
const ROW_PX: u32 = 20;
/// A note's box, in pixels: its top below the top of the row above the
/// cell, and its height (rust_xlsxwriter's defaults, Excel's own).
const NOTE_TOP: u32 = 10;
const NOTE_HEIGHT: u32 = 74;

impl Notes {
    fn row_px(&self, row: u32) -> u32 {
        if row == self.tall_row.0 {
            self.tall_row.1
        } else {
            ROW_PX
        }
    }

    /// Pixels from the top of the sheet to the top of `row`.
    fn top_of(&self, row: u32) -> u32 {
        let above_tall = u32::from(self.tall_row.0 < row);
        row * ROW_PX + above_tall * (self.tall_row.1.saturating_sub(ROW_PX))
    }

    /// Where the note on `row` sits: its top in points, and its anchor's
    /// first row, offset, last row and offset.
    fn place(&self, row: u32) -> (f64, [u32; 4]) {
        let mut start = row.saturating_sub(1);
        let mut y1 = NOTE_TOP;
        let top = self.top_of(start) + y1;
        while y1 >= self.row_px(start) {
            y1 -= self.row_px(start);
            start += 1;
        }
        let mut end = start;
        let mut y2 = NOTE_HEIGHT + y1;
        while y2 >= self.row_px(end) {
            y2 -= self.row_px(end);
            end += 1;
        }
        (f64::from(top) * 0.75, [start, y1, end, y2])
    }
}

/// The comments part with a comment for every note, made from `template`,
/// the part holding the placeholder's; `None` if it is not laid out as
/// rust_xlsxwriter lays it out.
pub fn comments(template: &str, notes: &Notes) -> Option<Vec<u8>> {
    let start = template.find("<comment ref=\"")?;
    let end = template.rfind("</comment>")? + "</comment>".len();
    let one = template.get(start..end)?;
    let reference = one.find("ref=\"")? + "ref=\"".len();
    let reference_end = reference + one.get(reference..)?.find('"')?;
    let text = one.find(PLACEHOLDER)?;
    let (head, rest) = (one.get(..reference)?, one.get(reference_end..text)?);
    let tail = one.get(text + PLACEHOLDER.len()..)?;
    let mut out = template.get(..start)?.as_bytes().to_vec();
    for (row, why) in &notes.rows {
        out.extend_from_slice(head.as_bytes());
        push_column(&mut out, notes.col);
        out.extend_from_slice(itoa::Buffer::new().format(row + 1).as_bytes());
        out.extend_from_slice(rest.as_bytes());
        escape_into(&mut out, why);
        out.extend_from_slice(tail.as_bytes());
    }
    out.extend_from_slice(template.get(end..)?.as_bytes());
    Some(out)
}

/// The note drawing with a box for every note, made from `template`, the
/// drawing of the placeholder's: the same box, moved down to each row.
pub fn drawing(template: &str, notes: &Notes) -> Option<Vec<u8>> {
    let start = template.find("<v:shape id=\"")?;
    let end = template.rfind("</v:shape>")? + "</v:shape>".len();
    let shape = Shape::of(template.get(start..end)?)?;
    let head = template.get(..start)?;
    // A drawing's shape ids come in blocks of 1,024, each block listed.
    let blocks = notes.rows.len() / 1024;
    let ids: Vec<String> = (1..=blocks + 1).map(|n| n.to_string()).collect();
    let head = between(
        head,
        "<o:idmap v:ext=\"edit\" data=\"",
        "\"",
        &ids.join(","),
    )?;
    let mut out = head.into_bytes();
    for (n, (row, _)) in (1u32..).zip(&notes.rows) {
        shape.write(&mut out, n, *row, notes.place(*row));
    }
    out.extend_from_slice(template.get(end..)?.as_bytes());
    Some(out)
}

/// One note's box, cut around what changes from row to row.
struct Shape<'t> {
    /// `<v:shape id="_x0000_s` … `;margin-top:` … `pt;` … `z-index:` …
    /// `;` … `<x:Anchor>` (the columns and the rows) `</x:Anchor>` …
    /// `<x:Row>` … `</x:Row>` ….
    to_id: &'t str,
    to_top: &'t str,
    to_z: &'t str,
    to_anchor: &'t str,
    /// The anchor's column and offset, at its start and its end.
    columns: [&'t str; 4],
    to_row: &'t str,
    rest: &'t str,
}

impl<'t> Shape<'t> {
    fn of(shape: &'t str) -> Option<Self> {
        let (to_id, after) = cut(shape, "<v:shape id=\"_x0000_s", "\"")?;
        let (to_top, after) = cut(after, ";margin-top:", "pt;")?;
        let (to_z, after) = cut(after, "z-index:", ";")?;
        let (to_anchor, after) = cut(after, "<x:Anchor>", "</x:Anchor>")?;
        let anchor = shape.get(shape.find("<x:Anchor>")? + "<x:Anchor>".len()..)?;
        let anchor = anchor.get(..anchor.find("</x:Anchor>")?)?;
        let parts: Vec<&str> = anchor.split(", ").collect();
        let columns = [
            *parts.first()?,
            *parts.get(1)?,
            *parts.get(4)?,
            *parts.get(5)?,
        ];
        let (to_row, rest) = cut(after, "<x:Row>", "</x:Row>")?;
        Some(Shape {
            to_id,
            to_top,
            to_z,
            to_anchor,
            columns,
            to_row,
            rest,
        })
    }

    fn write(&self, out: &mut Vec<u8>, n: u32, row: u32, (top, rows): (f64, [u32; 4])) {
        let [c1, x1, c2, x2] = self.columns;
        let [r1, y1, r2, y2] = rows;
        let text = format!(
            "{}{}{}{top}{}{n}{}{c1}, {x1}, {r1}, {y1}, {c2}, {x2}, {r2}, {y2}{}{row}{}",
            self.to_id,
            1024 + n,
            self.to_top,
            self.to_z,
            self.to_anchor,
            self.to_row,
            self.rest
        );
        out.extend_from_slice(text.as_bytes());
    }
}

/// `text` with the value between `open` and `close` replaced by `value`.
fn between(text: &str, open: &str, close: &str, value: &str) -> Option<String> {
    let (before, after) = cut(text, open, close)?;
    Some(format!("{before}{value}{after}"))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use rust_xlsxwriter::{Note, Workbook};

    use super::*;

    /// A sheet laid out as the report sheet is (a 32-point header in row 5,
    /// a wide column before the noted one), with notes on `rows`, saved;
    /// its comments and drawing.
    fn noted_by_rust_xlsxwriter(rows: &[(u32, String)]) -> (String, String) {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet
            .set_row_height(5, 32)
            .unwrap_or_else(|e| panic!("{e}"));
        sheet
            .set_column_width(1, 40)
            .unwrap_or_else(|e| panic!("{e}"));
        for (row, text) in rows {
            let note = Note::new(text).set_author("plantrack");
            sheet
                .insert_note(*row, 10, &note)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let saved = workbook.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
        let mut package =
            zip::ZipArchive::new(Cursor::new(saved)).unwrap_or_else(|e| panic!("{e}"));
        let mut text = |name: &str| {
            let mut text = String::new();
            package
                .by_name(name)
                .unwrap_or_else(|e| panic!("{e}"))
                .read_to_string(&mut text)
                .unwrap_or_else(|e| panic!("{e}"));
            text
        };
        (text(COMMENTS), text(DRAWING))
    }

    #[test]
    fn notes_are_written_as_rust_xlsxwriter_writes_them() {
        // The first data row (its box starts in the tall header), rows
        // further down, and past 1,024 notes (a second block of ids).
        let mut rows: Vec<(u32, String)> = vec![(6, "R&D <5%> 2023年48".into())];
        rows.extend((7..1_100).map(|row| (row, format!("数据待核实：第{row}行"))));
        rows.push((50_000, "far down".into()));
        let expected = noted_by_rust_xlsxwriter(&rows);
        let template = noted_by_rust_xlsxwriter(&[(6, PLACEHOLDER.into())]);
        let notes = Notes {
            col: 10,
            rows,
            tall_row: (5, 43),
        };
        let comments = comments(&template.0, &notes).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&comments), expected.0);
        let drawing = drawing(&template.1, &notes).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&drawing), expected.1);
    }

    #[test]
    fn a_template_not_laid_out_as_expected_is_refused() {
        let notes = Notes {
            col: 0,
            rows: vec![(1, "x".into())],
            tall_row: (0, 20),
        };
        assert_eq!(comments("<comments/>", &notes), None);
        assert_eq!(drawing("<xml/>", &notes), None);
    }
}
