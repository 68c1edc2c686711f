//! Likely mistakes in actuals that read correctly: years outside the plan,
//! gaps in a series that must be unbroken, a missing baseline, and figures
//! that are probably typing mistakes. Each is a warning (exit code 0) at the
//! file and line of the figure concerned; a doubtful figure is also a
//! [`Flag`] that reports carry on the rows that use it.

use serde::Serialize;

use super::Origin;
use super::{Actuals, Dated, Entry};
use crate::diag::{Location, Remark};
use crate::msg::Text;
use crate::plan::{ActualsMode, Indicator, Kind, Plan, approx_eq};

/// Why a figure is doubtful, as a stable code (`fraction`, …) that reports
/// carry and render in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Doubt {
    /// A rate or percentage typed as a fraction (0.075 for 7.5%).
    Fraction,
    /// An amount 10× or more away from the rest of its series, or from
    /// its baseline and target: a decimal point or unit slip.
    Magnitude,
    /// Growth rates given where the plan reads levels.
    RateAsLevel,
    /// A level given where the plan reads growth rates.
    LevelAsRate,
    /// Outside what the kind allows (a share above 100%).
    OutOfRange,
}

impl Doubt {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Doubt::Fraction => "fraction",
            Doubt::Magnitude => "magnitude",
            Doubt::RateAsLevel => "rate-as-level",
            Doubt::LevelAsRate => "level-as-rate",
            Doubt::OutOfRange => "out-of-range",
        }
    }
}

/// A doubtful figure: its year, the figure and why.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Flag {
    /// The year of the figure.
    pub year: i32,
    /// The figure as read.
    pub value: f64,
    /// Why it is doubtful.
    pub doubt: Doubt,
}

/// What checking the actuals found: warnings in file and line order, and
/// the doubtful figures of each indicator (by its position in the plan).
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Warnings, each at the place of the figure concerned.
    pub warnings: Vec<Remark>,
    /// The doubtful figures of the indicators that have any, by the
    /// indicator's position, in position order and each in year order.
    pub flags: Vec<(usize, Vec<Flag>)>,
}

/// The bounds beyond which a figure is probably a typing mistake rather
/// than a fact. They are deliberately wide: a warning that fires on real
/// data teaches people to ignore warnings.
#[derive(Debug, Clone, Copy)]
pub struct Plausible;

impl Plausible {
    /// Annual growth rates below this (percent) are suspect: a zone's
    /// output does not halve in a year, but a sign typed twice does.
    pub const GROWTH_MIN: f64 = -50.0;
    /// Annual growth rates above this (percent) are suspect: a level typed
    /// where its growth rate belongs (1192.24 for 6.1) lands far above.
    pub const GROWTH_MAX: f64 = 100.0;
    /// Shares are percentages, 0 to this.
    pub const SHARE_MAX: f64 = 100.0;
    /// A share below this while the baseline and target are above it is a
    /// fraction typed for a percentage (0.165 for 16.5%).
    pub const SHARE_FRACTION: f64 = 1.0;
    /// A level more than this factor above or below both its baseline and
    /// its target is suspect: a misplaced decimal point is 10×, a unit
    /// slip (万元 for 亿元) 10,000×. The same factor against the
    /// neighbouring years of the same series: real series of a zone's
    /// output, investment or counts move by tens of percent a year, not
    /// tenfold.
    pub const LEVEL_FACTOR: f64 = 10.0;
    /// A rate below 1 in absolute value is a fraction typed for a
    /// percentage when the rest of its series (or its target) is at least
    /// this many times larger and 100× it would sit among them: 0.075
    /// beside 6.1 and 4.8 is 7.5%, while a real 0.8% growth beside 6% is
    /// only 7.5× smaller and is left alone.
    pub const FRACTION_FACTOR: f64 = 10.0;
}

/// Checks `actuals` against `plan`: the warnings and the doubtful figures.
/// A large plan is checked on every core, a part of its indicators each.
pub fn check(plan: &Plan, actuals: &Actuals) -> Checked {
    let parts = crate::parts::in_parts(plan.indicators.len(), PART, |range| {
        let (found, flags) = check_part(plan, actuals, range);
        // Placed and worded here, on every core: a large table can have a
        // hundred thousand warnings.
        let placed: Vec<(Location, Remark)> = found
            .into_iter()
            .map(|(origin, message)| {
                let at = actuals.location(origin);
                let remark = Remark::warning_at(&at, &message);
                (at, remark)
            })
            .collect();
        (placed, flags)
    });
    let mut placed: Vec<(Location, Remark)> = Vec::new();
    let mut flags: Flags = Vec::new();
    for (part_placed, part_flags) in parts {
        placed.extend(part_placed);
        flags.extend(part_flags);
    }
    placed.sort_by(|a, b| a.0.cmp(&b.0));
    let warnings = placed.into_iter().map(|(_, remark)| remark).collect();
    Checked { warnings, flags }
}

/// The doubtful figures of indicators, by the indicator's position.
type Flags = Vec<(usize, Vec<Flag>)>;

/// From this many indicators a part, checking runs on every core.
const PART: usize = 8192;

/// What the indicators at positions `range` of `plan` found: the warnings
/// at their origins, and the doubtful figures by position.
fn check_part(
    plan: &Plan,
    actuals: &Actuals,
    range: std::ops::Range<usize>,
) -> (Vec<(Origin, Text)>, Flags) {
    let mut found: Vec<(Origin, Text)> = Vec::new();
    let mut flags: Flags = Vec::new();
    // One list for every indicator's years in the period, refilled.
    let mut in_period: Vec<(i32, &Entry)> = Vec::new();
    let mut scratch = Scratch::default();
    let indicators = plan.indicators.get(range.clone()).unwrap_or_default();
    for (index, ind) in range.zip(indicators) {
        let years = actuals.entries(index);
        if years.is_empty() {
            continue;
        }
        let period = ind.baseline_year..=ind.target_year;
        for Dated { year, entry } in years {
            if !period.contains(year) {
                found.push((
                    entry.origin,
                    crate::tr!(
                        "`{}` 的{year}年数据不在规划期{}—{}年内，已忽略",
                        "`{}` {year} is outside the plan period {}–{}; it is ignored",
                        ind.id,
                        ind.baseline_year,
                        ind.target_year
                    ),
                ));
            }
        }
        in_period.clear();
        in_period.extend(
            years
                .iter()
                .filter(|d| period.contains(&d.year))
                .map(|d| (d.year, &d.entry)),
        );
        for (flag, origin, message) in doubts(ind, &in_period, &mut scratch) {
            if message != Text::default() {
                found.push((origin, message));
            }
            match flags.last_mut() {
                Some((at, list)) if *at == index => list.push(flag),
                _ => flags.push((index, vec![flag])),
            }
        }
        found.extend(series_gap(ind, &in_period));
        found.extend(baseline_differs(ind, &in_period));
        found.extend(no_baseline(ind, &in_period));
    }
    (found, flags)
}

/// Annual rates must run unbroken from the year after the baseline; yearly
/// amounts of a period total must not miss a year.
fn series_gap(ind: &Indicator, years: &[(i32, &Entry)]) -> Option<(Origin, Text)> {
    let chained = matches!(
        ind.actuals,
        ActualsMode::Rate | ActualsMode::Flow | ActualsMode::Cut
    );
    if !chained {
        return None;
    }
    let first = ind.baseline_year + 1;
    let after = years.iter().filter(|(y, _)| *y >= first);
    let (expected, (year, entry)) = (first..)
        .zip(after)
        .find(|(expected, (year, _))| expected != year)
        .map(|(e, (y, entry))| (e, (*y, *entry)))?;
    let missing = if year - 1 > expected {
        format!("{expected}–{}", year - 1)
    } else {
        expected.to_string()
    };
    let message = if ind.actuals == ActualsMode::Rate {
        crate::tr!(
            "`{}` 的年增速有缺口：缺{missing}年，因此{year}年起的增速无法连乘",
            "`{}` has annual rates with a gap: none for {missing}, so rates from {year} on are not chained",
            ind.id
        )
    } else {
        crate::tr!(
            "`{}` 是期内累计值，缺{missing}年的数值：缺的年份不等于零，补齐{missing}年之前不评估累计值",
            "`{}` is a period total with no amount for {missing}: a missing year is not zero, so the total is not assessed until {missing} is given",
            ind.id
        )
    };
    Some((entry.origin, message))
}

/// A baseline-year actual that differs from the plan's baseline.
fn baseline_differs(ind: &Indicator, years: &[(i32, &Entry)]) -> Option<(Origin, Text)> {
    if ind.actuals == ActualsMode::Rate {
        return None;
    }
    let baseline = ind.baseline?;
    let (_, entry) = years.iter().find(|(y, _)| *y == ind.baseline_year)?;
    let value = entry.value().number()?;
    (!approx_eq(value, baseline)).then(|| {
        (
            entry.origin,
            crate::tr!(
                "`{}` 的{}年数据为{value}，而规划的基期值为{baseline}；以规划的基期值为准",
                "`{}` {} is {value} here but the plan's baseline is {baseline}; the plan's baseline is used",
                ind.id,
                ind.baseline_year
            ),
        )
    })
}

/// An indicator with figures but no baseline, in the plan or the data, to
/// measure its pace from.
fn no_baseline(ind: &Indicator, years: &[(i32, &Entry)]) -> Option<(Origin, Text)> {
    let needs = match ind.kind {
        Kind::Level | Kind::Share | Kind::Rank | Kind::Trend => true,
        Kind::Growth => ind.actuals != ActualsMode::Rate,
        Kind::Cumulative | Kind::Milestone | Kind::Relative | Kind::Reference => false,
    };
    if !needs || ind.every_year || ind.baseline.is_some() {
        return None;
    }
    let t0 = ind.baseline_year;
    let (_, entry) = years.iter().find(|(y, _)| *y > t0)?;
    let given = years
        .iter()
        .any(|(y, e)| *y == t0 && e.value().number().is_some());
    // A level that already meets its target is met, baseline or not.
    let latest = years.last().and_then(|(_, e)| e.value().number());
    let met = ind.kind != Kind::Growth
        && ind.actuals == ActualsMode::Level
        && latest
            .zip(ind.target)
            .is_some_and(|(v, t)| ind.comparator.holds(v, t));
    if met {
        return None;
    }
    let message = match ind.actuals {
        ActualsMode::Rate => crate::tr!(
            "`{}` 无法评估：规划没有给出{t0}年的基期值，而年增速需要从基期值连乘；请在规划中加上 `baseline`",
            "`{}` cannot be assessed: the plan states no baseline for {t0}, and annual rates need one to chain from; add `baseline` to the plan",
            ind.id
        ),
        _ if given => return None,
        _ => crate::tr!(
            "`{}` 无法评估：规划没有给出基期值，实际值中也没有{t0}年的数值；请补上{t0}年的数值",
            "`{}` cannot be assessed: the plan states no baseline and the actuals give no figure for {t0}; add its {t0} figure",
            ind.id
        ),
    };
    Some((entry.origin, message))
}

/// Lists [`doubts`] refills for each series, made once for many: a
/// series' figures; for each figure, the other years' and those of the
/// years just before and after.
#[derive(Default)]
struct Scratch {
    numbers: Vec<(i32, f64, Origin)>,
    others: Vec<f64>,
    neighbours: Vec<f64>,
}

/// The figures of a series that are probably typing mistakes, each with
/// its flag, where it was read and why, in year order.
fn doubts(
    ind: &Indicator,
    years: &[(i32, &Entry)],
    scratch: &mut Scratch,
) -> Vec<(Flag, Origin, Text)> {
    if matches!(ind.kind, Kind::Milestone | Kind::Rank) {
        return Vec::new();
    }
    let Scratch {
        numbers,
        others,
        neighbours,
    } = scratch;
    numbers.clear();
    numbers.extend(
        years
            .iter()
            .filter_map(|(y, e)| e.value().number().map(|v| (*y, v, e.origin))),
    );
    if let Some(whole) = rates_as_levels(ind, numbers) {
        return whole;
    }
    let mut found = Vec::new();
    for (i, &(year, value, origin)) in numbers.iter().enumerate() {
        others.clear();
        others.extend(
            numbers
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, (_, v, _))| *v),
        );
        neighbours.clear();
        neighbours.extend(
            [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| numbers.get(j).map(|(_, v, _)| *v)),
        );
        let why = if is_rate(ind) {
            doubtful_rate(ind, value, others)
        } else {
            doubtful_amount(ind, value, others, neighbours)
        };
        if let Some((doubt, message)) = why {
            let value_text = shown_number(value);
            let message = crate::tr!(
                "`{}` 的{year}年数值为{value_text}",
                "`{}` {year} is {value_text}",
                ind.id
            )
            .then(&message);
            found.push((Flag { year, value, doubt }, origin, message));
        }
    }
    found
}

/// Whether an indicator's figures are rates or percentages: annual growth
/// rates, shares, or anything in `%`.
fn is_rate(ind: &Indicator) -> bool {
    matches!(ind.actuals, ActualsMode::Rate | ActualsMode::Cut)
        || (ind.kind != Kind::Growth && (ind.kind == Kind::Share || ind.unit == "%"))
}

/// The typical size of `values`: the median of their absolute values
/// (of two, their mean).
fn typical(values: &[f64]) -> Option<f64> {
    // Sorted on the stack for any series of a plan's length.
    let sizes = || values.iter().map(|v| v.abs()).filter(|v| *v > 0.0);
    let (mut stack, mut heap) = ([0.0; 16], Vec::new());
    let n = sizes().count();
    let sorted: &mut [f64] = match stack.get_mut(..n) {
        Some(room) => room,
        None => {
            heap.resize(n, 0.0);
            &mut heap
        }
    };
    for (slot, size) in sorted.iter_mut().zip(sizes()) {
        *slot = size;
    }
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    match (sorted.len() % 2, sorted.get(middle), middle.checked_sub(1)) {
        (0, Some(high), Some(low)) => sorted.get(low).map(|low| (low + high) / 2.0),
        (_, high, _) => high.copied(),
    }
}

/// Why a rate or percentage is doubtful: out of the kind's range, a level
/// typed for a rate, or a fraction typed for a percentage.
fn doubtful_rate(ind: &Indicator, value: f64, others: &[f64]) -> Option<(Doubt, Text)> {
    let growth = ind.actuals == ActualsMode::Rate;
    if growth && !(Plausible::GROWTH_MIN..=Plausible::GROWTH_MAX).contains(&value) {
        return Some((
            Doubt::LevelAsRate,
            crate::tr!(
                "%（年增速），超出{}%…+{}%：疑为把水平值填进了增速栏？请填写增速；如果这些数字本来就是水平值，请在规划中设置 `actuals = \"level\"`",
                "% a year, outside {}%…+{}%: a level typed where a growth rate belongs? Give the rate, or set `actuals = \"level\"` in the plan if the figures are levels",
                Plausible::GROWTH_MIN,
                Plausible::GROWTH_MAX
            ),
        ));
    }
    if ind.kind == Kind::Share && !(0.0..=Plausible::SHARE_MAX).contains(&value) {
        return Some((
            Doubt::OutOfRange,
            crate::tr!(
                "，超出0…{}：比重是百分数",
                ", outside 0…{}: a share is a percentage",
                Plausible::SHARE_MAX
            ),
        ));
    }
    let plan = || -> Vec<f64> {
        [ind.baseline.filter(|_| !growth), ind.target]
            .into_iter()
            .flatten()
            .collect()
    };
    // The other years' figures, else the plan's; said only of a figure
    // found doubtful.
    let from_years = typical(others);
    let reference = match from_years {
        Some(r) => r,
        None => typical(&plan())?,
    };
    let size = value.abs();
    let fraction = size > 0.0
        && size < 1.0
        && reference >= size * Plausible::FRACTION_FACTOR
        && (reference / Plausible::LEVEL_FACTOR..=reference * Plausible::LEVEL_FACTOR)
            .contains(&(size * 100.0));
    fraction.then(|| {
        let beside = match from_years {
            Some(r) => {
                let r_text = shown_number(r);
                crate::tr!("其他年份（{r_text}）", "the other years ({r_text})")
            }
            None => plan_figures(&plan()),
        };
        let percent = shown_number(value * 100.0);
        (
            Doubt::Fraction,
            crate::tr!("，与", " beside ")
                .then(&beside)
                .then(&crate::tr!(
                    "相比，像是把{percent}%填成了小数；请填{percent}",
                    ": it looks like {percent}% typed as a fraction; enter {percent}"
                )),
        )
    })
}

/// The plan's figures a rate is set beside when its series has no other:
/// its baseline and target, or its target.
fn plan_figures(plan: &[f64]) -> Text {
    let shown = plan
        .iter()
        .map(|v| shown_number(*v))
        .collect::<Vec<_>>()
        .join(", ");
    if plan.len() == 2 {
        crate::tr!(
            "基期值和目标值（{shown}）",
            "its baseline and target ({shown})"
        )
    } else {
        crate::tr!("目标值（{shown}）", "its target ({shown})")
    }
}

/// Why an amount (a level, a year's flow, a running total, a trend's
/// figure) is doubtful: 10× or more away from the rest of its series (the
/// median of the other years, so that one slip does not make its
/// neighbours look wrong; running totals must also be that far from the
/// nearest year, as they grow), or from both its baseline and its target
/// (a whole series in the wrong unit agrees with itself).
fn doubtful_amount(
    ind: &Indicator,
    value: f64,
    others: &[f64],
    neighbours: &[f64],
) -> Option<(Doubt, Text)> {
    let off = |r: f64| r > 0.0 && value > 0.0 && factor(value, r) >= Plausible::LEVEL_FACTOR;
    if let Some(reference) = typical(others) {
        let growing = ind.actuals == ActualsMode::Total;
        let far = off(reference) && (!growing || neighbours.iter().all(|r| off(*r)));
        if far {
            let times = factor(value, reference);
            let (zh, en) = if value > reference {
                ("高出", "above")
            } else {
                ("低于", "below")
            };
            let (unit, times_text) = (unit_of(ind), power_of_ten(times));
            let (typically, hint) = (
                shown_number(reference),
                slip_hint(ind, value > reference, times),
            );
            return Some((
                Doubt::Magnitude,
                crate::tr!(
                    "{unit}，{zh}该序列其他年份（通常为{typically}）{times_text}倍：",
                    "{unit}, {times_text}× {en} the other years of the series (typically {typically}): "
                )
                .then(&hint),
            ));
        }
    }
    // A whole series in the wrong unit agrees with itself: against the plan.
    plan_far(ind, value)
}

/// Why an amount is doubtful against the plan: 10× or more away from both
/// its baseline and its target (a period total's yearly amount, from what
/// the target implies for one year).
fn plan_far(ind: &Indicator, value: f64) -> Option<(Doubt, Text)> {
    let off = |r: f64| r > 0.0 && value > 0.0 && factor(value, r) >= Plausible::LEVEL_FACTOR;
    let mut references = vec![ind.baseline];
    if ind.kind == Kind::Level {
        references.push(ind.target);
    }
    if ind.kind == Kind::Cumulative && ind.actuals == ActualsMode::Flow {
        // One year's amount 10× the whole period's total: yearly amounts
        // are lumpy (one award in one year of a five-year total of 1), so
        // they are held only against the total itself, and only above it.
        return ind
            .target
            .filter(|t| *t > 0.0 && value >= t * Plausible::LEVEL_FACTOR)
            .map(|_| {
                let unit = unit_of(ind);
                let hint = slip_hint(ind, true, value / ind.target.unwrap_or(1.0));
                (
                    Doubt::Magnitude,
                    crate::tr!(
                        "{unit}，达到整个规划期目标的10倍或以上：",
                        "{unit}, 10× or more the whole period's target: "
                    )
                    .then(&hint),
                )
            });
    }
    let references: Vec<f64> = references
        .into_iter()
        .flatten()
        .filter(|r| *r > 0.0)
        .collect();
    let all_off = !references.is_empty() && references.iter().all(|r| off(*r));
    all_off.then(|| {
        let (zh, en) = match references.len() {
            2 => ("基期值和目标值", "both its baseline and its target"),
            _ => ("基期值", "its baseline"),
        };
        let unit = unit_of(ind);
        (
            Doubt::Magnitude,
            crate::tr!(
                "{unit}，与{zh}相差{}倍以上：疑为单位或小数点录错？",
                "{unit}, more than {}× above or below {en}: a unit or decimal point slip?",
                Plausible::LEVEL_FACTOR
            ),
        )
    })
}

/// ` 亿元` after a figure, or nothing for a unitless one.
fn unit_of(ind: &Indicator) -> String {
    if ind.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", ind.unit)
    }
}

/// The likely slip behind a figure `times` too large (`above`) or small:
/// 10× or 100× a decimal point; 10,000× the step between 万 and 亿.
fn slip_hint(ind: &Indicator, above: bool, times: f64) -> Text {
    let ten_thousand = (5_000.0..50_000.0).contains(&times);
    match (
        ten_thousand,
        ind.unit.strip_prefix('亿'),
        ind.unit.strip_prefix('万'),
    ) {
        (true, Some(rest), _) if above => crate::tr!(
            "疑为把以万{rest}计的数填进了亿{rest}栏？",
            "万{rest} typed into a 亿{rest} column?"
        ),
        (true, _, Some(rest)) if !above => crate::tr!(
            "疑为把以亿{rest}计的数填进了万{rest}栏？",
            "亿{rest} typed into a 万{rest} column?"
        ),
        _ if times < 500.0 => crate::tr!("疑为小数点错位？", "a misplaced decimal point?"),
        _ => crate::tr!("疑为单位或小数点录错？", "a unit or decimal point slip?"),
    }
}

/// A growth target read as levels (the default where the plan states a
/// level baseline) whose every figure is a plausible growth rate far below
/// that baseline: rates given where levels are read. Every figure is
/// flagged, with one warning naming the fix.
fn rates_as_levels(
    ind: &Indicator,
    numbers: &[(i32, f64, Origin)],
) -> Option<Vec<(Flag, Origin, Text)>> {
    let baseline = ind.baseline.filter(|b| *b > 0.0)?;
    let looks_like_rates = ind.kind == Kind::Growth
        && ind.actuals == ActualsMode::Level
        && !numbers.is_empty()
        && numbers.iter().all(|(_, v, _)| {
            (Plausible::GROWTH_MIN..=Plausible::GROWTH_MAX).contains(v)
                && factor(*v, baseline) >= Plausible::LEVEL_FACTOR
        });
    if !looks_like_rates {
        return None;
    }
    let figures = numbers
        .iter()
        .map(|(_, v, _)| shown_number(*v))
        .collect::<Vec<_>>()
        .join(", ");
    let baseline = shown_number(baseline);
    let message = crate::tr!(
        "`{}` 的数值（{figures}）看起来是增速，但规划把它的数值当作水平值、从基期值{baseline}起算：请在规划中设置 `actuals = \"rate\"`，或者填写水平值",
        "`{}` has figures ({figures}) that look like growth rates, but the plan reads its figures as levels from the baseline {baseline}: set `actuals = \"rate\"` in the plan, or give levels",
        ind.id
    );
    // One warning, at the first figure; every figure flagged.
    let found = numbers
        .iter()
        .enumerate()
        .map(|(i, &(year, value, at))| {
            let flag = Flag {
                year,
                value,
                doubt: Doubt::RateAsLevel,
            };
            let text = if i == 0 {
                message.clone()
            } else {
                Text::default()
            };
            (flag, at, text)
        })
        .collect();
    Some(found)
}

/// How many times larger the larger of `a` and `b` is (both positive).
fn factor(a: f64, b: f64) -> f64 {
    let (a, b) = (a.abs(), b.abs());
    a.max(b) / a.min(b).max(f64::MIN_POSITIVE)
}

/// `times` rounded down to a power of ten, with separators: `1,000`.
fn power_of_ten(times: f64) -> String {
    let exponent = times.log10().round().clamp(1.0, 15.0) as u32;
    let mut digits = format!("1{}", "0".repeat(exponent as usize));
    let mut at = digits.len();
    while at > 3 {
        at -= 3;
        digits.insert(at, ',');
    }
    digits
}

/// A figure as a person typed it: `0.075`, `48000`, `1360`.
fn shown_number(value: f64) -> String {
    let rounded = (value * 1e9).round() / 1e9;
    format!("{rounded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typical_size_is_the_median_of_the_nonzero_sizes() {
        assert_eq!(typical(&[]), None);
        assert_eq!(typical(&[0.0, -0.0]), None);
        assert_eq!(typical(&[5.0]), Some(5.0));
        assert_eq!(typical(&[-8.0, 0.0, 2.0]), Some(5.0));
        assert_eq!(typical(&[3.0, -1.0, 2.0]), Some(2.0));
        // Longer than the stack holds: 1..=20 and a zero.
        let long: Vec<f64> = (0..=20).map(f64::from).collect();
        assert_eq!(typical(&long), Some(10.5));
        let odd: Vec<f64> = (1..=21).rev().map(|v| -f64::from(v)).collect();
        assert_eq!(typical(&odd), Some(11.0));
    }
}
