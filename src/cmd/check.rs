//! `plantrack check`: validate the plan, and the actuals if given.

use super::Outcome;
use crate::cli::CheckArgs;
use crate::config::{load_inputs, print_remarks, with_stdout};

/// Validates; on success prints a one-line summary, then the plan's and
/// the actuals' warnings.
pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let inputs = load_inputs(&args.plan, &args.actuals, None)?;
    let plan = &inputs.plan;
    let source = match &args.plan.plan {
        Some(path) => crate::diag::shown(path),
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
            write!(out, "; {} actuals", inputs.actuals.len())?;
        }
        writeln!(out)
    })?;
    print_remarks(&plan.warnings());
    print_remarks(&inputs.remarks);
    Ok(Outcome::Done)
}
