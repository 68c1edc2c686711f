//! Where readers and writers are built: the plan, the actuals and the
//! output stream, from the command-line arguments.

use std::io::{self, Write};

use anyhow::Context;

use crate::actuals::{Actuals, Encoding, ReadOptions, read_paths};
use crate::cli::{ActualsArgs, EncodingArg, PlanArgs};
use crate::error::Error;
use crate::plan::Plan;

/// Loads the plan named by `--plan`, or the embedded one.
pub fn load_plan(args: &PlanArgs) -> anyhow::Result<Plan> {
    match &args.plan {
        None => Ok(Plan::embedded()?),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let text = String::from_utf8(bytes).map_err(|e| {
                Error::Usage(format!(
                    "{}: the plan is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                    path.display(),
                    e.utf8_error().valid_up_to()
                ))
            })?;
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
            Ok(Plan::from_toml(&path.display().to_string(), text)?)
        }
    }
}

/// Reads the actuals named by `--actuals` (none: empty).
pub fn load_actuals(plan: &Plan, args: &ActualsArgs) -> anyhow::Result<Actuals> {
    let options = ReadOptions {
        encoding: args.encoding.map(|e| match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Gb18030 => Encoding::Gb18030,
            EncodingArg::Utf16 => Encoding::Utf16,
        }),
    };
    Ok(read_paths(plan, &args.actuals, &options)?)
}

/// Runs `write` against a buffered standard output and flushes it.
pub fn with_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Output {
            target: "standard output".to_string(),
            source,
        })
        .context("writing the output")
}
