//! `plantrack diff`: what changed between two saved reports, or between
//! two as-of years of the same actuals.

use std::path::Path;

use super::{Outcome, as_of, outcome};
use crate::assess::compare::{Diff, Point};
use crate::assess::rows;
use crate::cli::{DiffArgs, DiffFormat};
use crate::config::{
    load_inputs, look_in, output_format, print_remarks_capped, refuse_bom_unless,
    refuse_output_over_inputs, to_terminal, with_output,
};
use crate::error::Error;
use crate::plan::is_chinese_text;
use crate::render::csv::Words;
use crate::render::labels::{Lang, Tripped};
use crate::render::{csv, json, markdown, table};
use crate::saved::read_saved;

/// Compares and writes the comparison; tells whether `--fail-on-worse` matched.
pub fn run(args: &DiffArgs) -> anyhow::Result<Outcome> {
    let format = output_format(args.format, &args.output, DiffFormat::Table)?;
    refuse_bom_unless(&args.output, format.is_delimited())?;
    let (diff, lang) = match (args.reports.as_slice(), args.from.zip(args.to)) {
        ([old, new], None) => between_reports(args, old, new)?,
        ([], Some(years)) => between_years(args, years)?,
        ([_, _], Some(_)) => {
            return Err(Error::Usage(crate::tr!(
                "请给出两份保存的报告，或 --from 和 --to，不要同时给出",
                "give two saved reports or --from and --to, not both"
            ))
            .into());
        }
        _ => {
            return Err(Error::Usage(crate::tr!(
                "diff 比较两份保存的JSON报告（plantrack diff 旧.json 新.json），或同一实际值的两个年份（plantrack diff --actuals 路径 --from 2022 --to 2023）",
                "diff compares two saved JSON reports (plantrack diff OLD.json NEW.json) or two years of the same actuals (plantrack diff --actuals PATH --from 2022 --to 2023)"
            ))
            .into());
        }
    };
    let look = look_in(&args.view, lang, to_terminal(&args.output));
    let words = args.view.lang.map_or(Words::Stable, Words::For);
    let bom = format.is_delimited() && args.output.bom_or(words == Words::For(Lang::Zh));
    with_output(&args.output, bom, |out| match format {
        DiffFormat::Table => table::write_diff(out, &diff, look),
        DiffFormat::Csv => csv::write_diff(out, &diff, b',', words),
        DiffFormat::Tsv => csv::write_diff(out, &diff, b'\t', words),
        DiffFormat::Markdown => markdown::write_diff(out, &diff, look.lang),
        DiffFormat::Json => json::write_diff(out, &diff),
    })?;
    let slipped: Vec<Tripped> = diff
        .changes
        .iter()
        .filter_map(|c| {
            let after = c.after.as_ref()?;
            args.worse
                .trips(c.movement, Some(after.status))
                .then(|| Tripped {
                    id: after.id.clone(),
                    name: (after.name.clone(), after.name_en.clone()),
                    status: after.status,
                    before: c.before.as_ref().map(|b| b.status),
                })
        })
        .collect();
    Ok(outcome(look.lang, "--fail-on-worse", &slipped))
}

/// Two saved reports of one plan compared; Chinese if their names are.
fn between_reports(args: &DiffArgs, old: &Path, new: &Path) -> Result<(Diff, Lang), Error> {
    if !args.actuals.actuals.is_empty() || args.plan.plan.is_some() {
        return Err(Error::Usage(crate::tr!(
            "--plan 和 --actuals 与 --from、--to 一起用；两份保存的报告自带数据",
            "--plan and --actuals go with --from and --to; two saved reports carry their own figures"
        )));
    }
    refuse_output_over_inputs(&args.output, [old, new].into_iter())?;
    let (before, after) = (read_saved(old)?, read_saved(new)?);
    if before.plan != after.plan {
        return Err(Error::Usage(crate::tr!(
            "{} 是规划 `{}` 的报告，而 {} 是规划 `{}` 的：请比较同一规划的两份报告",
            "{} is a report on plan `{}` but {} is on plan `{}`: compare two reports of one plan",
            crate::diag::shown(old),
            crate::diag::quote(&before.plan),
            crate::diag::shown(new),
            crate::diag::quote(&after.plan)
        )));
    }
    let chinese = after
        .points
        .iter()
        .chain(&before.points)
        .any(|p| is_chinese_text(&p.name));
    let lang = if chinese { Lang::Zh } else { Lang::En };
    let diff = Diff::new(
        after.plan,
        (before.as_of, &before.points),
        (after.as_of, &after.points),
    );
    Ok((diff, lang))
}

/// The same plan and actuals assessed as of two years, compared.
fn between_years(args: &DiffArgs, (from, to): (i32, i32)) -> anyhow::Result<(Diff, Lang)> {
    if to <= from {
        return Err(Error::Usage(crate::tr!(
            "--to {to} 必须晚于 --from {from}：早的年份在前",
            "--to {to} must be after --from {from}: the earlier year comes first"
        ))
        .into());
    }
    let inputs = load_inputs(&args.plan, &args.actuals, Some(&args.output))?;
    let plan = &inputs.plan;
    let (from, to) = (
        as_of(plan, &inputs.actuals, Some(from))?,
        as_of(plan, &inputs.actuals, Some(to))?,
    );
    print_remarks_capped(&inputs.remarks);
    let points = |year| -> Vec<Point> {
        rows(plan, &inputs.actuals, year, |_| true)
            .map(|row| Point::from(&row))
            .collect()
    };
    let diff = Diff::new(
        plan.meta.id.clone(),
        (from, &points(from)),
        (to, &points(to)),
    );
    Ok((diff, Lang::for_plan(plan)))
}
