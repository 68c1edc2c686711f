//! `plantrack template`: a CSV for entering actuals.

use super::Outcome;
use crate::cli::TemplateArgs;
use crate::config::{load_plan_for, with_output};
use crate::render::template::write_template;

/// Writes the template.
pub fn run(args: &TemplateArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan_for(&args.plan, &args.output)?;
    let years = args
        .years
        .unwrap_or((plan.meta.base_year + 1, plan.meta.target_year));
    with_output(&args.output, |out| {
        write_template(out, &plan, years, args.layout)
    })?;
    Ok(Outcome::Done)
}
