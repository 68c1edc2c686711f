//! A portfolio report as Markdown: each part a heading and a pipe table.

use std::io::{self, Write};

use super::{Words, grids};
use crate::cli::PortfolioPart;
use crate::portfolio::PortfolioReport;
use crate::render::labels::Lang;
use crate::render::markdown::escape;

/// Writes the `parts` of `report` in `lang`.
pub fn write(
    out: &mut dyn Write,
    report: &PortfolioReport,
    parts: &[PortfolioPart],
    lang: Lang,
) -> io::Result<()> {
    writeln!(out, "# {}", escape(&report.name))?;
    let words = Words::people(lang);
    for grid in grids(report, parts, words) {
        writeln!(out, "\n## {}\n", escape(&grid.title))?;
        if grid.rows.is_empty() {
            writeln!(out, "{}", lang.pick("（无）", "(none)"))?;
            continue;
        }
        let header: Vec<String> = grid.headers.iter().map(|h| escape(h)).collect();
        writeln!(out, "| {} |", header.join(" | "))?;
        let rule: Vec<&str> = grid
            .rows
            .first()
            .map(|row| {
                row.iter()
                    .map(|c| if c.is_figure() { "---:" } else { "---" })
                    .collect()
            })
            .unwrap_or_default();
        writeln!(out, "|{}|", rule.join("|"))?;
        for row in &grid.rows {
            let cells: Vec<String> = row.iter().map(|c| escape(&c.shown(lang))).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
    }
    Ok(())
}
