//! Replays the fuzz corpus (`fuzz/corpus/TARGET/`) and every input the
//! fuzzer ever failed on (`fuzz/regressions/TARGET/`) through the same
//! invariants the fuzz targets check, so a plain `cargo test` guards what
//! fuzzing found. Run the fuzzers themselves with `cargo +nightly fuzz run
//! TARGET` (see the README).

#[path = "../fuzz/invariants.rs"]
mod invariants;

use std::path::Path;

/// The inputs stored for `target`, in name order.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut found = Vec::new();
    for kind in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let bytes = std::fs::read(entry.path()).expect("read input");
            found.push((entry.path().display().to_string(), bytes));
        }
    }
    found.sort();
    found
}

fn replay(target: &str, check: impl Fn(&[u8])) {
    let all = inputs(target);
    assert!(!all.is_empty(), "no stored inputs for {target}");
    for (name, bytes) in all {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
        assert!(outcome.is_ok(), "{target}: {name} breaks an invariant");
    }
}

#[test]
fn the_plan_corpus_holds() {
    replay("plan", invariants::plan);
}

#[test]
fn the_number_corpus_holds() {
    replay("number", invariants::number);
}

#[test]
fn the_actuals_corpus_holds() {
    replay("actuals", |bytes| {
        invariants::actuals(invariants::embedded_plan(), bytes);
    });
}

#[test]
fn the_pipeline_corpus_holds() {
    replay("pipeline", |bytes| {
        invariants::pipeline(invariants::embedded_plan(), bytes)
    });
}

#[test]
fn the_workbook_corpus_holds() {
    replay("workbook", |bytes| {
        if !plantrack::workbook::read_in_child(bytes) {
            invariants::actuals(invariants::embedded_plan(), bytes);
        }
    });
}

#[test]
fn the_import_corpus_holds() {
    replay("import", invariants::import);
}

#[test]
fn the_saved_report_corpus_holds() {
    replay("saved", invariants::saved);
}

#[test]
fn the_portfolio_corpus_holds() {
    replay("portfolio", invariants::portfolio);
}
