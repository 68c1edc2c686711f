//! One indicator in full, for `plantrack show`: what the plan says, each
//! year beside the required paths, where it stands and why, and where every
//! figure came from.

use std::io::{self, Write};

use super::cells::{self, with_year};
use super::fit::Rules;
use super::labels::Lang;
use super::table::{Paint, Screen, status_paint};
use super::{Look, number};
use crate::actuals::{Actuals, Dated, Observation};
use crate::assess::{Row, Step};
use crate::diag::escape_controls;
use crate::plan::{ActualsMode, Indicator, Kind, Rule};

/// Everything `show` prints about one indicator.
#[derive(Debug, Clone, Copy)]
pub struct Detail<'a> {
    /// The plan's indicator.
    pub indicator: &'a Indicator,
    /// Its assessment as of the as-of year.
    pub row: &'a Row,
    /// Year by year from the baseline year to the target year.
    pub steps: &'a [Step],
    /// The actuals read for it, with their provenance.
    pub entries: &'a [Dated],
    /// The actuals the entries are in, which know where each was read.
    pub actuals: &'a Actuals,
    /// The year it is assessed as of.
    pub as_of: i32,
    /// A relative target's reference series.
    pub reference: Option<&'a Indicator>,
}

/// Writes the indicator: what the plan says, the years, the verdict and the
/// provenance of each actual, as tables separated by blank lines.
pub fn write_indicator(out: &mut dyn Write, detail: Detail, look: Look) -> io::Result<()> {
    plan_table(&detail, look).write(out, look)?;
    writeln!(out)?;
    years_table(detail.indicator, detail.steps, look).write(out, look)?;
    writeln!(out)?;
    verdict_table(detail.row, detail.as_of, look).write(out, look)?;
    if !detail.entries.is_empty() {
        writeln!(out)?;
        sources_table(detail.entries, detail.actuals, look).write(out, look)?;
    }
    Ok(())
}

/// A table of facts: a label and a text that wraps.
fn facts() -> Screen<'static> {
    Screen::new::<&str>(
        &[],
        &[],
        Rules {
            wrap: &[1],
            drop: &[],
        },
    )
}

/// What the plan says: names, sentence, baseline, target, how it was read.
fn plan_table(detail: &Detail, look: Look) -> Screen<'static> {
    let (ind, row) = (detail.indicator, detail.row);
    let pick = |zh, en| look.lang.pick(zh, en);
    let mut table = facts();
    let mut fact = |label: &str, text: String| {
        if !text.is_empty() {
            table.add([label.to_string(), text]);
        }
    };
    fact(ind.id.as_str(), names(ind, look.lang));
    fact(
        pick("规划原文", "plan"),
        match (
            &ind.text().quote,
            ind.text().chapter.as_deref().map(|c| look.lang.chapter(c)),
        ) {
            (Some(q), Some(c)) => match look.lang {
                Lang::Zh => format!("{q}（{c}）"),
                Lang::En => format!("{q} ({c})"),
            },
            (Some(q), None) => q.clone(),
            (None, Some(c)) => c,
            (None, None) => String::new(),
        },
    );
    let amount = |value: f64| format!("{} {}", number(Some(value), 4), look.lang.unit(&ind.unit));
    let baseline = match (row.baseline, ind.previous()) {
        (Some(b), _) => Some(with_year(Some(amount(b)), Some(ind.baseline_year))),
        (None, Some(p)) => Some(format!(
            "{} {}",
            pick("上一规划期", "previous period"),
            amount(p)
        )),
        (None, None) => None,
    };
    fact(
        pick("基期值", "baseline"),
        match (baseline, &ind.text().baseline_quote) {
            (Some(b), Some(q)) => format!("{b}: {q}"),
            (Some(b), None) => b,
            (None, Some(q)) => q.clone(),
            (None, None) => "—".to_string(),
        },
    );
    fact(
        pick("目标", "target"),
        condition(ind, detail.reference, look.lang),
    );
    if let Some(of) = ind.of() {
        fact(
            pick("数据", "figures"),
            match look.lang {
                Lang::Zh => format!("取自`{of}`的实际值"),
                Lang::En => format!("those of `{of}`"),
            },
        );
    }
    fact(
        pick("基期口径（注意）", "warning: baseline scope"),
        look.lang
            .name(
                ind.text().baseline_scope.as_deref().unwrap_or_default(),
                ind.text().baseline_scope_en.as_deref(),
            )
            .to_string(),
    );
    fact(
        pick("解读", "reading"),
        look.lang
            .name(
                ind.text().note.as_deref().unwrap_or_default(),
                ind.text().note_en.as_deref(),
            )
            .to_string(),
    );
    table
}

/// The target in words: the figure, or what a relative or trend target is
/// compared with, with the rule over the years and the target year.
fn condition(ind: &Indicator, reference: Option<&Indicator>, lang: Lang) -> String {
    let symbol = cells::symbol(ind.comparator);
    let year = ind.target_year;
    let every_year = lang.pick("，每年", ", every year");
    match (ind.kind, ind.rule) {
        (Kind::Relative, rule) => {
            let name = reference.map_or_else(
                || ind.reference().map(str::to_owned).unwrap_or_default(),
                |r| format!("{} (`{}`)", lang.name(&r.name, r.name_en()), r.id),
            );
            let how = match rule {
                Rule::Average => lang.pick("，按平均值", ", on average"),
                _ => every_year,
            };
            format!("{symbol} {name}{how} ({year})")
        }
        (Kind::Trend, Rule::Overall) => {
            format!("{symbol} {} ({year})", lang.pick("基期值", "the baseline"))
        }
        (Kind::Trend, _) => format!(
            "{symbol} {}{every_year} ({year})",
            lang.pick("上一年", "the year before")
        ),
        (Kind::Reference, _) => lang
            .pick(
                "无（参照序列，供其他目标比较）",
                "none (a reference series, compared with)",
            )
            .to_string(),
        (Kind::Growth | Kind::Milestone, _) => {
            format!("{} ({year})", cells::target_of(ind, lang))
        }
        _ => {
            let factor = match (ind.target_factor(), ind.baseline) {
                (Some(f), Some(b)) => format!(" = {} × {}", number(Some(f), 4), number(Some(b), 4)),
                _ => String::new(),
            };
            let every = if ind.every_year { every_year } else { "" };
            format!(
                "{} {}{factor}{every} ({year})",
                cells::target_of(ind, lang),
                lang.unit(&ind.unit)
            )
        }
    }
}

/// Where the indicator stands: latest, gap, progress, pace, projection,
/// status, method and reason.
fn verdict_table(row: &Row, as_of: i32, look: Look) -> Screen<'static> {
    let pick = |zh, en| look.lang.pick(zh, en);
    let [
        _,
        _,
        _,
        _,
        latest,
        gap,
        progress,
        required,
        actual,
        needed,
        _,
    ] = cells::cells(row, look.lang);
    let header = cells::header(look.lang);
    let mut table = facts();
    table.add([header[4].to_string(), latest]);
    if let Some(latest) = row.latest_year.filter(|&y| y < as_of.min(row.target_year)) {
        table.add([
            pick("数据年份", "data year").to_string(),
            match look.lang {
                Lang::Zh => format!("评估截至{as_of}年，所用最新数据为{latest}年"),
                Lang::En => {
                    format!("assessed as of {as_of} on the latest figure, from {latest}")
                }
            },
        ]);
    }
    if row.gap.is_some() {
        table.add([
            header[5].to_string(),
            format!(
                "{gap} {}",
                pick(
                    "（正数：距目标尚差；零或负数：已达到或超过）",
                    "(positive: still to go; zero or negative: met or beaten)"
                )
            ),
        ]);
    }
    table.add([header[6].to_string(), progress]);
    // Each pace with its label, leaving out any that is blank (no pace
    // is needed once a target is met or missed).
    let paces: Vec<String> = [
        (pick("要求", "required"), required),
        (pick("实际", "actual"), actual),
        (pick("尚需", "needed"), needed),
    ]
    .into_iter()
    .filter(|(_, pace)| !pace.is_empty())
    .map(|(label, pace)| format!("{label} {pace}"))
    .collect();
    if !paces.is_empty() && paces.iter().any(|p| !p.ends_with('—')) {
        table.add([
            pick("年均", "pace").to_string(),
            paces.join(pick("，", ", ")),
        ]);
    }
    if let Some(p) = row.projected {
        table.add([
            pick("按现有速度", "projected").to_string(),
            format!("{} ({})", number(Some(p), 2), row.target_year),
        ]);
    }
    table.add_painted([
        (header[cells::STATUS], Paint::Plain),
        (look.lang.status(row.status), status_paint(row.status)),
    ]);
    if let Some(method) = row.method {
        table.add([pick("判定方法", "method"), look.lang.method(method)]);
    }
    if let Some(reason) = look.lang.reasons(&row.reasons) {
        table.add([pick("原因", "reason").to_string(), reason]);
    }
    table
}

/// Where each actual was read: file and line, source and note.
fn sources_table(entries: &[Dated], actuals: &Actuals, look: Look) -> Screen<'static> {
    let pick = |zh, en| look.lang.pick(zh, en);
    let header = [
        pick("年份", "year"),
        pick("数据位置", "read from"),
        pick("来源", "source"),
        pick("备注", "note"),
    ];
    let rules = Rules {
        wrap: &[1, 2, 3],
        drop: &[],
    };
    let mut table = Screen::new(&header, &[], rules);
    for Dated { year, entry } in entries {
        table.add([
            year.to_string(),
            actuals.location(entry.origin).to_string(),
            escape_controls(entry.source().unwrap_or_default()).into_owned(),
            escape_controls(entry.note().unwrap_or_default()).into_owned(),
        ]);
    }
    table
}

fn names(ind: &Indicator, lang: Lang) -> String {
    match (lang, ind.name_en()) {
        (Lang::En, Some(en)) if en != ind.name => format!("{en} ({})", ind.name),
        _ => ind.name.clone(),
    }
}

/// The years table: each year's actual and assessed figure beside the
/// required paths, and the status as of that year; for targets judged
/// year by year, what each year was compared with and whether it held.
fn years_table(ind: &Indicator, steps: &[Step], look: Look) -> Screen<'static> {
    let pick = |zh, en| look.lang.pick(zh, en);
    let yearly = steps.iter().any(|s| s.judged.is_some());
    let middle = if yearly {
        let against = match (ind.kind, ind.rule) {
            (Kind::Relative, _) => pick("参照值", "reference"),
            (Kind::Trend, Rule::Overall) => pick("基期值", "baseline"),
            (Kind::Trend, _) => pick("上一年", "year before"),
            _ => pick("目标", "target"),
        };
        [against, pick("是否达到", "held")]
    } else {
        [
            pick("线性路径", "linear path"),
            pick("复合增长路径", "CAGR path"),
        ]
    };
    let header = [
        pick("年份", "year"),
        pick("实际值", "actual"),
        pick("评估值", "assessed"),
        middle[0],
        middle[1],
        pick("状态", "status"),
    ];
    let right: &'static [usize] = if yearly { &[1, 2, 3] } else { &[1, 2, 3, 4] };
    let mut table = Screen::new(
        &header,
        right,
        Rules {
            wrap: &[],
            drop: &[],
        },
    );
    let rate = |v: Option<f64>| v.map(|v| format!("{}%", number(Some(v), 2)));
    let plain = |v: Option<f64>| v.map(|v| number(Some(v), 2));
    let dash = |text: Option<String>| text.unwrap_or_else(|| "—".to_string());
    for step in steps {
        let actual = match step.actual {
            None => None,
            Some(Observation::Flag(done)) => Some(look.lang.yes_no(done).to_string()),
            Some(Observation::Number(n)) if ind.kind == Kind::Milestone => {
                Some(look.lang.yes_no(n == 1.0).to_string())
            }
            Some(Observation::Number(n)) if ind.actuals == ActualsMode::Rate => rate(Some(n)),
            Some(Observation::Number(n)) => plain(Some(n)),
        };
        let (current, cagr_path) = if ind.kind == Kind::Growth {
            (rate(step.current), rate(step.cagr_path))
        } else {
            (plain(step.current), plain(step.cagr_path))
        };
        let current = match ind.kind {
            Kind::Milestone => None,
            _ => current,
        };
        let middle = if yearly {
            let judged = step.judged;
            [
                plain(judged.map(|j| j.against)),
                judged.map(|j| if j.holds { "✓" } else { "✗" }.to_string()),
            ]
        } else {
            [plain(step.linear_path), cagr_path]
        };
        let [a, b] = middle.map(dash);
        let status = step.status.map_or(("—".to_string(), Paint::Plain), |s| {
            (look.lang.status(s).to_string(), status_paint(s))
        });
        table.add_painted([
            (step.year.to_string(), Paint::Plain),
            (dash(actual), Paint::Plain),
            (dash(current), Paint::Plain),
            (a, Paint::Plain),
            (b, Paint::Plain),
            status,
        ]);
    }
    table
}
