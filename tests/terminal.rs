//! The report at a terminal: the compact table fits 80, 120 and 200
//! columns in Chinese and English without splitting an English word;
//! every row lines up whether ambiguous-width characters are drawn narrow
//! or wide; sorting, grouping and `--problems`; Chinese throughout.

mod common;

use common::{plantrack, stdout_of};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const EXAMPLE: &str = "examples/actuals";

fn run(args: &[&str]) -> String {
    let mut cmd = plantrack();
    cmd.args(["report", "--actuals", EXAMPLE]).args(args);
    String::from_utf8(stdout_of(&mut cmd)).expect("utf-8")
}

#[test]
fn the_table_fits_the_width_and_keeps_english_words_whole() {
    let plan = plantrack::plan::Plan::embedded().expect("plan");
    for width in ["80", "120", "200"] {
        for lang in ["zh", "en"] {
            let table = run(&["--width", width, "--lang", lang]);
            let limit: usize = width.parse().expect("number");
            for line in table.lines() {
                assert!(
                    line.width() <= limit,
                    "{lang} at {width}: {line:?} is {}",
                    line.width()
                );
            }
            if lang == "en" {
                // Every word of every English name is on one line, whole.
                let words: Vec<&str> = table.split_whitespace().collect();
                for ind in &plan.indicators {
                    let name = (ind.short_name_en()).or(ind.name_en()).unwrap_or(&ind.name);
                    for word in name.split_whitespace().filter(|w| w.is_ascii()) {
                        let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                        assert!(
                            word.is_empty() || words.iter().any(|w| w.contains(word)),
                            "at {width}: {word:?} of {name:?} is split"
                        );
                    }
                }
            }
        }
    }
    // At 80 columns in Chinese, one or two lines for all but the longest name.
    let table = run(&["--width", "80"]);
    let rows = table.lines().skip(2).filter(|l| l.contains('/')).count();
    assert_eq!(rows, 105, "each indicator's figures on its first line");
    assert!(
        table.lines().count() <= 2 + 105 * 2,
        "{}",
        table.lines().count()
    );
}

#[test]
fn every_row_lines_up_however_ambiguous_characters_are_drawn() {
    for args in [
        &["--lang", "zh"][..],
        &["--lang", "en"],
        &["--wide"],
        &["--width", "80"],
    ] {
        let table = run(args);
        for c in table.chars() {
            assert_eq!(
                c.width(),
                c.width_cjk(),
                "{args:?}: {c:?} is drawn narrow on some terminals and wide on others"
            );
        }
    }
    // Off a terminal each row is one line: the status column starts at the
    // same display column in every row.
    let table = run(&[]);
    let lines: Vec<&str> = table.lines().take(2 + 105).collect();
    let start = |line: &str| {
        let status = line.trim_end().rsplit(' ').next().unwrap_or("");
        line.trim_end().width() - status.width()
    };
    let first = start(lines[2]);
    for line in &lines[2..] {
        assert_eq!(start(line), first, "{line}");
    }
}

#[test]
fn problems_answer_what_will_be_missed_and_what_it_needs() {
    let table = run(&["--problems", "--width", "80"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["指标", "最新/目标", "按现速预计", "尚需年均", "状态"]
    );
    // Worst first: the 3 missed, then the one moving away, then the 9 off
    // track, then 20 lagging.
    let statuses: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_whitespace().last())
        .filter(|w| ["逆向变化", "明显滞后", "略有滞后"].contains(w))
        .collect();
    assert_eq!(statuses.len(), 1 + 9 + 20);
    assert_eq!(statuses[0], "逆向变化");
    assert!(statuses[1..10].iter().all(|s| *s == "明显滞后"));
    let auto = lines
        .iter()
        .find(|l| l.contains("传统汽车产业规模"))
        .expect("auto_traditional");
    // 1360 in 2023 at 50 a year: 1460 in 2025; 220 a year still needed.
    assert_eq!(
        auto.split_whitespace().collect::<Vec<_>>(),
        [
            "传统汽车产业规模",
            "1360/>1800",
            "1460",
            "(2025)",
            "220亿元",
            "明显滞后"
        ]
    );
    assert!(lines.len() < 80, "one screen: {} lines", lines.len());
    insta::assert_snapshot!("problems_zh_80", table);
}

#[test]
fn sorted_and_grouped_views() {
    let sorted = run(&["--sort", "progress", "--lang", "en"]);
    let first = sorted.lines().nth(2).expect("a row");
    assert!(first.contains("-20%/60%"), "least progress first: {first}");
    // Needed: the largest step-up over the pace so far first; the two
    // targets with no progress at all need an infinite one.
    let needed = run(&["--sort", "needed"]);
    let first: Vec<&str> = needed
        .lines()
        .skip(2)
        .take(2)
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(first, ["引进培育独角兽企业", "新增国家级重点实验室"]);
    let by_status = run(&["--group", "status"]);
    let headings: Vec<&str> = by_status.lines().filter(|l| l.starts_with('【')).collect();
    assert_eq!(
        headings,
        [
            "【未完成】未完成3项",
            "【逆向变化】逆向变化1项",
            "【明显滞后】明显滞后9项",
            "【略有滞后】略有滞后20项",
            "【推进中】推进中20项",
            "【符合预期】符合预期31项",
            "【快于预期】快于预期9项",
            "【已实现】已实现12项",
        ]
    );
    let by_chapter = run(&["--group", "chapter", "--width", "120"]);
    assert!(
        by_chapter.starts_with(
            "【第三章 继往开来,谱写高质量发展新篇章】已实现3项，符合预期3项，略有滞后4项，明显滞后2项，未完成2项，推进中5项\n"
        ),
        "{by_chapter}"
    );
    insta::assert_snapshot!("grouped_by_chapter_120", by_chapter);
    let markdown = run(&["--group", "kind", "--format", "markdown"]);
    // The narrative opens it, then the first group.
    assert!(markdown.starts_with("截至2023年，《"), "{markdown}");
    assert!(markdown.contains("\n\n### 年均增速\n\n"), "{markdown}");
    let html = run(&["--group", "status", "--format", "html"]);
    assert!(html.contains("<h2>逆向变化</h2>\n<p class=\"counts\">逆向变化1项</p>"));
    for (width, lang) in [("80", "zh"), ("80", "en"), ("120", "zh"), ("120", "en")] {
        let name = format!("table_{lang}_{width}");
        insta::assert_snapshot!(name, run(&["--width", width, "--lang", lang]));
    }
}

#[test]
fn chinese_status_words_are_accepted_on_the_command_line() {
    let chinese = run(&["--status", "明显滞后,逆向变化"]);
    assert_eq!(chinese, run(&["--status", "off-track,moving-away"]));
    assert!(chinese.ends_with("截至2023年：明显滞后9项，逆向变化1项\n"));
    let out = plantrack()
        .args([
            "report",
            "--actuals",
            EXAMPLE,
            "--fail-on",
            "明显滞后",
            "--format",
            "csv",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
}

/// The ASCII words a Chinese view may hold: ids, units and the plan's own
/// words (GDP, PM2.5, APP, …), and the formats' own short marks.
fn allowed_words() -> Vec<String> {
    let plan = plantrack::plan::Plan::embedded().expect("plan");
    let mut words: Vec<String> = ascii_words(&plan.meta.id);
    for ind in &plan.indicators {
        words.extend(ascii_words(&ind.id));
        for text in [&ind.name, &ind.unit]
            .into_iter()
            .chain(ind.text().quote.iter())
            .chain(ind.text().baseline_quote.iter())
            .chain(ind.text().note.iter())
        {
            // Tables write some of the plan's characters in ASCII (Ⅲ as III).
            words.extend(ascii_words(&plantrack::render::table::plain_text(text)));
        }
    }
    words
}

fn ascii_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_string)
        .collect()
}

#[test]
fn a_chinese_report_and_show_hold_no_english() {
    let allowed = allowed_words();
    let mut views = vec![run(&[]), run(&["--wide"]), run(&["--problems"])];
    for id in [
        "gdp_growth",
        "pm25",
        "industrial_internet_base",
        "product_spot_check_pass_rate",
        "digital_workshops",
    ] {
        let show = String::from_utf8(stdout_of(plantrack().args([
            "show",
            id,
            "--actuals",
            EXAMPLE,
        ])))
        .expect("utf-8");
        // The last table lists the files, sources and notes the figures
        // came from: the user's own words.
        let ours = show
            .split("\n年份  数据位置")
            .next()
            .unwrap_or_default()
            .to_string();
        views.push(ours);
    }
    views.push(String::from_utf8(stdout_of(plantrack().args(["list"]))).expect("utf-8"));
    for view in &views {
        for word in ascii_words(view) {
            assert!(
                allowed.contains(&word),
                "English {word:?} in a Chinese view:\n{view}"
            );
        }
    }
}

#[test]
fn english_reports_hold_no_chinese_words_of_their_own() {
    // Names without an English name, units and quotes are the plan's own.
    let table = run(&["--lang", "en", "--wide"]);
    for header in [
        "indicator",
        "baseline",
        "target",
        "latest",
        "progress / time",
        "required",
        "needed",
        "status",
    ] {
        assert!(table.contains(header), "{header}");
    }
    assert!(!table.contains("个百分点") && !table.contains("/年") && !table.contains("截至"));
    let show = String::from_utf8(stdout_of(plantrack().args([
        "show",
        "gdp_growth",
        "--actuals",
        EXAMPLE,
        "--lang",
        "en",
    ])))
    .expect("utf-8");
    assert!(show.lines().any(|l| l.starts_with("reading")
        && l.contains("Yearly actuals are the official annual GDP growth rates")));
    assert!(
        show.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["method", "cagr"])
    );
}

#[test]
fn the_man_page_is_made_from_the_command_line() {
    let page = String::from_utf8(stdout_of(plantrack().arg("man"))).expect("utf-8");
    assert!(page.contains(".TH plantrack 1"));
    for command in [
        "report",
        "diff",
        "show",
        "check",
        "list",
        "template",
        "completions",
    ] {
        assert!(
            page.contains(&format!("plantrack\\-{command}")) || page.contains(command),
            "{command}"
        );
    }
}

#[test]
fn problems_at_the_end_of_the_period_show_the_gap_not_a_projection() {
    let out = String::from_utf8(stdout_of(plantrack().args([
        "report",
        "--actuals",
        "examples/final",
        "--problems",
        "--width",
        "80",
    ])))
    .expect("utf-8");
    let lines: Vec<&str> = out.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, ["指标", "最新/目标", "差距", "数据年份", "状态"]);
    // No projection repeats the latest figure: no "(2025)" anywhere.
    assert!(!out.contains("(2025)"), "{out}");
    // 1393 (2024) against > 1800: 407 still to go, awaiting 2025.
    let auto = lines
        .iter()
        .find(|l| l.starts_with("传统汽车产业规模"))
        .expect("awaiting rows are problems at the end");
    let cells: Vec<&str> = auto.split_whitespace().collect();
    assert_eq!(
        cells,
        ["传统汽车产业规模", "1393/>1800", "407", "2024", "待更新"]
    );
    assert!(out.contains("截至2025年：未完成45项，待更新4项\n"), "{out}");
    assert!(out.contains("待更新（尚无2025年数据）："), "{out}");
    for line in &lines {
        assert!(line.width() <= 80, "{line}");
    }
}
