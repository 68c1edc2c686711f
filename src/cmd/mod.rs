//! The commands, one module each, and [`run`], which dispatches to them.

pub mod check;
pub mod completions;
pub mod diff;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod portfolio;
pub mod report;
pub mod show;
pub mod template;

use crate::actuals::Actuals;
use crate::assess::as_of_year;
use crate::cli::{Cli, Command};
use crate::config::print_tripped;
use crate::diag::suggest;
use crate::error::Error;
use crate::plan::{Indicator, Plan};
use crate::render::labels::{Lang, Tripped};

/// How a command ended, when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done (exit code 0).
    Done,
    /// Done, and `--fail-on` or `--fail-on-worse` matched (exit code 1).
    Flagged,
}

/// The outcome once the indicators that tripped `flag` (if any) have been
/// named on standard error.
pub fn outcome(lang: Lang, flag: &str, tripped: &[Tripped]) -> Outcome {
    if tripped.is_empty() {
        return Outcome::Done;
    }
    print_tripped(lang, flag, tripped);
    Outcome::Flagged
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    crate::msg::choose(cli.command.lang());
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::List(args) => list::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Show(args) => show::run(&args),
        Command::Template(args) => template::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Portfolio(command) => portfolio::run(&command),
        Command::Completions(args) => completions::run(&args),
        Command::Man => man::run(),
        Command::ReadWorkbook => {
            crate::workbook::child::serve()?;
            Ok(Outcome::Done)
        }
    }
}

/// The indicator an argument names, by id or exact name; else a usage error
/// that suggests the nearest id.
pub fn find_indicator<'a>(plan: &'a Plan, text: &str) -> Result<&'a Indicator, Error> {
    plan.find(text.trim()).ok_or_else(|| {
        let hint = match suggest(text, plan.indicators.iter().map(|i| i.id.as_str())) {
            Some(id) => crate::tr!("；是不是 `{id}`？", "; did you mean `{id}`?"),
            None => crate::tr!(
                "；运行 `plantrack list` 可查看全部代码",
                "; run `plantrack list` for the ids"
            ),
        };
        let text = crate::diag::quote(text);
        Error::Usage(
            crate::tr!(
                "未知指标 `{text}`：规划 `{}` 中没有这个代码或名称",
                "unknown indicator `{text}`: not an id or name in plan {}",
                plan.meta.id
            )
            .then(&hint),
        )
    })
}

/// The as-of year: `--as-of` if given, which must lie within the plan
/// period, else the latest year of the actuals within it.
pub fn as_of(plan: &Plan, actuals: &Actuals, given: Option<i32>) -> Result<i32, Error> {
    // The period is asked for once: it is a pass over every indicator.
    if let Some(year) = given
        && let period = plan.period()
        && !period.contains(&year)
    {
        return Err(Error::Usage(crate::tr!(
            "--as-of {year} 不在规划期内：请给出{}到{}之间的年份",
            "--as-of {year} is outside the plan period: give a year from {} to {}",
            period.start(),
            period.end()
        )));
    }
    Ok(as_of_year(plan, actuals, given))
}
