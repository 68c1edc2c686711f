//! The report as one self-contained web page: a header with the counts by
//! status, the table grouped by the plan's chapters (sortable by a click,
//! readable without JavaScript), and a chart for every indicator (up to
//! [`MAX_CHARTS`]).
//!
//! Nothing is fetched: the styles, the script and the charts (inline SVG)
//! are in the page, and the fonts are the reader's own.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::Group;
use super::cells;
use super::chart::{self, ChartData, escape};
use super::labels::{Lang, Tally};
use super::{committee, narrative};
use crate::assess::compare::Previous;
use crate::assess::{Row, Status, Step};
use crate::plan::{Kind, Plan};

/// What the page shows.
pub struct HtmlReport<'a> {
    /// The plan assessed.
    pub plan: &'a Plan,
    /// The as-of year.
    pub as_of: i32,
    /// The report's rows, in the order shown (plan order unless sorted).
    pub rows: &'a [Row],
    /// Each row's years, from `history`, in the same order.
    pub steps: &'a [Vec<Step>],
    /// The tables' groups (by default the plan's chapters).
    pub groups: &'a [Group],
    /// The language of the page.
    pub lang: Lang,
    /// An earlier report, for a column of each row's change since (`--since`).
    pub previous: Option<&'a Previous>,
    /// Which rows get a chart, in the same order (see [`charted`]).
    pub charted: &'a [bool],
    /// Which rows the tables list, in the same order (see [`listed`]).
    pub listed: &'a [bool],
}

/// The most charts a page draws: what a person reads, and what keeps a
/// page of 100,000 indicators a page a browser opens. Past it, the
/// problems are charted first, then the rest in the page's order; a note
/// says how many are left out and how to draw them (`--only`).
pub const MAX_CHARTS: usize = 200;

/// The most rows the page's tables list: more than any plan holds, and
/// what keeps a bureau's page of a million indicators one a browser opens
/// (about 6 MB). Past it, the problems are listed first, then the rest in
/// the page's order; a note says how many are left out and where to find
/// them all (CSV, the workbook, `--only`, `--status`).
pub const MAX_LISTED: usize = 10_000;

/// Which rows get a chart (see [`MAX_CHARTS`]).
pub fn charted(rows: &[Row]) -> Vec<bool> {
    first_of(rows, MAX_CHARTS)
}

/// Which rows the tables list (see [`MAX_LISTED`]); every row the page
/// charts is among them.
pub fn listed(rows: &[Row]) -> Vec<bool> {
    first_of(rows, MAX_LISTED)
}

/// The first `limit` rows, the problems (worst first) before the rest,
/// each in the page's order.
fn first_of(rows: &[Row], limit: usize) -> Vec<bool> {
    if rows.len() <= limit {
        return vec![true; rows.len()];
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| {
        rows.get(i)
            .map_or((1, 0, i), |r| match r.status.is_problem() {
                true => (0, super::worst_first(r.status), i),
                false => (1, 0, i),
            })
    });
    let mut chosen = vec![false; rows.len()];
    for i in order.into_iter().take(limit) {
        if let Some(c) = chosen.get_mut(i) {
            *c = true;
        }
    }
    chosen
}

/// The note over a table that lists only [`MAX_LISTED`] of the rows.
fn left_out_rows(page: &mut String, report: &HtmlReport) {
    let left_out = report.listed.iter().filter(|l| !**l).count();
    if left_out == 0 {
        return;
    }
    let listed = super::committee::grouped(MAX_LISTED as f64, 0);
    let left_out = super::committee::grouped(left_out as f64, 0);
    let note = crate::tr!(
        "为便于阅读，本页的表只列出{listed}项指标（先列有问题的，再按规划顺序），另有{left_out}项未列出；完整的表请用 --format csv 或 xlsx，要看某几项请用 --only 或 --status",
        "To stay readable this page's tables list {listed} indicators (the problems first, then in the plan's order); {left_out} more are not listed. For every row use --format csv or xlsx; for some, --only or --status"
    );
    let _ = writeln!(
        page,
        "<p class=\"left-out\">{}</p>",
        escape(note.get(report.lang))
    );
}

/// Writes the page.
pub fn write_report(out: &mut dyn Write, report: &HtmlReport) -> io::Result<()> {
    let lang = report.lang;
    let meta = &report.plan.meta;
    let name = lang.name(&meta.name, meta.name_en.as_deref());
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.pick("zh-CN", "en"),
        escape(name),
        escape(&as_of_words(lang, report.as_of))
    );
    let linked: std::collections::HashSet<&str> = report
        .rows
        .iter()
        .zip(report.charted)
        .filter(|(_, c)| **c)
        .map(|(r, _)| r.id.as_str())
        .collect();
    header(&mut page, report, name);
    page.push_str("<main>\n");
    story(&mut page, report);
    committee_table(&mut page, report);
    page.push_str("<div class=\"detail\">\n");
    tables(&mut page, report, &linked);
    page.push_str("</div>\n");
    charts(&mut page, report);
    page.push_str("</main>\n");
    let _ = write!(
        page,
        "<footer>{}</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape(lang.pick(
            "由 plantrack 生成。计算方法见 docs/methodology.md。",
            "Made by plantrack. How the figures are computed: docs/methodology.md."
        ))
    );
    out.write_all(page.as_bytes())
}

fn as_of_words(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("截至{year}年"),
        Lang::En => format!("as of {year}"),
    }
}

/// The status's class, for its colours.
fn class(status: Status) -> String {
    format!("s-{}", status.as_str())
}

/// The plan's name, the as-of year, the share of the period elapsed, and
/// the counts by status as tiles and a bar.
fn header(page: &mut String, report: &HtmlReport, name: &str) {
    let (lang, meta) = (report.lang, &report.plan.meta);
    let period = f64::from(meta.target_year - meta.base_year);
    let elapsed = (f64::from(report.as_of - meta.base_year) / period).clamp(0.0, 1.0);
    let _ = write!(
        page,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{} · {} {}–{} · {} {}</p>\n",
        escape(name),
        escape(&as_of_words(lang, report.as_of)),
        lang.pick("规划期", "plan period"),
        meta.base_year + 1,
        meta.target_year,
        lang.pick("时间进度", "time elapsed"),
        super::percent(Some(elapsed), 0)
    );
    let tally = Tally::of(report.rows, report.as_of);
    let total = report.rows.len().max(1) as f64;
    let counted: Vec<(Status, usize)> = Status::ALL
        .iter()
        .copied()
        .zip(tally.counts())
        .filter(|(_, n)| *n > 0)
        .collect();
    page.push_str("<ul class=\"tiles\">\n");
    for &(status, n) in &counted {
        let _ = writeln!(
            page,
            "<li class=\"{}\"><span class=\"n\">{n}</span> <span class=\"w\">{}</span></li>",
            class(status),
            lang.status(status)
        );
    }
    page.push_str("</ul>\n<div class=\"bar\" aria-hidden=\"true\">");
    for &(status, n) in &counted {
        let _ = write!(
            page,
            "<span class=\"{}\" style=\"width:{:.2}%\"></span>",
            class(status),
            100.0 * n as f64 / total
        );
    }
    page.push_str("</div>\n</header>\n");
}

/// The narrative: how the plan stands, in a few sentences.
fn story(page: &mut String, report: &HtmlReport) {
    let lang = report.lang;
    let _ = writeln!(
        page,
        "<section class=\"narrative\">\n<h2>{}</h2>",
        narrative::heading(lang)
    );
    for paragraph in narrative::narrative(report.plan, report.rows, report.as_of, lang) {
        let _ = writeln!(page, "<p>{}</p>", escape(&paragraph));
    }
    page.push_str("</section>\n");
}

/// The committee table (完成情况表), one table per chapter, each starting
/// a printed page; on a narrow screen each indicator becomes a card.
fn committee_table(page: &mut String, report: &HtmlReport) {
    let lang = report.lang;
    let listed: std::borrow::Cow<[Row]> = if report.listed.iter().all(|l| *l) {
        std::borrow::Cow::Borrowed(report.rows)
    } else {
        report
            .rows
            .iter()
            .zip(report.listed)
            .filter(|(_, l)| **l)
            .map(|(r, _)| r.clone())
            .collect()
    };
    let table = committee::committee(committee::Source {
        plan: report.plan,
        rows: &listed,
        as_of: report.as_of,
        lang,
    });
    let _ = writeln!(
        page,
        "<section class=\"committee\">\n<h2>{}</h2>\n<style>{}</style>",
        lang.pick("主要指标完成情况表", "Main indicators"),
        card_labels(&table, lang)
    );
    left_out_rows(page, report);
    for section in &table.sections {
        let _ = write!(
            page,
            "<table class=\"committee\">\n<caption>{}</caption>\n<thead><tr>",
            escape(&section.title)
        );
        for header in &table.headers {
            let _ = write!(page, "<th>{}</th>", escape(header));
        }
        page.push_str("</tr></thead>\n<tbody>\n");
        in_parallel(page, &section.entries, |page, entry| {
            page.push_str("<tr>");
            for (i, cell) in entry.cells.iter().enumerate() {
                let class = if i == table.status_column {
                    format!(" class=\"status {}\"", class(entry.status))
                } else if i == table.name_column {
                    " class=\"name\"".to_string()
                } else if i == table.actual_column && entry.doubtful {
                    " class=\"num doubt\"".to_string()
                } else if cell.is_figure() {
                    " class=\"num\"".to_string()
                } else {
                    String::new()
                };
                let _ = write!(page, "<td{class}>{}</td>", escape(&cell.text()));
            }
            page.push_str("</tr>\n");
        });
        page.push_str("</tbody>\n</table>\n");
    }
    page.push_str("</section>\n");
}

/// Writes `each` of `items` onto `page` in order (see [`super::text_of_each`]).
fn in_parallel<T: Sync>(page: &mut String, items: &[T], each: impl Fn(&mut String, &T) + Sync) {
    for part in super::text_of_each(items, each) {
        page.push_str(&part);
    }
}

/// The phone cards' labels: each committee column's header before its
/// figure, said once in the page's style rather than on every cell (a
/// tenth of a large page). The row number and the name need none.
fn card_labels(table: &committee::Committee, lang: Lang) -> String {
    let colon = lang.pick("：", ": ");
    let mut css = String::from("@media (max-width: 640px) {");
    for (i, header) in table.headers.iter().enumerate() {
        if i == 0 || i == table.name_column {
            continue;
        }
        let quoted: String = header
            .chars()
            .flat_map(|c| match c {
                '"' | '\\' => vec!['\\', c],
                '<' => "\\3c ".chars().collect(),
                c if c.is_control() => Vec::new(),
                c => vec![c],
            })
            .collect();
        let _ = write!(
            css,
            " table.committee td:nth-child({})::before {{ content: \"{quoted}{colon}\"; }}",
            i + 1
        );
    }
    css.push_str(" }");
    css
}

/// The table, one per group (by default the plan's chapters), each with
/// its count by status.
fn tables(page: &mut String, report: &HtmlReport, linked: &std::collections::HashSet<&str>) {
    let lang = report.lang;
    let mut header: Vec<String> = cells::header(lang).iter().map(|h| h.to_string()).collect();
    if let Some(previous) = report.previous {
        header.push(lang.since_header(previous.as_of));
    }
    let unlisted: std::collections::HashSet<&str> = report
        .rows
        .iter()
        .zip(report.listed)
        .filter(|(_, l)| !**l)
        .map(|(r, _)| r.id.as_str())
        .collect();
    left_out_rows(page, report);
    for group in report.groups {
        let rows: std::borrow::Cow<[Row]> = if unlisted.is_empty() {
            std::borrow::Cow::Borrowed(&group.rows)
        } else {
            group
                .rows
                .iter()
                .filter(|r| !unlisted.contains(r.id.as_str()))
                .cloned()
                .collect()
        };
        page.push_str("<section class=\"chapter\">\n");
        if let Some(title) = &group.title {
            let tally = Tally::of(&group.rows, report.as_of);
            let _ = write!(
                page,
                "<h2>{}</h2>\n<p class=\"counts\">{}</p>\n",
                escape(title),
                escape(&lang.counts(&tally.counts()))
            );
        }
        if rows.is_empty() {
            page.push_str("</section>\n");
            continue;
        }
        page.push_str("<table class=\"report\">\n<thead><tr>");
        for (i, title) in header.iter().enumerate() {
            let align = if cells::FIGURES.contains(&i) {
                " class=\"num\""
            } else {
                ""
            };
            let _ = write!(
                page,
                "<th{align}><button type=\"button\" data-col=\"{i}\">{}</button></th>",
                escape(title)
            );
        }
        page.push_str("</tr></thead>\n<tbody>\n");
        in_parallel(page, &rows, |page, row| {
            table_row(page, report, row, linked.contains(row.id.as_str()));
        });
        page.push_str("</tbody>\n</table>\n</section>\n");
    }
}

/// One row: the name links to the chart, if it has one; figures carry
/// their value to sort by.
fn table_row(page: &mut String, report: &HtmlReport, row: &Row, linked: bool) {
    let lang = report.lang;
    let texts = cells::cells(row, lang);
    let sort_keys = sort_keys(row);
    page.push_str("<tr>");
    for (i, text) in texts.iter().enumerate() {
        let key = sort_keys
            .get(i)
            .copied()
            .flatten()
            .map_or(String::new(), |k| format!(" data-sort=\"{}\"", sort_key(k)));
        match i {
            0 if linked => {
                let _ = write!(
                    page,
                    "<td{key}><a href=\"#ind-{}\">{}</a></td>",
                    escape(&row.id),
                    escape(text)
                );
            }
            0 => {
                let _ = write!(page, "<td{key}>{}</td>", escape(text));
            }
            cells::STATUS => {
                let _ = write!(
                    page,
                    "<td class=\"status {}\"{key}>{}</td>",
                    class(row.status),
                    escape(text)
                );
            }
            // Figures are right-aligned by their column (the style's
            // `table.report td:nth-child`), not by a class on each cell.
            _ => {
                let _ = write!(page, "<td{key}>{}</td>", escape(text));
            }
        }
    }
    if let Some(previous) = report.previous {
        let (before, movement) = previous.change(row);
        let _ = write!(
            page,
            "<td class=\"m-{}\">{}</td>",
            movement.as_str(),
            escape(&lang.since(before, movement))
        );
    }
    page.push_str("</tr>\n");
}

/// A figure as the table sorts by it: a whole number as it is, any other
/// rounded to four significant digits (`-8.93`), as many as a cell shows,
/// and written in its shortest form.
fn sort_key(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{value}");
    }
    let scale = 10f64.powi(3 - value.abs().log10().floor() as i32);
    let rounded = (value * scale).round() / scale;
    let shown = if rounded.is_finite() { rounded } else { value };
    zmij::Buffer::new().format(shown).to_string()
}

/// What each column sorts by, where its text is not enough: the figures,
/// and the status by its place on the ladder (worst first ascending).
fn sort_keys(row: &Row) -> [Option<f64>; cells::COLUMNS] {
    let pace = |cagr: Option<f64>, annual: Option<f64>| cagr.or(annual);
    let status = Status::ALL
        .iter()
        .position(|s| *s == row.status)
        .map(|p| p as f64);
    // The baseline, latest figure and gap sort by the number their text
    // starts with (the script reads it): no key repeats them.
    [
        None,
        None,
        None,
        row.target,
        None,
        None,
        row.progress,
        pace(row.required_cagr, row.required_annual),
        pace(row.actual_cagr, row.actual_annual),
        pace(row.needed_cagr, row.needed_annual),
        status,
    ]
}

/// A figure per indicator: its chart, the verdict and the plan's sentence.
fn charts(page: &mut String, report: &HtmlReport) {
    let charted = report.charted;
    let lang = report.lang;
    let _ = writeln!(
        page,
        "<section class=\"charts\">\n<h2>{}</h2>",
        lang.pick("各指标走势", "Each indicator")
    );
    let left_out = charted.iter().filter(|c| !**c).count();
    if left_out > 0 {
        let left_out = super::committee::grouped(left_out as f64, 0);
        let note = crate::tr!(
            "为便于阅读，本页只画{MAX_CHARTS}张图（先画有问题的指标，再按章节顺序），另有{left_out}项指标未画图；要画某几项，请用 --only 列出其代码，如 plantrack report --only 代码1,代码2 --format html",
            "To stay readable this page draws {MAX_CHARTS} charts (the problems first, then in the plan's order); {left_out} more indicators are not drawn. To draw some, list their ids with --only, e.g. plantrack report --only ID1,ID2 --format html"
        );
        let _ = writeln!(page, "<p class=\"left-out\">{}</p>", escape(note.get(lang)));
    }
    let rows = report.rows.iter().zip(report.steps).zip(charted);
    for ((row, steps), _) in rows.filter(|(_, c)| **c) {
        let Some(ind) = report.plan.find(&row.id) else {
            continue;
        };
        let name = lang.name(&row.name, row.name_en.as_deref());
        let _ = write!(
            page,
            "<figure id=\"ind-{}\" class=\"indicator\">\n<figcaption><h3>{}</h3><p class=\"verdict\"><span class=\"status {}\">{}</span>",
            escape(&row.id),
            escape(name),
            class(row.status),
            lang.status(row.status)
        );
        if let Some(reason) = lang.reasons(&row.reasons) {
            let _ = write!(page, " {}", escape(&reason));
        }
        if let Some(doubt) = lang.flags(&row.flags) {
            let _ = write!(page, " <span class=\"doubt\">{}</span>", escape(&doubt));
        }
        page.push_str("</p></figcaption>\n");
        let data = ChartData {
            indicator: ind,
            row,
            steps,
            as_of: report.as_of,
            lang,
        };
        let drawable = ind.kind == Kind::Milestone || chart::layout(&data).is_some();
        if drawable {
            page.push_str(&chart::svg(&data, false));
            page.push('\n');
        } else {
            let _ = writeln!(
                page,
                "<p class=\"nodata\">{}</p>",
                lang.pick(
                    "暂无数据：尚未填报实际值，无法绘图。",
                    "No data yet: no actual figure has been given to draw."
                )
            );
        }
        if let Some(quote) = &ind.text().quote {
            let cite = ind
                .text()
                .chapter
                .as_deref()
                .map_or(String::new(), |c| format!(" <cite>{}</cite>", escape(c)));
            let _ = writeln!(page, "<blockquote>{}{cite}</blockquote>", escape(quote));
        }
        page.push_str("</figure>\n");
    }
    page.push_str("</section>\n");
}

/// The page's styles: readable on screen and on A4 paper, the status
/// colours of the workbook (Excel's Good, Neutral and Bad), never colour
/// alone (the status is always in words).
pub(crate) const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px; color: #222; line-height: 1.5; }
h1 { font-size: 1.5em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 24px 0 8px; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 0; }
.meta { color: #555; margin: 0 0 12px; }
.tiles { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 0 0 8px; }
.tiles li { padding: 6px 12px; border-radius: 4px; border: 1px solid #bbb; }
.tiles .n { font-size: 1.4em; font-weight: bold; }
.bar { display: flex; height: 14px; border: 1px solid #bbb; margin-bottom: 8px; }
.bar span { display: block; height: 100%; }
table.report { border-collapse: collapse; width: 100%; font-size: 0.9em; }
table.report th, table.report td { border: 1px solid #d0d0d0; padding: 3px 6px; vertical-align: top; }
table.report th { background: #D9E1F2; }
table.report th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-align: inherit; }
.num, table.report td:nth-child(n+3):nth-child(-n+10) { text-align: right; white-space: nowrap; }
td.status { white-space: nowrap; }
.s-met, .s-ahead, .s-on-track { background: #C6EFCE; color: #006100; }
.s-lagging { background: #FFEB9C; color: #9C5700; }
.s-off-track, .s-moving-away, .s-missed { background: #FFC7CE; color: #9C0006; }
.s-no-data, .s-not-assessable { background: #EDEDED; color: #595959; }
.s-pending { background: #FFFFFF; color: #222; }
.m-worsened { color: #9C0006; font-weight: bold; }
.m-improved { color: #006100; }
figure.indicator { margin: 16px 0; padding: 8px; border: 1px solid #ddd; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
.verdict { margin: 2px 0 6px; }
.verdict .status { padding: 0 6px; border-radius: 3px; }
.nodata { color: #595959; font-style: italic; }
blockquote { margin: 6px 0 0; padding-left: 8px; border-left: 3px solid #bbb; color: #444; font-size: 0.9em; }
cite { color: #767676; font-style: normal; }
footer { margin-top: 24px; color: #767676; font-size: 0.85em; }
.narrative p { margin: 0 0 8px; }
table.committee { border-collapse: collapse; width: 100%; font-size: 0.9em; margin-bottom: 16px; table-layout: fixed; }
table.committee caption { text-align: left; font-weight: bold; padding: 6px 0; }
table.committee th, table.committee td { border: 1px solid #808080; padding: 3px 5px; vertical-align: middle; overflow-wrap: anywhere; }
table.committee th { background: #D9E1F2; font-weight: bold; }
table.committee th:nth-child(1) { width: 3em; }
table.committee th:nth-child(2) { width: 22%; }
table.committee th:last-child { width: 20%; }
table.committee td.name { font-weight: normal; }
table.committee td:first-child { text-align: center; }
.s-awaiting { background: #DDEBF7; color: #1F4E79; }
.doubt { background: #FCE4D6; color: #C65911; font-weight: bold; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .tiles li, .bar span, td.status, .verdict .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .detail { display: none; }
  table.committee + table.committee { break-before: page; page-break-before: always; }
  section.committee { break-before: page; page-break-before: always; }
  section.charts { break-before: page; page-break-before: always; }
  section.charts > h2 { display: none; }
  section.charts { display: grid; grid-template-columns: 1fr 1fr; column-gap: 4mm; }
  section.charts > p.left-out { grid-column: 1 / -1; }
  figure.indicator { height: 88mm; margin: 0 0 3mm; box-sizing: border-box; overflow: hidden; }
  figure.indicator svg { max-height: 62mm; width: 100%; }
  figure.indicator blockquote { display: none; }
  footer { display: none; }
}
@media (max-width: 640px) {
  body { padding: 8px; }
  table.committee, table.committee tbody, table.committee tr, table.committee td, table.committee caption { display: block; width: auto; }
  table.committee thead { display: none; }
  table.committee tr { border: 1px solid #808080; border-radius: 4px; margin-bottom: 8px; padding: 4px 6px; }
  table.committee td { border: 0; padding: 1px 0; text-align: left !important; }
  table.committee td:empty { display: none; }
  table.committee td::before { color: #595959; }
  table.committee td.name { font-weight: bold; font-size: 1.05em; }
  table.committee td.name::before, table.committee td:first-child::before { content: none; }
  table.committee td:first-child { display: none; }
  .detail { overflow-x: auto; }
  table.report td:first-child, table.report th:first-child { position: sticky; left: 0; background: #fff; min-width: 9em; }
}
"#;

/// Sorting a table by a click on a header: by the cells' `data-sort`
/// values where they have them, else by their text; a second click
/// reverses. Without JavaScript the page is the same, in plan order.
const SCRIPT: &str = r#"
document.querySelectorAll("table.report").forEach(function (table) {
  table.querySelectorAll("th button").forEach(function (button) {
    button.addEventListener("click", function () {
      var col = Number(button.dataset.col);
      var body = table.tBodies[0];
      var up = button.dataset.dir !== "up";
      button.dataset.dir = up ? "up" : "down";
      var figures = button.parentNode.classList.contains("num");
      // A figure sorts by its key, else by the number its text starts
      // with; a cell without a figure (—) comes last either way.
      var key = function (row) {
        var cell = row.cells[col];
        if (!cell) return null;
        if (cell.dataset.sort !== undefined) return Number(cell.dataset.sort);
        if (!figures) return cell.textContent;
        var n = parseFloat(cell.textContent.replace(/,/g, ""));
        return Number.isFinite(n) ? n : null;
      };
      Array.from(body.rows)
        .sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null || y === null) return (x === null) - (y === null);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
          return up ? order : -order;
        })
        .forEach(function (row) { body.appendChild(row); });
    });
  });
});
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The style right-aligns the report table's columns 3 to 10 (counted
    /// from 1): they must be the figures.
    #[test]
    fn the_style_right_aligns_exactly_the_figure_columns() {
        assert_eq!(cells::FIGURES.to_vec(), (2..=9).collect::<Vec<_>>());
        assert!(STYLE.contains("table.report td:nth-child(n+3):nth-child(-n+10)"));
    }

    #[test]
    fn sort_keys_are_short_and_keep_the_order() {
        assert_eq!(sort_key(3.0), "3");
        assert_eq!(sort_key(-8.929824561403509), "-8.93");
        assert_eq!(sort_key(0.000123456789), "0.0001235");
        assert_eq!(sort_key(1234.5678), "1235.0");
        let keys = [-2.5, -0.001, 0.0, 0.0015, 7.0, 1234.5678];
        let parsed: Vec<f64> = keys
            .iter()
            .map(|k| sort_key(*k).parse().unwrap_or(f64::NAN))
            .collect();
        assert!(parsed.windows(2).all(|w| w[0] < w[1]), "{parsed:?}");
    }
}
