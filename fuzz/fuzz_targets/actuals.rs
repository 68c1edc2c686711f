#![no_main]

use std::sync::OnceLock;

use plantrack::plan::Plan;

#[path = "../invariants.rs"]
mod invariants;

static PLAN: OnceLock<Plan> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let plan = PLAN.get_or_init(|| Plan::embedded().expect("embedded plan"));
    invariants::actuals(plan, data);
});
