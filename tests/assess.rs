//! The assessment engine against hand-computed cases, one per rule of the
//! contract in docs/methodology.md, and property tests of its invariants.
//!
//! Expected values were computed by hand (with a calculator), not taken
//! from the code's output.

mod common;

use common::{numbers, plan_from};
use plantrack::actuals::{Observation, Series};
use plantrack::assess::{Reason, Row, Status, assess_indicator, history, pace};
use plantrack::plan::{Method, Plan};
use proptest::prelude::*;

/// The codes of a row's reasons, in order.
fn codes(row: &Row) -> Vec<&'static str> {
    row.reasons.iter().map(Reason::code).collect()
}

/// A one-indicator plan for 2020–2025; `fields` are the indicator's TOML lines.
fn plan_with(fields: &str, assessment: &str) -> Plan {
    let text = format!(
        "[plan]\nid = \"t\"\nname = \"t\"\nbase_year = 2020\ntarget_year = 2025\n{assessment}\n[[indicator]]\nid = \"x\"\nname = \"x\"\n{fields}\n"
    );
    plan_from(&text)
}

fn row(fields: &str, values: &[(i32, f64)], as_of: i32) -> Row {
    let plan = plan_with(fields, "");
    assess_indicator(
        &plan.indicators[0],
        &plan.assessment,
        &numbers(values),
        None,
        as_of,
    )
}

#[track_caller]
fn close(actual: Option<f64>, expected: f64) {
    let a = actual.unwrap_or_else(|| panic!("expected {expected}, got null"));
    assert!(
        (a - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "expected {expected}, got {a}"
    );
}

// --- level targets, higher is better --------------------------------------

#[test]
fn traditional_auto_industry_every_field() {
    // 1210 (2020) → > 1800 (2025); 1360 in 2023.
    let r = row(
        "kind = \"level\"\ncomparator = \">\"\ntarget = 1800\nbaseline = 1210",
        &[(2021, 1290.0), (2022, 1330.0), (2023, 1360.0)],
        2023,
    );
    assert_eq!(r.latest_year, Some(2023));
    assert_eq!(r.latest, Some(Observation::Number(1360.0)));
    close(r.current, 1360.0);
    close(r.gap, 440.0);
    close(r.progress, 150.0 / 590.0); // 0.254237…
    close(r.time_elapsed, 0.6);
    close(r.required_cagr, 0.082_673_300_648_359_32); // 8.27% a year
    close(r.actual_cagr, 0.039_723_466_340_239_27);
    close(r.needed_cagr, 0.150_447_483_271_055_6);
    close(r.required_annual, 118.0);
    close(r.actual_annual, 50.0);
    close(r.needed_annual, 220.0);
    close(r.ratio_linear, 0.423_728_813_559_322); // 0.2542 / 0.6
    close(
        r.ratio_cagr,
        0.039_723_466_340_239_27 / 0.082_673_300_648_359_32,
    );
    assert_eq!(r.method, Some(Method::Linear));
    close(r.projected, 1460.0); // 1360 + 50 × 2
    assert_eq!(r.status, Status::OffTrack);
    assert!(r.reasons.is_empty());
}

#[test]
fn cagr_method_projects_by_compound_growth() {
    let r = row(
        "kind = \"level\"\ncomparator = \">\"\ntarget = 1800\nbaseline = 1210\nmethod = \"cagr\"",
        &[(2023, 1360.0)],
        2023,
    );
    assert_eq!(r.method, Some(Method::Cagr));
    close(r.projected, 1_470.193_845_583_645); // 1360 × 1.0397235^2
    // ratio 0.4805 → off-track
    assert_eq!(r.status, Status::OffTrack);
}

// --- lower is better, strict and non-strict ---------------------------------

#[test]
fn lower_is_better_falling_is_progress() {
    let pm = "kind = \"level\"\ncomparator = \"<=\"\ntarget = 52\nbaseline = 58";
    let r = row(pm, &[(2023, 55.0)], 2023);
    close(r.progress, 0.5);
    close(r.ratio_linear, 0.833_333_333_333_333_4); // 0.5 / 0.6
    // Still 3 µg/m³ above the cap: the gap is the distance still to go.
    close(r.gap, 3.0);
    close(r.required_annual, -1.2);
    assert_eq!(r.status, Status::Lagging);
    assert!(
        r.ratio_cagr.unwrap() > 0.0,
        "falling PM2.5 is progress under CAGR too"
    );

    let r = row(pm, &[(2023, 53.0)], 2023);
    close(r.ratio_linear, 1.388_888_888_888_889);
    assert_eq!(r.status, Status::Ahead);

    let r = row(pm, &[(2023, 60.0)], 2023);
    assert!(r.ratio_linear.unwrap() < 0.0);
    assert_eq!(r.status, Status::MovingAway);
}

#[test]
fn strict_and_non_strict_comparators_at_the_target() {
    let at_target = [(2025, 52.0)];
    let le = row(
        "kind = \"level\"\ncomparator = \"<=\"\ntarget = 52\nbaseline = 58",
        &at_target,
        2025,
    );
    assert_eq!(le.status, Status::Met);
    let lt = row(
        "kind = \"level\"\ncomparator = \"<\"\ntarget = 52\nbaseline = 58",
        &at_target,
        2025,
    );
    assert_eq!(lt.status, Status::Missed);

    let at_1800 = [(2025, 1800.0)];
    let gt = row(
        "kind = \"level\"\ncomparator = \">\"\ntarget = 1800\nbaseline = 1210",
        &at_1800,
        2025,
    );
    assert_eq!(gt.status, Status::Missed, "突破 1800 needs more than 1800");
    let ge = row(
        "kind = \"level\"\ncomparator = \">=\"\ntarget = 1800\nbaseline = 1210",
        &at_1800,
        2025,
    );
    assert_eq!(ge.status, Status::Met);
    assert_eq!(ge.needed_cagr, None, "no years left");
    assert_eq!(ge.needed_annual, None);
}

// --- ranges, cumulative -----------------------------------------------------

#[test]
fn a_range_is_met_at_its_lower_end() {
    let r = row(
        "kind = \"cumulative\"\ntarget = 5\ntarget_high = 10",
        &[(2021, 2.0), (2022, 2.0), (2023, 1.0)],
        2023,
    );
    close(r.current, 5.0);
    assert_eq!(r.baseline, None, "cumulative targets report no baseline");
    assert_eq!(r.status, Status::Met);
    assert_eq!(r.target_high, Some(10.0));
}

#[test]
fn cumulative_flows_sum_and_never_get_a_cagr() {
    let r = row(
        "kind = \"cumulative\"\ntarget = 40000\nprevious = 38600",
        &[(2021, 8200.0), (2022, 7900.0), (2023, 8400.0)],
        2023,
    );
    close(r.current, 24_500.0);
    close(r.progress, 0.6125);
    close(r.required_annual, 8000.0);
    close(r.actual_annual, 24_500.0 / 3.0);
    close(r.needed_annual, 7750.0);
    close(r.ratio_linear, 0.6125 / 0.6);
    close(r.projected, 24_500.0 + 2.0 * 24_500.0 / 3.0);
    assert_eq!(r.required_cagr, None);
    assert_eq!(r.ratio_cagr, None);
    assert_eq!(r.status, Status::OnTrack);
}

#[test]
fn cumulative_running_totals_take_the_latest() {
    let r = row(
        "kind = \"cumulative\"\ntarget = 80\nactuals = \"total\"",
        &[(2021, 14.5), (2022, 31.5), (2023, 46.7)],
        2023,
    );
    close(r.current, 46.7);
    close(r.progress, 46.7 / 80.0);
}

// --- baselines --------------------------------------------------------------

#[test]
fn a_baseline_year_other_than_the_base_year() {
    // Rank 31 in 2019, target ≤ 30 in 2025: n = 6.
    let r = row(
        "kind = \"rank\"\ntarget = 30\nbaseline = 31\nbaseline_year = 2019",
        &[(2020, 31.0), (2021, 31.0)],
        2021,
    );
    close(r.time_elapsed, 2.0 / 6.0);
    close(r.required_annual, -1.0 / 6.0);
    close(r.ratio_linear, 0.0);
    assert_eq!(r.status, Status::OffTrack);
    let r = row(
        "kind = \"rank\"\ntarget = 30\nbaseline = 31\nbaseline_year = 2019",
        &[(2021, 30.0)],
        2021,
    );
    assert_eq!(r.status, Status::Met, "rank defaults to <=");
}

#[test]
fn a_baseline_that_already_meets_the_target() {
    let fields = "kind = \"level\"\ntarget = 100\nbaseline = 110";
    assert_eq!(row(fields, &[(2022, 105.0)], 2022).status, Status::Met);
    let r = row(fields, &[(2022, 95.0)], 2022);
    close(r.ratio_linear, -3.75); // (95 − 110)/10 ÷ 0.4
    assert_eq!(r.status, Status::MovingAway);
}

#[test]
fn target_equal_to_baseline() {
    let r = row(
        "kind = \"share\"\ntarget = 100\nbaseline = 100",
        &[(2022, 98.0)],
        2022,
    );
    assert_eq!(r.progress, None);
    assert_eq!(r.ratio_linear, None);
    assert_eq!(r.status, Status::MovingAway);
    assert!(codes(&r).contains(&"no-distance"), "{:?}", r.reasons);
    let r = row(
        "kind = \"share\"\ntarget = 100\nbaseline = 100",
        &[(2022, 100.0)],
        2022,
    );
    assert_eq!(r.status, Status::Met);
}

#[test]
fn no_baseline_in_the_plan_uses_a_base_year_actual() {
    let fields = "kind = \"level\"\ncomparator = \"<=\"\ntarget = 52";
    let r = row(fields, &[(2023, 55.0)], 2023);
    assert_eq!(r.baseline, None);
    close(r.gap, 3.0);
    // The pace still needed does not depend on the baseline: (52 − 55)/2.
    close(r.needed_annual, -1.5);
    assert_eq!(r.progress, None);
    assert_eq!(r.required_cagr, None);
    assert_eq!(r.projected, None);
    assert_eq!(r.status, Status::NotAssessable);
    assert!(codes(&r).contains(&"no-baseline"), "{:?}", r.reasons);

    let r = row(fields, &[(2020, 58.0), (2023, 55.0)], 2023);
    assert_eq!(r.baseline, Some(58.0));
    close(r.progress, 0.5);
    assert_eq!(r.status, Status::Lagging);
}

#[test]
fn a_value_that_meets_the_target_is_met_even_without_baseline() {
    let r = row(
        "kind = \"share\"\ncomparator = \">\"\ntarget = 99",
        &[(2023, 99.3)],
        2023,
    );
    assert_eq!(r.status, Status::Met);
}

// --- non-positive values ----------------------------------------------------

#[test]
fn non_positive_values_have_no_cagr_but_keep_the_linear_pace() {
    let r = row(
        "kind = \"level\"\ntarget = 10\nbaseline = 0\nmethod = \"cagr\"",
        &[(2022, 4.0)],
        2022,
    );
    assert_eq!(r.required_cagr, None);
    assert_eq!(r.actual_cagr, None);
    assert_eq!(r.ratio_cagr, None);
    close(r.ratio_linear, 1.0); // 0.4 of the way in 0.4 of the time
    assert_eq!(r.method, Some(Method::Linear), "cagr falls back to linear");
    assert_eq!(r.status, Status::OnTrack);
    assert_eq!(codes(&r), ["cagr-undefined", "linear-fallback"]);

    let r = row(
        "kind = \"level\"\ntarget = 10\nbaseline = 5",
        &[(2022, -1.0)],
        2022,
    );
    assert_eq!(r.actual_cagr, None);
    assert_eq!(r.needed_cagr, None);
    assert_eq!(r.required_cagr, None, "all CAGRs need current > 0");
}

// --- rates ------------------------------------------------------------------

#[test]
fn rate_actuals_chain_from_the_baseline() {
    let r = row(
        "kind = \"level\"\ntarget = 150\nbaseline = 100\nactuals = \"rate\"",
        &[(2021, 10.0), (2022, -5.0)],
        2022,
    );
    close(r.current, 104.5); // 100 × 1.10 × 0.95
    assert_eq!(r.latest, Some(Observation::Number(-5.0)));
}

#[test]
fn rates_with_a_year_missing_before_a_later_rate_are_not_assessable() {
    // 2022 is missing and 2023 is given: chaining 2021 alone would judge
    // the target on a run that stops short, so the gap is named instead.
    let r = row(
        "kind = \"level\"\ntarget = 150\nbaseline = 100\nactuals = \"rate\"",
        &[(2021, 10.0), (2023, 50.0)],
        2023,
    );
    assert_eq!(r.status, Status::NotAssessable);
    assert_eq!(r.reasons, [Reason::RateMissing { year: 2022 }]);
    assert_eq!(r.current, None);
    // As of 2021 the run is whole: 100 × 1.10.
    let r = row(
        "kind = \"level\"\ntarget = 150\nbaseline = 100\nactuals = \"rate\"",
        &[(2021, 10.0), (2023, 50.0)],
        2021,
    );
    assert_eq!(r.latest_year, Some(2021));
    close(r.current, 110.0);
    let r = row(
        "kind = \"level\"\ntarget = 150\nbaseline = 100\nactuals = \"rate\"",
        &[(2022, 10.0)],
        2022,
    );
    assert_eq!(r.status, Status::NoData);
    assert_eq!(r.reasons, [Reason::RateMissing { year: 2021 }]);
}

#[test]
fn rates_without_a_baseline_cannot_chain() {
    let r = row(
        "kind = \"level\"\ntarget = 150\nactuals = \"rate\"",
        &[(2021, 10.0)],
        2021,
    );
    assert_eq!(r.current, None);
    assert_eq!(r.status, Status::NotAssessable);
}

// --- growth targets ---------------------------------------------------------

#[test]
fn gdp_growth_from_annual_rates() {
    // 12.5%, 4.8%, 6.1%: factor 1.125 × 1.048 × 1.061 = 1.25091…
    let r = row(
        "kind = \"growth\"\ntarget = 7.5\nbaseline = 1020\nactuals = \"rate\"",
        &[(2021, 12.5), (2022, 4.8), (2023, 6.1)],
        2023,
    );
    close(r.current, 7.748_127_041_120_689);
    close(r.actual_cagr, 0.077_481_270_411_206_89);
    close(r.required_cagr, 0.075);
    close(r.needed_cagr, 0.071_288_803_976_284_9);
    close(r.ratio_cagr, 1.033_083_605_482_758_6);
    close(r.gap, 7.5 - 7.748_127_041_120_689);
    close(r.progress, 0.575_991_984_297_681_3);
    assert_eq!(r.required_annual, None);
    assert_eq!(r.ratio_linear, None);
    assert_eq!(r.projected, None);
    assert_eq!(r.method, Some(Method::Cagr));
    assert_eq!(r.status, Status::OnTrack);
}

#[test]
fn export_growth_from_levels() {
    let r = row(
        "kind = \"growth\"\ntarget = 15\nbaseline = 4.3",
        &[(2021, 5.1), (2022, 5.6), (2023, 6.0)],
        2023,
    );
    close(r.current, 11.744_870_942_148_067);
    close(r.ratio_cagr, 0.117_448_709_421_480_67 / 0.15);
    assert_eq!(r.status, Status::Lagging);
}

#[test]
fn growth_in_the_target_year_is_met_or_missed() {
    let fields = "kind = \"growth\"\ntarget = 7.5\nactuals = \"rate\"";
    let five = |r: f64| [(2021, r), (2022, r), (2023, r), (2024, r), (2025, r)];
    assert_eq!(row(fields, &five(7.5), 2025).status, Status::Met);
    assert_eq!(row(fields, &five(7.4), 2025).status, Status::Missed);
}

#[test]
fn a_growth_cap_holds_while_the_rate_stays_within_it() {
    // ≤ 5% a year; 3% then 4%: realized √(1.03 × 1.04) − 1 = 3.49879…%.
    let cap = "kind = \"growth\"\ncomparator = \"<=\"\ntarget = 5\nactuals = \"rate\"";
    let r = row(cap, &[(2021, 3.0), (2022, 4.0)], 2022);
    close(r.current, 3.498_792_263_484_907);
    close(r.gap, -(5.0 - 3.498_792_263_484_907));
    // (1.05⁵ / 1.0712)^(1/3) − 1 = 6.01288…%: the most the rest may grow.
    close(r.needed_cagr, 0.060_128_826_476_201_2);
    close(r.required_cagr, 0.05);
    assert_eq!(r.ratio_cagr, None);
    assert_eq!(r.progress, None);
    assert_eq!(r.status, Status::OnTrack);
    assert_eq!(r.reasons.first(), Some(&Reason::GrowthCap));

    // 20% a year breaks a 5% cap: off-track, never `ahead`.
    let r = row(cap, &[(2021, 20.0), (2022, 20.0)], 2022);
    close(r.gap, 15.0);
    assert_eq!(r.status, Status::OffTrack);
    let five = |v: f64| [(2021, v), (2022, v), (2023, v), (2024, v), (2025, v)];
    assert_eq!(row(cap, &five(5.0), 2025).status, Status::Met);
    assert_eq!(row(cap, &five(5.1), 2025).status, Status::Missed);
}

#[test]
fn a_growth_target_requires_g_even_without_data() {
    let r = row(
        "kind = \"growth\"\ntarget = 7.5\nactuals = \"rate\"",
        &[],
        2023,
    );
    assert_eq!(r.status, Status::NoData);
    close(r.required_cagr, 0.075);
}

#[test]
fn growth_from_non_positive_levels_is_not_assessable() {
    let r = row(
        "kind = \"growth\"\ntarget = 15\nbaseline = 4.3",
        &[(2021, 0.0)],
        2021,
    );
    assert_eq!(r.current, None);
    assert_eq!(r.status, Status::NotAssessable);
    assert_eq!(codes(&r), ["growth-needs-positive"]);
}

// --- milestones -------------------------------------------------------------

fn milestone(values: &[(i32, bool)], as_of: i32) -> Row {
    let plan = plan_with("kind = \"milestone\"", "");
    let series: Series = values
        .iter()
        .map(|&(y, b)| (y, Observation::Flag(b)))
        .collect();
    assess_indicator(&plan.indicators[0], &plan.assessment, &series, None, as_of)
}

#[test]
fn milestones_are_met_pending_or_missed() {
    let r = milestone(&[(2023, true)], 2023);
    assert_eq!((r.status, r.current), (Status::Met, Some(1.0)));
    let r = milestone(&[(2023, false)], 2023);
    assert_eq!((r.status, r.current), (Status::Pending, Some(0.0)));
    assert_eq!(r.gap, None);
    assert_eq!(milestone(&[(2025, false)], 2025).status, Status::Missed);
    // No 2025 value, but the as-of year is the target year: not yet
    // achieved in 2024 says nothing of 2025, so it awaits that figure.
    let r = milestone(&[(2024, false)], 2025);
    assert_eq!(r.status, Status::Awaiting);
    assert_eq!(
        r.reasons,
        [Reason::AwaitingFinal {
            latest: 2024,
            target_year: 2025
        }]
    );
    // Achieved in 2023 stays achieved, with nothing to confirm.
    let r = milestone(&[(2023, true)], 2025);
    assert_eq!((r.status, r.reasons.len()), (Status::Met, 0));
}

// --- years considered -------------------------------------------------------

#[test]
fn as_of_before_the_latest_data() {
    let r = row(
        "kind = \"level\"\ntarget = 1800\nbaseline = 1210",
        &[(2021, 1290.0), (2022, 1330.0), (2023, 1360.0)],
        2022,
    );
    assert_eq!(r.latest_year, Some(2022));
    close(r.current, 1330.0);
    close(r.time_elapsed, 0.4);
}

#[test]
fn data_past_the_target_year_is_ignored() {
    let r = row(
        "kind = \"level\"\ntarget = 1800\nbaseline = 1210",
        &[(2025, 1700.0), (2026, 1900.0)],
        2026,
    );
    assert_eq!(r.latest_year, Some(2025));
    close(r.time_elapsed, 1.0);
    assert_eq!(r.needed_cagr, None);
    close(r.projected, 1700.0);
    assert_eq!(r.status, Status::Missed);
}

#[test]
fn no_data_leaves_every_figure_null() {
    let r = row(
        "kind = \"level\"\ntarget = 1800\nbaseline = 1210",
        &[],
        2023,
    );
    assert_eq!(r.status, Status::NoData);
    assert_eq!(r.baseline, Some(1210.0));
    for figure in [
        r.current,
        r.gap,
        r.progress,
        r.time_elapsed,
        r.required_cagr,
        r.actual_cagr,
        r.needed_cagr,
        r.required_annual,
        r.actual_annual,
        r.needed_annual,
        r.ratio_linear,
        r.ratio_cagr,
        r.projected,
    ] {
        assert_eq!(figure, None);
    }
    assert_eq!(
        r.reasons,
        [Reason::NoActual {
            first: 2021,
            last: 2023
        }]
    );
    // Data only for the base year is not progress.
    let r = row(
        "kind = \"level\"\ntarget = 1800\nbaseline = 1210",
        &[(2020, 1210.0)],
        2020,
    );
    assert_eq!(r.status, Status::NoData);
}

#[test]
fn thresholds_come_from_the_assessment_table() {
    let plan = plan_with(
        "kind = \"level\"\ntarget = 1800\nbaseline = 1210",
        "[assessment]\nahead = 1.5\non_track = 0.9\nlagging = 0.4",
    );
    // ratio 0.4237 is off-track by default, lagging with these thresholds.
    let r = assess_indicator(
        &plan.indicators[0],
        &plan.assessment,
        &numbers(&[(2023, 1360.0)]),
        None,
        2023,
    );
    assert_eq!(r.status, Status::Lagging);
}

// --- properties -------------------------------------------------------------

/// A target and baseline far enough apart, in either direction.
// --- the required paths and the year-by-year history (for `show`) -----------

#[test]
fn required_paths_by_hand() {
    // 1210 → 1800 in five years: +118 a year; 1210·(1800/1210)^(k/5).
    close(pace::linear_path(1210.0, 1800.0, 5.0, 2.0), 1446.0);
    close(
        pace::cagr_path(1210.0, 1800.0, 5.0, 2.0),
        1_418.339_585_883_543_4,
    );
    // PM2.5 58 → 52: down 1.2 a year.
    close(pace::linear_path(58.0, 52.0, 5.0, 3.0), 54.4);
    assert_eq!(pace::cagr_path(0.0, 10.0, 5.0, 1.0), None);
    assert_eq!(pace::linear_path(1.0, 2.0, 0.0, 1.0), None);
}

#[test]
fn history_assesses_each_year_as_of_that_year() {
    let plan = plan_with(
        "kind = \"level\"\ncomparator = \">\"\ntarget = 1800\nbaseline = 1210",
        "",
    );
    let series = numbers(&[(2021, 1290.0), (2022, 1330.0), (2023, 1360.0)]);
    let steps = history(&plan.indicators[0], &plan.assessment, &series, None, 2022);
    let years: Vec<i32> = steps.iter().map(|s| s.year).collect();
    assert_eq!(years, [2020, 2021, 2022, 2023, 2024, 2025]);
    assert_eq!(steps[0].current, Some(1210.0), "the baseline year shows B");
    assert_eq!(steps[0].status, None);
    // 2021: 80/590 of the way in 1/5 of the time: ratio 0.678 → lagging.
    assert_eq!(steps[1].current, Some(1290.0));
    assert_eq!(steps[1].status, Some(Status::Lagging));
    // 2022: 120/590 in 2/5: ratio 0.508 → off-track.
    assert_eq!(steps[2].status, Some(Status::OffTrack));
    // 2023 is after the as-of year: no actual shown, only the paths.
    assert_eq!(steps[3].actual, None);
    assert_eq!(steps[3].status, None);
    close(steps[3].linear_path, 1564.0);
    close(steps[5].cagr_path, 1800.0);
}

#[test]
fn history_of_a_cumulative_target_runs_from_zero() {
    let plan = plan_with("kind = \"cumulative\"\ntarget = 40000", "");
    let series = numbers(&[(2021, 8200.0), (2022, 7900.0), (2023, 8400.0)]);
    let steps = history(&plan.indicators[0], &plan.assessment, &series, None, 2023);
    assert_eq!(steps[0].current, Some(0.0));
    assert_eq!(steps[1].current, Some(8200.0));
    assert_eq!(steps[2].current, Some(16100.0));
    assert_eq!(steps[3].current, Some(24500.0), "the running total");
    close(steps[3].linear_path, 24000.0);
    assert_eq!(steps[3].cagr_path, None);

    // With 2022 missing, 2023 cannot be summed: a missing year is not zero.
    let gappy = numbers(&[(2021, 8200.0), (2023, 8400.0)]);
    let steps = history(&plan.indicators[0], &plan.assessment, &gappy, None, 2023);
    assert_eq!(steps[1].current, Some(8200.0));
    assert_eq!(steps[3].current, None);
    assert_eq!(steps[3].status, Some(Status::NotAssessable));
}

fn endpoints() -> impl Strategy<Value = (f64, f64)> {
    (1.0f64..1000.0, 0.2f64..5.0).prop_filter_map("distinct", |(b, f)| {
        ((f - 1.0).abs() > 0.01).then_some((b, b * f))
    })
}

fn level_fields(b: f64, t: f64, method: &str) -> String {
    let cmp = if t > b { ">=" } else { "<=" };
    format!(
        "kind = \"level\"\ncomparator = \"{cmp}\"\ntarget = {t:?}\nbaseline = {b:?}\nmethod = \"{method}\""
    )
}

proptest! {
    #[test]
    fn the_straight_line_path_is_on_track_every_year((b, t) in endpoints(), k in 1i32..5) {
        let current = b + (t - b) * f64::from(k) / 5.0;
        let r = row(&level_fields(b, t, "linear"), &[(2020 + k, current)], 2020 + k);
        prop_assert!((r.ratio_linear.unwrap() - 1.0).abs() < 1e-9);
        prop_assert_eq!(r.status, Status::OnTrack);
        prop_assert!((r.projected.unwrap() - t).abs() < 1e-6 * t.abs().max(1.0));
    }

    #[test]
    fn the_constant_growth_path_is_on_track_every_year((b, t) in endpoints(), k in 1i32..5) {
        let current = b * (t / b).powf(f64::from(k) / 5.0);
        let r = row(&level_fields(b, t, "cagr"), &[(2020 + k, current)], 2020 + k);
        prop_assert!((r.ratio_cagr.unwrap() - 1.0).abs() < 1e-9);
        prop_assert_eq!(r.method, Some(Method::Cagr));
        prop_assert_eq!(r.status, Status::OnTrack);
        prop_assert!((r.needed_cagr.unwrap() - r.required_cagr.unwrap()).abs() < 1e-9);
    }

    #[test]
    fn a_constant_growth_rate_series_is_on_track(g in 0.5f64..20.0, k in 1i32..5) {
        let values: Vec<(i32, f64)> = (1..=k).map(|i| (2020 + i, g)).collect();
        let r = row(&format!("kind = \"growth\"\ntarget = {g:?}\nactuals = \"rate\""), &values, 2020 + k);
        prop_assert!((r.ratio_cagr.unwrap() - 1.0).abs() < 1e-9);
        prop_assert_eq!(r.status, Status::OnTrack);
    }

    #[test]
    fn required_paths_run_from_baseline_to_target((b, t) in endpoints(), n in 1u32..30) {
        let n = f64::from(n);
        for path in [pace::linear_path, pace::cagr_path] {
            prop_assert!((path(b, t, n, 0.0).unwrap() - b).abs() <= 1e-9 * b);
            prop_assert!((path(b, t, n, n).unwrap() - t).abs() <= 1e-9 * t);
            // Monotone between the ends.
            let mid = path(b, t, n, n / 2.0).unwrap();
            prop_assert!(mid > b.min(t) && mid < b.max(t));
        }
    }

    #[test]
    fn cagr_round_trips(b in 0.01f64..1e6, t in 0.01f64..1e6, n in 1u32..30) {
        let r = pace::cagr(b, t, f64::from(n)).unwrap();
        let back = pace::compound(b, r, f64::from(n)).unwrap();
        prop_assert!((back - t).abs() <= 1e-9 * t);
    }

    #[test]
    fn moving_away_never_improves_the_status(
        (b, t) in endpoints(),
        k in 1i32..=5,
        c in 0.01f64..2000.0,
        step in 0.0f64..500.0,
        method in prop::sample::select(vec!["linear", "cagr"]),
    ) {
        let fields = level_fields(b, t, method);
        let away = if t > b { c - step } else { c + step };
        let near = row(&fields, &[(2020 + k, c)], 2020 + k);
        let far = row(&fields, &[(2020 + k, away)], 2020 + k);
        prop_assert!(
            far.status.rank() <= near.status.rank(),
            "{} at {c} but {} at {away}", near.status, far.status
        );
    }

    #[test]
    fn figures_are_never_nan_or_infinite(
        b in -100f64..1000.0, t in -100f64..1000.0, c in -100f64..1000.0, k in 1i32..=6,
        kind in prop::sample::select(vec!["level", "share", "rank"]),
    ) {
        let r = row(&format!("kind = \"{kind}\"\ntarget = {t:?}\nbaseline = {b:?}"), &[(2020 + k, c)], 2020 + k);
        for v in [r.current, r.gap, r.progress, r.time_elapsed, r.required_cagr, r.actual_cagr,
                  r.needed_cagr, r.required_annual, r.actual_annual, r.needed_annual,
                  r.ratio_linear, r.ratio_cagr, r.projected].into_iter().flatten() {
            prop_assert!(v.is_finite());
        }
    }
}

// --- at the end of the period (docs/methodology.md, "At the end of the period")

#[test]
fn at_the_target_year_an_older_figure_gets_no_pace_verdict() {
    // 1210 (2020) → > 1800 (2025); 1360 in 2023 and nothing since. As of
    // 2023 this is a pace verdict; as of 2025 it awaits the 2025 figure,
    // keeping what the 2023 figure shows: progress 150/590, the linear
    // projection 1360 + 50 × 2 = 1460, and no pace still needed.
    let fields = "kind = \"level\"\ncomparator = \">\"\ntarget = 1800\nbaseline = 1210";
    let values = [(2021, 1290.0), (2022, 1330.0), (2023, 1360.0)];
    let mid = row(fields, &values, 2023);
    assert_eq!(mid.status, Status::OffTrack);
    let end = row(fields, &values, 2025);
    assert_eq!(end.status, Status::Awaiting);
    assert_eq!(end.latest_year, Some(2023));
    close(end.current, 1360.0);
    close(end.progress, 150.0 / 590.0);
    close(end.projected, 1460.0);
    assert_eq!((end.needed_annual, end.needed_cagr), (None, None));
    assert!(end.reasons.contains(&Reason::AwaitingFinal {
        latest: 2023,
        target_year: 2025
    }));
    assert!(codes(&end).contains(&"awaiting-final"));
}

#[test]
fn a_floor_already_reached_is_met_early_and_marked() {
    let r = row(
        "kind = \"level\"\ntarget = 1800\nbaseline = 1210",
        &[(2022, 1700.0), (2023, 1900.0)],
        2025,
    );
    assert_eq!(r.status, Status::Met);
    assert_eq!(
        r.reasons,
        [Reason::MetEarly {
            year: 2023,
            confirm: 2025
        }]
    );
    // An average growth rate above the target so far (8.58% a year over
    // 2021–2023 against >= 7.5%) is not met until 2024 and 2025 are in.
    let r = row(
        "kind = \"growth\"\ntarget = 7.5\nactuals = \"rate\"",
        &[(2021, 12.5), (2022, 4.8), (2023, 8.6)],
        2025,
    );
    close(
        r.current,
        ((1.125f64 * 1.048 * 1.086).powf(1.0 / 3.0) - 1.0) * 100.0,
    );
    assert_eq!(r.status, Status::Awaiting);
    assert_eq!(r.needed_cagr, None);
}

#[test]
fn a_cap_an_every_year_rule_and_a_rank_met_early_still_await_the_final_year() {
    // PM2.5 <= 35, 30 in 2023: 2025 could still break it.
    let cap = row(
        "kind = \"level\"\ncomparator = \"<=\"\ntarget = 35\nbaseline = 40",
        &[(2023, 30.0)],
        2025,
    );
    assert_eq!(cap.status, Status::Awaiting);
    let every = row(
        "kind = \"share\"\ntarget = 99\nevery_year = true",
        &[(2021, 99.5), (2022, 99.2), (2023, 99.4)],
        2025,
    );
    assert_eq!(every.status, Status::Awaiting);
    let rank = row(
        "kind = \"rank\"\ntarget = 30\nbaseline = 40",
        &[(2023, 25.0)],
        2025,
    );
    assert_eq!(rank.status, Status::Awaiting);
}

#[test]
fn a_failure_that_is_already_final_stays_missed_at_the_end() {
    // Must hold every year, broke in 2022: missed whatever 2025 brings.
    let r = row(
        "kind = \"share\"\ntarget = 99\nevery_year = true",
        &[(2021, 99.5), (2022, 98.0), (2023, 99.4)],
        2025,
    );
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.reasons, [Reason::EveryYear { year: 2022 }]);
}

#[test]
fn a_rate_series_missing_a_year_before_the_target_year_names_it() {
    // 2023 is missing, 2024 and 2025 given: not judged on 2021–2022 alone.
    let r = row(
        "kind = \"growth\"\ntarget = 7.5\nactuals = \"rate\"",
        &[(2021, 12.5), (2022, 4.8), (2024, 6.0), (2025, 7.0)],
        2025,
    );
    assert_eq!(r.status, Status::NotAssessable);
    assert_eq!(r.reasons, [Reason::RateMissing { year: 2023 }]);
}

#[test]
fn with_the_target_years_figure_the_verdict_is_final() {
    let fields = "kind = \"level\"\ncomparator = \">\"\ntarget = 1800\nbaseline = 1210";
    let r = row(fields, &[(2023, 1360.0), (2025, 1700.0)], 2025);
    assert_eq!((r.status, r.latest_year), (Status::Missed, Some(2025)));
    let r = row(fields, &[(2023, 1360.0), (2025, 1850.0)], 2025);
    assert_eq!((r.status, r.reasons.len()), (Status::Met, 0));
}

// --- approximate targets (左右): docs/methodology.md, "Approximate targets"

#[test]
fn an_approximate_target_is_reached_within_the_tolerance() {
    // 6左右 growth, given as yearly rates: 5.9, 5.8, 5.7, 5.8, 5.8 average
    // (Π(1 + r/100))^(1/5) − 1 = 5.7999…%; at least 6 × 0.95 = 5.7 passes.
    let rates = [
        (2021, 5.9),
        (2022, 5.8),
        (2023, 5.7),
        (2024, 5.8),
        (2025, 5.8),
    ];
    let fields = "kind = \"growth\"\nunit = \"%\"\nactuals = \"rate\"\ntarget = 6";
    let exact = row(fields, &rates, 2025);
    assert_eq!(exact.status, Status::Missed);
    let about = row(&format!("{fields}\nabout = true"), &rates, 2025);
    assert_eq!(about.status, Status::Met);
    close(about.target, 5.7);
    assert!(codes(&about).contains(&"about"));
    // A cap: 35左右 with <= is at most 35 × 1.05 = 36.75.
    let cap = "kind = \"level\"\ncomparator = \"<=\"\ntarget = 35\nbaseline = 40\nabout = true";
    assert_eq!(row(cap, &[(2025, 36.5)], 2025).status, Status::Met);
    assert_eq!(row(cap, &[(2025, 37.0)], 2025).status, Status::Missed);
    // The plan sets the tolerance.
    let plan = plan_with(
        &format!("{fields}\nabout = true"),
        "[assessment]\nabout = 0.02",
    );
    let strict = assess_indicator(
        &plan.indicators[0],
        &plan.assessment,
        &numbers(&rates),
        None,
        2025,
    );
    close(strict.target, 5.88);
    assert_eq!(strict.status, Status::Missed);
}

// --- reduction targets (降低〔13.5〕): docs/methodology.md, "Reduction targets"

#[test]
fn yearly_cuts_compound_into_the_periods_reduction() {
    // 2.8% a year for five years sums to 14, but compounds to
    // 100 × (1 − 0.972⁵) = 13.2399…%: short of a five-year cut of 13.5%.
    let fields = "kind = \"cumulative\"\nunit = \"%\"\nactuals = \"cut\"\ntarget = 13.5";
    let cuts: Vec<(i32, f64)> = (2021..=2025).map(|y| (y, 2.8)).collect();
    let end = row(fields, &cuts, 2025);
    close(end.current, 100.0 * (1.0 - 0.972_f64.powi(5)));
    assert_eq!(end.status, Status::Missed);
    // 3% and then 4%: 100 × (1 − 0.97 × 0.96) = 6.88 of 13.5 after two of
    // five years: progress 0.5096 against time 0.4, ahead of the line.
    let mid = row(fields, &[(2021, 3.0), (2022, 4.0)], 2022);
    close(mid.current, 6.88);
    close(mid.progress, 6.88 / 13.5);
    assert_eq!(mid.status, Status::Ahead);
    // A year left out is not a year without a cut.
    let gap = row(fields, &[(2021, 3.0), (2023, 4.0)], 2023);
    assert_eq!(gap.status, Status::NotAssessable);
}
