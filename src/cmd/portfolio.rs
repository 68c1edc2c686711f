//! `plantrack portfolio`: many plans at once. `report` assesses every
//! member, one at a time (each plan and its actuals dropped once
//! assessed), and writes the summary, the shared indicators, the ranks
//! and the roll-ups; `check` validates it all.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

use super::Outcome;
use crate::assess::Status;
use crate::assess::compare::{Movement, Point, Previous};
use crate::cli::{
    ActualsArgs, PlanArgs, PortfolioCheckArgs, PortfolioCommand, PortfolioFormat, PortfolioInput,
    PortfolioPart, PortfolioReportArgs,
};
use crate::config::{
    Inputs, load_inputs, look_in, output_format, print_remarks, refuse_binary_on_terminal,
    refuse_bom_unless, to_terminal, with_output, with_stdout,
};
use crate::error::Error;
use crate::plan::{Indicator, Nature, Plan, is_chinese_text};
use crate::portfolio::rules::{self, MemberPlan};
use crate::portfolio::survey::{self, Mark};
use crate::portfolio::{Member, Portfolio, PortfolioReport, Survey, file};
use crate::render::labels::{Lang, Tripped};
use crate::render::portfolio as render;

/// Runs `portfolio report` or `portfolio check`.
pub fn run(command: &PortfolioCommand) -> anyhow::Result<Outcome> {
    match command {
        PortfolioCommand::Report(args) => report(args),
        PortfolioCommand::Check(args) => check(args),
    }
}

/// The portfolio a file or `--plans DIR` names.
fn open(input: &PortfolioInput) -> anyhow::Result<Portfolio> {
    let portfolio = match (&input.portfolio, &input.plans) {
        (Some(path), _) => file::read(path)?,
        (None, Some(dir)) => file::from_dir(dir)?,
        (None, None) => {
            return Err(Error::Usage(crate::tr!(
                "请给出组合文件（portfolio.toml）或 --plans 文件夹",
                "give a portfolio file (portfolio.toml) or --plans DIR"
            ))
            .into());
        }
    };
    Ok(portfolio)
}

/// The language the portfolio is shown in unless `--lang` or
/// `PLANTRACK_LANG` says: its name's, else its first plan's.
fn portfolio_lang(portfolio: &Portfolio, first: Option<&Plan>) -> Lang {
    if is_chinese_text(&portfolio.name) || first.is_some_and(Plan::is_chinese) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// A member's plan and actuals, read; an error names the member.
fn load_member(member: &Member, output: Option<&crate::cli::OutputArgs>) -> anyhow::Result<Inputs> {
    let plan = PlanArgs {
        plan: Some(member.plan.clone()),
    };
    let actuals = ActualsArgs {
        actuals: member.actuals.clone(),
        encoding: None,
        strict: false,
    };
    load_inputs(&plan, &actuals, output).with_context(|| {
        crate::tr!(
            "成员 `{}`（{}）",
            "member `{}` ({})",
            member.id,
            member.location
        )
    })
}

/// `portfolio report`.
fn report(args: &PortfolioReportArgs) -> anyhow::Result<Outcome> {
    let format = output_format(args.format, &args.output, PortfolioFormat::Table)?;
    refuse_bom_unless(&args.output, format.is_delimited())?;
    if format.is_binary() {
        refuse_binary_on_terminal(&args.output)?;
    }
    let portfolio = open(&args.input)?;
    if let Some(path) = &args.input.portfolio {
        crate::config::refuse_output_over_inputs(&args.output, std::iter::once(path.as_path()))?;
    }
    let saved = args.since.as_deref().map(read_since).transpose()?;
    let only: HashSet<&str> = args.only.iter().map(|s| s.trim()).collect();
    // Every id and key of every member's plan, for suggesting one.
    let mut known: HashSet<String> = HashSet::new();
    let mut survey = Survey::new(&portfolio);
    // Notes and warnings shown so far, and those left unshown: a
    // portfolio of 3,000 members prints as many as one report does.
    let (mut shown, mut unshown) = (0, 0);
    let mut lang = args.view.lang;
    for index in file::parents_first(&portfolio.members) {
        let Some(member) = portfolio.members.get(index) else {
            continue;
        };
        let inputs = load_member(member, Some(&args.output))?;
        let chosen = *lang.get_or_insert_with(|| {
            crate::msg::choose(None);
            crate::msg::follow(portfolio_lang(&portfolio, Some(&inputs.plan)))
        });
        crate::msg::choose(Some(chosen));
        unshown += print_some(&inputs.remarks, &mut shown);
        let as_of = super::as_of(&inputs.plan, &inputs.actuals, args.input.as_of)?;
        let previous = saved.as_ref().and_then(|s| s.get(&member.id));
        let keep = |ind: &Indicator| {
            only.is_empty() || only.contains(ind.key()) || only.contains(ind.id.as_str())
        };
        if !only.is_empty() {
            for ind in &inputs.plan.indicators {
                known.insert(ind.key().to_string());
                known.insert(ind.id.clone());
            }
        }
        let name = match &member.name {
            Some(name) => chosen.name(name, member.name_en.as_deref()),
            None => {
                let meta = &inputs.plan.meta;
                chosen.name(&meta.name, meta.name_en.as_deref())
            }
        }
        .to_string();
        survey.add(
            index,
            survey::Member {
                id: &member.id,
                name: &name,
                plan: &inputs.plan,
                actuals: &inputs.actuals,
                as_of,
                previous,
                keep: &keep,
            },
        );
    }
    if unshown > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "plantrack: {}",
            crate::tr!(
                "另有{unshown}条注意和警告未显示；用同一组合运行 `plantrack portfolio check` 可列出全部",
                "{unshown} more notes and warnings not shown; `plantrack portfolio check` on the same portfolio lists them all"
            )
        );
    }
    refuse_unmatched(&args.only, &known)?;
    let mut report = survey.finish();
    let chosen = lang.unwrap_or(Lang::Zh);
    report.name = chosen
        .name(&portfolio.name, portfolio.name_en.as_deref())
        .to_string();
    if !args.status.is_empty() {
        let members = &report.members;
        report.shared.retain(|shared| {
            shared
                .cells
                .iter()
                .flatten()
                .filter_map(|&(m, i)| members.get(m)?.indicators.get(i))
                .any(|mark| args.status.contains(&mark.status))
        });
    }
    let view = &args.view;
    let look = look_in(view, lang.unwrap_or(Lang::Zh), to_terminal(&args.output));
    let words = render::Words {
        lang: look.lang,
        stable: format.is_delimited() && view.lang.is_none(),
    };
    let bom = format.is_delimited() && args.output.bom_or(view.lang == Some(Lang::Zh));
    with_output(&args.output, bom, |out| {
        write(out, &report, format, args.part, look, words)
    })?;
    let lang = look.lang;
    let fail_on = super::outcome(lang, "--fail-on", &tripped(&report, &args.fail_on));
    let worse = super::outcome(lang, "--fail-on-worse", &slipped(&report, args));
    Ok(
        if fail_on == Outcome::Flagged || worse == Outcome::Flagged {
            Outcome::Flagged
        } else {
            Outcome::Done
        },
    )
}

/// Writes the report in `format`.
fn write(
    out: &mut dyn Write,
    report: &PortfolioReport,
    format: PortfolioFormat,
    part: Option<PortfolioPart>,
    look: crate::render::Look,
    words: render::Words,
) -> std::io::Result<()> {
    let parts = render::parts(part);
    match format {
        PortfolioFormat::Table => render::table::write(out, report, &parts, look),
        PortfolioFormat::Csv | PortfolioFormat::Tsv => {
            let delimiter = if format == PortfolioFormat::Csv {
                b','
            } else {
                b'\t'
            };
            let part = part.unwrap_or(PortfolioPart::Summary);
            render::delimited::write(out, report, part, delimiter, words)
        }
        PortfolioFormat::Markdown => render::markdown::write(out, report, &parts, look.lang),
        PortfolioFormat::Json => render::json::write(out, report),
        PortfolioFormat::Xlsx => {
            let bytes =
                render::xlsx::write(report, &parts, look.lang).map_err(std::io::Error::other)?;
            out.write_all(&bytes)
        }
        PortfolioFormat::Html => render::html::write(out, report, &parts, look.lang),
        PortfolioFormat::Docx => {
            let bytes = render::docx::write(report, &parts, look.lang)?;
            out.write_all(&bytes)
        }
    }
}

/// Prints as many of `remarks` as the cap still allows, counting them in
/// `shown`; how many are left unshown.
fn print_some(remarks: &[crate::diag::Remark], shown: &mut usize) -> usize {
    let room = crate::diag::MAX_SHOWN
        .saturating_sub(*shown)
        .min(remarks.len());
    print_remarks(remarks.get(..room).unwrap_or_default());
    *shown += room;
    remarks.len() - room
}

/// An `--only` that names no member's indicator is a mistake, not an
/// empty report.
fn refuse_unmatched(only: &[String], known: &HashSet<String>) -> Result<(), Error> {
    let Some(unknown) = only.iter().find(|id| !known.contains(id.trim())) else {
        return Ok(());
    };
    let mut candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    candidates.sort_unstable();
    let hint =
        crate::diag::suggest(unknown, candidates).map_or_else(String::new, |s| format!(" `{s}`?"));
    let unknown = crate::diag::quote(unknown);
    Err(Error::Usage(crate::tr!(
        "未知指标 `{unknown}`：没有哪个成员的规划有这个代码或 key{hint}",
        "unknown indicator `{unknown}`: no member's plan has this id or key{hint}"
    )))
}

/// The members' targets (and rolled-up targets) that trip `--fail-on`,
/// each named with its member.
fn tripped(report: &PortfolioReport, fail_on: &[Status]) -> Vec<Tripped> {
    if fail_on.is_empty() {
        return Vec::new();
    }
    let trips = |status: Status| fail_on.iter().any(|&limit| status.trips(limit));
    let mut found = named_targets(report, |m| trips(m.status).then_some(None));
    for rolled in report.rolled.iter().filter(|r| trips(r.row.status)) {
        let parent = report.members.get(rolled.parent);
        let (id, name) = parent.map_or(("", ""), |p| (p.id.as_str(), p.name.as_str()));
        let (zh, en) = ("（成员汇总）", " (rolled up)");
        found.push(Tripped {
            id: format!("{id}/{}", rolled.row.id),
            name: (
                format!("{name} · {}{zh}", rolled.row.name),
                rolled
                    .row
                    .name_en
                    .as_ref()
                    .map(|n| format!("{name} · {n}{en}")),
            ),
            status: rolled.row.status,
            before: None,
        });
    }
    found
}

/// The members' targets that moved to a worse status (`--fail-on-worse`).
fn slipped(report: &PortfolioReport, args: &PortfolioReportArgs) -> Vec<Tripped> {
    named_targets(report, |m| {
        let movement = m.change.unwrap_or(Movement::Unchanged);
        args.worse
            .trips(movement, Some(m.status))
            .then_some(m.status_before)
    })
}

/// The members' targets (not expected or planned figures) that `trips`
/// picks, each named with its member and its status before, as `trips`
/// says.
fn named_targets(
    report: &PortfolioReport,
    trips: impl Fn(&Mark) -> Option<Option<Status>>,
) -> Vec<Tripped> {
    report
        .members
        .iter()
        .flat_map(|member| {
            member
                .indicators
                .iter()
                .filter(|m| m.nature == Nature::Target)
                .filter_map(|m| Some(named(&member.id, &member.name, m, trips(m)?)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A member's indicator as standard error names it: `gaoxin/gdp 高新区 · 地区生产总值`.
fn named(member: &str, member_name: &str, mark: &Mark, before: Option<Status>) -> Tripped {
    Tripped {
        id: format!("{member}/{}", mark.id),
        name: (
            format!("{member_name} · {}", mark.name),
            mark.name_en
                .as_ref()
                .map(|n| format!("{member_name} · {n}")),
        ),
        status: mark.status,
        before,
    }
}

/// A saved portfolio report, as `--since` reads it: each member's points.
#[derive(Deserialize)]
struct SavedPortfolio {
    members: Vec<SavedMember>,
}

#[derive(Deserialize)]
struct SavedMember {
    id: String,
    as_of: i32,
    indicators: Vec<Point>,
}

/// The earlier portfolio report `--since` names, by member.
fn read_since(path: &Path) -> anyhow::Result<HashMap<String, Previous>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let saved: SavedPortfolio = serde_json::from_slice(&bytes).map_err(|e| {
        Error::Usage(crate::tr!(
            "{}：第{}行第{}列：不是 plantrack 保存的组合报告（portfolio report --format json）：{}",
            "{}: line {}, column {}: not a portfolio report saved by plantrack (portfolio report --format json): {}",
            crate::diag::shown(path),
            e.line(),
            e.column(),
            e
        ))
    })?;
    Ok(saved
        .members
        .into_iter()
        .map(|m| (m.id, Previous::new(m.as_of, m.indicators)))
        .collect())
}

/// `portfolio check`: the portfolio's own rules, each member's plan and
/// actuals, and each parent's roll-ups against its members' plans.
fn check(args: &PortfolioCheckArgs) -> anyhow::Result<Outcome> {
    let portfolio = open(&args.input)?;
    let mut plans: Vec<Plan> = Vec::with_capacity(portfolio.members.len());
    let mut actuals = 0;
    for member in &portfolio.members {
        let inputs = load_member(member, None)?;
        if plans.is_empty() && args.lang.is_none() {
            crate::msg::choose(None);
            let lang = crate::msg::follow(portfolio_lang(&portfolio, Some(&inputs.plan)));
            crate::msg::choose(Some(lang));
        }
        print_remarks(&inputs.remarks);
        actuals += inputs.actuals.len();
        plans.push(inputs.plan);
    }
    let mut problems = Vec::new();
    for (index, parent) in portfolio.members.iter().enumerate() {
        let Some(parent_plan) = plans.get(index) else {
            continue;
        };
        let members: Vec<MemberPlan> = portfolio
            .members
            .iter()
            .zip(&plans)
            .filter(|(m, _)| m.parent.as_deref() == Some(parent.id.as_str()))
            .map(|(m, plan)| MemberPlan { id: &m.id, plan })
            .collect();
        let parent = MemberPlan {
            id: &parent.id,
            plan: parent_plan,
        };
        problems.extend(rules::check(parent, &members));
    }
    if !problems.is_empty() {
        let n = problems.len();
        let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        let (list, s) = (list.join("\n"), crate::diag::plural(n));
        return Err(Error::Usage(crate::tr!(
            "组合的汇总规则有误（{n}处）：\n{list}",
            "the portfolio's roll-ups are not valid ({n} problem{s}):\n{list}"
        ))
        .into());
    }
    let source = args
        .input
        .portfolio
        .as_deref()
        .or(args.input.plans.as_deref())
        .map_or_else(String::new, crate::diag::shown);
    let indicators: usize = plans.iter().map(|p| p.indicators.len()).sum();
    let rollups = plans
        .iter()
        .flat_map(|p| &p.indicators)
        .filter(|i| i.rollup().is_some())
        .count();
    let members = portfolio.members.len();
    with_stdout(|out| {
        writeln!(
            out,
            "{}",
            crate::tr!(
                "{source}：通过：组合 {}，{members}个成员，{indicators}项指标，{rollups}项汇总规则；{actuals}个实际值",
                "{source}: ok: portfolio {}, {members} members, {indicators} indicators, {rollups} roll-ups; {actuals} actuals",
                portfolio.id
            )
        )
    })?;
    Ok(Outcome::Done)
}
