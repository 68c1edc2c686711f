//! `plantrack list`: one row per indicator.

use super::Outcome;
use anyhow::Context;

use crate::cli::{ListArgs, ListFormat, PlanArgs};
use crate::config::{
    load_plan_for, look, output_format, refuse_bom_unless, to_terminal, with_output,
};
use crate::render::{csv, table};

/// Prints the plan's indicators.
pub fn run(args: &ListArgs) -> anyhow::Result<Outcome> {
    let format = output_format(args.format, &args.output, ListFormat::Table)?;
    refuse_bom_unless(&args.output, format != ListFormat::Table)?;
    let plan = load_plan_for(&args.plan, &args.output)?;
    if format == ListFormat::Toml {
        let text = plan_text(&args.plan)?;
        with_output(&args.output, false, |out| out.write_all(text.as_bytes()))?;
        return Ok(Outcome::Done);
    }
    let look = look(&args.view, &plan, to_terminal(&args.output));
    with_output(
        &args.output,
        args.output.bom_or(false),
        |out| match format {
            ListFormat::Table => table::write_list(out, &plan, look),
            ListFormat::Csv => csv::write_list(out, &plan, b','),
            ListFormat::Tsv => csv::write_list(out, &plan, b'\t'),
            ListFormat::Toml => Ok(()),
        },
    )?;
    Ok(Outcome::Done)
}

/// The text of the plan in use: its file, or the built-in plan's.
fn plan_text(args: &PlanArgs) -> anyhow::Result<String> {
    match &args.plan {
        None => Ok(crate::plan::EMBEDDED_TOML.to_string()),
        Some(path) => std::fs::read_to_string(path).with_context(|| {
            let path = crate::diag::shown(path);
            crate::tr!("读取{path}时出错", "reading {path}")
        }),
    }
}
