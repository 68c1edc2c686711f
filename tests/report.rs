//! Integration tests of the reports: every format (with snapshots of the
//! example report), `show`, `--fail-on` and the exit codes, the formula
//! guard, the BOM, colour, atomic `--output`, determinism and closed pipes.

use std::path::Path;
use std::process::Output;

mod common;

use common::{HEAD, listing, plantrack, plantrack_en, refused, write_file};
use tempfile::TempDir;

const EXAMPLE: &str = "examples/actuals";

/// Runs plantrack with `args` and returns its output, whatever the exit code.
fn run(args: &[&str]) -> Output {
    plantrack().args(args).output().expect("run plantrack")
}

/// Runs plantrack with `args`, asserts exit code 0 and no stderr, and
/// returns stdout.
fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The example report in `format`, with any further arguments.
fn example(format: &str, more: &[&str]) -> String {
    let mut args = vec!["report", "--actuals", EXAMPLE, "--format", format];
    args.extend_from_slice(more);
    stdout(&args)
}

fn csv_rows(text: &str, delimiter: u8) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV")
}

// --- formats: snapshots and what they must say ---------------------------------

#[test]
fn table_in_chinese_is_the_default_for_a_chinese_plan() {
    let table = stdout(&["report", "--actuals", EXAMPLE]);
    assert_eq!(table, example("table", &["--lang", "zh"]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].trim_start().starts_with("指标"), "{}", lines[0]);
    assert_eq!(lines.len(), 2 + 105 + 1, "header, rule, 105 rows, summary");
    // The compact table: latest against target, progress against time,
    // the growth still needed a year, the status.
    let gdp = lines[2].split_whitespace().collect::<Vec<_>>();
    assert_eq!(
        gdp,
        [
            "地区生产总值年均增长",
            "7.75%/>=7.5%",
            "58%/60%",
            "7.13%",
            "符合预期"
        ]
    );
    // A share's pace in percentage points a year; none once met.
    let share = |name: &str| {
        lines
            .iter()
            .find(|l| l.trim_start().starts_with(name))
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(
        share("第三产业占GDP比重"),
        [
            "第三产业占GDP比重",
            "16.5%/>=20%",
            "41%/60%",
            "1.75百分点",
            "略有滞后"
        ]
    );
    assert_eq!(
        share("全国国家级高新区综合排名"),
        ["全国国家级高新区综合排名", "27/<=30", "400%/67%", "已实现"]
    );
    // --wide: every column, as before, in ASCII-safe symbols.
    let wide = stdout(&["report", "--actuals", EXAMPLE, "--wide"]);
    let gdp = wide
        .lines()
        .nth(2)
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>();
    assert_eq!(
        gdp,
        [
            "地区生产总值年均增长",
            "%",
            "-",
            ">=",
            "7.5%/年",
            "7.75%/年",
            "(2023)",
            "-0.25个百分点",
            "58%",
            "/",
            "60%",
            "7.5%",
            "7.75%",
            "7.13%",
            "符合预期"
        ]
    );
    insta::assert_snapshot!("table_zh_wide", wide);
    assert_eq!(
        lines[lines.len() - 1],
        "截至2023年：已实现12项，快于预期9项，符合预期31项，略有滞后20项，明显滞后9项，逆向变化1项，未完成3项，推进中20项"
    );
    assert!(!table.contains('\x1b'), "no colour off a terminal");
    assert!(
        lines.iter().all(|l| l == &l.trim_end()),
        "no trailing blanks"
    );
    insta::assert_snapshot!("table_zh", table);
}

#[test]
fn table_in_english_uses_english_names_headers_and_words() {
    let table = example("table", &["--lang", "en"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].trim_start().starts_with("indicator"));
    assert!(
        lines[2]
            .trim_start()
            .starts_with("Average annual GDP growth")
    );
    assert!(lines[2].trim_end().ends_with("on-track"));
    assert_eq!(
        lines[lines.len() - 1],
        "as of 2023: 12 met, 9 ahead, 31 on-track, 20 lagging, 9 off-track, 1 moving-away, 3 missed, 20 pending"
    );
    insta::assert_snapshot!("table_en", table);
}

#[test]
fn a_plan_in_english_reports_in_english_by_default() {
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(
        dir.path(),
        "p.toml",
        format!(
            "{HEAD}[[indicator]]\nid = \"x\"\nname = \"Parks\"\nkind = \"level\"\ntarget = 10\nbaseline = 5\n"
        ),
    );
    let table = stdout(&["report", "--plan", &plan]);
    assert!(table.trim_start().starts_with("indicator"));
    assert!(table.ends_with("as of 2020: 1 no-data\n"), "{table}");
}

#[test]
fn csv_has_every_field_under_the_json_names() {
    let csv = example("csv", &[]);
    let json: serde_json::Value = serde_json::from_str(&example("json", &[])).expect("json");
    let header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
    let first = json["indicators"][0].as_object().expect("row");
    let mut names: Vec<&str> = first.keys().map(String::as_str).collect();
    names.insert(0, "as_of");
    let mut sorted_header = header.clone();
    sorted_header.sort_unstable();
    names.sort_unstable();
    assert_eq!(
        sorted_header, names,
        "the JSON report's names, no more, no less"
    );
    assert_eq!(header[..3], ["as_of", "id", "name"]);

    let rows = csv_rows(&csv, b',');
    assert_eq!(rows.len(), 105);
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let gdp = &rows[0];
    assert_eq!(&gdp[col("as_of")], "2023");
    assert_eq!(&gdp[col("id")], "gdp_growth");
    assert_eq!(&gdp[col("required_cagr")], "0.075", "rates as fractions");
    assert_eq!(
        &gdp[col("gap")],
        "-0.24812704112068928",
        "unrounded, unguarded"
    );
    assert_eq!(&gdp[col("status")], "on-track");
    assert_eq!(&gdp[col("target_high")], "", "null is an empty cell");
    let jobs = rows
        .iter()
        .find(|r| &r[col("id")] == "urban_new_jobs")
        .expect("jobs");
    assert_eq!(&jobs[col("current")], "24500", "no thousands separators");
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if i != col("unit") {
                assert!(!cell.ends_with('%'), "no percent signs: {cell}");
            }
        }
    }
    insta::assert_snapshot!("csv", csv);
}

#[test]
fn tsv_is_csv_with_tabs() {
    let tsv = example("tsv", &[]);
    let csv = example("csv", &[]);
    assert_eq!(csv_rows(&tsv, b'\t'), csv_rows(&csv, b','));
    assert!(tsv.starts_with("as_of\tid\tname\t"));
    insta::assert_snapshot!("tsv", tsv);
}

#[test]
fn markdown_is_a_pipe_table_with_a_summary() {
    let md = example("markdown", &[]);
    // The narrative opens it, a paragraph each, then the table.
    assert!(md.starts_with("截至2023年，《襄阳高新区"), "{md}");
    let table = md.find("| 指标").expect("the table");
    let lines: Vec<&str> = md[table..].lines().collect();
    assert_eq!(
        lines[1],
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    );
    assert_eq!(lines.len(), 2 + 105 + 2);
    assert!(
        lines[2..107]
            .iter()
            .all(|l| l.starts_with("| ") && l.ends_with(" |"))
    );
    assert!(lines[2..107].iter().all(|l| l.matches(" | ").count() == 10));
    assert_eq!(lines[107], "");
    assert!(lines[108].starts_with("截至2023年："));
    insta::assert_snapshot!("markdown_en", example("markdown", &["--lang", "en"]));
}

#[test]
fn json_is_the_engine_report() {
    let json = example("json", &[]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["as_of"], 2023);
    assert_eq!(value["indicators"].as_array().map(Vec::len), Some(105));
    insta::assert_snapshot!("json", json);
}

#[test]
fn the_same_inputs_give_the_same_bytes_in_every_format() {
    for format in ["table", "csv", "tsv", "markdown", "json"] {
        let args = ["report", "--actuals", EXAMPLE, "--format", format];
        let first = run(&args).stdout;
        assert!(!first.is_empty());
        assert_eq!(first, run(&args).stdout, "{format}");
    }
}

// --- selecting rows -----------------------------------------------------------

#[test]
fn only_and_status_select_rows_in_plan_order() {
    let csv = example("csv", &["--only", "pm25,gdp_growth", "--lang", "en"]);
    let ids: Vec<String> = csv_rows(&csv, b',')
        .iter()
        .map(|r| r[1].to_string())
        .collect();
    assert_eq!(ids, ["gdp_growth", "pm25"]);

    let csv = example("csv", &["--status", "off-track,moving-away"]);
    let rows = csv_rows(&csv, b',');
    assert_eq!(rows.len(), 10);
    assert!(
        rows.iter()
            .all(|r| ["off-track", "moving-away"].contains(&&r[28]))
    );

    // By Chinese name, and the summary counts only what is shown.
    let table = example("table", &["--only", "城镇新增就业", "--lang", "en"]);
    assert!(table.ends_with("as of 2023: 1 on-track\n"), "{table}");
}

#[test]
fn an_unknown_id_is_a_usage_error_with_a_suggestion() {
    let err = refused(
        plantrack_en().args(["report", "--only", "gdp_grwoth"]),
        "",
        "",
    );
    assert_eq!(
        err,
        "plantrack: unknown indicator `gdp_grwoth`: not an id or name in plan xiangyang-hitech-14fyp; did you mean `gdp_growth`?\n"
    );
    let err = refused(plantrack_en().args(["show", "no_such_thing"]), "", "");
    assert!(err.contains("run `plantrack list` for the ids"), "{err}");
}

// --- exit codes and --fail-on --------------------------------------------------

fn code(args: &[&str]) -> Option<i32> {
    run(args).status.code()
}

#[test]
fn fail_on_exits_1_and_still_writes_the_report() {
    let out = run(&[
        "report",
        "--actuals",
        EXAMPLE,
        "--format",
        "csv",
        "--fail-on",
        "off-track",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, example("csv", &[]).into_bytes());
    // Standard error names what tripped: 9 off-track, 1 moving-away and
    // 3 missed (worse than off-track).
    let err = String::from_utf8(out.stderr).expect("utf-8");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1 + 13, "{err}");
    assert_eq!(lines[0], "plantrack: 13项指标触发 --fail-on：");
    assert!(
        lines.contains(&"  auto_traditional 传统汽车产业规模：明显滞后"),
        "{err}"
    );
    assert!(
        lines.contains(&"  labour_mediation_success 劳动争议调解成功率：逆向变化"),
        "{err}"
    );
}

#[test]
fn fail_on_takes_in_worse_statuses() {
    let with = |only: &str, fail_on: &str| {
        code(&[
            "report",
            "--actuals",
            EXAMPLE,
            "--only",
            only,
            "--fail-on",
            fail_on,
        ])
    };
    // gdp_growth is on-track, tertiary_share lagging, auto_traditional
    // off-track, labour_mediation_success moving-away.
    assert_eq!(with("gdp_growth", "lagging"), Some(0));
    assert_eq!(with("tertiary_share", "lagging"), Some(1));
    assert_eq!(with("tertiary_share", "off-track"), Some(0));
    assert_eq!(with("auto_traditional", "off-track"), Some(1));
    assert_eq!(with("labour_mediation_success", "off-track"), Some(1));
    assert_eq!(with("labour_mediation_success", "missed"), Some(0));
    assert_eq!(
        with("gdp_growth,tertiary_share", "off-track,lagging"),
        Some(1)
    );

    // As of the target year without its figure, an unfinished milestone
    // is not missed: it awaits the 2025 figure, which --fail-on no-data
    // catches as missing data.
    assert_eq!(with("iov_pilot_zone_core", "missed"), Some(0));
    let at_end = |fail_on: &str| {
        code(&[
            "report",
            "--actuals",
            EXAMPLE,
            "--only",
            "iov_pilot_zone_core",
            "--as-of",
            "2025",
            "--fail-on",
            fail_on,
        ])
    };
    assert_eq!(at_end("missed"), Some(0));
    assert_eq!(at_end("no-data"), Some(1));
    assert_eq!(at_end("awaiting"), Some(1));
    // A target that had to hold every year is missed from the year it did not.
    assert_eq!(with("product_spot_check_pass_rate", "missed"), Some(1));
    // Statuses that are not verdicts match only themselves.
    assert_eq!(code(&["report", "--fail-on", "no-data"]), Some(1));
    assert_eq!(
        code(&["report", "--actuals", EXAMPLE, "--fail-on", "no-data"]),
        Some(0)
    );
}

#[test]
fn bad_input_and_usage_exit_2_even_with_fail_on() {
    let dir = TempDir::new().expect("tempdir");
    let bad = write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\ngdp_growth,2021,abc\n",
    );
    assert_eq!(
        code(&["report", "--actuals", &bad, "--fail-on", "off-track"]),
        Some(2)
    );
    assert_eq!(code(&["report", "--fail-on", "sideways"]), Some(2));
    assert_eq!(code(&["report", "--format", "pdf"]), Some(2));
    assert_eq!(code(&["report", "--output", "report.pdf"]), Some(2));
    assert_eq!(code(&["report", "--bom"]), Some(2));
}

// --- spreadsheets: the formula guard and the BOM -------------------------------

#[test]
fn text_that_would_run_as_a_formula_is_guarded_and_numbers_stay_numbers() {
    let dir = TempDir::new().expect("tempdir");
    let mut plan = HEAD.to_string();
    let names = [
        ("a", "=HYPERLINK(\\\"http://x\\\",\\\"y\\\")"),
        ("b", "+1 (added)"),
        ("c", "-2 below"),
        ("d", "@SUM(A1)"),
        ("e", "plain"),
    ];
    for (id, name) in names {
        plan.push_str(&format!(
            "[[indicator]]\nid = \"{id}\"\nname = \"{name}\"\nunit = \"=1\"\nkind = \"level\"\ncomparator = \"<=\"\ntarget = 50\nbaseline = 100\n"
        ));
    }
    let plan = write_file(dir.path(), "p.toml", plan);
    let actuals = write_file(
        dir.path(),
        "a.csv",
        "indicator,year,value\na,2022,30\nb,2022,30\nc,2022,30\nd,2022,30\ne,2022,30\n",
    );
    for (format, delimiter) in [("csv", b','), ("tsv", b'\t')] {
        let text = stdout(&[
            "report",
            "--plan",
            &plan,
            "--actuals",
            &actuals,
            "--format",
            format,
        ]);
        let rows = csv_rows(&text, delimiter);
        let names: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
        assert_eq!(
            names,
            [
                "'=HYPERLINK(\"http://x\",\"y\")",
                "'+1 (added)",
                "'-2 below",
                "'@SUM(A1)",
                "plain"
            ],
            "{format}"
        );
        for row in &rows {
            assert_eq!(&row[4], "'=1", "unit guarded");
            // 30 beats the cap of 50 by 20: the gap d·(T − current) is −20.
            assert_eq!(&row[15], "-20", "a negative gap stays a number");
            assert_eq!(&row[14], "30");
        }
    }
}

#[test]
fn bom_only_when_asked_and_only_for_csv_and_tsv() {
    let plain = run(&["report", "--actuals", EXAMPLE, "--format", "csv"]).stdout;
    assert!(plain.starts_with(b"as_of,"));
    for format in ["csv", "tsv"] {
        let with = run(&["report", "--actuals", EXAMPLE, "--format", format, "--bom"]).stdout;
        assert!(with.starts_with(b"\xEF\xBB\xBFas_of"), "{format}");
    }
    let with = run(&["report", "--actuals", EXAMPLE, "--format", "csv", "--bom"]).stdout;
    assert_eq!(&with[3..], &plain[..]);
    for format in ["table", "markdown", "json"] {
        let err = refused(
            plantrack_en().args(["report", "--format", format, "--bom"]),
            "",
            "",
        );
        assert_eq!(
            err, "plantrack: --bom applies to --format csv and tsv only\n",
            "{format}"
        );
    }
    let list = run(&["list", "--format", "csv", "--bom"]).stdout;
    assert!(list.starts_with(b"\xEF\xBB\xBFid,name,"));
}

// --- colour -------------------------------------------------------------------

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = ["report", "--actuals", EXAMPLE];
    let coloured = |extra: &[&str], no_color: bool| {
        let mut cmd = plantrack();
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd.args(args).args(extra).output().expect("run");
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .contains('\x1b')
    };
    // Tests run with stdout on a pipe, so `auto` means no colour.
    assert!(!coloured(&[], false));
    assert!(!coloured(&["--color", "auto"], true));
    assert!(!coloured(&["--color", "never"], false));
    assert!(coloured(&["--color", "always"], false));
    assert!(!coloured(&["--color", "always", "--format", "csv"], false));
    assert!(!coloured(&["--color", "always"], true), "NO_COLOR wins");

    let out = plantrack()
        .env_remove("NO_COLOR")
        .args([
            "report",
            "--actuals",
            EXAMPLE,
            "--color",
            "always",
            "--lang",
            "en",
        ])
        .output()
        .expect("run");
    let table = String::from_utf8(out.stdout).expect("utf-8");
    let line = |id_name: &str| {
        table
            .lines()
            .find(|l| l.trim_start().starts_with(id_name))
            .unwrap_or_default()
            .to_string()
    };
    // Green, yellow, red and dim, each around its status word only.
    assert!(line("Average annual GDP growth").contains("\x1b[38;5;10mon-track"));
    assert!(line("Tertiary sector share").contains("\x1b[38;5;11mlagging"));
    assert!(line("Listed companies").contains("\x1b[38;5;9moff-track"));
    let before = plantrack()
        .env_remove("NO_COLOR")
        .args([
            "report",
            "--actuals",
            EXAMPLE,
            "--as-of",
            "2020",
            "--color",
            "always",
        ])
        .output()
        .expect("run");
    let before = String::from_utf8(before.stdout).expect("utf-8");
    assert!(before.contains("\x1b[2m无数据"), "{before}");
    assert!(!line("Tertiary sector share").starts_with('\x1b'));
}

// --- files: atomic --output ---------------------------------------------------------

#[test]
fn output_writes_the_file_whole_and_leaves_nothing_else() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("report.csv");
    let path_str = path.display().to_string();
    let args = [
        "report",
        "--actuals",
        EXAMPLE,
        "--format",
        "csv",
        "--output",
        &path_str,
    ];
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "nothing on standard output");
    assert_eq!(listing(dir.path()), ["report.csv"]);
    let written = std::fs::read(&path).expect("report written");
    assert_eq!(written, example("csv", &[]).into_bytes());

    // `-` is standard output.
    let dash = run(&["report", "--actuals", EXAMPLE, "--format", "csv", "-o", "-"]);
    assert_eq!(dash.stdout, written);

    // A second run replaces the file in place.
    std::fs::write(&path, "old").expect("write");
    assert_eq!(run(&args).status.code(), Some(0));
    assert_eq!(std::fs::read(&path).expect("read"), written);
    assert_eq!(listing(dir.path()), ["report.csv"]);

    // Same permissions as any new file (not a temporary file's 0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let normal = dir.path().join("normal");
        std::fs::File::create(&normal).expect("create");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&normal));
    }
}

#[test]
fn a_failed_run_leaves_the_old_report_alone() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("report.csv");
    std::fs::write(&path, "yesterday's report").expect("write");
    let bad = write_file(dir.path(), "bad.csv", "indicator,year,value\nnope,2021,1\n");
    let out = run(&[
        "report",
        "--actuals",
        &bad,
        "--format",
        "csv",
        "--output",
        &path.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "yesterday's report"
    );
    assert_eq!(listing(dir.path()), ["bad.csv", "report.csv"]);

    let nowhere = dir.path().join("missing").join("report.csv");
    let err = refused(
        plantrack_en().args(["report", "--output", &nowhere.display().to_string()]),
        &dir.path().display().to_string(),
        "DIR",
    );
    assert!(
        err.starts_with("plantrack: writing the output: cannot write DIR/missing/report.csv: "),
        "{err}"
    );
    assert_eq!(listing(dir.path()), ["bad.csv", "report.csv"]);

    // A directory in the way: refused, and the temporary file is cleaned up.
    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    let err = refused(
        plantrack_en().args([
            "report",
            "--format",
            "table",
            "--output",
            &dir.path().join("out").display().to_string(),
        ]),
        &dir.path().display().to_string(),
        "DIR",
    );
    assert!(
        err.starts_with("plantrack: writing the output: cannot write DIR/out: "),
        "{err}"
    );
    assert_eq!(listing(dir.path()), ["bad.csv", "out", "report.csv"]);
}

// --- pipes --------------------------------------------------------------------

/// `plantrack … | head -c 100` on an output far larger than a pipe buffer:
/// the reader goes away, plantrack ends quietly with exit code 0.
#[test]
fn a_pipe_closed_early_ends_quietly_in_every_format() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};

    let dir = TempDir::new().expect("tempdir");
    let mut text = HEAD.to_string();
    for i in 0..3000 {
        text.push_str(&format!(
            "[[indicator]]\nid = \"x{i}\"\nname = \"指标{i}\"\nkind = \"level\"\ntarget = {}\nbaseline = 100\n",
            200 + i
        ));
    }
    let plan = write_file(dir.path(), "big.toml", text);
    let mut runs: Vec<Vec<&str>> = ["table", "csv", "tsv", "markdown", "json"]
        .iter()
        .map(|f| vec!["report", "--format", f])
        .collect();
    runs.extend([
        vec!["list"],
        vec!["list", "--format", "csv"],
        vec!["template"],
    ]);
    for args in runs {
        let mut child = Std::new(assert_cmd::cargo::cargo_bin("plantrack"))
            .args(&args)
            .args(["--plan", &plan])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 100];
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

// --- show ---------------------------------------------------------------------

/// The words of the first line of `text` that starts with `start`.
fn words_of_line<'a>(text: &'a str, start: &str) -> Vec<&'a str> {
    text.lines()
        .find(|l| l.trim_start().starts_with(start))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default()
}

#[test]
fn show_gives_the_years_beside_the_required_paths() {
    let text = stdout(&[
        "show",
        "urban_new_jobs",
        "--actuals",
        EXAMPLE,
        "--lang",
        "en",
    ]);
    let year = |y: &str| words_of_line(&text, y);
    // Cumulative: flows add up to the running total; the linear path is 40000·k/5.
    assert_eq!(
        year("2021"),
        ["2021", "8200", "8200", "8000", "-", "on-track"]
    );
    assert_eq!(
        year("2023"),
        ["2023", "8400", "24500", "24000", "-", "on-track"]
    );
    assert_eq!(year("2024"), ["2024", "-", "-", "32000", "-", "-"]);
    assert!(
        text.contains("力争到2025年,城镇新增就业40000人"),
        "the plan's sentence"
    );
    assert!(
        text.contains("examples/actuals/actuals-2021-2023.csv:205"),
        "provenance"
    );
    insta::assert_snapshot!("show_urban_new_jobs_en", text);
}

#[test]
fn show_a_level_target_with_both_paths() {
    let text = stdout(&["show", "auto_traditional", "--actuals", EXAMPLE]);
    let year = |y: &str| words_of_line(&text, y);
    // 1210 → 1800 over five years: linear +118 a year; CAGR path
    // 1210·(1800/1210)^(k/5): 1310.03 after one year, 1662.55 after four.
    assert_eq!(year("2021")[3..5], ["1328", "1310.03"]);
    assert_eq!(year("2024")[3..5], ["1682", "1662.55"]);
    assert_eq!(year("2025")[3..5], ["1800", "1800"]);
    insta::assert_snapshot!("show_auto_traditional_zh", text);
}

#[test]
fn show_a_growth_target_and_a_milestone() {
    insta::assert_snapshot!(
        "show_gdp_growth_zh",
        stdout(&["show", "gdp_growth", "--actuals", EXAMPLE])
    );
    insta::assert_snapshot!(
        "show_milestone_en",
        stdout(&[
            "show",
            "基本建成全国工业互联网新型工业化产业示范基地",
            "--actuals",
            EXAMPLE,
            "--lang",
            "en",
        ])
    );
}

// --- completions --------------------------------------------------------------

#[test]
fn completions_for_every_shell_know_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains("report"), "{shell}");
        assert!(script.contains("fail-on"), "{shell}");
    }
}

#[test]
fn expected_and_planned_figures_are_marked_and_trip_nothing_by_default() {
    // 预计 fund figures and 规划 shantytown counts are not commitments.
    let table = stdout(&[
        "report",
        "--actuals",
        EXAMPLE,
        "--nature",
        "expected,planned",
    ]);
    assert!(table.contains("直投基金项目投资（预计）"), "{table}");
    assert!(table.contains("棚改项目（规划）"), "{table}");
    assert_eq!(table.lines().count(), 2 + 7 + 1, "{table}");
    let csv = example("csv", &["--only", "guide_fund_projects,roads_built"]);
    let rows = csv_rows(&csv, b',');
    let nature = |i: usize| {
        // nature, then flags (none here), last.
        rows[i]
            .get(rows[i].len() - 2)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        (nature(0), nature(1)),
        ("expected".to_string(), "target".to_string())
    );
    // guide_fund_projects is lagging, and expected: --fail-on lagging
    // passes it by unless --fail-on-expected.
    let args = [
        "report",
        "--actuals",
        EXAMPLE,
        "--only",
        "guide_fund_projects",
        "--fail-on",
        "lagging",
    ];
    assert_eq!(code(&args), Some(0));
    let out = run(&[&args[..], &["--fail-on-expected"]].concat());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("  guide_fund_projects 引导基金投资项目：略有滞后")
    );
    // A nature the schema does not know is a plan error with the words allowed.
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(
        dir.path(),
        "p.toml",
        format!(
            "{HEAD}[[indicator]]\nid = \"x\"\nname = \"x\"\nkind = \"level\"\ntarget = 1\nnature = \"maybe\"\n"
        ),
    );
    let out = run(&["check", "--plan", &plan]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "unknown nature `maybe` in indicator `x`; allowed: `target`, `expected`, `planned`"
    ));
}

/// The numbers the narrative states, in order of appearance.
fn numbers_in(text: &str) -> Vec<usize> {
    let mut numbers = Vec::new();
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !digits.is_empty() {
            numbers.push(digits.parse().expect("digits"));
            digits.clear();
        }
    }
    numbers
}

#[test]
fn the_narrative_states_the_counts_of_the_reports_own_rows() {
    for (actuals, as_of) in [("examples/actuals", "2023"), ("examples/final", "2025")] {
        let json: serde_json::Value = serde_json::from_str(&stdout(&[
            "report",
            "--actuals",
            actuals,
            "--as-of",
            as_of,
            "--format",
            "json",
        ]))
        .expect("json");
        let rows = json["indicators"].as_array().expect("rows");
        let count = |status: &str| rows.iter().filter(|r| r["status"] == status).count();
        let text = stdout(&[
            "report",
            "--actuals",
            actuals,
            "--as-of",
            as_of,
            "--format",
            "text",
        ]);
        let first = text.lines().next().expect("a first paragraph");
        // `…纳入评估的105项指标中：已实现56项，未完成45项，待更新4项。`
        let (_, counts) = first.split_once("纳入评估的").expect(first);
        let mut expected = vec![rows.len()];
        for (status, word) in [
            ("met", "已实现"),
            ("ahead", "快于预期"),
            ("on-track", "符合预期"),
            ("lagging", "略有滞后"),
            ("off-track", "明显滞后"),
            ("moving-away", "逆向变化"),
            ("missed", "未完成"),
            ("pending", "推进中"),
            ("awaiting", "待更新"),
            ("no-data", "无数据"),
            ("not-assessable", "无法评估"),
        ] {
            let n = count(status);
            assert_eq!(counts.contains(word), n > 0, "{word} in {first}");
            if n > 0 {
                expected.push(n);
            }
        }
        assert_eq!(numbers_in(counts), expected, "{first}");
        assert_eq!(expected[1..].iter().sum::<usize>(), rows.len());
        // The missed and awaiting sentences count what the rows say.
        for (status, lead) in [("missed", "未完成"), ("awaiting", "待更新")] {
            let n = count(status);
            let sentence = text
                .lines()
                .find(|l| l.starts_with(&format!("{lead}{n}项")));
            assert_eq!(sentence.is_some(), n > 0, "{lead}{n}项 in {text}");
        }
    }
}
