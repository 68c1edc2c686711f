#![no_main]

#[path = "../invariants.rs"]
mod invariants;

// Workbooks reach calamine, which reads untrusted zip archives and XML.
// plantrack catches a panic inside calamine and reports the file as
// damaged; libfuzzer-sys's panic hook would abort first, so the default
// hook is put back for this target (a panic anywhere else still aborts).
//
// The binary reads `.xlsx` here, in its own process, once the archive is
// within its limits (`workbook/bounds.rs`); those are fuzzed, with
// `-rss_limit_mb` and `-timeout` so that a bomb counts as a failure.
// `.xls` and `.ods` it reads in a child process limited in memory and CPU
// time (`workbook/child.rs`), because calamine sizes their sheets by what
// the file claims: those are left out here, and their containment is
// tested in `tests/hostile.rs`.
libfuzzer_sys::fuzz_target!(
    init: {
        let _ = std::panic::take_hook();
    },
    |data: &[u8]| {
        if plantrack::workbook::read_in_child(data) {
            return;
        }
        invariants::actuals(invariants::embedded_plan(), data);
    }
);
