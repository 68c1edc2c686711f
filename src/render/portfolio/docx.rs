//! A portfolio report as a Word document: the title, then each part's
//! title and table, A4 landscape, status cells shaded in their colours.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Paragraph, Run, Shading, ShdType, Table, TableCell, TableRow, WidthType,
};

use super::{Cell, Grid, Words, grids};
use crate::cli::PortfolioPart;
use crate::portfolio::PortfolioReport;
use crate::render::committee;
use crate::render::docx::{MARGIN, PAGE, fonts, landscape};
use crate::render::labels::Lang;

/// The width between the margins of A4 landscape, in twentieths of a point.
const TEXT_WIDTH: usize = PAGE.0 as usize - 2 * MARGIN as usize;

/// The document's bytes.
pub fn write(
    report: &PortfolioReport,
    parts: &[PortfolioPart],
    lang: Lang,
) -> std::io::Result<Vec<u8>> {
    let mut doc = landscape().add_paragraph(
        Paragraph::new().align(AlignmentType::Center).add_run(
            Run::new()
                .add_text(&report.name)
                .bold()
                .size(32)
                .fonts(fonts("黑体")),
        ),
    );
    let words = Words::people(lang);
    for grid in grids(report, parts, words) {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(&grid.title)
                    .bold()
                    .size(24)
                    .fonts(fonts("黑体")),
            ),
        );
        if grid.rows.is_empty() {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(lang.pick("（无）", "(none)"))),
            );
            continue;
        }
        doc = doc.add_table(word_table(&grid, lang));
    }
    let mut packed = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut packed)
        .map_err(std::io::Error::other)?;
    Ok(packed.into_inner())
}

fn word_table(grid: &Grid, lang: Lang) -> Table {
    let columns = grid.headers.len().max(1);
    let width = TEXT_WIDTH / columns;
    let cell = |text: &str, align: AlignmentType| {
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .align(align)
                .add_run(Run::new().add_text(text)),
        )
    };
    let shade = |colour: &str| Shading::new().shd_type(ShdType::Clear).fill(colour);
    let header = TableRow::new(
        grid.headers
            .iter()
            .map(|h| cell(h, AlignmentType::Center).shading(shade("D9E1F2")))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for cells in &grid.rows {
        let row = cells
            .iter()
            .map(|c| {
                let align = if c.is_figure() {
                    AlignmentType::Right
                } else {
                    AlignmentType::Left
                };
                let word = cell(&c.shown(lang), align);
                match c {
                    Cell::Status(s, _) => match committee::colours(*s) {
                        Some((background, _)) => word.shading(shade(background)),
                        None => word,
                    },
                    _ => word,
                }
            })
            .collect();
        rows.push(TableRow::new(row).cant_split());
    }
    Table::new(rows).set_grid(vec![width; columns])
}
