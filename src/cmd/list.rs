//! `plantrack list`: one row per indicator.

use super::Outcome;
use crate::cli::{ListArgs, ListFormat};
use crate::config::{load_plan, with_stdout};
use crate::render::{csv, table};

/// Prints the plan's indicators.
pub fn run(args: &ListArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.plan)?;
    with_stdout(|out| match args.format {
        ListFormat::Table => table::write_list(out, &plan),
        ListFormat::Csv => csv::write_list(out, &plan, b','),
        ListFormat::Tsv => csv::write_list(out, &plan, b'\t'),
    })?;
    Ok(Outcome::Done)
}
