//! The data-entry template: a CSV with one row per indicator (and year, in
//! the long layout) giving its id, name, unit and what to enter, and empty
//! value cells. The actuals reader ignores the name, unit and enter columns,
//! so a filled-in template is read as is.

use std::io::Write;

use crate::plan::{ActualsMode, Indicator, Kind, Plan};

/// Layouts of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// One row per indicator and year.
    Long,
    /// One row per indicator, one column per year.
    Wide,
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
    template_records(out, plan, (first, last), layout).map_err(super::csv::into_io)
}

fn template_records(
    out: &mut dyn Write,
    plan: &Plan,
    (first, last): (i32, i32),
    layout: Layout,
) -> csv::Result<()> {
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
    Ok(w.flush()?)
}
