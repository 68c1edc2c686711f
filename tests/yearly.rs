//! Targets judged year by year (docs/methodology.md, "Relative, trend and
//! every-year targets") against hand-computed cases, and property tests of
//! their rules: a trend that improves every year is met, one reversal
//! misses it, and a relative target reads the same with its sides swapped.

mod common;

use common::{numbers, plan_from, plantrack_en as plantrack, refused, stdout_of, write_file};
use plantrack::assess::{Reason, Row, Status, assess_indicator, history};
use plantrack::plan::Plan;
use proptest::prelude::*;

/// A plan for 2020–2025 of a reference series `r` (levels or rates, as
/// `actuals` says) and the indicator `x` with `fields`.
fn plan_with(fields: &str, actuals: &str) -> Plan {
    let text = format!(
        "[plan]\nid = \"t\"\nname = \"t\"\nbase_year = 2020\ntarget_year = 2025\n\n\
         [[indicator]]\nid = \"r\"\nname = \"r\"\nkind = \"reference\"\nactuals = \"{actuals}\"\n\n\
         [[indicator]]\nid = \"x\"\nname = \"x\"\nactuals = \"{actuals}\"\n{fields}\n"
    );
    plan_from(&text)
}

/// `x` of `plan` assessed on `values`, against `reference`, as of `as_of`.
fn assess(plan: &Plan, values: &[(i32, f64)], reference: &[(i32, f64)], as_of: i32) -> Row {
    let x = plan.indicator("x").expect("x");
    let reference = numbers(reference);
    assess_indicator(
        x,
        &plan.assessment,
        &numbers(values),
        Some(&reference),
        as_of,
    )
}

fn row(fields: &str, values: &[(i32, f64)], as_of: i32) -> Row {
    assess(&plan_with(fields, "level"), values, &[], as_of)
}

#[track_caller]
fn near(actual: Option<f64>, expected: f64) {
    let a = actual.expect("a figure");
    assert!((a - expected).abs() < 1e-9, "{a} != {expected}");
}

// --- relative targets --------------------------------------------------------

const RELATIVE: &str = "kind = \"relative\"\ncomparator = \">\"\nreference = \"r\"";

#[test]
fn relative_every_year_holds_so_far_then_misses_in_the_year_it_fails() {
    let plan = plan_with(RELATIVE, "rate");
    let x = [(2021, 9.0), (2022, 7.0), (2023, 6.5)];
    let r = [(2021, 8.0), (2022, 6.0), (2023, 7.0)];
    // As of 2022: 9 > 8 and 7 > 6; the latest compared, 7 against 6.
    let row = assess(&plan, &x, &r, 2022);
    assert_eq!(row.status, Status::OnTrack);
    near(row.current, 7.0);
    near(row.target, 6.0);
    near(row.gap, -1.0);
    // As of 2023: 6.5 is not above 7, so it can no longer hold every year.
    let row = assess(&plan, &x, &r, 2023);
    assert_eq!(row.status, Status::Missed);
    assert_eq!(row.reasons, [Reason::EveryYear { year: 2023 }]);
    near(row.gap, 0.5);
}

#[test]
fn relative_on_average_compares_the_mean_rates() {
    // Arithmetic means are 7.0 and 7.0, which `>=` would pass; the mean
    // rates are √(1.09·1.05) − 1 = 6.981307% and √(1.08·1.06) − 1 =
    // 6.995327%, which it does not.
    let plan = plan_with(
        "kind = \"relative\"\ncomparator = \">=\"\nreference = \"r\"\nrule = \"average\"",
        "rate",
    );
    let row = assess(
        &plan,
        &[(2021, 9.0), (2022, 5.0)],
        &[(2021, 8.0), (2022, 6.0)],
        2022,
    );
    assert!((row.current.expect("current") - 6.981_306_778).abs() < 1e-8);
    assert!((row.target.expect("target") - 6.995_327_001).abs() < 1e-8);
    assert_eq!(row.status, Status::OffTrack);
    assert_eq!(
        row.reasons,
        [Reason::AverageOver {
            first: 2021,
            last: 2022
        }]
    );
    // Levels are averaged arithmetically: (10 + 20)/2 = 15 against 14.
    let plan = plan_with(
        "kind = \"relative\"\ncomparator = \">\"\nreference = \"r\"\nrule = \"average\"",
        "level",
    );
    let row = assess(
        &plan,
        &[(2021, 10.0), (2022, 20.0)],
        &[(2021, 16.0), (2022, 12.0)],
        2022,
    );
    near(row.current, 15.0);
    near(row.target, 14.0);
    assert_eq!(row.status, Status::OnTrack, "judged as of 2022");
    // As of the target year, figures that stop at 2022 await the final one.
    let row = assess(
        &plan,
        &[(2021, 10.0), (2022, 20.0)],
        &[(2021, 16.0), (2022, 12.0)],
        2025,
    );
    near(row.current, 15.0);
    assert_eq!(row.status, Status::Awaiting);
    assert_eq!(
        row.reasons.last(),
        Some(&Reason::AwaitingFinal {
            latest: 2022,
            target_year: 2025
        })
    );
}

#[test]
fn relative_is_met_only_when_every_year_to_the_target_year_is_judged() {
    let plan = plan_with(RELATIVE, "level");
    let x: Vec<(i32, f64)> = (2021..=2025).map(|y| (y, 10.0)).collect();
    let r: Vec<(i32, f64)> = (2021..=2025).map(|y| (y, 9.0)).collect();
    assert_eq!(assess(&plan, &x, &r, 2025).status, Status::Met);
    // The reference has no 2024 figure: that year cannot be said to hold.
    let gappy: Vec<(i32, f64)> = r.iter().copied().filter(|p| p.0 != 2024).collect();
    let row = assess(&plan, &x, &gappy, 2025);
    assert_eq!(row.status, Status::NotAssessable);
    assert_eq!(row.reasons, [Reason::YearsUnjudged { years: vec![2024] }]);
    // Without any reference figure, no data to compare.
    let row = assess(&plan, &x, &[], 2025);
    assert_eq!(row.status, Status::NoData);
    assert_eq!(
        row.reasons,
        [Reason::NoReferenceData {
            reference: "r".into()
        }]
    );
}

// --- trends ------------------------------------------------------------------

#[test]
fn a_trend_must_improve_on_the_year_before_every_year() {
    let fields = "kind = \"trend\"\ncomparator = \">\"\nbaseline = 100";
    let rising = [
        (2021, 101.0),
        (2022, 102.0),
        (2023, 103.0),
        (2024, 104.0),
        (2025, 105.0),
    ];
    assert_eq!(row(fields, &rising, 2023).status, Status::OnTrack);
    let met = row(fields, &rising, 2025);
    assert_eq!(met.status, Status::Met);
    near(met.current, 105.0);
    near(met.target, 104.0);
    near(met.gap, -1.0);
    // Standing still is not improving: 102 in 2022 and again in 2023.
    let flat = [(2021, 101.0), (2022, 102.0), (2023, 102.0)];
    let r = row(fields, &flat, 2023);
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.reasons, [Reason::NotImproved { year: 2023 }]);
    // Falling: `<` (持续减少) wants each year below the one before.
    let falling = "kind = \"trend\"\ncomparator = \"<\"\nbaseline = 5230";
    let r = row(
        falling,
        &[(2021, 5105.0), (2022, 5120.0), (2023, 4980.0)],
        2023,
    );
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.reasons, [Reason::NotImproved { year: 2022 }]);
}

#[test]
fn a_trend_starts_from_the_baseline_year_figure_when_the_plan_has_none() {
    let fields = "kind = \"trend\"\ncomparator = \">\"";
    let r = row(fields, &[(2020, 61.2), (2021, 62.0), (2022, 62.8)], 2022);
    near(r.baseline, 61.2);
    assert_eq!(r.status, Status::OnTrack);
    // Without it, 2021 has nothing to improve on.
    let r = row(fields, &[(2021, 62.0)], 2021);
    assert_eq!(r.status, Status::NotAssessable);
    assert_eq!(r.reasons, [Reason::NoBaseline { year: 2020 }]);
}

#[test]
fn a_trend_judged_overall_compares_the_latest_with_the_baseline() {
    let fields = "kind = \"trend\"\ncomparator = \">\"\nbaseline = 100\nrule = \"overall\"";
    let r = row(fields, &[(2021, 98.0)], 2021);
    assert_eq!(r.status, Status::OffTrack);
    near(r.gap, 2.0);
    assert_eq!(
        row(fields, &[(2021, 98.0), (2022, 103.0)], 2022).status,
        Status::OnTrack
    );
    assert_eq!(
        row(fields, &[(2021, 98.0), (2025, 101.0)], 2025).status,
        Status::Met
    );
    assert_eq!(row(fields, &[(2025, 99.0)], 2025).status, Status::Missed);
}

// --- every-year conditions and multiples -------------------------------------

#[test]
fn an_every_year_condition_fails_in_its_first_bad_year() {
    let fields = "kind = \"share\"\ncomparator = \">\"\ntarget = 99\nevery_year = true";
    let r = row(fields, &[(2021, 99.5), (2022, 98.9), (2023, 99.6)], 2023);
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.reasons, [Reason::EveryYear { year: 2022 }]);
    near(r.gap, -0.6);
    assert_eq!(r.method, None, "decided by each year, not a pace");
    // The first bad year is named, not the last.
    let r = row(fields, &[(2021, 98.0), (2022, 98.9), (2023, 99.6)], 2023);
    assert_eq!(r.reasons, [Reason::EveryYear { year: 2021 }]);
    let good: Vec<(i32, f64)> = (2021..=2025).map(|y| (y, 99.5)).collect();
    assert_eq!(row(fields, &good[..3], 2023).status, Status::OnTrack);
    assert_eq!(row(fields, &good, 2025).status, Status::Met);
    // The same figures without `every_year`: met on the latest alone.
    let once = "kind = \"share\"\ncomparator = \">\"\ntarget = 99";
    assert_eq!(
        row(once, &[(2021, 99.5), (2022, 98.9), (2023, 99.6)], 2023).status,
        Status::Met
    );
}

#[test]
fn a_target_factor_multiplies_the_baseline() {
    let r = row(
        "kind = \"level\"\ntarget_factor = 2\nbaseline = 284",
        &[(2023, 430.0)],
        2023,
    );
    near(r.target, 568.0);
    // (430 − 284)/(568 − 284) = 146/284 = 0.514085 of the way, 3/5 of the time.
    assert!((r.progress.expect("progress") - 146.0 / 284.0).abs() < 1e-12);
    assert_eq!(r.status, Status::Lagging);
}

#[test]
fn show_marks_each_year_held_or_not() {
    let plan = plan_with(RELATIVE, "rate");
    let x = plan.indicator("x").expect("x");
    let reference = numbers(&[(2021, 8.0), (2022, 8.0)]);
    let steps = history(
        x,
        &plan.assessment,
        &numbers(&[(2021, 9.0), (2022, 7.0)]),
        Some(&reference),
        2022,
    );
    let held: Vec<Option<bool>> = steps.iter().map(|s| s.judged.map(|j| j.holds)).collect();
    assert_eq!(held, [None, Some(true), Some(false), None, None, None]);
    assert_eq!(steps[2].judged.map(|j| j.against), Some(8.0));
}

// --- the plan's commitments on the example actuals ---------------------------

fn example_rows() -> Vec<serde_json::Value> {
    let out = stdout_of(plantrack().args([
        "report",
        "--actuals",
        "examples/actuals",
        "--format",
        "json",
    ]));
    let report: serde_json::Value = serde_json::from_slice(&out).expect("json");
    report["indicators"].as_array().expect("rows").clone()
}

#[test]
fn the_example_report_assesses_the_relative_trend_and_every_year_targets() {
    let rows = example_rows();
    let get = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no row {id}"))
    };
    let figures = |id: &str| {
        let r = get(id);
        (
            r["current"].as_f64(),
            r["target"].as_f64(),
            r["status"].as_str().unwrap_or_default().to_string(),
            r["reason_code"].as_str().map(str::to_string),
        )
    };
    // Income 9.8, 5.6, 6.9% against GDP 12.5, 4.8, 6.1%: mean rates
    // (1.098·1.056·1.069)^(1/3) − 1 = 7.4191% against 7.7481%.
    let (current, target, status, reason) = figures("income_growth_vs_gdp");
    assert!((current.expect("current") - 7.419_053_453).abs() < 1e-8);
    assert!((target.expect("target") - 7.748_127_041).abs() < 1e-8);
    assert_eq!(
        (status.as_str(), reason.as_deref()),
        ("off-track", Some("average-over"))
    );
    // gdp_growth's own figures (`of`) against the city's: 6.1 > 5.7 in 2023,
    // as in 2021 and 2022.
    assert_eq!(
        figures("gdp_growth_above_city"),
        (Some(6.1), Some(5.7), "on-track".into(), None)
    );
    // Against the national zones: 4.8 is not above 5.5 in 2022.
    let zones = get("gdp_growth_above_national_zones");
    assert_eq!(zones["status"], "missed");
    assert_eq!(
        zones["reason"],
        "must hold in every year, and did not in 2022"
    );
    // Trends: 61.2 → 62.0 → 62.8 → 63.1 rises every year; emissions rise in 2022.
    assert_eq!(
        figures("hightech_value_added_share"),
        (Some(63.1), Some(62.8), "on-track".into(), None)
    );
    assert_eq!(
        figures("major_pollutant_emissions"),
        (
            Some(4980.0),
            Some(5120.0),
            "missed".into(),
            Some("not-improved".into())
        )
    );
    // 倍增: twice 284 from high_tech_enterprises' figures.
    assert_eq!(
        figures("high_tech_enterprises_doubled"),
        (Some(430.0), Some(568.0), "lagging".into(), None)
    );
    // 98.6% in 2021 is not above 99%, though 99.3% in 2023 is.
    assert_eq!(
        figures("product_spot_check_pass_rate"),
        (
            Some(99.3),
            Some(99.0),
            "missed".into(),
            Some("every-year".into())
        )
    );
    // Reference series are compared with, not reported.
    assert!(rows.iter().all(|r| r["kind"] != "reference"));
}

#[test]
fn show_lists_both_series_and_marks_each_year() {
    let out = stdout_of(plantrack().args([
        "show",
        "gdp_growth_above_national_zones",
        "--actuals",
        "examples/actuals",
        "--lang",
        "en",
    ]));
    let text = String::from_utf8(out).expect("utf-8");
    let year = |y: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.starts_with(y))
            .unwrap_or_else(|| panic!("no {y} in\n{text}"))
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        year("2021"),
        ["2021", "12.5%", "12.5", "11.8", "✓", "on-track"]
    );
    assert_eq!(year("2022"), ["2022", "4.8%", "4.8", "5.5", "✗", "missed"]);
    assert!(
        text.contains("year  actual  assessed  reference  held  status"),
        "{text}"
    );
    assert_eq!(year("figures"), ["figures", "those", "of", "`gdp_growth`"]);
    let reference = stdout_of(plantrack().args(["show", "city_gdp_growth", "--lang", "en"]));
    let reference = String::from_utf8(reference).expect("utf-8");
    assert!(
        reference
            .lines()
            .any(|l| l.starts_with("target")
                && l.ends_with("none (a reference series, compared with)")),
        "{reference}"
    );
    let scope = stdout_of(plantrack().args(["show", "nev_icv", "--lang", "en"]));
    let scope = String::from_utf8(scope).expect("utf-8");
    let warning = scope
        .lines()
        .find(|l| l.starts_with("warning: baseline scope"))
        .unwrap_or_else(|| panic!("no scope warning in\n{scope}"));
    assert!(
        warning.ends_with("The 72亿元 baseline covers new-energy vehicles only; the target adds intelligent connected vehicles, so the pace may read high."),
        "{warning}"
    );
}

#[test]
fn figures_for_an_indicator_that_takes_another_s_are_refused() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let path = write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\nhigh_tech_enterprises_doubled,2021,300\n",
    );
    let err = refused(
        plantrack().args(["check", "--actuals", &path]),
        &path,
        "a.csv",
    );
    assert!(
        err.contains("a.csv:2: indicator `high_tech_enterprises_doubled` takes its figures from `high_tech_enterprises` (the plan's `of`): give them under `high_tech_enterprises`"),
        "{err}"
    );
}

// --- properties --------------------------------------------------------------

fn flip(comparator: &str) -> &'static str {
    match comparator {
        ">" => "<",
        "<" => ">",
        ">=" => "<=",
        _ => ">=",
    }
}

proptest! {
    #[test]
    fn a_trend_that_improves_every_year_is_met(
        b in 1.0f64..1000.0,
        steps in prop::collection::vec(0.01f64..100.0, 5),
        rising in any::<bool>(),
    ) {
        let (comparator, sign) = if rising { (">", 1.0) } else { ("<", -1.0) };
        let mut v = b;
        let values: Vec<(i32, f64)> = steps.iter().zip(2021..).map(|(d, y)| { v += sign * d; (y, v) }).collect();
        let fields = format!("kind = \"trend\"\ncomparator = \"{comparator}\"\nbaseline = {b:?}");
        let r = row(&fields, &values, 2025);
        prop_assert_eq!(r.status, Status::Met);
        prop_assert!(r.reasons.is_empty());
    }

    #[test]
    fn reversing_one_year_breaks_an_every_year_trend(
        b in 1.0f64..1000.0,
        steps in prop::collection::vec(0.01f64..100.0, 5),
        back in 0.0f64..50.0,
        year in 2021i32..=2025,
    ) {
        let mut v = b;
        let values: Vec<(i32, f64)> = steps.iter().zip(2021..).map(|(d, y)| {
            v += if y == year { -back } else { *d };
            (y, v)
        }).collect();
        let fields = format!("kind = \"trend\"\ncomparator = \">\"\nbaseline = {b:?}");
        let r = row(&fields, &values, 2025);
        prop_assert_eq!(r.status, Status::Missed);
        prop_assert_eq!(r.reasons, vec![Reason::NotImproved { year }]);
    }

    #[test]
    fn a_relative_target_reads_the_same_with_its_sides_swapped(
        a in prop::collection::vec(-5.0f64..15.0, 1..=5),
        b in prop::collection::vec(-5.0f64..15.0, 1..=5),
        comparator in prop::sample::select(vec![">", ">=", "<", "<="]),
        rule in prop::sample::select(vec!["every-year", "average"]),
        rates in any::<bool>(),
    ) {
        let actuals = if rates { "rate" } else { "level" };
        let fields = |c: &str| format!("kind = \"relative\"\ncomparator = \"{c}\"\nreference = \"r\"\nrule = \"{rule}\"");
        let years = |v: &[f64]| -> Vec<(i32, f64)> { v.iter().copied().zip(2021..).map(|(x, y)| (y, x)).collect() };
        let (a, b) = (years(&a), years(&b));
        let one = assess(&plan_with(&fields(comparator), actuals), &a, &b, 2025);
        let other = assess(&plan_with(&fields(flip(comparator)), actuals), &b, &a, 2025);
        prop_assert_eq!(one.status, other.status);
        prop_assert_eq!(&one.reasons, &other.reasons);
        prop_assert_eq!(one.current, other.target);
        prop_assert_eq!(one.target, other.current);
        match (one.gap, other.gap) {
            (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
            (x, y) => prop_assert_eq!(x, y),
        }
    }
}
