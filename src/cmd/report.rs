//! `plantrack report`: assess every indicator and print the report.

use std::cell::Cell;
use std::collections::HashSet;

use super::{Outcome, as_of, find_indicator};
use crate::assess::rows;
use crate::cli::{ReportArgs, ReportFormat};
use crate::config::{
    load_inputs, look, print_remarks, refuse_bom_unless, to_terminal, with_output,
};
use crate::render::{Rows, csv, json, markdown, table};

/// Assesses the indicators asked for and writes the report as it goes, one
/// row at a time; tells whether `--fail-on` matched.
pub fn run(args: &ReportArgs) -> anyhow::Result<Outcome> {
    refuse_bom_unless(&args.output, args.format.is_delimited())?;
    let inputs = load_inputs(&args.input.plan, &args.input.actuals, Some(&args.output))?;
    let plan = &inputs.plan;
    let only = args
        .only
        .iter()
        .map(|id| find_indicator(plan, id).map(|ind| ind.id.as_str()))
        .collect::<Result<HashSet<&str>, _>>()?;
    let year = as_of(plan, &inputs.actuals, args.input.as_of)?;
    print_remarks(&inputs.remarks);

    let tripped = Cell::new(false);
    let selected = rows(plan, &inputs.actuals, year, |ind| {
        only.is_empty() || only.contains(ind.id.as_str())
    })
    .filter(|row| args.status.is_empty() || args.status.contains(&row.status))
    .inspect(|row| {
        if args.fail_on.iter().any(|&limit| row.status.trips(limit)) {
            tripped.set(true);
        }
    });
    let report = Rows {
        plan: &plan.meta.id,
        as_of: year,
        rows: Box::new(selected),
    };
    let look = look(&args.view, plan, to_terminal(&args.output));
    with_output(&args.output, |out| match args.format {
        ReportFormat::Table => table::write_rows(out, report, look),
        ReportFormat::Csv => csv::write_rows(out, report, b','),
        ReportFormat::Tsv => csv::write_rows(out, report, b'\t'),
        ReportFormat::Markdown => markdown::write_rows(out, report, look.lang),
        ReportFormat::Json => json::write_rows(out, report),
    })?;
    let tripped = tripped.get();
    // The process ends here: leave the plan and actuals to it rather than
    // freeing a million indicators one by one (a tenth of the run at 1M).
    std::mem::forget(inputs);
    Ok(if tripped {
        Outcome::Flagged
    } else {
        Outcome::Done
    })
}
