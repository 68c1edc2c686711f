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
    // before), and the `nature` column of issue 14 (likewise), the compact
    // table, paces in units a year for shares, ranks
    // and linear targets (table and Markdown), and ASCII rules.
    (
        "csv",
        "9302e7c11f1dfed36c515978f45b647e89d7b57eb35ea091547ee655f73b8fad",
    ),
    (
        "tsv",
        "101cd76a4edede115e567d310abc5256d7b660ecf5a72909101b2cf74cc55124",
    ),
    (
        "json",
        "6aaabd1211c95d2163d0cbabefb37beb92432a6c44656c5bb8c9229cf5ba8b25",
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
