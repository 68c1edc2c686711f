//! A portfolio report as aligned tables for a terminal: each part under
//! its title, statuses in their colours, fitted to the width.

use std::io::{self, Write};

use super::{Cell, Words, grids};
use crate::cli::PortfolioPart;
use crate::portfolio::PortfolioReport;
use crate::render::Look;
use crate::render::fit::Rules;
use crate::render::table::{Paint, Screen, status_paint};

/// Writes the `parts` of `report` as `look` says.
pub fn write(
    out: &mut dyn Write,
    report: &PortfolioReport,
    parts: &[PortfolioPart],
    look: Look,
) -> io::Result<()> {
    let words = Words::people(look.lang);
    writeln!(out, "{}", report.name)?;
    for grid in grids(report, parts, words) {
        writeln!(out, "\n{}", grid.title)?;
        if grid.rows.is_empty() {
            writeln!(out, "{}", look.lang.pick("（无）", "(none)"))?;
            continue;
        }
        let right: Vec<usize> = grid
            .rows
            .first()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .filter(|(_, c)| c.is_figure())
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        // Names may wrap; the last columns go first when even that is too wide.
        let wrap: Vec<usize> = (0..grid.headers.len()).collect();
        let drop: Vec<usize> = (2..grid.headers.len()).rev().collect();
        let mut screen = Screen::new(
            &grid.headers,
            &right,
            Rules {
                wrap: &wrap,
                drop: &drop,
            },
        );
        for row in &grid.rows {
            screen.add_painted(row.iter().map(|c| (c.shown(look.lang), paint(c))));
        }
        let left_out = screen.write(out, look)?;
        if !left_out.is_empty() {
            let names: Vec<&str> = left_out
                .iter()
                .filter_map(|&i| grid.headers.get(i).map(String::as_str))
                .collect();
            writeln!(
                out,
                "{}{}",
                look.lang.pick(
                    "未显示的列（终端太窄）：",
                    "columns left out (terminal too narrow): "
                ),
                names.join(look.lang.pick("、", ", "))
            )?;
        }
    }
    Ok(())
}

fn paint(cell: &Cell) -> Paint {
    cell.status().map_or(Paint::Plain, status_paint)
}
