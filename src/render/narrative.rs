//! The narrative: a few sentences that open a report for a committee,
//! made from the report's own rows, so that every number in them is one
//! the table shows.
//!
//! How many indicators and how they stand; the binding (约束性) targets;
//! the missed and the worst lagging ones by name with their figures and
//! what they now need; those awaiting the target year's figure; those
//! judged on older figures.

use super::labels::{Lang, Tally};
use super::{number, percent};
use crate::assess::{Reason, Row, Status};
use crate::plan::{Kind, Plan};

/// How many indicators a sentence names before `等N项`.
const NAMED: usize = 5;

/// The narrative's paragraphs for `rows` of `plan` as of `as_of`.
pub fn narrative(plan: &Plan, rows: &[Row], as_of: i32, lang: Lang) -> Vec<String> {
    let tally = Tally::of(rows, as_of);
    let mut paragraphs = vec![overview(plan, rows, as_of, &tally, lang)];
    paragraphs.extend(binding(rows, lang));
    paragraphs.extend(missed(rows, lang));
    paragraphs.extend(lagging(rows, lang));
    paragraphs.extend(awaiting(rows, lang));
    paragraphs.extend(older(rows, as_of, lang));
    paragraphs.extend(doubtful(rows, lang));
    paragraphs
}

/// The rows that use a doubtful figure, with the figure: to be checked
/// before the report is relied on.
fn doubtful(rows: &[Row], lang: Lang) -> Option<String> {
    let doubtful: Vec<&Row> = rows.iter().filter(|r| !r.flags.is_empty()).collect();
    if doubtful.is_empty() {
        return None;
    }
    let n = doubtful.len();
    let names = names(&doubtful, lang, |r| {
        let flag = r.flags.first().copied();
        flag.map_or_else(String::new, |f| {
            let value = number(Some(f.value), 6);
            match lang {
                Lang::Zh => format!("{}年{value}，{}", f.year, lang.doubt(f.doubt)),
                Lang::En => format!("{value} in {}: {}", f.year, lang.doubt(f.doubt)),
            }
        })
    });
    Some(match lang {
        Lang::Zh => format!("{n}项指标的数据待核实，其结论以核实后的数据为准：{names}。"),
        Lang::En => format!(
            "{n} use doubtful figures, and their verdicts stand only once the figures are checked: {names}."
        ),
    })
}

/// The first paragraph: the plan, the period elapsed and each status's count.
fn overview(plan: &Plan, rows: &[Row], as_of: i32, tally: &Tally, lang: Lang) -> String {
    let meta = &plan.meta;
    let name = lang.name(&meta.name, meta.name_en.as_deref());
    let n = rows.len();
    let counts = lang.summary(as_of, tally);
    let counts = counts
        .split_once(['：', ':'])
        .map_or(counts.as_str(), |(_, c)| c.trim());
    let period = f64::from(meta.target_year - meta.base_year);
    let elapsed = (f64::from(as_of - meta.base_year) / period).clamp(0.0, 1.0);
    let end = as_of >= meta.target_year;
    match (lang, end) {
        (Lang::Zh, true) => format!(
            "《{name}》规划期（{}—{}年）已结束。纳入评估的{n}项指标中：{counts}。",
            meta.base_year + 1,
            meta.target_year
        ),
        (Lang::Zh, false) => format!(
            "截至{as_of}年，《{name}》规划期已过{}。纳入评估的{n}项指标中：{counts}。",
            percent(Some(elapsed), 0)
        ),
        (Lang::En, true) => format!(
            "The period of the {name} ({}–{}) has ended. Of the {n} indicators assessed: {counts}.",
            meta.base_year + 1,
            meta.target_year
        ),
        (Lang::En, false) => format!(
            "As of {as_of}, {} of the period of the {name} has elapsed. Of the {n} indicators assessed: {counts}.",
            percent(Some(elapsed), 0)
        ),
    }
}

/// The binding targets: whether all are met, or which are not; or that
/// the plan marks none.
fn binding(rows: &[Row], lang: Lang) -> Option<String> {
    let binding: Vec<&Row> = rows.iter().filter(|r| r.binding == Some(true)).collect();
    if binding.is_empty() {
        return Some(
            lang.pick(
                "规划未标明约束性指标。",
                "The plan marks no target as binding.",
            )
            .to_string(),
        );
    }
    let met = binding.iter().filter(|r| r.status == Status::Met).count();
    let n = binding.len();
    if met == n {
        return Some(match lang {
            Lang::Zh => format!("约束性指标{n}项，全部实现。"),
            Lang::En => format!("All {n} binding targets are met."),
        });
    }
    let others: Vec<&Row> = binding
        .into_iter()
        .filter(|r| r.status != Status::Met)
        .collect();
    let names = names(&others, lang, |r| lang.status(r.status).to_string());
    Some(match lang {
        Lang::Zh => format!("约束性指标{n}项，已实现{met}项；其余：{names}。"),
        Lang::En => format!("Of {n} binding targets, {met} are met; the others: {names}."),
    })
}

/// The missed targets by name, with target and latest figure.
fn missed(rows: &[Row], lang: Lang) -> Option<String> {
    let missed: Vec<&Row> = rows.iter().filter(|r| r.status == Status::Missed).collect();
    if missed.is_empty() {
        return None;
    }
    let n = missed.len();
    let names = names(&missed, lang, |r| missed_detail(r, lang));
    Some(match lang {
        Lang::Zh => format!("未完成{n}项：{names}。"),
        Lang::En => format!("{n} missed: {names}."),
    })
}

/// The lagging, off-track and moving-away targets, worst first, with what
/// they now need.
fn lagging(rows: &[Row], lang: Lang) -> Option<String> {
    let mut slipping: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            matches!(
                r.status,
                Status::Lagging | Status::OffTrack | Status::MovingAway
            )
        })
        .collect();
    if slipping.is_empty() {
        return None;
    }
    slipping.sort_by_key(|r| super::worst_first(r.status));
    let n = slipping.len();
    let names = names(&slipping, lang, |r| {
        let needed = super::cells::needed(r, lang);
        let status = lang.status(r.status);
        match (lang, needed.as_str()) {
            (_, "" | "—") => format!("{status}{}{}", lang.pick("，", ", "), figures(r, lang)),
            // `needed` carries its "/年" ("/yr"): 尚需220亿元/年.
            (Lang::Zh, needed) => format!("{status}，{}，尚需{needed}", figures(r, lang)),
            (Lang::En, needed) => format!("{status}, {}, needs {needed}", figures(r, lang)),
        }
    });
    Some(match lang {
        Lang::Zh => format!("进度滞后{n}项：{names}。"),
        Lang::En => format!("{n} behind pace: {names}."),
    })
}

/// The targets awaiting the target year's figure.
fn awaiting(rows: &[Row], lang: Lang) -> Option<String> {
    let awaiting: Vec<&Row> = rows
        .iter()
        .filter(|r| r.status == Status::Awaiting)
        .collect();
    let first = awaiting.first()?;
    let n = awaiting.len();
    let year = first.target_year;
    let names = names(&awaiting, lang, |r| {
        let latest = r.latest_year.map_or(String::new(), |y| y.to_string());
        match lang {
            Lang::Zh => format!("最新为{latest}年"),
            Lang::En => format!("latest {latest}"),
        }
    });
    Some(match lang {
        Lang::Zh => format!("待更新{n}项，尚无{year}年数据，暂不评价：{names}。"),
        Lang::En => format!("{n} await their {year} figures and are not judged yet: {names}."),
    })
}

/// The targets given a pace verdict on figures older than the as-of year.
fn older(rows: &[Row], as_of: i32, lang: Lang) -> Option<String> {
    let older: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            r.latest_year.is_some_and(|y| y < as_of.min(r.target_year))
                && r.status.rank().is_some()
                && !matches!(r.status, Status::Met | Status::Missed)
        })
        .collect();
    if older.is_empty() {
        return None;
    }
    let n = older.len();
    let names = names(&older, lang, |r| {
        let y = r.latest_year.unwrap_or(as_of);
        match lang {
            Lang::Zh => format!("{y}年"),
            Lang::En => format!("{y}"),
        }
    });
    Some(match lang {
        Lang::Zh => format!("依据{as_of}年以前数据评估{n}项：{names}。"),
        Lang::En => format!("{n} assessed on figures older than {as_of}: {names}."),
    })
}

/// `甲（…）、乙（…）等12项`: the first few rows with what `detail` says.
fn names(rows: &[&Row], lang: Lang, detail: impl Fn(&Row) -> String) -> String {
    let parts: Vec<String> = rows
        .iter()
        .take(NAMED)
        .map(|r| {
            let name = lang.name(&r.name, r.name_en.as_deref());
            match lang {
                Lang::Zh => format!("{name}（{}）", detail(r)),
                Lang::En => format!("{name} ({})", detail(r)),
            }
        })
        .collect();
    let more = rows.len().saturating_sub(NAMED);
    match (lang, more) {
        (Lang::Zh, 0) => parts.join("、"),
        (Lang::Zh, _) => format!("{}等{}项", parts.join("、"), rows.len()),
        (Lang::En, 0) => parts.join("; "),
        (Lang::En, more) => format!("{}; and {more} more", parts.join("; ")),
    }
}

/// A missed row's target and latest figure, and the year that broke it
/// where a rule had to hold every year (its latest figure may meet the
/// target: `目标>7.12，2025年实际8.7，须每年达到，2022年未达到`).
fn missed_detail(row: &Row, lang: Lang) -> String {
    let broken = row
        .reasons
        .iter()
        .find(|r| matches!(r, Reason::EveryYear { .. } | Reason::NotImproved { .. }));
    match broken {
        Some(reason) => format!(
            "{}{}{}",
            figures(row, lang),
            lang.pick("，", ", "),
            lang.reason(reason)
        ),
        None => figures(row, lang),
    }
}

/// A row's target and latest figure: `目标≥1800，实际1360（2023年）`.
fn figures(row: &Row, lang: Lang) -> String {
    let target = match row.kind {
        Kind::Milestone => lang.yes_no(true).to_string(),
        _ => super::cells::target(row.kind, row.comparator, row.target, row.target_high, lang)
            .replacen(' ', "", 1),
    };
    let latest = match (row.kind, row.latest, row.current) {
        (_, Some(crate::actuals::Observation::Flag(b)), _) => lang.yes_no(b).to_string(),
        (Kind::Growth, _, Some(c)) => format!("{}%", number(Some(c), 2)),
        (_, _, Some(c)) => number(Some(c), 2),
        _ => "—".to_string(),
    };
    let year = row.latest_year.map_or(String::new(), |y| y.to_string());
    match lang {
        Lang::Zh => format!("目标{target}，{year}年实际{latest}"),
        Lang::En => format!("target {target}, {latest} in {year}"),
    }
}

/// The narrative as one text, paragraphs apart, for `--format text`.
pub fn text(paragraphs: &[String]) -> String {
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    out
}

/// The narrative's heading in the page, workbook and Word report.
pub fn heading(lang: Lang) -> &'static str {
    lang.pick("总体情况", "Summary")
}
