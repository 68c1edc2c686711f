//! Generates a synthetic plan and actuals for measuring plantrack at scale.
//!
//!     cargo run --release --example synth -- 100000 target/synth-100k
//!
//! writes `plan.toml` (N indicators, 2020–2025: every fifth `cumulative`,
//! the rest `level` with a baseline between 50 and 500 and a target between
//! 100 and 1000, named `指标123`) and `actuals.csv` (one long CSV with
//! 2021–2023 for every indicator) into the folder. The figures are
//! pseudo-random but the same for the same N: illustrative, not data.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

/// A small deterministic generator (SplitMix64), so runs are repeatable.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| format!("target/synth-{n}")));
    std::fs::create_dir_all(&dir)?;
    let mut rng = Numbers(n as u64);

    let mut plan = String::with_capacity(n * 120);
    plan.push_str("[plan]\nid = \"synth\"\nname = \"合成规划（示意）\"\nbase_year = 2020\ntarget_year = 2025\n\n");
    let mut actuals = String::with_capacity(n * 3 * 24);
    actuals.push_str("indicator,year,value\n");
    for i in 0..n {
        let target = rng.between(100, 1000);
        if i % 5 == 0 {
            let _ = write!(
                plan,
                "[[indicator]]\nid = \"x{i}\"\nname = \"指标{i}\"\nunit = \"家\"\nkind = \"cumulative\"\ntarget = {target}\n\n"
            );
            for year in 2021..=2023 {
                let flow = rng.between(0, target / 4);
                let _ = writeln!(actuals, "x{i},{year},{flow}");
            }
        } else {
            let baseline = rng.between(50, 500);
            let _ = write!(
                plan,
                "[[indicator]]\nid = \"x{i}\"\nname = \"指标{i}\"\nunit = \"亿元\"\nkind = \"level\"\ntarget = {target}\nbaseline = {baseline}\n\n"
            );
            for year in 2021..=2023 {
                let value = rng.between(40, 1100);
                let _ = writeln!(actuals, "x{i},{year},{value}");
            }
        }
    }
    std::fs::File::create(dir.join("plan.toml"))?.write_all(plan.as_bytes())?;
    std::fs::File::create(dir.join("actuals.csv"))?.write_all(actuals.as_bytes())?;
    println!("{}", dir.display());
    Ok(())
}
