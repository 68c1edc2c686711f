//! Roll-up: a parent's figure made from its members' figures, by the rule
//! the parent plan states for the indicator (docs/methodology.md,
//! Roll-up). Pure arithmetic, no I/O.

use crate::actuals::Observation;
use crate::assess::pace::finite;
use crate::plan::Rollup;

/// Why a year has no rolled-up figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Short {
    /// These members (by their position in the portfolio) have no figure
    /// for the year: a total of some members is not the parent's total.
    Missing(Vec<usize>),
    /// These members have no figure of the weight for the year.
    NoWeight(Vec<usize>),
    /// The weights add up to zero, or the result is not a finite number.
    Undefined,
}

/// One member's figure for a year, and its weight where the mean is
/// weighted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    /// The member, by its position in the portfolio.
    pub member: usize,
    /// Its figure, if it has one.
    pub value: Option<Observation>,
    /// Its weight, if the mean is weighted and it has one.
    pub weight: Option<f64>,
}

/// The parent's figure made from `parts` by `rule`; `weighted` says
/// whether the mean is weighted. Every member must have a figure (and a
/// weight): a sum of the members that reported is not the parent's sum.
pub fn roll(rule: Rollup, weighted: bool, parts: &[Part]) -> Result<Observation, Short> {
    let missing: Vec<usize> = parts
        .iter()
        .filter(|p| {
            !matches!(
                (rule, p.value),
                (Rollup::All, Some(_)) | (_, Some(Observation::Number(_)))
            )
        })
        .map(|p| p.member)
        .collect();
    if !missing.is_empty() || parts.is_empty() {
        return Err(Short::Missing(missing));
    }
    if rule == Rollup::All {
        return Ok(Observation::Flag(
            parts
                .iter()
                .all(|p| p.value.is_some_and(Observation::is_yes)),
        ));
    }
    let values: Vec<f64> = parts
        .iter()
        .filter_map(|p| p.value.and_then(Observation::number))
        .collect();
    let figure = match rule {
        Rollup::Sum => Some(values.iter().sum()),
        Rollup::Mean if weighted => weighted_mean(parts)?,
        Rollup::Mean => Some(values.iter().sum::<f64>() / values.len() as f64),
        Rollup::Min => values.iter().copied().reduce(f64::min),
        Rollup::Max => values.iter().copied().reduce(f64::max),
        Rollup::All => None,
    };
    figure
        .and_then(finite)
        .map(Observation::Number)
        .ok_or(Short::Undefined)
}

/// Σ wᵢxᵢ / Σ wᵢ; every member needs a weight, and the weights must not
/// add up to zero.
fn weighted_mean(parts: &[Part]) -> Result<Option<f64>, Short> {
    let unweighed: Vec<usize> = parts
        .iter()
        .filter(|p| p.weight.is_none())
        .map(|p| p.member)
        .collect();
    if !unweighed.is_empty() {
        return Err(Short::NoWeight(unweighed));
    }
    let (mut total, mut weights) = (0.0, 0.0);
    for part in parts {
        let (Some(x), Some(w)) = (part.value.and_then(Observation::number), part.weight) else {
            continue;
        };
        total += w * x;
        weights += w;
    }
    Ok((weights != 0.0).then(|| total / weights))
}

/// Whether a parent's reported figure differs from the rolled-up one by
/// more than `tolerance`, a fraction of the rolled-up figure (of 1 when it
/// is 0); yes/no figures differ when they are not the same.
pub fn differs(reported: Observation, rolled: Observation, tolerance: f64) -> bool {
    match (reported, rolled) {
        (Observation::Number(r), Observation::Number(x)) => {
            let scale = if x == 0.0 { 1.0 } else { x.abs() };
            (r - x).abs() > tolerance * scale
        }
        (a, b) => a.is_yes() != b.is_yes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parts(values: &[(f64, Option<f64>)]) -> Vec<Part> {
        values
            .iter()
            .enumerate()
            .map(|(member, &(v, weight))| Part {
                member,
                value: Some(Observation::Number(v)),
                weight,
            })
            .collect()
    }

    fn number(result: Result<Observation, Short>) -> f64 {
        match result {
            Ok(Observation::Number(n)) => n,
            other => panic!("not a number: {other:?}"),
        }
    }

    #[test]
    fn each_rule_by_hand() {
        let three = parts(&[(120.0, None), (80.0, None), (40.0, None)]);
        assert_eq!(number(roll(Rollup::Sum, false, &three)), 240.0);
        assert_eq!(number(roll(Rollup::Mean, false, &three)), 80.0);
        assert_eq!(number(roll(Rollup::Min, false, &three)), 40.0);
        assert_eq!(number(roll(Rollup::Max, false, &three)), 120.0);
        // Shares 60%, 30%, 45% weighted by 200, 100, 100: (120+30+45)/400.
        let weighted = parts(&[
            (60.0, Some(200.0)),
            (30.0, Some(100.0)),
            (45.0, Some(100.0)),
        ]);
        assert_eq!(number(roll(Rollup::Mean, true, &weighted)), 48.75);
    }

    #[test]
    fn a_missing_member_leaves_the_year_without_a_figure() {
        let mut three = parts(&[(120.0, None), (80.0, None), (40.0, None)]);
        three[1].value = None;
        assert_eq!(
            roll(Rollup::Sum, false, &three),
            Err(Short::Missing(vec![1]))
        );
        let mut weighted = parts(&[(60.0, Some(2.0)), (30.0, None)]);
        assert_eq!(
            roll(Rollup::Mean, true, &weighted),
            Err(Short::NoWeight(vec![1]))
        );
        weighted[1].weight = Some(-2.0);
        assert_eq!(roll(Rollup::Mean, true, &weighted), Err(Short::Undefined));
        assert_eq!(roll(Rollup::Sum, false, &[]), Err(Short::Missing(vec![])));
    }

    #[test]
    fn all_is_yes_only_when_every_member_says_yes() {
        let flags = |v: &[bool]| -> Vec<Part> {
            v.iter()
                .enumerate()
                .map(|(member, &b)| Part {
                    member,
                    value: Some(Observation::Flag(b)),
                    weight: None,
                })
                .collect()
        };
        assert_eq!(
            roll(Rollup::All, false, &flags(&[true, true])),
            Ok(Observation::Flag(true))
        );
        assert_eq!(
            roll(Rollup::All, false, &flags(&[true, false])),
            Ok(Observation::Flag(false))
        );
    }

    #[test]
    fn a_reported_figure_differs_beyond_the_tolerance() {
        let n = Observation::Number;
        assert!(!differs(n(1005.0), n(1000.0), 0.005));
        assert!(differs(n(1005.1), n(1000.0), 0.005));
        assert!(differs(n(0.01), n(0.0), 0.005));
        assert!(differs(
            Observation::Flag(true),
            Observation::Flag(false),
            0.0
        ));
    }

    proptest! {
        /// The mean lies between the least and the greatest figure, and
        /// the sum is the mean times the count.
        #[test]
        fn mean_lies_between_min_and_max(values in prop::collection::vec(-1e6f64..1e6, 1..20)) {
            let p = parts(&values.iter().map(|&v| (v, Some(1.0))).collect::<Vec<_>>());
            let mean = number(roll(Rollup::Mean, false, &p));
            let weighted = number(roll(Rollup::Mean, true, &p));
            let lo = number(roll(Rollup::Min, false, &p));
            let hi = number(roll(Rollup::Max, false, &p));
            let sum = number(roll(Rollup::Sum, false, &p));
            prop_assert!(lo - 1e-6 <= mean && mean <= hi + 1e-6);
            prop_assert!((mean - weighted).abs() <= 1e-6 * (1.0 + mean.abs()));
            prop_assert!((sum - mean * values.len() as f64).abs() <= 1e-6 * (1.0 + sum.abs()));
        }
    }
}
