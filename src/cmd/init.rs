//! `plantrack init`: a commented skeleton plan for a new period.

use std::io::Write;

use super::Outcome;
use crate::cli::InitArgs;
use crate::error::Error;

/// Writes the skeleton to standard output, or to a new file.
pub fn run(args: &InitArgs) -> anyhow::Result<Outcome> {
    if args.to <= args.from {
        return Err(Error::Usage(crate::tr!(
            "--to {} 不晚于 --from {}：目标年应在基期年之后",
            "--to {} is not after --from {}: the target year comes after the base year",
            args.to,
            args.from
        ))
        .into());
    }
    let text = crate::plan::skeleton::skeleton(args.from, args.to);
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => crate::config::write_new_file(path, &text, "init")?,
    }
    Ok(Outcome::Done)
}
