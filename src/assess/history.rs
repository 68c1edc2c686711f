//! An indicator year by year, for `plantrack show`: each year's actual, the
//! figure assessed as of that year, and where the required paths stand.

use serde::Serialize;

use super::yearly::{Judged, judged};
use super::{Status, assess_indicator, baseline_of, considered_years, pace};
use crate::actuals::{Observation, Series};
use crate::plan::{Indicator, Kind, Settings};

/// One year from the baseline year to the target year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The year.
    pub year: i32,
    /// The actual given for the year (none after the as-of year).
    pub actual: Option<Observation>,
    /// The figure compared with the target as of this year: the level, the
    /// running total, the average growth so far (percent); in the baseline
    /// year, the baseline.
    pub current: Option<f64>,
    /// Where the linear path from baseline to target stands.
    pub linear_path: Option<f64>,
    /// Where the constant-growth path stands; for a growth target, the
    /// average growth required (percent).
    pub cagr_path: Option<f64>,
    /// The status as of this year, for years with an actual up to the as-of year.
    pub status: Option<Status>,
    /// For targets judged year by year (relative, trend, every-year): what
    /// this year's figure was compared with, and whether it held.
    pub judged: Option<Judged>,
}

/// The steps of `ind` from its baseline year to its target year, assessed
/// as of each year up to `as_of`; `reference` is a relative target's
/// reference series.
pub fn history(
    ind: &Indicator,
    settings: &Settings,
    series: &Series,
    reference: Option<&Series>,
    as_of: i32,
) -> Vec<Step> {
    let t0 = ind.baseline_year;
    let yearly = ind.every_year || matches!(ind.kind, Kind::Relative | Kind::Trend);
    let judged = if yearly {
        let years = considered_years(ind, series, as_of);
        let none = Series::new();
        judged(
            ind,
            &years,
            series,
            reference.unwrap_or(&none),
            baseline_of(ind, series),
        )
    } else {
        Vec::new()
    };
    let n = f64::from(ind.target_year - t0);
    let baseline = match ind.kind {
        Kind::Cumulative => Some(0.0),
        _ => baseline_of(ind, series),
    };
    (t0..=ind.target_year)
        .map(|year| {
            let k = f64::from(year - t0);
            let (linear_path, cagr_path) = match (ind.kind, baseline, ind.target) {
                (Kind::Milestone, _, _) | (_, _, None) => (None, None),
                (Kind::Growth, _, Some(g)) => (None, (year > t0).then_some(g)),
                (_, None, _) => (None, None),
                (Kind::Cumulative, Some(b), Some(t)) => (pace::linear_path(b, t, n, k), None),
                (_, Some(b), Some(t)) => {
                    (pace::linear_path(b, t, n, k), pace::cagr_path(b, t, n, k))
                }
            };
            let actual = (year <= as_of)
                .then(|| series.get(&year).copied())
                .flatten();
            let (current, status) = if year == t0 {
                let shown = if ind.kind == Kind::Growth {
                    None
                } else {
                    baseline
                };
                (shown, None)
            } else if year <= as_of {
                let row = assess_indicator(ind, settings, series, reference, year);
                if row.latest_year == Some(year) {
                    (row.current, Some(row.status))
                } else {
                    (None, None)
                }
            } else {
                (None, None)
            };
            Step {
                year,
                actual,
                current,
                linear_path,
                cagr_path,
                status,
                judged: judged.iter().find(|j| j.year == year).copied(),
            }
        })
        .collect()
}
