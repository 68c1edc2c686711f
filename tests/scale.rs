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
    // Each change here was intended and checked. Issue 13 added JSON's
    // `format_version`; issue 12 the `reason_code` and `binding` columns of
    // CSV/TSV and JSON (the CSV without its two last columns hashes as
    // before), the compact table, paces in units a year for shares, ranks
    // and linear targets (table and Markdown), and ASCII rules.
    (
        "csv",
        "e950accac471babff504a951f3e21b55a9229c3ec8eb9d74cb36bb9834c2680c",
    ),
    (
        "tsv",
        "30e7934cbaa8bd1639504076fb21068266cc355c807d1ba8e27e19e8fe3c721e",
    ),
    (
        "json",
        "8f3f0338c006bc2d94add80d2b6fdbcd44b749b00f8efdd3f7bf42c8801ad03b",
    ),
    (
        "markdown",
        "31e0e28d1127c5dd1cd1f5175cd477818af3b7e5b775f3417861abea808637c5",
    ),
    (
        "table",
        "295ea409d634de12233b616866325cab85953cabdf92f35745e33e55ed882739",
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
