//! `plantrack import`: a plan's table of main indicators into a plan file.

use std::io::Write;

use super::Outcome;
use crate::cli::ImportArgs;
use crate::diag::shown;
use crate::error::Error;
use crate::import;
use crate::msg::Text;

/// Reads the table, writes the plan (checked before it is written), and
/// says on standard error what needs review.
pub fn run(args: &ImportArgs) -> anyhow::Result<Outcome> {
    let name = shown(&args.table);
    let bytes = std::fs::read(&args.table).map_err(|e| {
        let why = crate::msg::io_error(&e, crate::msg::lang());
        Error::Usage(crate::tr!(
            "{name}：无法读取（{why}）",
            "{name}: cannot be read ({why})"
        ))
    })?;
    let sheets = import::read_rows(&name, bytes)?;
    let mut first_error = None;
    let mut found = None;
    for rows in &sheets {
        match import::table(&name, rows) {
            Ok(table) if !table.rows.is_empty() => {
                found = Some(table);
                break;
            }
            Ok(_) => {}
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    let Some(table) = found else {
        return Err(first_error
            .unwrap_or_else(|| {
                Error::Usage(crate::tr!(
                    "{name}：表格中没有指标行",
                    "{name}: the table has no indicator rows"
                ))
            })
            .into());
    };
    let id = args.id.clone().unwrap_or_else(|| id_from(&args.table));
    let written = import::write::plan(&table, &name, &id);
    // What is written must be a plan `check` accepts.
    crate::plan::Plan::from_toml(&name, &written.toml).map_err(|e| {
        Error::Usage(crate::tr!(
            "{name}：由表格生成的规划无效，因此没有写出任何内容（这是 import 的缺陷，请报告）：{e}",
            "{name}: the plan made from the table is not valid, so nothing was written (a bug in import; please report it): {e}"
        ))
    })?;
    match &args.output {
        Some(path) => crate::config::write_new_file(path, &written.toml, "import")?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(written.toml.as_bytes())?;
            out.flush()?;
        }
    }
    report(&name, &table, &written);
    Ok(Outcome::Done)
}

/// A plan id from the table's file name where it is ASCII, else `imported`.
fn id_from(path: &std::path::Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let id: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let id = id.trim_matches('-').to_string();
    if id.is_empty() || !stem.is_ascii() {
        "imported".to_string()
    } else {
        id
    }
}

/// What was imported, on standard error: the count, the rows to review
/// and the rows written as comments.
fn report(name: &str, table: &import::Table, written: &import::write::Written) {
    let mut err = std::io::stderr().lock();
    let (from, to) = table.years;
    let (n, s) = (written.indicators, crate::diag::plural(written.indicators));
    let _ = writeln!(
        err,
        "plantrack: {}",
        crate::tr!(
            "从{name}导入{n}项指标（{from}年基数，{to}年目标）",
            "imported {n} indicator{s} from {name} ({from} baselines, {to} targets)"
        )
    );
    name_rows(&mut err, &written.review, |n| {
        crate::tr!(
            "{n}项待核对（标有 `# review:`）：",
            "{n} to review (marked `# review:`): "
        )
    });
    name_rows(&mut err, &written.commented, |n| {
        crate::tr!(
            "{n}项没有可核对的数值，写成了注释：",
            "{n} without a checkable figure, written as comments: "
        )
    });
}

/// One indented line naming `rows` after `heading` (given their count),
/// if there are any.
fn name_rows(err: &mut dyn Write, rows: &[String], heading: impl Fn(usize) -> Text) {
    if !rows.is_empty() {
        let _ = writeln!(err, "  {}{}", heading(rows.len()), rows.join("; "));
    }
}
