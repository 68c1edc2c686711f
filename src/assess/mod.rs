//! The assessment: from a plan and actuals to a report row per indicator.
//!
//! Pure arithmetic, no I/O. The contract it implements, with sources and
//! worked examples, is docs/methodology.md; the formulas themselves are in
//! [`pace`], the status ladder in [`status`].

pub mod compare;
pub mod history;
pub mod pace;
pub mod reason;
pub mod status;
pub mod yearly;

use serde::Serialize;

use crate::actuals::{Actuals, Flag, Observation, Series};
use crate::plan::{ActualsMode, Comparator, Indicator, Kind, Method, Nature, Plan, Settings};
pub use history::{Step, history};
use pace::finite;
pub use reason::Reason;
pub use status::{Status, ladder};

/// The assessment of a whole plan as of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The plan's id.
    pub plan: String,
    /// The as-of year Y.
    pub as_of: i32,
    /// One row per indicator, in plan order.
    pub indicators: Vec<Row>,
}

/// The assessment of one indicator. Every figure is `None` (null) where it
/// is not defined; `reason` says why where that matters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The indicator's id.
    pub id: String,
    /// Its name in the plan's language.
    pub name: String,
    /// Its English name.
    pub name_en: Option<String>,
    /// A shorter English name for narrow tables.
    #[serde(skip)]
    pub short_name_en: Option<String>,
    /// Unit of the baseline, target and current value.
    pub unit: String,
    /// What sort of target it is.
    pub kind: Kind,
    /// How current must compare with the target.
    pub comparator: Comparator,
    /// Whether the plan makes the target binding (约束性), expected
    /// (预期性), or does not say.
    pub binding: Option<bool>,
    /// Whether the figure is a target, or only expected or planned.
    pub nature: Nature,
    /// t0.
    pub baseline_year: i32,
    /// B: the plan's baseline, else a level actual for the baseline year.
    pub baseline: Option<f64>,
    /// t1.
    pub target_year: i32,
    /// T, the target (lower end of a range).
    pub target: Option<f64>,
    /// Upper end of a range.
    pub target_high: Option<f64>,
    /// t: the last year considered.
    pub latest_year: Option<i32>,
    /// The raw actual for `latest_year`.
    pub latest: Option<Observation>,
    /// The figure compared with the target.
    pub current: Option<f64>,
    /// The distance still to go in the target's direction, d·(T − current):
    /// positive short of the target, zero or negative met or beaten.
    pub gap: Option<f64>,
    /// Share of the baseline-to-target distance covered.
    pub progress: Option<f64>,
    /// k/n, share of the period elapsed.
    pub time_elapsed: Option<f64>,
    /// Growth a year needed over the whole period (fraction).
    pub required_cagr: Option<f64>,
    /// Growth a year achieved so far (fraction).
    pub actual_cagr: Option<f64>,
    /// Growth a year still needed over the remaining years (fraction).
    pub needed_cagr: Option<f64>,
    /// Change a year needed over the whole period, in units.
    pub required_annual: Option<f64>,
    /// Change a year achieved so far, in units.
    pub actual_annual: Option<f64>,
    /// Change a year still needed, in units.
    pub needed_annual: Option<f64>,
    /// Progress against time elapsed (时间过半、任务过半).
    pub ratio_linear: Option<f64>,
    /// Actual against required CAGR (Eurostat SDG method).
    pub ratio_cagr: Option<f64>,
    /// The pace measure that drove the status.
    pub method: Option<Method>,
    /// The value in the target year if the pace so far holds.
    pub projected: Option<f64>,
    /// The verdict.
    pub status: Status,
    /// Why a figure or the status could not be computed (rendered to
    /// words by the formats; JSON adds `reason` and `reason_code`).
    #[serde(skip)]
    pub reasons: Vec<Reason>,
    /// The doubtful figures (probable typing slips) among those the row
    /// uses, its own and its reference's: the status is computed from
    /// them all the same, and every format marks the row.
    pub flags: Vec<Flag>,
}

/// The as-of year: `as_of` if given, else the latest year of the actuals
/// within the plan period (actuals outside it are ignored everywhere),
/// else the plan's base year.
pub fn as_of_year(plan: &Plan, actuals: &Actuals, as_of: Option<i32>) -> i32 {
    as_of
        .or_else(|| actuals.latest_year_within(plan.period()))
        .unwrap_or(plan.meta.base_year)
}

/// Assesses every indicator of `plan` as of year `as_of`.
pub fn assess(plan: &Plan, actuals: &Actuals, as_of: i32) -> Report {
    Report {
        plan: plan.meta.id.clone(),
        as_of,
        indicators: rows(plan, actuals, as_of, |_| true).collect(),
    }
}

/// The rows of the indicators `keep` accepts, assessed one at a time in
/// plan order, for reports written as they are made.
pub fn rows<'a>(
    plan: &'a Plan,
    actuals: &'a Actuals,
    as_of: i32,
    keep: impl Fn(&Indicator) -> bool + 'a,
) -> impl Iterator<Item = Row> + 'a {
    rows_in(plan, actuals, as_of, 0..plan.indicators.len(), keep)
}

/// [`rows`] of the indicators at positions `range` alone, for a report
/// assessed in batches.
pub fn rows_in<'a>(
    plan: &'a Plan,
    actuals: &'a Actuals,
    as_of: i32,
    range: std::ops::Range<usize>,
    keep: impl Fn(&Indicator) -> bool + 'a,
) -> impl Iterator<Item = Row> + 'a {
    let start = range.start;
    plan.indicators
        .get(range)
        .unwrap_or_default()
        .iter()
        .zip(start..)
        .filter(move |(ind, _)| ind.kind != Kind::Reference && keep(ind))
        .map(move |(ind, i)| {
            let (series, reference) = inputs(plan, actuals, i);
            let mut row =
                assess_indicator(ind, &plan.assessment, &series, reference.as_ref(), as_of);
            row.flags = used_flags(plan, actuals, i, as_of);
            row
        })
}

/// The doubtful figures the indicator at `index` is assessed on: of its
/// own series (or the one its `of` names) and its reference's, from the
/// baseline year (only where the plan states no baseline, as the plan's
/// own is used otherwise) to the as-of year (or the target year, if
/// earlier).
pub fn used_flags(plan: &Plan, actuals: &Actuals, index: usize, as_of: i32) -> Vec<Flag> {
    let Some(ind) = plan.indicators.get(index) else {
        return Vec::new();
    };
    let position = |id: Option<&str>| id.and_then(|id| plan.position(id));
    let own = position(ind.of()).unwrap_or(index);
    let first = ind.baseline_year + i32::from(ind.baseline.is_some());
    let years = first..=as_of.min(ind.target_year);
    [Some(own), position(ind.reference())]
        .into_iter()
        .flatten()
        .flat_map(|i| actuals.flags(i))
        .filter(|flag| years.contains(&flag.year))
        .copied()
        .collect()
}

/// The series the indicator at `index` is assessed on: its own actuals, or
/// those of the indicator its `of` names; and for a relative target, its
/// reference's.
pub fn inputs(plan: &Plan, actuals: &Actuals, index: usize) -> (Series, Option<Series>) {
    let Some(ind) = plan.indicators.get(index) else {
        return (Series::new(), None);
    };
    // A reference that takes its figures from another (`of`) is read
    // there; the plan refuses longer chains.
    let series_of = |id: Option<&str>| {
        let i = id.and_then(|id| plan.position(id))?;
        let source = plan
            .indicators
            .get(i)
            .and_then(|r| r.of())
            .and_then(|of| plan.position(of))
            .unwrap_or(i);
        Some(actuals.series(source))
    };
    let own = series_of(ind.of()).unwrap_or_else(|| actuals.series(index));
    (own, series_of(ind.reference()))
}

/// The years of `series` the assessment considers: t0 < y ≤ min(as_of, t1);
/// for rates only the unbroken run from t0 + 1.
pub fn considered_years(ind: &Indicator, series: &Series, as_of: i32) -> Vec<i32> {
    let t0 = ind.baseline_year;
    let limit = as_of.min(ind.target_year);
    if limit <= t0 {
        return Vec::new();
    }
    if ind.actuals == ActualsMode::Rate {
        (t0 + 1..=limit)
            .take_while(|y| series.contains_key(y))
            .collect()
    } else {
        series.range(t0 + 1..=limit).map(|(y, _)| *y).collect()
    }
}

/// A row for `ind` with nothing assessed yet: every figure null, `no-data`.
fn empty_row(ind: &Indicator) -> Row {
    Row {
        id: ind.id.clone(),
        name: ind.name.clone(),
        name_en: ind.name_en().map(str::to_owned),
        short_name_en: ind.short_name_en().map(str::to_owned),
        unit: ind.unit.clone(),
        kind: ind.kind,
        comparator: ind.comparator,
        binding: ind.binding,
        nature: ind.nature,
        baseline_year: ind.baseline_year,
        baseline: None,
        target_year: ind.target_year,
        target: ind.target,
        target_high: ind.target_high(),
        latest_year: None,
        latest: None,
        current: None,
        gap: None,
        progress: None,
        time_elapsed: None,
        required_cagr: None,
        actual_cagr: None,
        needed_cagr: None,
        required_annual: None,
        actual_annual: None,
        needed_annual: None,
        ratio_linear: None,
        ratio_cagr: None,
        method: None,
        projected: None,
        status: Status::NoData,
        reasons: Vec::new(),
        flags: Vec::new(),
    }
}

/// What the per-kind assessments share: the years and the period's shape.
struct Span<'a> {
    ind: &'a Indicator,
    settings: &'a Settings,
    series: &'a Series,
    /// The last year considered.
    t: i32,
    /// The as-of year.
    as_of: i32,
    /// n, k and m of docs/methodology.md.
    n: f64,
    k: f64,
    m: f64,
    /// The years considered, in order.
    years: Vec<i32>,
    /// The considered years' numbers, in year order.
    values: Vec<f64>,
    /// The number for year t.
    latest: Option<f64>,
}

/// Assesses one indicator against its series (and, for a relative
/// target, its reference's) as of year `as_of`.
pub fn assess_indicator(
    ind: &Indicator,
    settings: &Settings,
    series: &Series,
    reference: Option<&Series>,
    as_of: i32,
) -> Row {
    let relaxed;
    let ind = match approximate(ind, settings) {
        Some(r) => {
            relaxed = r;
            &relaxed
        }
        None => ind,
    };
    let mut row = assess_exact(ind, settings, series, reference, as_of);
    if ind.about {
        let percent = (settings.about * 100.0).round() as u32;
        row.reasons.push(Reason::About { percent });
    }
    row
}

/// An approximate (左右) target as it is judged: the target moved short
/// by the plan's tolerance (`[assessment] about`, 5%): 6左右 with `>=` is
/// judged as at least 5.7, 35左右 with `<=` as at most 36.75.
fn approximate(ind: &Indicator, settings: &Settings) -> Option<Indicator> {
    let target = ind.target.filter(|_| ind.about)?;
    let mut relaxed = ind.clone();
    let short = ind.comparator.direction() * settings.about * target.abs();
    relaxed.target = Some(target - short);
    Some(relaxed)
}

/// [`assess_indicator`] for a target judged as it stands.
fn assess_exact(
    ind: &Indicator,
    settings: &Settings,
    series: &Series,
    reference: Option<&Series>,
    as_of: i32,
) -> Row {
    let mut row = empty_row(ind);
    let years = considered_years(ind, series, as_of);
    row.baseline = baseline_of(ind, series);
    let Some(&t) = years.last() else {
        row.reasons.push(no_data_reason(ind, series, as_of));
        // What a growth target requires does not depend on data.
        if ind.kind == Kind::Growth {
            row.required_cagr = ind.target.and_then(|g| finite(g / 100.0));
        }
        return row;
    };
    let t0 = ind.baseline_year;
    let values: Vec<f64> = years
        .iter()
        .filter_map(|y| series.get(y).and_then(|o| o.number()))
        .collect();
    let span = Span {
        ind,
        settings,
        series,
        t,
        as_of,
        n: f64::from(ind.target_year - t0),
        k: f64::from(t - t0),
        m: f64::from(ind.target_year - t),
        latest: series.get(&t).and_then(|o| o.number()),
        values,
        years,
    };
    row.latest_year = Some(t);
    row.latest = series.get(&t).copied();
    row.time_elapsed = finite(span.k / span.n);
    let mut reasons = Vec::new();
    if let Some(why) = rate_gap(&span) {
        row.reasons.push(why);
        row.status = Status::NotAssessable;
        return row;
    }
    assess_kind(&span, reference, &mut row, &mut reasons);
    if as_of >= ind.target_year {
        settle_at_end(ind, &mut row, &mut reasons);
    }
    reasons.dedup();
    row.reasons = reasons;
    row
}

/// The per-kind assessment of [`assess_indicator`].
fn assess_kind(span: &Span, reference: Option<&Series>, row: &mut Row, reasons: &mut Vec<Reason>) {
    let ind = span.ind;
    match ind.kind {
        Kind::Milestone => assess_milestone(span, row),
        Kind::Growth => assess_growth(span, row, reasons),
        Kind::Cumulative if matches!(ind.actuals, ActualsMode::Flow | ActualsMode::Cut) => {
            match flow_gap(span) {
                Some(why) => {
                    reasons.push(why);
                    row.status = Status::NotAssessable;
                }
                None => assess_level(span, row, reasons),
            }
        }
        Kind::Level | Kind::Share | Kind::Rank | Kind::Cumulative => {
            assess_level(span, row, reasons);
            if ind.every_year {
                yearly::assess_every_year(span, row, reasons);
            }
        }
        Kind::Relative => {
            let none = Series::new();
            let reference = reference.unwrap_or(&none);
            yearly::assess_relative(span, reference, row, reasons);
        }
        Kind::Trend => yearly::assess_trend(span, row, reasons),
        Kind::Reference => {
            row.status = Status::NotAssessable;
            reasons.push(Reason::ReferenceSeries);
        }
    }
}

/// A milestone: met once achieved; missed once the target year's figure
/// says it was not; else pending (awaiting at the end of the period).
fn assess_milestone(span: &Span, row: &mut Row) {
    let done = row.latest.is_some_and(Observation::is_yes);
    row.current = Some(if done { 1.0 } else { 0.0 });
    row.status = if done {
        Status::Met
    } else if span.t >= span.ind.target_year {
        Status::Missed
    } else {
        Status::Pending
    };
}

/// Annual rates chained into a level or an average need every year from
/// the baseline year on: a year missing before a later year's rate leaves
/// the target not assessable, naming the year (as a period total's gap
/// does). Rates judged year by year (relative, trend) are not chained.
fn rate_gap(span: &Span) -> Option<Reason> {
    let ind = span.ind;
    if ind.actuals != ActualsMode::Rate || matches!(ind.kind, Kind::Relative | Kind::Trend) {
        return None;
    }
    let limit = span.as_of.min(ind.target_year);
    // `range` panics on an empty range: look only when there is one.
    let later = span.t < limit && span.series.range(span.t + 1..=limit).next().is_some();
    later.then_some(Reason::RateMissing { year: span.t + 1 })
}

/// Whether a target met on an earlier year's figure stays met at the end
/// of the period: a floor on a level, share or total that is not an
/// every-year condition. A cap, a rank, an every-year condition, a
/// relative target or a trend can still be broken by the final year (and
/// an average growth rate is never met before the period's figures are
/// all in).
fn settles_early(ind: &Indicator) -> bool {
    matches!(ind.kind, Kind::Level | Kind::Share | Kind::Cumulative)
        && ind.comparator.direction() > 0.0
        && !ind.every_year
}

/// As of the target year or later, a row judged on an earlier year's
/// figure gets only what that figure can show: met early (marked, to be
/// confirmed) where it already settles the target; a verdict that is
/// already final (a milestone achieved, a year that broke an every-year
/// condition) stays; anything else awaits the target year's figure, with
/// no pace verdict and no pace still needed.
fn settle_at_end(ind: &Indicator, row: &mut Row, reasons: &mut Vec<Reason>) {
    let Some(latest) = row.latest_year.filter(|y| *y < ind.target_year) else {
        return;
    };
    match row.status {
        Status::Met if ind.kind == Kind::Milestone => {}
        Status::Met if settles_early(ind) => reasons.push(Reason::MetEarly {
            year: latest,
            confirm: ind.target_year,
        }),
        Status::Missed | Status::NoData | Status::NotAssessable => {}
        _ => {
            row.status = Status::Awaiting;
            row.needed_cagr = None;
            row.needed_annual = None;
            reasons.push(Reason::AwaitingFinal {
                latest,
                target_year: ind.target_year,
            });
        }
    }
}

/// The years missing from a period total's yearly amounts, as a reason.
fn flow_gap(span: &Span) -> Option<Reason> {
    let first = span.ind.baseline_year + 1;
    let years: Vec<i32> = (first..=span.t)
        .filter(|y| !span.series.contains_key(y))
        .collect();
    (!years.is_empty()).then_some(Reason::FlowGap { years })
}

/// An average-growth target: the realized average rate against g; a cap
/// (`<=`, `<`) is judged by whether the rate stays within it.
fn assess_growth(span: &Span, row: &mut Row, reasons: &mut Vec<Reason>) {
    let ind = span.ind;
    let target = ind.target.unwrap_or(0.0);
    let g = target / 100.0;
    let (n, k, m) = (span.n, span.k, span.m);
    row.required_cagr = finite(g);
    row.method = Some(Method::Cagr);
    let realized = realized_growth(ind, row.baseline, &span.values, span.latest, k, reasons);
    row.current = realized.and_then(|r| finite(r * 100.0));
    row.gap = row.current.and_then(|c| gap(ind.comparator, target, c));
    let Some(r) = realized.filter(|_| row.current.is_some()) else {
        row.status = Status::NotAssessable;
        return;
    };
    row.actual_cagr = Some(r);
    row.needed_cagr = pace::needed_growth(g, n, r, k, m);
    let within = ind.comparator.holds(r * 100.0, target);
    if ind.comparator.direction() < 0.0 {
        reasons.push(Reason::GrowthCap);
        row.status = match (span.t >= ind.target_year, within) {
            (true, true) => Status::Met,
            (true, false) => Status::Missed,
            (false, true) => Status::OnTrack,
            (false, false) => Status::OffTrack,
        };
        return;
    }
    row.progress = pace::growth_progress(g, n, r, k);
    row.ratio_cagr = finite(r / g);
    row.status = match row.ratio_cagr {
        _ if span.t >= ind.target_year => met_or_missed(ind.comparator, r * 100.0, target),
        Some(ratio) => ladder(ratio, span.settings),
        None => Status::NotAssessable,
    };
}

/// A level, share, rank or period total: the distance covered against the
/// time elapsed, or the actual CAGR against the required one.
fn assess_level(span: &Span, row: &mut Row, reasons: &mut Vec<Reason>) {
    let ind = span.ind;
    let m = span.m;
    let current = current_level(ind, row.baseline, &span.values, span.latest, reasons);
    row.current = current;
    let target = ind.target.unwrap_or(0.0);
    // Cumulative targets count from zero.
    let b = if ind.kind == Kind::Cumulative {
        Some(0.0)
    } else {
        row.baseline
    };
    if b.is_none() && current.is_some() {
        reasons.push(no_baseline_reason(ind));
    }
    if let Some(c) = current {
        row.gap = gap(ind.comparator, target, c);
        row.needed_annual = pace::per_year(c, target, m);
    }
    if let (Some(b), Some(c)) = (b, current) {
        level_pace(span, row, reasons, b, c, target);
    }
    let mut method = ind.method_in(span.settings);
    if method == Method::Cagr && row.ratio_cagr.is_none() {
        // `cagr` falls back to `linear` where the CAGR is undefined.
        if row.ratio_linear.is_some() {
            reasons.push(Reason::LinearFallback);
        }
        method = Method::Linear;
    }
    row.method = Some(method);
    if let (Some(c), Some(_)) = (current, b) {
        row.projected = match method {
            Method::Linear => row.actual_annual.and_then(|a| finite(c + a * m)),
            Method::Cagr => row.actual_cagr.and_then(|a| pace::compound(c, a, m)),
        };
    }
    let ratio = match method {
        Method::Linear => row.ratio_linear,
        Method::Cagr => row.ratio_cagr,
    };
    row.status = match current {
        None => Status::NotAssessable,
        Some(c) if ind.comparator.holds(c, target) => Status::Met,
        Some(_) if span.t >= ind.target_year => Status::Missed,
        Some(_) => match b {
            None => Status::NotAssessable,
            Some(b) if b == target => Status::MovingAway,
            Some(_) => ratio.map_or(Status::NotAssessable, |r| ladder(r, span.settings)),
        },
    };
}

/// The pace figures of a level-like target from baseline `b` to current `c`.
fn level_pace(span: &Span, row: &mut Row, reasons: &mut Vec<Reason>, b: f64, c: f64, target: f64) {
    let (n, k, m) = (span.n, span.k, span.m);
    let d = span.ind.comparator.direction();
    row.progress = pace::progress(b, target, c);
    row.required_annual = pace::per_year(b, target, n);
    row.actual_annual = pace::per_year(b, c, k);
    row.ratio_linear = pace::ratio_linear(d, b, target, c, k / n);
    if span.ind.kind != Kind::Cumulative {
        if b > 0.0 && target > 0.0 && c > 0.0 {
            row.required_cagr = pace::cagr(b, target, n);
            row.actual_cagr = pace::cagr(b, c, k);
            row.needed_cagr = pace::cagr(c, target, m);
        } else {
            reasons.push(Reason::CagrUndefined);
        }
        if target != b
            && let (Some(a), Some(r)) = (row.actual_cagr, row.required_cagr)
        {
            row.ratio_cagr = pace::ratio_cagr(d, a, r);
        }
    }
    if target == b {
        reasons.push(Reason::NoDistance);
    }
}

/// The distance still to go in the target's direction: d·(T − current).
/// Positive: short of the target; zero or negative: met or beaten.
pub fn gap(comparator: Comparator, target: f64, current: f64) -> Option<f64> {
    finite(comparator.direction() * (target - current))
}

fn met_or_missed(comparator: Comparator, current: f64, target: f64) -> Status {
    if comparator.holds(current, target) {
        Status::Met
    } else {
        Status::Missed
    }
}

/// B: the plan's baseline; without one, a level-mode actual for the baseline
/// year (not for cumulative targets, which count from zero).
pub(crate) fn baseline_of(ind: &Indicator, series: &Series) -> Option<f64> {
    if ind.kind == Kind::Cumulative || ind.kind == Kind::Milestone {
        return None;
    }
    ind.baseline.or_else(|| {
        if ind.actuals == ActualsMode::Level {
            series.get(&ind.baseline_year).and_then(|o| o.number())
        } else {
            None
        }
    })
}

/// The current value of a level, share, rank or cumulative indicator.
fn current_level(
    ind: &Indicator,
    baseline: Option<f64>,
    values: &[f64],
    latest: Option<f64>,
    reasons: &mut Vec<Reason>,
) -> Option<f64> {
    match ind.actuals {
        ActualsMode::Level | ActualsMode::Total => latest,
        ActualsMode::Flow => finite(values.iter().sum()),
        // Yearly cuts of r% compound: 3% and then 4% is a cut of
        // 100 × (1 − 0.97 × 0.96) = 6.88%, not 7%.
        ActualsMode::Cut => {
            let kept: f64 = values.iter().map(|r| 1.0 - r / 100.0).product();
            finite(100.0 * (1.0 - kept))
        }
        ActualsMode::Rate => match baseline {
            None => {
                reasons.push(Reason::RatesNeedBaseline {
                    year: ind.baseline_year,
                });
                None
            }
            Some(b) => {
                let value = pace::chain(values.iter().copied()).and_then(|f| finite(b * f));
                if value.is_none() {
                    reasons.push(Reason::ChainNotFinite);
                }
                value
            }
        },
    }
}

/// The realized average annual growth of a growth indicator, as a fraction.
fn realized_growth(
    ind: &Indicator,
    baseline: Option<f64>,
    values: &[f64],
    latest: Option<f64>,
    k: f64,
    reasons: &mut Vec<Reason>,
) -> Option<f64> {
    let realized = match ind.actuals {
        ActualsMode::Rate => {
            pace::chain(values.iter().copied()).and_then(|f| pace::average_rate(f, k))
        }
        _ => match (baseline, latest) {
            (None, _) => {
                reasons.push(no_baseline_reason(ind));
                return None;
            }
            (Some(b), Some(a)) => pace::cagr(b, a, k),
            (Some(_), None) => None,
        },
    };
    if realized.is_none() {
        reasons.push(match ind.actuals {
            ActualsMode::Rate => Reason::RatesCompoundToZero,
            _ => Reason::GrowthNeedsPositive,
        });
    }
    realized
}

fn no_baseline_reason(ind: &Indicator) -> Reason {
    Reason::NoBaseline {
        year: ind.baseline_year,
    }
}

fn no_data_reason(ind: &Indicator, series: &Series, as_of: i32) -> Reason {
    let first = ind.baseline_year + 1;
    let last = as_of.min(ind.target_year);
    if last < first {
        Reason::AsOfNotAfterBaseline {
            as_of,
            baseline_year: ind.baseline_year,
        }
    } else if ind.actuals == ActualsMode::Rate && series.range(first..=last).next().is_some() {
        Reason::RateMissing { year: first }
    } else {
        Reason::NoActual { first, last }
    }
}
