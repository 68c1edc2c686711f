//! Where readers and writers are built: the plan, the actuals and the
//! output stream, from the command-line arguments.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ColorChoice;

use crate::actuals::{Actuals, Encoding, ReadOptions, Source};
use crate::cli::{ActualsArgs, EncodingArg, FileFormat, OutputArgs, PlanArgs, ViewArgs};
use crate::diag::{Remark, shown};
use crate::error::Error;
use crate::plan::Plan;
use crate::render::Look;
use crate::render::labels::{Lang, Tripped};

/// The UTF-8 byte-order mark `--bom` writes first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Loads the plan named by `--plan`, or the embedded one.
pub fn load_plan(args: &PlanArgs) -> anyhow::Result<Plan> {
    let plan = read_plan(args)?;
    crate::msg::follow(Lang::for_plan(&plan));
    Ok(plan)
}

/// The plan `--plan` names, or the embedded one.
fn read_plan(args: &PlanArgs) -> anyhow::Result<Plan> {
    match &args.plan {
        None => Ok(Plan::embedded()?),
        Some(path) => {
            let bytes = crate::actuals::read_source(&Source {
                name: path.display().to_string().into(),
                path: Some(path.clone()),
            })?;
            // Checked at SIMD speed (a large plan is a hundred megabytes);
            // the std check, slower, says where the text goes wrong.
            let text = simdutf8::basic::from_utf8(&bytes).map_err(|_| {
                let valid_up_to =
                    std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
                Error::Usage(crate::tr!(
                    "{}：规划文件不是UTF-8文本（第{}字节处编码无效）；请另存为UTF-8",
                    "{}: the plan is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                    shown(path),
                    valid_up_to
                ))
            })?;
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
            // An invalid plan's problems are told in its language too.
            crate::msg::follow(if crate::plan::is_chinese_text(text) {
                Lang::Zh
            } else {
                Lang::En
            });
            Ok(Plan::from_toml(&path.display().to_string(), text)?)
        }
    }
}

/// What a command reads: the plan, the actuals, and what reading them
/// found worth a note or warning.
pub struct Inputs {
    /// The plan.
    pub plan: Plan,
    /// The actuals (empty without `--actuals`).
    pub actuals: Actuals,
    /// Notes on how the actuals were read and warnings about them.
    pub remarks: Vec<Remark>,
}

/// Loads the plan and the actuals, after making sure `output` (if any) is
/// none of them: a report must never overwrite its own input. The actuals
/// are checked (see [`check_inputs`]).
pub fn load_inputs(
    plan: &PlanArgs,
    actuals_args: &ActualsArgs,
    output: Option<&OutputArgs>,
) -> anyhow::Result<Inputs> {
    let mut inputs = read_inputs(plan, actuals_args, output)?;
    check_inputs(&mut inputs, actuals_args)?;
    Ok(inputs)
}

/// [`load_inputs`] without the checks of the actuals, for a command that
/// may refuse its inputs before they are checked.
pub fn read_inputs(
    plan: &PlanArgs,
    actuals_args: &ActualsArgs,
    output: Option<&OutputArgs>,
) -> anyhow::Result<Inputs> {
    let actuals = actuals_args;
    let (sources, mut remarks) = crate::actuals::sources(&actuals.actuals)?;
    if let Some(output) = output {
        let files = sources.iter().filter_map(|s| s.path.as_deref());
        refuse_output_over_inputs(output, plan.plan.iter().map(PathBuf::as_path).chain(files))?;
    }
    let plan = load_plan(plan)?;
    let options = ReadOptions {
        encoding: actuals.encoding.map(|e| match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Gb18030 => Encoding::Gb18030,
            EncodingArg::Utf16 => Encoding::Utf16,
        }),
        parts_from: None,
    };
    let (actuals, read_remarks) = crate::actuals::read(&plan, &sources, &options)?;
    remarks.extend(read_remarks);
    Ok(Inputs {
        plan,
        actuals,
        remarks,
    })
}

/// Checks the actuals read for probable typing slips (warnings, and the
/// figures flagged), and under `--strict` refuses them if anything was
/// noted.
pub fn check_inputs(inputs: &mut Inputs, actuals_args: &ActualsArgs) -> Result<(), Error> {
    let checked = crate::actuals::check(&inputs.plan, &inputs.actuals);
    inputs.remarks.extend(checked.warnings);
    inputs.actuals.set_flags(checked.flags);
    if actuals_args.strict {
        refuse_unless_clean(&inputs.remarks)?;
    }
    Ok(())
}

/// Under `--strict`: prints every warning and note of what was not read,
/// and refuses the inputs if there is any (exit 2; nothing is written, as
/// nothing has been yet).
fn refuse_unless_clean(remarks: &[Remark]) -> Result<(), Error> {
    let strict: Vec<Remark> = remarks
        .iter()
        .filter(|r| r.is_strict_error())
        .cloned()
        .collect();
    if strict.is_empty() {
        return Ok(());
    }
    print_remarks(&strict);
    let (n, s) = (strict.len(), crate::diag::plural(strict.len()));
    Err(Error::Usage(crate::tr!(
        "--strict：实际值中有{n}处问题（见上）：疑似录入错误、警告或未读取的内容；请更正实际值，或去掉 --strict 以带标记的方式报告",
        "--strict: {n} problem{s} in the actuals (above): a doubtful figure, a warning, or something not read; correct the actuals, or run without --strict to report them marked"
    )))
}

/// Loads the plan after making sure `output` is not the plan file.
pub fn load_plan_for(plan: &PlanArgs, output: &OutputArgs) -> anyhow::Result<Plan> {
    refuse_output_over_inputs(output, plan.plan.iter().map(PathBuf::as_path))?;
    load_plan(plan)
}

/// Refuses an `--output` that is the same file (by device and inode,
/// through links and directories) as one of `inputs`.
pub fn refuse_output_over_inputs<'a>(
    output: &OutputArgs,
    inputs: impl Iterator<Item = &'a Path>,
) -> Result<(), Error> {
    let Some(target) = output_file(output) else {
        return Ok(());
    };
    let Ok(meta) = std::fs::metadata(target) else {
        return Ok(()); // a new file cannot be an input
    };
    let id = crate::actuals::identity(target, &meta);
    for input in inputs {
        let same =
            std::fs::metadata(input).is_ok_and(|m| crate::actuals::identity(input, &m) == id);
        if same {
            return Err(Error::Usage(crate::tr!(
                "--output {} 就是输入文件 {}：写到那里会毁掉它；请换一个文件",
                "--output {} is the input {}: writing the report there would destroy it; choose another file",
                shown(target),
                shown(input)
            )));
        }
    }
    Ok(())
}

/// Prints notes and warnings to standard error.
pub fn print_remarks(remarks: &[Remark]) {
    let mut stderr = io::stderr().lock();
    for remark in remarks {
        // Advice only: a closed stderr must not fail the command.
        let _ = writeln!(stderr, "{remark}");
    }
}

/// [`print_remarks`] for the commands whose output is the report: at most
/// [`crate::diag::MAX_SHOWN`], then how many more there are and where to
/// see them all (`check` prints every one), so that a bureau's hundred
/// thousand rows do not bury the report under warnings.
pub fn print_remarks_capped(remarks: &[Remark]) {
    let shown = remarks.len().min(crate::diag::MAX_SHOWN);
    print_remarks(remarks.get(..shown).unwrap_or_default());
    let more = remarks.len() - shown;
    if more > 0 {
        let _ = writeln!(
            io::stderr().lock(),
            "plantrack: {}",
            crate::tr!(
                "另有{more}条未显示；用同样的 --plan 和 --actuals 运行 `plantrack check` 可列出全部注意和警告",
                "{more} more not shown; `plantrack check` with the same --plan and --actuals lists every note and warning"
            )
        );
    }
}

/// Names on standard error the indicators that tripped `flag`, one line
/// each, in `lang`: shown even when the report itself goes to a file.
pub fn print_tripped(lang: Lang, flag: &str, tripped: &[Tripped]) {
    let mut stderr = io::stderr().lock();
    for line in lang.tripped(flag, tripped) {
        // Advice only: a closed stderr must not fail the command.
        let _ = writeln!(stderr, "{}", crate::diag::escape_controls(&line));
    }
}

/// Runs `write` against the output `--output` names: standard output, or
/// the file, written as [`crate::output::write_file`] says. With `bom`, a
/// byte-order mark comes first.
pub fn with_output(
    args: &OutputArgs,
    bom: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let write = |out: &mut dyn Write| {
        if bom {
            out.write_all(BOM)?;
        }
        write(out)
    };
    match output_file(args) {
        None => with_stdout(write),
        Some(path) => crate::output::write_file(path, write)
            .map_err(|source| Error::Output {
                target: shown(path),
                source,
            })
            .context(crate::tr!("写出结果时出错", "writing the output")),
    }
}

/// `--bom` and `--no-bom` are for CSV and TSV: a usage error for any other format.
pub fn refuse_bom_unless(args: &OutputArgs, delimited: bool) -> Result<(), Error> {
    if (args.bom || args.no_bom) && !delimited {
        let flag = if args.bom { "--bom" } else { "--no-bom" };
        return Err(Error::Usage(crate::tr!(
            "{flag} 只用于 --format csv 和 tsv",
            "{flag} applies to --format csv and tsv only"
        )));
    }
    Ok(())
}

/// The format to write: `--format` if given, which must agree with the
/// extension of `--output`; else the format the extension names; else, on
/// standard output, `default`. A file whose extension names no format
/// needs `--format`: a report is never written in a format its name
/// belies (a terminal table in `report.xlsx`).
pub fn output_format<F: FileFormat>(
    explicit: Option<F>,
    args: &OutputArgs,
    default: F,
) -> Result<F, Error> {
    let Some(path) = output_file(args) else {
        return Ok(explicit.unwrap_or(default));
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let named = extension.as_deref().and_then(|ext| {
        F::BY_EXTENSION
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, f)| *f)
    });
    match (explicit, named) {
        (Some(format), Some(named)) if format != named => Err(Error::Usage(crate::tr!(
            "--format {} 与 --output {} 不一致（其扩展名表示 {}）：请改其中一个",
            "--format {} disagrees with --output {}, whose extension means {}: change one of them",
            format.name(),
            shown(path),
            named.name()
        ))),
        (Some(format), _) => Ok(format),
        (None, Some(named)) => Ok(named),
        (None, None) => {
            let known: Vec<String> = F::BY_EXTENSION
                .iter()
                .map(|(e, f)| format!(".{e} ({})", f.name()))
                .collect();
            Err(Error::Usage(crate::tr!(
                "无法从扩展名判断 --output {} 的格式：请命名为 {}，或给出 --format",
                "cannot tell the format of --output {} from its extension: name it {}, or give --format",
                shown(path),
                known.join(", ")
            )))
        }
    }
}

/// A workbook is binary: refused on a terminal, where it would only garble
/// the screen.
pub fn refuse_binary_on_terminal(args: &OutputArgs) -> Result<(), Error> {
    if to_terminal(args) {
        return Err(Error::Usage(crate::tr!(
            "--format xlsx 生成的是工作簿，终端无法显示：请给出 --output 文件.xlsx，或把标准输出重定向到文件",
            "--format xlsx writes a workbook, which a terminal cannot show: give --output FILE.xlsx, or redirect standard output to a file"
        )));
    }
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
    look_in(view, Lang::for_plan(plan), terminal)
}

/// [`look`] where `lang` is the language of what is read (a plan, saved
/// reports), followed unless `--lang` or `PLANTRACK_LANG` chose one.
pub fn look_in(view: &ViewArgs, lang: Lang, terminal: bool) -> Look {
    let env = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    let width = view.width.or_else(|| {
        terminal
            .then(|| comfy_table::Table::new().width())
            .flatten()
    });
    Look {
        width,
        wide: false,
        lang: view.lang.unwrap_or_else(|| crate::msg::follow(lang)),
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
            target: crate::tr!("标准输出", "standard output").to_string(),
            source,
        })
        .context(crate::tr!("写出结果时出错", "writing the output"))
}

/// Writes `text` to `path`, which must not exist yet: a plan being filled
/// in is never replaced by what `command` makes.
pub fn write_new_file(path: &Path, text: &str, command: &str) -> Result<(), Error> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(crate::tr!(
                "{} 已存在：{command} 从不覆盖文件；请换一个文件名，或先删除它",
                "{} exists: {command} never writes over a file; choose another name, or remove it first",
                shown(path)
            )));
        }
        Err(e) => {
            let why = crate::msg::io_error(&e, crate::msg::lang());
            return Err(Error::Usage(crate::tr!(
                "{}：无法创建（{why}）",
                "{}: cannot be created ({why})",
                shown(path)
            )));
        }
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            let why = crate::msg::io_error(&e, crate::msg::lang());
            Error::Usage(crate::tr!(
                "{}：无法写入（{why}）",
                "{}: cannot be written ({why})",
                shown(path)
            ))
        })
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
