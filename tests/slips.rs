//! Typing slips in the actuals (issue: trust every figure): each one warned
//! about at its file and line with its likely cause, the rows that use it
//! marked in every format, and refused under `--strict`.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use common::{HEAD, plantrack_en as plantrack, write_file};
use serde_json::Value;
use tempfile::TempDir;

const FINAL: &str = "examples/final/actuals-2021-2025.csv";

/// The final example with `changes` ((indicator, year) → figure) made, as
/// a CSV in `dir`, keeping every other line (so line numbers hold).
fn with_slips(dir: &Path, changes: &[(&str, &str, &str)]) -> String {
    let text = std::fs::read_to_string(FINAL).expect("example");
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let mut fields: Vec<&str> = line.split(',').collect();
            for (id, year, value) in changes {
                if fields.first() == Some(id) && fields.get(1) == Some(year) {
                    fields[2] = value;
                }
            }
            fields.join(",")
        })
        .collect();
    write_file(dir, "slips.csv", lines.join("\n") + "\n")
}

/// Runs plantrack; returns the exit code, standard output and error.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    outcome(plantrack().args(args))
}

/// [`run`] in the plan's language (Chinese for the built-in plan).
fn run_plan(args: &[&str]) -> (Option<i32>, String, String) {
    outcome(common::plantrack_in("").args(args))
}

fn outcome(cmd: &mut assert_cmd::Command) -> (Option<i32>, String, String) {
    let out = cmd.output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn row<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["indicators"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// The flags of a row as (doubt, year, value).
fn flags(row: &Value) -> Vec<(String, i64, f64)> {
    row["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .map(|f| {
            (
                f["doubt"].as_str().expect("doubt").to_string(),
                f["year"].as_i64().expect("year"),
                f["value"].as_f64().expect("value"),
            )
        })
        .collect()
}

#[test]
fn each_slip_is_warned_about_at_its_line_with_its_likely_cause() {
    let dir = TempDir::new().expect("tempdir");
    let csv = with_slips(
        dir.path(),
        &[
            ("gdp_growth", "2024", "0.075"),
            ("gdp_growth", "2025", "0.068"),
            ("good_air_days", "2021", "0.70"),
            ("direct_fund_investment", "2022", "48000"),
            ("science_plan_funding", "2024", "1.12"),
            ("auto_traditional", "2023", "14420000"),
        ],
    );
    let (code, _, err) = run(&["check", "--actuals", &csv]);
    assert_eq!(code, Some(0), "{err}");
    let expected = [
        "slips.csv:5: `gdp_growth` 2024 is 0.075 beside the other years (5.45): it looks like 7.5% typed as a fraction; enter 7.5",
        "slips.csv:6: `gdp_growth` 2025 is 0.068 beside the other years (5.45): it looks like 6.8% typed as a fraction; enter 6.8",
        "slips.csv:62: `auto_traditional` 2023 is 14420000 亿元, 10,000× above the other years of the series (typically 1330): 万元 typed into a 亿元 column?",
        "slips.csv:198: `direct_fund_investment` 2022 is 48000 亿元, 10,000× above the other years of the series (typically 4.38): 万元 typed into a 亿元 column?",
        "slips.csv:280: `good_air_days` 2021 is 0.7 beside the other years (71.5): it looks like 70% typed as a fraction; enter 70",
        "slips.csv:478: `science_plan_funding` 2024 is 1.12 万元, 10,000× below the other years of the series (typically 9800): 亿元 typed into a 万元 column?",
    ];
    for line in expected {
        assert!(err.contains(line), "missing: {line}\n{err}");
    }
    assert_eq!(err.matches("warning:").count(), expected.len(), "{err}");
}

#[test]
fn rows_that_use_a_doubtful_figure_are_marked_in_every_format() {
    let dir = TempDir::new().expect("tempdir");
    let csv = with_slips(
        dir.path(),
        &[
            ("gdp_growth", "2024", "0.075"),
            ("gdp_growth", "2025", "0.068"),
            ("auto_traditional", "2024", "14420000"),
        ],
    );
    // JSON: the flags with the figure and the code; the status is still
    // computed from the figure.
    let (_, json, _) = run_plan(&["report", "--actuals", &csv, "--format", "json"]);
    let report: Value = serde_json::from_str(&json).expect("json");
    let gdp = row(&report, "gdp_growth");
    assert_eq!(
        flags(gdp),
        [
            ("fraction".to_string(), 2024, 0.075),
            ("fraction".to_string(), 2025, 0.068)
        ]
    );
    assert_eq!(gdp["status"], "missed");
    // Income growth is compared with GDP growth: it uses the slips too.
    assert_eq!(flags(row(&report, "income_growth_vs_gdp")).len(), 2);
    let auto = row(&report, "auto_traditional");
    assert_eq!(flags(auto), [("magnitude".to_string(), 2024, 14_420_000.0)]);
    assert_eq!(auto["status"], "met", "kept (met early), and marked");
    assert_eq!(flags(row(&report, "pm25")), []);

    // CSV: the codes and figures in a `flags` column.
    let (_, table, _) = run_plan(&["report", "--actuals", &csv, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let header = reader.headers().expect("header").clone();
    let at = header
        .iter()
        .position(|h| h == "flags")
        .expect("flags column");
    let gdp_line = reader
        .records()
        .map(|r| r.expect("row"))
        .find(|r| &r[1] == "gdp_growth")
        .expect("gdp row");
    assert_eq!(&gdp_line[at], "fraction:2024=0.075;fraction:2025=0.068");

    // The table: `?` after the name, counted, named, and explained.
    let (_, table, _) = run_plan(&["report", "--actuals", &csv, "--width", "200"]);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("地区生产总值年均增长? ")),
        "{table}"
    );
    assert!(
        table.lines().any(|l| l.starts_with("传统汽车产业规模? ")),
        "{table}"
    );
    assert!(table.contains("；5项指标的数据待核实\n"), "{table}");
    assert!(
        table.contains("数据待核实（疑为录入错误，见警告）：地区生产总值年均增长（2024年）"),
        "{table}"
    );
    assert!(
        table.contains("?：所用数据疑为录入错误，待核实（见警告）"),
        "{table}"
    );
    let (_, problems, _) = run_plan(&["report", "--actuals", &csv, "--problems", "--width", "200"]);
    assert!(
        problems
            .lines()
            .any(|l| l.starts_with("地区生产总值年均增长? ")),
        "{problems}"
    );

    // The narrative says which figures to check.
    let (_, text, _) = run_plan(&["report", "--actuals", &csv, "--format", "text"]);
    assert!(
        text.contains("5项指标的数据待核实，其结论以核实后的数据为准：地区生产总值年均增长（2024年0.075，疑为以小数录入的百分比）"),
        "{text}"
    );

    // The web page: the committee table's actual highlighted, the remark.
    let (_, html, _) = run_plan(&["report", "--actuals", &csv, "--format", "html"]);
    assert!(html.contains("class=\"num doubt\""), "highlighted");
    assert!(html.contains(
        "数据待核实：2024年14420000（与同一指标其他年份相差十倍以上，疑为单位或小数点错误）"
    ));

    // The workbook: the committee sheet's actual in orange with the
    // remark beside it, and the report sheet's figure with a note.
    let book = dir.path().join("r.xlsx");
    let (code, _, err) = run_plan(&[
        "report",
        "--actuals",
        &csv,
        "--output",
        book.to_str().expect("path"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let bytes = std::fs::read(&book).expect("workbook");
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).expect("xlsx");
    let committee = workbook.worksheet_range("完成情况表").expect("sheet");
    let auto_row = committee
        .rows()
        .find(|r| {
            r.iter()
                .any(|c| *c == Data::String("传统汽车产业规模".into()))
        })
        .expect("auto row");
    let remark = auto_row.last().map(ToString::to_string).unwrap_or_default();
    assert!(remark.starts_with("数据待核实：2024年14420000"), "{remark}");
    let archive = zip_text(&bytes, "xl/styles.xml");
    assert!(archive.contains("FFFCE4D6"), "the orange fill is used");
    let notes = zip_names(&bytes);
    assert!(
        notes.iter().any(|n| n.starts_with("xl/comments")),
        "{notes:?}"
    );

    // The Word report: the remark in the table.
    let docx = dir.path().join("r.docx");
    let (code, _, _) = run_plan(&[
        "report",
        "--actuals",
        &csv,
        "--output",
        docx.to_str().expect("path"),
    ]);
    assert_eq!(code, Some(0));
    let document = zip_text(&std::fs::read(&docx).expect("docx"), "word/document.xml");
    assert!(document.contains("数据待核实：2024年14420000"));
    assert!(document.contains("FCE4D6"), "the actual shaded");
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    archive
        .file_names()
        .map(|name| name.expect("a member's name").to_string())
        .collect()
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("member")
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

#[test]
fn strict_refuses_any_slip_and_writes_nothing() {
    let dir = TempDir::new().expect("tempdir");
    let csv = with_slips(dir.path(), &[("direct_fund_investment", "2022", "48000")]);
    let out = dir.path().join("report.csv");
    let out = out.to_str().expect("path");
    for args in [
        vec!["check", "--actuals", &csv, "--strict"],
        vec!["report", "--actuals", &csv, "--strict", "--output", out],
        vec![
            "show",
            "direct_fund_investment",
            "--actuals",
            &csv,
            "--strict",
        ],
        vec![
            "diff",
            "--actuals",
            &csv,
            "--from",
            "2023",
            "--to",
            "2025",
            "--strict",
        ],
    ] {
        let (code, stdout, err) = run(&args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(stdout.is_empty(), "{args:?}: nothing written");
        assert!(
            err.contains("slips.csv:198: `direct_fund_investment` 2022 is 48000"),
            "{err}"
        );
        assert!(
            err.contains("plantrack: --strict: 1 problem in the actuals"),
            "{err}"
        );
    }
    assert!(!Path::new(out).exists(), "no report written");
    // Without --strict the same run reports, and marks.
    let (code, _, _) = run(&["report", "--actuals", &csv, "--output", out]);
    assert_eq!(code, Some(0));
    // The clean examples pass --strict.
    for clean in ["examples/actuals", "examples/final"] {
        let (code, _, err) = run(&["check", "--actuals", clean, "--strict"]);
        assert_eq!(code, Some(0), "{clean}: {err}");
        assert!(!err.contains("warning"), "{clean}: {err}");
    }
}

#[test]
fn strict_refuses_what_was_not_read() {
    let dir = TempDir::new().expect("tempdir");
    let csv = write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value,责任单位\ngdp_growth,2021,7.1,统计局\n",
    );
    let (code, _, err) = run(&["check", "--actuals", &csv]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(&["check", "--actuals", &csv, "--strict"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("note: "), "{err}");
    assert!(err.contains("--strict: 1 problem"), "{err}");
}

#[test]
fn a_value_under_a_blank_header_is_an_error_at_its_place() {
    let dir = TempDir::new().expect("tempdir");
    let csv = write_file(
        dir.path(),
        "a.csv",
        "indicator,2021,,2023\ngdp_growth,7.1,6.2,6.8\n",
    );
    let (code, _, err) = run(&["check", "--actuals", &csv]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("a.csv:2: column 3 has no header, yet holds \"6.2\": give the column a header (a year such as 2022), or clear the cell"),
        "{err}"
    );
    // An empty column without a header stays a note.
    let csv = write_file(
        dir.path(),
        "b.csv",
        "indicator,2021,,2023\ngdp_growth,7.1,,6.8\n",
    );
    let (code, _, err) = run(&["check", "--actuals", &csv]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("note: "), "{err}");
}

#[test]
fn growth_rates_read_as_levels_name_the_fix() {
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(
        dir.path(),
        "plan.toml",
        format!(
            "{HEAD}[[indicator]]\nid = \"output_growth\"\nname = \"output growth\"\nunit = \"%\"\nkind = \"growth\"\ntarget = 7\nbaseline = 1020\n"
        ),
    );
    let csv = write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\noutput_growth,2021,6.5\noutput_growth,2022,6.1\n",
    );
    let (code, _, err) = run(&["check", "--plan", &plan, "--actuals", &csv]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("warning: indicator `output_growth` is a growth target in % whose figures are read as levels (actuals = \"level\"): if the figures are annual growth rates, set actuals = \"rate\""), "{err}");
    assert!(err.contains("a.csv:2: `output_growth` has figures (6.5, 6.1) that look like growth rates, but the plan reads its figures as levels from the baseline 1020: set `actuals = \"rate\"` in the plan, or give levels"), "{err}");
    let (_, json, _) = run(&[
        "report",
        "--plan",
        &plan,
        "--actuals",
        &csv,
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_str(&json).expect("json");
    let flagged = flags(row(&report, "output_growth"));
    assert_eq!(
        flagged,
        [
            ("rate-as-level".to_string(), 2021, 6.5),
            ("rate-as-level".to_string(), 2022, 6.1)
        ]
    );
}

#[test]
fn of_chains_and_cycles_are_refused_where_they_are_written() {
    let dir = TempDir::new().expect("tempdir");
    let level = |id: &str, of: &str| {
        format!(
            "[[indicator]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"level\"\ntarget = 10\nbaseline = 5\n{of}\n"
        )
    };
    let text = format!(
        "{HEAD}{}{}{}{}{}",
        level("z", ""),
        level("b", "of = \"z\""),
        level("a", "of = \"b\""),
        level("c", "of = \"d\""),
        level("d", "of = \"c\""),
    );
    let plan = write_file(dir.path(), "plan.toml", text);
    let (code, _, err) = run(&["check", "--plan", &plan]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("plan.toml:27:6: indicator `a`: `of` names `b`, which itself takes its figures from `z` (its own `of`): name `z` here"), "{err}");
    assert!(
        err.contains(
            "plan.toml:34:6: indicator `c`: `of` names `d`, whose own `of` names `c` back: a cycle"
        ),
        "{err}"
    );
}

#[test]
fn ordinary_volatility_raises_no_alarm() {
    // Real series move: investment swings by half, growth dips below 1%,
    // a new industry grows fivefold, a count starts at 1.
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(
        dir.path(),
        "plan.toml",
        format!(
            "{HEAD}[[indicator]]\nid = \"investment\"\nname = \"investment\"\nkind = \"level\"\nunit = \"亿元\"\ntarget = 200\nbaseline = 120\n\n\
             [[indicator]]\nid = \"growth\"\nname = \"growth\"\nunit = \"%\"\nkind = \"growth\"\nactuals = \"rate\"\ntarget = 6\n\n\
             [[indicator]]\nid = \"new_industry\"\nname = \"new industry\"\nkind = \"level\"\nunit = \"亿元\"\ntarget = 100\nbaseline = 12\n\n\
             [[indicator]]\nid = \"awards\"\nname = \"awards\"\nkind = \"cumulative\"\nactuals = \"flow\"\ntarget = 3\n"
        ),
    );
    let csv = write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\n\
         investment,2021,95\ninvestment,2022,160\ninvestment,2023,80\ninvestment,2024,140\n\
         growth,2021,-2.1\ngrowth,2022,0.8\ngrowth,2023,6.5\ngrowth,2024,3.2\n\
         new_industry,2021,20\nnew_industry,2022,38\nnew_industry,2023,61\nnew_industry,2024,95\n\
         awards,2021,0\nawards,2022,2\nawards,2023,0\nawards,2024,1\n",
    );
    let (code, _, err) = run(&["check", "--plan", &plan, "--actuals", &csv, "--strict"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}
