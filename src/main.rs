//! The `plantrack` binary: parse arguments, run, map the result to an exit code.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::ExitCode;

use plantrack::cmd::{self, Outcome};

fn main() -> ExitCode {
    // Workbooks calamine reads whole are read in a child process of this
    // binary, within limits on memory and time.
    if let Ok(program) = std::env::current_exe() {
        plantrack::workbook::contain_in(program);
    }
    let cli = match plantrack::cli::parse() {
        Ok(cli) => cli,
        Err(err) => match plantrack::cli::usage_error(&err) {
            // A usage error in the run's language, exit code 2.
            Some(text) => {
                let _ = writeln!(std::io::stderr(), "plantrack: {text}");
                return ExitCode::from(2);
            }
            // Help, version, and the errors clap words best itself.
            None => err.exit(),
        },
    };
    match cmd::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Flagged) => ExitCode::from(1),
        Err(err) if plantrack::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // If even stderr is gone there is no one left to tell.
            let _ = writeln!(
                std::io::stderr(),
                "plantrack: {}",
                plantrack::msg::chain(&err)
            );
            ExitCode::from(2)
        }
    }
}
