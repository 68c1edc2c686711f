//! The commands, one module each, and [`run`], which dispatches to them.

pub mod check;
pub mod completions;
pub mod list;
pub mod report;
pub mod show;
pub mod template;

use std::io::Write;

use crate::actuals::Actuals;
use crate::cli::{Cli, Command};
use crate::diag::suggest;
use crate::error::Error;
use crate::plan::{Indicator, Plan};

/// How a command ended, when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done (exit code 0).
    Done,
    /// Done, and `--fail-on` matched (exit code 1).
    Flagged,
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::List(args) => list::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Show(args) => show::run(&args),
        Command::Template(args) => template::run(&args),
        Command::Completions(args) => completions::run(&args),
    }
}

/// The indicator an argument names, by id or exact name; else a usage error
/// that suggests the nearest id.
pub fn find_indicator<'a>(plan: &'a Plan, text: &str) -> Result<&'a Indicator, Error> {
    plan.find(text.trim()).ok_or_else(|| {
        let hint = match suggest(text, plan.indicators.iter().map(|i| i.id.as_str())) {
            Some(id) => format!("; did you mean `{id}`?"),
            None => "; run `plantrack list` for the ids".to_string(),
        };
        Error::Usage(format!(
            "unknown indicator `{text}`: not an id or name in plan {}{hint}",
            plan.meta.id
        ))
    })
}

/// Prints the actuals' warnings (rate gaps, years outside the plan, a
/// baseline-year actual that differs from the plan) to standard error.
pub fn print_warnings(plan: &Plan, actuals: &Actuals) {
    let mut stderr = std::io::stderr().lock();
    for warning in crate::actuals::warnings(plan, actuals) {
        // Warnings are advice; a closed stderr must not fail the command.
        let _ = writeln!(stderr, "warning: {warning}");
    }
}
