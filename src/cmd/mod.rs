//! The commands, one module each, and [`run`], which dispatches to them.

pub mod check;
pub mod completions;
pub mod list;
pub mod report;
pub mod template;

use crate::cli::{Cli, Command};

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
        Command::Template(args) => template::run(&args),
        Command::Completions(args) => completions::run(&args),
    }
}
