//! Actuals as users have them: every layout, encoding and number style gives
//! the same report; every bad input is refused with its file and line.

mod common;

use common::{plantrack_en as plantrack, refused, stdout_of, write_file};
use tempfile::TempDir;

fn json(actuals: &[&str]) -> String {
    let mut cmd = plantrack();
    cmd.args(["report", "--format", "json"]);
    for a in actuals {
        cmd.args(["--actuals", a]);
    }
    let out = stdout_of(&mut cmd);
    String::from_utf8(out).expect("utf-8")
}

const LONG: &str = "examples/actuals/actuals-2021-2023.csv";

#[test]
fn every_layout_gives_the_identical_report() {
    let long = json(&[LONG]);
    assert_eq!(json(&["examples/actuals"]), long, "a directory");
    assert_eq!(json(&["examples/actuals/per-year"]), long, "per-year files");
    assert_eq!(
        json(&["examples/actuals/wide/actuals-wide.csv"]),
        long,
        "wide"
    );
}

#[test]
fn every_encoding_and_number_style_gives_the_identical_report() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let reference = "indicator,year,value\nauto_traditional,2022,1330\nurban_new_jobs,2021,8200\nurban_new_jobs,2022,7900\ntertiary_share,2022,15.8\nindustrial_internet_base,2022,是\n";
    let expected = json(&[&write_file(d, "plain.csv", reference.as_bytes())]);

    // Excel on Chinese Windows: GBK, Chinese headers and names, separators, %.
    let chinese = "指标,年份,数值,备注\r\n传统汽车产业规模,2022年,\"1,330\",\r\n城镇新增就业,2021,\"8,200\",\r\n城镇新增就业,2022, 7900 ,\r\n第三产业占GDP比重,2022,15.8%,\r\n基本建成全国工业互联网新型工业化产业示范基地,2022,已完成,\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(chinese);
    assert_eq!(json(&[&write_file(d, "gbk.csv", &gbk)]), expected, "GBK");

    // UTF-8 with a byte-order mark, other column order, full-width digits, a plus sign.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(
        "年度,指标代码,实际值\n２０２２,auto_traditional,１３３０\n2021,urban_new_jobs,+8200\n2022,urban_new_jobs,7900\n2022,tertiary_share,１５．８\n2022,industrial_internet_base,yes\n".as_bytes(),
    );
    assert_eq!(
        json(&[&write_file(d, "bom.csv", &bom)]),
        expected,
        "UTF-8 BOM"
    );

    // UTF-16 with a BOM, tab-separated.
    let tsv = reference.replace(',', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in tsv.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(
        json(&[&write_file(d, "utf16.tsv", &utf16)]),
        expected,
        "UTF-16 TSV"
    );
}

#[test]
fn encoding_can_be_forced() {
    let dir = TempDir::new().expect("tempdir");
    let (gbk, _, _) = encoding_rs::GBK.encode("指标,年份,数值\n传统汽车产业规模,2022,1330\n");
    let path = write_file(dir.path(), "gbk.csv", &gbk);
    plantrack()
        .args(["check", "--encoding", "gb18030", "--actuals", &path])
        .assert()
        .success();
    let out = plantrack()
        .args(["check", "--encoding", "utf-8", "--actuals", &path])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8_lossy(&out)
            .contains("gbk.csv:1: the file is not valid UTF-8 (forced by --encoding)")
    );
}

/// A file to write: name and bytes.
type Fixture<'a> = (&'a str, &'a [u8]);

/// Runs `check` on the files and returns stderr with the directory removed,
/// asserting exit code 2.
fn refused_actuals(files: &[Fixture], args: &[&str]) -> String {
    let dir = TempDir::new().expect("tempdir");
    for (name, bytes) in files {
        write_file(dir.path(), name, bytes);
    }
    let root = format!("{}/", dir.path().display());
    let mut cmd = plantrack();
    cmd.arg("check");
    for a in args {
        cmd.args(["--actuals", &format!("{root}{a}")]);
    }
    refused(&mut cmd, &root, "")
}

#[test]
fn each_bad_input_is_named_with_file_and_line() {
    // (files to write, paths to pass, expected message)
    let cases: &[(&[Fixture], &[&str], &str)] = &[
        (
            &[("a.csv", b"indicator,year,value\nauto_traditional,2021\n")],
            &["a.csv"],
            "a.csv:2: the row has 2 fields, the header has 3",
        ),
        (
            &[("a.csv", b"indicator,year\nauto_traditional,2021\n")],
            &["a.csv"],
            "a.csv:1: the header is missing the column value",
        ),
        (
            &[("a.csv", b"\n\n")],
            &["a.csv"],
            "a.csv:1: the file has no header row",
        ),
        (
            &[("a.csv", b"indicator,year,valeu\n")],
            &["a.csv"],
            "a.csv:1: field 3 of the header: unknown column \"valeu\"",
        ),
        (
            &[("a.xlsx.csv", b"PK\x03\x04\x00\x00binary")],
            &["a.xlsx.csv"],
            "a.xlsx.csv:1: the file starts as a workbook but cannot be read as .xlsx, .xls or .ods",
        ),
        (
            &[("a.csv", b"indicator,value\nauto_traditional,5\n")],
            &["a.csv"],
            "a.csv:1: the file has a value column but no year column, and its name has no four-digit year",
        ),
        (
            &[(
                "a.csv",
                b"indicator,year,value\nauto_traditional,2021,=1+1\n",
            )],
            &["a.csv"],
            "a.csv:2: field 3 (value): bad value \"=1+1\"",
        ),
        (
            &[(
                "a.csv",
                b"indicator,year,value\nauto_traditional,2021,inf\n",
            )],
            &["a.csv"],
            "bad value \"inf\"",
        ),
        (
            &[(
                "a.csv",
                b"indicator,year,value\nauto_traditional,2021,NaN\n",
            )],
            &["a.csv"],
            "bad value \"NaN\"",
        ),
        (
            &[(
                "a.csv",
                b"indicator,year,value\nindustrial_internet_base,2021,maybe\n",
            )],
            &["a.csv"],
            "a.csv:2: field 3 (value): bad value \"maybe\" for `industrial_internet_base`; expected yes/no",
        ),
        (
            &[
                ("a.csv", b"indicator,year,value\nauto_traditional,2021,1\n"),
                ("b.csv", b"indicator,year,value\nauto_traditional,2021,2\n"),
            ],
            &["a.csv", "b.csv"],
            "b.csv:2: indicator `auto_traditional` has a value for 2021 again (a different value); it is first given at a.csv:2",
        ),
        (
            &[("x.txt", b"")],
            &[""],
            "the directory has no table of actuals (.csv, .tsv, .xlsx, .xlsm, .xls or .ods)",
        ),
    ];
    for (files, args, expected) in cases {
        let err = refused_actuals(files, args);
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
}

#[test]
fn check_warns_but_passes_on_suspicious_actuals() {
    let dir = TempDir::new().expect("tempdir");
    let path = write_file(
        dir.path(),
        "a.csv",
        b"indicator,year,value\ngdp_growth,2021,8\ngdp_growth,2023,7\nauto_traditional,2020,1200\nauto_traditional,2027,2000\n",
    );
    let out = plantrack()
        .args(["check", "--actuals", &path])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr)
        .expect("utf-8")
        .replace(&path, "a.csv");
    assert!(
        err.contains("warning: a.csv:3: `gdp_growth` has annual rates with a gap: none for 2022"),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: a.csv:4: `auto_traditional` 2020 is 1200 here but the plan's baseline is 1210"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: a.csv:5: `auto_traditional` 2027 is outside the plan period 2020–2025"
        ),
        "{err}"
    );
}

fn fill_template(layout: &str, value_for: impl Fn(&str, &str) -> String) -> Vec<u8> {
    let out = stdout_of(plantrack().args(["template", "--years", "2021-2022", "--layout", layout]));
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header = reader.headers().expect("header").clone();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).expect("write");
    for record in reader.records() {
        let record = record.expect("row");
        let id = record[0].to_string();
        let filled: Vec<String> = header
            .iter()
            .zip(record.iter())
            .map(|(h, cell)| match h {
                "value" => value_for(&id, &record[4]),
                h if h.starts_with("20") => value_for(&id, h),
                _ => cell.to_string(),
            })
            .collect();
        writer.write_record(&filled).expect("write");
    }
    writer.into_inner().expect("flush")
}

#[test]
fn a_filled_in_template_round_trips() {
    let plan = plantrack::plan::Plan::embedded().expect("plan");
    let value_for = |id: &str, year: &str| {
        let ind = plan.indicator(id).expect("id");
        if ind.kind == plantrack::plan::Kind::Milestone {
            "否".to_string()
        } else {
            format!("{}.5", 10 + year.parse::<i32>().expect("year") - 2021)
        }
    };
    let dir = TempDir::new().expect("tempdir");
    let long = write_file(dir.path(), "long.csv", fill_template("long", value_for));
    let wide = write_file(dir.path(), "wide.csv", fill_template("wide", value_for));
    let report: serde_json::Value = serde_json::from_str(&json(&[&long])).expect("json");
    assert_eq!(report["as_of"], 2022);
    let rows = report["indicators"].as_array().expect("rows");
    assert!(
        rows.iter().all(|r| r["latest_year"] == 2022),
        "every indicator read"
    );
    let jobs = rows
        .iter()
        .find(|r| r["id"] == "urban_new_jobs")
        .expect("jobs");
    assert_eq!(jobs["current"], 22.0, "flows 10.5 + 11.5");
    let auto = rows
        .iter()
        .find(|r| r["id"] == "auto_traditional")
        .expect("auto");
    assert_eq!(auto["latest"], 11.5);
    assert_eq!(
        json(&[&wide]),
        json(&[&long]),
        "wide and long templates read alike"
    );
}

/// A long table of actuals for `plan`: three years of every indicator, one
/// row each, the value telling the indicator and year apart.
fn long_table(indicators: usize) -> String {
    let mut text = String::from("indicator,year,value\n");
    for i in 0..indicators {
        for year in 2021..=2023 {
            text.push_str(&format!(
                "x{i},{year},{}\n",
                i * 10 + (year - 2020) as usize
            ));
        }
    }
    text
}

/// The line of indicator `i`'s `year` in [`long_table`].
fn line_of(i: usize, year: i32) -> u32 {
    (2 + 3 * i + (year - 2021) as usize) as u32
}

#[test]
fn a_long_table_read_on_every_core_has_every_figure_at_its_line() {
    // Over a megabyte, so that its rows are read in parts on every core.
    plantrack::msg::set_lang(plantrack::msg::Lang::En);
    let n = 60_000;
    let plan = common::plan_from(&common::levels(n));
    let text = long_table(n);
    assert!(text.len() > 2 << 20, "{} bytes", text.len());
    let (actuals, remarks) = plantrack::actuals::read_bytes(&plan, "a.csv", text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(remarks.is_empty(), "{remarks:?}");
    for i in (0..n).step_by(997).chain([n / 2 - 1, n / 2, n - 1]) {
        let entries = actuals.entries(i);
        let years: Vec<i32> = entries.iter().map(|d| d.year).collect();
        assert_eq!(years, [2021, 2022, 2023], "x{i}");
        for dated in entries {
            let expected = (i * 10 + (dated.year - 2020) as usize) as f64;
            assert_eq!(dated.entry.value().number(), Some(expected), "x{i}");
            assert_eq!(dated.entry.origin.line, line_of(i, dated.year), "x{i}");
            let at = actuals.location(dated.entry.origin).to_string();
            assert_eq!(at, format!("a.csv:{}", line_of(i, dated.year)));
        }
    }
}

#[test]
fn problems_in_any_part_of_a_long_table_are_told_in_file_order() {
    plantrack::msg::set_lang(plantrack::msg::Lang::En);
    let n = 60_000;
    let plan = common::plan_from(&common::levels(n));
    let mut lines: Vec<String> = long_table(n).lines().map(String::from).collect();
    // A bad figure early, one late, and late a figure given again whose
    // first is early: each part alone is clean of the repeat.
    let (early, late) = (line_of(10, 2022), line_of(n - 10, 2022));
    lines[early as usize - 1] = "x10,2022,abc".into();
    lines[late as usize - 1] = format!("x{},2022,12x", n - 10);
    lines.push("x5,2021,7".into());
    let repeat = lines.len();
    let text = lines.join("\n") + "\n";
    let err = match plantrack::actuals::read_bytes(&plan, "a.csv", text.as_bytes()) {
        Ok(_) => panic!("read a table with bad figures"),
        Err(e) => e.to_string(),
    };
    let told: Vec<&str> = err.lines().filter(|l| l.starts_with("a.csv:")).collect();
    assert_eq!(told.len(), 3, "{err}");
    assert!(told[0].starts_with(&format!("a.csv:{early}: ")), "{err}");
    assert!(told[0].contains("\"abc\""), "{err}");
    assert!(told[1].starts_with(&format!("a.csv:{late}: ")), "{err}");
    assert!(told[1].contains("\"12x\""), "{err}");
    assert!(told[2].starts_with(&format!("a.csv:{repeat}: ")), "{err}");
    assert!(
        told[2].contains(&format!("first given at a.csv:{}:", line_of(5, 2021))),
        "{err}"
    );
}

#[test]
fn a_figure_given_in_two_parts_of_a_long_table_is_refused() {
    plantrack::msg::set_lang(plantrack::msg::Lang::En);
    let n = 60_000;
    let plan = common::plan_from(&common::levels(n));
    // The repeat of x3's 2023 comes last, in the last part.
    let text = long_table(n) + "x3,2023,1\n";
    let err = match plantrack::actuals::read_bytes(&plan, "a.csv", text.as_bytes()) {
        Ok(_) => panic!("read a figure given twice"),
        Err(e) => e.to_string(),
    };
    let last = 3 * n + 2;
    let told: Vec<&str> = err.lines().filter(|l| l.starts_with("a.csv:")).collect();
    assert_eq!(told.len(), 1, "{err}");
    assert!(told[0].starts_with(&format!("a.csv:{last}: ")), "{err}");
    assert!(
        told[0].contains(&format!("first given at a.csv:{}:", line_of(3, 2023))),
        "{err}"
    );
}
