//! `plantrack list`: one row per indicator.

use super::Outcome;
use crate::cli::{ListArgs, ListFormat};
use crate::config::{load_plan, refuse_bom_unless, with_output};
use crate::render::{csv, table};

/// Prints the plan's indicators.
pub fn run(args: &ListArgs) -> anyhow::Result<Outcome> {
    refuse_bom_unless(&args.output, args.format != ListFormat::Table)?;
    let plan = load_plan(&args.plan)?;
    with_output(&args.output, |out| match args.format {
        ListFormat::Table => table::write_list(out, &plan),
        ListFormat::Csv => csv::write_list(out, &plan, b','),
        ListFormat::Tsv => csv::write_list(out, &plan, b'\t'),
    })?;
    Ok(Outcome::Done)
}
