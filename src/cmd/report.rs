//! `plantrack report`: assess every indicator and print the report.

use super::{Outcome, as_of, find_indicator};
use crate::assess::{Report, Status, assess};
use crate::cli::{ReportArgs, ReportFormat};
use crate::config::{
    load_inputs, look, print_remarks, refuse_bom_unless, to_terminal, with_output,
};
use crate::render::{csv, json, markdown, table};

/// Assesses, keeps the indicators asked for, writes the report, and tells
/// whether `--fail-on` matched.
pub fn run(args: &ReportArgs) -> anyhow::Result<Outcome> {
    refuse_bom_unless(&args.output, args.format.is_delimited())?;
    let inputs = load_inputs(&args.input.plan, &args.input.actuals, Some(&args.output))?;
    let plan = &inputs.plan;
    let only = args
        .only
        .iter()
        .map(|id| find_indicator(plan, id).map(|ind| ind.id.as_str()))
        .collect::<Result<Vec<&str>, _>>()?;
    let year = as_of(plan, &inputs.actuals, args.input.as_of)?;
    print_remarks(&inputs.remarks);

    let mut report = assess(plan, &inputs.actuals, year);
    select(&mut report, &only, &args.status);
    let look = look(&args.view, plan, to_terminal(&args.output));
    with_output(&args.output, |out| match args.format {
        ReportFormat::Table => table::write_report(out, &report, look),
        ReportFormat::Csv => csv::write_report(out, &report, b','),
        ReportFormat::Tsv => csv::write_report(out, &report, b'\t'),
        ReportFormat::Markdown => markdown::write_report(out, &report, look.lang),
        ReportFormat::Json => json::write_report(out, &report),
    })?;

    let tripped = report
        .indicators
        .iter()
        .any(|row| args.fail_on.iter().any(|&limit| row.status.trips(limit)));
    Ok(if tripped {
        Outcome::Flagged
    } else {
        Outcome::Done
    })
}

/// Keeps the rows whose id is in `only` and whose status is in `statuses`
/// (an empty list keeps all), in plan order.
fn select(report: &mut Report, only: &[&str], statuses: &[Status]) {
    report.indicators.retain(|row| {
        (only.is_empty() || only.contains(&row.id.as_str()))
            && (statuses.is_empty() || statuses.contains(&row.status))
    });
}
