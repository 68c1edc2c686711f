//! `plantrack report`: assess every indicator and print the report.

use super::{Outcome, find_indicator, print_warnings};
use crate::assess::{Report, Status, assess};
use crate::cli::{ReportArgs, ReportFormat};
use crate::config::{load_actuals, load_plan, look, refuse_bom_unless, to_terminal, with_output};
use crate::render::{csv, json, markdown, table};

/// Assesses, keeps the indicators asked for, writes the report, and tells
/// whether `--fail-on` matched.
pub fn run(args: &ReportArgs) -> anyhow::Result<Outcome> {
    refuse_bom_unless(&args.output, args.format.is_delimited())?;
    let plan = load_plan(&args.input.plan)?;
    let only = args
        .only
        .iter()
        .map(|id| find_indicator(&plan, id).map(|ind| ind.id.as_str()))
        .collect::<Result<Vec<&str>, _>>()?;
    let actuals = load_actuals(&plan, &args.input.actuals)?;
    print_warnings(&plan, &actuals);

    let mut report = assess(&plan, &actuals, args.input.as_of);
    select(&mut report, &only, &args.status);
    let look = look(&args.view, &plan, to_terminal(&args.output));
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
