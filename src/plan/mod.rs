//! The plan model: a five-year plan's baselines and targets.
//!
//! A plan is read from TOML by [`Plan::from_toml`] (see `load.rs`), which
//! validates it and lists every problem. The Xiangyang High-tech Zone's
//! 14th Five-Year Plan is built in ([`Plan::embedded`]).

mod index;
mod load;
mod scan;
pub mod skeleton;

pub(crate) use index::IdIndex;
use std::ops::RangeInclusive;

use serde::Serialize;

use crate::diag::Remark;
use crate::error::Result;

/// The embedded plan's file name, as shown in messages.
pub const EMBEDDED_NAME: &str = "<embedded>/data/xiangyang-hitech-14fyp.toml";

/// The embedded plan's TOML text.
pub const EMBEDDED_TOML: &str = include_str!("../../data/xiangyang-hitech-14fyp.toml");

/// A validated plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The `[plan]` table.
    pub meta: PlanMeta,
    /// The `[assessment]` table, with defaults filled in.
    pub assessment: Settings,
    /// The indicators, in file order.
    pub indicators: Vec<Indicator>,
    /// Position of each indicator by id.
    index: IdIndex,
}

impl Plan {
    /// Parses and validates a plan. `file` names it in diagnostics.
    pub fn from_toml(file: &str, text: &str) -> Result<Plan> {
        load::parse(file, text)
    }

    /// [`Plan::from_toml`] with every table read by the `toml` crate, not
    /// the fast reader for plain tables: the two must give the same plan
    /// and the same problems (the tests and the `plan` fuzz target check).
    #[doc(hidden)]
    pub fn from_toml_full(file: &str, text: &str) -> Result<Plan> {
        load::parse_full(file, text)
    }

    /// The built-in Xiangyang High-tech Zone plan.
    ///
    /// ```
    /// let plan = plantrack::plan::Plan::embedded()?;
    /// assert_eq!(plan.meta.id, "xiangyang-hitech-14fyp");
    /// assert_eq!(plan.indicator("auto_traditional").and_then(|i| i.target), Some(1800.0));
    /// # Ok::<(), plantrack::Error>(())
    /// ```
    pub fn embedded() -> Result<Plan> {
        Plan::from_toml(EMBEDDED_NAME, EMBEDDED_TOML)
    }

    /// A plan of these parts; `indicators` must have unique ids (as
    /// [`Plan::from_toml`] ensures).
    pub fn new(meta: PlanMeta, assessment: Settings, indicators: Vec<Indicator>) -> Plan {
        let index = IdIndex::of(indicators.len(), |at| {
            indicators.get(at as usize).map(|i| i.id.as_str())
        });
        Plan {
            meta,
            assessment,
            indicators,
            index,
        }
    }

    /// [`Plan::new`] with the position of each id already known.
    pub(crate) fn indexed(
        meta: PlanMeta,
        assessment: Settings,
        indicators: Vec<Indicator>,
        index: IdIndex,
    ) -> Plan {
        Plan {
            meta,
            assessment,
            indicators,
            index,
        }
    }

    /// The position of the indicator with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        let indicators = &self.indicators;
        self.index
            .get(id, |at| indicators.get(at as usize).map(|i| i.id.as_str()))
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.position(id).and_then(|i| self.indicators.get(i))
    }

    /// The indicator with this id, or else with exactly this name.
    pub fn find(&self, id_or_name: &str) -> Option<&Indicator> {
        self.indicator(id_or_name)
            .or_else(|| self.indicators.iter().find(|i| i.name == id_or_name))
    }

    /// The years the plan covers: from the earliest baseline year to the
    /// latest target year of its indicators (at least the plan's own).
    pub fn period(&self) -> RangeInclusive<i32> {
        // One pass: a large plan's indicators are read from memory once.
        let (start, end) = self.indicators.iter().fold(
            (self.meta.base_year, self.meta.target_year),
            |(start, end), i| (start.min(i.baseline_year), end.max(i.target_year)),
        );
        start..=end
    }

    /// Things in a valid plan that are probably mistakes in a growth
    /// target: annual rates under a unit that is not `%`; a level baseline
    /// (1020 亿元) under the unit `%`; levels read where the unit `%` says
    /// rates. (A growth target given as levels, such as exports in 亿美元,
    /// keeps the levels' unit.)
    pub fn warnings(&self) -> Vec<Remark> {
        self.indicators
            .iter()
            .filter(|i| i.kind == Kind::Growth)
            .filter_map(growth_warning)
            .collect()
    }

    /// The indicators whose actuals are entered: all but those that take
    /// another indicator's figures (`of`).
    pub fn entered(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(|i| i.of().is_none())
    }

    /// Whether the plan is written in Chinese (its name has CJK characters).
    pub fn is_chinese(&self) -> bool {
        is_chinese_text(&self.meta.name)
    }
}

/// What is probably wrong with a growth target's unit, baseline and
/// actuals mode, if anything.
fn growth_warning(i: &Indicator) -> Option<Remark> {
    let percent = i.unit.trim() == "%";
    let message = match (i.actuals, percent, i.baseline) {
        (ActualsMode::Rate, false, _) => crate::tr!(
            "指标 `{}` 是以年增速（百分数）给出的增速目标，但单位是“{}”；请设 unit = \"%\"",
            "indicator `{}` is a growth target given as annual rates (percent) but its unit is \"{}\"; set unit = \"%\"",
            i.id,
            i.unit
        ),
        (ActualsMode::Rate, true, Some(b)) => crate::tr!(
            "指标 `{}` 是以%计的增速目标，却有 `baseline = {b}` 这个水平值：它的数据是年增速，基期值用不上，各种格式都会显示为{b}%；请把水平值移到 `baseline_quote`，并删去 `baseline`",
            "indicator `{}` is a growth target in % with `baseline = {b}`, a level: its figures are annual rates, so the baseline is not used and every format shows {b} %; move the level to `baseline_quote` and drop `baseline`",
            i.id
        ),
        (ActualsMode::Level, true, _) => crate::tr!(
            "指标 `{}` 是以%计的增速目标，其数据却按水平值读取（actuals = \"level\"）：如果数据是年增速，请设 actuals = \"rate\"；如果是水平值，请设水平值的单位（如亿元）",
            "indicator `{}` is a growth target in % whose figures are read as levels (actuals = \"level\"): if the figures are annual growth rates, set actuals = \"rate\"; if they are levels, set the levels' unit (亿元)",
            i.id
        ),
        _ => return None,
    };
    Some(Remark::warning(message))
}

/// Whether `text` has Chinese characters.
pub fn is_chinese_text(text: &str) -> bool {
    text.chars().any(is_cjk)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The `[plan]` table: what the plan is and the period it covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanMeta {
    /// Short identifier, e.g. `xiangyang-hitech-14fyp`.
    pub id: String,
    /// The plan's title in its own language.
    pub name: String,
    /// An English title.
    pub name_en: Option<String>,
    /// The year the baselines are stated for (usually the year before the plan).
    pub base_year: i32,
    /// The year the targets are for.
    pub target_year: i32,
    /// Where the plan's text is, e.g. `seeds/….txt`.
    pub source: Option<String>,
    /// The chapters' titles (`[chapters]`), as the plan gives them.
    pub chapters: Vec<Chapter>,
}

/// A chapter of the plan, which indicators name in `chapter`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chapter {
    /// How indicators name it: `第三章`, or `3`.
    pub key: String,
    /// Its title in the plan's language.
    pub title: String,
    /// Its title in English.
    pub title_en: Option<String>,
}

impl PlanMeta {
    /// The chapter an indicator's `chapter` (`第三章 第四节`) falls in, by
    /// its first word.
    pub fn chapter(&self, chapter: Option<&str>) -> Option<&Chapter> {
        let key = chapter?.split_whitespace().next()?;
        self.chapters.iter().find(|c| c.key == key)
    }
}

/// The number of a chapter named in Chinese numerals or digits:
/// `第三章` → 3, `第十二章` → 12, `第二十一章` → 21, `5` → 5; for
/// putting chapters in order.
pub fn chapter_number(key: &str) -> Option<u32> {
    let inner = key
        .trim_start_matches('第')
        .trim_end_matches(['章', '篇', '部', '节']);
    if let Ok(n) = inner.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    for c in inner.chars() {
        match (c, digit(c)) {
            ('十', _) => {
                total += pending.take().unwrap_or(1) * 10;
            }
            ('百', _) => {
                total += pending.take().unwrap_or(1) * 100;
            }
            (_, Some(d)) => pending = Some(u32::try_from(d).ok()?),
            _ => return None,
        }
    }
    let n = total + pending.unwrap_or(0);
    (n > 0).then_some(n)
}

/// The `[assessment]` table: how pace is turned into a status.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Settings {
    /// The pace measure that drives the status unless an indicator says otherwise.
    pub method: Method,
    /// Pace ratio at or above which an indicator is `ahead`.
    pub ahead: f64,
    /// Pace ratio at or above which an indicator is `on-track`.
    pub on_track: f64,
    /// Pace ratio at or above which an indicator is `lagging` (below: `off-track`).
    pub lagging: f64,
    /// How far short of an approximate (左右) target still counts as
    /// reaching it, as a fraction of the target: 0.05, so 6左右 is 5.7.
    pub about: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            method: Method::Linear,
            ahead: 1.2,
            on_track: 0.95,
            lagging: 0.6,
            about: 0.05,
        }
    }
}

/// One quantitative target (or yes/no goal) of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Unique id, `[a-z0-9_]+`.
    pub id: String,
    /// Name in the plan's language.
    pub name: String,
    /// Unit of the baseline, target and actuals (`亿元`, `%`, `家`, …).
    pub unit: String,
    /// What sort of target this is.
    pub kind: Kind,
    /// How the actual must compare with the target to meet it.
    pub comparator: Comparator,
    /// The target (lower end of a range); `None` only for milestones.
    pub target: Option<f64>,
    /// The value in `baseline_year`, where the plan states one.
    pub baseline: Option<f64>,
    /// The year of the baseline.
    pub baseline_year: i32,
    /// The year of the target.
    pub target_year: i32,
    /// How yearly actuals are given.
    pub actuals: ActualsMode,
    /// Overrides `[assessment].method` for this indicator.
    pub method: Option<Method>,
    /// 约束性 (true) or 预期性 (false), where the plan says.
    pub binding: Option<bool>,
    /// Whether the figure is a target, or only expected or planned.
    pub nature: Nature,
    /// Whether the condition must hold in every year of the period, not
    /// only by the target year.
    pub every_year: bool,
    /// 左右: an approximate target, judged with the plan's tolerance
    /// (`[assessment] about`) on the short side.
    pub about: bool,
    /// Relative and trend targets: how the years are judged.
    pub rule: Rule,
    /// What the plan says in words; see [`Indicator::text`].
    #[serde(flatten)]
    pub text: Option<Box<Text>>,
    /// How the indicator is matched and rolled up across the plans of a
    /// portfolio (`key`, `rollup`, `weight`); kept out of line, as most
    /// plans say none of it.
    #[serde(flatten)]
    pub shared: Option<Box<Shared>>,
    /// The English names, a range's upper end, a target as a factor, the
    /// series a relative target names and the previous period's total;
    /// see [`Indicator::extra`].
    #[serde(flatten)]
    pub extra: Option<Box<Extra>>,
}

/// `value` boxed, unless it holds nothing: how an indicator keeps what
/// most plans leave out ([`Text`], [`Extra`], [`Shared`]) out of line.
pub fn out_of_line<T: Default + PartialEq>(value: T) -> Option<Box<T>> {
    (value != T::default()).then(|| Box::new(value))
}

/// The fields of an indicator that most plans leave out, kept out of line
/// so that an indicator is about half the size where they are absent (a
/// large generated plan, a plan without English names).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extra {
    /// English name.
    pub name_en: Option<String>,
    /// A shorter English name, for the compact table on a narrow terminal
    /// (at most two lines at 80 columns).
    pub short_name_en: Option<String>,
    /// Upper end of a range such as `5-10家`.
    pub target_high: Option<f64>,
    /// 倍增 and the like: the target is this factor times the baseline
    /// (and `target` holds the product).
    pub target_factor: Option<f64>,
    /// Relative targets: the id of the series compared with.
    pub reference: Option<String>,
    /// Relative targets: the id whose actuals are the compared values, if
    /// not the indicator's own.
    pub of: Option<String>,
    /// For cumulative targets: the previous plan period's total, for context.
    pub previous: Option<f64>,
}

impl Extra {
    /// None of the fields.
    pub const NONE: Extra = Extra {
        name_en: None,
        short_name_en: None,
        target_high: None,
        target_factor: None,
        reference: None,
        of: None,
        previous: None,
    };
}

/// How an indicator is matched with other plans' and rolled up from them
/// in a portfolio.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Shared {
    /// A code common to the plans of a portfolio (统计指标代码), where
    /// their ids differ; matched by id otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// How a parent's figure is made from its members' figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollup: Option<Rollup>,
    /// For a mean: the id (or key) of the members' indicator that weighs
    /// each member's figure (population, GDP).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
}

/// What the plan says about an indicator in words, beyond its names: kept
/// out of line, since a large generated plan has none of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Text {
    /// Where in the plan the target is set.
    pub chapter: Option<String>,
    /// The plan's sentence that sets the target, verbatim.
    pub quote: Option<String>,
    /// The plan's sentence that gives the baseline, if another one.
    pub baseline_quote: Option<String>,
    /// How the wording was read, in the plan's language.
    pub note: Option<String>,
    /// The same in English.
    pub note_en: Option<String>,
    /// Where the baseline covers less (or other) than the target, what differs.
    pub baseline_scope: Option<String>,
    /// The same in English.
    pub baseline_scope_en: Option<String>,
}

impl Text {
    /// No text at all.
    pub const NONE: Text = Text {
        chapter: None,
        quote: None,
        baseline_quote: None,
        note: None,
        note_en: None,
        baseline_scope: None,
        baseline_scope_en: None,
    };
}

impl Indicator {
    /// What the plan says in words (all `None` where it says nothing).
    pub fn text(&self) -> &Text {
        self.text.as_deref().unwrap_or(&Text::NONE)
    }

    /// The fields most plans leave out (all `None` where this one does).
    pub fn extra(&self) -> &Extra {
        self.extra.as_deref().unwrap_or(&Extra::NONE)
    }

    /// English name.
    pub fn name_en(&self) -> Option<&str> {
        self.extra().name_en.as_deref()
    }

    /// A shorter English name, for the compact table on a narrow terminal.
    pub fn short_name_en(&self) -> Option<&str> {
        self.extra().short_name_en.as_deref()
    }

    /// Upper end of a range such as `5-10家`.
    pub fn target_high(&self) -> Option<f64> {
        self.extra().target_high
    }

    /// 倍增 and the like: the factor the target is of the baseline.
    pub fn target_factor(&self) -> Option<f64> {
        self.extra().target_factor
    }

    /// Relative targets: the id of the series compared with.
    pub fn reference(&self) -> Option<&str> {
        self.extra().reference.as_deref()
    }

    /// Relative targets: the id whose actuals are compared, if not the
    /// indicator's own.
    pub fn of(&self) -> Option<&str> {
        self.extra().of.as_deref()
    }

    /// For cumulative targets: the previous plan period's total.
    pub fn previous(&self) -> Option<f64> {
        self.extra().previous
    }

    /// The code that matches this indicator across a portfolio's plans:
    /// its `key`, else its id.
    pub fn key(&self) -> &str {
        self.shared
            .as_deref()
            .and_then(|s| s.key.as_deref())
            .unwrap_or(&self.id)
    }

    /// How a parent's figure is rolled up from its members', if the plan
    /// says.
    pub fn rollup(&self) -> Option<Rollup> {
        self.shared.as_deref().and_then(|s| s.rollup)
    }

    /// The indicator that weighs a mean roll-up, if any.
    pub fn weight(&self) -> Option<&str> {
        self.shared.as_deref().and_then(|s| s.weight.as_deref())
    }

    /// The method that drives this indicator's status before any fallback:
    /// growth targets always use `cagr`.
    pub fn method_in(&self, settings: &Settings) -> Method {
        if self.kind == Kind::Growth {
            Method::Cagr
        } else {
            self.method.unwrap_or(settings.method)
        }
    }
}

/// Defines a closed set of words read from the plan or the command line.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word used in plan files and reports.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            /// The value for a word, if it is one.
            pub fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The allowed words, for messages.
            pub fn words() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.as_str())).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

word_enum! {
    /// What sort of target an indicator is.
    Kind {
        /// A value in the target year: output, a count of firms, a concentration.
        Level = "level",
        /// A percentage or rate; gaps are percentage points.
        Share = "share",
        /// An average annual growth rate over the period, in percent.
        Growth = "growth",
        /// A total over the plan period: new jobs, km of road built.
        Cumulative = "cumulative",
        /// A position in a ranking; smaller is better.
        Rank = "rank",
        /// Achieved or not.
        Milestone = "milestone",
        /// Compared with another series (高于全市平均, 居民收入增长高于经济增长).
        Relative = "relative",
        /// A direction: better each year, or than the baseline (不断提升, 持续减少).
        Trend = "trend",
        /// A series other targets are compared with (全市平均); no target of its own.
        Reference = "reference",
    }
}

impl Kind {
    /// Whether the kind is judged against a fixed target figure.
    pub fn has_target(self) -> bool {
        !matches!(
            self,
            Kind::Milestone | Kind::Relative | Kind::Trend | Kind::Reference
        )
    }
}

word_enum! {
    /// How a parent plan's figure is made from its members' figures in a
    /// portfolio (see docs/methodology.md, Roll-up).
    Rollup {
        /// The total: levels and flows (GDP, investment, firms).
        Sum = "sum",
        /// The mean, or with `weight` the weighted mean: shares and rates.
        Mean = "mean",
        /// The lowest: ranks, thresholds every member must pass.
        Min = "min",
        /// The highest.
        Max = "max",
        /// Yes only if every member says yes: yes/no goals.
        All = "all",
    }
}

word_enum! {
    /// How a relative or trend target, or an every-year condition, is judged
    /// across the years.
    Rule {
        /// Each year on its own (the default).
        EveryYear = "every-year",
        /// Relative targets: the average over the years so far.
        Average = "average",
        /// Trend targets: the latest year against the baseline.
        Overall = "overall",
    }
}

word_enum! {
    /// What the plan commits to: a target (力争, 确保, 达到), or a figure it
    /// only expects (预计) or plans (规划).
    Nature {
        /// A commitment.
        Target = "target",
        /// An expected figure (预计).
        Expected = "expected",
        /// A planned count (规划).
        Planned = "planned",
    }
}

// `word_enum!` fixes the derives, so the default is written out.
#[allow(clippy::derivable_impls)]
impl Default for Nature {
    fn default() -> Self {
        Nature::Target
    }
}

#[allow(clippy::derivable_impls)]
impl Default for Rule {
    fn default() -> Self {
        Rule::EveryYear
    }
}

word_enum! {
    /// How the current value must compare with the target.
    Comparator {
        /// At least (达到, 以上).
        Ge = ">=",
        /// More than (突破, 超过, 高于, 大于).
        Gt = ">",
        /// At most (控制在…以下, 下降到, 不超过).
        Le = "<=",
        /// Less than (低于).
        Lt = "<",
    }
}

impl Comparator {
    /// The comparator for a word as people type it: `>=`, or the signs
    /// Chinese input methods give, `≥`, `≤`, `＞`, `＜` (and full-width
    /// `＞＝`, `＜＝`).
    pub fn from_typed(word: &str) -> Option<Self> {
        Comparator::from_word(word).or(match word {
            "≥" | "＞＝" | "≧" => Some(Comparator::Ge),
            "≤" | "＜＝" | "≦" => Some(Comparator::Le),
            "＞" => Some(Comparator::Gt),
            "＜" => Some(Comparator::Lt),
            _ => None,
        })
    }

    /// +1 where higher is better, −1 where lower is better.
    pub fn direction(self) -> f64 {
        match self {
            Comparator::Ge | Comparator::Gt => 1.0,
            Comparator::Le | Comparator::Lt => -1.0,
        }
    }

    /// Whether `value` satisfies the comparator against `target`.
    ///
    /// Values within floating-point rounding of each other (see
    /// [`approx_eq`]) count as equal, so that five years at exactly 7.5%
    /// meet a 7.5% target although the computed average is 7.4999999999.
    pub fn holds(self, value: f64, target: f64) -> bool {
        let equal = approx_eq(value, target);
        match self {
            Comparator::Ge => value >= target || equal,
            Comparator::Gt => value > target && !equal,
            Comparator::Le => value <= target || equal,
            Comparator::Lt => value < target && !equal,
        }
    }
}

word_enum! {
    /// How an indicator's yearly actuals are given.
    ActualsMode {
        /// The value in that year.
        Level = "level",
        /// The annual change in percent, chained from the baseline.
        Rate = "rate",
        /// Cumulative targets: that year's amount.
        Flow = "flow",
        /// Cumulative targets: the running total since the base year.
        Total = "total",
        /// Cumulative reduction targets (降低〔13.5〕): that year's
        /// reduction in percent, compounded into the period's.
        Cut = "cut",
    }
}

impl ActualsMode {
    /// Whether an indicator of `kind` can take actuals given this way.
    pub fn fits(self, kind: Kind) -> bool {
        match self {
            ActualsMode::Level => kind != Kind::Cumulative,
            ActualsMode::Rate => matches!(
                kind,
                Kind::Level
                    | Kind::Share
                    | Kind::Rank
                    | Kind::Growth
                    | Kind::Relative
                    | Kind::Reference
            ),
            ActualsMode::Flow | ActualsMode::Total | ActualsMode::Cut => kind == Kind::Cumulative,
        }
    }

    /// The default for `kind`: `flow` for cumulative targets, else `level`.
    pub fn default_for(kind: Kind) -> Self {
        if kind == Kind::Cumulative {
            ActualsMode::Flow
        } else {
            ActualsMode::Level
        }
    }
}

word_enum! {
    /// Which pace measure drives the status.
    Method {
        /// Share of the distance covered against share of time elapsed (时间过半、任务过半).
        Linear = "linear",
        /// Actual CAGR against required CAGR (Eurostat SDG assessment).
        Cagr = "cagr",
    }
}

/// Equal up to floating-point rounding: within 1e-9 of each other,
/// relative to the larger magnitude (absolute below 1).
pub fn approx_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}
