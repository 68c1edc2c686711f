//! `plantrack show ID`: one indicator in full, or its chart.

use super::{Outcome, as_of, find_indicator};
use crate::assess::{self, assess_indicator, history};
use crate::cli::{ShowArgs, ShowFormat};
use crate::config::{
    load_inputs, look, output_format, print_remarks_capped, refuse_bom_unless, to_terminal,
    with_output,
};
use crate::render::chart::{self, ChartData};
use crate::render::show::{Detail, write_indicator};

/// Assesses the one indicator and prints it in full, or writes its chart.
pub fn run(args: &ShowArgs) -> anyhow::Result<Outcome> {
    let format = output_format(args.format, &args.output, ShowFormat::Text)?;
    refuse_bom_unless(&args.output, false)?;
    let inputs = load_inputs(&args.input.plan, &args.input.actuals, Some(&args.output))?;
    let plan = &inputs.plan;
    let ind = find_indicator(plan, &args.id)?;
    let year = as_of(plan, &inputs.actuals, args.input.as_of)?;
    print_remarks_capped(&inputs.remarks);

    let index = plan.position(&ind.id).unwrap_or(usize::MAX);
    // Where its figures are read: its own, or those its `of` names.
    let figures = ind.of().and_then(|of| plan.position(of)).unwrap_or(index);
    let (series, reference) = assess::inputs(plan, &inputs.actuals, index);
    let reference = reference.as_ref();
    let row = assess_indicator(ind, &plan.assessment, &series, reference, year);
    let steps = history(ind, &plan.assessment, &series, reference, year);
    let look = look(&args.view, plan, to_terminal(&args.output));
    with_output(&args.output, false, |out| match format {
        ShowFormat::Text => {
            let detail = Detail {
                indicator: ind,
                row: &row,
                steps: &steps,
                entries: inputs.actuals.entries(figures),
                actuals: &inputs.actuals,
                as_of: year,
                reference: ind.reference().and_then(|r| plan.indicator(r)),
            };
            write_indicator(out, detail, look)
        }
        ShowFormat::Svg => {
            let data = ChartData {
                indicator: ind,
                row: &row,
                steps: &steps,
                as_of: year,
                lang: look.lang,
            };
            writeln!(out, "{}", chart::svg(&data, true))
        }
    })?;
    Ok(Outcome::Done)
}
