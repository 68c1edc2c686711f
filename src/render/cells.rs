//! A report row as people read it: rounded numbers with their years, targets
//! with their comparators, paces as percentages or changes a year. Shared by
//! the table and Markdown, so both say the same thing.

use super::labels::Lang;
use super::{number, percent, push_number, push_percent};
use crate::actuals::Observation;
use crate::assess::compare::{Change, Point};
use crate::assess::{Row, Status};
use crate::plan::{Comparator, Indicator, Kind, Method, Rule};

/// Columns of the people-facing report.
pub const COLUMNS: usize = 11;

/// The columns that hold figures (right-aligned).
pub const FIGURES: [usize; 8] = [2, 3, 4, 5, 6, 7, 8, 9];

/// Index of the status column.
pub const STATUS: usize = 10;

/// The header of the people-facing report.
pub fn header(lang: Lang) -> [&'static str; COLUMNS] {
    match lang {
        Lang::Zh => [
            "指标",
            "单位",
            "基期值",
            "目标",
            "最新",
            "差距",
            "进度/时间",
            "要求年均",
            "实际年均",
            "尚需年均",
            "状态",
        ],
        Lang::En => [
            "indicator",
            "unit",
            "baseline",
            "target",
            "latest",
            "gap",
            "progress / time",
            "required",
            "actual",
            "needed",
            "status",
        ],
    }
}

/// The cells of one row, in the order of [`header`].
pub fn cells(row: &Row, lang: Lang) -> [String; COLUMNS] {
    let [required, actual, needed] = pace(row, lang);
    [
        display_name(row, lang),
        lang.unit(&row.unit).to_string(),
        with_year(
            row.baseline.map(|b| number(Some(b), 4)),
            Some(row.baseline_year),
        ),
        target(row.kind, row.comparator, row.target, row.target_high, lang),
        with_year(latest(row, lang), row.latest_year),
        gap(row, lang),
        progress_against_time(row),
        required,
        actual,
        needed,
        lang.status(row.status).to_string(),
    ]
}

/// The header of a comparison's table.
pub fn diff_header(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => [
            "指标",
            "上次状态",
            "本次状态",
            "变化",
            "当前值",
            "差距",
            "进度",
        ],
        Lang::En => [
            "indicator",
            "before",
            "after",
            "change",
            "current",
            "gap",
            "progress",
        ],
    }
}

/// The cells of one change, in the order of [`diff_header`]: figures as
/// `before → after`.
pub fn diff_cells(change: &Change, lang: Lang) -> [String; 7] {
    let name = change.point().map_or(String::new(), |p| {
        lang.name(&p.name, p.name_en.as_deref()).to_string()
    });
    let status = |p: &Option<Point>| {
        p.as_ref()
            .map_or("—".to_string(), |p| lang.status(p.status).to_string())
    };
    let both = |figure: fn(&Point) -> Option<f64>, show: &dyn Fn(Option<f64>) -> String| {
        let side = |p: &Option<Point>| show(p.as_ref().and_then(figure));
        format!("{} → {}", side(&change.before), side(&change.after))
    };
    [
        name,
        status(&change.before),
        status(&change.after),
        lang.movement(change.movement).to_string(),
        both(|p| p.current, &|v| number(v, 2)),
        both(|p| p.gap, &|v| number(v, 2)),
        both(|p| p.progress, &|v| percent(v, 0)),
    ]
}

/// A row's name as reports show it: in the language, `*` after a binding
/// target, and `（预计）` / `（规划）` after a figure the plan only expects or
/// plans.
pub fn display_name(row: &Row, lang: Lang) -> String {
    marked_name(row, lang.name(&row.name, row.name_en.as_deref()), lang)
}

/// As [`display_name`], with the short English name where the plan gives
/// one: for the compact table.
pub fn short_display_name(row: &Row, lang: Lang) -> String {
    let en = row.short_name_en.as_deref().or(row.name_en.as_deref());
    marked_name(row, lang.name(&row.name, en), lang)
}

/// `name` with the binding, nature and doubt marks.
fn marked_name(row: &Row, name: &str, lang: Lang) -> String {
    let binding = if row.binding == Some(true) { "*" } else { "" };
    let doubtful = if row.flags.is_empty() { "" } else { "?" };
    [name, binding, lang.nature_mark(row.nature), doubtful].concat()
}

/// The gap, with `pp` (个百分点) for a growth target, whose gap is a
/// difference of rates.
fn gap(row: &Row, lang: Lang) -> String {
    let mut text = number(row.gap, 2);
    if let (Kind::Growth, Some(_)) = (row.kind, row.gap) {
        text.push_str(lang.pick("个百分点", "pp"));
    }
    text
}

/// Progress against the time gone, `58% / 60%`, or `—` if neither is known.
fn progress_against_time(row: &Row) -> String {
    match (row.progress, row.time_elapsed) {
        (None, None) => "—".to_string(),
        (p, t) => {
            let mut text = percent(p, 0);
            text.push_str(" / ");
            push_percent(&mut text, t, 0);
            text
        }
    }
}

/// `text (year)`, or `—` if either is missing.
pub fn with_year(text: Option<String>, year: Option<i32>) -> String {
    match (text, year) {
        (Some(mut text), Some(year)) => {
            use std::fmt::Write;
            // Writing into a String cannot fail.
            let _ = write!(text, " ({year})");
            text
        }
        _ => "—".to_string(),
    }
}

/// The target as people read it: `≥ 500`, `> 1800`, `≥ 5–10`, `≥ 7.5%/yr`,
/// and for a milestone `yes` (`是`).
pub fn target(
    kind: Kind,
    comparator: Comparator,
    low: Option<f64>,
    high: Option<f64>,
    lang: Lang,
) -> String {
    let low = match (kind, low) {
        (Kind::Milestone, _) => return lang.yes_no(true).to_string(),
        (_, None) => return "—".to_string(),
        (_, Some(low)) => low,
    };
    let mut text = [symbol(comparator), " "].concat();
    match (kind, high) {
        (Kind::Growth, _) => {
            push_number(&mut text, Some(low), 4);
            text.push('%');
            text.push_str(lang.per_year());
        }
        (_, Some(high)) => {
            push_number(&mut text, Some(low), 4);
            text.push('–');
            push_number(&mut text, Some(high), 4);
        }
        (_, None) => push_number(&mut text, Some(low), target_digits(kind)),
    }
    text
}

/// Decimals of a target: the plan's figure as written (up to 4), or 2 for
/// what a relative or trend target is compared with, which is computed.
fn target_digits(kind: Kind) -> usize {
    if matches!(kind, Kind::Relative | Kind::Trend) {
        2
    } else {
        4
    }
}

/// A comparator as people write it: `≥`, `>`, `≤`, `<`.
pub fn symbol(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::Ge => "≥",
        Comparator::Gt => ">",
        Comparator::Le => "≤",
        Comparator::Lt => "<",
    }
}

/// [`target`] for a plan's indicator; for a relative target, what it is
/// compared with (`> gdp_growth`), for a trend, `> 上一年` (the year
/// before) or `> 基期值` (the baseline).
pub fn target_of(ind: &Indicator, lang: Lang) -> String {
    let symbol = symbol(ind.comparator);
    match (ind.kind, ind.rule) {
        (Kind::Relative, _) => format!("{symbol} {}", ind.reference().unwrap_or("—")),
        (Kind::Trend, Rule::Overall) => format!("{symbol} {}", lang.pick("基期值", "baseline")),
        (Kind::Trend, _) => format!("{symbol} {}", lang.pick("上一年", "year before")),
        (Kind::Reference, _) => "—".to_string(),
        _ => target(
            ind.kind,
            ind.comparator,
            ind.target,
            ind.target_high(),
            lang,
        ),
    }
}

/// The figure compared with the target: the level, the running total of a
/// cumulative target, the average growth so far of a growth target, yes or
/// no for a milestone. Falls back to the raw actual when none is computed.
fn latest(row: &Row, lang: Lang) -> Option<String> {
    match (row.kind, row.latest, row.current) {
        (_, Some(Observation::Flag(done)), _) => Some(lang.yes_no(done).to_string()),
        (Kind::Milestone, Some(value), _) => Some(lang.yes_no(value.is_yes()).to_string()),
        (Kind::Growth, _, Some(c)) => {
            let mut text = number(Some(c), 2);
            text.push('%');
            text.push_str(lang.per_year());
            Some(text)
        }
        (_, _, Some(c)) => Some(number(Some(c), 2)),
        (_, Some(Observation::Number(n)), None) => Some(number(Some(n), 2)),
        (_, None, None) => None,
    }
}

/// Required, actual and needed pace, in the unit people think in: growth
/// a year (%) for growth targets and levels judged by their CAGR; the
/// change a year in the indicator's unit for shares and rates (百分点/年),
/// ranks (位/年) and anything judged linearly. The needed pace is blank
/// once a target is met or missed.
fn pace(row: &Row, lang: Lang) -> [String; 3] {
    let needed_blank = matches!(row.status, Status::Met | Status::Missed);
    let [required, actual, mut needed] = if in_units(row) {
        let unit = unit_per_year(row, lang);
        let per = |v: Option<f64>| match v {
            None => "—".to_string(),
            Some(v) => {
                let mut text = number(Some(v), 2);
                text.push_str(&unit);
                text
            }
        };
        [
            per(row.required_annual),
            per(row.actual_annual),
            per(row.needed_annual),
        ]
    } else if row.required_cagr.is_some() || row.actual_cagr.is_some() {
        [
            percent(row.required_cagr, 2),
            percent(row.actual_cagr, 2),
            percent(row.needed_cagr, 2),
        ]
    } else {
        ["—".to_string(), "—".to_string(), "—".to_string()]
    };
    if needed_blank {
        needed = String::new();
    }
    [required, actual, needed]
}

/// The pace still needed a year, as the table shows it (`9.1%`,
/// `50亿元/年`); empty once the target is met or missed.
pub fn needed(row: &Row, lang: Lang) -> String {
    let [_, _, needed] = pace(row, lang);
    needed
}

/// Whether a row's pace reads as a change a year in its unit rather than
/// as growth a year.
fn in_units(row: &Row) -> bool {
    row.required_annual.is_some()
        && (matches!(row.kind, Kind::Share | Kind::Rank | Kind::Cumulative)
            || row.unit == "%"
            || row.method == Some(Method::Linear) && row.kind != Kind::Growth)
}

/// The unit of a change a year: 个百分点/年 for a share in %, 位/年 for a
/// rank, else the indicator's unit and /年.
fn unit_per_year(row: &Row, lang: Lang) -> String {
    match (row.kind, row.unit.as_str()) {
        (Kind::Rank, _) => lang.pick("位/年", "\u{a0}places/yr").to_string(),
        (_, "%") => lang.pick("个百分点/年", "\u{a0}pp/yr").to_string(),
        (_, unit) => match (lang, lang.unit(unit)) {
            (Lang::Zh, unit) => format!("{unit}/年"),
            (Lang::En, "") => "/yr".to_string(),
            (Lang::En, unit) => format!("\u{a0}{unit}/yr"),
        },
    }
}

/// The header of the compact report table.
pub fn compact_header(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["指标", "最新/目标", "进度/时间", "尚需年均", "状态"],
        Lang::En => [
            "indicator",
            "latest/target",
            "prog/time",
            "needed",
            "status",
        ],
    }
}

/// The header of the compact table for `--problems`: the projection for
/// the target year instead of progress against time.
pub fn problems_header(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["指标", "最新/目标", "按现速预计", "尚需年均", "状态"],
        Lang::En => [
            "indicator",
            "latest/target",
            "projected",
            "needed",
            "status",
        ],
    }
}

/// The header of `--problems` at the end of the period: no pace is left
/// to project or need, so the gap and the year of the figure judged.
pub fn final_problems_header(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["指标", "最新/目标", "差距", "数据年份", "状态"],
        Lang::En => ["indicator", "latest/target", "gap", "year", "status"],
    }
}

/// The cells of one row of `--problems` at the end of the period.
pub fn final_problems_cells(row: &Row, lang: Lang) -> [String; 5] {
    let year = row
        .latest_year
        .map_or_else(|| "—".to_string(), |y| y.to_string());
    let gap = match row.gap {
        Some(_) => gap(row, lang),
        None => "—".to_string(),
    };
    [
        short_display_name(row, lang),
        compact_latest_target(row, lang),
        gap,
        year,
        lang.status(row.status).to_string(),
    ]
}

/// The compact table's figure columns.
pub const COMPACT_FIGURES: [usize; 3] = [1, 2, 3];

/// The cells of one row of the compact table: the name (`*` after a
/// binding target), latest against target, progress against time (or,
/// for `--problems`, the projection), the pace still needed, the status.
pub fn compact_cells(row: &Row, lang: Lang, problems: bool) -> [String; 5] {
    let name = short_display_name(row, lang);
    let latest_target = compact_latest_target(row, lang);
    let middle = if problems {
        match row.projected {
            Some(p) => format!("{} ({})", number(Some(p), 2), row.target_year),
            None => "—".to_string(),
        }
    } else {
        match (row.progress, row.time_elapsed) {
            (None, None) => "—".to_string(),
            (p, t) => format!("{}/{}", percent(p, 0), percent(t, 0)),
        }
    };
    [
        name,
        latest_target,
        middle,
        compact_needed(row, lang),
        lang.status(row.status).to_string(),
    ]
}

/// Latest against target, short: `16.5/≥20%`, `7.75%/≥7.5%`, `1360/>1800`,
/// `否/是`; the unit is in the wide table, `%` is kept.
fn compact_latest_target(row: &Row, lang: Lang) -> String {
    let percent = if row.kind == Kind::Growth || row.unit == "%" {
        "%"
    } else {
        ""
    };
    let symbol = symbol(row.comparator);
    let figure = |v: Option<f64>| number(v, 2);
    let latest = match (row.kind, row.latest, row.current) {
        (_, Some(Observation::Flag(done)), _) => lang.yes_no(done).to_string(),
        (Kind::Milestone, Some(v), _) => lang.yes_no(v.is_yes()).to_string(),
        (_, _, Some(c)) => format!("{}{percent}", figure(Some(c))),
        (_, Some(Observation::Number(n)), None) => format!("{}{percent}", figure(Some(n))),
        (_, None, None) => "—".to_string(),
    };
    let target = match (row.kind, row.target, row.target_high) {
        (Kind::Milestone, _, _) => lang.yes_no(true).to_string(),
        (_, Some(lo), Some(hi)) => {
            format!("{symbol}{}~{}{percent}", figure(Some(lo)), figure(Some(hi)))
        }
        (_, Some(t), None) => format!(
            "{symbol}{}{percent}",
            number(Some(t), target_digits(row.kind))
        ),
        (_, None, _) => "—".to_string(),
    };
    format!("{latest}/{target}")
}

/// The pace still needed a year, short: growth in %, or the change in the
/// indicator's unit (个百分点 for shares, 位 for ranks); blank once met or
/// missed.
fn compact_needed(row: &Row, lang: Lang) -> String {
    if matches!(row.status, Status::Met | Status::Missed) || row.kind == Kind::Milestone {
        return String::new();
    }
    if in_units(row) {
        let unit = match (row.kind, row.unit.as_str()) {
            (Kind::Rank, _) => lang.pick("位", "\u{a0}places"),
            (_, "%") => lang.pick("百分点", "\u{a0}pp"),
            // In English a level's unit (`(100 million yuan)`,
            // `households`) is left to the wide table, as the compact
            // latest/target leaves it; Chinese units are a character or two.
            (_, unit) => match lang {
                Lang::En => "",
                Lang::Zh => unit,
            },
        };
        row.needed_annual.map_or_else(
            || "—".to_string(),
            |v| format!("{}{unit}", number(Some(v), 2)),
        )
    } else {
        percent(row.needed_cagr, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_as_written() {
        let t = |kind, cmp, lo, hi, lang| target(kind, cmp, lo, hi, lang);
        assert_eq!(
            t(Kind::Level, Comparator::Gt, Some(1800.0), None, Lang::En),
            "> 1800"
        );
        assert_eq!(
            t(
                Kind::Cumulative,
                Comparator::Ge,
                Some(5.0),
                Some(10.0),
                Lang::En
            ),
            "≥ 5–10"
        );
        assert_eq!(
            t(Kind::Growth, Comparator::Ge, Some(7.5), None, Lang::Zh),
            "≥ 7.5%/年"
        );
        assert_eq!(
            t(Kind::Milestone, Comparator::Ge, None, None, Lang::Zh),
            "是"
        );
        assert_eq!(
            t(Kind::Level, Comparator::Le, Some(52.0), None, Lang::En),
            "≤ 52"
        );
    }
}
