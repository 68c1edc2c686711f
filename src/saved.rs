//! Saved JSON reports (`report --format json`), read back to be compared
//! (`plantrack diff`, `report --since`).

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

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

#[derive(Deserialize)]
struct Layout {
    plan: String,
    as_of: i32,
    indicators: Vec<Point>,
}

/// Reads the saved report at `path`. Anything that is not a plantrack JSON
/// report of [`FORMAT_VERSION`] is refused, saying what it is.
pub fn read_saved(path: &Path) -> Result<Saved> {
    let bytes = read_source(&Source {
        name: Arc::from(path.display().to_string()),
        path: Some(path.to_path_buf()),
    })?;
    parse_saved(&shown(path), &bytes)
}

/// [`read_saved`] on bytes, `name` naming them in messages.
pub fn parse_saved(name: &str, bytes: &[u8]) -> Result<Saved> {
    let refuse = |why: Text| Error::Usage(why.at(crate::diag::escape_controls(name)));
    // A report saved through a Windows editor may start with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        refuse(crate::tr!(
            "不是 plantrack 的JSON报告：不是JSON（{e}）；请用 `plantrack report --format json` 生成",
            "not a plantrack JSON report: not JSON ({e}); write one with `plantrack report --format json`"
        ))
    })?;
    let is_report = ["plan", "as_of", "indicators"]
        .iter()
        .all(|key| value.get(key).is_some());
    if !is_report {
        return Err(refuse(crate::tr!(
            "不是 plantrack 的JSON报告（没有 `plan`、`as_of` 和 `indicators`）；请用 `plantrack report --format json` 生成",
            "not a plantrack JSON report (no plan, as_of and indicators); write one with `plantrack report --format json`"
        )));
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(FORMAT_VERSION) => {}
        Some(other) => {
            return Err(refuse(crate::tr!(
                "这是 format_version {other} 的报告；本版 plantrack 读取 format_version {FORMAT_VERSION}：请用本版 plantrack 重新生成报告",
                "a plantrack report of format_version {other}; this plantrack reads format_version {FORMAT_VERSION}: write the report again with this plantrack"
            )));
        }
        None => {
            return Err(refuse(crate::tr!(
                "报告没有 format_version（来自旧版 plantrack）；本版读取 format_version {FORMAT_VERSION}：请用 `plantrack report --format json` 重新生成",
                "a plantrack report without format_version (from an older plantrack); this plantrack reads format_version {FORMAT_VERSION}: write the report again with `plantrack report --format json`"
            )));
        }
    }
    let layout: Layout = serde_json::from_value(value).map_err(|e| {
        let e = crate::diag::escape_controls(&e.to_string()).into_owned();
        refuse(crate::tr!(
            "不是 plantrack 的JSON报告：{e}",
            "not a plantrack JSON report: {e}"
        ))
    })?;
    Ok(Saved {
        plan: layout.plan,
        as_of: layout.as_of,
        points: layout.indicators,
    })
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
