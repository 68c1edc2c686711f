//! Likely mistakes in actuals that read correctly: years outside the plan,
//! gaps in a series that must be unbroken, a missing baseline, and figures
//! that are probably typing mistakes. Each is a warning (exit code 0) at the
//! file and line of the figure concerned.

use super::Origin;
use super::{Actuals, Dated, Entry};
use crate::diag::{Location, Remark};
use crate::plan::{ActualsMode, Indicator, Kind, Plan, approx_eq};

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
    /// slip (万元 for 亿元) 10,000×.
    pub const LEVEL_FACTOR: f64 = 10.0;
}

/// Warnings about `actuals` against `plan`, in file and line order.
pub fn warnings(plan: &Plan, actuals: &Actuals) -> Vec<Remark> {
    let mut found: Vec<(Origin, String)> = Vec::new();
    for (index, ind) in plan.indicators.iter().enumerate() {
        let years = actuals.entries(index);
        if years.is_empty() {
            continue;
        }
        let period = ind.baseline_year..=ind.target_year;
        for Dated { year, entry } in years {
            if !period.contains(year) {
                found.push((
                    entry.origin,
                    format!(
                        "`{}` {year} is outside the plan period {}–{}; it is ignored",
                        ind.id, ind.baseline_year, ind.target_year
                    ),
                ));
            } else if let Some(why) = implausible(ind, *year, entry) {
                found.push((entry.origin, why));
            }
        }
        let in_period: Vec<(i32, &Entry)> = years
            .iter()
            .filter(|d| period.contains(&d.year))
            .map(|d| (d.year, &d.entry))
            .collect();
        found.extend(series_gap(ind, &in_period));
        found.extend(baseline_differs(ind, &in_period));
        found.extend(no_baseline(ind, &in_period));
    }
    let mut placed: Vec<(Location, String)> = found
        .into_iter()
        .map(|(origin, message)| (actuals.location(origin), message))
        .collect();
    placed.sort_by(|a, b| a.0.cmp(&b.0));
    placed
        .into_iter()
        .map(|(at, message)| Remark::warning_at(&at, message))
        .collect()
}

/// Annual rates must run unbroken from the year after the baseline; yearly
/// amounts of a period total must not miss a year.
fn series_gap(ind: &Indicator, years: &[(i32, &Entry)]) -> Option<(Origin, String)> {
    let chained = matches!(ind.actuals, ActualsMode::Rate | ActualsMode::Flow);
    if !chained {
        return None;
    }
    let first = ind.baseline_year + 1;
    let after: Vec<&(i32, &Entry)> = years.iter().filter(|(y, _)| *y >= first).collect();
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
        format!(
            "`{}` has annual rates with a gap: none for {missing}, so rates from {year} on are not chained",
            ind.id
        )
    } else {
        format!(
            "`{}` is a period total with no amount for {missing}: a missing year is not zero, so the total is not assessed until {missing} is given",
            ind.id
        )
    };
    Some((entry.origin, message))
}

/// A baseline-year actual that differs from the plan's baseline.
fn baseline_differs(ind: &Indicator, years: &[(i32, &Entry)]) -> Option<(Origin, String)> {
    if ind.actuals == ActualsMode::Rate {
        return None;
    }
    let baseline = ind.baseline?;
    let (_, entry) = years.iter().find(|(y, _)| *y == ind.baseline_year)?;
    let value = entry.value.number()?;
    (!approx_eq(value, baseline)).then(|| {
        (
            entry.origin,
            format!(
                "`{}` {} is {value} here but the plan's baseline is {baseline}; the plan's baseline is used",
                ind.id, ind.baseline_year
            ),
        )
    })
}

/// An indicator with figures but no baseline, in the plan or the data, to
/// measure its pace from.
fn no_baseline(ind: &Indicator, years: &[(i32, &Entry)]) -> Option<(Origin, String)> {
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
        .any(|(y, e)| *y == t0 && e.value.number().is_some());
    // A level that already meets its target is met, baseline or not.
    let latest = years.last().and_then(|(_, e)| e.value.number());
    let met = ind.kind != Kind::Growth
        && ind.actuals == ActualsMode::Level
        && latest
            .zip(ind.target)
            .is_some_and(|(v, t)| ind.comparator.holds(v, t));
    if met {
        return None;
    }
    let message = match ind.actuals {
        ActualsMode::Rate => format!(
            "`{}` cannot be assessed: the plan states no baseline for {t0}, and annual rates need one to chain from; add `baseline` to the plan",
            ind.id
        ),
        _ if given => return None,
        _ => format!(
            "`{}` cannot be assessed: the plan states no baseline and the actuals give no figure for {t0}; add its {t0} figure",
            ind.id
        ),
    };
    Some((entry.origin, message))
}

/// Why a figure is probably a typing mistake, if it is.
fn implausible(ind: &Indicator, year: i32, entry: &Entry) -> Option<String> {
    let value = entry.value.number()?;
    let id = &ind.id;
    let is_rate = ind.actuals == ActualsMode::Rate
        || (ind.kind == Kind::Growth && ind.actuals != ActualsMode::Level);
    if is_rate {
        return (!(Plausible::GROWTH_MIN..=Plausible::GROWTH_MAX).contains(&value)).then(|| {
            format!(
                "`{id}` {year} is {value}% a year, outside {}%…+{}%: is it a level typed as a growth rate?",
                Plausible::GROWTH_MIN,
                Plausible::GROWTH_MAX
            )
        });
    }
    match ind.kind {
        Kind::Share => implausible_share(ind, year, value),
        Kind::Level | Kind::Growth | Kind::Trend => implausible_level(ind, year, value),
        Kind::Cumulative | Kind::Rank | Kind::Milestone | Kind::Relative | Kind::Reference => None,
    }
}

fn implausible_share(ind: &Indicator, year: i32, value: f64) -> Option<String> {
    let id = &ind.id;
    if !(0.0..=Plausible::SHARE_MAX).contains(&value) {
        return Some(format!(
            "`{id}` {year} is {value}, outside 0…{}: a share is a percentage",
            Plausible::SHARE_MAX
        ));
    }
    let above = |x: Option<f64>| x.is_some_and(|x| x > Plausible::SHARE_FRACTION);
    (value < Plausible::SHARE_FRACTION && above(ind.baseline) && above(ind.target)).then(|| {
        format!(
            "`{id}` {year} is {value} but its baseline and target are percentages above 1: is it a fraction typed for a percentage ({value} for {})?",
            (value * 100.0 * 1e6).round() / 1e6
        )
    })
}

fn implausible_level(ind: &Indicator, year: i32, value: f64) -> Option<String> {
    let mut references = vec![ind.baseline];
    if ind.kind == Kind::Level {
        references.push(ind.target);
    }
    let references: Vec<f64> = references
        .into_iter()
        .flatten()
        .filter(|r| *r > 0.0)
        .collect();
    let off = |r: &f64| value > r * Plausible::LEVEL_FACTOR || value < r / Plausible::LEVEL_FACTOR;
    (!references.is_empty() && references.iter().all(off)).then(|| {
        let what = if references.len() == 2 {
            "both its baseline and its target"
        } else {
            "its baseline"
        };
        format!(
            "`{}` {year} is {value} {}, more than {}× above or below {what}: a unit or decimal point slip?",
            ind.id,
            ind.unit,
            Plausible::LEVEL_FACTOR
        )
    })
}
