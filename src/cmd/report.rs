//! `plantrack report`: assess every indicator and print the report.

use super::Outcome;
use crate::assess::assess;
use crate::cli::{ReportArgs, ReportFormat};
use crate::config::{load_actuals, load_plan, with_stdout};
use crate::render::{json, table};

/// Assesses and prints.
pub fn run(args: &ReportArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.plan)?;
    let actuals = load_actuals(&plan, &args.actuals)?;
    let report = assess(&plan, &actuals, args.as_of);
    with_stdout(|out| match args.format {
        ReportFormat::Table => table::write_report(out, &plan, &report),
        ReportFormat::Json => json::write_report(out, &report),
    })?;
    Ok(Outcome::Done)
}
