//! Integration tests that run the `plantrack` binary.

use std::path::Path;

mod common;

use common::{HEAD, plantrack_en as plantrack, plantrack_in, refused, stdout_of, write_file};
use predicates::prelude::*;
use tempfile::TempDir;

const EXAMPLE: &str = "examples/actuals/actuals-2021-2023.csv";

fn write(dir: &TempDir, name: &str, text: &str) -> String {
    write_file(dir.path(), name, text)
}

// --- check and list ---------------------------------------------------------

#[test]
fn check_passes_on_the_embedded_plan() {
    plantrack()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ok: plan xiangyang-hitech-14fyp (2020–2025), 105 indicators (77 targets, 28 milestones), 2 reference series",
        ));
}

#[test]
fn check_passes_on_the_shipped_plan_file() {
    plantrack()
        .args(["check", "--plan", "data/xiangyang-hitech-14fyp.toml"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "data/xiangyang-hitech-14fyp.toml: ok",
        ));
}

#[test]
fn check_validates_actuals_too() {
    plantrack()
        .args(["check", "--actuals", EXAMPLE])
        .assert()
        .success()
        .stdout(predicate::str::contains("; 335 actuals"));
}

#[test]
fn list_shows_every_indicator() {
    let out = stdout_of(plantrack_in("").arg("list"));
    let out = String::from_utf8(out).expect("utf-8");
    let plan = plantrack::plan::Plan::embedded().expect("embedded");
    for ind in &plan.indicators {
        // Tables write curly quotes straight (see `plain_text`).
        let name = plantrack::render::table::plain_text(&ind.name);
        assert!(out.contains(&ind.id), "{} missing from list", ind.id);
        assert!(out.contains(&name), "{name} missing from list");
    }
    assert!(out.contains("xiangyang-hitech-14fyp：105项指标，2个参照序列"));
    let en = String::from_utf8(stdout_of(plantrack_in("").args(["list", "--lang", "en"])))
        .expect("utf-8");
    assert!(en.contains("105 indicators in xiangyang-hitech-14fyp, 2 reference series"));
    assert!(en.contains("gdp_growth ") && en.contains("Average annual GDP growth"));
}

#[test]
fn list_as_csv_has_one_row_per_indicator() {
    let out = stdout_of(plantrack().args(["list", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("csv");
    // Every indicator and reference series.
    assert_eq!(rows.len(), 107);
    assert_eq!(&rows[0][0], "gdp_growth");
    assert_eq!(&rows[0][6], "7.5");
}

// --- bad plans --------------------------------------------------------------

fn indicator(fields: &str) -> String {
    format!("[[indicator]]\nid = \"x\"\nname = \"x\"\n{fields}\n")
}

/// Runs `check` on a plan and returns stderr, asserting exit code 2.
fn bad_plan(text: &str) -> String {
    let dir = TempDir::new().expect("tempdir");
    let path = write(&dir, "plan.toml", text);
    refused(
        plantrack().args(["check", "--plan", &path]),
        &path,
        "plan.toml",
    )
}

#[test]
fn every_bad_plan_case_names_file_line_and_column() {
    let cases: &[(String, &str)] = &[
        (format!("{HEAD}[[indicator]]\nid = \"x\"\nname = \"x\n"), "plan.toml:9:"),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntargt = 5")), "plan.toml:11:1: unknown field `targt` in indicator `x`; did you mean `target`?"),
        (format!("{HEAD}{}", indicator("kind = \"level\"")), "plan.toml:7:1: indicator `x` is missing required field `target`"),
        (format!("{HEAD}[[indicator]]\nname = \"x\"\nkind = \"level\"\ntarget = 1\n"), "plan.toml:7:1: [[indicator]] #1 is missing required field `id`"),
        (format!("{HEAD}{}", indicator("kind = \"levle\"\ntarget = 5")), "plan.toml:10:8: unknown kind `levle` in indicator `x`; allowed: `level`, `share`, `growth`, `cumulative`, `rank`, `milestone`"),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntarget = 5\ncomparator = \"=>\"")), "plan.toml:12:14: unknown comparator `=>`"),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntarget = 5\nactuals = \"yearly\"")), "plan.toml:12:11: unknown actuals `yearly`"),
        (format!("{HEAD}{}", indicator("kind = \"cumulative\"\ntarget = 5\nactuals = \"rate\"")), "plan.toml:12:11: indicator `x`: actuals `rate` does not fit kind `cumulative`; allowed for cumulative: `flow`, `total`"),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntarget = 5\nactuals = \"flow\"")), "actuals `flow` does not fit kind `level`"),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntarget = 5\nbaseline_year = 2025")), "plan.toml:7:1: indicator `x`: target_year 2025 must be after baseline_year 2025"),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntarget = 5\ntarget_high = 3")), "plan.toml:12:15: indicator `x`: target_high 3 is below target 5"),
        (format!("{HEAD}{}", indicator("kind = \"growth\"\ntarget = -2")), "plan.toml:11:10: indicator `x`: a growth target must be above 0"),
        (format!("{HEAD}{}", indicator("kind = \"growth\"\ntarget = 0")), "a growth target must be above 0"),
        (format!("{HEAD}{}", indicator("kind = \"cumulative\"\ntarget = 5\nbaseline = 2")), "plan.toml:12:12: indicator `x`: a cumulative target counts from zero and takes no `baseline`"),
        (format!("{HEAD}{}", indicator("kind = \"milestone\"\ntarget = 1")), "plan.toml:11:10: indicator `x`: a milestone is achieved or not and takes no numeric `target`"),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntarget = \"five\"")), "plan.toml:11:10: `target` in indicator `x` must be a finite number, found the string \"five\""),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntarget = nan")), "must be a finite number"),
        (format!("{HEAD}{}", indicator("kind = \"level\"\ntarget = 5\nid_x = 1")), "unknown field `id_x`"),
        ("[plan]\nid = \"p\"\nname = \"p\"\nbase_year = 2025\ntarget_year = 2020\n".to_string(), "plan.toml:5:15: [plan] target_year 2020 must be after base_year 2025"),
        ("[plan]\nid = \"p\"\nname = \"p\"\nbase_year = 2020\n[[indicator]]\nid = \"x\"\nname = \"x\"\nkind = \"level\"\ntarget = 1\n".to_string(), "plan.toml:1:1: [plan] is missing required field `target_year`"),
        (format!("{HEAD}[assessment]\nahead = 0.5\n{}", indicator("kind = \"level\"\ntarget = 5")), "plan.toml:7:1: [assessment] thresholds must satisfy ahead >= on_track >= lagging >= 0"),
    ];
    for (text, expected) in cases {
        let err = bad_plan(text);
        assert!(
            err.contains(expected),
            "expected {expected:?} in:\n{err}\nfor plan:\n{text}"
        );
    }
}

#[test]
fn relative_trend_and_factor_mistakes_name_file_line_and_column() {
    // A growth indicator `g` (lines 7–12), then `x` from line 14 with its
    // own fields from line 17.
    let with = |fields: &str| {
        format!(
            "{HEAD}[[indicator]]\nid = \"g\"\nname = \"g\"\nkind = \"growth\"\ntarget = 7\nactuals = \"rate\"\n\n{}",
            indicator(fields)
        )
    };
    let cases: &[(&str, &str)] = &[
        (
            "kind = \"relative\"\ncomparator = \">\"\nreference = \"gdpp\"",
            "plan.toml:19:13: indicator `x`: `reference` names no indicator of the plan: `gdpp`",
        ),
        (
            "kind = \"relative\"\ncomparator = \">\"",
            "plan.toml:14:1: indicator `x` is missing required field `reference`",
        ),
        (
            "kind = \"relative\"\ncomparator = \">\"\nreference = \"x\"",
            "plan.toml:19:13: indicator `x`: `reference` names the indicator itself",
        ),
        (
            "kind = \"relative\"\ncomparator = \">\"\nreference = \"g\"",
            "plan.toml:19:13: indicator `x`: `reference` names `g`, whose actuals are `rate`, but this indicator's are `level`",
        ),
        (
            "kind = \"trend\"\ncomparator = \">=\"",
            "plan.toml:18:14: indicator `x`: a trend is `>` (不断提升, 逐年增加) or `<` (持续减少)",
        ),
        (
            "kind = \"trend\"\ncomparator = \">\"\nrule = \"average\"",
            "plan.toml:19:8: indicator `x`: rule `average` does not fit kind `trend`; allowed: `every-year`, `overall`",
        ),
        (
            "kind = \"level\"\ntarget_factor = 2",
            "plan.toml:18:17: indicator `x`: `target_factor` needs the plan's `baseline` to multiply",
        ),
        (
            "kind = \"level\"\ntarget = 4\ntarget_factor = 2\nbaseline = 2",
            "plan.toml:19:17: indicator `x`: give `target` or `target_factor`, not both",
        ),
        (
            "kind = \"level\"\ntarget = 5\nrule = \"average\"",
            "plan.toml:19:8: indicator `x`: rule `average` is only for kinds `relative` and `trend`",
        ),
        (
            "kind = \"milestone\"\nof = \"g\"",
            "plan.toml:18:6: indicator `x`: a milestone has figures of its own and takes no `of`",
        ),
        (
            "kind = \"share\"\ntarget = 99\nevery_year = true\nactuals = \"rate\"\nbaseline = 90",
            "plan.toml:19:14: indicator `x`: `every_year` judges each year's level",
        ),
        (
            "kind = \"reference\"\ntarget = 3",
            "plan.toml:18:10: indicator `x`: a reference series is only compared with and takes no `target`",
        ),
    ];
    for (fields, expected) in cases {
        let text = with(fields);
        let err = bad_plan(&text);
        assert!(
            err.contains(expected),
            "expected {expected:?} in:\n{err}\nfor plan:\n{text}"
        );
        assert!(
            err.starts_with("plantrack: the plan is not valid (1 problem):"),
            "one problem, no echo:\n{err}"
        );
    }
}

#[test]
fn a_flood_of_warnings_is_capped_in_reports_and_listed_whole_by_check() {
    // 300 levels with a baseline of 100, each given 100000 in 2021: 300
    // figures 10× off, each a warning.
    let mut plan = HEAD.to_string();
    let mut actuals = String::from("indicator,year,value\n");
    for i in 0..300 {
        plan.push_str(&format!(
            "[[indicator]]\nid = \"x{i}\"\nname = \"x{i}\"\nkind = \"level\"\ntarget = 200\nbaseline = 100\n\n"
        ));
        actuals.push_str(&format!("x{i},2021,100000\n"));
    }
    let dir = TempDir::new().expect("tempdir");
    let plan = write(&dir, "plan.toml", &plan);
    let actuals = write(&dir, "a.csv", &actuals);
    let stderr = |command: &str| {
        let out = plantrack()
            .args([command, "--plan", &plan, "--actuals", &actuals])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stderr).expect("utf-8")
    };
    let report = stderr("report");
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 200 + 1, "{report}");
    assert!(lines[..200].iter().all(|l| l.starts_with("warning: ")));
    assert_eq!(
        lines[200],
        "plantrack: 100 more not shown; `plantrack check` with the same --plan and --actuals lists every note and warning"
    );
    let check = stderr("check");
    assert_eq!(
        check.lines().filter(|l| l.starts_with("warning: ")).count(),
        300
    );
}

#[test]
fn duplicate_ids_name_both_places() {
    let text = format!(
        "{HEAD}{}{}",
        indicator("kind = \"level\"\ntarget = 5"),
        indicator("kind = \"level\"\ntarget = 6")
    );
    let err = bad_plan(&text);
    assert!(
        err.contains(
            "plan.toml:13:6: duplicate indicator id `x`; it is first defined at plan.toml:8:6"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "plan.toml:8:6: duplicate indicator id `x`; it is defined again at plan.toml:13:6"
        ),
        "{err}"
    );
}

#[test]
fn all_problems_are_listed_at_once() {
    let text = format!(
        "{HEAD}{}{}",
        indicator("kind = \"levle\"\ntargt = 5"),
        indicator("kind = \"growth\"\ntarget = -1\ncomparator = \"~\"")
    );
    let err = bad_plan(&text);
    assert!(
        err.starts_with("plantrack: the plan is not valid (7 problems):"),
        "{err}"
    );
}

#[test]
fn a_missing_plan_file_is_a_clear_error() {
    plantrack()
        .args(["check", "--plan", "no/such/plan.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "plantrack: cannot read no/such/plan.toml: ",
        ));
}

#[test]
fn usage_errors_exit_2() {
    plantrack()
        .args(["report", "--format", "pdf"])
        .assert()
        .code(2);
    plantrack().arg("frobnicate").assert().code(2);
}

// --- report --format json -----------------------------------------------------

fn json_report(args: &[&str]) -> serde_json::Value {
    let out = stdout_of(plantrack().args(["report", "--format", "json"]).args(args));
    serde_json::from_slice(&out).expect("valid JSON")
}

fn row<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn json_report_on_the_example_actuals() {
    let report = json_report(&["--actuals", EXAMPLE]);
    assert_eq!(report["plan"], "xiangyang-hitech-14fyp");
    assert_eq!(report["as_of"], 2023);
    let rows = report["indicators"].as_array().expect("array");
    // Every indicator but the 2 reference series, which are compared with.
    assert_eq!(rows.len(), 105);
    assert_eq!(rows[0]["id"], "gdp_growth", "plan order");

    let auto = row(&report, "auto_traditional");
    assert_eq!(auto["baseline"], 1210.0);
    assert_eq!(auto["target"], 1800.0);
    assert_eq!(auto["comparator"], ">");
    assert_eq!(auto["kind"], "level");
    assert_eq!(auto["latest_year"], 2023);
    assert_eq!(auto["latest"], 1360.0);
    assert_eq!(auto["gap"], 440.0);
    let required = auto["required_cagr"].as_f64().expect("number");
    assert!((required - 0.082_673_300_648_359_32).abs() < 1e-12);
    assert_eq!(auto["status"], "off-track");
    assert_eq!(auto["method"], "linear");
    assert!(auto["reason"].is_null());

    let pm25 = row(&report, "pm25");
    assert_eq!(pm25["baseline"], 58.0, "baseline from the 2020 actual");
    assert_eq!(pm25["status"], "ahead");

    let milestone = row(&report, "industrial_internet_base");
    assert_eq!(milestone["latest"], true);
    assert_eq!(milestone["status"], "met");

    // Every field of the contract is present on every row.
    for field in [
        "id",
        "name",
        "unit",
        "kind",
        "comparator",
        "baseline_year",
        "baseline",
        "target_year",
        "target",
        "target_high",
        "latest_year",
        "latest",
        "current",
        "gap",
        "progress",
        "time_elapsed",
        "required_cagr",
        "actual_cagr",
        "needed_cagr",
        "required_annual",
        "actual_annual",
        "needed_annual",
        "ratio_linear",
        "ratio_cagr",
        "method",
        "projected",
        "status",
        "reason",
    ] {
        for r in rows {
            assert!(r.get(field).is_some(), "{} lacks {field}", r["id"]);
        }
    }
}

#[test]
fn json_report_as_of_an_earlier_year() {
    let report = json_report(&["--actuals", EXAMPLE, "--as-of", "2021"]);
    assert_eq!(report["as_of"], 2021);
    let auto = row(&report, "auto_traditional");
    assert_eq!(auto["latest"], 1290.0);
    assert_eq!(auto["time_elapsed"], 0.2);
}

#[test]
fn json_report_without_actuals_is_all_no_data() {
    let report = json_report(&[]);
    assert_eq!(report["as_of"], 2020);
    for r in report["indicators"].as_array().expect("array") {
        assert_eq!(r["status"], "no-data", "{}", r["id"]);
        assert!(r["current"].is_null());
    }
}

#[test]
fn json_report_works_for_any_valid_plan() {
    let dir = TempDir::new().expect("tempdir");
    let plan = write(
        &dir,
        "city.toml",
        &format!(
            "{HEAD}{}",
            indicator("kind = \"share\"\ntarget = 60\nbaseline = 50\nunit = \"%\"")
        ),
    );
    let actuals = write(&dir, "a.csv", "indicator,year,value\nx,2022,54\n");
    let report = json_report(&["--plan", &plan, "--actuals", &actuals]);
    assert_eq!(report["plan"], "p");
    let x = row(&report, "x");
    assert_eq!(x["progress"], 0.4);
    assert_eq!(x["ratio_linear"], 1.0);
    assert_eq!(x["status"], "on-track");
}

// --- actuals errors -----------------------------------------------------------

#[test]
fn bad_actuals_are_listed_with_file_and_line() {
    let dir = TempDir::new().expect("tempdir");
    let path = write(
        &dir,
        "a.csv",
        "indicator,year,value\nauto_traditional,2021,abc\nauto_tradtional,2021,5\nauto_traditional,20x1,5\nauto_traditional,2022,1\nauto_traditional,2022,1\n",
    );
    let out = plantrack()
        .args(["report", "--actuals", &path])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr)
        .expect("utf-8")
        .replace(&path, "a.csv");
    assert!(err.contains("(4 problems)"), "{err}");
    assert!(
        err.contains(
            "a.csv:2: field 3 (value): bad value \"abc\" for `auto_traditional`; expected a number"
        ),
        "{err}"
    );
    assert!(err.contains("a.csv:3: unknown indicator \"auto_tradtional\": not an id or name in the plan; did you mean \"auto_traditional\"?"), "{err}");
    assert!(
        err.contains("a.csv:4: field 2 (year): bad year \"20x1\""),
        "{err}"
    );
    assert!(err.contains("a.csv:6: indicator `auto_traditional` has a value for 2022 again (the same value); it is first given at a.csv:5"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_actuals_path_exits_2() {
    plantrack()
        .args(["report", "--actuals", "no/such.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no/such.csv"));
}

#[test]
fn actuals_may_name_indicators_by_their_chinese_name() {
    let dir = TempDir::new().expect("tempdir");
    let path = write(
        &dir,
        "a.csv",
        "\u{feff}指标,年份,数值\n传统汽车产业规模,2023,\"1,360\"\n",
    );
    let report = json_report(&["--actuals", &path]);
    assert_eq!(row(&report, "auto_traditional")["current"], 1360.0);
    assert!(Path::new(&path).exists());
}
