//! `plantrack list`: one row per indicator.

use super::Outcome;
use crate::cli::{ListArgs, ListFormat};
use crate::config::{
    load_plan_for, look, output_format, refuse_bom_unless, to_terminal, with_output,
};
use crate::render::{csv, table};

/// Prints the plan's indicators.
pub fn run(args: &ListArgs) -> anyhow::Result<Outcome> {
    let format = output_format(args.format, &args.output, ListFormat::Table)?;
    refuse_bom_unless(&args.output, format != ListFormat::Table)?;
    let plan = load_plan_for(&args.plan, &args.output)?;
    let look = look(&args.view, &plan, to_terminal(&args.output));
    with_output(
        &args.output,
        args.output.bom_or(false),
        |out| match format {
            ListFormat::Table => table::write_list(out, &plan, look),
            ListFormat::Csv => csv::write_list(out, &plan, b','),
            ListFormat::Tsv => csv::write_list(out, &plan, b'\t'),
        },
    )?;
    Ok(Outcome::Done)
}
