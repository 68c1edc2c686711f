//! Generates a synthetic plan and actuals for measuring plantrack at scale:
//!
//!     cargo run --release --example synth -- 100000 target/synth-100000
//!
//! writes `plan.toml` and `actuals.csv` into the folder, and
//! `plan-with-mistakes.toml`, the same plan with a mistake in every tenth
//! indicator (see `benches/common/synth.rs` for what they hold).

#[path = "../benches/common/synth.rs"]
mod synth;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = args.next().unwrap_or_else(|| format!("target/synth-{n}"));
    let dir = std::path::Path::new(&dir);
    let (plan, actuals) = synth::files(n, dir)?;
    let mistakes = synth::mistakes_file(dir)?;
    println!(
        "{}\n{}\n{}",
        plan.display(),
        actuals.display(),
        mistakes.display()
    );
    Ok(())
}
