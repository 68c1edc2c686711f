//! Output at scale does not change: a generated plan of 10,000 indicators
//! gives the same bytes in every format as before the reader, the engine's
//! driver and the renderers were made to stream (issue 16). The checksums
//! were taken from the binary before that change (commit 8dec009) and
//! compared with the binary after it; both gave these.

mod common;
#[path = "../benches/common/synth.rs"]
mod synth;

use sha2::{Digest, Sha256};
use tempfile::TempDir;

const CHECKSUMS: [(&str, &str); 5] = [
    // CSV and TSV changed only by the `reason_code` column of issue 12
    // (checked: the output without its last column has the old checksum).
    (
        "csv",
        "e65461f321497f0fa8cee6cfd25a20a8cdccd8a153d1927afae2e1843f558925",
    ),
    (
        "tsv",
        "e17cc7c6335f91053af9d0a860d3d157c271dbbb41845eb66c54926eb0fa9d4d",
    ),
    // Changed by the `format_version` line (issue 13) and the `reason_code`
    // field (issue 12) only.
    (
        "json",
        "06c125543215917915ef6d355261c2f6675af3434c662b570f62edd1756f1e4c",
    ),
    (
        "markdown",
        "8161df0389642ce49e87e43d57f9bfe05af69b1aa03096bea8b6274cdc0e7607",
    ),
    (
        "table",
        "6cbac6f2920b3657df745a665a8a9ff224646e6027b4fc4693d004fd5f2ffc3a",
    ),
];

#[test]
fn a_10k_plan_gives_the_same_bytes_in_every_format() {
    let dir = TempDir::new().expect("tempdir");
    let (plan, actuals) = synth::files(10_000, dir.path()).expect("generate");
    for (format, expected) in CHECKSUMS {
        let out = common::plantrack()
            .arg("report")
            .arg("--plan")
            .arg(&plan)
            .arg("--actuals")
            .arg(&actuals)
            .args(["--format", format])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{format}");
        let digest = Sha256::digest(&out.stdout);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, expected, "{format} output changed");
    }
}
