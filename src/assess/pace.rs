//! The growth-rate and pace formulas, each on plain numbers.
//!
//! Every function returns `None` where the formula is undefined (a zero or
//! negative base for a CAGR, no years left) and never NaN or infinity.
//! docs/methodology.md states each formula; the names here follow it.

/// `Some(x)` when `x` is a finite number.
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Compound annual growth rate from `from` to `to` over `years`, as a
/// fraction: `(to/from)^(1/years) − 1`. Needs both values above 0 and
/// `years` above 0.
///
/// ```
/// use plantrack::assess::pace::cagr;
/// // 1210 → 1800亿元 in five years needs 8.27% a year.
/// let rate = cagr(1210.0, 1800.0, 5.0).map(|r| format!("{:.2}%", r * 100.0));
/// assert_eq!(rate.as_deref(), Some("8.27%"));
/// assert_eq!(cagr(0.0, 1800.0, 5.0), None);
/// ```
pub fn cagr(from: f64, to: f64, years: f64) -> Option<f64> {
    if from > 0.0 && to > 0.0 && years > 0.0 {
        finite((to / from).powf(1.0 / years) - 1.0)
    } else {
        None
    }
}

/// The value after `years` of growth at `rate` (a fraction) from `from`.
pub fn compound(from: f64, rate: f64, years: f64) -> Option<f64> {
    if rate > -1.0 {
        finite(from * (1.0 + rate).powf(years))
    } else {
        None
    }
}

/// Chains annual percentage changes into one growth factor:
/// `Π(1 + r/100)`.
pub fn chain(rates_percent: impl IntoIterator<Item = f64>) -> Option<f64> {
    let factor = rates_percent
        .into_iter()
        .fold(1.0, |acc, r| acc * (1.0 + r / 100.0));
    finite(factor)
}

/// The average annual rate (a fraction) that a growth `factor` reached over
/// `years` years amounts to: `factor^(1/years) − 1`. Needs `factor > 0`.
pub fn average_rate(factor: f64, years: f64) -> Option<f64> {
    cagr(1.0, factor, years)
}

/// The arithmetic mean of `values`; none for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    finite(values.iter().sum::<f64>() / values.len() as f64)
}

/// The average of annual percentage changes, in percent: the rate that,
/// every year, compounds to the same factor, `(Π(1 + r/100))^(1/n) − 1`.
pub fn mean_rate(rates_percent: &[f64]) -> Option<f64> {
    let years = rates_percent.len() as f64;
    chain(rates_percent.iter().copied())
        .and_then(|f| average_rate(f, years))
        .and_then(|r| finite(r * 100.0))
}

/// For an average-growth target: the annual rate needed over the remaining
/// `m` years so the whole period averages `g`, given `realized` over the
/// first `k` years (all fractions): `((1+g)^n / (1+realized)^k)^(1/m) − 1`.
pub fn needed_growth(g: f64, n: f64, realized: f64, k: f64, m: f64) -> Option<f64> {
    if m <= 0.0 || g <= -1.0 || realized <= -1.0 {
        return None;
    }
    finite(((1.0 + g).powf(n) / (1.0 + realized).powf(k)).powf(1.0 / m) - 1.0)
}

/// For an average-growth target: the share of the target's cumulative growth
/// reached so far: `((1+realized)^k − 1) / ((1+g)^n − 1)`.
pub fn growth_progress(g: f64, n: f64, realized: f64, k: f64) -> Option<f64> {
    if g <= 0.0 || realized <= -1.0 {
        return None;
    }
    finite(((1.0 + realized).powf(k) - 1.0) / ((1.0 + g).powf(n) - 1.0))
}

/// The linear path: where a steady change from `baseline` to `target` over
/// `n` years stands after `k`: `B + (T − B)·k/n`.
pub fn linear_path(baseline: f64, target: f64, n: f64, k: f64) -> Option<f64> {
    per_year(baseline, target, n).and_then(|step| finite(baseline + step * k))
}

/// The constant-growth path: where growth at the required CAGR from
/// `baseline` stands after `k` of `n` years: `B·(T/B)^(k/n)`. Needs B and
/// T above 0.
pub fn cagr_path(baseline: f64, target: f64, n: f64, k: f64) -> Option<f64> {
    cagr(baseline, target, n).and_then(|rate| compound(baseline, rate, k))
}

/// Change per year from `from` to `to` over `years`: `(to − from)/years`.
pub fn per_year(from: f64, to: f64, years: f64) -> Option<f64> {
    if years > 0.0 {
        finite((to - from) / years)
    } else {
        None
    }
}

/// Share of the baseline-to-target distance covered: `(current − B)/(T − B)`.
pub fn progress(baseline: f64, target: f64, current: f64) -> Option<f64> {
    if target == baseline {
        None
    } else {
        finite((current - baseline) / (target - baseline))
    }
}

/// The linear pace ratio: distance covered in the direction of the target,
/// against time elapsed: `d × (current − B)/|T − B| ÷ (k/n)`.
pub fn ratio_linear(
    direction: f64,
    baseline: f64,
    target: f64,
    current: f64,
    elapsed: f64,
) -> Option<f64> {
    if target == baseline || elapsed <= 0.0 {
        None
    } else {
        finite(direction * (current - baseline) / (target - baseline).abs() / elapsed)
    }
}

/// The CAGR pace ratio: `d × actual / |required|`.
pub fn ratio_cagr(direction: f64, actual: f64, required: f64) -> Option<f64> {
    if required == 0.0 {
        None
    } else {
        finite(direction * actual / required.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn traditional_auto_needs_8_27_percent_a_year() {
        // 1210 → 1800 in five years: (1800/1210)^(1/5) − 1 = 0.0826733…
        let r = cagr(1210.0, 1800.0, 5.0).unwrap();
        assert!((r - 0.082_673_300_648_359).abs() < 1e-12, "{r}");
        assert_eq!(format!("{:.2}%", r * 100.0), "8.27%");
    }

    #[test]
    fn cagr_is_undefined_for_non_positive_values() {
        assert_eq!(cagr(0.0, 10.0, 5.0), None);
        assert_eq!(cagr(10.0, -1.0, 5.0), None);
        assert_eq!(cagr(10.0, 20.0, 0.0), None);
    }

    #[test]
    fn chained_rates() {
        // +10% then −5%: 1.1 × 0.95 = 1.045
        assert!(close(chain([10.0, -5.0]), 1.045));
        assert!(close(chain([]), 1.0));
    }

    #[test]
    fn needed_growth_for_a_7_5_percent_average() {
        // Two years at 6%: the remaining three need
        // (1.075^5 / 1.06^2)^(1/3) − 1 = 0.0851177…
        let r = needed_growth(0.075, 5.0, 0.06, 2.0, 3.0).unwrap();
        assert!((r - 0.085_117_739_981_249).abs() < 1e-12, "{r}");
        assert_eq!(needed_growth(0.075, 5.0, 0.06, 5.0, 0.0), None);
    }

    #[test]
    fn linear_ratio_is_direction_safe() {
        // PM2.5 from 60 towards 52 (lower is better), 40% of the time gone.
        // Falling to 57 covers 3/8 = 0.375 of the distance: ratio 0.9375.
        assert!(close(ratio_linear(-1.0, 60.0, 52.0, 57.0, 0.4), 0.9375));
        // Rising to 62 is moving away.
        assert!(ratio_linear(-1.0, 60.0, 52.0, 62.0, 0.4).unwrap() < 0.0);
        assert_eq!(ratio_linear(1.0, 5.0, 5.0, 6.0, 0.4), None);
    }

    #[test]
    fn growth_progress_is_the_share_of_cumulative_growth() {
        // 7.5% a year for 5 years is +43.56%; two years at 7.5% give +15.56%.
        let p = growth_progress(0.075, 5.0, 0.075, 2.0).unwrap();
        assert!((p - 0.357_241_789_407_444).abs() < 1e-12, "{p}");
    }
}
