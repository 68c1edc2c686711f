//! Hostile workbooks: a file that claims more than it holds ends in a
//! clear exit 2 naming the limit, within the documented memory. Each run
//! is made under an address-space limit of its own (`RLIMIT_AS`), so that
//! a reader that trusted the file's claims would fail the test by being
//! stopped, not by a timing.

mod common;

use std::io::{Cursor, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;

use common::{plantrack_in, write_file};
use tempfile::TempDir;

/// The memory a run may use in these tests: 256 MiB plus 20 times the
/// largest file here is well under it; a reader that believed a bomb
/// would need gigabytes.
const RUN_MEMORY: u64 = 768 << 20;

/// plantrack in `lang`, with the system resource `resource` (address
/// space in bytes, or CPU seconds) limited to `value` for the run: past
/// it, an allocation fails or the system stops the run, so a test fails on
/// the exit status, not on a timing.
fn limited(lang: &str, resource: libc::__rlimit_resource_t, value: u64) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("plantrack"));
    cmd.env("NO_COLOR", "1").env("PLANTRACK_LANG", lang);
    // SAFETY: setrlimit only, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: value as libc::rlim_t,
                rlim_max: value as libc::rlim_t,
            };
            libc::setrlimit(resource, &limit);
            Ok(())
        });
    }
    cmd
}

/// Runs `check --actuals FILE` in `lang` under [`RUN_MEMORY`]: exit code
/// and standard error.
fn check(lang: &str, file: &str) -> (Option<i32>, String) {
    let out = limited(lang, libc::RLIMIT_AS, RUN_MEMORY)
        .args(["check", "--actuals", file])
        .output()
        .expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_password_protected_workbook_is_named_as_such() {
    for file in ["locked.xls", "locked.ods"] {
        let (code, err) = check("zh", &fixture(file));
        assert_eq!(code, Some(2), "{file}: {err}");
        assert!(
            err.contains(&format!("{file}:1：工作簿设有密码保护，无法读取")),
            "{err}"
        );
        let (code, err) = check("en", &fixture(file));
        assert_eq!(code, Some(2));
        assert!(
            err.contains("the workbook is password-protected: save an unprotected copy"),
            "{err}"
        );
    }
}

#[test]
fn an_xls_whose_dimensions_claim_terabytes_is_refused_within_the_limit() {
    let mut bytes = std::fs::read(fixture("office-actuals.xls")).expect("fixture");
    // The DIMENSIONS record (0x0200, 14 bytes): last row and column moved
    // to 16,777,215 and 16,383.
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a DIMENSIONS record");
    bytes[at + 8..at + 12].copy_from_slice(&0x00FF_FFFFu32.to_le_bytes());
    bytes[at + 14..at + 16].copy_from_slice(&0x3FFFu16.to_le_bytes());
    let dir = TempDir::new().expect("tempdir");
    let file = write_file(dir.path(), "dims.xls", &bytes);
    let (code, err) = check("en", &file);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(
            "dims.xls:1: reading the workbook needs more than the limit of 256 MiB of memory"
        ),
        "{err}"
    );
    assert!(!err.contains("memory allocation"), "{err}");
}

/// `office-actuals.ods` with `content` put in place of its `content.xml`
/// changed by `change`.
fn ods_with(dir: &Path, change: impl Fn(&str) -> String) -> String {
    rewrite(
        &fixture("office-actuals.ods"),
        dir,
        "bomb.ods",
        |name, data| {
            (name == "content.xml").then(|| change(&String::from_utf8_lossy(data)).into_bytes())
        },
    )
}

/// The archive `from` written to `dir/name` with each member `change`
/// returns replaced.
fn rewrite(
    from: &str,
    dir: &Path,
    name: &str,
    change: impl Fn(&str, &[u8]) -> Option<Vec<u8>>,
) -> String {
    let bytes = std::fs::read(from).expect("workbook");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).expect("member");
        let member_name = member.name().expect("name").to_string();
        let mut data = Vec::new();
        member.read_to_end(&mut data).expect("read");
        let data = change(&member_name, &data).unwrap_or(data);
        let method = if member_name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(member_name, options).expect("start");
        out.write_all(&data).expect("write");
    }
    let bytes = out.finish().expect("finish").into_inner();
    write_file(dir, name, bytes)
}

#[test]
fn an_ods_whose_repeats_claim_gigabytes_is_refused_within_the_limit() {
    let dir = TempDir::new().expect("tempdir");
    // 5,990 rows each repeating 16,000 empty cells before one figure: a
    // few bytes that a whole-sheet reader expands to 96 million cells.
    let file = ods_with(dir.path(), |content| {
        let row = r#"<table:table-row table:number-rows-repeated="5990"><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#;
        content.replacen("</table:table>", &format!("{row}</table:table>"), 1)
    });
    let (code, err) = check("zh", &file);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("bomb.ods:1：读取这个工作簿需要超过256 MiB内存的上限"),
        "{err}"
    );
}

/// A workbook template written by plantrack, to tamper with.
fn template(dir: &Path) -> String {
    let path = dir.join("template.xlsx");
    let out = plantrack_in("en")
        .args(["template", "--format", "xlsx", "--output"])
        .arg(&path)
        .output()
        .expect("run");
    assert!(out.status.success());
    path.to_string_lossy().into_owned()
}

#[test]
fn an_xlsx_whose_parts_inflate_to_200_mb_is_refused_before_parsing() {
    let dir = TempDir::new().expect("tempdir");
    // One string of 200 MB; 200 MB of cell styles (each `<xf/>` costs the
    // reader about 150 bytes: 7 MB of them, a gigabyte).
    // Each part: its opening, what it repeats, its close.
    type Bomb<'a> = (&'a str, &'a [u8], &'a [u8], &'a [u8]);
    let bombs: [Bomb; 2] = [
        (
            "xl/sharedStrings.xml",
            br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#,
            b"a",
            b"</t></si></sst>",
        ),
        (
            "xl/styles.xml",
            br#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>"#,
            b"<xf/>",
            b"</cellXfs></styleSheet>",
        ),
    ];
    let template = template(dir.path());
    for (part, head, repeated, tail) in bombs {
        let file = rewrite(&template, dir.path(), "bomb.xlsx", |name, _| {
            (name == part).then(|| {
                let mut xml = head.to_vec();
                let size = if part == "xl/styles.xml" {
                    7 << 20
                } else {
                    200 << 20
                };
                xml.extend(repeated.repeat(size / repeated.len()));
                xml.extend_from_slice(tail);
                xml
            })
        });
        assert!(std::fs::metadata(&file).expect("file").len() < 1 << 20);
        let (code, err) = check("en", &file);
        assert_eq!(code, Some(2), "{part}: {err}");
        let named = if part == "xl/styles.xml" {
            err.contains(
                "the workbook's cell styles (xl/styles.xml) inflate to more than the limit of 6 MiB",
            )
        } else {
            err.contains("the workbook inflates to more than the limit of")
                && err.contains(&format!(
                    "\"{part}\" alone inflates far beyond the file's size"
                ))
        };
        assert!(named, "{err}");
    }
}

/// The template with its one sheet listed `count` times in
/// `xl/workbook.xml`, each under its own name and relationship.
fn listed(dir: &Path, count: usize) -> String {
    rewrite(&template(dir), dir, "listed.xlsx", |name, data| {
        let xml = String::from_utf8_lossy(data);
        match name {
            "xl/workbook.xml" => {
                let sheets: String = (0..count)
                    .map(|i| format!(r#"<sheet name="s{i}" sheetId="{}" r:id="rIdS{i}"/>"#, i + 1))
                    .collect();
                let start = xml.find("<sheets>")?;
                let end = xml.find("</sheets>")?;
                Some(format!("{}<sheets>{sheets}{}", &xml[..start], &xml[end..]).into_bytes())
            }
            "xl/_rels/workbook.xml.rels" => {
                let rels: String = (0..count)
                    .map(|i| format!(r#"<Relationship Id="rIdS{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#))
                    .collect();
                Some(
                    xml.replacen("</Relationships>", &format!("{rels}</Relationships>"), 1)
                        .into_bytes(),
                )
            }
            _ => None,
        }
    })
}

#[test]
fn an_xlsx_listing_one_sheet_many_times_is_read_never_twice() {
    let dir = TempDir::new().expect("tempdir");
    let file = listed(dir.path(), 120);
    let (code, err) = check("en", &file);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("the workbook lists the part \"worksheets/sheet1.xml\" as two sheets"),
        "{err}"
    );
}

#[test]
fn an_xlsx_listing_more_sheets_than_the_limit_is_refused_in_one_short_line() {
    let dir = TempDir::new().expect("tempdir");
    let file = listed(dir.path(), plantrack::workbook::MAX_SHEETS + 1);
    let (code, err) = check("en", &file);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "the workbook lists {} sheets, more than the limit of {}",
            plantrack::workbook::MAX_SHEETS + 1,
            plantrack::workbook::MAX_SHEETS
        )),
        "{err}"
    );
    assert!(err.len() < 1000, "{}", err.len());
}

#[test]
fn honest_workbooks_are_still_read_under_the_limit() {
    for file in ["office-actuals.xls", "office-actuals.ods"] {
        let (code, err) = check("en", &fixture(file));
        assert_eq!(code, Some(0), "{file}: {err}");
    }
}

/// Runs plantrack in English with `args` under a limit of `seconds` of
/// CPU time.
fn within_cpu(seconds: u64, args: &[&str]) -> std::process::Output {
    limited("en", libc::RLIMIT_CPU, seconds)
        .args(args)
        .output()
        .expect("run")
}

#[test]
fn long_unknown_cells_get_no_slow_suggestion() {
    let dir = TempDir::new().expect("tempdir");
    let mut csv = String::from("indicator,year,value\n");
    for i in 0..50 {
        csv.push_str(&format!("{}{i},2021,1\n", "q".repeat(80_000)));
    }
    let file = write_file(dir.path(), "long.csv", csv);
    let out = within_cpu(5, &["check", "--actuals", &file]);
    assert_eq!(out.status.code(), Some(2), "{:?}", out.status);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("long.csv:2: unknown indicator \"qqq"), "{err}");
    assert!(err.contains("run `plantrack list` for the ids"), "{err}");
}

#[test]
fn a_very_long_id_is_looked_up_at_once() {
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(dir.path(), "big.toml", common::levels(20_000));
    let id = "x".repeat(131_000);
    let out = within_cpu(5, &["show", &id, "--plan", &plan]);
    assert_eq!(out.status.code(), Some(2), "{:?}", out.status);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown indicator `xxx"), "{err}");
    // The id is quoted short, not 131 KB.
    assert!(err.len() < 1000, "{}", err.len());
}

/// Every event of `xml`, which must be well-formed.
fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not XML at {}: {e}", reader.buffer_position()),
        }
    }
}

#[test]
fn extreme_figures_and_odd_characters_make_valid_finite_charts() {
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(
        dir.path(),
        "extreme.toml",
        r#"[plan]
id = "extreme"
name = "Extreme"
base_year = 2020
target_year = 2025

[[indicator]]
id = "big"
name = "Big \uFFFE\uFFFF"
kind = "level"
comparator = ">="
baseline = 1
target = 1e308

[[indicator]]
id = "wide"
name = "Wide"
kind = "level"
comparator = "<="
baseline = 1.5e308
target = -1.5e308

[[indicator]]
id = "tiny"
name = "Tiny"
kind = "share"
unit = "%"
comparator = ">="
baseline = 1e-300
target = 2e-300
"#,
    );
    let actuals = write_file(
        dir.path(),
        "extreme.csv",
        "indicator,year,value\nbig,2021,1.7e308\nwide,2021,-1.7e308\ntiny,2021,1.5e-300\n",
    );
    for id in ["big", "wide", "tiny"] {
        let out = plantrack_in("en")
            .args([
                "show",
                id,
                "--plan",
                &plan,
                "--actuals",
                &actuals,
                "--format",
                "svg",
            ])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{id}");
        let svg = String::from_utf8(out.stdout).expect("utf-8");
        assert_well_formed(&svg);
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{id}: {svg}");
        assert!(!svg.contains('\u{FFFE}') && !svg.contains('\u{FFFF}'));
    }
    let out = plantrack_in("en")
        .args([
            "report",
            "--plan",
            &plan,
            "--actuals",
            &actuals,
            "--format",
            "html",
        ])
        .output()
        .expect("run");
    let page = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        page.contains("1.7e308"),
        "numbers past 10^15 with an exponent"
    );
    assert!(!page.contains("NaN") && !page.contains("Infinity"));
    for svg in page.split("<svg").skip(1) {
        let svg = format!("<svg{}", svg.split("</svg>").next().unwrap_or_default());
        assert!(!svg.contains("inf"), "{svg}");
    }
}

#[test]
fn a_hostile_saved_report_is_shown_inert() {
    let dir = TempDir::new().expect("tempdir");
    let actuals = format!("{}/examples/actuals", env!("CARGO_MANIFEST_DIR"));
    let old = dir.path().join("old.json");
    let out = plantrack_in("en")
        .args(["report", "--actuals", &actuals, "--format", "json", "-o"])
        .arg(&old)
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = std::fs::read_to_string(&old).expect("old");
    let forged = text.replacen(
        "\"name\":\"地区生产总值年均增长\"",
        "\"name\":\"GDP\\n| forged | row |\\u001b]0;pwned\\u0007\\u001b[2J\"",
        1,
    );
    assert_ne!(forged, text, "the name was replaced");
    let new = write_file(dir.path(), "new.json", &forged);
    let old = old.to_string_lossy().into_owned();
    for format in ["table", "markdown", "csv"] {
        let out = plantrack_in("zh")
            .args(["diff", &old, &new, "--format", format])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{format}");
        let shown = String::from_utf8(out.stdout).expect("utf-8");
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{format}: {shown}"
        );
        let name = if format == "markdown" {
            "GDP\\\\u{a}\\| forged"
        } else {
            "GDP\\u{a}| forged"
        };
        assert!(shown.contains(name), "{format}: {shown}");
        assert!(
            !shown.lines().any(|l| l.starts_with("| forged")),
            "{format}"
        );
        if format == "markdown" {
            let rows = shown.lines().filter(|l| l.starts_with('|')).count();
            assert_eq!(rows, 105 + 2, "one row per indicator");
        }
    }
    // `report --since` reads the report as it streams: a byte-order mark
    // is passed over, and a report of another version named as one.
    let bom = write_file(
        dir.path(),
        "bom.json",
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    );
    let out = plantrack_in("en")
        .args([
            "report",
            "--actuals",
            &actuals,
            "--since",
            &bom,
            "--format",
            "csv",
        ])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v2 = write_file(
        dir.path(),
        "v2.json",
        text.replacen("\"format_version\": 1", "\"format_version\": 2", 1)
            .replacen("\"status\": \"", "\"status\": \"sideways-", 1),
    );
    let out = plantrack_in("en")
        .args(["report", "--actuals", &actuals, "--since", &v2])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("v2.json: a plantrack report of format_version 2"),
        "{err}"
    );
    // A plan id with an escape, in the message that names it.
    let other = write_file(
        dir.path(),
        "other.json",
        text.replacen(
            "\"plan\": \"xiangyang-hitech-14fyp\"",
            "\"plan\": \"x\\u001b[31mred\"",
            1,
        ),
    );
    for args in [
        vec!["diff", old.as_str(), other.as_str()],
        vec!["report", "--actuals", &actuals, "--since", other.as_str()],
    ] {
        let out = plantrack_in("zh").args(&args).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("x\\u{1b}[31mred"), "{args:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{args:?}");
    }
}

#[test]
fn a_large_saved_report_is_compared_within_a_few_times_its_size() {
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(dir.path(), "big.toml", common::levels(60_000));
    let saved = dir.path().join("saved.json");
    let out = plantrack_in("en")
        .args(["report", "--plan", &plan, "--format", "json", "-o"])
        .arg(&saved)
        .output()
        .expect("run");
    assert!(out.status.success());
    let size = std::fs::metadata(&saved).expect("saved").len();
    assert!(size > 30 << 20, "{size}");
    let saved = saved.to_string_lossy().into_owned();
    // Read into a tree of JSON values, each report took about 16 times its
    // size; typed, the two fit in this limit with room to spare.
    let mut diff = limited("en", libc::RLIMIT_AS, 6 * size);
    diff.args(["diff", &saved, &saved, "--format", "csv"]);
    let out = common::succeeded(&mut assert_cmd::Command::from_std(diff));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 60_001);
}
