//! The committee table (完成情况表): the report in the form planning
//! offices hand in, one layout that the workbook, the web page and the
//! Word report all draw.
//!
//! 序号, 指标, 单位, 属性 (约束性/预期性, where the plan says), the base
//! year's figure, the target, the latest figure, progress or change as
//! fits the kind (百分点 for shares, 位 for ranks, never a CAGR for
//! them), the status and a short remark; grouped under the plan's
//! chapters with their titles, in plan order.

use super::cells::{self, symbol};
use super::labels::Lang;
use super::{chapter_of, number};
use crate::actuals::Observation;
use crate::assess::{Reason, Row, Status};
use crate::plan::{Kind, Nature, Plan, chapter_number};

/// One cell of the committee table, typed so that a workbook keeps
/// figures as numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing to show.
    Blank,
    /// Words, left-aligned.
    Text(String),
    /// A figure in the indicator's unit, shown with `decimals` decimals.
    Number {
        /// The figure.
        value: f64,
        /// Decimals to show (0 for counts).
        decimals: usize,
    },
    /// A fraction shown as a percentage with no decimals (progress).
    Percent(f64),
}

impl Cell {
    /// The cell as text: figures rounded as shown, `—` for nothing where a
    /// figure belongs is left to the caller (blank here).
    pub fn text(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number { value, decimals } => grouped(*value, *decimals),
            Cell::Percent(p) => format!("{}%", number(Some(p * 100.0), 0)),
        }
    }

    /// Whether the cell holds a figure (right-aligned).
    pub fn is_figure(&self) -> bool {
        matches!(self, Cell::Number { .. } | Cell::Percent(_))
    }
}

/// A number with thousands separators and exactly `decimals` decimals:
/// `1,360`, `16.5`, `0.98`.
pub fn grouped(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    let zero = value == 0.0 || out.chars().all(|c| matches!(c, '0' | '.' | ','));
    if value < 0.0 && !zero {
        out.insert(0, '-');
    }
    out
}

/// One indicator's line.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its id (for links and anchors; not a column).
    pub id: String,
    /// Its status, for the status cell's colour.
    pub status: Status,
    /// Whether it uses a doubtful figure (its remark says which): the
    /// formats highlight the actual.
    pub doubtful: bool,
    /// The cells, in the order of [`Committee::headers`].
    pub cells: Vec<Cell>,
}

/// A chapter's heading and its indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `第三章 继往开来,谱写高质量发展新篇章`.
    pub title: String,
    /// Its indicators, in plan order.
    pub entries: Vec<Entry>,
}

/// The committee table.
#[derive(Debug, Clone, PartialEq)]
pub struct Committee {
    /// The column headers.
    pub headers: Vec<String>,
    /// The chapters, in the plan's order.
    pub sections: Vec<Section>,
    /// The index of the status column.
    pub status_column: usize,
    /// The index of the indicator's name (the widest column).
    pub name_column: usize,
    /// The index of the actual figure, highlighted where it is doubtful.
    pub actual_column: usize,
}

/// What the committee table is made from.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The report's rows (any order; shown in plan order).
    pub rows: &'a [Row],
    /// The as-of year.
    pub as_of: i32,
    /// The language.
    pub lang: Lang,
}

/// Builds the committee table.
pub fn committee(source: Source) -> Committee {
    let outline = outline(source);
    let mut sections: Vec<Section> = Vec::with_capacity(outline.sections.len());
    for line in outline.lines() {
        match line {
            Line::Heading(title) => sections.push(Section {
                title: title.to_string(),
                entries: Vec::new(),
            }),
            Line::Entry(entry) => {
                if let Some(section) = sections.last_mut() {
                    section.entries.push(entry);
                }
            }
        }
    }
    Committee {
        sections,
        status_column: outline.status_column,
        name_column: outline.name_column,
        actual_column: outline.actual_column,
        headers: outline.headers,
    }
}

/// A line of the committee table: a chapter's heading, or an indicator's.
pub enum Line<'a> {
    /// The chapter's heading.
    Heading(&'a str),
    /// An indicator's line.
    Entry(Entry),
}

/// The committee table before its cells are made: its columns and each
/// chapter's rows, so that a long table can be written a line at a time.
pub struct Outline<'a> {
    /// The column headers.
    pub headers: Vec<String>,
    /// Each chapter's heading and rows, in the plan's order.
    pub sections: Vec<(String, Vec<&'a Row>)>,
    /// The index of the status column.
    pub status_column: usize,
    /// The index of the indicator's name (the widest column).
    pub name_column: usize,
    /// The index of the actual figure, highlighted where it is doubtful.
    pub actual_column: usize,
    source: Source<'a>,
    binding_column: bool,
}

impl Outline<'_> {
    /// The line of the `n`th indicator (from 1) in the table, `row`.
    fn entry(&self, n: usize, row: &Row) -> Entry {
        let mut cells = entry_cells(row, self.source);
        if !self.binding_column {
            cells.remove(ATTRIBUTE);
        }
        if let Some(cell) = cells.first_mut() {
            *cell = Cell::Text(n.to_string());
        }
        Entry {
            id: row.id.clone(),
            status: row.status,
            doubtful: !row.flags.is_empty(),
            cells,
        }
    }

    /// The table's lines in order: each chapter's heading, then its
    /// indicators' lines, numbered from 1 through the table.
    pub fn lines(&self) -> impl Iterator<Item = Line<'_>> {
        let mut before = 0;
        self.sections.iter().flat_map(move |(title, rows)| {
            let first = before;
            before += rows.len();
            let entries = (first + 1..)
                .zip(rows)
                .map(|(n, row)| Line::Entry(self.entry(n, row)));
            std::iter::once(Line::Heading(title.as_str())).chain(entries)
        })
    }

    /// `all`'s values for the columns shown (see [`Committee::widths`]).
    pub fn widths<T: Copy>(&self, all: &[T]) -> Vec<T> {
        shown(self.headers.len(), all)
    }
}

/// The committee table's outline: the columns, and the rows grouped by
/// chapter in the plan's order.
pub fn outline(source: Source) -> Outline {
    let Source {
        plan, rows, lang, ..
    } = source;
    let binding_column = rows.iter().any(|r| r.binding.is_some());
    let mut headers = headers(plan, source.as_of, lang);
    if !binding_column {
        headers.remove(ATTRIBUTE);
    }
    let mut ordered: Vec<(usize, &Row)> = rows
        .iter()
        .map(|r| (plan.position(&r.id).unwrap_or(usize::MAX), r))
        .collect();
    ordered.sort_by_key(|(position, _)| *position);
    let mut sections: Vec<(u32, String, Vec<&Row>)> = Vec::new();
    for (_, row) in ordered {
        let chapter = plan.find(&row.id).and_then(|i| i.text().chapter.as_deref());
        let title = chapter_title(plan, chapter, lang);
        match sections.iter_mut().find(|(_, t, _)| *t == title) {
            Some((_, _, rows)) => rows.push(row),
            None => {
                let order = chapter
                    .and_then(|c| c.split_whitespace().next())
                    .and_then(chapter_number)
                    .unwrap_or(u32::MAX);
                sections.push((order, title, vec![row]));
            }
        }
    }
    sections.sort_by_key(|(order, ..)| *order);
    // …, {as_of}年实际, 进度/变化, 完成情况, 备注.
    let status_column = headers.len() - 2;
    let actual_column = headers.len() - 4;
    Outline {
        headers,
        sections: sections.into_iter().map(|(_, t, rows)| (t, rows)).collect(),
        status_column,
        name_column: 1,
        actual_column,
        source,
        binding_column,
    }
}

/// The colours (background, text) of a status's cell wherever it is
/// filled (the workbook, the Word report): Excel's own Good, Neutral and
/// Bad styles, familiar and told apart in grey-scale print by their
/// lightness; `None` for a status drawn plain.
pub fn colours(status: Status) -> Option<(&'static str, &'static str)> {
    match status {
        Status::Met | Status::Ahead | Status::OnTrack => Some(("C6EFCE", "006100")),
        Status::Lagging => Some(("FFEB9C", "9C5700")),
        Status::OffTrack | Status::MovingAway | Status::Missed => Some(("FFC7CE", "9C0006")),
        Status::Awaiting => Some(("DDEBF7", "1F4E79")),
        Status::NoData | Status::NotAssessable => Some(("EDEDED", "595959")),
        Status::Pending => None,
    }
}

/// The colours (background, text) of a doubtful figure's cell: orange,
/// as Excel's "Check" style.
pub const DOUBT_COLOURS: (&str, &str) = ("FCE4D6", "C65911");

/// The index of the 属性 column, left out when the plan marks no target
/// binding or expected.
const ATTRIBUTE: usize = 3;

impl Committee {
    /// The widths of the columns shown, from the widths of all ten
    /// (属性 included): 属性's is dropped where the column is.
    pub fn widths<T: Copy>(&self, all: &[T]) -> Vec<T> {
        shown(self.headers.len(), all)
    }
}

/// `all`'s values for the columns of a table of `columns`: all of them,
/// or all but 属性's where it is left out.
fn shown<T: Copy>(columns: usize, all: &[T]) -> Vec<T> {
    all.iter()
        .enumerate()
        .filter(|(i, _)| columns == all.len() || *i != ATTRIBUTE)
        .map(|(_, w)| *w)
        .collect()
}

/// The headers, with the plan's years: `2020年基数`, `2025年目标`,
/// `2025年实际`.
fn headers(plan: &Plan, as_of: i32, lang: Lang) -> Vec<String> {
    let (base, target) = (plan.meta.base_year, plan.meta.target_year);
    match lang {
        Lang::Zh => vec![
            "序号".into(),
            "指标".into(),
            "单位".into(),
            "属性".into(),
            format!("{base}年基数"),
            format!("{target}年目标"),
            format!("{as_of}年实际"),
            "进度/变化".into(),
            "完成情况".into(),
            "备注".into(),
        ],
        Lang::En => vec![
            "No.".into(),
            "Indicator".into(),
            "Unit".into(),
            "Type".into(),
            format!("{base} baseline"),
            format!("{target} target"),
            format!("{as_of} actual"),
            "Progress / change".into(),
            "Status".into(),
            "Remarks".into(),
        ],
    }
}

/// A chapter's heading: its number and title (`第三章 继往开来,…`; in
/// English `Ch. 3 …`), the number alone where the plan gives no title.
pub fn chapter_title(plan: &Plan, chapter: Option<&str>, lang: Lang) -> String {
    let key = chapter_of(chapter, lang);
    let found = plan.meta.chapter(chapter);
    let number = match (lang, chapter_number(&key)) {
        (Lang::En, Some(n)) => format!("Ch. {n}"),
        _ => key,
    };
    match (found, lang) {
        (Some(c), Lang::Zh) => format!("{number} {}", c.title),
        (Some(c), Lang::En) => match &c.title_en {
            Some(title) => format!("{number} {title}"),
            None => number,
        },
        (None, _) => number,
    }
}

/// One indicator's cells, 属性 included.
fn entry_cells(row: &Row, source: Source) -> Vec<Cell> {
    let lang = source.lang;
    let decimals = decimals(row);
    let figure = |v: Option<f64>| v.map_or(Cell::Blank, |value| Cell::Number { value, decimals });
    let name = format!(
        "{}{}",
        lang.name(&row.name, row.name_en.as_deref()),
        lang.nature_mark(row.nature)
    );
    let attribute = match row.binding {
        Some(true) => Cell::Text(lang.pick("约束性", "binding").into()),
        Some(false) => Cell::Text(lang.pick("预期性", "expected").into()),
        None => Cell::Blank,
    };
    let baseline = match row.kind {
        Kind::Growth | Kind::Milestone | Kind::Relative | Kind::Cumulative => Cell::Blank,
        _ => figure(row.baseline),
    };
    vec![
        Cell::Blank,
        Cell::Text(name),
        Cell::Text(unit(row, lang)),
        attribute,
        baseline,
        Cell::Text(target_text(row, source)),
        actual(row, lang, figure),
        progress(row, lang),
        Cell::Text(lang.status(row.status).into()),
        Cell::Text(remark(row, source)),
    ]
}

/// The unit column: `%/年` is said by the target; shares and growth keep `%`.
fn unit(row: &Row, lang: Lang) -> String {
    match row.kind {
        Kind::Milestone => String::new(),
        Kind::Rank => lang.pick("位", "place").into(),
        _ => lang.unit(&row.unit).to_string(),
    }
}

/// Decimals a row's figures are shown with: none for counts and for
/// figures that are whole; else as many as the plan's figures and the
/// latest need, up to 2.
fn decimals(row: &Row) -> usize {
    const COUNTS: [&str; 9] = ["家", "个", "项", "件", "所", "座", "条", "人", "户"];
    if COUNTS.contains(&row.unit.as_str()) || row.kind == Kind::Rank {
        return 0;
    }
    [row.baseline, row.target, row.current]
        .iter()
        .flatten()
        .map(|v| {
            let text = number(Some(*v), 2);
            text.split_once('.').map_or(0, |(_, f)| f.len())
        })
        .max()
        .unwrap_or(0)
}

/// The target as offices write it: `≥1800`, `≥7.5%/年`, `是`, and for a
/// relative target the indicator it is compared with, by name.
fn target_text(row: &Row, source: Source) -> String {
    let (plan, lang) = (source.plan, source.lang);
    let Some(ind) = plan.find(&row.id) else {
        return String::new();
    };
    match ind.kind {
        Kind::Relative => {
            let reference = ind
                .reference()
                .and_then(|id| plan.find(id))
                .map_or("—", |r| lang.name(&r.name, r.name_en()));
            format!("{}{reference}", symbol(ind.comparator))
        }
        _ => cells::target_of(ind, lang).replacen(' ', "", 1),
    }
}

/// The latest figure: yes or no for a milestone, the figure compared with
/// the target otherwise.
fn actual(row: &Row, lang: Lang, figure: impl Fn(Option<f64>) -> Cell) -> Cell {
    match (row.kind, row.latest, row.current) {
        (_, Some(Observation::Flag(done)), _) => Cell::Text(lang.yes_no(done).into()),
        (Kind::Milestone, Some(value), _) => Cell::Text(lang.yes_no(value.is_yes()).into()),
        (_, _, Some(c)) => figure(Some(c)),
        (_, Some(Observation::Number(n)), None) => figure(Some(n)),
        (_, None, None) => Cell::Blank,
    }
}

/// Progress for levels, totals and growth; the change since the base year
/// in 百分点 for shares and in places for ranks; nothing for yes/no goals
/// and conditions judged year by year.
fn progress(row: &Row, lang: Lang) -> Cell {
    let change = row.current.zip(row.baseline).map(|(c, b)| c - b);
    match row.kind {
        Kind::Share => change.map_or(Cell::Blank, |d| {
            let d = number(Some(d), 2);
            let sign = if d.starts_with('-') || d == "0" {
                ""
            } else {
                "+"
            };
            Cell::Text(format!("{sign}{d}{}", lang.pick("个百分点", " pp")))
        }),
        Kind::Rank => change.map_or(Cell::Blank, |d| {
            let places = number(Some(d.abs()), 0);
            Cell::Text(match (lang, d) {
                (_, d) if d.abs() < 0.5 => lang.pick("持平", "unchanged").into(),
                (Lang::Zh, d) if d < 0.0 => format!("上升{places}位"),
                (Lang::Zh, _) => format!("下降{places}位"),
                (Lang::En, d) if d < 0.0 => format!("up {places}"),
                (Lang::En, _) => format!("down {places}"),
            })
        }),
        Kind::Level | Kind::Cumulative | Kind::Growth if !is_condition(row) => {
            row.progress.map_or(Cell::Blank, Cell::Percent)
        }
        _ => Cell::Blank,
    }
}

/// Whether the row is judged year by year rather than by its pace.
fn is_condition(row: &Row) -> bool {
    row.method.is_none() && row.kind != Kind::Growth
}

/// A short remark: why there is no verdict, what a lagging target now
/// needs, or that the figure is older than the as-of year.
fn remark(row: &Row, source: Source) -> String {
    let (lang, as_of) = (source.lang, source.as_of);
    let mut parts: Vec<String> = lang.flags(&row.flags).into_iter().collect();
    parts.extend(
        row.reasons
            .iter()
            .filter(|r| shown_in_remark(r))
            .map(|r| lang.reason(r)),
    );
    if row.status == Status::Awaiting
        && let (Some(p), Some(y)) = (row.projected, Some(row.target_year))
    {
        let p = grouped(p, decimals(row));
        parts.push(match lang {
            Lang::Zh => format!("按现有速度{y}年约为{p}"),
            Lang::En => format!("on the pace so far about {p} in {y}"),
        });
    }
    let pace_verdict = matches!(
        row.status,
        Status::Lagging | Status::OffTrack | Status::MovingAway
    );
    if pace_verdict {
        if let Some(y) = row.latest_year.filter(|y| *y < as_of) {
            parts.push(match lang {
                Lang::Zh => format!("依据{y}年数据"),
                Lang::En => format!("on {y} figures"),
            });
        }
        let needed = cells::needed(row, lang);
        if !needed.is_empty() && needed != "—" {
            // `needed` carries its "/年": 尚需220亿元/年.
            parts.push(format!("{}{needed}", lang.pick("尚需", "needs ")));
        }
    }
    if row.nature != Nature::Target {
        parts.push(
            match (lang, row.nature) {
                (Lang::Zh, Nature::Expected) => "规划为预计数",
                (Lang::Zh, _) => "规划为规划数",
                (Lang::En, Nature::Expected) => "an expected figure",
                (Lang::En, _) => "a planned figure",
            }
            .into(),
        );
    }
    parts.join(lang.pick("；", "; "))
}

/// The reasons a committee reads: why there is no verdict or what decided
/// it; not the notes on how a pace was computed.
fn shown_in_remark(reason: &Reason) -> bool {
    !matches!(
        reason,
        Reason::LinearFallback
            | Reason::CagrUndefined
            | Reason::NoDistance
            | Reason::GrowthCap
            | Reason::AverageOver { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_grouped_and_rounded_as_shown() {
        assert_eq!(grouped(1360.0, 0), "1,360");
        assert_eq!(grouped(1234567.891, 2), "1,234,567.89");
        assert_eq!(grouped(-1500.0, 0), "-1,500");
        assert_eq!(grouped(-0.001, 2), "0.00");
        assert_eq!(grouped(6.0, 0), "6");
    }
}
