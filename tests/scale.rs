//! Output at scale does not change: a generated plan of 10,000 indicators
//! gives the same bytes in every format as before the reader, the engine's
//! driver and the renderers were made to stream (issue 16). The checksums
//! were taken from the binary before that change (commit 8dec009) and
//! compared with the binary after it; both gave these.

mod common;
#[path = "../benches/common/synth.rs"]
mod synth;

use sha2::{Digest, Sha256};
use tempfile::TempDir;

const CHECKSUMS: [(&str, &str); 5] = [
    // Each change here was intended and checked. Issue 13 added JSON's
    // `format_version`; issue 12 the `reason_code` and `binding` columns of
    // CSV/TSV and JSON (the CSV without its two last columns hashes as
    // before), and the `nature` column of issue 14 (likewise), the compact
    // table, paces in units a year for shares, ranks
    // and linear targets (table and Markdown), and ASCII rules. Issue 27
    // put each JSON indicator on one compact line (the document parsed
    // before and after is the same, keys in the same order).
    (
        "csv",
        "1848c12009b75848f1e5a301c396b6bc8453a120277a0a70f8866af016847583",
    ),
    (
        "tsv",
        "54f0937dca7938f8d7091faa226be739c116b9fd67e77c767ad7875eaf2f40cb",
    ),
    (
        "json",
        "37202318190b7cc74cacdd47f8468052d4664672a9fa75ba5c57b329be50c6d3",
    ),
    (
        "markdown",
        "a14a92b4886e4079041ee134b4bbc1ed941adedd9799fd152cc8d8601a0067cf",
    ),
    (
        "table",
        "8eecece7486a6365e291fc72bea59d1c1c123b3e264632c6d281f6320abdd7a9",
    ),
];

/// `plantrack report` on the generated plan and actuals.
fn report(plan: &std::path::Path, actuals: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = common::plantrack();
    cmd.arg("report")
        .arg("--plan")
        .arg(plan)
        .arg("--actuals")
        .arg(actuals);
    cmd
}

#[test]
fn a_10k_plan_gives_the_same_bytes_in_every_format() {
    let dir = TempDir::new().expect("tempdir");
    let (plan, actuals) = synth::files(10_000, dir.path()).expect("generate");
    for (format, expected) in CHECKSUMS {
        let out = report(&plan, &actuals)
            .args(["--format", format])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{format}");
        let digest = Sha256::digest(&out.stdout);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, expected, "{format} output changed");
    }
}

/// A CSV or TSV report of a large plan is written in batches on every core;
/// the rows `--status` keeps and the indicators `--fail-on` names must come
/// out in plan order, as the JSON report (written one row at a time) has them.
#[test]
fn batches_keep_plan_order_for_selected_rows_and_tripped_indicators() {
    let dir = TempDir::new().expect("tempdir");
    let (plan, actuals) = synth::files(10_000, dir.path()).expect("generate");
    let run = |format: &str| {
        let out = report(&plan, &actuals)
            .args(["--format", format, "--status", "off-track,lagging"])
            .args(["--fail-on", "off-track"])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{format}");
        (
            String::from_utf8(out.stdout).expect("utf-8"),
            String::from_utf8(out.stderr).expect("utf-8"),
        )
    };
    let (tsv, tsv_err) = run("tsv");
    let (json, json_err) = run("json");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let expected: Vec<&str> = json["indicators"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    let ids: Vec<&str> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    assert!(
        expected.len() > 1000,
        "a real selection: {}",
        expected.len()
    );
    assert_eq!(ids, expected);
    assert_eq!(
        tsv_err, json_err,
        "the same indicators named, in the same order"
    );
    // Markdown's lines are made in batches too: the same rows, in order,
    // each named as the plan names it.
    let (markdown, markdown_err) = run("markdown");
    assert_eq!(markdown_err, json_err, "Markdown trips the same indicators");
    // After the header, each row's first cell: its name, `?` after a
    // doubtful figure.
    let names: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| 指标"))
        .skip(1)
        .filter_map(|l| l.split(" | ").next()?.strip_prefix("| "))
        .map(|name| name.trim_end_matches('?'))
        .collect();
    let expected_names: Vec<String> = json["indicators"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["name"].as_str().map(String::from))
        .collect();
    assert_eq!(names, expected_names);
}
