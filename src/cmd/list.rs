//! `plantrack list`: one row per indicator.

use std::io::Write;

use super::Outcome;
use crate::cli::{ListArgs, ListFormat};
use crate::config::{load_plan, with_stdout};
use crate::plan::Plan;
use crate::render::table;

/// Prints the plan's indicators.
pub fn run(args: &ListArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.plan)?;
    with_stdout(|out| match args.format {
        ListFormat::Table => table::write_list(out, &plan),
        ListFormat::Csv => write_delimited(out, &plan, b','),
        ListFormat::Tsv => write_delimited(out, &plan, b'\t'),
    })?;
    Ok(Outcome::Done)
}

fn write_delimited(out: &mut dyn Write, plan: &Plan, delimiter: u8) -> std::io::Result<()> {
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
