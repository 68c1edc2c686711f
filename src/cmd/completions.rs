//! `plantrack completions SHELL`: print a completion script.

use clap::CommandFactory;

use super::Outcome;
use crate::cli::{Cli, CompletionsArgs};
use crate::config::with_stdout;

/// Prints the completion script for the shell.
pub fn run(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    with_stdout(|out| {
        clap_complete::generate(args.shell, &mut Cli::command(), "plantrack", out);
        Ok(())
    })?;
    Ok(Outcome::Done)
}
