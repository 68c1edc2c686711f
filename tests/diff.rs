//! `plantrack diff` and `report --since`: hand-made pairs of saved reports
//! for each transition, two years of the example actuals, exit codes and
//! the lines standard error names.

mod common;

use common::{plantrack, plantrack_en, stdout_of, write_file};
use serde_json::Value;
use tempfile::TempDir;

const EXAMPLE: &str = "examples/actuals";

/// A saved report of plan `plan` as of `as_of` with these rows
/// (id, name, status, current, gap, progress).
fn saved(plan: &str, as_of: i32, rows: &[(&str, &str, &str, f64, f64, f64)]) -> String {
    let rows: Vec<Value> = rows
        .iter()
        .map(|(id, name, status, current, gap, progress)| {
            serde_json::json!({"id": id, "name": name, "name_en": null, "status": status,
                "current": current, "gap": gap, "progress": progress})
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "format_version": 1, "plan": plan, "as_of": as_of, "indicators": rows}))
    .expect("json")
}

/// The two reports written into `dir`: every transition between them.
fn pair(dir: &TempDir) -> (String, String) {
    let old = saved(
        "p",
        2022,
        &[
            ("up", "Up", "lagging", 10.0, 5.0, 0.4),
            ("down", "Down", "on-track", 20.0, 2.0, 0.6),
            ("same", "Same", "met", 30.0, 0.0, 1.0),
            ("gone", "Gone", "ahead", 1.0, 1.0, 0.9),
            ("blank", "Blank", "on-track", 5.0, 1.0, 0.5),
        ],
    );
    let new = saved(
        "p",
        2023,
        &[
            ("up", "Up", "on-track", 12.0, 3.0, 0.6),
            ("down", "Down", "off-track", 20.5, 1.5, 0.65),
            ("same", "Same", "met", 31.0, -1.0, 1.1),
            ("blank", "Blank", "no-data", 5.0, 1.0, 0.5),
            ("fresh", "Fresh", "missed", 2.0, 3.0, 0.1),
        ],
    );
    (
        write_file(dir.path(), "old.json", old),
        write_file(dir.path(), "new.json", new),
    )
}

/// Saves the JSON report on the example actuals as of `as_of` at `path`.
fn save_report(as_of: &str, path: &std::path::Path) {
    plantrack()
        .args(["report", "--actuals", EXAMPLE, "--as-of", as_of, "--output"])
        .arg(path)
        .assert()
        .success();
}

fn diff_json(args: &[&str]) -> Value {
    let mut cmd = plantrack();
    cmd.arg("diff").args(args).args(["--format", "json"]);
    serde_json::from_slice(&stdout_of(&mut cmd)).expect("json")
}

#[test]
fn every_transition_is_named_and_slips_come_first() {
    let dir = TempDir::new().expect("tempdir");
    let (old, new) = pair(&dir);
    let json = diff_json(&[&old, &new]);
    assert_eq!(
        (json["from"].as_i64(), json["to"].as_i64()),
        (Some(2022), Some(2023))
    );
    let changes: Vec<(&str, &str)> = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or(""),
                c["change"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("down", "worsened"),
            ("up", "improved"),
            ("blank", "changed"),
            ("fresh", "new"),
            ("gone", "vanished"),
            ("same", "unchanged"),
        ]
    );
    let fresh = &json["changes"][3];
    assert_eq!(fresh["before"], Value::Null);
    assert_eq!(fresh["after"]["status"], "missed");

    // The table says the same, in English for English names.
    let table =
        String::from_utf8(stdout_of(plantrack().args(["diff", &old, &new]))).expect("utf-8");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        [
            "indicator",
            "before",
            "after",
            "change",
            "current",
            "gap",
            "progress"
        ]
    );
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        [
            "Down",
            "on-track",
            "off-track",
            "worsened",
            "20",
            "->",
            "20.5",
            "2",
            "->",
            "1.5",
            "60%",
            "->",
            "65%"
        ]
    );
    assert_eq!(
        lines.last().copied(),
        Some("2022 → 2023: 1 worsened, 1 improved, 1 changed, 1 new, 1 vanished, 1 unchanged")
    );

    // CSV: every figure before and after, unrounded.
    let csv = String::from_utf8(stdout_of(
        plantrack().args(["diff", &old, &new, "--format", "csv"]),
    ))
    .expect("utf-8");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "from,to,id,name,change,status_before,status_after,current_before,current_after,gap_before,gap_after,progress_before,progress_after"
        )
    );
    assert_eq!(
        lines.next(),
        Some("2022,2023,down,Down,worsened,on-track,off-track,20,20.5,2,1.5,0.6,0.65")
    );
}

#[test]
fn fail_on_worse_exits_1_only_when_a_target_slips_and_names_it() {
    let dir = TempDir::new().expect("tempdir");
    let (old, new) = pair(&dir);
    let out = plantrack()
        .args(["diff", &old, &new, "--fail-on-worse", "--output"])
        .arg(dir.path().join("d.csv"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "the comparison went to the file");
    assert_eq!(
        String::from_utf8(out.stderr).expect("utf-8"),
        "plantrack: 1 indicator tripped --fail-on-worse:\n  down Down: off-track (before: on-track)\n"
    );
    // Only slips into off-track or worse, or only into missed.
    let code = |extra: &str| {
        plantrack()
            .args(["diff", &old, &new, extra])
            .output()
            .expect("run")
            .status
            .code()
    };
    assert_eq!(code("--fail-on-worse=off-track"), Some(1));
    assert_eq!(code("--fail-on-worse=missed"), Some(0));
    // A report compared with itself never slips.
    assert_eq!(
        plantrack()
            .args(["diff", &new, &new, "--fail-on-worse"])
            .output()
            .expect("run")
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn reports_that_cannot_be_compared_are_refused() {
    let dir = TempDir::new().expect("tempdir");
    let (old, new) = pair(&dir);
    let other = write_file(dir.path(), "other.json", saved("q", 2023, &[]));
    let old_format = write_file(
        dir.path(),
        "v0.json",
        r#"{"plan": "p", "as_of": 2022, "indicators": []}"#,
    );
    let cases: [(&[&str], &str); 5] = [
        (&[&old, &other], "is a report on plan `p` but"),
        (
            &[&old_format, &new],
            "a plantrack report without format_version",
        ),
        (
            &[&old, "examples/actuals/actuals-2021-2023.csv"],
            "not a plantrack JSON report: not JSON",
        ),
        (&[&old], "diff compares two saved JSON reports"),
        (&[&old, &new, "--from", "2021", "--to", "2022"], "not both"),
    ];
    for (args, expected) in cases {
        let out = plantrack_en().arg("diff").args(args).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "expected {expected:?} in {err}");
    }
}

#[test]
fn two_years_of_the_same_actuals_compare_as_their_saved_reports_do() {
    let dir = TempDir::new().expect("tempdir");
    let report = |year: &str, name: &str| {
        let path = dir.path().join(name);
        save_report(year, &path);
        path.display().to_string()
    };
    let (old, new) = (report("2022", "2022.json"), report("2023", "2023.json"));
    let by_years = diff_json(&["--actuals", EXAMPLE, "--from", "2022", "--to", "2023"]);
    assert_eq!(by_years, diff_json(&[&old, &new]));
    let moved = |change: &str| {
        by_years["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .filter(|c| c["change"] == change)
            .count()
    };
    assert_eq!(
        (moved("worsened"), moved("improved"), moved("unchanged")),
        (10, 14, 81)
    );
    // listed_companies stayed at 8 while the period went on: a slip.
    let listed = by_years["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["id"] == "listed_companies")
        .expect("listed_companies");
    assert_eq!(listed["change"], "worsened");
    assert_eq!(
        (
            listed["before"]["status"].as_str(),
            listed["after"]["status"].as_str()
        ),
        (Some("lagging"), Some("off-track"))
    );

    // The same comparison, twice: the same bytes.
    let table = || stdout_of(plantrack().args(["diff", &old, &new]));
    assert_eq!(table(), table());
}

#[test]
fn report_since_adds_the_change_to_every_format() {
    let dir = TempDir::new().expect("tempdir");
    let old = dir.path().join("2022.json");
    save_report("2022", &old);
    let old = old.display().to_string();
    let run = |format: &str| {
        String::from_utf8(stdout_of(plantrack().args([
            "report",
            "--actuals",
            EXAMPLE,
            "--since",
            &old,
            "--only",
            "pm25,listed_companies",
            "--format",
            format,
        ])))
        .expect("utf-8")
    };
    let table = run("table");
    assert!(
        table
            .lines()
            .next()
            .is_some_and(|h| h.trim_end().ends_with("较2022年")),
        "{table}"
    );
    assert!(table.contains("明显滞后  恶化（原略有滞后）"), "{table}");
    assert!(table.contains("改善（原略有滞后）"), "{table}");
    let csv = run("csv");
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.ends_with(",status_before,change"))
    );
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[1].starts_with("2023,listed_companies,")
            && rows[1].ends_with(",off-track,,,,target,,lagging,worsened"),
        "{csv}"
    );
    assert!(
        rows[2].starts_with("2023,pm25,")
            && rows[2].ends_with(",ahead,,,,target,,lagging,improved"),
        "{csv}"
    );
    let json: Value = serde_json::from_str(&run("json")).expect("json");
    assert_eq!(json["indicators"][0]["change"], "worsened");
    assert_eq!(json["indicators"][0]["status_before"], "lagging");
    assert!(run("markdown").contains("| 较2022年 |"));
    // And the workbook: two more columns on the report sheet.
    let book = dir.path().join("r.xlsx");
    plantrack()
        .args([
            "report",
            "--actuals",
            EXAMPLE,
            "--since",
            &old,
            "--only",
            "listed_companies",
            "--output",
        ])
        .arg(&book)
        .assert()
        .success();
    use calamine::Reader;
    let mut xlsx: calamine::Xlsx<_> = calamine::open_workbook(&book).expect("workbook");
    let sheet = xlsx.worksheet_range("汇总").expect("sheet");
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string());
    assert_eq!(
        (cell(5, 23), cell(5, 24)),
        (Some("上次状态".into()), Some("较2022年".into()))
    );
    assert_eq!(
        (cell(6, 23), cell(6, 24)),
        (Some("略有滞后".into()), Some("恶化".into()))
    );

    // --fail-on-worse on a report needs --since, and names the slips.
    let out = plantrack()
        .args([
            "report",
            "--actuals",
            EXAMPLE,
            "--since",
            &old,
            "--fail-on-worse",
            "--format",
            "csv",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.starts_with("plantrack: 10项指标触发 --fail-on-worse：\n"),
        "{err}"
    );
    let out = plantrack_en()
        .args(["report", "--actuals", EXAMPLE, "--fail-on-worse"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --since OLD.json"));
}

#[test]
fn the_cron_recipe_mails_a_slip_once() {
    // The README's recipe: `report --since last.json --fail-on-worse
    // --output last.json`, run on successive days.
    let dir = TempDir::new().expect("tempdir");
    let last = dir.path().join("last.json").display().to_string();
    let day = |as_of: &str| {
        plantrack()
            .args(["report", "--actuals", EXAMPLE, "--as-of", as_of])
            .args(["--since", &last, "--fail-on-worse", "--output", &last])
            .output()
            .expect("run")
    };
    save_report("2022", std::path::Path::new(&last));
    let slipped = day("2023");
    assert_eq!(slipped.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&slipped.stderr).contains(
        "  listed_companies 主板、中小板、创业板和科创板上市公司总数：明显滞后（上次：略有滞后）"
    ));
    let saved: Value = serde_json::from_slice(&std::fs::read(&last).expect("read")).expect("json");
    assert_eq!(saved["as_of"], 2023, "today's report replaced the last one");
    // The next day nothing new has slipped: silence, exit 0.
    let next = day("2023");
    assert_eq!(next.status.code(), Some(0));
    assert!(next.stderr.is_empty() && next.stdout.is_empty());
}

#[test]
fn a_saved_report_with_a_byte_order_mark_is_read() {
    // Saved again by an editor on Windows, it starts with EF BB BF.
    let dir = TempDir::new().expect("tempdir");
    let (old, new) = pair(&dir);
    let with_bom = [
        b"\xEF\xBB\xBF".as_slice(),
        &std::fs::read(&old).expect("read"),
    ]
    .concat();
    std::fs::write(&old, with_bom).expect("write");
    let json = diff_json(&[&old, &new]);
    let changes = json["changes"].as_array().expect("changes");
    let down = changes.iter().find(|c| c["id"] == "down").expect("down");
    assert_eq!(down["change"], "worsened");
}
