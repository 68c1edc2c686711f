//! Actual yearly figures: the model, and reading them from CSV.
//!
//! [`Actuals`] holds, per indicator id, one [`Entry`] per year, each
//! remembering where it was read. `read.rs` builds it from files.

mod read;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::Location;

pub use read::{Encoding, ReadOptions, read_paths};

/// One actual value: a number, or yes/no for a milestone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Observation {
    /// A figure as written (percent signs dropped: `16%` is 16).
    Number(f64),
    /// A milestone's achieved (true) or not (false).
    Flag(bool),
}

impl Observation {
    /// The number, if this is one.
    pub fn number(self) -> Option<f64> {
        match self {
            Observation::Number(n) => Some(n),
            Observation::Flag(_) => None,
        }
    }

    /// Whether the value means "achieved": `true`, or the number 1.
    pub fn is_yes(self) -> bool {
        match self {
            Observation::Flag(b) => b,
            Observation::Number(n) => n == 1.0,
        }
    }
}

impl Serialize for Observation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Observation::Number(n) => s.serialize_f64(*n),
            Observation::Flag(b) => s.serialize_bool(*b),
        }
    }
}

impl std::fmt::Display for Observation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Observation::Number(n) => write!(f, "{n}"),
            Observation::Flag(b) => write!(f, "{b}"),
        }
    }
}

/// An indicator's actuals by year, as the assessment sees them.
pub type Series = BTreeMap<i32, Observation>;

/// One actual with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The value.
    pub value: Observation,
    /// Where it was read.
    pub origin: Location,
    /// The row's note column, if any.
    pub note: Option<String>,
    /// The row's source column, if any.
    pub source: Option<String>,
}

/// All actuals given, by indicator id and year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actuals {
    entries: BTreeMap<String, BTreeMap<i32, Entry>>,
}

impl Actuals {
    /// No actuals.
    pub fn new() -> Self {
        Actuals::default()
    }

    /// Adds an actual. If the indicator already has one for `year`, nothing
    /// is changed and the existing entry is returned.
    pub fn insert(&mut self, id: &str, year: i32, entry: Entry) -> Result<(), &Entry> {
        let years = self.entries.entry(id.to_string()).or_default();
        match years.entry(year) {
            std::collections::btree_map::Entry::Occupied(o) => Err(o.into_mut()),
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(entry);
                Ok(())
            }
        }
    }

    /// The entries of one indicator, by year.
    pub fn entries(&self, id: &str) -> Option<&BTreeMap<i32, Entry>> {
        self.entries.get(id)
    }

    /// The values of one indicator, by year (empty if it has none).
    pub fn series(&self, id: &str) -> Series {
        self.entries
            .get(id)
            .map(|years| years.iter().map(|(y, e)| (*y, e.value)).collect())
            .unwrap_or_default()
    }

    /// The latest year any indicator has an actual for.
    pub fn latest_year(&self) -> Option<i32> {
        self.entries
            .values()
            .filter_map(|years| years.keys().next_back())
            .max()
            .copied()
    }

    /// Whether no actual was given.
    pub fn is_empty(&self) -> bool {
        self.entries.values().all(BTreeMap::is_empty)
    }

    /// The number of actuals.
    pub fn len(&self) -> usize {
        self.entries.values().map(BTreeMap::len).sum()
    }
}

/// Things in otherwise valid actuals that deserve a look: breaks in a rate
/// series (later rates are not chained), years outside the plan period
/// (ignored), and a baseline-year actual that differs from the plan's
/// baseline (the plan's is used).
pub fn warnings(plan: &crate::plan::Plan, actuals: &Actuals) -> Vec<crate::diag::Diagnostic> {
    use crate::diag::Diagnostic;
    use crate::plan::ActualsMode;

    let mut found = Vec::new();
    for ind in &plan.indicators {
        let Some(years) = actuals.entries(&ind.id) else {
            continue;
        };
        for (year, entry) in years {
            if *year < ind.baseline_year || *year > ind.target_year {
                found.push(Diagnostic::new(
                    entry.origin.clone(),
                    format!(
                        "`{}` {year} is outside the plan period {}–{}; it is ignored",
                        ind.id, ind.baseline_year, ind.target_year
                    ),
                ));
            }
        }
        if ind.actuals == ActualsMode::Rate {
            let first = ind.baseline_year + 1;
            let chained = (first..).zip(years.range(first..=ind.target_year));
            if let Some((expected, (year, entry))) = chained.into_iter().find(|(e, (y, _))| e != *y)
            {
                let missing = if *year - 1 > expected {
                    format!("{expected}–{}", year - 1)
                } else {
                    expected.to_string()
                };
                found.push(Diagnostic::new(
                    entry.origin.clone(),
                    format!(
                        "`{}` has annual rates with a gap: none for {missing}, so rates from {year} on are not chained",
                        ind.id
                    ),
                ));
            }
        } else if let (Some(baseline), Some(entry)) = (ind.baseline, years.get(&ind.baseline_year))
            && let Some(value) = entry.value.number()
            && !crate::plan::approx_eq(value, baseline)
        {
            found.push(Diagnostic::new(
                entry.origin.clone(),
                format!(
                    "`{}` {} is {value} here but the plan's baseline is {baseline}; the plan's baseline is used",
                    ind.id, ind.baseline_year
                ),
            ));
        }
    }
    found.sort_by(|a, b| a.location.cmp(&b.location));
    found
}
