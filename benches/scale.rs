//! Benchmarks at scale on real files: loading a plan and reading its
//! actuals from disk at 1k, 100k and 1M indicators, then assessing and
//! rendering each format at 100k, and refusing a 100k plan with 10,000
//! mistakes. The files are generated into
//! `target/bench-synth-N/` on first use (see `common/synth.rs`), not committed.
//!
//! Run with `cargo bench --bench scale`; the 1M cases take a few minutes.

#[path = "common/synth.rs"]
mod synth;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use plantrack::actuals::{self, Actuals, ReadOptions, Source};
use plantrack::assess::{Report, as_of_year, assess};
use plantrack::plan::Plan;
use plantrack::render::html::{self, HtmlReport};
use plantrack::render::labels::Lang;
use plantrack::render::xlsx::{self, ReportBook};
use plantrack::render::{Group, Look, csv, json, markdown, table};

const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];

fn files(n: usize) -> (PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("bench-synth-{n}"));
    match synth::files(n, &dir) {
        Ok(paths) => paths,
        Err(e) => panic!("cannot write the benchmark files: {e}"),
    }
}

fn load_plan(path: &Path) -> Plan {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    match Plan::from_toml(&path.display().to_string(), &text) {
        Ok(plan) => plan,
        Err(e) => panic!("{e}"),
    }
}

fn read_actuals(plan: &Plan, path: &Path) -> Actuals {
    let source = Source {
        name: path.display().to_string().into(),
        path: Some(path.to_path_buf()),
    };
    match actuals::read(plan, &[source], &ReadOptions::default()) {
        Ok((actuals, _)) => actuals,
        Err(e) => panic!("{e}"),
    }
}

fn reading(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    group.sample_size(10);
    for n in SIZES {
        let (plan_path, actuals_path) = files(n);
        group.bench_with_input(BenchmarkId::new("plan", n), &plan_path, |b, path| {
            b.iter(|| load_plan(black_box(path)))
        });
        if n == 100_000 {
            refusing(&mut group, &plan_path);
        }
        let plan = load_plan(&plan_path);
        group.bench_with_input(BenchmarkId::new("actuals", n), &actuals_path, |b, path| {
            b.iter(|| read_actuals(black_box(&plan), black_box(path)))
        });
    }
    group.finish();
}

/// Refusing the plan at `plan_path` with a mistake in every tenth
/// indicator: every problem located, the first ones shown.
fn refusing(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    plan_path: &Path,
) {
    let dir = plan_path.parent().unwrap_or(Path::new("."));
    let path = match synth::mistakes_file(dir) {
        Ok(path) => path,
        Err(e) => panic!("cannot write the plan with mistakes: {e}"),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    group.bench_function("plan_with_mistakes/100000", |b| {
        b.iter(
            || match Plan::from_toml("plan-with-mistakes.toml", black_box(&text)) {
                Ok(_) => panic!("the plan with mistakes was accepted"),
                Err(e) => e,
            },
        )
    });
}

fn report_100k() -> (Plan, Actuals, Report) {
    let (plan_path, actuals_path) = files(100_000);
    let plan = load_plan(&plan_path);
    let actuals = read_actuals(&plan, &actuals_path);
    let report = assess(&plan, &actuals, as_of_year(&plan, &actuals, None));
    (plan, actuals, report)
}

fn assessing_and_rendering(c: &mut Criterion) {
    let (plan, actuals, report) = report_100k();
    let mut group = c.benchmark_group("100k");
    group.sample_size(10);
    group.bench_function("assess", |b| {
        b.iter(|| assess(black_box(&plan), black_box(&actuals), 2023))
    });
    let mut out = std::io::sink();
    let look = Look::plain(Lang::Zh);
    group.bench_function("csv", |b| {
        b.iter(|| csv::write_report(&mut out, &report, b','))
    });
    group.bench_function("json", |b| b.iter(|| json::write_report(&mut out, &report)));
    group.bench_function("markdown", |b| {
        b.iter(|| markdown::write_report(&mut out, &report, Lang::Zh))
    });
    group.bench_function("table", |b| {
        b.iter(|| table::write_report(&mut out, &report, look))
    });
    let rows = &report.indicators;
    let groups = [Group {
        title: None,
        rows: rows.clone(),
    }];
    let (charted, listed) = (html::charted(rows), html::listed(rows));
    // The page's years are those of its charts: none here, as the cost
    // that grows with the plan is the tables'.
    let steps = vec![Vec::new(); rows.len()];
    group.bench_function("html", |b| {
        b.iter(|| {
            let page = HtmlReport {
                plan: &plan,
                as_of: report.as_of,
                rows,
                steps: &steps,
                groups: &groups,
                lang: Lang::Zh,
                previous: None,
                charted: &charted,
                listed: &listed,
            };
            html::write_report(&mut out, &page)
        })
    });
    let held = vec![true; plan.indicators.len()];
    group.bench_function("xlsx", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let book = ReportBook {
                plan: &plan,
                actuals: &actuals,
                as_of: report.as_of,
                rows,
                lang: Lang::Zh,
                previous: None,
                held: &held,
            };
            xlsx::report(&book, &mut out).map(|()| out)
        })
    });
    group.finish();
}

/// Whole processes: `portfolio report --format csv` on 3,000 members of
/// 100 indicators each (generated into `target/bench-synth-portfolio/`)
/// beside `report --format csv` on one plan of the same 300,000 (the
/// portfolio is to take at most twice as long), and the 1M plan as CSV, as
/// the bounded page, and as the workbook it refuses. Runs the release
/// binary, so `cargo build --release` first; skipped without it.
fn portfolio(c: &mut Criterion) {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let binary = target.join("release/plantrack");
    if !binary.exists() {
        eprintln!("portfolio: skipped, {} not built", binary.display());
        return;
    }
    let portfolio = synth::portfolio_files(3_000, 100, &target.join("bench-synth-portfolio"))
        .expect("generate the portfolio");
    let (plan, actuals) = files(300_000);
    let run = |args: &[&std::ffi::OsStr]| {
        let status = std::process::Command::new(&binary)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run plantrack");
        assert!(status.success());
    };
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(10);
    group.bench_function("3000x100/csv", |b| {
        b.iter(|| {
            run(&[
                "portfolio".as_ref(),
                "report".as_ref(),
                portfolio.as_os_str(),
                "--format".as_ref(),
                "csv".as_ref(),
            ])
        })
    });
    let (plan_1m, actuals_1m) = files(1_000_000);
    for format in ["csv", "html", "xlsx"] {
        // At 1M the workbook is refused (exit 2) once the inputs are read.
        group.bench_function(format!("one-plan-1000000/{format}"), |b| {
            b.iter(|| {
                std::process::Command::new(&binary)
                    .args([
                        "report",
                        "--format",
                        format,
                        "--output",
                        "/dev/null",
                        "--plan",
                    ])
                    .arg(&plan_1m)
                    .arg("--actuals")
                    .arg(&actuals_1m)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()
                    .expect("run plantrack")
            })
        });
    }
    group.bench_function("one-plan-300000/csv", |b| {
        b.iter(|| {
            run(&[
                "report".as_ref(),
                "--plan".as_ref(),
                plan.as_os_str(),
                "--actuals".as_ref(),
                actuals.as_os_str(),
                "--format".as_ref(),
                "csv".as_ref(),
            ])
        })
    });
    group.finish();
}

criterion_group!(benches, reading, assessing_and_rendering, portfolio);
criterion_main!(benches);
