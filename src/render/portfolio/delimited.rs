//! A portfolio report's part as CSV or TSV: one part per file, so that a
//! spreadsheet or script reads one table.

use std::io::{self, Write};

use super::{Grid, Words, grids};
use crate::cli::PortfolioPart;
use crate::portfolio::PortfolioReport;
use crate::render::csv::{guard, into_io};

/// Writes `part` of `report`, fields separated by `delimiter`.
pub fn write(
    out: &mut dyn Write,
    report: &PortfolioReport,
    part: PortfolioPart,
    delimiter: u8,
    words: Words,
) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    for grid in grids(report, &[part], words) {
        write_grid(&mut writer, &grid, words)?;
    }
    writer.flush()
}

fn write_grid<W: Write>(writer: &mut csv::Writer<W>, grid: &Grid, words: Words) -> io::Result<()> {
    writer
        .write_record(grid.headers.iter().map(|h| guard(h).into_owned()))
        .map_err(into_io)?;
    for row in &grid.rows {
        // Figures are written as they are; words guarded against being
        // read as formulas.
        let cells: Vec<String> = row
            .iter()
            .map(|c| match (c.is_figure(), words.stable) {
                (true, _) => c.stable(),
                (false, true) => guard(&c.stable()).into_owned(),
                (false, false) => guard(&c.shown(words.lang)).into_owned(),
            })
            .collect();
        writer.write_record(&cells).map_err(into_io)?;
    }
    Ok(())
}
