//! Actuals as offices really lay them out, and as hostile or broken files
//! arrive: each case ends in a correct report or a clear message naming
//! the file and line (issues 9 and 15).

mod common;

use std::process::Output;

use common::{plantrack_en as plantrack, write_file};
use tempfile::TempDir;

/// Runs plantrack in `dir` with `args`, whatever the exit code.
fn run_in(dir: &TempDir, args: &[&str]) -> Output {
    let mut cmd = plantrack();
    cmd.current_dir(dir.path()).args(args);
    cmd.output().expect("run plantrack")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// The JSON report of `args` run in `dir`, asserting success.
fn json_in(dir: &TempDir, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn row<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["indicators"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == id))
        .expect("row")
}

/// A sheet as a statistics office keeps it: a title, a blank line, serial
/// numbers, both id and name, units, targets, responsible units, notes.
const OFFICE_SHEET: &str = "襄阳高新区主要指标完成情况表\n\
,,,,,,,,,\n\
序号,指标代码,指标名称,计量单位,2025年目标,2021年,2022年,2023年,责任单位,备注\n\
1,auto_traditional,传统汽车产业规模,亿元,1800,1250,1300,1360,经发局,\n\
2,pm25,PM2.5年均浓度,微克/立方米,52,55,54,53,生态环境分局,\n\
3,tertiary_share,第三产业占GDP比重,%,20,15,15.8,16.5,,初步数\n\
,,,,,,,,,\n";

#[test]
fn an_office_sheet_with_title_ids_names_and_extra_columns_is_read() {
    let dir = TempDir::new().expect("tempdir");
    write_file(dir.path(), "sheet.csv", OFFICE_SHEET);
    let out = run_in(&dir, &["check", "--actuals", "sheet.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(text(&out.stdout).ends_with("; 9 actuals\n"));
    assert!(
        err.contains("note: sheet.csv:3: columns 序号, 责任单位 are not data and ignored"),
        "{err}"
    );
    assert!(
        err.contains("note: sheet.csv: line 1 is above the header (line 3) and skipped as a title"),
        "{err}"
    );
    // 微克/立方米 is µg/m³: no unit warning; the plan gives no PM2.5 baseline.
    assert!(!err.contains("unit"), "{err}");
    assert!(err.contains("warning: sheet.csv:5: `pm25` cannot be assessed: the plan states no baseline and the actuals give no figure for 2020; add its 2020 figure"), "{err}");

    let report = json_in(&dir, &["--actuals", "sheet.csv"]);
    assert_eq!(row(&report, "auto_traditional")["current"], 1360.0);
    assert_eq!(row(&report, "tertiary_share")["current"], 16.5);
    assert_eq!(row(&report, "pm25")["status"], "not-assessable");
    let reason = row(&report, "pm25")["reason"].as_str().expect("reason");
    assert!(reason.starts_with("no baseline"), "{reason}");
}

#[test]
fn an_id_and_a_name_that_disagree_are_refused_naming_both_cells() {
    // Case 9.1: a PM2.5 figure must not be booked to the auto industry.
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "指标代码,指标名称,年份,数值\nauto_traditional,PM2.5年均浓度,2021,55\n",
    );
    let out = run_in(&dir, &["check", "--actuals", "a.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(
        "a.csv:2: field 1 (指标代码) \"auto_traditional\" is `auto_traditional` (传统汽车产业规模) but field 2 (指标名称) \"PM2.5年均浓度\" is `pm25` (PM2.5年均浓度): the id and the name must name the same indicator"
    ), "{}", text(&out.stderr));
}

#[test]
fn units_and_targets_that_differ_from_the_plan_are_warned_about() {
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "指标,单位,目标,年份,数值\n传统汽车产业规模,万元,1500,2021,12500000\n传统汽车产业规模,万元,1500,2022,13000000\n",
    );
    let out = run_in(&dir, &["check", "--actuals", "a.csv"]);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(err.contains("warning: a.csv:2: `auto_traditional` is in \"万元\" here but the plan's unit is \"亿元\""), "{err}");
    assert!(err.contains("warning: a.csv:2: `auto_traditional` has the target \"1500\" here but the plan's target is 1800"), "{err}");
    // Once per indicator and file, not once per row.
    assert_eq!(err.matches("is in \"万元\"").count(), 1, "{err}");
    // 12500000 亿元 is 10,000× the baseline and target: a unit slip.
    assert!(err.contains("warning: a.csv:2: `auto_traditional` 2021 is 12500000 亿元, more than 10× above or below both its baseline and its target"), "{err}");
}

#[test]
fn the_template_asks_for_the_baselines_the_plan_does_not_state() {
    // Case 9.3: filled in and read back, no indicator is left without a baseline.
    let dir = TempDir::new().expect("tempdir");
    let out = run_in(&dir, &["template"]);
    let template = text(&out.stdout);
    let pm25: Vec<&str> = template
        .lines()
        .filter(|l| l.starts_with("pm25,"))
        .collect();
    assert_eq!(pm25.len(), 6, "2020 and 2021–2025");
    assert!(
        pm25[0].contains(
            "needed: the plan states no baseline, so the 2020 figure is the baseline\",2020,"
        ),
        "{}",
        pm25[0]
    );
    // Indicators with a baseline get no 2020 row.
    assert_eq!(
        template
            .lines()
            .filter(|l| l.starts_with("auto_traditional,"))
            .count(),
        5
    );

    let mut filled = String::new();
    for (i, line) in template.lines().enumerate() {
        let value = if i == 0 {
            ""
        } else if line.contains(",milestone") || line.contains("yes/no") {
            "否"
        } else {
            "60"
        };
        filled.push_str(line);
        filled.push_str(value);
        filled.push('\n');
    }
    write_file(dir.path(), "filled.csv", &filled);
    let out = run_in(&dir, &["check", "--actuals", "filled.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("cannot be assessed"),
        "{}",
        text(&out.stderr)
    );
    let report = json_in(&dir, &["--actuals", "filled.csv"]);
    let not_assessable: Vec<&str> = report["indicators"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| {
            r["status"] == "not-assessable"
                && r["reason"]
                    .as_str()
                    .is_some_and(|s| s.contains("no baseline"))
        })
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(not_assessable, Vec::<&str>::new());
    assert_eq!(row(&report, "pm25")["baseline"], 60.0);
}

#[test]
fn a_period_total_with_a_missing_year_is_not_summed_as_zero() {
    // Case 9.4.
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\nurban_new_jobs,2022,7900\nurban_new_jobs,2023,8400\n",
    );
    let out = run_in(&dir, &["check", "--actuals", "a.csv"]);
    assert!(text(&out.stderr).contains("warning: a.csv:2: `urban_new_jobs` is a period total with no amount for 2021: a missing year is not zero"), "{}", text(&out.stderr));
    let report = json_in(&dir, &["--actuals", "a.csv"]);
    let jobs = row(&report, "urban_new_jobs");
    assert_eq!(jobs["status"], "not-assessable");
    assert_eq!(jobs["current"], serde_json::Value::Null);
    assert!(
        jobs["reason"]
            .as_str()
            .expect("reason")
            .starts_with("no amount for 2021")
    );
}

#[test]
fn the_gap_is_the_distance_still_to_go_in_the_targets_direction() {
    // Case 9.5: positive = short of the target, in every direction.
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\npm25,2020,58\npm25,2023,53\ngdp_growth,2021,8\nauto_traditional,2023,1360\n",
    );
    let report = json_in(&dir, &["--actuals", "a.csv"]);
    assert_eq!(row(&report, "pm25")["gap"], 1.0, "53 against ≤ 52: 1 to go");
    assert_eq!(row(&report, "auto_traditional")["gap"], 440.0);
    let gdp = row(&report, "gdp_growth");
    let gap = gdp["gap"].as_f64().expect("gap");
    assert!(
        (gap + 0.5).abs() < 1e-9,
        "8% against 7.5%: beaten by 0.5 points, {gap}"
    );
    let show = run_in(
        &dir,
        &["show", "pm25", "--actuals", "a.csv", "--lang", "en"],
    );
    assert!(
        text(&show.stdout).contains("1 (positive: still to go; zero or negative: met or beaten)")
    );
    let show = run_in(
        &dir,
        &["show", "gdp_growth", "--actuals", "a.csv", "--lang", "zh"],
    );
    assert!(
        text(&show.stdout).contains("-0.5个百分点"),
        "{}",
        text(&show.stdout)
    );
}

#[test]
fn as_of_must_lie_in_the_plan_period_and_old_data_is_said_to_be_old() {
    // Case 9.6.
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\nauto_traditional,2023,1360\n",
    );
    for year in ["22", "2018", "2030"] {
        let out = run_in(&dir, &["report", "--actuals", "a.csv", "--as-of", year]);
        assert_eq!(out.status.code(), Some(2), "{year}");
        assert!(
            text(&out.stderr).contains(&format!(
                "--as-of {year} is outside the plan period: give a year from 2019 to 2025"
            )),
            "{}",
            text(&out.stderr)
        );
    }
    let out = run_in(
        &dir,
        &[
            "report",
            "--actuals",
            "a.csv",
            "--as-of",
            "2025",
            "--lang",
            "en",
        ],
    );
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().rev().take(2).collect();
    // As of the target year, a 2023 figure gets no pace verdict: it awaits
    // the 2025 figure, and the summary counts and names it.
    assert_eq!(
        lines,
        [
            "awaiting figures for 2025: Traditional automotive industry output (2023)",
            "as of 2025: 1 awaiting, 104 no-data"
        ]
    );
    let show = run_in(
        &dir,
        &[
            "show",
            "auto_traditional",
            "--actuals",
            "a.csv",
            "--as-of",
            "2025",
            "--lang",
            "zh",
        ],
    );
    assert!(text(&show.stdout).contains("评估截至2025年，所用最新数据为2023年"));
}

#[test]
fn figures_that_are_probably_typing_mistakes_are_warned_about() {
    // Case 9.7: a level typed as a growth rate; a fraction typed as a percentage.
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\ngdp_growth,2021,1192.24\ntertiary_share,2021,0.165\n",
    );
    let out = run_in(&dir, &["check", "--actuals", "a.csv"]);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(err.contains("warning: a.csv:2: `gdp_growth` 2021 is 1192.24% a year, outside -50%…+100%: a level typed where a growth rate belongs? Give the rate, or set `actuals = \"level\"` in the plan if the figures are levels"), "{err}");
    assert!(err.contains("warning: a.csv:3: `tertiary_share` 2021 is 0.165 beside its baseline and target (14.1, 20): it looks like 16.5% typed as a fraction; enter 16.5"), "{err}");
    // report and show print the same warnings.
    let out = run_in(&dir, &["report", "--actuals", "a.csv"]);
    assert!(text(&out.stderr).contains("1192.24% a year"));
}

#[test]
fn a_growth_targets_unit_is_percent() {
    // Case 9.8: the shipped plan's GDP growth is in %, and a plan whose
    // growth rates are in another unit is warned about.
    let dir = TempDir::new().expect("tempdir");
    let out = run_in(&dir, &["template"]);
    assert!(
        text(&out.stdout)
            .contains("gdp_growth,地区生产总值年均增长,%,annual % change on the year before,2021,")
    );
    let plan = format!(
        "{}[[indicator]]\nid = \"g\"\nname = \"g\"\nunit = \"亿元\"\nkind = \"growth\"\ntarget = 7.5\nactuals = \"rate\"\n",
        common::HEAD
    );
    write_file(dir.path(), "p.toml", plan);
    let out = run_in(&dir, &["check", "--plan", "p.toml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("warning: indicator `g` is a growth target given as annual rates (percent) but its unit is \"亿元\"; set unit = \"%\""));
}

#[test]
fn a_file_reached_twice_is_read_once_and_unread_files_are_named() {
    // Case 9.9.
    let dir = TempDir::new().expect("tempdir");
    std::fs::create_dir(dir.path().join("d")).expect("mkdir");
    write_file(
        dir.path(),
        "d/a.csv",
        "indicator,year,value\nauto_traditional,2021,1250\n",
    );
    write_file(dir.path(), "d/book.et", "WPS");
    write_file(dir.path(), "d/~$a.xlsx", "lock file of an open workbook");
    let out = run_in(
        &dir,
        &[
            "check",
            "--actuals",
            "d",
            "--actuals",
            "d",
            "--actuals",
            "d/a.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with("; 1 actual\n"));
    let err = text(&out.stderr);
    assert_eq!(
        err.matches("note: d: not read: book.et (only .csv, .tsv, .xlsx, .xlsm, .xls and .ods files are read: save WPS and Numbers sheets as .xlsx)").count(),
        1,
        "{err}"
    );
}

// --- issue 15: hostile and broken input ------------------------------------

/// Runs `check --actuals a.csv` on `bytes` and returns (exit code, stderr).
fn check_bytes(bytes: &[u8]) -> (Option<i32>, String) {
    let dir = TempDir::new().expect("tempdir");
    write_file(dir.path(), "a.csv", bytes);
    let out = run_in(&dir, &["check", "--actuals", "a.csv"]);
    (out.status.code(), text(&out.stderr))
}

#[test]
fn an_unterminated_quote_is_an_error_where_it_opens() {
    let (code, err) = check_bytes(b"indicator,year,value,note\nauto_traditional,2021,150,\"oops\nauto_traditional,2022,160,\n");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("a.csv:2: a quoted cell opens here and is never closed"),
        "{err}"
    );
    // A stray quote in the value column: the message quotes at most 80 characters.
    let mut body = String::from("indicator,year,value\nauto_traditional,2021,\"1\n");
    for _ in 0..200 {
        body.push_str("auto_traditional,2022,160\n");
    }
    body.push_str("x,\"2023\",\"7\n");
    let (code, err) = check_bytes(body.as_bytes());
    assert_eq!(code, Some(2));
    assert!(err.lines().all(|l| l.chars().count() < 400), "{err}");
}

#[test]
fn duplicate_header_roles_and_odd_signs_are_refused() {
    let (_, err) = check_bytes(b"indicator,year,\xe5\xb9\xb4\xe4\xbb\xbd,value\n");
    assert!(err.contains("a.csv:1: fields 2 (\"year\") and 3 (\"年份\") of the header mean the same column; keep one"), "{err}");
    for sign in ["+-5", "--5", "-+5"] {
        let (code, err) =
            check_bytes(format!("indicator,year,value\nauto_traditional,2021,{sign}\n").as_bytes());
        assert_eq!(code, Some(2), "{sign}");
        assert!(err.contains(&format!("bad value \"{sign}\"")), "{err}");
    }
}

#[test]
fn lone_carriage_returns_are_line_ends() {
    let (code, err) =
        check_bytes(b"indicator,year,value\rauto_traditional,2021,1\rauto_traditional,2022,abc\r");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("a.csv:3: field 3 (value): bad value \"abc\""),
        "{err}"
    );
}

#[test]
fn mixed_and_foreign_encodings_are_refused_not_garbled() {
    let (gbk, _, _) = encoding_rs::GBK.encode("备注");
    let mut bytes =
        "indicator,year,value,note\nauto_traditional,2021,1250,初步数\nauto_traditional,2022,1300,"
            .as_bytes()
            .to_vec();
    bytes.extend_from_slice(&gbk);
    bytes.push(b'\n');
    let (code, err) = check_bytes(&bytes);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("a.csv:1: the file is UTF-8 text, but line 3 holds bytes that are not UTF-8"),
        "{err}"
    );

    let (big5, _, _) = encoding_rs::BIG5.encode("指標,年份,數值\n傳統汽車產業規模,2021,1250\n");
    let (code, err) = check_bytes(&big5);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("is neither UTF-8 nor GBK/GB18030 text"),
        "{err}"
    );

    let (gbk, _, _) = encoding_rs::GBK.encode("指标,年份,数值\n传统汽车产业规模,2021,1250\n");
    let (code, err) = check_bytes(&gbk);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("note: a.csv: read as GB18030 (GBK)"), "{err}");
}

#[test]
fn control_characters_reach_no_terminal() {
    let (code, err) = check_bytes(b"indicator,year,value\nauto\x1b]0;pwned\x07,2021,1\n");
    assert_eq!(code, Some(2));
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert!(
        err.contains("unknown indicator \"auto\\u{1b}]0;pwned\\u{7}\""),
        "{err}"
    );

    // A note with an escape sequence is data: shown escaped, kept in JSON.
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value,note\nauto_traditional,2021,1250,\"red\x1b[31m\"\n",
    );
    let out = run_in(&dir, &["show", "auto_traditional", "--actuals", "a.csv"]);
    let shown = text(&out.stdout);
    assert!(
        !shown.contains('\x1b') && shown.contains("red\\u{1b}[31m"),
        "{shown:?}"
    );

    // Plan text may not hold control characters.
    let plan = format!(
        "{}[[indicator]]\nid = \"a\"\nname = \"a\\u001b[2J\"\nkind = \"level\"\ntarget = 1\n",
        common::HEAD
    );
    write_file(dir.path(), "p.toml", plan);
    let out = run_in(&dir, &["check", "--plan", "p.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("p.toml:9:8: `name` in indicator `a` holds the control character \\u{1b}"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_typo_year_moves_nothing() {
    // `2203` is warned about and ignored: the as-of year stays 2021.
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\nlisted_companies,2021,9\nlisted_companies,2203,9\n",
    );
    let report = json_in(&dir, &["--actuals", "a.csv"]);
    assert_eq!(report["as_of"], 2021);
    let pending = report["indicators"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["status"] == "missed")
        .count();
    assert_eq!(pending, 0, "no milestone is missed before 2025");
}

#[test]
fn names_that_could_capture_another_indicators_rows_are_refused() {
    let dir = TempDir::new().expect("tempdir");
    let ind = |id: &str, name: &str| {
        format!("[[indicator]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"level\"\ntarget = 1\n\n")
    };
    let plan = format!(
        "{}{}{}{}",
        common::HEAD,
        ind("a", "b"),
        ind("b", "乙"),
        ind("c", "乙")
    );
    write_file(dir.path(), "p.toml", plan);
    let out = run_in(&dir, &["check", "--plan", "p.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("p.toml:9:8: indicator `a` is named \"b\", the id of indicator `b`"),
        "{err}"
    );
    assert!(
        err.contains("p.toml:21:8: indicator `c` has the same name \"乙\" as `b` at p.toml:15:8"),
        "{err}"
    );
    assert!(
        err.contains("p.toml:15:8: indicator `b` has the same name \"乙\" as `c` at p.toml:21:8"),
        "{err}"
    );
}

#[test]
fn a_flood_of_unknown_rows_gives_a_short_error() {
    let mut body = String::from("indicator,year,value\n");
    for i in 0..20_000 {
        body.push_str(&format!("unknown_{i},2021,1\n"));
    }
    let (code, err) = check_bytes(body.as_bytes());
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("plantrack: the actuals are not valid (20000 problems):"),
        "{}",
        &err[..200]
    );
    assert!(
        err.trim_end()
            .ends_with("… and 19950 more problems (1 file)"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1 + 50 + 1);
}

#[test]
fn standard_input_is_read_once_and_devices_are_refused() {
    let dir = TempDir::new().expect("tempdir");
    let out = plantrack()
        .current_dir(dir.path())
        .args([
            "report",
            "--actuals",
            "-",
            "--format",
            "json",
            "--only",
            "auto_traditional",
        ])
        .write_stdin("indicator\tyear\tvalue\nauto_traditional\t2022\t1300\n")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(row(&report, "auto_traditional")["current"], 1300.0);

    let out = plantrack()
        .args(["report", "--actuals", "-"])
        .write_stdin("indicator,year,value\nnope,2022,1\n")
        .output()
        .expect("run");
    assert!(text(&out.stderr).contains("<stdin>:2: unknown indicator \"nope\""));

    let out = run_in(&dir, &["check", "--actuals", "-", "--actuals", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--actuals - is given twice"));

    let out = run_in(&dir, &["check", "--actuals", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/dev/zero: is a device, not a file of actuals"));
    let out = run_in(&dir, &["check", "--plan", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_growth_cap_is_judged_as_a_cap() {
    let dir = TempDir::new().expect("tempdir");
    let plan = format!(
        "{}[[indicator]]\nid = \"energy\"\nname = \"能耗增长\"\nunit = \"%\"\nkind = \"growth\"\ncomparator = \"<=\"\ntarget = 5\nactuals = \"rate\"\n",
        common::HEAD
    );
    write_file(dir.path(), "p.toml", plan);
    write_file(
        dir.path(),
        "fast.csv",
        "indicator,year,value\nenergy,2021,20\nenergy,2022,20\n",
    );
    write_file(
        dir.path(),
        "slow.csv",
        "indicator,year,value\nenergy,2021,3\nenergy,2022,4\n",
    );
    let fast = json_in(&dir, &["--plan", "p.toml", "--actuals", "fast.csv"]);
    let energy = row(&fast, "energy");
    assert_eq!(energy["status"], "off-track", "20% a year against a 5% cap");
    assert_eq!(energy["ratio_cagr"], serde_json::Value::Null);
    assert!(
        energy["reason"]
            .as_str()
            .expect("reason")
            .starts_with("a growth cap")
    );
    let gap = energy["gap"].as_f64().expect("gap");
    assert!((gap - 15.0).abs() < 1e-9, "15 points over the cap: {gap}");
    let slow = json_in(&dir, &["--plan", "p.toml", "--actuals", "slow.csv"]);
    assert_eq!(row(&slow, "energy")["status"], "on-track");
}

#[test]
fn huge_growth_rates_give_null_not_infinity() {
    let dir = TempDir::new().expect("tempdir");
    write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\ngdp_growth,2021,1e308\ngdp_growth,2022,1e308\n",
    );
    let out = run_in(
        &dir,
        &[
            "report",
            "--actuals",
            "a.csv",
            "--format",
            "csv",
            "--only",
            "gdp_growth",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let csv = text(&out.stdout);
    assert!(!csv.contains("inf") && !csv.contains("NaN"), "{csv}");
    let report = json_in(&dir, &["--actuals", "a.csv"]);
    assert_eq!(row(&report, "gdp_growth")["status"], "not-assessable");
}
