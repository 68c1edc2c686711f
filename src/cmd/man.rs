//! `plantrack man`: print the manual page, made from the command line's
//! own definitions, as ripgrep and fd ship theirs.

use super::Outcome;

use crate::config::with_stdout;

/// Prints the man page (roff): options, commands, exit codes.
pub fn run() -> anyhow::Result<Outcome> {
    let mut page = Vec::new();
    clap_mangen::Man::new(crate::cli::command(crate::msg::lang(), false)).render(&mut page)?;
    with_stdout(|out| out.write_all(&page))?;
    Ok(Outcome::Done)
}
