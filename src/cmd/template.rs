//! `plantrack template`: a CSV for entering actuals.

use super::Outcome;
use crate::cli::TemplateArgs;
use crate::config::{load_plan, with_output};
use crate::render::template::write_template;

/// Writes the template to standard output.
pub fn run(args: &TemplateArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.plan)?;
    let years = args
        .years
        .unwrap_or((plan.meta.base_year + 1, plan.meta.target_year));
    with_output(&args.output, |out| {
        write_template(out, &plan, years, args.layout)
    })?;
    Ok(Outcome::Done)
}
