//! What must hold for any input, checked by the fuzz targets in
//! `fuzz_targets/` and, on the committed corpus, by `tests/fuzz_corpus.rs`.
//! Each function panics (the fuzzer's signal) when an invariant breaks.

#![allow(dead_code)] // each user calls its own subset

use plantrack::actuals::{
    Actuals, Cell, Observation, ReadOptions, parse_number, read_bytes, read_bytes_with,
};
use plantrack::assess::{Report, Row, assess};
use plantrack::diag::is_unsafe_control;
use plantrack::plan::Plan;
use plantrack::render::labels::Lang;
use plantrack::render::{Look, csv, json, markdown, table};

/// The embedded plan, parsed once per process.
pub fn embedded_plan() -> &'static Plan {
    static PLAN: std::sync::OnceLock<Plan> = std::sync::OnceLock::new();
    PLAN.get_or_init(|| Plan::embedded().expect("embedded plan"))
}

/// Text people read must carry no control character but line breaks.
fn assert_inert(text: &str, what: &str) {
    let bad = text.chars().find(|&c| c != '\n' && is_unsafe_control(c));
    assert!(
        bad.is_none(),
        "{what} holds a raw control character {bad:?}: {text:?}"
    );
}

/// The plan loader: a valid plan has unique ids and names, and an error
/// lists at least one problem, printable as it is.
pub fn plan(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let read = Plan::from_toml("fuzz.toml", text);
    // The fast reader of plain tables agrees with the `toml` crate: the
    // same plan, or the same problems at the same places.
    let full = Plan::from_toml_full("fuzz.toml", text);
    match (&read, &full) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the fast and the full reader differ"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "different problems"),
        _ => panic!("one reader accepts what the other refuses: {read:?} / {full:?}"),
    }
    match read {
        Ok(plan) => {
            let mut ids: Vec<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), plan.indicators.len(), "ids are unique");
            for ind in &plan.indicators {
                assert_eq!(plan.indicator(&ind.id).map(|i| &i.id), Some(&ind.id));
                assert!(ind.target_year > ind.baseline_year);
                assert!(ind.target.is_none_or(f64::is_finite));
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.contains("fuzz.toml:") || message.contains("problem"));
            assert_inert(&message, "a plan error");
        }
    }
}

/// One number cell: what is accepted is finite and prints back to itself.
pub fn number(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(Cell::Value(Observation::Number(n))) = parse_number(text) {
        assert!(n.is_finite(), "{text:?} read as {n}");
        assert_eq!(
            parse_number(&n.to_string()),
            Ok(Cell::Value(Observation::Number(n))),
            "{text:?} read as {n}, which does not read back"
        );
    }
}

/// The actuals reader on one file: every value read is finite, and errors
/// and remarks are printable as they are.
pub fn actuals(plan: &Plan, bytes: &[u8]) -> Option<Actuals> {
    let read = read_bytes(plan, "fuzz.csv", bytes);
    // Read with the data rows cut in parts on every core, the same.
    let way = |parts_from| ReadOptions {
        parts_from: Some(parts_from),
        ..ReadOptions::default()
    };
    let in_parts = read_bytes_with(plan, "fuzz.csv", bytes, &way(0));
    let in_one = read_bytes_with(plan, "fuzz.csv", bytes, &way(usize::MAX));
    assert_eq!(
        said(&in_parts),
        said(&in_one),
        "read in parts and in one pass"
    );
    assert_eq!(said(&read), said(&in_one), "read as plantrack reads it");
    match read {
        Ok((actuals, remarks)) => {
            for (_, years) in actuals.iter() {
                for dated in years {
                    assert!(dated.entry.value().number().is_none_or(f64::is_finite));
                }
            }
            for remark in remarks {
                assert_inert(&remark.to_string(), "a remark");
            }
            Some(actuals)
        }
        Err(e) => {
            assert_inert(&e.to_string(), "an actuals error");
            None
        }
    }
}

/// What reading actuals gave, as a comparable text: the actuals and the
/// remarks, or the error.
fn said(read: &plantrack::Result<(Actuals, Vec<plantrack::diag::Remark>)>) -> String {
    match read {
        Ok((actuals, remarks)) => {
            let remarks: Vec<String> = remarks.iter().map(ToString::to_string).collect();
            format!("{actuals:?}\n{remarks:?}")
        }
        Err(e) => e.to_string(),
    }
}

/// Every figure of a row is finite or null.
fn assert_finite(row: &Row) {
    let figures = [
        row.baseline,
        row.target,
        row.current,
        row.gap,
        row.progress,
        row.time_elapsed,
        row.required_cagr,
        row.actual_cagr,
        row.needed_cagr,
        row.required_annual,
        row.actual_annual,
        row.needed_annual,
        row.ratio_linear,
        row.ratio_cagr,
        row.projected,
    ];
    for figure in figures.into_iter().flatten() {
        assert!(figure.is_finite(), "{}: {figure}", row.id);
    }
}

/// Renders `report` in every format and checks each.
fn render_all(report: &Report) {
    for row in &report.indicators {
        assert_finite(row);
    }
    let mut out = Vec::new();
    json::write_report(&mut out, report).expect("json renders");
    let value: serde_json::Value = serde_json::from_slice(&out).expect("json parses");
    assert_eq!(
        value["indicators"].as_array().map(Vec::len),
        Some(report.indicators.len())
    );
    for delimiter in [b',', b'\t'] {
        out.clear();
        csv::write_report(&mut out, report, delimiter).expect("csv renders");
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(out.as_slice());
        for record in reader.records() {
            for cell in record.expect("csv parses").iter() {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !formula || cell.parse::<f64>().is_ok(),
                    "unguarded cell {cell:?}"
                );
            }
        }
    }
    for lang in [Lang::Zh, Lang::En] {
        out.clear();
        table::write_report(&mut out, report, Look::plain(lang)).expect("table renders");
        assert_inert(&String::from_utf8_lossy(&out), "the table");
        out.clear();
        markdown::write_report(&mut out, report, lang).expect("markdown renders");
        assert_inert(&String::from_utf8_lossy(&out), "the Markdown");
    }
}

/// The whole pipeline: a plan (the bytes before the first NUL, or
/// `fallback` if they are not one) and actuals (the bytes after it),
/// assessed as of the latest year of the actuals and as of the plan's
/// target year, and rendered in every format.
pub fn pipeline(fallback: &Plan, bytes: &[u8]) {
    let (plan_bytes, actual_bytes) = match bytes.iter().position(|&b| b == 0) {
        Some(i) => (
            bytes.get(..i).unwrap_or_default(),
            bytes.get(i + 1..).unwrap_or_default(),
        ),
        None => (&[][..], bytes),
    };
    let parsed = std::str::from_utf8(plan_bytes)
        .ok()
        .and_then(|t| Plan::from_toml("fuzz.toml", t).ok());
    let plan = parsed.as_ref().unwrap_or(fallback);
    let Some(actuals) = actuals(plan, actual_bytes) else {
        return;
    };
    let latest = plantrack::assess::as_of_year(plan, &actuals, None);
    for year in [latest, *plan.period().end()] {
        render_all(&assess(plan, &actuals, year));
    }
}

/// An indicator table, as `plantrack import` reads it from a CSV: never a
/// panic; a table found is written as a plan that the plan reader accepts
/// (what import would write is always valid), and an error quotes nothing
/// raw.
pub fn import(bytes: &[u8]) {
    let Ok(sheets) = plantrack::import::read_rows("fuzz.csv", bytes.to_vec()) else {
        return;
    };
    for rows in &sheets {
        match plantrack::import::table("fuzz.csv", rows) {
            Ok(table) => {
                let written = plantrack::import::write::plan(&table, "fuzz.csv", "fuzz");
                // Only a plan-level rule import does not know may refuse
                // what it wrote: never a syntax error in it.
                if table.years.1 > table.years.0
                    && written.indicators > 0
                    && let Err(e) = Plan::from_toml("fuzz.toml", &written.toml)
                {
                    let message = e.to_string();
                    assert!(
                        !message.contains("TOML syntax error"),
                        "{message}\n{}",
                        written.toml
                    );
                }
            }
            Err(e) => assert_inert(&e.to_string(), "an import error"),
        }
    }
}

/// A saved JSON report read back: what is read is shown inert in the diff
/// table and Markdown (no raw control character, no line that starts a
/// row of its own); a refusal is printable as it is.
pub fn saved(bytes: &[u8]) {
    use plantrack::assess::compare::Diff;
    match plantrack::saved::parse_saved("fuzz.json", bytes) {
        Ok(saved) => {
            let diff = Diff::new(
                saved.plan.clone(),
                (saved.as_of, &saved.points),
                (saved.as_of, &saved.points),
            );
            assert_eq!(diff.changes.len(), saved.points.len());
            for lang in [Lang::Zh, Lang::En] {
                let mut out = Vec::new();
                table::write_diff(&mut out, &diff, Look::plain(lang)).expect("table");
                let text = String::from_utf8(out).expect("utf-8");
                assert_inert(&text, "the diff table");
                let mut out = Vec::new();
                markdown::write_diff(&mut out, &diff, lang).expect("markdown");
                let text = String::from_utf8(out).expect("utf-8");
                assert_inert(&text, "the diff in Markdown");
                let rows = text.lines().filter(|l| l.starts_with('|')).count();
                // A header, its rule and one row per change, or no table.
                assert!(rows == 0 || rows == diff.changes.len() + 2, "{text}");
            }
        }
        Err(e) => assert_inert(&e.to_string(), "a saved-report error"),
    }
}

/// A portfolio file: never a panic; one accepted has unique members, each
/// parent a member, and an order with every parent before its members.
pub fn portfolio(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(portfolio) =
        plantrack::portfolio::file::parse("fuzz.toml", text, std::path::Path::new("."))
    else {
        return;
    };
    let members = &portfolio.members;
    let ids: std::collections::HashSet<&str> = members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids.len(), members.len(), "member ids are unique");
    assert!((0.0..1.0).contains(&portfolio.tolerance));
    let order = plantrack::portfolio::file::parents_first(members);
    let mut seen = std::collections::HashSet::new();
    for i in order {
        let member = &members[i];
        if let Some(parent) = &member.parent {
            assert!(ids.contains(parent.as_str()), "a parent is a member");
            assert!(
                seen.contains(parent.as_str()),
                "a parent comes before its members"
            );
        }
        seen.insert(member.id.as_str());
    }
    assert_eq!(seen.len(), members.len());
}
