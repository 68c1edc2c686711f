//! Generates a synthetic plan and actuals for measuring plantrack at scale:
//!
//!     cargo run --release --example synth -- 100000 target/synth-100000
//!
//! writes `plan.toml` and `actuals.csv` into the folder (see
//! `benches/synth.rs` for what they hold).

#[path = "../benches/common/synth.rs"]
mod synth;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = args.next().unwrap_or_else(|| format!("target/synth-{n}"));
    let (plan, actuals) = synth::files(n, std::path::Path::new(&dir))?;
    println!("{}\n{}", plan.display(), actuals.display());
    Ok(())
}
