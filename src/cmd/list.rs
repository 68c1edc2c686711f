//! `plantrack list`: one row per indicator.

use super::Outcome;
use crate::cli::{ListArgs, ListFormat};
use crate::config::{load_plan_for, refuse_bom_unless, to_terminal, with_output};
use crate::render::labels::Lang;
use crate::render::{Look, csv, table};

/// Prints the plan's indicators.
pub fn run(args: &ListArgs) -> anyhow::Result<Outcome> {
    refuse_bom_unless(&args.output, args.format != ListFormat::Table)?;
    let plan = load_plan_for(&args.plan, &args.output)?;
    let look = Look {
        terminal: to_terminal(&args.output),
        ..Look::plain(Lang::En)
    };
    with_output(&args.output, |out| match args.format {
        ListFormat::Table => table::write_list(out, &plan, look),
        ListFormat::Csv => csv::write_list(out, &plan, b','),
        ListFormat::Tsv => csv::write_list(out, &plan, b'\t'),
    })?;
    Ok(Outcome::Done)
}
