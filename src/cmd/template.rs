//! `plantrack template`: a CSV, TSV or workbook for entering actuals.

use super::Outcome;
use crate::cli::{TemplateArgs, TemplateFormat};
use crate::config::{
    load_plan_for, output_format, refuse_binary_on_terminal, refuse_bom_unless, with_output,
};
use crate::plan::Plan;
use crate::render::labels::Lang;
use crate::render::template::{what_to_enter, write_template, year_columns};
use crate::render::xlsx::{self, TemplateBook};

/// Writes the template.
pub fn run(args: &TemplateArgs) -> anyhow::Result<Outcome> {
    let format = output_format(args.format, &args.output, TemplateFormat::Csv)?;
    refuse_bom_unless(&args.output, format != TemplateFormat::Xlsx)?;
    if format == TemplateFormat::Xlsx {
        refuse_binary_on_terminal(&args.output)?;
    }
    let plan = load_plan_for(&args.plan, &args.output)?;
    let years = args
        .years
        .unwrap_or((plan.meta.base_year + 1, plan.meta.target_year));
    // A template is made to be opened in Excel: a byte-order mark by default.
    let bom = args.output.bom_or(format != TemplateFormat::Xlsx);
    with_output(&args.output, bom, |out| match format {
        TemplateFormat::Csv | TemplateFormat::Tsv => {
            let delimiter = if format == TemplateFormat::Csv {
                b','
            } else {
                b'\t'
            };
            let lang = crate::msg::lang();
            write_template(out, &plan, years, args.layout, delimiter, lang)
        }
        TemplateFormat::Xlsx => {
            let lang = crate::msg::lang();
            out.write_all(&workbook(&plan, years, lang)?)
        }
    })?;
    Ok(Outcome::Done)
}

/// The template as a workbook: always the wide layout.
fn workbook(plan: &Plan, years: (i32, i32), lang: Lang) -> std::io::Result<Vec<u8>> {
    let book = TemplateBook {
        plan,
        years: year_columns(plan, years).into_iter().collect(),
        enter: plan
            .entered()
            .map(|ind| what_to_enter(ind, ind.baseline_year, lang))
            .collect(),
        lang,
    };
    xlsx::template(&book).map_err(std::io::Error::other)
}
