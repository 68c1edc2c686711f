#![no_main]

#[path = "../invariants.rs"]
mod invariants;

// Workbooks reach calamine, which reads untrusted zip archives and XML.
// plantrack catches a panic inside calamine and reports the file as
// damaged; libfuzzer-sys's panic hook would abort first, so the default
// hook is put back for this target (a panic anywhere else still aborts).
//
// `.xls` files (OLE compound files) are left out: calamine sizes each of
// their sheets by its outermost cells when it opens them, so a damaged
// file can ask for more memory than there is (a known limit, noted in the
// README); `.xlsx` is read cell by cell and `.ods` is fuzzed here.
libfuzzer_sys::fuzz_target!(
    init: {
        let _ = std::panic::take_hook();
    },
    |data: &[u8]| {
        if data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return;
        }
        invariants::actuals(invariants::embedded_plan(), data);
    }
);
