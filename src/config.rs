//! Where readers and writers are built: the plan, the actuals and the
//! output stream, from the command-line arguments.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use clap::ColorChoice;

use crate::actuals::{Actuals, Encoding, ReadOptions, read_paths};
use crate::cli::{ActualsArgs, EncodingArg, OutputArgs, PlanArgs, ViewArgs};
use crate::error::Error;
use crate::plan::Plan;
use crate::render::Look;
use crate::render::labels::Lang;

/// The UTF-8 byte-order mark `--bom` writes first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

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

/// Runs `write` against the output `--output` names: standard output, or
/// the file, written atomically. With `--bom`, a byte-order mark comes first.
pub fn with_output(
    args: &OutputArgs,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let write = |out: &mut dyn Write| {
        if args.bom {
            out.write_all(BOM)?;
        }
        write(out)
    };
    match output_file(args) {
        None => with_stdout(write),
        Some(path) => write_atomically(path, write)
            .map_err(|source| Error::Output {
                target: path.display().to_string(),
                source,
            })
            .context("writing the output"),
    }
}

/// `--bom` is for CSV and TSV: a usage error for any other format.
pub fn refuse_bom_unless(args: &OutputArgs, delimited: bool) -> Result<(), Error> {
    if args.bom && !delimited {
        return Err(Error::Usage(
            "--bom applies to --format csv and tsv only".to_string(),
        ));
    }
    Ok(())
}

/// Writes `path` through a temporary file in the same directory, synced and
/// renamed into place when complete, so readers see the old file or the new
/// one, never a part. On failure the temporary file is removed.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".plantrack-").suffix(".tmp");
    // Permissions as for any new file (0666 less the umask), not tempfile's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(dir)?;
    {
        let mut out = io::BufWriter::new(file.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Whether `--output` leaves output on a terminal.
pub fn to_terminal(args: &OutputArgs) -> bool {
    output_file(args).is_none() && stdout_is_terminal()
}

/// The file `--output` names; none for standard output (no `--output`, or `-`).
fn output_file(args: &OutputArgs) -> Option<&Path> {
    args.output.as_deref().filter(|p| *p != Path::new("-"))
}

/// Whether standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// How people-facing output looks, from `--lang`, `--color` and where it goes.
pub fn look(view: &ViewArgs, plan: &Plan, terminal: bool) -> Look {
    let env = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    Look {
        lang: view.lang.unwrap_or_else(|| Lang::for_plan(plan)),
        color: use_color(
            view.color,
            terminal,
            env("NO_COLOR").is_some(),
            env("TERM").is_some_and(|t| t == "dumb"),
        ),
        terminal,
    }
}

/// The colour decision: never with `NO_COLOR` set (<https://no-color.org>)
/// or `never`; `always` otherwise; `auto` only on a terminal that is not dumb.
pub fn use_color(choice: ColorChoice, terminal: bool, no_color: bool, dumb: bool) -> bool {
    match choice {
        _ if no_color => false,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !dumb,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_when_wanted() {
        use ColorChoice::{Always, Auto, Never};
        assert!(use_color(Auto, true, false, false));
        assert!(!use_color(Auto, false, false, false));
        assert!(!use_color(Auto, true, true, false));
        assert!(!use_color(Auto, true, false, true));
        assert!(!use_color(Never, true, false, false));
        assert!(use_color(Always, false, false, true));
        // NO_COLOR wins even over `always`.
        assert!(!use_color(Always, true, true, false));
    }
}
