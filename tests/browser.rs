//! The HTML report in a real browser: headless Chromium loads the example
//! report from a `file://` URL, and the test checks that it rendered: no
//! script error, no request for anything, one chart per indicator with a
//! figure, each drawn with a size, and the table sorting on a click. A
//! screenshot is left under `target/tmp/browser/` for a person to look at.
//!
//! Needs Chromium (Debian package `chromium`; or set PLANTRACK_CHROMIUM).
//! Without it a plain `cargo test` skips this test and says so; under CI
//! (`CI` set) the test fails instead, so `.ci/run` always runs it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{plantrack, stdout_of};
use serde_json::Value;

/// The browser to run, if there is one.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PLANTRACK_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs headless Chromium on `url` with `args`, cut off from the network,
/// and returns its standard output.
fn headless(browser: &Path, profile: &Path, args: &[&str], url: &str) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            // Any host name resolves to nothing: a request would fail, and
            // the page's resource timings would still list it.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Put at the top of a copy of the page: records script errors, then after
/// loading lists every resource the page asked for, each chart's size, and
/// the status column after a click on its header.
const HARNESS: &str = r#"<script>
(function () {
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var log = console.error;
  console.error = function () { errors.push(Array.from(arguments).join(" ")); log.apply(console, arguments); };
  window.addEventListener("load", function () {
    var charts = Array.from(document.querySelectorAll("svg.chart")).map(function (svg) {
      var box = svg.getBoundingClientRect();
      return { id: svg.dataset.id, kind: svg.dataset.kind, width: box.width, height: box.height };
    });
    var resources = performance.getEntriesByType("resource").map(function (r) { return r.name; });
    var table = document.querySelector("table.report");
    var before = Array.from(table.tBodies[0].rows).map(function (r) { return r.cells[0].textContent; });
    table.querySelectorAll("th button")[10].click();
    var sorted = Array.from(table.tBodies[0].rows).map(function (r) { return Number(r.cells[10].dataset.sort); });
    table.querySelectorAll("th button")[4].click();
    var latest = Array.from(table.tBodies[0].rows).map(function (r) { return r.cells[4].textContent; });
    var pre = document.createElement("pre");
    pre.id = "plantrack-check";
    pre.textContent = JSON.stringify({ errors: errors, resources: resources, charts: charts, before: before, sorted: sorted, latest: latest });
    document.body.appendChild(pre);
  });
})();
</script>
"#;

#[test]
fn the_html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: install chromium (apt-get install -y chromium)"
        );
        eprintln!(
            "skipped: no chromium on PATH (install Debian's `chromium`, or set PLANTRACK_CHROMIUM)"
        );
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let profile = tempfile::TempDir::new().expect("profile");
    let report = dir.join("report.html");
    plantrack()
        .args(["report", "--actuals", "examples/actuals", "--output"])
        .arg(&report)
        .assert()
        .success();
    let check = run_with(&browser, profile.path(), &report, HARNESS);

    assert_eq!(check["errors"], serde_json::json!([]), "no script error");
    assert_eq!(
        check["resources"],
        serde_json::json!([]),
        "no request of any kind"
    );

    let json_report: Value = serde_json::from_slice(&stdout_of(plantrack().args([
        "report",
        "--actuals",
        "examples/actuals",
        "--format",
        "json",
    ])))
    .expect("json");
    let rows = json_report["indicators"].as_array().expect("rows");
    let charts = check["charts"].as_array().expect("charts");
    let numeric = |kind: &str| kind != "milestone";
    let expected = rows
        .iter()
        .filter(|r| r["status"] != "no-data" && numeric(r["kind"].as_str().unwrap_or("")))
        .count();
    assert_eq!(
        charts
            .iter()
            .filter(|c| numeric(c["kind"].as_str().unwrap_or("")))
            .count(),
        expected,
        "one chart per numeric indicator with a figure"
    );
    for chart in charts {
        let (w, h) = (
            chart["width"].as_f64().unwrap_or(0.0),
            chart["height"].as_f64().unwrap_or(0.0),
        );
        assert!(
            w > 100.0 && h > 100.0,
            "{} is drawn with a size: {w}×{h}",
            chart["id"]
        );
    }
    // One click on 状态 sorts the first table by the status ladder.
    let sorted: Vec<f64> = check["sorted"]
        .as_array()
        .expect("sorted")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    assert!(
        sorted.len() > 3 && sorted.windows(2).all(|w| w[0] <= w[1]),
        "{sorted:?}"
    );
    assert_ne!(check["before"].as_array().map(Vec::len), Some(0));
    // A click on the latest figure, which carries no sort key, sorts by the
    // number the cell's text starts with, the cells without one last.
    let latest: Vec<&str> = check["latest"]
        .as_array()
        .expect("latest")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let numbers: Vec<Option<f64>> = latest
        .iter()
        .map(|t| {
            let lead: String = t
                .replace(',', "")
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | 'e'))
                .collect();
            lead.parse().ok()
        })
        .collect();
    let first_none = numbers
        .iter()
        .position(Option::is_none)
        .unwrap_or(numbers.len());
    assert!(
        numbers[first_none..].iter().all(Option::is_none),
        "{latest:?}"
    );
    let figures: Vec<f64> = numbers[..first_none].iter().flatten().copied().collect();
    assert!(
        figures.len() > 3 && figures.windows(2).all(|w| w[0] <= w[1]),
        "{latest:?}"
    );

    // A screenshot for a person to look at.
    let shot = dir.join("report.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        &browser,
        profile.path(),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400",
        ],
        &format!("file://{}", report.display()),
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
    eprintln!("screenshot: {}", shot.display());
}

/// Put at the top of a copy of the page: after loading, lists every pair
/// of text boxes in one chart that overlap (by more than half a pixel).
const OVERLAPS: &str = r#"<script>
window.addEventListener("load", function () {
  var found = [];
  var charts = document.querySelectorAll("svg.chart");
  charts.forEach(function (svg) {
    var boxes = Array.from(svg.querySelectorAll("text")).map(function (t) {
      return { text: t.textContent, box: t.getBoundingClientRect() };
    }).filter(function (b) { return b.box.width > 0 && b.box.height > 0; });
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i].box, b = boxes[j].box;
        var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) {
          found.push(svg.dataset.id + ": " + boxes[i].text + " / " + boxes[j].text);
        }
      }
    }
  });
  var pre = document.createElement("pre");
  pre.id = "plantrack-check";
  pre.textContent = JSON.stringify({ charts: charts.length, overlaps: found });
  document.body.appendChild(pre);
});
</script>
"#;

/// Loads the page `report` in headless Chromium with `script` added at
/// the top of its head, and returns what the script reported.
fn run_with(browser: &Path, profile: &Path, report: &Path, script: &str) -> Value {
    run_sized(browser, profile, report, script, None)
}

/// [`run_with`] in a window of `size` (`WIDTH,HEIGHT` in pixels), else
/// Chromium's own.
fn run_sized(
    browser: &Path,
    profile: &Path,
    report: &Path,
    script: &str,
    size: Option<&str>,
) -> Value {
    let html = std::fs::read_to_string(report).expect("read");
    let checked = report.with_file_name("checked.html");
    let with_harness = html.replacen(
        "<meta charset=\"utf-8\">\n",
        &format!("<meta charset=\"utf-8\">\n{script}"),
        1,
    );
    std::fs::write(&checked, with_harness).expect("write");
    let mut args = vec![
        "--dump-dom".to_string(),
        "--virtual-time-budget=5000".to_string(),
    ];
    args.extend(size.map(|s| format!("--window-size={s}")));
    let dom = headless(
        browser,
        profile,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        &format!("file://{}", checked.display()),
    );
    harness_json(&dom)
}

/// The harness's JSON out of the dumped page.
fn harness_json(dom: &str) -> Value {
    let start = dom
        .find("<pre id=\"plantrack-check\">")
        .expect("the harness ran")
        + 26;
    let end = start + dom[start..].find("</pre>").expect("end");
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    serde_json::from_str(&json).expect("the harness's JSON")
}

#[test]
fn no_chart_label_overlaps_another_mid_period_or_at_the_end() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test"
        );
        eprintln!("skipped: no chromium on PATH");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-labels");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let profile = tempfile::TempDir::new().expect("profile");
    for (actuals, lang) in [
        ("examples/actuals", "zh"),
        ("examples/final", "zh"),
        ("examples/final", "en"),
    ] {
        let page = dir.join(format!("{}-{lang}.html", actuals.replace('/', "-")));
        plantrack()
            .args(["report", "--actuals", actuals, "--lang", lang, "--output"])
            .arg(&page)
            .assert()
            .success();
        let check = run_with(&browser, profile.path(), &page, OVERLAPS);
        assert!(check["charts"].as_u64().unwrap_or(0) > 50, "{check}");
        assert_eq!(
            check["overlaps"],
            serde_json::json!([]),
            "{actuals} in {lang}: labels overlap"
        );
    }
}

#[test]
fn the_page_prints_a_committee_table_on_a4_landscape_with_whole_names() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test"
        );
        eprintln!("skipped: no chromium on PATH");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-print");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let profile = tempfile::TempDir::new().expect("profile");
    let page = dir.join("final.html");
    plantrack()
        .args(["report", "--actuals", "examples/final", "--output"])
        .arg(&page)
        .assert()
        .success();
    let pdf = dir.join("final.pdf");
    let _ = std::fs::remove_file(&pdf);
    headless(
        &browser,
        profile.path(),
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
        &format!("file://{}", page.display()),
    );
    let text = common::pdf_text(&pdf, &["-layout"]);
    let info = common::pdf_info(&pdf);
    let size: Vec<f64> = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        matches!(size[..], [w, h] if (w - 842.0).abs() < 1.0 && (h - 595.0).abs() < 1.0),
        "A4 landscape: {info}"
    );
    // The committee table's header and whole names, each on one line.
    assert!(text.contains("2025年目标"), "{text}");
    assert!(text.contains("完成情况"));
    for name in [
        "地区生产总值年均增长",
        "第三产业占GDP比重",
        "传统汽车产业规模",
    ] {
        assert!(
            text.lines().any(|l| l.contains(name)),
            "{name} is broken across lines"
        );
    }
    // The narrative opens the page.
    let first = common::pdf_text(&pdf, &["-f", "1", "-l", "1"]);
    assert!(first.contains("规划期（2021—2025年）已结束"), "{first}");
    // Four charts a page: far fewer pages than charts, and none empty.
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    let total = text.split('\u{c}').count();
    assert!(pages >= total - 1, "no empty page: {pages} of {total}");
    assert!(total < 40, "{total} pages");
}

/// What the phone cards label each figure with, read from the page at
/// 400 pixels wide.
const CARD_LABELS: &str = r#"<script>
window.addEventListener("load", function () {
  var cells = document.querySelectorAll("table.committee td:not(.name):not(:empty)");
  var labels = [];
  for (var i = 0; i < cells.length && labels.length < 3; i++) {
    var content = getComputedStyle(cells[i], "::before").content;
    if (content && content !== "none") labels.push(content);
  }
  var pre = document.createElement("pre");
  pre.id = "plantrack-check";
  pre.textContent = JSON.stringify({ labels: labels, width: window.innerWidth });
  document.body.appendChild(pre);
});
</script>
"#;

#[test]
fn phone_cards_label_figures_in_the_page_language() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test"
        );
        eprintln!("skipped: no chromium on PATH");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-cards");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let profile = tempfile::TempDir::new().expect("profile");
    for (lang, colon) in [("zh", "："), ("en", ": ")] {
        let page = dir.join(format!("{lang}.html"));
        plantrack()
            .args([
                "report",
                "--actuals",
                "examples/actuals",
                "--lang",
                lang,
                "--output",
            ])
            .arg(&page)
            .assert()
            .success();
        let check = run_sized(
            &browser,
            profile.path(),
            &page,
            CARD_LABELS,
            Some("400,1400"),
        );
        let labels = check["labels"].as_array().expect("labels");
        assert!(!labels.is_empty(), "{lang}: {check}");
        for label in labels {
            let label = label.as_str().unwrap_or_default();
            assert!(label.ends_with(&format!("{colon}\"")), "{lang}: {label}");
        }
    }
}

#[test]
fn the_note_on_charts_left_out_prints_across_the_page() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test"
        );
        eprintln!("skipped: no chromium on PATH");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-left-out");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let profile = tempfile::TempDir::new().expect("profile");
    let count = plantrack::render::html::MAX_CHARTS + 50;
    let plan = common::write_file(&dir, "many.toml", common::levels(count));
    let page = dir.join("many.html");
    plantrack()
        .args(["report", "--plan", &plan, "--lang", "en", "--output"])
        .arg(&page)
        .assert()
        .success();
    let pdf = dir.join("many.pdf");
    let _ = std::fs::remove_file(&pdf);
    headless(
        &browser,
        profile.path(),
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
        &format!("file://{}", page.display()),
    );
    // Across both columns of charts, not squeezed into the first: its
    // first printed line reaches from "draws 200 charts" to "50 more".
    let text = common::pdf_text(&pdf, &["-layout"]);
    assert!(
        text.lines()
            .any(|l| l.contains("draws 200 charts") && l.contains("50 more indicators")),
        "{text}"
    );
}
