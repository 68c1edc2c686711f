//! Every view fits the terminal: `list`, `show` (all its tables), the
//! compact and `--wide` report, `--problems` and the final evaluation, at
//! 80 and 120 columns in Chinese and English, with no line wider than the
//! width, no English word broken, and in English at most two lines for
//! each indicator of the compact table at 80 columns.

mod common;

use common::{plantrack, stdout_of};
use unicode_width::UnicodeWidthStr;

fn run(args: &[&str]) -> String {
    String::from_utf8(stdout_of(plantrack().args(args))).expect("utf-8")
}

/// Asserts every line of `text` is within `width` display columns.
fn within(text: &str, width: usize, what: &str) {
    for line in text.lines() {
        assert!(
            line.width() <= width,
            "{what}: {line:?} is {} columns",
            line.width()
        );
    }
}

const VIEWS: [(&str, &[&str]); 5] = [
    ("list", &["list"]),
    (
        "show_pm25",
        &["show", "pm25", "--actuals", "examples/actuals"],
    ),
    (
        "show_auto",
        &["show", "auto_traditional", "--actuals", "examples/final"],
    ),
    (
        "wide",
        &["report", "--actuals", "examples/actuals", "--wide"],
    ),
    (
        "final_problems",
        &["report", "--actuals", "examples/final", "--problems"],
    ),
];

#[test]
fn list_show_and_wide_fit_80_and_120_columns_in_both_languages() {
    for (name, args) in VIEWS {
        for width in [80, 120] {
            for lang in ["zh", "en"] {
                let w = width.to_string();
                let mut all = args.to_vec();
                all.extend(["--width", &w, "--lang", lang]);
                let text = run(&all);
                within(&text, width, &format!("{name} {lang} {width}"));
                insta::assert_snapshot!(format!("{name}_{lang}_{width}"), text);
            }
        }
    }
}

#[test]
fn every_show_fits_80_columns() {
    let plan = plantrack::plan::Plan::embedded().expect("plan");
    for ind in &plan.indicators {
        for lang in ["zh", "en"] {
            let text = run(&[
                "show",
                &ind.id,
                "--actuals",
                "examples/final",
                "--width",
                "80",
                "--lang",
                lang,
            ]);
            within(&text, 80, &format!("show {} {lang}", ind.id));
        }
    }
}

/// The lines of each row of a compact table: a row starts on the line
/// whose second column (latest/target, never wrapped) is filled.
fn lines_per_row(table: &str) -> Vec<(String, usize)> {
    let mut lines = table.lines();
    let _header = lines.next();
    let rule = lines.next().unwrap_or_default();
    let second = rule.find(' ').map_or(0, |i| i + 1);
    let second_ends = second + rule[second..].find(' ').unwrap_or(0);
    let mut rows: Vec<(String, usize)> = Vec::new();
    let table_ends = |l: &&str| {
        l.is_empty()
            || ["*:", "?:", "(left out", "as of"]
                .iter()
                .any(|s| l.starts_with(s))
    };
    for line in lines.take_while(|l| !table_ends(l)) {
        if line
            .get(second..second_ends)
            .is_some_and(|c| !c.trim().is_empty())
        {
            rows.push((line.to_string(), 1));
        } else if let Some(row) = rows.last_mut() {
            row.1 += 1;
        }
    }
    rows
}

#[test]
fn the_english_table_keeps_each_indicator_to_two_lines_at_80_columns() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let saved = dir.path().join("2022.json");
    let saved = saved.to_str().expect("utf-8 path");
    run(&[
        "report",
        "--actuals",
        "examples/actuals",
        "--as-of",
        "2022",
        "--format",
        "json",
        "--output",
        saved,
    ]);
    for (extra, two_lines) in [
        (&[][..], true),
        (&["--problems"], true),
        // A column more: it fits, and names may take a third line.
        (&["--since", saved], false),
    ] {
        for actuals in ["examples/actuals", "examples/final"] {
            let mut args = vec![
                "report",
                "--actuals",
                actuals,
                "--lang",
                "en",
                "--width",
                "80",
                "--color",
                "never",
            ];
            args.extend(extra);
            let table = run(&args);
            within(&table, 80, &format!("{args:?}"));
            let rows = lines_per_row(&table);
            assert!(rows.len() >= 30, "{args:?}: {} rows", rows.len());
            for (first, lines) in rows.iter().filter(|_| two_lines) {
                assert!(lines <= &2, "{args:?}: {first:?} takes {lines} lines");
            }
        }
    }
}

#[test]
fn a_narrow_list_says_which_columns_it_left_out() {
    let text = run(&["list", "--width", "80", "--lang", "en"]);
    assert!(
        text.contains("(left out to fit the terminal: kind, baseline, chapter;"),
        "{text}"
    );
    let wide = run(&["list", "--width", "200", "--lang", "en"]);
    assert!(!wide.contains("left out"), "{wide}");
    assert!(wide.lines().next().unwrap_or_default().contains("chapter"));
    // English chapters are numbers, not Chinese.
    assert!(wide.contains("Ch. 3 §4"), "{wide}");
    assert!(!wide.contains("第三章"), "{wide}");
}
