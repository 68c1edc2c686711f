//! The Word report: the narrative and the committee table, A4 landscape,
//! in fonts that Word and WPS draw Chinese with (宋体 for text, 黑体 for
//! headings), the table's header repeated on every page. Written with
//! docx-rs; the same inputs give the same bytes.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, Docx, PageMargin, PageOrientationType, Paragraph, Run, RunFonts, Shading,
    ShdType, Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::committee::{self, Cell, Committee};
use super::labels::Lang;
use super::narrative;
use crate::assess::{Row, Status};
use crate::plan::Plan;

/// What the Word report shows.
pub struct WordReport<'a> {
    /// The plan assessed.
    pub plan: &'a Plan,
    /// The report's rows.
    pub rows: &'a [Row],
    /// The as-of year.
    pub as_of: i32,
    /// The language.
    pub lang: Lang,
    /// The narrative's paragraphs.
    pub narrative: &'a [String],
}

/// A4 landscape in twentieths of a point, and its margins.
pub(crate) const PAGE: (u32, u32) = (16_838, 11_906);
pub(crate) const MARGIN: i32 = 1_000;

/// The committee table's column widths in twentieths of a point, 序号 to
/// 备注 (属性 left out where the plan marks no target binding).
const WIDTHS: [usize; 10] = [
    560, 3_300, 800, 760, 1_100, 1_300, 1_100, 1_200, 1_000, 3_700,
];

/// Writes the report as a .docx file's bytes.
pub fn report(report: &WordReport) -> std::io::Result<Vec<u8>> {
    let lang = report.lang;
    let meta = &report.plan.meta;
    let title = format!(
        "{}{}",
        lang.name(&meta.name, meta.name_en.as_deref()),
        lang.pick("主要指标完成情况", ": main indicators")
    );
    let mut doc = landscape()
        .add_paragraph(
            Paragraph::new().align(AlignmentType::Center).add_run(
                Run::new()
                    .add_text(title)
                    .bold()
                    .size(32)
                    .fonts(fonts("黑体")),
            ),
        )
        .add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(narrative::heading(lang))
                    .bold()
                    .size(24)
                    .fonts(fonts("黑体")),
            ),
        );
    for paragraph in report.narrative {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(paragraph)));
    }
    let table = committee::committee(committee::Source {
        plan: report.plan,
        rows: report.rows,
        as_of: report.as_of,
        lang,
    });
    doc = doc.add_table(word_table(&table));
    let mut packed = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut packed)
        .map_err(std::io::Error::other)?;
    repeat_header(&packed.into_inner())
}

/// An empty A4 landscape document in 宋体 10.5 pt, as committee papers
/// are set.
pub(crate) fn landscape() -> Docx {
    Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(fonts("宋体"))
        .default_size(21)
}

/// Fonts named for Word and WPS: `east_asia` for Chinese, Times New Roman
/// for Latin letters and digits.
pub(crate) fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

/// The committee table as a Word table: the header row, then each
/// chapter's heading row and its indicators.
fn word_table(table: &Committee) -> Table {
    let widths = table.widths(&WIDTHS);
    let header = TableRow::new(
        table
            .headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                cell(h, *w, AlignmentType::Center)
                    .shading(fill("D9E1F2"))
                    .vertical_align(VAlignType::Center)
            })
            .map(|c| c.add_paragraph(Paragraph::new()))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    let total: usize = widths.iter().sum();
    for section in &table.sections {
        rows.push(
            TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(
                        Paragraph::new().add_run(Run::new().add_text(&section.title).bold()),
                    )
                    .grid_span(widths.len())
                    .width(total, WidthType::Dxa)
                    .shading(fill("F2F2F2")),
            ])
            .cant_split(),
        );
        for entry in &section.entries {
            let cells = entry
                .cells
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (c, w))| {
                    let align = if c.is_figure() {
                        AlignmentType::Right
                    } else if i == 0 {
                        AlignmentType::Center
                    } else {
                        AlignmentType::Left
                    };
                    let word = cell(&c.text(), *w, align);
                    match (i == table.status_column, c) {
                        (true, Cell::Text(_)) => word.shading(fill(status_fill(entry.status))),
                        _ if i == table.actual_column && entry.doubtful => {
                            word.shading(fill(committee::DOUBT_COLOURS.0))
                        }
                        _ => word,
                    }
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
    }
    Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
}

/// A cell holding `text`, `width` wide.
fn cell(text: &str, width: usize, align: AlignmentType) -> TableCell {
    TableCell::new().width(width, WidthType::Dxa).add_paragraph(
        Paragraph::new()
            .align(align)
            .add_run(Run::new().add_text(text)),
    )
}

fn fill(colour: &str) -> Shading {
    Shading::new().shd_type(ShdType::Clear).fill(colour)
}

/// The status's fill: the workbook's and the page's colours.
fn status_fill(status: Status) -> &'static str {
    committee::colours(status).map_or("FFFFFF", |(background, _)| background)
}

/// Marks the table's first row as its header, repeated on every page
/// (`<w:tblHeader/>`), which docx-rs 0.4 cannot say: the package is
/// copied member by member, the document part with the mark added.
fn repeat_header(packed: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut from = zip::ZipArchive::new(Cursor::new(packed)).map_err(std::io::Error::other)?;
    let mut to = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..from.len() {
        let mut member = from.by_index(i).map_err(std::io::Error::other)?;
        let name = member.name().map_err(std::io::Error::other)?.to_string();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes)?;
        if name == "word/document.xml" {
            let text = String::from_utf8_lossy(&bytes);
            bytes = text
                .replacen(
                    "<w:trPr><w:cantSplit />",
                    "<w:trPr><w:cantSplit /><w:tblHeader />",
                    1,
                )
                .into_bytes();
        }
        to.start_file(name, options)
            .map_err(std::io::Error::other)?;
        to.write_all(&bytes)?;
    }
    Ok(to.finish().map_err(std::io::Error::other)?.into_inner())
}
