//! `plantrack completions SHELL`: print a completion script.

use super::Outcome;
use crate::cli::CompletionsArgs;
use crate::config::with_stdout;

/// Prints the completion script for the shell. The script is generated
/// into memory first (clap_complete panics on a failed write) and then
/// written like every other output, so a full disk is exit 2 and a closed
/// pipe a normal end.
pub fn run(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut crate::cli::command(crate::msg::lang(), false),
        "plantrack",
        &mut script,
    );
    with_stdout(|out| out.write_all(&script))?;
    Ok(Outcome::Done)
}
