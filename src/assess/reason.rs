//! Why a figure or a status could not be computed, as codes with their
//! parameters. The words are the renderers' (`render::labels`), in Chinese
//! or English; machine formats carry the stable [`Reason::code`].

/// One reason, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The as-of year is not after the baseline year.
    AsOfNotAfterBaseline {
        /// The as-of year.
        as_of: i32,
        /// The baseline year.
        baseline_year: i32,
    },
    /// Annual rates are chained from the baseline year, and this year's is missing.
    RateMissing {
        /// The first year without a rate.
        year: i32,
    },
    /// No actual in the years considered.
    NoActual {
        /// The first year considered.
        first: i32,
        /// The last year considered.
        last: i32,
    },
    /// A period total lacks these years' amounts.
    FlowGap {
        /// The years without an amount.
        years: Vec<i32>,
    },
    /// A growth cap is judged by whether growth stays within it.
    GrowthCap,
    /// Neither the plan nor the actuals give a baseline.
    NoBaseline {
        /// The baseline year.
        year: i32,
    },
    /// Annual rates need a baseline to be chained into a level.
    RatesNeedBaseline {
        /// The baseline year.
        year: i32,
    },
    /// The chained rates do not give a finite value.
    ChainNotFinite,
    /// The status uses the linear pace because the CAGR is undefined.
    LinearFallback,
    /// A CAGR needs baseline, target and current above 0.
    CagrUndefined,
    /// The target equals the baseline.
    NoDistance,
    /// The annual rates compound to zero or less.
    RatesCompoundToZero,
    /// Realized growth needs the baseline and the latest value above 0.
    GrowthNeedsPositive,
    /// A condition that must hold every year did not in this year.
    EveryYear {
        /// The first year it did not hold.
        year: i32,
    },
    /// A trend did not improve on the figure before in this year.
    NotImproved {
        /// The first year it did not.
        year: i32,
    },
    /// A condition judged year by year has no figure for these years, so
    /// it cannot be said to have held in every year.
    YearsUnjudged {
        /// The years without a figure (on either side).
        years: Vec<i32>,
    },
    /// A relative target's reference has no figure for the years the
    /// indicator has one.
    NoReferenceData {
        /// The reference's id.
        reference: String,
    },
    /// A reference series is compared with, not assessed.
    ReferenceSeries,
    /// As of the target year or later, the target is already met on an
    /// earlier year's figure; the target year's figure is to confirm it.
    MetEarly {
        /// The year of the figure that meets it.
        year: i32,
        /// The target year, whose figure confirms it.
        confirm: i32,
    },
    /// As of the target year or later, the latest figure is from an
    /// earlier year and does not settle the target: no verdict until the
    /// target year's figure comes in.
    AwaitingFinal {
        /// The year of the latest figure.
        latest: i32,
        /// The target year, whose figure is missing.
        target_year: i32,
    },
    /// An approximate target (左右): judged against the target less the
    /// plan's tolerance, which is this many percent of it.
    About {
        /// The tolerance, in percent of the target.
        percent: u32,
    },
    /// A relative target's averages (rule `average`) are over these years.
    AverageOver {
        /// The first year averaged.
        first: i32,
        /// The last year averaged.
        last: i32,
    },
}

impl Reason {
    /// The stable code machine formats carry: `no-baseline`, `flow-gap`, …
    pub fn code(&self) -> &'static str {
        match self {
            Reason::AsOfNotAfterBaseline { .. } => "as-of-not-after-baseline",
            Reason::RateMissing { .. } => "rate-missing",
            Reason::NoActual { .. } => "no-actual",
            Reason::FlowGap { .. } => "flow-gap",
            Reason::GrowthCap => "growth-cap",
            Reason::NoBaseline { .. } => "no-baseline",
            Reason::RatesNeedBaseline { .. } => "rates-need-baseline",
            Reason::ChainNotFinite => "chain-not-finite",
            Reason::LinearFallback => "linear-fallback",
            Reason::CagrUndefined => "cagr-undefined",
            Reason::NoDistance => "no-distance",
            Reason::RatesCompoundToZero => "rates-compound-to-zero",
            Reason::GrowthNeedsPositive => "growth-needs-positive",
            Reason::EveryYear { .. } => "every-year",
            Reason::NotImproved { .. } => "not-improved",
            Reason::YearsUnjudged { .. } => "years-unjudged",
            Reason::NoReferenceData { .. } => "no-reference-data",
            Reason::AverageOver { .. } => "average-over",
            Reason::MetEarly { .. } => "met-early",
            Reason::AwaitingFinal { .. } => "awaiting-final",
            Reason::About { .. } => "about",
            Reason::ReferenceSeries => "reference-series",
        }
    }
}

/// Years as people write a list of them: `2022`, `2021–2023`, `2021, 2023`.
pub fn years_text(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(&a), Some(&b)) if years.len() as i32 == b - a + 1 => format!("{a}–{b}"),
        _ => years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}
