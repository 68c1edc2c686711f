//! `plantrack portfolio`: the example city and its three illustrative
//! districts (examples/portfolio/), every part asserted cell by cell
//! against figures worked by hand; each refusal; the same bytes twice.

mod common;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::{plantrack, plantrack_en, refused, stdout_of, write_file};
use serde_json::Value;
use tempfile::TempDir;

const EXAMPLE: &str = "examples/portfolio/portfolio.toml";

fn csv_part(part: &str) -> Vec<Vec<String>> {
    let out = stdout_of(plantrack().args([
        "portfolio",
        "report",
        EXAMPLE,
        "--format",
        "csv",
        "--part",
        part,
    ]));
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let mut rows = vec![
        reader
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect(),
    ];
    rows.extend(
        reader
            .records()
            .map(|r| r.expect("record").iter().map(String::from).collect()),
    );
    rows
}

fn json_report() -> Value {
    let out = stdout_of(plantrack().args(["portfolio", "report", EXAMPLE, "--format", "json"]));
    serde_json::from_slice(&out).expect("json")
}

#[test]
fn the_summary_counts_each_members_statuses() {
    let rows = csv_part("summary");
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (met, missed, binding) = (col("met"), col("missed"), col("binding_missed"));
    let got: Vec<(&str, &str, &str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| {
            (
                r[0].as_str(),
                r[col("parent")].as_str(),
                r[met].as_str(),
                r[missed].as_str(),
                r[binding].as_str(),
            )
        })
        .collect();
    // Worked from the example's files: 甲区 met GDP? no (1180 < 1200):
    // R&D 3.05 ≥ 3.0, firms 310 ≥ 300, PM2.5 35 ≤ 36, water yes, people.
    assert_eq!(
        got,
        vec![
            ("city", "", "2", "4", "2"),
            ("jia", "city", "5", "1", "0"),
            ("yi", "city", "2", "4", "1"),
            ("bing", "city", "0", "6", "2"),
        ]
    );
}

#[test]
fn the_matrix_matches_indicators_by_key_across_plans() {
    let rows = csv_part("matrix");
    assert_eq!(
        rows[0][..7],
        [
            "key",
            "indicator",
            "unit",
            "city.status",
            "city.current",
            "jia.status",
            "jia.current"
        ]
    );
    // 丙区 names its GDP `regional_gdp` with key = "gdp": one row.
    let gdp = &rows[1];
    assert_eq!(
        gdp,
        &[
            "gdp",
            "地区生产总值",
            "亿元",
            "missed",
            "2150",
            "missed",
            "1180",
            "missed",
            "600",
            "missed",
            "330"
        ]
    );
    let keys: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        keys,
        [
            "gdp",
            "rd_share",
            "hitech_firms",
            "pm25",
            "clean_water",
            "population"
        ]
    );
}

#[test]
fn ranks_follow_progress_against_time() {
    let rows = csv_part("ranks");
    let gdp: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .filter(|r| r[0] == "gdp")
        .map(|r| (r[2].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    // Progress over five of five years: 甲 (1180−800)/400 = 0.95; 市
    // (2150−1500)/700 = 0.92857…; 丙 80/100 = 0.8; 乙 150/200 = 0.75.
    assert_eq!(
        gdp,
        vec![
            ("1", "甲区", "0.95"),
            ("2", "示例市", "0.9285714285714286"),
            ("3", "丙区", "0.8"),
            ("4", "乙区", "0.75"),
        ]
    );
    // Yes/no goals have no pace and are not ranked.
    assert!(!rows.iter().any(|r| r[0] == "clean_water"));
}

#[test]
fn rollups_are_checked_against_the_parents_figures_and_targets() {
    let json = json_report();
    let rollups = json["rollups"].as_array().expect("rollups");
    let by_key = |key: &str| {
        rollups
            .iter()
            .find(|r| r["key"] == key)
            .unwrap_or_else(|| panic!("{key}"))
    };
    // GDP: 1180 + 600 + 330 = 2110 against the city's own 2150: 1.9% apart,
    // past the 0.5% tolerance; short of the target 2200.
    let gdp = by_key("gdp");
    assert_eq!(gdp["rolled"], 2110.0);
    assert_eq!(gdp["reported"], 2150.0);
    assert_eq!(gdp["differs"], true);
    assert_eq!(gdp["status"], "missed");
    assert_eq!(gdp["members"], serde_json::json!(["jia", "yi", "bing"]));
    // R&D share weighted by GDP: (3.05·1180 + 1.9·600 + 1.55·330) / 2110.
    let rd = by_key("rd_share");
    let expected = (3.05 * 1180.0 + 1.9 * 600.0 + 1.55 * 330.0) / 2110.0;
    assert!((rd["rolled"].as_f64().expect("number") - expected).abs() < 1e-12);
    assert_eq!(rd["weight"], "gdp");
    // Firms: 310 + 125 + 66 = 501 = the city's 501, target 500 met.
    let firms = by_key("hitech_firms");
    assert_eq!(
        (firms["rolled"].as_f64(), firms["differs"].as_bool()),
        (Some(501.0), Some(false))
    );
    assert_eq!(firms["status"], "met");
    // PM2.5, a ceiling: the worst district, 42, over the city's 38.
    assert_eq!(by_key("pm25")["rolled"], 42.0);
    assert_eq!(by_key("pm25")["status"], "missed");
    // Safe water: 丙区 has not, so the city has not.
    assert_eq!(by_key("clean_water")["rolled"], false);
    // The rolled-up series runs over every year each district reported:
    // 880 + 470 + 262 in 2021.
    assert_eq!(gdp["series"][0], serde_json::json!([2021, 1612.0]));
}

#[test]
fn a_year_a_member_did_not_report_has_no_rolled_up_figure() {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path();
    copy_example(root);
    // 乙区 loses its 2025 GDP: the city's 2025 sum is not made of two districts.
    let yi = root.join("yi/actuals/actuals-2021-2025.csv");
    let text = std::fs::read_to_string(&yi).expect("read");
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("gdp,2025"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&yi, text).expect("write");
    let out = stdout_of(
        plantrack()
            .args(["portfolio", "report"])
            .arg(root.join("portfolio.toml"))
            .args(["--format", "json"]),
    );
    let json: Value = serde_json::from_slice(&out).expect("json");
    let gdp = json["rollups"]
        .as_array()
        .expect("rollups")
        .iter()
        .find(|r| r["key"] == "gdp")
        .expect("gdp");
    assert_eq!(gdp["year"], 2025);
    assert_eq!(gdp["rolled"], Value::Null);
    assert_eq!(gdp["missing"], serde_json::json!(["yi"]));
    // Assessed on the last complete year, 2024: 1090 + 560 + 310.
    assert_eq!(
        gdp["series"].as_array().expect("series").last(),
        Some(&serde_json::json!([2024, 1960.0]))
    );
}

fn copy_example(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/portfolio");
    for entry in walk(&from) {
        let target = to.join(entry.strip_prefix(&from).expect("inside"));
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, &target).expect("copy");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn every_format_is_written_and_the_same_inputs_give_the_same_bytes() {
    let dir = TempDir::new().expect("tempdir");
    for ext in ["csv", "tsv", "md", "json", "xlsx", "html", "docx"] {
        let [a, b] = ["a", "b"].map(|n| dir.path().join(format!("{n}.{ext}")));
        for path in [&a, &b] {
            plantrack()
                .args(["portfolio", "report", EXAMPLE, "--output"])
                .arg(path)
                .assert()
                .success();
        }
        let (a, b) = (std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
        assert!(!a.is_empty(), "{ext}");
        assert_eq!(a, b, "{ext} differs between runs");
    }
    // The workbook: a sheet per part, the matrix's cells filled by status.
    let bytes = std::fs::read(dir.path().join("a.xlsx")).expect("xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("open");
    assert_eq!(
        book.sheet_names(),
        [
            "成员概况",
            "共有指标对照",
            "共有指标排名（按进度与时间之比）",
            "成员汇总与上级目标"
        ]
    );
    let summary = book.worksheet_range("成员概况").expect("summary");
    assert_eq!(summary.get((3, 0)), Some(&Data::String("city".into())));
    assert_eq!(summary.get((4, 6)), Some(&Data::Float(5.0)));
    let matrix = book.worksheet_range("共有指标对照").expect("matrix");
    assert_eq!(
        matrix.get((3, 4)),
        Some(&Data::String("未完成 1180 (2025)".into()))
    );
    // The page: the matrix a heat map.
    let html = std::fs::read_to_string(dir.path().join("a.html")).expect("html");
    assert!(html.contains("<td class=\"s s-met\">已实现 3.05 (2025)</td>"));
    // Its own tables: the single-plan table's column alignment is not theirs.
    assert!(html.contains("<table class=\"grid\">") && !html.contains("<table class=\"report\">"));
}

#[test]
fn fail_on_names_member_and_indicator() {
    let out = plantrack_en()
        .args([
            "portfolio",
            "report",
            EXAMPLE,
            "--format",
            "csv",
            "--fail-on",
            "missed",
            "--only",
            "hitech_firms",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stderr.contains("yi/hitech_firms"), "{stderr}");
    assert!(stderr.contains("bing/hitech_firms"), "{stderr}");
    assert!(!stderr.contains("jia/hitech_firms"), "{stderr}");
}

#[test]
fn since_counts_what_worsened_per_member() {
    let dir = TempDir::new().expect("tempdir");
    let old = dir.path().join("old.json");
    plantrack()
        .args([
            "portfolio",
            "report",
            EXAMPLE,
            "--as-of",
            "2023",
            "--output",
        ])
        .arg(&old)
        .assert()
        .success();
    let out = plantrack()
        .args(["portfolio", "report", EXAMPLE, "--format", "csv", "--since"])
        .arg(&old)
        .args(["--fail-on-worse"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let worsened = header
        .iter()
        .position(|h| *h == "worsened")
        .expect("worsened column");
    let jia: Vec<&str> = lines
        .find(|l| l.starts_with("jia,"))
        .expect("jia")
        .split(',')
        .collect();
    assert!(jia[worsened].parse::<usize>().expect("count") >= 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("jia/gdp"));
}

#[test]
fn each_refusal_names_what_is_wrong() {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path();
    copy_example(root);
    let tmp = root.display().to_string();
    // A district whose plan lacks what its parent rolls up.
    let bing = root.join("bing/plan.toml");
    let text = std::fs::read_to_string(&bing)
        .expect("read")
        .replace("key = \"gdp\"\n", "");
    std::fs::write(&bing, text).expect("write");
    let err = refused(
        plantrack_en()
            .args(["portfolio", "check"])
            .arg(root.join("portfolio.toml")),
        &tmp,
        "T",
    );
    assert!(
        err.contains("member `bing` has no indicator `gdp`, which its parent `city` rolls up"),
        "{err}"
    );
    // A member whose plan file is missing: the member is named.
    let file = write_file(
        root,
        "p.toml",
        "[portfolio]\nid = \"x\"\nname = \"x\"\n[[member]]\nid = \"gone\"\nplan = \"nowhere.toml\"\n",
    );
    let err = refused(
        plantrack_en().args(["portfolio", "report", &file]),
        &tmp,
        "T",
    );
    assert!(err.contains("member `gone` (T/p.toml:4:1)"), "{err}");
    // A weight on a level.
    let city = root.join("city/plan.toml");
    let text = std::fs::read_to_string(&city).expect("read").replacen(
        "rollup = \"sum\"\n",
        "rollup = \"mean\"\nweight = \"population\"\n",
        1,
    );
    std::fs::write(&city, text).expect("write");
    let err = refused(
        plantrack_en()
            .args(["portfolio", "report"])
            .arg(root.join("portfolio.toml")),
        &tmp,
        "T",
    );
    assert!(
        err.contains("a weighted mean (`weight`) is for shares and rates"),
        "{err}"
    );
    // An --only no member has.
    let err = refused(
        plantrack_en().args(["portfolio", "report", EXAMPLE, "--only", "hitech_firm"]),
        &tmp,
        "T",
    );
    assert!(
        err.contains(
            "unknown indicator `hitech_firm`: no member's plan has this id or key `hitech_firms`?"
        ),
        "{err}"
    );
}

#[test]
fn a_folder_of_members_is_a_portfolio() {
    let dir = TempDir::new().expect("tempdir");
    copy_example(dir.path());
    std::fs::remove_file(dir.path().join("portfolio.toml")).expect("rm");
    let out = stdout_of(
        plantrack()
            .args(["portfolio", "report", "--format", "csv", "--plans"])
            .arg(dir.path()),
    );
    let text = String::from_utf8(out).expect("utf-8");
    let members: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(members, ["bing", "city", "jia", "yi"]);
}

#[test]
fn the_report_as_people_read_it() {
    let table = stdout_of(plantrack().args(["portfolio", "report", EXAMPLE]));
    insta::assert_snapshot!("portfolio_table", String::from_utf8(table).expect("utf-8"));
    let markdown = stdout_of(plantrack_en().args([
        "portfolio",
        "report",
        EXAMPLE,
        "--format",
        "markdown",
        "--lang",
        "en",
    ]));
    insta::assert_snapshot!(
        "portfolio_markdown_en",
        String::from_utf8(markdown).expect("utf-8")
    );
}
