//! A synthetic plan and actuals for measuring plantrack at scale, shared
//! by `examples/synth.rs`, the benchmarks and the tests: N indicators for
//! 2020–2025, every fifth `cumulative`, the rest `level` with a baseline
//! between 50 and 500 and a target between 100 and 1000, named `指标123`,
//! and one long CSV of actuals for 2021–2023 for every indicator. The
//! figures are pseudo-random but the same for the same N: illustrative,
//! not data.

#![allow(dead_code)] // each user calls its own subset

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// The plan's TOML and the actuals' CSV for `n` indicators.
pub fn texts(n: usize) -> (String, String) {
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
    (plan, actuals)
}

/// Writes `plan.toml` and `actuals.csv` for `n` indicators into `dir`
/// (unless they are there already) and returns their paths.
pub fn files(n: usize, dir: &Path) -> std::io::Result<(PathBuf, PathBuf)> {
    let (plan_path, actuals_path) = (dir.join("plan.toml"), dir.join("actuals.csv"));
    if !(plan_path.exists() && actuals_path.exists()) {
        std::fs::create_dir_all(dir)?;
        let (plan, actuals) = texts(n);
        std::fs::write(&plan_path, plan)?;
        std::fs::write(&actuals_path, actuals)?;
    }
    Ok((plan_path, actuals_path))
}

/// `plan` with a mistake in every tenth indicator, alternately a misspelt
/// kind and an unknown field: a plan of `n` indicators with `n / 10`
/// problems, for timing how a broken plan is refused.
pub fn with_mistakes(plan: &str) -> String {
    const HEADER: &str = "[[indicator]]\n";
    let mut parts = plan.split(HEADER);
    let mut out = String::with_capacity(plan.len() + plan.len() / 50);
    out.push_str(parts.next().unwrap_or_default());
    for (i, part) in parts.enumerate() {
        out.push_str(HEADER);
        match i % 20 {
            3 => out.push_str(&part.replacen("kind = \"level\"", "kind = \"levle\"", 1)),
            13 => {
                out.push_str(part.trim_end());
                out.push_str("\ncolour = \"red\"\n\n");
            }
            _ => out.push_str(part),
        }
    }
    out
}

/// Writes `plan-with-mistakes.toml` beside the `plan.toml` in `dir` (see
/// [`with_mistakes`]), unless it is there already, and returns its path.
pub fn mistakes_file(dir: &Path) -> std::io::Result<PathBuf> {
    let path = dir.join("plan-with-mistakes.toml");
    if !path.exists() {
        let plan = std::fs::read_to_string(dir.join("plan.toml"))?;
        std::fs::write(&path, with_mistakes(&plan))?;
    }
    Ok(path)
}

/// Writes a portfolio of `members` members of `n` indicators each into
/// `dir` (unless it is there already): `portfolio.toml`, and for each
/// member `mNNNN/plan.toml` and `mNNNN/actuals/actuals.csv`. Every member
/// after the first has the first as its parent, whose plan rolls up every
/// fifth level indicator by `sum`: every county of a country, one parent.
/// Returns the portfolio file's path.
pub fn portfolio_files(members: usize, n: usize, dir: &Path) -> std::io::Result<PathBuf> {
    let path = dir.join("portfolio.toml");
    if path.exists() {
        return Ok(path);
    }
    let (plan, actuals) = texts(n);
    let mut parent_plan = String::with_capacity(plan.len() + n * 4);
    for (i, table) in plan.split("[[indicator]]").enumerate() {
        if i > 0 {
            parent_plan.push_str("[[indicator]]");
        }
        if i % 5 == 2 && table.contains("kind = \"level\"") {
            parent_plan.push_str(&table.replacen(
                "kind = \"level\"",
                "kind = \"level\"\nrollup = \"sum\"",
                1,
            ));
        } else {
            parent_plan.push_str(table);
        }
    }
    let mut toml = String::from("[portfolio]\nid = \"synth\"\nname = \"synthetic portfolio\"\n");
    for m in 0..members {
        let id = format!("m{m:04}");
        let member = dir.join(&id);
        std::fs::create_dir_all(member.join("actuals"))?;
        std::fs::write(
            member.join("plan.toml"),
            if m == 0 { &parent_plan } else { &plan },
        )?;
        std::fs::write(member.join("actuals/actuals.csv"), &actuals)?;
        let _ = write!(
            toml,
            "\n[[member]]\nid = \"{id}\"\nplan = \"{id}/plan.toml\"\nactuals = [\"{id}/actuals\"]\n"
        );
        if m > 0 {
            toml.push_str("parent = \"m0000\"\n");
        }
    }
    std::fs::write(&path, toml)?;
    Ok(path)
}
