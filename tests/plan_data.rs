//! The shipped plan: it validates, it is complete, and every quote is the
//! plan's own words.

use plantrack::plan::{Kind, Plan};

const SEED: &str = include_str!("../seeds/xiangyang-hitech-14fyp-outline.txt");
const DATA: &str = include_str!("../data/xiangyang-hitech-14fyp.toml");

fn shipped() -> Plan {
    Plan::from_toml("data/xiangyang-hitech-14fyp.toml", DATA).expect("the shipped plan validates")
}

#[test]
fn the_shipped_plan_is_the_embedded_plan() {
    assert_eq!(
        shipped(),
        Plan::embedded().expect("embedded plan validates")
    );
}

#[test]
fn every_quote_occurs_verbatim_in_the_seed() {
    let plan = shipped();
    let mut missing = Vec::new();
    for ind in &plan.indicators {
        if ind.kind == Kind::Reference {
            // A reference series is no goal of the plan: its note says
            // what it is and where its figures come from.
            assert!(
                ind.text().quote.is_none(),
                "{}: a reference series quoted",
                ind.id
            );
            assert!(
                ind.text()
                    .note
                    .as_deref()
                    .is_some_and(|n| n.contains("参照序列"))
            );
            continue;
        }
        let quote = ind
            .text()
            .quote
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no quote", ind.id));
        if !SEED.contains(quote) {
            missing.push(format!("{}: quote {quote:?}", ind.id));
        }
        if let Some(bq) = &ind.text().baseline_quote
            && !SEED.contains(bq.as_str())
        {
            missing.push(format!("{}: baseline_quote {bq:?}", ind.id));
        }
    }
    assert!(
        missing.is_empty(),
        "not verbatim in the seed:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_target_and_baseline_number_appears_in_its_quote() {
    // A target or baseline that is not written in the sentence quoted for it
    // was invented or mistyped.
    let plan = shipped();
    let written = |n: f64, text: &str| {
        let s = if n.fract() == 0.0 {
            format!("{}", n as i64)
        } else {
            format!("{n}")
        };
        text.contains(&s)
    };
    for ind in &plan.indicators {
        let quote = ind.text().quote.as_deref().unwrap_or_default();
        for n in [ind.target, ind.target_high()].into_iter().flatten() {
            // The one target the plan states in words: 实现零突破 (a first ever), read as ≥ 1.
            if ind.id == "changjiang_quality_award" {
                assert!(quote.contains("实现零突破") && n == 1.0);
                continue;
            }
            // A target stated as a multiple of the baseline: 倍增 is 2×.
            if let Some(factor) = ind.target_factor() {
                assert!(quote.contains("倍增") && factor == 2.0, "{}", ind.id);
                assert_eq!(Some(n), ind.baseline.map(|b| b * factor));
                continue;
            }
            assert!(
                written(n, quote),
                "{}: target {n} is not in its quote",
                ind.id
            );
        }
        let bq = ind.text().baseline_quote.as_deref().unwrap_or(quote);
        for n in [ind.baseline, ind.previous()].into_iter().flatten() {
            assert!(
                written(n, bq),
                "{}: baseline {n} is not in its baseline_quote",
                ind.id
            );
        }
    }
}

#[test]
fn the_plan_covers_its_targets() {
    let plan = shipped();
    let numeric = plan
        .indicators
        .iter()
        .filter(|i| i.kind != Kind::Milestone)
        .count();
    assert!(numeric > 60, "only {numeric} numeric targets");
    // Spot checks of figures named in the plan's own summary.
    let get = |id: &str| {
        plan.indicator(id)
            .unwrap_or_else(|| panic!("no indicator {id}"))
    };
    // GDP growth is judged on annual rates: its 1020亿元 of 2020 is a level,
    // kept in the baseline's quote, not as a baseline in %.
    assert_eq!(
        (get("gdp_growth").target, get("gdp_growth").baseline),
        (Some(7.5), None)
    );
    assert!(
        get("gdp_growth")
            .text()
            .baseline_quote
            .as_deref()
            .is_some_and(|q| q.contains("1020亿元"))
    );
    assert_eq!(get("auto_traditional").target, Some(1800.0));
    assert_eq!(get("auto_traditional").comparator.as_str(), ">");
    assert_eq!(get("high_tech_enterprises").baseline, Some(284.0));
    assert_eq!(get("urban_new_jobs").target, Some(40000.0));
    assert_eq!(get("urban_new_jobs").previous(), Some(38600.0));
    assert_eq!(get("pm25").target, Some(52.0));
    assert_eq!(get("pm25").comparator.as_str(), "<=");
    assert_eq!(get("national_rank").baseline_year, 2019);
    for kind in Kind::ALL {
        assert!(
            plan.indicators.iter().any(|i| i.kind == *kind),
            "no {kind} indicator"
        );
    }
}

#[test]
fn the_plan_carries_its_relative_direction_and_yes_no_commitments() {
    let plan = shipped();
    let get = |id: &str| {
        plan.indicator(id)
            .unwrap_or_else(|| panic!("no indicator {id}"))
    };
    // 居民收入增长高于经济增长幅度: against GDP growth, on average.
    let income = get("income_growth_vs_gdp");
    assert_eq!(
        (
            income.kind,
            income.comparator.as_str(),
            income.rule.as_str()
        ),
        (Kind::Relative, ">", "average")
    );
    assert_eq!(income.reference(), Some("gdp_growth"));
    // 确保主要经济指标高于全市平均发展水平以及全国国家级高新区平均水平.
    for (id, reference) in [
        ("gdp_growth_above_city", "city_gdp_growth"),
        (
            "gdp_growth_above_national_zones",
            "national_zones_gdp_growth",
        ),
    ] {
        let ind = get(id);
        assert_eq!(ind.of(), Some("gdp_growth"));
        assert_eq!(ind.reference(), Some(reference));
        assert_eq!(get(reference).kind, Kind::Reference);
    }
    // 不断提升, 持续减少, 逐年增加: trends, better every year.
    for (id, comparator) in [
        ("hightech_value_added_share", ">"),
        ("major_pollutant_emissions", "<"),
        ("science_plan_funding", ">"),
    ] {
        let ind = get(id);
        assert_eq!(
            (ind.kind, ind.comparator.as_str()),
            (Kind::Trend, comparator)
        );
        assert_eq!(ind.rule.as_str(), "every-year");
    }
    // 倍增: 284 high-tech enterprises doubled.
    assert_eq!(get("high_tech_enterprises_doubled").target, Some(568.0));
    // 产品监督抽查合格率高于99%, for every year of the period.
    assert!(get("product_spot_check_pass_rate").every_year);
    for id in [
        "hq_economy_cluster",
        "electronics_base_big_data_cluster",
        "icv_test_zone",
        "enterprise_university_centres_coverage",
        "arterial_roads_completed",
        "licence_separation_coverage",
        "double_random_coverage",
        "approval_services_coverage",
        "land_to_construction",
        "binding_targets_meet_city",
        "overseas_patents_city_leading",
        "public_culture_city_leading",
    ] {
        assert_eq!(get(id).kind, Kind::Milestone, "{id}");
    }
    // Baselines narrower than their targets say so.
    for id in ["nev_icv", "academician_workstations", "gazelle_firms"] {
        assert!(get(id).text().baseline_scope.is_some(), "{id}");
    }
}

#[test]
fn every_reading_of_ambiguous_wording_is_noted() {
    let plan = shipped();
    for id in [
        "tertiary_share",
        "firms_output_over_100yi",
        "gazelle_firms",
        "national_rank",
        "four_above_firms",
    ] {
        let ind = plan.indicator(id).expect(id);
        assert!(
            ind.text().note.as_deref().is_some_and(|n| !n.is_empty()),
            "{id} has no note"
        );
    }
}
