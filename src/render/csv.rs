//! Delimited output: CSV and TSV for spreadsheets and scripts.

use std::io::Write;

use crate::plan::Plan;

/// Writes the plan's indicators as CSV (`b','`) or TSV (`b'\t'`).
pub fn write_list(out: &mut dyn Write, plan: &Plan, delimiter: u8) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    w.write_record([
        "id",
        "name",
        "kind",
        "comparator",
        "baseline",
        "baseline_year",
        "target",
        "target_high",
        "target_year",
        "unit",
        "chapter",
    ])?;
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for ind in &plan.indicators {
        w.write_record([
            ind.id.clone(),
            ind.name.clone(),
            ind.kind.to_string(),
            ind.comparator.to_string(),
            num(ind.baseline),
            ind.baseline_year.to_string(),
            num(ind.target),
            num(ind.target_high),
            ind.target_year.to_string(),
            ind.unit.clone(),
            ind.chapter.clone().unwrap_or_default(),
        ])?;
    }
    w.flush()
}
