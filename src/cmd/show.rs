//! `plantrack show ID`: one indicator in full.

use super::{Outcome, as_of, find_indicator};
use crate::assess::{assess_indicator, history};
use crate::cli::ShowArgs;
use crate::config::{load_inputs, look, print_remarks, stdout_is_terminal, with_stdout};
use crate::render::show::{Detail, write_indicator};

/// Assesses the one indicator and prints it in full.
pub fn run(args: &ShowArgs) -> anyhow::Result<Outcome> {
    let inputs = load_inputs(&args.input.plan, &args.input.actuals, None)?;
    let plan = &inputs.plan;
    let ind = find_indicator(plan, &args.id)?;
    let year = as_of(plan, &inputs.actuals, args.input.as_of)?;
    print_remarks(&inputs.remarks);

    let index = plan.position(&ind.id).unwrap_or(usize::MAX);
    let series = inputs.actuals.series(index);
    let row = assess_indicator(ind, &plan.assessment, &series, year);
    let steps = history(ind, &plan.assessment, &series, year);
    let detail = Detail {
        indicator: ind,
        row: &row,
        steps: &steps,
        entries: inputs.actuals.entries(index),
        as_of: year,
    };
    let look = look(&args.view, plan, stdout_is_terminal());
    with_stdout(|out| write_indicator(out, detail, look))?;
    Ok(Outcome::Done)
}
