//! Targets judged year by year: relative targets (against a reference
//! series), trends (against the figure before, or the baseline), and
//! level targets that must hold in every year (`every_year`).
//!
//! docs/methodology.md, "Relative, trend and every-year targets", states
//! the rules.

use serde::Serialize;

use super::{Reason, Row, Span, Status, gap, pace};
use crate::actuals::Series;
use crate::plan::{ActualsMode, Indicator, Kind, Rule};

/// One year judged: the figure, what it was compared with, and whether
/// the comparison held.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Judged {
    /// The year.
    pub year: i32,
    /// The indicator's figure.
    pub value: f64,
    /// The figure it was compared with: the reference's, the figure
    /// before (a trend), the baseline (a trend judged overall) or the target.
    pub against: f64,
    /// Whether the comparison held.
    pub holds: bool,
}

/// The years of `series` in `years` judged by the indicator's rule; a year
/// without a figure on either side is left out. `baseline` is where a
/// trend starts. A relative target judged on average is judged each year
/// on the averages so far (for annual rates, the mean rates).
pub fn judged(
    ind: &Indicator,
    years: &[i32],
    series: &Series,
    reference: &Series,
    baseline: Option<f64>,
) -> Vec<Judged> {
    let number = |s: &Series, y: &i32| s.get(y).and_then(|o| o.number());
    let figures = years.iter().filter_map(|y| Some((*y, number(series, y)?)));
    let judge = |year: i32, value: f64, against: f64| Judged {
        year,
        value,
        against,
        holds: ind.comparator.holds(value, against),
    };
    match ind.kind {
        Kind::Relative if ind.rule == Rule::Average => {
            let pairs: Vec<(i32, f64, f64)> = figures
                .filter_map(|(y, v)| Some((y, v, number(reference, &y)?)))
                .collect();
            let mean = |xs: &[f64]| match ind.actuals {
                ActualsMode::Rate => pace::mean_rate(xs),
                _ => pace::mean(xs),
            };
            (1..=pairs.len())
                .filter_map(|n| {
                    let so_far = pairs.get(..n)?;
                    let values: Vec<f64> = so_far.iter().map(|p| p.1).collect();
                    let against: Vec<f64> = so_far.iter().map(|p| p.2).collect();
                    Some(judge(so_far.last()?.0, mean(&values)?, mean(&against)?))
                })
                .collect()
        }
        Kind::Relative => figures
            .filter_map(|(y, v)| Some(judge(y, v, number(reference, &y)?)))
            .collect(),
        Kind::Trend if ind.rule == Rule::Overall => match baseline {
            Some(b) => figures.map(|(y, v)| judge(y, v, b)).collect(),
            None => Vec::new(),
        },
        Kind::Trend => {
            let mut before = baseline;
            figures
                .filter_map(|(y, v)| {
                    let against = before.replace(v)?;
                    Some(judge(y, v, against))
                })
                .collect()
        }
        _ => match ind.target {
            Some(t) => figures.map(|(y, v)| judge(y, v, t)).collect(),
            None => Vec::new(),
        },
    }
}

/// A relative target: its figures against the reference's, each year or
/// on average over the years both have.
pub(super) fn assess_relative(
    span: &Span,
    reference: &Series,
    row: &mut Row,
    reasons: &mut Vec<Reason>,
) {
    let ind = span.ind;
    let judged = judged(ind, &span.years, span.series, reference, None);
    let Some(last) = judged.last().copied() else {
        row.status = Status::NoData;
        reasons.push(Reason::NoReferenceData {
            reference: ind.reference().map(str::to_owned).unwrap_or_default(),
        });
        return;
    };
    settle_latest(span, row, last.year);
    show_comparison(row, last.value, last.against);
    row.status = if ind.rule == Rule::Average {
        let first = judged.first().map_or(last.year, |j| j.year);
        reasons.push(Reason::AverageOver {
            first,
            last: last.year,
        });
        settle(span, last.year, last.holds)
    } else {
        every_year_status(span, &judged, |year| Reason::EveryYear { year }, reasons)
    };
}

/// A trend: better than the figure before in every year, or the latest
/// better than the baseline (rule `overall`).
pub(super) fn assess_trend(span: &Span, row: &mut Row, reasons: &mut Vec<Reason>) {
    let ind = span.ind;
    let judged = judged(ind, &span.years, span.series, &Series::new(), row.baseline);
    let Some(last) = judged.last().copied() else {
        row.status = Status::NotAssessable;
        reasons.push(Reason::NoBaseline {
            year: ind.baseline_year,
        });
        return;
    };
    settle_latest(span, row, last.year);
    show_comparison(row, last.value, last.against);
    row.status = if ind.rule == Rule::Overall {
        settle(span, last.year, last.holds)
    } else {
        every_year_status(span, &judged, |year| Reason::NotImproved { year }, reasons)
    };
}

/// `every_year = true` on a level, share or rank: the status the pace gave
/// is replaced by whether each year held.
pub(super) fn assess_every_year(span: &Span, row: &mut Row, reasons: &mut Vec<Reason>) {
    let judged = judged(span.ind, &span.years, span.series, &Series::new(), None);
    if judged.is_empty() {
        return;
    }
    // The status is each year's verdict, not the pace's: what the pace
    // needed (a baseline, a CAGR) does not bear on it.
    row.method = None;
    reasons.retain(|r| {
        !matches!(
            r,
            Reason::NoBaseline { .. }
                | Reason::CagrUndefined
                | Reason::LinearFallback
                | Reason::NoDistance
        )
    });
    row.status = every_year_status(span, &judged, |year| Reason::EveryYear { year }, reasons);
}

/// The verdict of a rule that must hold in every year: missed from the
/// first year it fails (`fail` names the year); met once the target year
/// is judged with no year left out; else on track. A year without a
/// figure cannot be said to have held: at the end it leaves the target
/// not assessable.
fn every_year_status(
    span: &Span,
    judged: &[Judged],
    fail: fn(i32) -> Reason,
    reasons: &mut Vec<Reason>,
) -> Status {
    if let Some(failed) = judged.iter().find(|j| !j.holds) {
        reasons.push(fail(failed.year));
        return Status::Missed;
    }
    let last = judged.last().map_or(span.ind.baseline_year, |j| j.year);
    let unjudged: Vec<i32> = (span.ind.baseline_year + 1..=last)
        .filter(|y| !judged.iter().any(|j| j.year == *y))
        .collect();
    let at_end = last >= span.ind.target_year;
    if !unjudged.is_empty() {
        reasons.push(Reason::YearsUnjudged { years: unjudged });
        if at_end {
            return Status::NotAssessable;
        }
    }
    if at_end { Status::Met } else { Status::OnTrack }
}

/// Met or missed once the target year is judged; before it, on or off track.
fn settle(span: &Span, last: i32, holds: bool) -> Status {
    match (last >= span.ind.target_year, holds) {
        (true, true) => Status::Met,
        (true, false) => Status::Missed,
        (false, true) => Status::OnTrack,
        (false, false) => Status::OffTrack,
    }
}

/// The latest year is the last one judged.
fn settle_latest(span: &Span, row: &mut Row, year: i32) {
    row.latest_year = Some(year);
    row.latest = span.series.get(&year).copied();
    row.time_elapsed = pace::finite(f64::from(year - span.ind.baseline_year) / span.n);
}

/// The figure and what it is compared with, as the row's current and
/// target; the gap in the target's one meaning.
fn show_comparison(row: &mut Row, value: f64, against: f64) {
    row.current = Some(value);
    row.target = Some(against);
    row.gap = gap(row.comparator, against, value);
}
