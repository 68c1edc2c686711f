//! Excel and WPS: the report and template workbooks, read back with
//! calamine (and their styles read from the archive's XML), and actuals
//! read from workbooks in every layout, from files a real office suite
//! wrote, and refused cell by cell when a cell holds no figure.

mod common;

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use common::{plantrack, plantrack_en, stdout_of, succeeded, write_file};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::Value;
use tempfile::TempDir;

const EXAMPLES: &str = "examples/actuals";
const LONG: &str = "examples/actuals/actuals-2021-2023.csv";

/// The JSON report on `actuals`, parsed.
fn json_report(actuals: &[&str], extra: &[&str]) -> Value {
    let mut cmd = plantrack();
    cmd.args(["report", "--format", "json"]);
    for a in actuals {
        cmd.args(["--actuals", a]);
    }
    cmd.args(extra);
    serde_json::from_slice(&stdout_of(&mut cmd)).expect("json")
}

/// Runs `report` on the examples with `--output dir/name` and returns the file's bytes.
fn report_file(dir: &Path, name: &str, extra: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    let path = path.to_str().expect("utf-8 path");
    plantrack()
        .args(["report", "--actuals", EXAMPLES, "--output", path])
        .args(extra)
        .assert()
        .success();
    std::fs::read(path).expect("written")
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a workbook calamine reads")
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    open(bytes).worksheet_range(name).expect("sheet")
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        other => panic!("expected text, found {other:?}"),
    }
}

/// A cell as the JSON report would hold it: a number, or null when empty.
fn number(cell: Option<&Data>) -> Value {
    match cell {
        Some(Data::Float(f)) => serde_json::json!(f),
        Some(Data::Empty) | None => Value::Null,
        other => panic!("expected a number or nothing, found {other:?}"),
    }
}

/// The report sheet's header row (the 6th) and its first data row.
const HEADER: u32 = 5;

#[test]
fn the_report_workbook_holds_every_figure_as_a_number() {
    let dir = TempDir::new().expect("tempdir");
    let bytes = report_file(dir.path(), "报告.xlsx", &[]);
    assert_eq!(
        open(&bytes).sheet_names(),
        ["完成情况表", "汇总", "实际值", "规划目标"]
    );
    let report = sheet(&bytes, "汇总");
    let json = json_report(&[EXAMPLES], &[]);

    // The summary block: the plan, the as-of year, the time elapsed, the counts.
    assert!(
        text(report.get_value((0, 0))).starts_with("襄阳高新区国民经济和社会发展第十四个五年规划")
    );
    assert_eq!(text(report.get_value((1, 0))), "评估年份");
    assert_eq!(report.get_value((1, 1)), Some(&Data::Float(2023.0)));
    // 2020–2025, as of 2023: 3 of 5 years.
    assert_eq!(report.get_value((1, 3)), Some(&Data::Float(0.6)));
    assert_eq!(text(report.get_value((2, 0))), "已实现");
    let counted: f64 = (0..10)
        .map(|c| match report.get_value((3, c)) {
            Some(Data::Float(n)) => *n,
            other => panic!("a count, found {other:?}"),
        })
        .sum();
    assert_eq!(counted, 105.0);

    let header: Vec<String> = (0..23)
        .map(|c| text(report.get_value((HEADER, c))))
        .collect();
    assert_eq!(
        header[..6],
        [
            "指标代码",
            "指标名称",
            "单位",
            "基期年份",
            "基期值",
            "目标年份"
        ]
    );
    assert_eq!(header[21], "状态");

    // Every row against the engine's JSON report, figure by figure.
    let rows = json["indicators"].as_array().expect("rows");
    assert_eq!(rows.len(), 105);
    let column = |name: &str| header.iter().position(|h| h == name).expect(name) as u32;
    for (i, row) in rows.iter().enumerate() {
        let r = HEADER + 1 + i as u32;
        assert_eq!(
            text(report.get_value((r, 0))),
            row["id"].as_str().expect("id")
        );
        for (title, field) in [
            ("基期值", "baseline"),
            ("差距", "gap"),
            ("进度", "progress"),
            ("时间进度", "time_elapsed"),
            ("要求年均增速", "required_cagr"),
            ("实际年均增速", "actual_cagr"),
            ("尚需年均增速", "needed_cagr"),
            ("要求年均增量", "required_annual"),
            ("尚需年均增量", "needed_annual"),
            ("目标年预计值", "projected"),
        ] {
            assert_eq!(
                number(report.get_value((r, column(title)))),
                row[field],
                "{} {field}",
                row["id"]
            );
        }
    }
    // Checked by hand against the plan: 传统汽车产业规模 突破1800亿元.
    let auto = rows
        .iter()
        .position(|r| r["id"] == "auto_traditional")
        .expect("auto_traditional") as u32;
    let r = HEADER + 1 + auto;
    assert_eq!(text(report.get_value((r, column("比较")))), ">");
    assert_eq!(
        report.get_value((r, column("目标值"))),
        Some(&Data::Float(1800.0))
    );
    assert_eq!(
        report.get_value((r, column("最新年份"))),
        Some(&Data::Float(2023.0))
    );
    assert_eq!(
        report.get_value((r, column("当前值"))),
        Some(&Data::Float(1360.0))
    );

    let plan = sheet(&bytes, "规划目标");
    // Every indicator and reference series, under the header.
    assert_eq!(plan.height(), 108);
    assert_eq!(text(plan.get_value((0, 10))), "规划原文");
}

/// Reads one file of a workbook's archive.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("xml");
    text
}

/// The value of `attr` in the first tag of `xml` at or after `from`.
fn attr<'x>(xml: &'x str, from: usize, attr: &str) -> Option<&'x str> {
    let tag = xml.get(from..)?;
    let tag = tag.get(..tag.find('>')?)?;
    let start = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
    let rest = tag.get(start..)?;
    rest.get(..rest.find('"')?)
}

/// The n-th (0-based) `<tag ` element inside the first `<list` element.
fn nth_in(xml: &str, list: &str, tag: &str, n: usize) -> usize {
    let start = xml.find(&format!("<{list}")).expect(list);
    xml.get(start..)
        .expect("list")
        .match_indices(&format!("<{tag}"))
        .nth(n)
        .map(|(i, _)| start + i)
        .expect("element")
}

/// The number format and the fill colour of cell `r` (`V7`) of sheet 1.
fn style(bytes: &[u8], r: &str) -> (String, Option<String>) {
    let sheet = part(bytes, "xl/worksheets/sheet2.xml");
    let styles = part(bytes, "xl/styles.xml");
    let at = sheet.find(&format!("<c r=\"{r}\"")).expect("cell");
    let s: usize = attr(&sheet, at, "s")
        .expect("styled")
        .parse()
        .expect("index");
    let xf = nth_in(&styles, "cellXfs", "xf ", s);
    let num_fmt = attr(&styles, xf, "numFmtId").expect("numFmtId");
    let format = match num_fmt {
        "0" => "General".to_string(),
        id => {
            let at = styles
                .find(&format!("<numFmt numFmtId=\"{id}\""))
                .expect("custom format");
            attr(&styles, at, "formatCode").expect("code").to_string()
        }
    };
    let fill: usize = attr(&styles, xf, "fillId")
        .expect("fillId")
        .parse()
        .expect("n");
    let at = nth_in(&styles, "fills", "fill>", fill);
    let end = at
        + styles
            .get(at..)
            .and_then(|s| s.find("</fill>"))
            .expect("end");
    let colour = styles
        .get(at..end)
        .and_then(|f| f.find("<fgColor").map(|i| at + i))
        .and_then(|i| attr(&styles, i, "rgb"))
        .map(str::to_string);
    (format, colour)
}

#[test]
fn percentages_levels_and_statuses_are_formatted_and_coloured() {
    let dir = TempDir::new().expect("tempdir");
    let bytes = report_file(dir.path(), "r.xlsx", &[]);
    let report = sheet(&bytes, "汇总");
    // Row 7 is gdp_growth, the first indicator: progress (M), a figure (H,
    // the target), the status (V).
    assert_eq!(text(report.get_value((6, 0))), "gdp_growth");
    assert_eq!(style(&bytes, "M7").0, "0.0%");
    assert_eq!(style(&bytes, "H7").0, "#,##0.00");
    let status_colour = |word: &str| {
        let row = (HEADER + 1..report.height() as u32)
            .find(|&r| text(report.get_value((r, 21))) == word)
            .unwrap_or_else(|| panic!("a row with status {word}"));
        style(&bytes, &format!("V{}", row + 1)).1
    };
    assert_eq!(status_colour("已实现").as_deref(), Some("FFC6EFCE"));
    assert_eq!(status_colour("略有滞后").as_deref(), Some("FFFFEB9C"));
    assert_eq!(status_colour("明显滞后").as_deref(), Some("FFFFC7CE"));
    // The header is frozen below row 6 and filtered.
    let xml = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(xml.contains("topLeftCell=\"C7\""), "frozen at C7");
    assert!(
        xml.contains("<autoFilter ref=\"A6:W111\"/>"),
        "filter over the table"
    );
    assert!(xml.contains("orientation=\"landscape\""));
    assert!(xml.contains("paperSize=\"9\""), "A4");
}

#[test]
fn the_same_inputs_give_the_same_workbook_bytes() {
    let dir = TempDir::new().expect("tempdir");
    let first = report_file(dir.path(), "a.xlsx", &[]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = report_file(dir.path(), "b.xlsx", &[]);
    assert!(first == second, "byte-identical workbooks");
    assert!(
        !part(&first, "docProps/core.xml").contains("2026"),
        "no timestamp"
    );
}

#[test]
fn the_actuals_sheet_reads_back_as_the_same_actuals() {
    let dir = TempDir::new().expect("tempdir");
    report_file(dir.path(), "r.xlsx", &[]);
    let path = dir.path().join("r.xlsx");
    let path = path.to_str().expect("utf-8");
    let out = succeeded(plantrack_en().args(["report", "--format", "json", "--actuals", path]));
    let again: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(again, json_report(&[EXAMPLES], &[]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"汇总\" (its header (row 6) has no value or year column"),
        "{err}"
    );
}

/// A workbook of the CSV files given, one sheet each (named `sheet`), with
/// every cell that reads as a plain number written as a number.
fn workbook_of(sheets: &[(&str, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, csv_path) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("name");
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(csv_path)
            .expect("csv");
        for (r, record) in csv.records().enumerate() {
            for (c, cell) in record.expect("record").iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) => sheet.write_number(r, c, n),
                    Err(_) if cell.is_empty() => continue,
                    Err(_) => sheet.write_string(r, c, cell),
                }
                .expect("write");
            }
        }
    }
    // A sheet of instructions, as offices add: noted, not read.
    let notes = book.add_worksheet();
    notes.set_name("说明").expect("name");
    notes.write_string(0, 0, "本表数据为示意").expect("write");
    book.save_to_buffer().expect("workbook")
}

#[test]
fn workbooks_in_every_layout_read_as_the_csv_examples_do() {
    let dir = TempDir::new().expect("tempdir");
    let expected = json_report(&[LONG], &[]);
    let years = ["2020", "2021", "2022", "2023"]
        .map(|y| (format!("{y}年"), format!("{EXAMPLES}/per-year/{y}.csv")));
    let per_year: Vec<(&str, &str)> = years
        .iter()
        .map(|(n, p)| (n.as_str(), p.as_str()))
        .collect();
    for (name, sheets) in [
        ("long.xlsx", vec![("实际值", LONG)]),
        ("per-year.xlsx", per_year),
        (
            "wide.xlsx",
            vec![("Sheet1", "examples/actuals/wide/actuals-wide.csv")],
        ),
    ] {
        let path = write_file(dir.path(), name, workbook_of(&sheets));
        let out = plantrack_en()
            .args(["report", "--format", "json", "--actuals", &path])
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {err}");
        let got: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(got, expected, "{name}");
        assert!(
            err.contains("sheet not read: \"说明\" (no header row)"),
            "{err}"
        );
    }
}

#[test]
fn workbooks_in_a_directory_are_read_and_lock_files_passed_over() {
    let dir = TempDir::new().expect("tempdir");
    std::fs::create_dir(dir.path().join("d")).expect("mkdir");
    write_file(
        dir.path(),
        "d/实际值.xlsx",
        workbook_of(&[("实际值", LONG)]),
    );
    // The lock file Excel keeps beside an open workbook.
    write_file(dir.path(), "d/~$实际值.xlsx", b"owner\0\0");
    let d = dir.path().join("d");
    let got = json_report(&[d.to_str().expect("utf-8")], &[]);
    assert_eq!(got, json_report(&[LONG], &[]));
}

#[test]
fn files_saved_by_an_office_suite_read_as_their_csv_does() {
    let ids =
        "gdp_growth,tertiary_share,industrial_internet_base,listed_companies,auto_traditional,pm25";
    let only = ["--only", ids];
    let expected = json_report(&["tests/fixtures/office-actuals.csv"], &only);
    assert_eq!(expected["indicators"].as_array().map(Vec::len), Some(6));
    assert_eq!(
        expected,
        json_report(&[LONG], &only),
        "the fixture holds the example figures"
    );
    for file in [
        "tests/fixtures/office-actuals.ods",
        "tests/fixtures/office-actuals.xls",
    ] {
        assert_eq!(json_report(&[file], &only), expected, "{file}");
    }
}

#[test]
fn cells_without_a_figure_are_refused_at_their_cell() {
    let dir = TempDir::new().expect("tempdir");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2022年").expect("name");
    for (c, h) in ["指标", "数值", "备注"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    let date = ExcelDateTime::from_ymd(2022, 3, 1).expect("date");
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(1, 0, "auto_traditional").expect("write");
    sheet
        .write_datetime_with_format(1, 1, &date, &date_format)
        .expect("write");
    sheet.write_string(2, 0, "tertiary_share").expect("write");
    sheet
        .write_formula(2, 1, Formula::new("=1/0").set_result("#DIV/0!"))
        .expect("write");
    sheet.write_string(3, 0, "listed_companies").expect("write");
    sheet.write_string(3, 1, "约8家").expect("write");
    // A date in a note column is only a note.
    sheet.write_string(4, 0, "pm25").expect("write");
    sheet.write_number(4, 1, 53).expect("write");
    sheet
        .write_datetime_with_format(4, 2, &date, &date_format)
        .expect("write");
    let path = write_file(
        dir.path(),
        "book.xlsx",
        book.save_to_buffer().expect("bytes"),
    );
    let out = plantrack_en()
        .args(["check", "--actuals", &path])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr).replace(&path, "book.xlsx");
    for expected in [
        "book.xlsx:2022年!B2: column B (数值): the cell holds a date (2022-03-01) where a number belongs",
        "book.xlsx:2022年!B3: column B (数值): the cell holds the error value #DIV/0! where a number belongs",
        "book.xlsx:2022年!B4: column B (数值): bad value \"约8家\" for `listed_companies`",
    ] {
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
    assert_eq!(err.matches("book.xlsx:2022年!").count(), 3, "{err}");
}

#[test]
fn the_template_workbook_is_read_back_as_it_is_filled_in() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("填报.xlsx");
    let path = path.to_str().expect("utf-8");
    plantrack()
        .args(["template", "--output", path])
        .assert()
        .success();
    let bytes = std::fs::read(path).expect("written");
    let sheet_range = sheet(&bytes, "填报");
    let header: Vec<String> = (0..sheet_range.width() as u32)
        .map(|c| text(sheet_range.get_value((0, c))))
        .collect();
    assert_eq!(
        header,
        [
            "指标代码",
            "指标名称",
            "单位",
            "填报说明",
            "2020",
            "2021",
            "2022",
            "2023",
            "2024",
            "2025",
            "来源",
            "备注"
        ]
    );
    // Every indicator with figures of its own (not the 3 that take
    // another's, `of`), under the header.
    assert_eq!(sheet_range.height(), 105);
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<sheetProtection"), "instructions locked");
    assert!(xml.contains("type=\"decimal\""), "figures checked as typed");
    assert!(xml.contains("type=\"list\""), "milestones as 是/否");
    // Read as it is: an empty template has no actuals and no problem.
    let out = succeeded(plantrack_en().args(["check", "--actuals", path]));
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("; 0 actuals\n"));

    // Filled in as it is (figures typed into its own cells), it reads as
    // the figures typed.
    let row = (1..sheet_range.height() as u32)
        .find(|&r| text(sheet_range.get_value((r, 0))) == "auto_traditional")
        .expect("a row for auto_traditional")
        + 1;
    let filled = fill(
        &bytes,
        &[
            (format!("F{row}"), "1290"),
            (format!("G{row}"), "1330"),
            (format!("H{row}"), "1360"),
        ],
    );
    let filled = write_file(dir.path(), "filled.xlsx", filled);
    let json = json_report(&[&filled], &["--only", "auto_traditional"]);
    assert_eq!(json["indicators"][0]["current"], 1360.0);
    assert_eq!(json["indicators"][0]["latest_year"], 2023);
    assert_eq!(json["indicators"][0]["status"], "off-track");
}

/// The workbook with numbers typed into blank cells of its first sheet,
/// as a spreadsheet would store them.
fn fill(bytes: &[u8], cells: &[(String, &str)]) -> Vec<u8> {
    rewrite_sheet(bytes, |xml| {
        let mut xml = xml.to_string();
        for (cell, value) in cells {
            let at = xml.find(&format!("<c r=\"{cell}\"")).expect("a blank cell");
            let end = at + xml.get(at..).and_then(|t| t.find("/>")).expect("empty tag");
            let tag = xml.get(at..end).expect("tag").to_string();
            xml.replace_range(at..end + 2, &format!("{tag}><v>{value}</v></c>"));
        }
        xml
    })
}

#[test]
fn a_chinese_csv_on_request_and_byte_order_marks_for_excel() {
    let csv = |extra: &[&str]| {
        let mut cmd = plantrack();
        cmd.args(["report", "--actuals", EXAMPLES, "--format", "csv"])
            .args(extra);
        String::from_utf8(stdout_of(&mut cmd)).expect("utf-8")
    };
    let zh = csv(&["--lang", "zh"]);
    assert!(
        zh.starts_with("\u{feff}评估年份,指标代码,指标名称,英文名称,单位,"),
        "{}",
        &zh[..80]
    );
    assert!(zh.contains(",符合预期,"), "status words in Chinese");
    assert!(csv(&["--lang", "zh", "--no-bom"]).starts_with("评估年份,"));
    let en = csv(&[]);
    assert!(
        en.starts_with("as_of,id,name,name_en,unit,"),
        "stable English without --lang"
    );
    assert!(en.contains(",on-track,"));
    // The template follows the plan's language, CSV as the workbook.
    let template = String::from_utf8(stdout_of(plantrack().args(["template"]))).expect("utf-8");
    assert!(template.starts_with("\u{feff}指标代码,指标名称,单位,填报说明,年份,数值\n"));
    // A year's value for flows, the year-end figure for stocks.
    assert!(template.contains("auto_traditional,传统汽车产业规模,亿元,年度值（亿元）,2021,"));
    assert!(template.contains("pm25,PM2.5年均浓度,µg/m³,年度值（µg/m³）,2021,"));
    assert!(template.contains("high_tech_enterprises,高新技术企业数量,家,年末值（家）,2021,"));
    let template = stdout_of(plantrack().args(["template", "--lang", "en"]));
    assert!(template.starts_with(b"\xEF\xBB\xBFindicator,name,unit,enter,year,value\n"));
}

#[test]
fn the_format_comes_from_the_extension_and_must_agree_with_it() {
    let dir = TempDir::new().expect("tempdir");
    let md = report_file(dir.path(), "r.md", &[]);
    assert!(
        md.starts_with("| 指标 |".as_bytes()) || String::from_utf8_lossy(&md).contains("| 指标 |")
    );
    let json: Value =
        serde_json::from_slice(&report_file(dir.path(), "r.json", &[])).expect("json");
    assert_eq!(json["as_of"], 2023);
    let tsv = report_file(dir.path(), "r.tsv", &[]);
    assert!(tsv.starts_with(b"as_of\tid\t"));

    let refused = |output: &str, extra: &[&str]| {
        let path = dir.path().join(output);
        let out = plantrack_en()
            .args(["report", "--actuals", EXAMPLES, "--output"])
            .arg(&path)
            .args(extra)
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(!path.exists(), "nothing written to {output}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(refused("r.txt", &[]).contains(
        "from its extension: name it .csv (csv), .tsv (tsv), .md (markdown), .json (json), .xlsx (xlsx), .html (html), .htm (html), .docx (docx), or give --format"
    ));
    assert!(
        refused("r.xlsx", &["--format", "csv"]).contains("--format csv disagrees with --output")
    );
    // Any name, with the format said.
    let table = report_file(dir.path(), "r.txt", &["--format", "table"]);
    assert!(String::from_utf8_lossy(&table).contains("指标"));
}

#[test]
fn cells_formatted_as_percentages_are_read_as_the_percentage_shown() {
    // A statistician types 12.5% in Excel: the cell holds 0.125 and shows
    // 12.5%. Read as 12.5, as the plan writes growth rates and shares.
    let dir = TempDir::new().expect("tempdir");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let percent = Format::new().set_num_format("0.0%");
    for (c, h) in ["指标", "年份", "数值"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    let rows = [
        ("gdp_growth", 2021, 0.125),
        ("gdp_growth", 2022, 0.048),
        ("gdp_growth", 2023, 0.061),
        ("tertiary_share", 2021, 0.15),
        ("tertiary_share", 2022, 0.158),
        ("tertiary_share", 2023, 0.165),
    ];
    for (r, (id, year, value)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *id).expect("write");
        sheet.write_number(r, 1, *year).expect("write");
        sheet
            .write_number_with_format(r, 2, *value, &percent)
            .expect("write");
    }
    let path = write_file(
        dir.path(),
        "percent.xlsx",
        book.save_to_buffer().expect("bytes"),
    );
    let only = ["--only", "gdp_growth,tertiary_share"];
    assert_eq!(json_report(&[&path], &only), json_report(&[LONG], &only));
    let out = succeeded(plantrack_en().args(["check", "--actuals", &path]));
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        ":Sheet1: 6 cells formatted as percentages are read as the percentage shown (7.5% as 7.5)"
    ));
}

/// The final evaluation's committee sheet: first, in the form offices
/// hand in, numbers as numbers in the row's precision, printed A4
/// landscape one page wide with the header repeated.
#[test]
fn the_committee_sheet_comes_first_and_prints_as_offices_hand_it_in() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("评估.xlsx");
    plantrack()
        .args(["report", "--actuals", "examples/final", "--output"])
        .arg(&path)
        .assert()
        .success();
    let bytes = std::fs::read(&path).expect("written");
    let names = open(&bytes).sheet_names();
    assert_eq!(names, ["完成情况表", "汇总", "实际值", "规划目标"]);
    let range = sheet(&bytes, "完成情况表");
    let at = |r: u32, c: u32| range.get_value((r, c));
    // The title, then the narrative, then the header row.
    assert!(text(at(0, 0)).ends_with("主要指标完成情况表"));
    assert!(text(at(1, 0)).contains("规划期（2021—2025年）已结束"));
    let header = (0..range.height() as u32)
        .find(|&r| matches!(at(r, 0), Some(Data::String(s)) if s == "序号"))
        .expect("the header row");
    let headers: Vec<String> = (0..9).map(|c| text(at(header, c))).collect();
    assert_eq!(
        headers,
        [
            "序号",
            "指标",
            "单位",
            "2020年基数",
            "2025年目标",
            "2025年实际",
            "进度/变化",
            "完成情况",
            "备注"
        ],
        "no 属性 column: the plan marks no target binding"
    );
    assert_eq!(
        text(at(header + 1, 0)),
        "第三章 继往开来,谱写高质量发展新篇章"
    );
    // Find a row by its name.
    let find = |name: &str| {
        (header..range.height() as u32)
            .find(|&r| matches!(at(r, 1), Some(Data::String(s)) if s == name))
            .unwrap_or_else(|| panic!("{name}"))
    };
    let tertiary = find("第三产业占GDP比重");
    assert_eq!(text(at(tertiary, 0)), "6");
    assert_eq!(at(tertiary, 3), Some(&Data::Float(14.1)));
    assert_eq!(text(at(tertiary, 4)), "≥20");
    assert_eq!(at(tertiary, 5), Some(&Data::Float(18.32)));
    assert_eq!(text(at(tertiary, 6)), "+4.22个百分点");
    assert_eq!(text(at(tertiary, 7)), "未完成");
    // Awaiting its 2025 figure: named with the year in 备注.
    let auto = find("传统汽车产业规模");
    assert_eq!(text(at(auto, 7)), "待更新");
    assert!(text(at(auto, 8)).starts_with("尚无2025年数据，最新为2024年"));
    // Page set-up, from the sheet's XML: A4 landscape, one page wide, the
    // header row repeated, counts in whole numbers.
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("paperSize=\"9\""), "A4");
    assert!(xml.contains("orientation=\"landscape\""));
    assert!(xml.contains("fitToWidth=\"1\"") || xml.contains("<pageSetUpPr fitToPage=\"1\""));
    let workbook = part(&bytes, "xl/workbook.xml");
    let title_row = header + 1;
    assert!(
        workbook.contains(&format!("完成情况表!${title_row}:${title_row}")),
        "the header row repeats: {workbook}"
    );
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0\""));
}

/// The Word report: the narrative and the committee table, A4 landscape,
/// fonts named for Chinese, the header row repeated, the same bytes twice.
#[test]
fn the_word_report_holds_the_narrative_and_the_committee_table() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("评估.docx");
    let write = || {
        plantrack()
            .args(["report", "--actuals", "examples/final", "--output"])
            .arg(&path)
            .assert()
            .success();
        std::fs::read(&path).expect("written")
    };
    let bytes = write();
    assert_eq!(bytes, write(), "the same inputs give the same bytes");
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains("w:orient=\"landscape\""), "landscape");
    assert!(
        doc.contains("w:w=\"16838\"") && doc.contains("w:h=\"11906\""),
        "A4"
    );
    assert_eq!(
        doc.matches("<w:tblHeader />").count(),
        1,
        "one header row, repeated"
    );
    assert!(doc.contains("规划期（2021—2025年）已结束"));
    for text in [
        "序号",
        "2025年目标",
        "完成情况",
        "第三产业占GDP比重",
        "待更新",
    ] {
        assert!(doc.contains(text), "{text}");
    }
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"宋体\""), "{styles}");
}

/// `file` printed to PDF by LibreOffice headless, beside it; `None` (the
/// test skipped) where LibreOffice or poppler is missing, which CI, which
/// installs both, does not allow.
fn printed_by_libreoffice(file: &std::path::Path) -> Option<std::path::PathBuf> {
    let has = |tool: &str| {
        std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok()
    };
    if !has("soffice") || !has("pdftotext") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run this test: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils"
        );
        eprintln!("skipped: no soffice or pdftotext");
        return None;
    }
    let dir = file.parent().expect("a folder");
    let profile = dir.join("profile");
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice");
    assert!(status.status.success(), "{status:?}");
    Some(file.with_extension("pdf"))
}

/// The final evaluation written to `name` in `dir` and printed by
/// LibreOffice, which must print it on A4 landscape pages; `None` where
/// LibreOffice is missing (outside CI).
fn printed_final(dir: &TempDir, name: &str) -> Option<std::path::PathBuf> {
    let path = dir.path().join(name);
    plantrack()
        .args(["report", "--actuals", "examples/final", "--output"])
        .arg(&path)
        .assert()
        .success();
    let pdf = printed_by_libreoffice(&path)?;
    let info = common::pdf_info(&pdf);
    assert!(info.contains("841.89 x 595.3"), "A4 landscape: {info}");
    Some(pdf)
}

/// The Word report as LibreOffice prints it: A4 landscape, the committee
/// table's header on every page, names whole on their lines.
#[test]
fn the_word_report_prints_through_libreoffice() {
    let dir = TempDir::new().expect("tempdir");
    let Some(pdf) = printed_final(&dir, "final.docx") else {
        return;
    };
    let text = common::pdf_text(&pdf, &["-layout"]);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(
            page.contains("进度/变化"),
            "page {}: the header repeats",
            i + 1
        );
    }
    assert!(text.lines().any(|l| l.contains("地区生产总值年均增长")));
}

/// The workbook's committee sheet as LibreOffice prints it: A4 landscape,
/// the header on each of its pages, every indicator on them, and its text
/// at least 9 pt after fitting the width (a word's box in the PDF is 1.1
/// times the font's size with the Noto CJK fonts: 11.56 pt at 10.5 pt).
#[test]
fn the_committee_sheet_prints_legibly_through_libreoffice() {
    let dir = TempDir::new().expect("tempdir");
    let Some(pdf) = printed_final(&dir, "final.xlsx") else {
        return;
    };
    let text = common::pdf_text(&pdf, &["-layout"]);
    // The committee sheet prints first; its pages carry its header.
    let pages: Vec<&str> = text
        .split('\u{c}')
        .take_while(|p| p.contains("进度/变化"))
        .collect();
    assert!((3..=8).contains(&pages.len()), "{} pages", pages.len());
    let sheet = pages.join("\n");
    for name in [
        "地区生产总值年均增长",
        "传统汽车产业规模",
        "劳动争议调解成功率",
    ] {
        assert!(sheet.contains(name), "{name} printed");
    }
    for page in 1..=pages.len() {
        let page = page.to_string();
        let boxes = common::pdf_text(&pdf, &["-bbox", "-f", &page, "-l", &page]);
        let heights = word_heights(&boxes);
        assert!(heights.len() > 50, "page {page}: {} words", heights.len());
        let smallest = heights.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(
            smallest / 1.1 >= 9.0,
            "page {page}: text at {:.1} pt",
            smallest / 1.1
        );
    }
}

/// The heights of the words in `pdftotext -bbox` output.
fn word_heights(html: &str) -> Vec<f64> {
    let attribute = |word: &str, name: &str| -> f64 {
        let at = word.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        let rest = &word[at..];
        rest[..rest.find('"').expect("quote")]
            .parse()
            .expect("a number")
    };
    html.split("<word ")
        .skip(1)
        .map(|word| attribute(word, "yMax") - attribute(word, "yMin"))
        .collect()
}

/// The plan sheet wraps the plan's sentences within their column, and
/// rows holding a long one are as tall as its lines.
#[test]
fn the_plan_sheet_wraps_its_quotes() {
    let dir = TempDir::new().expect("tempdir");
    let bytes = report_file(dir.path(), "report.xlsx", &[]);
    let plan = sheet(&bytes, "规划目标");
    assert_eq!(text(plan.get((0, 10))), "规划原文");
    let xml = part(&bytes, "xl/worksheets/sheet4.xml");
    let styles = part(&bytes, "xl/styles.xml");
    let at = xml.find("<c r=\"K2\"").expect("the first quote");
    let s: usize = attr(&xml, at, "s").expect("styled").parse().expect("n");
    let xf = nth_in(&styles, "cellXfs", "xf ", s);
    let end = xf + styles[xf..].find("</xf>").expect("end of xf");
    assert!(styles[xf..end].contains("wrapText=\"1\""), "quotes wrap");
    // The quote column is 50 characters wide (+2), not the quote's length.
    let col = xml.find("<col min=\"11\"").expect("column K");
    let width: f64 = attr(&xml, col, "width").expect("width").parse().expect("n");
    assert!((50.0..=56.0).contains(&width), "width {width}");
    // Some quotes take several lines: their rows are taller.
    assert!(xml.contains("customHeight=\"1\""));
}

/// A formula written without its result (as generators write before Excel
/// recalculates) is refused at its cell, not read as empty; a styled blank
/// cell beside it is still a blank.
#[test]
fn a_formula_never_calculated_is_refused_at_its_cell() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2022年").expect("name");
    let blank = Format::new().set_bold();
    for (c, title) in ["indicator", "2021", "2022"].iter().enumerate() {
        sheet.write_string(0, c as u16, *title).expect("write");
    }
    sheet.write_string(1, 0, "gdp_growth").expect("write");
    sheet.write_number(1, 1, 12.5).expect("write");
    sheet.write_formula(1, 2, "=B2-7.7").expect("write");
    sheet.write_string(2, 0, "tertiary_share").expect("write");
    sheet.write_number(2, 1, 15.2).expect("write");
    sheet.write_blank(2, 2, &blank).expect("write");
    let bytes = book.save_to_buffer().expect("workbook");
    // rust_xlsxwriter stores a result of 0; take it out, as openpyxl and
    // other generators leave it.
    let bytes = rewrite_sheet(&bytes, |xml| xml.replace("<v>0</v>", ""));
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("book.xlsx");
    std::fs::write(&path, bytes).expect("write");
    let out = plantrack_en()
        .args(["check", "--actuals"])
        .arg(&path)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("book.xlsx:2022年!C2: the cell holds the formula =B2-7.7, which was never calculated, so it has no figure: open the workbook in Excel or WPS and save it, or enter the figure"),
        "{err}"
    );
    assert_eq!(err.matches("never calculated").count(), 1, "{err}");
}

/// `bytes` with its first sheet's XML rewritten by `edit`.
fn rewrite_sheet(bytes: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let name = file.name().expect("entry name").to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("read");
        if name == "xl/worksheets/sheet1.xml" {
            content = edit(&String::from_utf8(content).expect("xml")).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        std::io::Write::write_all(&mut out, &content).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

/// The extent a sheet's `<dimension>` claims (`A1:W3006` as its last row
/// and column, from 1).
fn dimension(xml: &str) -> (u32, u32) {
    let at = xml.find("<dimension ").expect("dimension");
    let range = attr(xml, at, "ref").expect("ref");
    let last = range.split(':').nth(1).expect("a range");
    let letters: String = last.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters
        .bytes()
        .fold(0, |n, b| n * 26 + u32::from(b - b'A') + 1);
    let row = last[letters.len()..].parse().expect("a row");
    (row, col)
}

#[test]
fn a_large_workbook_is_whole_and_notes_every_doubtful_figure() {
    // 3,000 indicators, three years each; every seventh has a figure ten
    // times its neighbours', which the report doubts.
    let dir = TempDir::new().expect("tempdir");
    let count = 3_000;
    let plan = write_file(dir.path(), "plan.toml", common::levels(count));
    let mut csv = String::from("indicator,year,value\n");
    for i in 0..count {
        let slip = if i % 7 == 0 { 1_300 } else { 130 };
        csv.push_str(&format!("x{i},2021,120\nx{i},2022,{slip}\nx{i},2023,140\n"));
    }
    let actuals = write_file(dir.path(), "actuals.csv", csv);
    let path = dir.path().join("big.xlsx");
    succeeded(
        plantrack()
            .args(["report", "--plan", &plan, "--actuals", &actuals, "--output"])
            .arg(&path),
    );
    let bytes = std::fs::read(&path).expect("written");

    // Each sheet's rows are all there, and its dimension says where they end.
    let mut book = open(&bytes);
    let names = book.sheet_names();
    let mut extents = Vec::new();
    for (n, name) in names.iter().enumerate() {
        let range = book.worksheet_range(name).expect("sheet");
        let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", n + 1));
        let end = range.end().expect("cells");
        assert_eq!(dimension(&xml), (end.0 + 1, end.1 + 1), "{name}");
        extents.push(dimension(&xml));
    }
    // The committee table: a title, the narrative, the header, a chapter
    // and 3,000 lines; then the report under its summary, the 9,000
    // figures and the plan.
    assert!((3_004..3_020).contains(&extents[0].0), "{extents:?}");
    assert_eq!(extents[1..], [(3_006, 23), (9_001, 8), (3_001, 11)]);
    let report = book.worksheet_range(&names[1]).expect("report sheet");
    assert_eq!(text(report.get_value((HEADER + 1, 0))), "x0");
    assert_eq!(text(report.get_value((HEADER + 3_000, 0))), "x2999");
    let actuals_sheet = book.worksheet_range(&names[2]).expect("actuals sheet");
    assert_eq!(
        number(actuals_sheet.get_value((9_000, 3))),
        serde_json::json!(140.0)
    );

    // A note on the current figure of each doubtful row, and only there.
    let comments = part(&bytes, "xl/comments1.xml");
    let noted: Vec<&str> = comments
        .match_indices("<comment ref=\"")
        .filter_map(|(at, _)| attr(&comments, at, "ref"))
        .collect();
    let doubtful: Vec<String> = (0..count)
        .filter(|i| i % 7 == 0)
        .map(|i| format!("K{}", HEADER + 2 + i as u32))
        .collect();
    assert_eq!(noted, doubtful);
    assert!(comments.contains("1300 in 2022"), "{}", &comments[..600]);
    let drawing = part(&bytes, "xl/drawings/vmlDrawing1.vml");
    assert_eq!(drawing.matches("<v:shape id=").count(), doubtful.len());
    // The doubtful figure in orange, the others plain.
    let orange = format!("FF{}", plantrack::render::committee::DOUBT_COLOURS.0);
    assert_eq!(style(&bytes, "K7").1, Some(orange));
    assert_eq!(style(&bytes, "K8").1, None);
}

#[test]
fn a_workbook_of_some_indicators_holds_their_plan_and_figures_alone() {
    let dir = TempDir::new().expect("tempdir");
    let whole = report_file(dir.path(), "all.xlsx", &[]);
    let only = ["--only", "income_growth_vs_gdp"];
    let some = report_file(dir.path(), "some.xlsx", &only);
    let rows = |bytes: &[u8], name: &str| -> Vec<Vec<String>> {
        let range = sheet(bytes, name);
        let row = |r: &[Data]| r.iter().map(|c| c.to_string()).collect();
        range.rows().skip(1).map(row).collect()
    };
    // The row reported and the series it is compared with (its
    // `reference`), whose figures it was judged on.
    let used = ["gdp_growth", "income_growth_vs_gdp"];
    let ids = |rows: Vec<Vec<String>>| rows.into_iter().map(|r| r[0].clone()).collect::<Vec<_>>();
    assert_eq!(ids(rows(&some, "规划目标")), used);
    assert_eq!(
        ids(rows(&some, "汇总")).last().map(String::as_str),
        Some("income_growth_vs_gdp")
    );
    let figures = rows(&some, "实际值");
    let theirs: Vec<_> = rows(&whole, "实际值")
        .into_iter()
        .filter(|r| used.contains(&r[0].as_str()))
        .collect();
    assert_eq!(figures, theirs);
    for id in used {
        let years = figures.iter().filter(|r| r[0] == id).count();
        assert_eq!(years, 3, "2021–2023 of {id}: {figures:?}");
    }
    assert!(rows(&whole, "规划目标").len() > 100);
}
