//! `plantrack show ID`: one indicator in full.

use super::{Outcome, find_indicator, print_warnings};
use crate::assess::{as_of_year, assess_indicator, history};
use crate::cli::ShowArgs;
use crate::config::{load_actuals, load_plan, look, stdout_is_terminal, with_stdout};
use crate::render::show::{Detail, write_indicator};

/// Assesses the one indicator and prints it in full.
pub fn run(args: &ShowArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.input.plan)?;
    let ind = find_indicator(&plan, &args.id)?;
    let actuals = load_actuals(&plan, &args.input.actuals)?;
    print_warnings(&plan, &actuals);

    let as_of = as_of_year(&plan, &actuals, args.input.as_of);
    let series = actuals.series(&ind.id);
    let row = assess_indicator(ind, &plan.assessment, &series, as_of);
    let steps = history(ind, &plan.assessment, &series, as_of);
    let detail = Detail {
        indicator: ind,
        row: &row,
        steps: &steps,
        entries: actuals.entries(&ind.id),
    };
    let look = look(&args.view, &plan, stdout_is_terminal());
    with_stdout(|out| write_indicator(out, detail, look))?;
    Ok(Outcome::Done)
}
