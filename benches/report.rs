//! Benchmarks of the work behind `plantrack report`: loading the embedded
//! plan (paid at every start), assessing, and rendering each format.
//!
//! Run with `cargo bench`. The large case is a 3000-indicator plan with five
//! years of actuals each, far beyond any real plan.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use plantrack::actuals::{Actuals, Collector, Entry, Observation, Origin};
use plantrack::assess::{Report, assess};
use plantrack::plan::Plan;
use plantrack::render::labels::Lang;
use plantrack::render::{Look, csv, json, markdown, table};

fn large_plan(indicators: usize) -> Plan {
    let mut text = String::from(
        "[plan]\nid = \"big\"\nname = \"大计划\"\nbase_year = 2020\ntarget_year = 2025\n\n",
    );
    for i in 0..indicators {
        text.push_str(&format!(
            "[[indicator]]\nid = \"x{i}\"\nname = \"指标{i}\"\nkind = \"level\"\ntarget = {}\nbaseline = 100\n",
            200 + i
        ));
    }
    match Plan::from_toml("big.toml", &text) {
        Ok(plan) => plan,
        Err(e) => panic!("benchmark plan invalid: {e}"),
    }
}

fn actuals_for(plan: &Plan) -> Actuals {
    let mut actuals = Collector::new(plan.indicators.len(), plan.meta.base_year);
    for i in 0..plan.indicators.len() {
        for (k, year) in (2021..=2025).enumerate() {
            let entry = Entry::new(
                Observation::Number(100.0 + (i % 97) as f64 * k as f64),
                Origin {
                    table: 0,
                    line: (i * 5 + k + 2) as u32,
                    column: 0,
                },
                None,
            );
            let _ = actuals.insert(i, year, entry);
        }
    }
    actuals.finish()
}

fn render(report: &Report, write: impl Fn(&mut Vec<u8>, &Report) -> std::io::Result<()>) -> usize {
    let mut out = Vec::with_capacity(1 << 20);
    if let Err(e) = write(&mut out, report) {
        panic!("render failed: {e}");
    }
    out.len()
}

fn benches(c: &mut Criterion) {
    c.bench_function("load the embedded plan", |b| {
        b.iter(|| Plan::embedded().map(|p| p.indicators.len()).ok())
    });

    let plan = large_plan(3000);
    let actuals = actuals_for(&plan);
    c.bench_function("assess 3000 indicators x 5 years", |b| {
        b.iter(|| assess(black_box(&plan), black_box(&actuals), 2025))
    });

    let report = assess(&plan, &actuals, 2025);
    let look = Look::plain(Lang::Zh);
    let mut group = c.benchmark_group("render 3000 rows");
    group.bench_function("table", |b| {
        b.iter(|| render(&report, |out, r| table::write_report(out, r, look)))
    });
    group.bench_function("csv", |b| {
        b.iter(|| render(&report, |out, r| csv::write_report(out, r, b',')))
    });
    group.bench_function("markdown", |b| {
        b.iter(|| render(&report, |out, r| markdown::write_report(out, r, Lang::Zh)))
    });
    group.bench_function("json", |b| {
        b.iter(|| render(&report, |out, r| json::write_report(out, r)))
    });
    group.finish();
}

criterion_group!(report, benches);
criterion_main!(report);
