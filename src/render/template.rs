//! The data-entry template: a CSV with one row per indicator (and year, in
//! the long layout) giving its id, name, unit and what to enter, and empty
//! value cells (the workbook template is in `xlsx.rs`). The actuals reader checks the name and unit columns against
//! the plan and ignores the enter column, so a filled-in template is read
//! as is. Indicators whose baseline the plan does not state get a row (or
//! column) for their baseline year, which serves as the baseline.

use std::collections::BTreeSet;
use std::io::Write;

use super::csv::guard;
use super::labels::Lang;
use crate::plan::{ActualsMode, Indicator, Kind, Plan};

/// Layouts of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// One row per indicator and year.
    Long,
    /// One row per indicator, one column per year.
    Wide,
}

/// Whether an indicator's assessment needs an actual for its baseline
/// year: the plan states no baseline, and the actuals are levels.
pub fn needs_baseline_actual(ind: &Indicator) -> bool {
    ind.baseline.is_none()
        && ind.actuals == ActualsMode::Level
        && matches!(
            ind.kind,
            Kind::Level | Kind::Share | Kind::Rank | Kind::Growth | Kind::Trend
        )
}

/// What to enter for an indicator in `year`, in words.
pub fn what_to_enter(ind: &Indicator, year: i32, lang: Lang) -> String {
    match lang {
        Lang::En => enter_en(ind, year),
        Lang::Zh => enter_zh(ind, year),
    }
}

fn enter_en(ind: &Indicator, year: i32) -> String {
    let unit = if ind.unit.is_empty() {
        String::new()
    } else {
        format!(" in {}", ind.unit)
    };
    let what = match (ind.kind, ind.actuals) {
        (Kind::Milestone, _) => "yes/no: achieved by that year".to_string(),
        (_, ActualsMode::Rate) => "annual % change on the year before".to_string(),
        (_, ActualsMode::Flow) => format!("that year's amount{unit}"),
        (_, ActualsMode::Total) => format!("running total since {}{unit}", ind.baseline_year),
        (_, ActualsMode::Cut) => "that year's reduction on the year before, in %".to_string(),
        (_, ActualsMode::Level) if is_annual(ind) => format!("that year's value{unit}"),
        (_, ActualsMode::Level) => format!("level at year end{unit}"),
    };
    if needs_baseline_actual(ind) && year == ind.baseline_year {
        format!("{what}; needed: the plan states no baseline, so the {year} figure is the baseline")
    } else if unchainable_rates(ind) {
        format!(
            "{what}; the plan states no baseline to chain the rates from, so they cannot be assessed"
        )
    } else {
        what
    }
}

fn enter_zh(ind: &Indicator, year: i32) -> String {
    let unit = if ind.unit.is_empty() {
        String::new()
    } else {
        format!("（{}）", ind.unit)
    };
    let what = match (ind.kind, ind.actuals) {
        (Kind::Milestone, _) => "是/否：当年是否已实现".to_string(),
        (_, ActualsMode::Rate) => "当年比上年增长（%）".to_string(),
        (_, ActualsMode::Flow) => format!("当年发生额{unit}"),
        (_, ActualsMode::Total) => format!("自{}年起累计值{unit}", ind.baseline_year),
        (_, ActualsMode::Cut) => "当年比上年降低（%）".to_string(),
        (_, ActualsMode::Level) if is_annual(ind) => format!("年度值{unit}"),
        (_, ActualsMode::Level) => format!("年末值{unit}"),
    };
    if needs_baseline_actual(ind) && year == ind.baseline_year {
        format!("{what}；必填：规划未给出基期值，以{year}年数值为基期")
    } else if unchainable_rates(ind) {
        format!("{what}；规划未给出基期值，增长率无法推算，不能评估")
    } else {
        what
    }
}

/// Whether a level is a year's value (产业规模, an annual mean, a year's
/// spending, a rate or share, the year's new ones) rather than a stock
/// counted at year end (enterprises, platforms): by its unit and the words
/// of its name.
fn is_annual(ind: &Indicator) -> bool {
    const FLOW_UNITS: [&str; 6] = ["亿元", "万元", "亿美元", "元", "吨", "万吨"];
    const FLOW_WORDS: [&str; 12] = [
        "年均",
        "规模",
        "产值",
        "投入",
        "投资",
        "收入",
        "增加值",
        "出口",
        "总额",
        "排放",
        "浓度",
        "天数",
    ];
    const COUNT_UNITS: [&str; 12] = [
        "家", "个", "座", "套", "处", "户", "所", "条", "件", "项", "人", "位",
    ];
    if COUNT_UNITS.contains(&ind.unit.as_str()) {
        // A count stands at year end, unless it counts the year's new ones.
        return ["新增", "新建", "新引进"]
            .iter()
            .any(|w| ind.name.contains(w));
    }
    ind.kind == Kind::Share
        || ind.unit == "%"
        || ind.unit.contains("/m")
        || FLOW_UNITS.contains(&ind.unit.as_str())
        || FLOW_WORDS.iter().any(|w| ind.name.contains(w))
}

/// Rates given for a level target with no baseline: nothing to chain them from.
fn unchainable_rates(ind: &Indicator) -> bool {
    ind.baseline.is_none()
        && ind.actuals == ActualsMode::Rate
        && matches!(ind.kind, Kind::Level | Kind::Share | Kind::Rank)
}

/// The years to enter for `ind`: `years`, and its baseline year before them
/// when the assessment needs it and `years` starts right after it.
pub fn years_for(ind: &Indicator, (first, last): (i32, i32)) -> impl Iterator<Item = i32> {
    let baseline =
        (needs_baseline_actual(ind) && first == ind.baseline_year + 1).then_some(ind.baseline_year);
    baseline.into_iter().chain(first..=last)
}

/// Writes a data-entry CSV for `plan` covering `years` (inclusive), plus
/// the baseline year of every indicator that needs one. Every text cell
/// goes through the formula guard: the file is made to be opened in a
/// spreadsheet.
///
/// In English the header is the stable `indicator,name,unit,enter,…`; in
/// Chinese it is `指标代码,指标名称,单位,填报说明,…`. Both read back.
pub fn write_template(
    out: &mut dyn Write,
    plan: &Plan,
    years: (i32, i32),
    layout: Layout,
    delimiter: u8,
    lang: Lang,
) -> std::io::Result<()> {
    template_records(out, plan, years, layout, delimiter, lang).map_err(super::csv::into_io)
}

fn template_records(
    out: &mut dyn Write,
    plan: &Plan,
    years: (i32, i32),
    layout: Layout,
    delimiter: u8,
    lang: Lang,
) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    let head = match lang {
        Lang::En => ["indicator", "name", "unit", "enter"],
        Lang::Zh => ["id", "name", "unit", "enter"].map(|f| lang.field(f)),
    };
    let tail = match lang {
        Lang::En => ["year", "value"],
        Lang::Zh => ["year", "value"].map(|f| lang.field(f)),
    };
    let text = |ind: &Indicator, enter: &str| -> [String; 4] {
        [&ind.id, &ind.name, &ind.unit, enter].map(|t| guard(t).into_owned())
    };
    match layout {
        Layout::Long => {
            w.write_record(head.iter().chain(&tail))?;
            for ind in plan.entered() {
                for year in years_for(ind, years) {
                    let [id, name, unit, enter] = text(ind, &what_to_enter(ind, year, lang));
                    w.write_record([id, name, unit, enter, year.to_string(), String::new()])?;
                }
            }
        }
        Layout::Wide => {
            let columns = year_columns(plan, years);
            let titles = columns.iter().map(i32::to_string);
            w.write_record(head.iter().map(|h| h.to_string()).chain(titles))?;
            for ind in plan.entered() {
                let enter = what_to_enter(ind, ind.baseline_year, lang);
                let cells = text(ind, &enter);
                w.write_record(
                    cells
                        .into_iter()
                        .chain(columns.iter().map(|_| String::new())),
                )?;
            }
        }
    }
    Ok(w.flush()?)
}

/// The year columns of a wide template: `years`, and the baseline years
/// that some indicator needs.
pub fn year_columns(plan: &Plan, years: (i32, i32)) -> BTreeSet<i32> {
    plan.entered()
        .flat_map(|ind| years_for(ind, years))
        .collect()
}
