//! `plantrack init`: a commented skeleton plan for a new period.

use std::io::Write;

use super::Outcome;
use crate::cli::InitArgs;
use crate::diag::shown;
use crate::error::Error;

/// Writes the skeleton to standard output, or to a new file.
pub fn run(args: &InitArgs) -> anyhow::Result<Outcome> {
    if args.to <= args.from {
        return Err(Error::Usage(format!(
            "--to {} is not after --from {}: the target year comes after the base year",
            args.to, args.from
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
        Some(path) => write_new(path, &text)?,
    }
    Ok(Outcome::Done)
}

/// Writes `text` to `path`, which must not exist yet: a plan being filled
/// in is never replaced by a fresh skeleton.
fn write_new(path: &std::path::Path, text: &str) -> Result<(), Error> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(format!(
                "{} exists: init never writes over a file; choose another name, or remove it first",
                shown(path)
            )));
        }
        Err(e) => {
            return Err(Error::Usage(format!(
                "{}: cannot be created ({e})",
                shown(path)
            )));
        }
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::Usage(format!("{}: cannot be written ({e})", shown(path))))
}
