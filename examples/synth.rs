//! Generates a synthetic plan and actuals for measuring plantrack at scale:
//!
//!     cargo run --release --example synth -- 100000 target/synth-100000
//!
//! writes `plan.toml` and `actuals.csv` into the folder, and
//! `plan-with-mistakes.toml`, the same plan with a mistake in every tenth
//! indicator (see `benches/common/synth.rs` for what they hold). And a
//! portfolio of MEMBERS plans of N indicators each:
//!
//!     cargo run --release --example synth -- portfolio 3000 100 target/synth-portfolio

#[path = "../benches/common/synth.rs"]
mod synth;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("portfolio") {
        args.next();
        let members: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3000);
        let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
        let dir = args
            .next()
            .unwrap_or_else(|| format!("target/synth-portfolio-{members}x{n}"));
        let path = synth::portfolio_files(members, n, std::path::Path::new(&dir))?;
        println!("{}", path.display());
        return Ok(());
    }
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
