//! Aligned tables for reading at a terminal.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};

/// A rule under the header and nothing else: light to read, easy to grep.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

use super::{number, percent};
use crate::actuals::Observation;
use crate::assess::{Report, Row, Status};
use crate::plan::{Comparator, Indicator, Kind, Plan};

fn new_table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().copied());
    table
}

fn right_align(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Writes the plan's indicators, one row each.
pub fn write_list(out: &mut dyn Write, plan: &Plan) -> io::Result<()> {
    let mut table = new_table(&[
        "id", "name", "kind", "cmp", "baseline", "target", "unit", "chapter",
    ]);
    for ind in &plan.indicators {
        table.add_row(vec![
            ind.id.clone(),
            ind.name.clone(),
            ind.kind.to_string(),
            ind.comparator.to_string(),
            baseline_text(ind.baseline, Some(ind.baseline_year)),
            target_text(ind),
            ind.unit.clone(),
            ind.chapter.clone().unwrap_or_default(),
        ]);
    }
    right_align(&mut table, &[4, 5]);
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{} indicators in {}",
        plan.indicators.len(),
        plan.meta.id
    )
}

fn baseline_text(value: Option<f64>, year: Option<i32>) -> String {
    match (value, year) {
        (Some(v), Some(y)) => format!("{} ({y})", number(Some(v), 4)),
        _ => "—".to_string(),
    }
}

/// The target as people read it: `≥ 500`, `> 1800`, `≥ 5–10`, `yes`.
pub fn target_text(ind: &Indicator) -> String {
    let symbol = match ind.comparator {
        Comparator::Ge => "≥",
        Comparator::Gt => ">",
        Comparator::Le => "≤",
        Comparator::Lt => "<",
    };
    match (ind.kind, ind.target, ind.target_high) {
        (Kind::Milestone, _, _) => "yes".to_string(),
        (Kind::Growth, Some(t), _) => format!("{symbol} {}%/yr", number(Some(t), 4)),
        (_, Some(lo), Some(hi)) => {
            format!("{symbol} {}–{}", number(Some(lo), 4), number(Some(hi), 4))
        }
        (_, Some(t), None) => format!("{symbol} {}", number(Some(t), 4)),
        (_, None, _) => "—".to_string(),
    }
}

/// Writes the report: one row per indicator and a summary line.
pub fn write_report(out: &mut dyn Write, plan: &Plan, report: &Report) -> io::Result<()> {
    let mut table = new_table(&[
        "indicator",
        "unit",
        "baseline",
        "target",
        "latest",
        "gap",
        "progress / time",
        "required",
        "actual",
        "needed",
        "status",
    ]);
    for (row, ind) in report.indicators.iter().zip(&plan.indicators) {
        let (required, actual, needed) = pace_cells(row);
        table.add_row(vec![
            row.name.clone(),
            row.unit.clone(),
            baseline_text(row.baseline, Some(row.baseline_year)),
            target_text(ind),
            match (row.latest, row.latest_year) {
                (Some(v), Some(y)) => format!("{} ({y})", latest_text(v)),
                _ => "—".to_string(),
            },
            number(row.gap, 2),
            match (row.progress, row.time_elapsed) {
                (None, None) => "—".to_string(),
                (p, t) => format!("{} / {}", percent0(p), percent0(t)),
            },
            required,
            actual,
            needed,
            row.status.to_string(),
        ]);
    }
    right_align(&mut table, &[2, 3, 4, 5, 6, 7, 8, 9]);
    writeln!(out, "{table}")?;
    writeln!(out, "as of {}: {}", report.as_of, summary(report))
}

fn latest_text(value: Observation) -> String {
    match value {
        Observation::Flag(done) => if done { "yes" } else { "no" }.to_string(),
        Observation::Number(n) => number(Some(n), 2),
    }
}

fn percent0(value: Option<f64>) -> String {
    match value {
        None => "—".to_string(),
        Some(v) => format!("{}%", number(Some(v * 100.0), 0)),
    }
}

/// Required, actual and needed pace: CAGR where defined, else change per year.
fn pace_cells(row: &Row) -> (String, String, String) {
    if row.required_cagr.is_some() || row.actual_cagr.is_some() {
        (
            percent(row.required_cagr),
            percent(row.actual_cagr),
            percent(row.needed_cagr),
        )
    } else if row.required_annual.is_some() {
        let per = |v: Option<f64>| match v {
            None => "—".to_string(),
            Some(v) => format!("{}/yr", number(Some(v), 2)),
        };
        (
            per(row.required_annual),
            per(row.actual_annual),
            per(row.needed_annual),
        )
    } else {
        ("—".to_string(), "—".to_string(), "—".to_string())
    }
}

/// `3 met, 2 on-track, …` in the order of [`Status::ALL`].
pub fn summary(report: &Report) -> String {
    Status::ALL
        .iter()
        .filter_map(|s| {
            let n = report.indicators.iter().filter(|r| r.status == *s).count();
            (n > 0).then(|| format!("{n} {s}"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
