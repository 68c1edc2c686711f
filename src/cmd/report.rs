//! `plantrack report`: assess every indicator and print the report.

use std::cell::RefCell;
use std::collections::HashSet;

use super::{Outcome, as_of, find_indicator};
use crate::actuals::Actuals;
use crate::assess::compare::{Movement, Previous};
use crate::assess::{self, Row, Step, history, rows};
use crate::cli::{ReportArgs, ReportFormat};
use crate::config::{
    check_inputs, look, output_format, print_remarks, print_remarks_capped, read_inputs,
    refuse_binary_on_terminal, refuse_bom_unless, to_terminal, with_output,
};
use crate::diag::Remark;
use crate::error::Error;
use crate::plan::{Indicator, Nature, Plan};
use crate::render::csv::Words;
use crate::render::html::{self, HtmlReport};
use crate::render::labels::Lang;
use crate::render::labels::Tripped;
use crate::render::xlsx::{self, ReportBook};
use crate::render::{
    Group, GroupBy, Look, Rows, SortBy, csv, docx, group_rows, json, markdown, narrative,
    sort_rows, table,
};
use crate::saved::{Saved, stream_saved};

/// Assesses the indicators asked for and writes the report as it goes, one
/// row at a time; tells whether `--fail-on` matched.
pub fn run(args: &ReportArgs) -> anyhow::Result<Outcome> {
    let format = output_format(args.format, &args.output, ReportFormat::Table)?;
    refuse_bom_unless(&args.output, format.is_delimited())?;
    if format.is_binary() {
        refuse_binary_on_terminal(&args.output)?;
    }
    // The saved report streams in beside the plan and actuals.
    let (saved, inputs) = std::thread::scope(|scope| {
        let saved = scope.spawn(|| read_since(args));
        let inputs = read_inputs(&args.input.plan, &args.input.actuals, Some(&args.output));
        (crate::parts::joined(saved), inputs)
    });
    let saved = saved?;
    let mut inputs = inputs?;
    let mut look = look(&args.view, &inputs.plan, to_terminal(&args.output));
    // A workbook's size is known before the actuals are checked or anything
    // assessed, unless --status or --problems leave rows out once they are.
    if format == ReportFormat::Xlsx && args.status.is_empty() && !args.problems {
        let plan = &inputs.plan;
        let only = only_ids(plan, args)?;
        let kept: Vec<bool> = plan
            .indicators
            .iter()
            .map(|i| keeps(args, &only, i))
            .collect();
        refuse_overfull_workbook(plan, &inputs.actuals, &kept, look.lang)?;
    }
    check_inputs(&mut inputs, &args.input.actuals)?;
    let plan = &inputs.plan;
    let only = only_ids(plan, args)?;
    let year = as_of(plan, &inputs.actuals, args.input.as_of)?;
    let previous = since(args, saved, plan)?;
    print_remarks_capped(&inputs.remarks);

    let trips = Trips::default();
    look.wide = args.wide;
    // CSV and TSV keep their stable English words unless a language is asked for.
    let words = args.view.lang.map_or(Words::Stable, Words::For);
    let job = Job {
        args,
        format,
        look,
        words,
        bom: format.is_delimited() && args.output.bom_or(words == Words::For(Lang::Zh)),
        sort: args.sort.or(args.problems.then_some(SortBy::Status)),
        plan,
        actuals: &inputs.actuals,
        year,
        previous: previous.as_ref(),
    };
    if args.binding && !plan.indicators.iter().any(|i| i.binding == Some(true)) {
        print_remarks(&[Remark::note(crate::tr!(
            "本规划没有标注约束性指标（binding = true），因此 --binding 选不出任何指标",
            "the plan marks no target as binding (binding = true), so --binding selects none"
        ))]);
    }
    let keep = |ind: &Indicator| keeps(args, &only, ind);
    let arranged = job.sort.is_some() || args.group.is_some() || !job.format.streams();
    let batched = format.is_delimited() || format == ReportFormat::Json;
    let large = plan.indicators.len() >= PARALLEL_FROM;
    let plain_markdown =
        format == ReportFormat::Markdown && job.sort.is_none() && args.group.is_none();
    if batched && !arranged && large {
        job.write_in_batches(&keep, &trips)?;
    } else if plain_markdown && large {
        job.write_markdown_made(&keep, &trips)?;
    } else {
        with_rows(plan, &inputs.actuals, year, keep, |assessed| {
            let selected = assessed
                .filter(|row| job.selects(row))
                .inspect(|row| trips.note(row, args, job.previous));
            if arranged {
                job.write_arranged(selected.collect())
            } else {
                job.write_streamed(Box::new(selected))
            }
        })?;
    }
    let lang = job.look.lang;
    let fail_on = super::outcome(lang, "--fail-on", &trips.tripped.borrow());
    let worse = super::outcome(lang, "--fail-on-worse", &trips.slipped.borrow());
    // The process ends here: leave the plan and actuals to it rather than
    // freeing a million indicators one by one (a tenth of the run at 1M).
    std::mem::forget(inputs);
    Ok(
        if fail_on == Outcome::Flagged || worse == Outcome::Flagged {
            Outcome::Flagged
        } else {
            Outcome::Done
        },
    )
}

/// The plan's ids named by `--only`, each checked to be in the plan.
fn only_ids<'p>(plan: &'p Plan, args: &ReportArgs) -> Result<HashSet<&'p str>, Error> {
    let ids = args.only.iter();
    ids.map(|id| find_indicator(plan, id).map(|ind| ind.id.as_str()))
        .collect()
}

/// Whether `--only`, `--binding` and `--nature` keep `ind`: the
/// selection known before anything is assessed.
fn keeps(args: &ReportArgs, only: &HashSet<&str>, ind: &Indicator) -> bool {
    (only.is_empty() || only.contains(ind.id.as_str()))
        && (!args.binding || ind.binding == Some(true))
        && (args.nature.is_empty() || args.nature.contains(&ind.nature))
}

/// The indicators that tripped `--fail-on` and `--fail-on-worse`, gathered
/// as the rows go by.
#[derive(Default)]
struct Trips {
    tripped: RefCell<Vec<Tripped>>,
    slipped: RefCell<Vec<Tripped>>,
}

impl Trips {
    /// Notes `row` if it trips a flag. Expected and planned figures are not
    /// commitments: they trip nothing unless asked.
    fn note(&self, row: &Row, args: &ReportArgs, previous: Option<&Previous>) {
        if row.nature != Nature::Target && !args.fail_on_expected {
            return;
        }
        let change = previous.map(|p| p.change(row));
        let before = change.and_then(|(before, _)| before);
        if args.fail_on.iter().any(|&limit| row.status.trips(limit)) {
            self.tripped.borrow_mut().push(tripped_row(row, before));
        }
        let movement = change.map_or(Movement::Unchanged, |(_, m)| m);
        if args.worse.trips(movement, Some(row.status)) {
            self.slipped.borrow_mut().push(tripped_row(row, before));
        }
    }
}

/// A report to write: what was asked and what it is about.
struct Job<'a> {
    args: &'a ReportArgs,
    format: ReportFormat,
    look: Look,
    words: Words,
    bom: bool,
    sort: Option<SortBy>,
    plan: &'a Plan,
    actuals: &'a Actuals,
    year: i32,
    previous: Option<&'a Previous>,
}

impl Job<'_> {
    /// Whether `--status` and `--problems` keep the row.
    fn selects(&self, row: &Row) -> bool {
        (self.args.status.is_empty() || self.args.status.contains(&row.status))
            && (!self.args.problems || row.status.is_problem())
    }

    fn rows<'r>(&'r self, rows: Box<dyn Iterator<Item = Row> + 'r>) -> Rows<'r> {
        Rows {
            plan: &self.plan.meta.id,
            as_of: self.year,
            rows,
            previous: self.previous,
        }
    }

    /// Writes the rows as they are assessed.
    fn write_streamed(&self, rows: Box<dyn Iterator<Item = Row> + '_>) -> anyhow::Result<()> {
        let report = self.rows(rows);
        let (look, words) = (self.look, self.words);
        with_output(&self.args.output, self.bom, |out| match self.format {
            ReportFormat::Csv => csv::write_rows(out, report, b',', words),
            ReportFormat::Tsv => csv::write_rows(out, report, b'\t', words),
            ReportFormat::Json => json::write_rows(out, report),
            _ => table::write_rows(out, report, look),
        })
    }

    /// Writes the rows sorted and grouped as asked (the workbook and the
    /// page are always made whole; the page groups by chapter unless told).
    fn write_arranged(&self, mut all: Vec<Row>) -> anyhow::Result<()> {
        let (args, look, plan) = (self.args, self.look, self.plan);
        if let Some(sort) = self.sort {
            sort_rows(&mut all, sort);
        }
        let groups = match (args.group, self.format) {
            (Some(by), _) => group_rows(all, by, plan, look.lang),
            (None, ReportFormat::Html) if self.sort.is_none() => {
                group_rows(all, GroupBy::Chapter, plan, look.lang)
            }
            (None, _) => vec![Group {
                title: None,
                rows: all,
            }],
        };
        // The rows in the order shown: one group's own, else gathered.
        let shown: std::borrow::Cow<[Row]> = match groups.as_slice() {
            [one] => std::borrow::Cow::Borrowed(&one.rows),
            _ => groups.iter().flat_map(|g| g.rows.iter().cloned()).collect(),
        };
        let held = match self.format {
            ReportFormat::Xlsx => self.workbook_holds(&shown)?,
            _ => Vec::new(),
        };
        let report = self.rows(Box::new(shown.iter().cloned()));
        let context = (self.year, self.previous);
        let words = self.words;
        let story = || narrative::narrative(plan, &shown, self.year, look.lang);
        with_output(&args.output, self.bom, |out| match self.format {
            ReportFormat::Table => table::write_groups(out, &groups, context, look, args.problems),
            ReportFormat::Markdown => {
                markdown::write_narrative(out, &story())?;
                markdown::write_groups(out, &groups, context, look.lang)
            }
            ReportFormat::Text => out.write_all(narrative::text(&story()).as_bytes()),
            ReportFormat::Docx => {
                let doc = docx::WordReport {
                    plan,
                    rows: &shown,
                    as_of: self.year,
                    lang: look.lang,
                    narrative: &story(),
                };
                out.write_all(&docx::report(&doc)?)
            }
            ReportFormat::Csv => csv::write_rows(out, report, b',', words),
            ReportFormat::Tsv => csv::write_rows(out, report, b'\t', words),
            ReportFormat::Json => json::write_rows(out, report),
            ReportFormat::Xlsx => {
                let book = ReportBook {
                    plan,
                    actuals: self.actuals,
                    as_of: self.year,
                    rows: &shown,
                    lang: look.lang,
                    previous: self.previous,
                    held: &held,
                };
                xlsx::report(&book, out).map_err(std::io::Error::other)
            }
            ReportFormat::Html => {
                let page = (&shown[..], &groups[..], context);
                write_page(out, plan, self.actuals, page, look.lang)
            }
        })
    }
}

impl Job<'_> {
    /// The indicators a workbook of `rows` holds in its plan and actuals
    /// sheets (see [`xlsx::held`]), once it is known to fit.
    fn workbook_holds(&self, rows: &[Row]) -> Result<Vec<bool>, Error> {
        let plan = self.plan;
        let mut kept = vec![false; plan.indicators.len()];
        for at in rows.iter().filter_map(|row| plan.position(&row.id)) {
            if let Some(kept) = kept.get_mut(at) {
                *kept = true;
            }
        }
        refuse_overfull_workbook(plan, self.actuals, &kept, self.look.lang)?;
        Ok(xlsx::held(plan, kept))
    }

    /// Writes the Markdown report of a large plan in plan order, its
    /// table's lines made on every core as the rows are assessed; the rows
    /// are kept for the narrative and the summary.
    fn write_markdown_made(
        &self,
        keep: &(impl Fn(&Indicator) -> bool + Sync),
        trips: &Trips,
    ) -> anyhow::Result<()> {
        let (lang, previous) = (self.look.lang, self.previous);
        let made = |rows: Vec<Row>| {
            let rows: Vec<Row> = rows.into_iter().filter(|row| self.selects(row)).collect();
            let lines = markdown::table_lines(&rows, previous, lang);
            (rows, lines)
        };
        let (all, lines) =
            with_batches(self.plan, self.actuals, self.year, keep, made, |batches| {
                let (mut all, mut lines) = (Vec::new(), Vec::new());
                for (rows, text) in batches {
                    rows.iter()
                        .for_each(|row| trips.note(row, self.args, previous));
                    all.extend(rows);
                    lines.push(text);
                }
                (all, lines)
            });
        let story = narrative::narrative(self.plan, &all, self.year, lang);
        with_output(&self.args.output, self.bom, |out| {
            markdown::write_narrative(out, &story)?;
            markdown::write_made(out, &all, &lines, (self.year, previous), lang)
        })
    }

    /// Writes a CSV, TSV or JSON report of a large plan: batches of
    /// indicators are assessed and written into text on every core, and
    /// the texts written out in plan order, so the output is the same as
    /// one thread's.
    fn write_in_batches(
        &self,
        keep: &(impl Fn(&Indicator) -> bool + Sync),
        trips: &Trips,
    ) -> anyhow::Result<()> {
        let n = self.plan.indicators.len();
        let batches = n.div_ceil(BATCH);
        let workers = crate::parts::threads();
        let json = self.format == ReportFormat::Json;
        with_output(&self.args.output, self.bom, |out| {
            if json {
                json::write_head(out, &self.plan.meta.id, self.year)?;
            } else {
                csv::write_header(out, self.previous.is_some(), self.delimiter(), self.words)?;
            }
            let any = std::thread::scope(|scope| {
                let (workers, received): (Vec<_>, Vec<_>) = (0..workers)
                    .map(|w| {
                        let (send, received) = std::sync::mpsc::sync_channel::<Written>(4);
                        let worker = scope.spawn(move || {
                            for k in (w..batches).step_by(workers) {
                                let range = k * BATCH..((k + 1) * BATCH).min(n);
                                if send.send(self.write_batch(range, keep)).is_err() {
                                    // The writer has stopped (a closed pipe): stop too.
                                    return;
                                }
                            }
                        });
                        (worker, received)
                    })
                    .unzip();
                // JSON rows are joined by commas: the first row has none.
                let written = write_in_order(out, &received, batches, trips, json);
                drop(received);
                // A worker that panicked (a bug) leaves its batches unwritten:
                // the report is refused rather than written short.
                if workers.into_iter().all(|w| w.join().is_ok()) {
                    written
                } else {
                    Err(std::io::Error::other(
                        "a thread assessing the report stopped (a bug in plantrack); nothing was written",
                    ))
                }
            })?;
            if json {
                json::write_tail(out, any)?;
            }
            Ok(())
        })
    }

    /// The field delimiter of a CSV or TSV report.
    fn delimiter(&self) -> u8 {
        if self.format == ReportFormat::Tsv {
            b'\t'
        } else {
            b','
        }
    }

    /// The indicators at positions `range` assessed and written as CSV,
    /// TSV or JSON rows (each JSON row after a comma), with what they
    /// tripped.
    fn write_batch(
        &self,
        range: std::ops::Range<usize>,
        keep: &impl Fn(&Indicator) -> bool,
    ) -> Written {
        let trips = Trips::default();
        let selected = crate::assess::rows_in(self.plan, self.actuals, self.year, range, keep)
            .filter(|row| self.selects(row))
            .inspect(|row| trips.note(row, self.args, self.previous));
        // About what a row takes: a CSV line, a JSON object.
        let per_row = if self.format == ReportFormat::Json {
            1024
        } else {
            256
        };
        let mut text = Vec::with_capacity(BATCH * per_row);
        let written = if self.format == ReportFormat::Json {
            json::write_body(&mut text, selected, self.previous, &mut false)
        } else {
            csv::write_body(
                &mut text,
                self.rows(Box::new(selected)),
                self.delimiter(),
                self.words,
            );
            Ok(())
        };
        Written {
            text: written.map(|()| text),
            tripped: trips.tripped.into_inner(),
            slipped: trips.slipped.into_inner(),
        }
    }
}

/// Writes the batches, numbered `0..batches` and dealt out in turn to the
/// workers behind `received`, to `out` in order; an error if one never
/// came. With `joined`, each batch's rows start with a comma, and the
/// first row written drops it. Whether any batch held a row.
fn write_in_order(
    out: &mut dyn std::io::Write,
    received: &[std::sync::mpsc::Receiver<Written>],
    batches: usize,
    trips: &Trips,
    joined: bool,
) -> std::io::Result<bool> {
    let mut any = false;
    for k in 0..batches {
        let Some(Ok(written)) = received.get(k % received.len()).map(|r| r.recv()) else {
            return Err(std::io::Error::other(format!(
                "batch {k} of the report never came"
            )));
        };
        let text = written.text?;
        let text = match text.split_first() {
            Some((b',', rest)) if joined && !any => rest,
            _ => text.as_slice(),
        };
        any |= !text.is_empty();
        out.write_all(text)?;
        trips.tripped.borrow_mut().extend(written.tripped);
        trips.slipped.borrow_mut().extend(written.slipped);
    }
    Ok(any)
}

/// A batch of a report written into text, with what its rows tripped.
struct Written {
    text: std::io::Result<Vec<u8>>,
    tripped: Vec<Tripped>,
    slipped: Vec<Tripped>,
}

/// From this many indicators on, assessing runs beside the writing (a CSV
/// or TSV report is assessed and written into text on every core); below
/// it threads would cost more than they save.
const PARALLEL_FROM: usize = 10_000;

/// Runs `consume` over the assessed rows of the indicators `keep` accepts,
/// in plan order. A large plan is assessed in batches on every core while
/// `consume` takes the rows batch by batch, in order.
fn with_rows<R>(
    plan: &Plan,
    actuals: &Actuals,
    year: i32,
    keep: impl Fn(&Indicator) -> bool + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = Row>) -> R,
) -> R {
    if plan.indicators.len() < PARALLEL_FROM {
        return consume(&mut rows(plan, actuals, year, keep));
    }
    with_batches(
        plan,
        actuals,
        year,
        keep,
        |rows| rows,
        |batches| consume(&mut batches.flatten()),
    )
}

/// Runs `consume` over what `made` makes of each batch of assessed rows
/// of the indicators `keep` accepts, in plan order: the batches are
/// assessed and made on every core.
fn with_batches<B: Send, R>(
    plan: &Plan,
    actuals: &Actuals,
    year: i32,
    keep: impl Fn(&Indicator) -> bool + Sync,
    made: impl Fn(Vec<Row>) -> B + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = B>) -> R,
) -> R {
    let n = plan.indicators.len();
    let batches = n.div_ceil(BATCH);
    let workers = crate::parts::threads();
    let (keep, made) = (&keep, &made);
    std::thread::scope(|scope| {
        let received: Vec<_> = (0..workers)
            .map(|w| {
                let (send, received) = std::sync::mpsc::sync_channel::<B>(4);
                scope.spawn(move || {
                    for k in (w..batches).step_by(workers) {
                        let range = k * BATCH..((k + 1) * BATCH).min(n);
                        let rows = crate::assess::rows_in(plan, actuals, year, range, keep);
                        // The writer has stopped (a closed pipe): stop too.
                        if send.send(made(rows.collect())).is_err() {
                            return;
                        }
                    }
                });
                received
            })
            .collect();
        let mut next = 0;
        let mut assessed = std::iter::from_fn(|| {
            if next == batches {
                return None;
            }
            let batch = received.get(next % workers).map(|r| r.recv());
            next += 1;
            match batch {
                Some(Ok(batch)) => Some(batch),
                // A thread assessing stopped before the end: it panicked
                // (a bug). Unwind here too, before the output is committed,
                // so a short report never replaces a file.
                _ => std::panic::resume_unwind(Box::new("a thread assessing the report stopped")),
            }
        });
        let result = consume(&mut assessed);
        // The workers stop at their next send.
        drop(received);
        result
    })
}

/// How many rows go to the writer at a time.
const BATCH: usize = 1024;

/// Writes the report as a web page with a chart per indicator (up to
/// [`html::MAX_CHARTS`]). The page
/// is made whole, with each indicator's years, so the rows are gathered.
fn write_page(
    out: &mut dyn std::io::Write,
    plan: &Plan,
    actuals: &Actuals,
    (rows, groups, (as_of, previous)): (&[Row], &[Group], (i32, Option<&Previous>)),
    lang: Lang,
) -> std::io::Result<()> {
    // Years only for the rows the page charts.
    let charted = html::charted(rows);
    let steps: Vec<Vec<Step>> = rows
        .iter()
        .zip(&charted)
        .map(|(row, charted)| {
            let index = plan.position(&row.id).unwrap_or(usize::MAX);
            match plan.indicators.get(index).filter(|_| *charted) {
                Some(ind) => {
                    let (series, reference) = assess::inputs(plan, actuals, index);
                    history(ind, &plan.assessment, &series, reference.as_ref(), as_of)
                }
                None => Vec::new(),
            }
        })
        .collect();
    let listed = html::listed(rows);
    let page = HtmlReport {
        plan,
        as_of,
        rows,
        steps: &steps,
        groups,
        lang,
        previous,
        charted: &charted,
        listed: &listed,
    };
    html::write_report(out, &page)
}

/// The earlier report `--since` names, read.
fn read_since(args: &ReportArgs) -> Result<Option<Saved>, Error> {
    match &args.since {
        Some(path) => stream_saved(path).map(Some),
        None if args.worse.fail_on_worse.is_some() => Err(Error::Usage(crate::tr!(
            "--fail-on-worse 需要一份较早的报告作比较：请加上 --since 旧.json（或使用 plantrack diff）",
            "--fail-on-worse needs an earlier report to compare with: add --since OLD.json (or use plantrack diff)"
        ))),
        None => Ok(None),
    }
}

/// The earlier report `--since` names, checked to be of the same plan.
fn since(args: &ReportArgs, saved: Option<Saved>, plan: &Plan) -> Result<Option<Previous>, Error> {
    let (Some(path), Some(saved)) = (&args.since, saved) else {
        return Ok(None);
    };
    if saved.plan != plan.meta.id {
        return Err(Error::Usage(crate::tr!(
            "--since {} 是规划 `{}` 的报告，不是 `{}` 的：请比较同一规划的报告",
            "--since {} is a report on plan `{}`, not `{}`: compare reports of one plan",
            crate::diag::shown(path),
            crate::diag::quote(&saved.plan),
            plan.meta.id
        )));
    }
    Ok(Some(Previous::new(saved.as_of, saved.points)))
}

/// A row as standard error names it when it trips a flag.
fn tripped_row(row: &Row, before: Option<crate::assess::Status>) -> Tripped {
    Tripped {
        id: row.id.clone(),
        name: (row.name.clone(), row.name_en.clone()),
        status: row.status,
        before,
    }
}

/// Refuses a workbook with a sheet past Excel's row limit, before
/// anything is assessed, rather than failing after minutes of building.
fn refuse_overfull_workbook(
    plan: &Plan,
    actuals: &Actuals,
    kept: &[bool],
    lang: Lang,
) -> Result<(), Error> {
    match xlsx::overfull(plan, actuals, kept, lang) {
        None => Ok(()),
        Some((sheet, rows)) => Err(Error::Usage(crate::tr!(
            "工作簿放不下：工作表“{}”需要 {} 行，超过 Excel 每张工作表 {} 行的上限；请用 --only 或 --binding 选出部分指标，或改用 --format csv",
            "the workbook cannot hold this report: its sheet \"{}\" needs {} rows, past Excel's limit of {} rows a sheet; select fewer indicators (--only, --binding) or use --format csv",
            sheet,
            crate::render::committee::grouped(rows as f64, 0),
            crate::render::committee::grouped(xlsx::MAX_ROWS as f64, 0)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> Written {
        Written {
            text: Ok(text.as_bytes().to_vec()),
            tripped: Vec::new(),
            slipped: Vec::new(),
        }
    }

    #[test]
    fn batches_are_written_in_order_across_workers() {
        let (a, from_a) = std::sync::mpsc::channel();
        let (b, from_b) = std::sync::mpsc::channel();
        // Worker b finishes first; batches go 0 (a), 1 (b), 2 (a).
        let _ = b.send(written("1"));
        let _ = a.send(written("0"));
        let _ = a.send(written("2"));
        let mut out = Vec::new();
        write_in_order(&mut out, &[from_a, from_b], 3, &Trips::default(), false).expect("all came");
        assert_eq!(out, b"012");
    }

    #[test]
    fn joined_batches_drop_the_first_rows_comma_only() {
        let (a, from_a) = std::sync::mpsc::channel();
        let (b, from_b) = std::sync::mpsc::channel();
        // Batch 0 kept no row; batch 1 holds the first.
        let _ = a.send(written(""));
        let _ = b.send(written(",\n1"));
        let _ = a.send(written(",\n2,\n3"));
        let mut out = Vec::new();
        let any = write_in_order(&mut out, &[from_a, from_b], 3, &Trips::default(), true)
            .expect("all came");
        assert!(any);
        assert_eq!(out, b"\n1,\n2,\n3");
    }

    #[test]
    fn a_batch_that_never_comes_is_an_error_not_a_short_report() {
        let (a, from_a) = std::sync::mpsc::channel();
        let (b, from_b) = std::sync::mpsc::channel::<Written>();
        let _ = a.send(written("0"));
        let _ = a.send(written("2"));
        // Worker b stopped (as a panicking thread would) without sending.
        drop(b);
        let mut out = Vec::new();
        let err = write_in_order(&mut out, &[from_a, from_b], 3, &Trips::default(), false)
            .expect_err("batch 1 is missing");
        assert_eq!(err.to_string(), "batch 1 of the report never came");
        assert_eq!(out, b"0");
    }
}
