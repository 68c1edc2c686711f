//! The words people read, in Chinese or English: headers, status words,
//! yes and no, the summary line.
//!
//! Machine formats (CSV, TSV, JSON) keep their stable English words whatever
//! the language.

use crate::actuals::{Doubt, Flag};
use crate::assess::compare::Movement;
use crate::assess::reason::years_text;
use crate::assess::{Reason, Row, Status};
use crate::plan::{Kind, Method, Nature, Plan};

pub use crate::msg::Lang;

impl Lang {
    /// The default for `plan`: Chinese for a plan written in Chinese.
    pub fn for_plan(plan: &Plan) -> Lang {
        if plan.is_chinese() {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// `zh` or `en`, whichever is this language's.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The word for a status.
    pub fn status(self, status: Status) -> &'static str {
        match self {
            Lang::En => status.as_str(),
            Lang::Zh => match status {
                Status::Met => "已实现",
                Status::Ahead => "快于预期",
                Status::OnTrack => "符合预期",
                Status::Lagging => "略有滞后",
                Status::OffTrack => "明显滞后",
                Status::MovingAway => "逆向变化",
                Status::Missed => "未完成",
                Status::Pending => "推进中",
                Status::Awaiting => "待更新",
                Status::NoData => "无数据",
                Status::NotAssessable => "无法评估",
            },
        }
    }

    /// An indicator's name: in English the English name where there is one.
    pub fn name<'a>(self, name: &'a str, name_en: Option<&'a str>) -> &'a str {
        match (self, name_en) {
            (Lang::En, Some(en)) => en,
            _ => name,
        }
    }

    /// The word for how a status moved.
    pub fn movement(self, movement: Movement) -> &'static str {
        match self {
            Lang::En => movement.as_str(),
            Lang::Zh => match movement {
                Movement::Worsened => "恶化",
                Movement::Improved => "改善",
                Movement::Changed => "变化",
                Movement::New => "新增",
                Movement::Vanished => "移除",
                Movement::Unchanged => "不变",
            },
        }
    }

    /// A row's change since an earlier report, for the `--since` column:
    /// `恶化（原符合预期）`, `worsened (was on-track)`, `不变`, `新增`.
    pub fn since(self, before: Option<Status>, movement: Movement) -> String {
        match (before, movement) {
            (Some(was), Movement::Worsened | Movement::Improved | Movement::Changed) => {
                match self {
                    Lang::Zh => format!("{}（原{}）", self.movement(movement), self.status(was)),
                    Lang::En => format!("{} (was {})", self.movement(movement), self.status(was)),
                }
            }
            _ => self.movement(movement).to_string(),
        }
    }

    /// The summary line of a comparison: `2022年→2023年：恶化2项，改善3项`.
    pub fn diff_summary(self, from: i32, to: i32, counts: &[(Movement, usize)]) -> String {
        let parts: Vec<String> = counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|&(m, n)| match self {
                Lang::Zh => format!("{}{n}项", self.movement(m)),
                Lang::En => format!("{n} {}", self.movement(m)),
            })
            .collect();
        match self {
            Lang::Zh => format!("{from}年→{to}年：{}", parts.join("，")),
            Lang::En => format!("{from} → {to}: {}", parts.join(", ")),
        }
    }

    /// The header of the `--since` column.
    pub fn since_header(self, year: i32) -> String {
        match self {
            Lang::Zh => format!("较{year}年"),
            Lang::En => format!("since {year}"),
        }
    }

    /// A milestone's yes or no.
    pub fn yes_no(self, yes: bool) -> &'static str {
        match (self, yes) {
            (Lang::Zh, true) => "是",
            (Lang::Zh, false) => "否",
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
        }
    }

    /// What follows the name of a figure the plan only expects or plans.
    pub fn nature_mark(self, nature: Nature) -> &'static str {
        match (self, nature) {
            (_, Nature::Target) => "",
            (Lang::Zh, Nature::Expected) => "（预计）",
            (Lang::Zh, Nature::Planned) => "（规划）",
            (Lang::En, Nature::Expected) => " (expected)",
            (Lang::En, Nature::Planned) => " (planned)",
        }
    }

    /// A unit as this language writes it: in English through a small
    /// table, as statistical yearbooks write units (亿元 → `(100 million
    /// yuan)`, 家 → none); a unit the table does not know is the plan's
    /// own text, as names are.
    pub fn unit(self, unit: &str) -> &str {
        if self == Lang::Zh {
            return unit;
        }
        match unit {
            "亿元" => "(100 million yuan)",
            "亿美元" => "(100 million USD)",
            "万元" => "(10,000 yuan)",
            "元" => "yuan",
            "万平方米" => "(10,000 m²)",
            "平方米" => "m²",
            "万人" => "(10,000 people)",
            "人" => "people",
            "户" => "households",
            "吨" => "t",
            "万吨" => "(10,000 t)",
            "公里" => "km",
            "项" | "项(次)" | "项（次）" => "items",
            "位" => "rank",
            "百分点" => "pp",
            "家" | "个" | "座" | "套" | "处" | "所" | "条" | "件" => "",
            other => other,
        }
    }

    /// A chapter as this language names it: `第三章 第四节` in Chinese,
    /// `Ch. 3 §4` in English (a part that is not a numbered chapter or
    /// section is kept as written).
    pub fn chapter(self, chapter: &str) -> String {
        if self == Lang::Zh {
            return chapter.to_string();
        }
        let part = |word: &str| match (word.ends_with('章'), word.ends_with('节')) {
            (true, _) => crate::plan::chapter_number(word).map(|n| format!("Ch. {n}")),
            (_, true) => crate::plan::chapter_number(word).map(|n| format!("§{n}")),
            _ => None,
        };
        chapter
            .split_whitespace()
            .map(|w| part(w).unwrap_or_else(|| w.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A kind of target in words.
    pub fn kind(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Lang::En, k) => k.as_str(),
            (Lang::Zh, Kind::Level) => "水平值",
            (Lang::Zh, Kind::Share) => "比重",
            (Lang::Zh, Kind::Growth) => "年均增速",
            (Lang::Zh, Kind::Cumulative) => "累计值",
            (Lang::Zh, Kind::Rank) => "排名",
            (Lang::Zh, Kind::Milestone) => "是否目标",
            (Lang::Zh, Kind::Relative) => "相对目标",
            (Lang::Zh, Kind::Trend) => "趋势目标",
            (Lang::Zh, Kind::Reference) => "参照序列",
        }
    }

    /// A pace method's name: 线性进度 / 年均增速, or linear / cagr.
    pub fn method(self, method: Method) -> &'static str {
        match (self, method) {
            (Lang::En, m) => m.as_str(),
            (Lang::Zh, Method::Linear) => "线性进度",
            (Lang::Zh, Method::Cagr) => "年均增速",
        }
    }

    /// A row's reasons in words, joined; none if it has none.
    pub fn reasons(self, reasons: &[Reason]) -> Option<String> {
        if reasons.is_empty() {
            return None;
        }
        let words: Vec<String> = reasons.iter().map(|r| self.reason(r)).collect();
        Some(words.join(self.pick("；", "; ")))
    }

    /// One reason in words.
    pub fn reason(self, reason: &Reason) -> String {
        match self {
            Lang::En => reason_en(reason),
            Lang::Zh => reason_zh(reason),
        }
    }

    /// The header people read for a report field (a JSON field name such
    /// as `required_cagr`); the field name itself if it has none.
    pub fn field(self, name: &str) -> &str {
        FIELDS
            .iter()
            .find(|(field, _, _)| *field == name)
            .map_or(name, |(_, zh, en)| self.pick(zh, en))
    }

    /// `/yr` or `/年`.
    pub fn per_year(self) -> &'static str {
        self.pick("/年", "/yr")
    }

    /// A group's heading with its count by status: `第三章（已实现2项，略有滞后1项）`.
    pub fn group_heading(self, title: &str, counts: &[usize; Status::COUNT]) -> String {
        match self {
            Lang::Zh => format!("【{title}】{}", self.counts(counts)),
            Lang::En => format!("== {title}: {}", self.counts(counts)),
        }
    }

    /// A count of each status present: `已实现2项，略有滞后1项`.
    pub fn counts(self, counts: &[usize; Status::COUNT]) -> String {
        let parts: Vec<String> = Status::ALL
            .iter()
            .zip(counts)
            .filter(|(_, n)| **n > 0)
            .map(|(&s, n)| match self {
                Lang::Zh => format!("{}{n}项", self.status(s)),
                Lang::En => format!("{n} {}", self.status(s)),
            })
            .collect();
        parts.join(self.pick("，", ", "))
    }

    /// The summary line: the as-of year, a count of each status present,
    /// best first, and how many indicators are assessed on older figures.
    pub fn summary(self, as_of: i32, tally: &Tally) -> String {
        let counts: Vec<String> = Status::ALL
            .iter()
            .zip(tally.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(&s, n)| match (self, s, tally.early) {
                (Lang::Zh, Status::Met, early) if early > 0 => {
                    format!(
                        "{}{n}项（其中{early}项提前实现，待{as_of}年数据确认）",
                        self.status(s)
                    )
                }
                (Lang::En, Status::Met, early) if early > 0 => {
                    format!(
                        "{n} {} ({early} early, to be confirmed by {as_of} figures)",
                        self.status(s)
                    )
                }
                (Lang::Zh, _, _) => format!("{}{n}项", self.status(s)),
                (Lang::En, _, _) => format!("{n} {}", self.status(s)),
            })
            .collect();
        let line = match self {
            Lang::Zh if counts.is_empty() => format!("截至{as_of}年：无指标"),
            Lang::Zh => format!("截至{as_of}年：{}", counts.join("，")),
            Lang::En if counts.is_empty() => format!("as of {as_of}: no indicators"),
            Lang::En => format!("as of {as_of}: {}", counts.join(", ")),
        };
        let line = match (self, tally.stale) {
            (_, 0) => line,
            (Lang::Zh, n) => format!("{line}（其中{n}项依据{as_of}年以前的数据）"),
            (Lang::En, n) => format!("{line} ({n} assessed on figures older than {as_of})"),
        };
        match (self, tally.flagged) {
            (_, 0) => line,
            (Lang::Zh, n) => format!("{line}；{n}项指标的数据待核实"),
            (Lang::En, n) => format!("{line}; {n} with doubtful figures"),
        }
    }

    /// Why a figure is doubtful, in words.
    pub fn doubt(self, doubt: Doubt) -> &'static str {
        match doubt {
            Doubt::Fraction => self.pick(
                "疑为以小数录入的百分比",
                "a percentage typed as a fraction?",
            ),
            Doubt::Magnitude => self.pick(
                "与同一指标其他年份相差十倍以上，疑为单位或小数点错误",
                "10× or more off the series: a unit or decimal point slip?",
            ),
            Doubt::RateAsLevel => self.pick(
                "疑为增速，而规划按水平值读取",
                "growth rates where the plan reads levels",
            ),
            Doubt::LevelAsRate => self.pick(
                "疑为水平值，而规划按增速读取",
                "a level where the plan reads growth rates",
            ),
            Doubt::OutOfRange => self.pick("超出取值范围", "out of range"),
        }
    }

    /// A row's doubtful figures, for a remark or a cell's comment:
    /// `数据待核实：2024年0.075（疑为以小数录入的百分比）`.
    pub fn flags(self, flags: &[Flag]) -> Option<String> {
        if flags.is_empty() {
            return None;
        }
        let parts: Vec<String> = flags
            .iter()
            .map(|f| {
                let value = super::number(Some(f.value), 6);
                match self {
                    Lang::Zh => format!("{}年{value}（{}）", f.year, self.doubt(f.doubt)),
                    Lang::En => format!("{value} in {} ({})", f.year, self.doubt(f.doubt)),
                }
            })
            .collect();
        Some(match self {
            Lang::Zh => format!("数据待核实：{}", parts.join("；")),
            Lang::En => format!("doubtful figures: {}", parts.join("; ")),
        })
    }
}

fn reason_en(reason: &Reason) -> String {
    match reason {
        Reason::AsOfNotAfterBaseline {
            as_of,
            baseline_year,
        } => format!("the as-of year {as_of} is not after the baseline year {baseline_year}"),
        Reason::RateMissing { year } => format!(
            "no annual rate for {year}: rates are chained from the baseline year without gaps"
        ),
        Reason::NoActual { first, last } if first == last => format!("no actual for {first}"),
        Reason::NoActual { first, last } => format!("no actual for {first}–{last}"),
        Reason::FlowGap { years } => format!(
            "no amount for {}: a period total needs every year's amount, and a missing year is not zero",
            years_text(years)
        ),
        Reason::GrowthCap => "a growth cap: judged by whether the average growth so far stays within it, not by a pace ratio".to_string(),
        Reason::NoBaseline { year } => {
            format!("no baseline: the plan states none and no actual is given for {year}")
        }
        Reason::RatesNeedBaseline { year } => format!(
            "no baseline: the plan states none and no actual is given for {year}; annual rates cannot be chained into a level without it"
        ),
        Reason::ChainNotFinite => "the chained rates do not give a finite value".to_string(),
        Reason::LinearFallback => {
            "the status uses the linear pace because the CAGR is undefined".to_string()
        }
        Reason::CagrUndefined => {
            "CAGR undefined: baseline, target and current must all be above 0".to_string()
        }
        Reason::NoDistance => {
            "target equals the baseline: there is no distance to cover".to_string()
        }
        Reason::RatesCompoundToZero => "the annual rates compound to zero or less: the realized growth rate is undefined".to_string(),
        Reason::GrowthNeedsPositive => {
            "realized growth needs the baseline and the latest value to be above 0".to_string()
        }
        Reason::EveryYear { year } => {
            format!("must hold in every year, and did not in {year}")
        }
        Reason::NotImproved { year } => {
            format!("must improve every year, and did not in {year}")
        }
        Reason::YearsUnjudged { years } => format!(
            "judged year by year, but {} has no figure to judge",
            years_text(years)
        ),
        Reason::NoReferenceData { reference } => {
            format!("the reference `{reference}` has no figure for the years with an actual")
        }
        Reason::AverageOver { first, last } if first == last => {
            format!("compared for {first}")
        }
        Reason::AverageOver { first, last } => {
            format!("averages over {first}–{last} compared")
        }
        Reason::ReferenceSeries => {
            "a reference series: other targets are compared with it".to_string()
        }
        Reason::MetEarly { year, confirm } => {
            format!("met early ({year}); to be confirmed by the {confirm} figure")
        }
        Reason::AwaitingFinal {
            latest,
            target_year,
        } => format!("no {target_year} figure yet; latest is for {latest}: no verdict until it comes"),
        Reason::About { percent } => format!(
            "an approximate target (左右): reached within {percent}% of it, the target shown"
        ),
    }
}

fn reason_zh(reason: &Reason) -> String {
    match reason {
        Reason::AsOfNotAfterBaseline {
            as_of,
            baseline_year,
        } => format!("评估年份{as_of}年不晚于基期{baseline_year}年"),
        Reason::RateMissing { year } => {
            format!("缺少{year}年增长率：增长率须自基期起逐年连续")
        }
        Reason::NoActual { first, last } if first == last => format!("{first}年无实际值"),
        Reason::NoActual { first, last } => format!("{first}–{last}年无实际值"),
        Reason::FlowGap { years } => format!(
            "缺少{}年发生额：期间累计须有每年的数，缺一年不等于零",
            years_text(years)
        ),
        Reason::GrowthCap => "增速上限：看至今年均增速是否在限内，不按进度比判定".to_string(),
        Reason::NoBaseline { year } => {
            format!("无基期值：规划未给出，也未填报{year}年实际值")
        }
        Reason::RatesNeedBaseline { year } => format!(
            "无基期值：规划未给出，也未填报{year}年实际值；没有基期，增长率无法推算为水平值"
        ),
        Reason::ChainNotFinite => "增长率连乘结果无效".to_string(),
        Reason::LinearFallback => "年均增速无法计算，按线性进度判定".to_string(),
        Reason::CagrUndefined => "年均增速无法计算：基期值、目标值和当前值须均大于0".to_string(),
        Reason::NoDistance => "目标值等于基期值，无需推进".to_string(),
        Reason::RatesCompoundToZero => "各年增长率连乘后不大于零，实际年均增速无法计算".to_string(),
        Reason::GrowthNeedsPositive => "计算实际增速须基期值和最新值均大于0".to_string(),
        Reason::EveryYear { year } => format!("须每年达到，{year}年未达到"),
        Reason::NotImproved { year } => format!("须逐年改善，{year}年未改善"),
        Reason::YearsUnjudged { years } => {
            format!("须逐年判断，{}年无数据", years_text(years))
        }
        Reason::NoReferenceData { reference } => {
            format!("参照`{reference}`在有实际值的年份无数据")
        }
        Reason::AverageOver { first, last } if first == last => format!("按{first}年比较"),
        Reason::AverageOver { first, last } => format!("按{first}–{last}年平均值比较"),
        Reason::ReferenceSeries => "参照序列，供其他目标比较，本身不评估".to_string(),
        Reason::MetEarly { year, confirm } => format!("{year}年提前实现，待{confirm}年数据确认"),
        Reason::AwaitingFinal {
            latest,
            target_year,
        } => format!("尚无{target_year}年数据，最新为{latest}年，待更新后评估"),
        Reason::About { percent } => {
            format!("目标为约数（左右），差距在{percent}%以内即视为达到，所示目标已计入")
        }
    }
}

/// An indicator that tripped `--fail-on` or `--fail-on-worse`, as
/// standard error names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tripped {
    /// Its id.
    pub id: String,
    /// Its name and English name.
    pub name: (String, Option<String>),
    /// Its status now.
    pub status: Status,
    /// Its status before, where known.
    pub before: Option<Status>,
}

impl Lang {
    /// The lines naming the indicators that tripped `flag`: a heading, then
    /// one line each, `  pm25 PM2.5年均浓度：明显滞后（上次：略有滞后）`.
    pub fn tripped(self, flag: &str, tripped: &[Tripped]) -> Vec<String> {
        let n = tripped.len();
        let mut lines = vec![match self {
            Lang::Zh => format!("plantrack: {n}项指标触发 {flag}："),
            Lang::En => format!(
                "plantrack: {n} indicator{} tripped {flag}:",
                crate::diag::plural(n)
            ),
        }];
        for t in tripped {
            let name = self.name(&t.name.0, t.name.1.as_deref());
            let status = self.status(t.status);
            lines.push(match (self, t.before) {
                (Lang::Zh, Some(b)) => {
                    format!("  {} {name}：{status}（上次：{}）", t.id, self.status(b))
                }
                (Lang::Zh, None) => format!("  {} {name}：{status}", t.id),
                (Lang::En, Some(b)) => {
                    format!("  {} {name}: {status} (before: {})", t.id, self.status(b))
                }
                (Lang::En, None) => format!("  {} {name}: {status}", t.id),
            });
        }
        lines
    }
}

/// Each report field's header in Chinese and in English.
const FIELDS: &[(&str, &str, &str)] = &[
    ("as_of", "评估年份", "As of"),
    ("id", "指标代码", "Id"),
    ("name", "指标名称", "Indicator"),
    ("name_en", "英文名称", "English name"),
    ("unit", "单位", "Unit"),
    ("kind", "类型", "Kind"),
    ("comparator", "比较", "Comparator"),
    ("baseline_year", "基期年份", "Baseline year"),
    ("baseline", "基期值", "Baseline"),
    ("target_year", "目标年份", "Target year"),
    ("target", "目标值", "Target"),
    ("target_high", "目标上限", "Target (upper)"),
    ("latest_year", "最新年份", "Latest year"),
    ("latest", "最新实际值", "Latest actual"),
    ("current", "当前值", "Current"),
    ("gap", "差距", "Gap"),
    ("progress", "进度", "Progress"),
    ("time_elapsed", "时间进度", "Time elapsed"),
    ("required_cagr", "要求年均增速", "Required CAGR"),
    ("actual_cagr", "实际年均增速", "Actual CAGR"),
    ("needed_cagr", "尚需年均增速", "Needed CAGR"),
    ("required_annual", "要求年均增量", "Required change a year"),
    ("actual_annual", "实际年均增量", "Actual change a year"),
    ("needed_annual", "尚需年均增量", "Needed change a year"),
    ("ratio_linear", "进度与时间之比", "Progress ÷ time"),
    ("ratio_cagr", "实际与要求增速之比", "Actual ÷ required CAGR"),
    ("method", "判定方法", "Method"),
    ("projected", "目标年预计值", "Projected"),
    ("status", "状态", "Status"),
    ("reason", "说明", "Reason"),
    ("year", "年份", "Year"),
    ("value", "数值", "Value"),
    ("source", "来源", "Source"),
    ("note", "备注", "Note"),
    ("origin", "出处", "Origin"),
    ("binding", "约束性", "Binding"),
    ("nature", "性质", "Nature"),
    ("flags", "数据待核实", "Doubtful figures"),
    ("chapter", "章节", "Chapter"),
    ("quote", "规划原文", "Plan text"),
    ("enter", "填报说明", "Enter"),
    ("status_before", "上次状态", "Status before"),
    ("change", "变化", "Change"),
    ("status_after", "本次状态", "Status after"),
    ("current_before", "上次当前值", "Current before"),
    ("current_after", "本次当前值", "Current after"),
    ("gap_before", "上次差距", "Gap before"),
    ("gap_after", "本次差距", "Gap after"),
    ("progress_before", "上次进度", "Progress before"),
    ("progress_after", "本次进度", "Progress after"),
    ("from", "起始年份", "From"),
    ("to", "截止年份", "To"),
];

/// What the summary line counts, gathered row by row: the rows of each
/// status, the targets met early (to be confirmed by the target year's
/// figure), and the first few rows awaiting the target year's figure or
/// judged on figures older than the as-of year, by name, for the lines
/// that name them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Rows per status, in the order of [`Status::ALL`].
    counts: [usize; Status::COUNT],
    /// Rows given a pace verdict on a figure older than the as-of year.
    stale: usize,
    /// Rows met on an earlier year's figure at the end of the period.
    early: usize,
    /// The first [`NAMED`] awaiting rows: name, English name, latest year.
    awaiting: Vec<Named>,
    /// The first [`NAMED`] rows judged on older figures, likewise.
    older: Vec<Named>,
    /// Rows that use a doubtful figure.
    flagged: usize,
    /// The first [`NAMED`] of them, with the year of the first doubtful
    /// figure.
    doubtful: Vec<Named>,
}

/// A row as the summary names it: its name, English name and latest year.
type Named = (String, Option<String>, i32);

/// How many rows the summary names in a line, before `等N项`.
const NAMED: usize = 8;

/// Whether `status` is a verdict on the pace so far.
fn is_pace_verdict(status: Status) -> bool {
    matches!(
        status,
        Status::Ahead | Status::OnTrack | Status::Lagging | Status::OffTrack | Status::MovingAway
    )
}

impl Tally {
    /// Counts `row` of a report as of `as_of`.
    pub fn add(&mut self, row: &Row, as_of: i32) {
        if let Some(n) = Status::ALL
            .iter()
            .position(|&s| s == row.status)
            .and_then(|i| self.counts.get_mut(i))
        {
            *n += 1;
        }
        let named = |row: &Row| {
            let year = row.latest_year.unwrap_or(row.baseline_year);
            (row.name.clone(), row.name_en.clone(), year)
        };
        let older = row
            .latest_year
            .is_some_and(|y| y < as_of.min(row.target_year));
        if older && is_pace_verdict(row.status) {
            self.stale += 1;
            if self.older.len() < NAMED {
                self.older.push(named(row));
            }
        }
        if row.status == Status::Awaiting && self.awaiting.len() < NAMED {
            self.awaiting.push(named(row));
        }
        if row
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::MetEarly { .. }))
        {
            self.early += 1;
        }
        if let Some(flag) = row.flags.first() {
            self.flagged += 1;
            if self.doubtful.len() < NAMED {
                self.doubtful
                    .push((row.name.clone(), row.name_en.clone(), flag.year));
            }
        }
    }

    /// Rows that use a doubtful figure.
    pub fn flagged(&self) -> usize {
        self.flagged
    }

    /// Rows per status, in the order of [`Status::ALL`].
    pub fn counts(&self) -> [usize; Status::COUNT] {
        self.counts
    }

    /// How many rows have `status`.
    pub fn count(&self, status: Status) -> usize {
        Status::ALL
            .iter()
            .position(|&s| s == status)
            .and_then(|i| self.counts.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// Rows met early, on an earlier year's figure.
    pub fn early(&self) -> usize {
        self.early
    }

    /// Rows given a pace verdict on figures older than the as-of year.
    pub fn stale(&self) -> usize {
        self.stale
    }

    /// The tally of all `rows`.
    pub fn of(rows: &[Row], as_of: i32) -> Tally {
        let mut tally = Tally::default();
        for row in rows {
            tally.add(row, as_of);
        }
        tally
    }
}

impl Lang {
    /// The lines under the summary that name the rows awaiting the target
    /// year's figure and, where `older` (the `--problems` view), the rows
    /// judged on figures older than the as-of year:
    /// `待更新（尚无2025年数据）：传统汽车产业规模（2023年）、…`.
    pub fn named_lines(self, as_of: i32, tally: &Tally, older: bool) -> Vec<String> {
        let mut lines = Vec::new();
        let awaiting = tally.count(Status::Awaiting);
        if awaiting > 0 {
            let names = self.names(&tally.awaiting, awaiting);
            lines.push(match self {
                Lang::Zh => format!("待更新（尚无{as_of}年数据）：{names}"),
                Lang::En => format!("awaiting figures for {as_of}: {names}"),
            });
        }
        if tally.flagged > 0 {
            let names = self.names(&tally.doubtful, tally.flagged);
            lines.push(match self {
                Lang::Zh => format!("数据待核实（疑为录入错误，见警告）：{names}"),
                Lang::En => {
                    format!("doubtful figures (probable typing slips; see the warnings): {names}")
                }
            });
        }
        if older && tally.stale > 0 {
            let names = self.names(&tally.older, tally.stale);
            lines.push(match self {
                Lang::Zh => format!("依据{as_of}年以前数据评估：{names}"),
                Lang::En => format!("assessed on figures older than {as_of}: {names}"),
            });
        }
        lines
    }

    /// Names with their years, the first few of `total`:
    /// `甲（2023年）、乙（2022年）等12项`.
    fn names(self, named: &[Named], total: usize) -> String {
        let parts: Vec<String> = named
            .iter()
            .map(|(name, name_en, year)| match self {
                Lang::Zh => format!("{name}（{year}年）"),
                Lang::En => format!("{} ({year})", self.name(name, name_en.as_deref())),
            })
            .collect();
        let more = total.saturating_sub(named.len());
        match (self, more) {
            (Lang::Zh, 0) => parts.join("、"),
            (Lang::Zh, _) => format!("{}等{total}项", parts.join("、")),
            (Lang::En, 0) => parts.join("; "),
            (Lang::En, more) => format!("{} and {more} more", parts.join("; ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_a_distinct_chinese_word() {
        let mut words: Vec<&str> = Status::ALL.iter().map(|s| Lang::Zh.status(*s)).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), Status::ALL.len());
        assert_eq!(Lang::Zh.status(Status::OnTrack), "符合预期");
        assert_eq!(Lang::En.status(Status::OnTrack), "on-track");
    }

    #[test]
    fn names_fall_back_to_the_plan_language() {
        assert_eq!(
            Lang::En.name("城镇新增就业", Some("New urban jobs")),
            "New urban jobs"
        );
        assert_eq!(Lang::En.name("城镇新增就业", None), "城镇新增就业");
        assert_eq!(
            Lang::Zh.name("城镇新增就业", Some("New urban jobs")),
            "城镇新增就业"
        );
    }
}
