//! `plantrack check`: validate the plan, and the actuals if given.

use super::Outcome;
use crate::cli::CheckArgs;
use crate::config::{load_inputs, print_remarks, with_stdout};
use crate::diag::plural;
use crate::plan::Kind;
use crate::render::labels::Lang;

/// Validates; on success prints a one-line summary, then the plan's and
/// the actuals' warnings.
pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let inputs = load_inputs(&args.plan, &args.actuals, None)?;
    let plan = &inputs.plan;
    let source = match &args.plan.plan {
        Some(path) => crate::diag::shown(path),
        None => crate::plan::EMBEDDED_NAME.to_string(),
    };
    let count = |kind| plan.indicators.iter().filter(|i| i.kind == kind).count();
    let (milestones, references) = (count(Kind::Milestone), count(Kind::Reference));
    let (meta, n) = (&plan.meta, plan.indicators.len() - references);
    let actuals = (!args.actuals.actuals.is_empty()).then(|| inputs.actuals.len());
    with_stdout(|out| {
        match crate::msg::lang() {
            Lang::Zh => {
                write!(
                    out,
                    "{source}：通过：规划 {}（{}–{}年），{n}项指标（{}项数值目标，{milestones}项是否目标）",
                    meta.id,
                    meta.base_year,
                    meta.target_year,
                    n - milestones,
                )?;
                if references > 0 {
                    write!(out, "，{references}个参照序列")?;
                }
                if let Some(a) = actuals {
                    write!(out, "；{a}个实际值")?;
                }
            }
            Lang::En => {
                write!(
                    out,
                    "{source}: ok: plan {} ({}–{}), {n} indicator{} ({} target{}, {milestones} milestone{})",
                    meta.id,
                    meta.base_year,
                    meta.target_year,
                    plural(n),
                    n - milestones,
                    plural(n - milestones),
                    plural(milestones)
                )?;
                if references > 0 {
                    write!(out, ", {references} reference series")?;
                }
                if let Some(a) = actuals {
                    write!(out, "; {a} actual{}", plural(a))?;
                }
            }
        }
        writeln!(out)
    })?;
    print_remarks(&plan.warnings());
    print_remarks(&inputs.remarks);
    Ok(Outcome::Done)
}
