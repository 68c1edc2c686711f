//! The HTML report and the SVG charts: what the page holds, that it needs
//! nothing from the network, one chart per indicator, byte-identical
//! output, and a snapshot of the chart of each kind of target. The page is
//! checked in a real browser by `tests/browser.rs`.

mod common;

use common::{plantrack, stdout_of};
use serde_json::Value;

const EXAMPLE: &str = "examples/actuals";

fn page() -> String {
    String::from_utf8(stdout_of(plantrack().args([
        "report",
        "--actuals",
        EXAMPLE,
        "--format",
        "html",
    ])))
    .expect("utf-8")
}

fn chart(id: &str) -> String {
    String::from_utf8(stdout_of(plantrack().args([
        "show",
        id,
        "--actuals",
        EXAMPLE,
        "--format",
        "svg",
    ])))
    .expect("utf-8")
}

#[test]
fn the_page_is_self_contained_and_holds_a_chart_per_indicator() {
    let html = page();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    // Nothing to fetch: no external script, style, image, font or frame.
    for fetch in [
        "src=", "<link", "@import", "url(", "http://", "https://", "<iframe",
    ] {
        assert!(!html.contains(fetch), "the page must not hold {fetch:?}");
    }
    let report: Value = serde_json::from_slice(&stdout_of(plantrack().args([
        "report",
        "--actuals",
        EXAMPLE,
        "--format",
        "json",
    ])))
    .expect("json");
    let rows = report["indicators"].as_array().expect("rows");
    // A figure for every indicator, a chart for every one with a figure.
    assert_eq!(html.matches("<figure id=\"ind-").count(), rows.len());
    let charted = rows.iter().filter(|r| r["status"] != "no-data").count();
    assert_eq!(html.matches("<svg class=\"chart\"").count(), charted);
    for row in rows {
        let id = row["id"].as_str().expect("id");
        assert!(
            html.contains(&format!("<a href=\"#ind-{id}\">")),
            "{id} links to its chart"
        );
    }
    // The header counts each status, in words as well as colours.
    assert!(html.contains("<li class=\"s-on-track\"><span class=\"n\">31</span> <span class=\"w\">符合预期</span></li>"));
    assert!(html.contains("截至2023年 · 规划期 2021–2025 · 时间进度 60%"));
    // Grouped by the plan's chapters, in their order, with their titles.
    let third = html
        .find("<h2>第三章 继往开来,谱写高质量发展新篇章</h2>")
        .expect("chapter 3");
    let fourth = html
        .find("<h2>第四章 加快构筑现代经济体系,打造高质量发展示范区</h2>")
        .expect("chapter 4");
    assert!(third < fourth);
    // The plan's sentence with every chart.
    assert!(html.contains("<blockquote>到2025年,实现地区生产总值年均增长7.5%"));
    assert_eq!(page(), html, "byte-identical");
}

#[test]
fn english_pages_and_charts_speak_english() {
    let html = String::from_utf8(stdout_of(plantrack().args([
        "report",
        "--actuals",
        EXAMPLE,
        "--format",
        "html",
        "--lang",
        "en",
    ])))
    .expect("utf-8");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("as of 2023 · plan period 2021–2025 · time elapsed 60%"));
    assert!(html.contains("<span class=\"w\">on-track</span>"));
}

#[test]
fn a_chart_alone_is_an_svg_file_for_a_document() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let path = dir.path().join("pm25.svg");
    plantrack()
        .args(["show", "pm25", "--actuals", EXAMPLE, "--output"])
        .arg(&path)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&path).expect("written");
    assert!(
        svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-id=\"pm25\""
        )
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("规划原文：到2025年,高新区空气质量优良天数比例达到75%"));
    assert!(svg.contains("状态：快于预期"));
    assert_eq!(
        svg,
        chart("pm25"),
        "the same chart to a file or to standard output"
    );
}

#[test]
fn charts_of_every_kind_of_target() {
    // level, share, growth, cumulative, rank, milestone.
    for id in [
        "auto_traditional",
        "tertiary_share",
        "gdp_growth",
        "digital_workshops",
        "national_rank",
        "industrial_internet_base",
    ] {
        insta::assert_snapshot!(format!("chart_{id}"), chart(id));
    }
}

#[test]
fn a_page_of_many_indicators_charts_the_problems_first_and_says_what_it_left_out() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let mut actuals = String::from("indicator,year,value\n");
    let count = plantrack::render::html::MAX_CHARTS + 50;
    let plan = common::levels(count);
    for i in 0..count {
        // The last ten fall back: the problems, charted first.
        let value = if i >= count - 10 { 90 } else { 150 };
        actuals.push_str(&format!("x{i},2022,{value}\n"));
    }
    let plan = common::write_file(dir.path(), "many.toml", plan);
    let actuals = common::write_file(dir.path(), "many.csv", actuals);
    let page = english_page(&plan, &actuals);
    assert_eq!(
        page.matches("<figure id=\"ind-").count(),
        plantrack::render::html::MAX_CHARTS
    );
    for i in count - 10..count {
        assert!(
            page.contains(&format!("<figure id=\"ind-x{i}\"")),
            "problem x{i} charted"
        );
    }
    // The first 190 in order fill the rest; x190..x239 are left out and not linked.
    assert!(page.contains("<figure id=\"ind-x189\""));
    assert!(!page.contains("<figure id=\"ind-x190\""));
    assert!(!page.contains("href=\"#ind-x190\""));
    assert!(page.contains("href=\"#ind-x189\""));
    assert!(page.contains("this page draws 200 charts (the problems first, then in the plan"));
    assert!(
        page.contains(
            "; 50 more indicators are not drawn. To draw some, list their ids with --only"
        )
    );
}

#[test]
fn a_page_of_a_bureaus_plan_lists_the_problems_first_and_says_what_it_left_out() {
    use plantrack::render::html::MAX_LISTED;
    let dir = tempfile::TempDir::new().expect("tempdir");
    let count = MAX_LISTED + 30;
    let mut actuals = String::from("indicator,year,value\n");
    for i in 0..count {
        // The last five fall back: the problems, listed first.
        let value = if i >= count - 5 { 90 } else { 150 };
        actuals.push_str(&format!("x{i},2022,{value}\n"));
    }
    let plan = common::write_file(dir.path(), "bureau.toml", common::levels(count));
    let actuals = common::write_file(dir.path(), "bureau.csv", actuals);
    let page = english_page(&plan, &actuals);
    // The committee table and the detail table each list MAX_LISTED rows:
    // the five problems, then the first in the plan's order.
    assert_eq!(page.matches("<td class=\"name\">").count(), MAX_LISTED);
    let detail = page.split("<div class=\"detail\">").nth(1).expect("detail");
    let detail = detail.split("</div>").next().expect("detail");
    assert_eq!(detail.matches("<tr>").count(), MAX_LISTED + 1);
    let last = count - 1;
    assert!(
        page.contains(&format!(">Indicator {last}<")),
        "a problem is listed"
    );
    let first_left_out = MAX_LISTED - 5;
    assert!(page.contains(&format!(">Indicator {}<", first_left_out - 1)));
    assert!(!page.contains(&format!(">Indicator {first_left_out}<")));
    assert!(page.contains("this page&#39;s tables list 10,000 indicators (the problems first"));
    assert!(page.contains("30 more are not listed. For every row use --format csv or xlsx"));
    // The counts above the tables are of every indicator.
    assert!(page.contains(&format!("<span class=\"n\">{}</span>", count - 5)));
}

/// The page `report --format html` writes in English for a plan and actuals.
fn english_page(plan: &str, actuals: &str) -> String {
    let out = common::plantrack_en()
        .args([
            "report",
            "--plan",
            plan,
            "--actuals",
            actuals,
            "--format",
            "html",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}
