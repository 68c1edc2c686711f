//! Saved JSON reports (`report --format json`), read back to be compared
//! (`plantrack diff`, `report --since`).

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::actuals::{Source, read_source};
use crate::assess::compare::Point;
use crate::diag::shown;
use crate::error::{Error, Result};
use crate::msg::Text;

/// The version of the JSON report's layout, written as `format_version`.
/// It changes when a field a reader relies on changes.
pub const FORMAT_VERSION: u64 = 1;

/// A saved report: its plan, its as-of year and each indicator's point.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The plan's id.
    pub plan: String,
    /// The as-of year.
    pub as_of: i32,
    /// One point per indicator, in the report's order.
    pub points: Vec<Point>,
}

/// A saved report as it is read: every key optional, so that what is
/// missing can be named.
#[derive(Deserialize)]
struct Layout {
    #[serde(default)]
    format_version: Option<u64>,
    #[serde(default)]
    plan: Option<String>,
    #[serde(default)]
    as_of: Option<i32>,
    #[serde(default)]
    indicators: Option<Vec<Point>>,
}

/// What a saved report that cannot be read as one claims to be: its
/// version and which keys it has, everything else skipped unread.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format_version: Option<serde_json::Value>,
    #[serde(default)]
    plan: Option<IgnoredAny>,
    #[serde(default)]
    as_of: Option<IgnoredAny>,
    #[serde(default)]
    indicators: Option<IgnoredAny>,
}

/// Reads the saved report at `path`. Anything that is not a plantrack JSON
/// report of [`FORMAT_VERSION`] is refused, saying what it is.
///
/// The report is read straight into its points (never into a tree of JSON
/// values, which takes many times the file's size), and at most
/// [`crate::actuals::MAX_INPUT_BYTES`] of it; its text is freed once read.
pub fn read_saved(path: &Path) -> Result<Saved> {
    let bytes = read_source(&source(path))?;
    parse_saved(&shown(path), &bytes)
}

/// [`read_saved`] as the file streams by, holding a buffer rather than the
/// file's text: slower on one core, for reading beside other work (`report
/// --since` reads it while the plan and actuals load).
pub fn stream_saved(path: &Path) -> Result<Saved> {
    let source = source(path);
    let open = || -> Result<_> {
        let bytes = crate::actuals::open_source(&source)?;
        let mut reader = std::io::BufReader::with_capacity(1 << 16, bytes);
        // A report saved through a Windows editor may start with a byte-order mark.
        let bom = std::io::BufRead::fill_buf(&mut reader)
            .map(|b| b.starts_with(b"\xEF\xBB\xBF"))
            .unwrap_or(false);
        if bom {
            std::io::BufRead::consume(&mut reader, 3);
        }
        Ok(reader)
    };
    let layout = serde_json::from_reader(open()?);
    parse(&shown(path), layout, || {
        open().ok().and_then(|r| serde_json::from_reader(r).ok())
    })
}

fn source(path: &Path) -> Source {
    Source {
        name: Arc::from(path.display().to_string()),
        path: Some(path.to_path_buf()),
    }
}

/// [`read_saved`] on bytes, `name` naming them in messages.
pub fn parse_saved(name: &str, bytes: &[u8]) -> Result<Saved> {
    // A report saved through a Windows editor may start with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    parse(name, serde_json::from_slice(bytes), || {
        serde_json::from_slice(bytes).ok()
    })
}

/// The saved report `layout` read; else why not, reading `header` (a
/// second pass, only on this path) to name what it is.
fn parse(
    name: &str,
    layout: serde_json::Result<Layout>,
    header: impl FnOnce() -> Option<Header>,
) -> Result<Saved> {
    let refuse = |why: Text| Error::Usage(why.at(crate::diag::escape_controls(name)));
    let layout = match layout {
        Ok(layout) => layout,
        Err(e) if e.is_io() => return Err(refuse(Text::from(e.to_string()))),
        Err(e) if e.is_syntax() || e.is_eof() => return Err(refuse(not_json(&e))),
        Err(e) => return Err(refuse(not_a_report(header(), &e))),
    };
    let (Some(plan), Some(as_of), Some(points)) = (layout.plan, layout.as_of, layout.indicators)
    else {
        return Err(refuse(no_keys()));
    };
    if let Some(why) = wrong_version(layout.format_version) {
        return Err(refuse(why));
    }
    Ok(Saved {
        plan: crate::diag::escape_controls(&plan).into_owned(),
        as_of,
        points: points.into_iter().map(shown_point).collect(),
    })
}

/// A saved point with every text it will be shown with escaped: a name
/// holding a terminal's escape sequence or a line break, from a report
/// edited by hand, shows as `\u{1b}` and `\u{a}`, never acts, and never
/// starts a row of a table.
fn shown_point(point: Point) -> Point {
    let escape = |text: String| match crate::diag::escape_controls(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    };
    Point {
        id: escape(point.id),
        name: escape(point.name),
        name_en: point.name_en.map(escape),
        ..point
    }
}

/// Why a saved report is refused that is not JSON at all.
fn not_json(e: &serde_json::Error) -> Text {
    let e = crate::diag::escape_controls(&e.to_string()).into_owned();
    crate::tr!(
        "不是 plantrack 的JSON报告：不是JSON（{e}）；请用 `plantrack report --format json` 生成",
        "not a plantrack JSON report: not JSON ({e}); write one with `plantrack report --format json`"
    )
}

fn no_keys() -> Text {
    crate::tr!(
        "不是 plantrack 的JSON报告（没有 `plan`、`as_of` 和 `indicators`）；请用 `plantrack report --format json` 生成",
        "not a plantrack JSON report (no plan, as_of and indicators); write one with `plantrack report --format json`"
    )
}

/// Why JSON that does not read as a saved report is refused: the keys it
/// lacks, its version, or what in it is not as a report writes it.
fn not_a_report(header: Option<Header>, e: &serde_json::Error) -> Text {
    let Some(header) = header else {
        return no_keys();
    };
    if header.plan.is_none() || header.as_of.is_none() || header.indicators.is_none() {
        return no_keys();
    }
    let version = header
        .format_version
        .map(|v| v.as_u64().unwrap_or(u64::MAX));
    if let Some(why) = wrong_version(version) {
        return why;
    }
    let e = crate::diag::escape_controls(&e.to_string()).into_owned();
    crate::tr!(
        "不是 plantrack 的JSON报告：{e}",
        "not a plantrack JSON report: {e}"
    )
}

/// Why a report of `version` is not read, if it is not [`FORMAT_VERSION`].
fn wrong_version(version: Option<u64>) -> Option<Text> {
    match version {
        Some(FORMAT_VERSION) => None,
        Some(other) => Some(crate::tr!(
            "这是 format_version {other} 的报告；本版 plantrack 读取 format_version {FORMAT_VERSION}：请用本版 plantrack 重新生成报告",
            "a plantrack report of format_version {other}; this plantrack reads format_version {FORMAT_VERSION}: write the report again with this plantrack"
        )),
        None => Some(crate::tr!(
            "报告没有 format_version（来自旧版 plantrack）；本版读取 format_version {FORMAT_VERSION}：请用 `plantrack report --format json` 重新生成",
            "a plantrack report without format_version (from an older plantrack); this plantrack reads format_version {FORMAT_VERSION}: write the report again with `plantrack report --format json`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str) -> String {
        match parse_saved("r.json", text.as_bytes()) {
            Err(e) => e.to_string(),
            Ok(saved) => panic!("read {saved:?}"),
        }
    }

    #[test]
    fn only_reports_of_this_format_are_read() {
        let good = r#"{"format_version": 1, "plan": "p", "as_of": 2023, "indicators": [
            {"id": "a", "name": "甲", "status": "lagging", "current": 5, "gap": 1.5, "progress": null, "unit": "x"}]}"#;
        let saved = parse_saved("r.json", good.as_bytes()).expect("a report");
        assert_eq!((saved.plan.as_str(), saved.as_of), ("p", 2023));
        assert_eq!(saved.points[0].status, crate::assess::Status::Lagging);
        assert_eq!(saved.points[0].current, Some(5.0));
        assert_eq!(saved.points[0].progress, None);

        assert!(refusal("id,name\n").contains("r.json: not a plantrack JSON report: not JSON"));
        assert!(refusal(r#"{"rows": []}"#).contains("(no plan, as_of and indicators)"));
        assert!(
            refusal(&good.replace("\"format_version\": 1, ", ""))
                .contains("without format_version")
        );
        assert!(
            refusal(&good.replace("\"format_version\": 1", "\"format_version\": 2"))
                .contains("of format_version 2")
        );
        assert!(
            refusal(&good.replace("lagging", "sideways")).contains("unknown status `sideways`")
        );
    }
}
