//! `plantrack check`: validate the plan, and the actuals if given.

use super::{Outcome, print_warnings};
use crate::cli::CheckArgs;
use crate::config::{load_actuals, load_plan, with_stdout};

/// Validates; on success prints a one-line summary.
pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.plan)?;
    let actuals = load_actuals(&plan, &args.actuals)?;
    let source = match &args.plan.plan {
        Some(path) => path.display().to_string(),
        None => crate::plan::EMBEDDED_NAME.to_string(),
    };
    let milestones = plan
        .indicators
        .iter()
        .filter(|i| i.kind == crate::plan::Kind::Milestone)
        .count();
    with_stdout(|out| {
        write!(
            out,
            "{source}: ok: plan {} ({}–{}), {} indicators ({} targets, {} milestones)",
            plan.meta.id,
            plan.meta.base_year,
            plan.meta.target_year,
            plan.indicators.len(),
            plan.indicators.len() - milestones,
            milestones
        )?;
        if !args.actuals.actuals.is_empty() {
            write!(out, "; {} actuals", actuals.len())?;
        }
        writeln!(out)
    })?;
    print_warnings(&plan, &actuals);
    Ok(Outcome::Done)
}
