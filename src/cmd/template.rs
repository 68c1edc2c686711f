//! `plantrack template`: a CSV for entering actuals.
//!
//! One row per indicator (and year, in the long layout) with its id, name,
//! unit and what to enter, and empty value cells. The reader ignores the
//! name, unit and enter columns, so a filled-in template is read as is.

use std::io::Write;

use super::Outcome;
use crate::cli::{Layout, TemplateArgs};
use crate::config::{load_plan, with_stdout};
use crate::plan::{ActualsMode, Indicator, Kind, Plan};

/// Writes the template to standard output.
pub fn run(args: &TemplateArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.plan)?;
    let years = args
        .years
        .unwrap_or((plan.meta.base_year + 1, plan.meta.target_year));
    with_stdout(|out| write_template(out, &plan, years, args.layout))?;
    Ok(Outcome::Done)
}

/// What to enter for an indicator, in words.
pub fn what_to_enter(ind: &Indicator) -> String {
    let unit = if ind.unit.is_empty() {
        String::new()
    } else {
        format!(" in {}", ind.unit)
    };
    match (ind.kind, ind.actuals) {
        (Kind::Milestone, _) => "yes/no: achieved by that year".to_string(),
        (_, ActualsMode::Rate) => "annual % change on the year before".to_string(),
        (_, ActualsMode::Flow) => format!("that year's amount{unit}"),
        (_, ActualsMode::Total) => format!("running total since {}{unit}", ind.baseline_year),
        (_, ActualsMode::Level) => format!("level at year end{unit}"),
    }
}

/// Writes a data-entry CSV for `plan` covering `years` (inclusive).
pub fn write_template(
    out: &mut dyn Write,
    plan: &Plan,
    (first, last): (i32, i32),
    layout: Layout,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let head = ["indicator", "name", "unit", "enter"];
    match layout {
        Layout::Long => {
            w.write_record(head.iter().chain(&["year", "value"]))?;
            for ind in &plan.indicators {
                for year in first..=last {
                    let enter = what_to_enter(ind);
                    let year = year.to_string();
                    w.write_record([&ind.id, &ind.name, &ind.unit, &enter, &year, ""])?;
                }
            }
        }
        Layout::Wide => {
            let years: Vec<String> = (first..=last).map(|y| y.to_string()).collect();
            w.write_record(head.iter().copied().chain(years.iter().map(String::as_str)))?;
            for ind in &plan.indicators {
                let enter = what_to_enter(ind);
                let mut record = vec![ind.id.as_str(), &ind.name, &ind.unit, &enter];
                record.extend(years.iter().map(|_| ""));
                w.write_record(record)?;
            }
        }
    }
    w.flush()
}
