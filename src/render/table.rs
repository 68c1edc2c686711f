//! Aligned tables for reading at a terminal.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ContentArrangement, LineStyle, Table, TableStyle,
};
use unicode_width::UnicodeWidthStr;

use super::cells::{self, with_year};
use super::labels::Lang;
use super::labels::Tally;
use super::{Group, Look, Rows, fit, number};
use crate::assess::Row;
use crate::assess::compare::{Diff, Movement, Previous};
use crate::assess::{Report, Status};
use crate::plan::{Kind, Plan};

/// A rule under the header and nothing else: light to read, easy to grep.
/// ASCII, like every character a table draws itself: box-drawing lines
/// are East Asian "ambiguous" characters, drawn double-width by legacy
/// Chinese consoles, which would break the alignment.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' '));

/// Text as a table shows it: the East Asian ambiguous-width characters
/// that reports and plans use (≥, ≤, dashes, curly quotes, Ⅲ, ³) written
/// with ASCII, so that every row lines up whether a terminal draws them
/// narrow or, as legacy Chinese consoles do, wide.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '≥' => out.push_str(">="),
            '≤' => out.push_str("<="),
            '—' | '–' | '─' => out.push('-'),
            '“' | '”' => out.push('"'),
            '‘' | '’' => out.push('\''),
            'Ⅲ' => out.push_str("III"),
            'Ⅱ' => out.push_str("II"),
            'Ⅰ' => out.push('I'),
            '³' => out.push('3'),
            '²' => out.push('2'),
            '·' => out.push('.'),
            '…' => out.push_str("..."),
            '±' => out.push_str("+/-"),
            '×' => out.push('x'),
            '→' => out.push_str("->"),
            c => out.push(c),
        }
    }
    out
}

/// A space after each cell but the last and none before: with the space
/// between columns, two spaces part them, and the first column starts the
/// line.
const PADDING: (u16, u16) = (0, 1);

/// Narrower terminals (or an unknown width, reported as 0) get no wrapping.
const MIN_WIDTH: u16 = 40;

/// A table in our style, its cells laid out beforehand (see [`Screen`]):
/// comfy-table draws them as given and wraps nothing itself.
fn new_table(look: Look) -> Table {
    let mut table = Table::new();
    table.load_style(STYLE);
    table
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty();
    if look.color {
        table.enforce_styling();
    }
    table
}

/// How a cell is drawn on a colour terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paint {
    /// As it is.
    #[default]
    Plain,
    /// In a colour.
    Fg(Color),
    /// Dimmed.
    Dim,
}

/// A table for a terminal: rows gathered as text, then fitted to the
/// terminal's width (see [`fit`]) and wrapped between words, never inside
/// one, when it is written. Without a width every row keeps to one line.
pub struct Screen<'a> {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    paints: Vec<Vec<Paint>>,
    right: &'a [usize],
    rules: fit::Rules<'a>,
}

impl<'a> Screen<'a> {
    /// A table with `header` (none if empty); `right` are the figures'
    /// columns, `rules` how it may give up width.
    pub fn new<S: AsRef<str>>(header: &[S], right: &'a [usize], rules: fit::Rules<'a>) -> Self {
        Screen {
            header: header.iter().map(|h| plain_text(h.as_ref())).collect(),
            rows: Vec::new(),
            paints: Vec::new(),
            right,
            rules,
        }
    }

    /// Adds a row of plain cells.
    pub fn add<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.add_painted(cells.into_iter().map(|c| (c, Paint::Plain)));
    }

    /// Adds a row of cells, each with its paint.
    pub fn add_painted<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = (S, Paint)>) {
        let (texts, paints) = cells
            .into_iter()
            .map(|(c, p)| (plain_text(c.as_ref()), p))
            .unzip();
        self.rows.push(texts);
        self.paints.push(paints);
    }

    /// Writes the table fitted to `look.width`; the columns left out to
    /// fit, by their index.
    pub fn write(self, out: &mut dyn Write, look: Look) -> io::Result<Vec<usize>> {
        let columns = self
            .header
            .len()
            .max(self.rows.iter().map(Vec::len).max().unwrap_or(0));
        let header = if self.header.is_empty() {
            vec![String::new(); columns]
        } else {
            self.header.clone()
        };
        let width = look
            .width
            .filter(|&w| w >= MIN_WIDTH)
            .map_or(usize::MAX, usize::from);
        let layout = fit::layout(&header, &self.rows, width, self.rules);
        let mut table = new_table(look);
        if !self.header.is_empty() {
            table.set_header(layout.cells(&self.header));
        }
        for (row, paints) in self.rows.iter().zip(&self.paints) {
            let kept = paints
                .iter()
                .zip(&layout.widths)
                .filter(|(_, w)| w.is_some())
                .map(|(p, _)| *p);
            let cells = layout
                .cells(row)
                .into_iter()
                .zip(kept)
                .map(|(text, paint)| {
                    let cell = Cell::new(text);
                    match paint {
                        _ if !look.color => cell,
                        Paint::Plain => cell,
                        Paint::Fg(colour) => cell.fg(colour),
                        Paint::Dim => cell.add_attribute(Attribute::Dim),
                    }
                });
            table.add_row(cells.collect::<Vec<_>>());
        }
        let last = table.column_count().saturating_sub(1);
        for (i, col) in table.column_iter_mut().enumerate() {
            col.set_padding(if i == last { (0, 0) } else { PADDING });
        }
        right_align(&mut table, &layout.kept_positions(self.right));
        for line in table.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(layout.dropped().collect())
    }
}

/// Right-aligns the given columns (figures).
pub fn right_align(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Writes the plan's indicators, one row each. On a narrow terminal the
/// name and chapter wrap, then the chapter, kind and baseline columns are
/// left out in that order, and a line says so.
pub fn write_list(out: &mut dyn Write, plan: &Plan, look: Look) -> io::Result<()> {
    let header: [&str; 6] = match look.lang {
        Lang::Zh => ["代码", "名称", "类型", "基期值", "目标", "章节"],
        Lang::En => ["id", "name", "kind", "baseline", "target", "chapter"],
    };
    const RIGHT: [usize; 1] = [3];
    let rules = fit::Rules {
        wrap: &[1, 4, 5],
        drop: &[5, 2, 3],
    };
    let rows = plan.indicators.iter().map(|ind| {
        let target = cells::target_of(ind, look.lang);
        let unit = look.lang.unit(&ind.unit);
        [
            ind.id.clone(),
            look.lang.name(&ind.name, ind.name_en()).to_string(),
            look.lang.kind(ind.kind).to_string(),
            with_year(
                ind.baseline.map(|b| number(Some(b), 4)),
                Some(ind.baseline_year),
            ),
            match (ind.kind, unit) {
                (Kind::Level | Kind::Share | Kind::Rank | Kind::Cumulative, "%") => {
                    format!("{target}%")
                }
                (Kind::Level | Kind::Share | Kind::Rank | Kind::Cumulative, u) if !u.is_empty() => {
                    format!("{target} {u}")
                }
                _ => target,
            },
            look.lang
                .chapter(ind.text().chapter.as_deref().unwrap_or_default()),
        ]
    });
    if look.width.is_some() || look.color {
        let mut table = Screen::new(&header, &RIGHT, rules);
        for row in rows {
            table.add(row);
        }
        let dropped = table.write(out, look)?;
        left_out(out, &header, &dropped, look)?;
    } else {
        let mut table = Aligned::new(&header, &RIGHT);
        for row in rows {
            table.add(&row);
        }
        table.write(out)?;
    }
    let references = plan
        .indicators
        .iter()
        .filter(|i| i.kind == Kind::Reference)
        .count();
    let n = plan.indicators.len() - references;
    match look.lang {
        Lang::Zh => write!(out, "{}：{n}项指标", plan.meta.id)?,
        Lang::En => write!(
            out,
            "{n} indicator{} in {}",
            crate::diag::plural(n),
            plan.meta.id
        )?,
    }
    match (references, look.lang) {
        (0, _) => writeln!(out),
        (r, Lang::Zh) => writeln!(out, "，{r}个参照序列"),
        (r, Lang::En) => writeln!(out, ", {r} reference series"),
    }
}

/// Says which columns were left out to fit the terminal, if any.
fn left_out<S: AsRef<str>>(
    out: &mut dyn Write,
    header: &[S],
    dropped: &[usize],
    look: Look,
) -> io::Result<()> {
    if dropped.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = dropped
        .iter()
        .filter_map(|&i| header.get(i).map(AsRef::as_ref))
        .collect();
    let line = match look.lang {
        Lang::Zh => format!(
            "（终端较窄，未显示：{}；加宽终端或用 --format csv 查看全部列）",
            names.join("、")
        ),
        Lang::En => format!(
            "(left out to fit the terminal: {}; widen it, or use --format csv for every column)",
            names.join(", ")
        ),
    };
    write_fitted(out, &line, look)
}

/// Writes the report: one row per indicator, the status coloured if
/// `look.color`, and a summary line.
pub fn write_report(out: &mut dyn Write, report: &Report, look: Look) -> io::Result<()> {
    write_rows(out, Rows::of(report), look)
}

/// [`write_report`] for rows as they are made. Off a terminal and without
/// colour (pipes, files, cron) the rows go to an [`Aligned`] table, which
/// keeps only each row's text; on a terminal comfy-table fits the width.
pub fn write_rows(out: &mut dyn Write, report: Rows, look: Look) -> io::Result<()> {
    let mut tally = Tally::default();
    let as_of = report.as_of;
    let rows = report.rows.inspect(|row| tally.add(row, as_of));
    let binding = write_body(
        out,
        rows,
        report.previous,
        look,
        Columns::of(look, false, false),
    )?;
    write_summary(out, as_of, &tally, look, false)?;
    binding_legend(out, binding, look)?;
    doubt_legend(out, tally.flagged() > 0, look)
}

/// The summary line, then the lines naming the rows awaiting the target
/// year's figure (and, for `--problems`, those judged on older figures).
fn write_summary(
    out: &mut dyn Write,
    as_of: i32,
    tally: &Tally,
    look: Look,
    problems: bool,
) -> io::Result<()> {
    write_fitted(out, &look.lang.summary(as_of, tally), look)?;
    for line in look.lang.named_lines(as_of, tally, problems) {
        write_fitted(out, &line, look)?;
    }
    Ok(())
}

/// A line of text, wrapped to the table's width when it has one.
fn write_fitted(out: &mut dyn Write, text: &str, look: Look) -> io::Result<()> {
    let text = plain_text(text);
    match look.width {
        Some(width) => {
            for line in super::wrap_list(&text, usize::from(width)) {
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
        None => writeln!(out, "{text}"),
    }
}

/// Writes the report in groups (`--group`, or the one group of `--sort`
/// and `--problems`): each with a heading and its own count by status,
/// then the count of all.
pub fn write_groups(
    out: &mut dyn Write,
    groups: &[Group],
    report: (i32, Option<&Previous>),
    look: Look,
    problems: bool,
) -> io::Result<()> {
    let (as_of, previous) = report;
    let mut total = Tally::default();
    let mut binding = false;
    let end = groups
        .iter()
        .flat_map(|g| &g.rows)
        .all(|row| as_of >= row.target_year);
    let columns = Columns::of(look, problems, end);
    for (i, group) in groups.iter().enumerate() {
        let tally = Tally::of(&group.rows, as_of);
        if let Some(title) = &group.title {
            if i > 0 {
                writeln!(out)?;
            }
            write_fitted(out, &look.lang.group_heading(title, &tally.counts()), look)?;
        }
        let rows = group
            .rows
            .iter()
            .cloned()
            .inspect(|row| total.add(row, as_of));
        binding |= write_body(out, rows, previous, look, columns)?;
    }
    if groups.len() > 1 {
        writeln!(out)?;
    }
    write_summary(out, as_of, &total, look, problems)?;
    binding_legend(out, binding, look)?;
    doubt_legend(out, total.flagged() > 0, look)
}

/// Which columns the report table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    /// Every column (`--wide`).
    Wide,
    /// Name, latest against target, progress against time, pace needed, status.
    Compact,
    /// As compact, with the projection instead of progress (`--problems`).
    Problems,
    /// `--problems` at the end of the period: the gap and the figure's
    /// year, since no pace is left to project or need.
    FinalProblems,
}

impl Columns {
    fn of(look: Look, problems: bool, end: bool) -> Self {
        match (look.wide, problems, end) {
            (true, _, _) => Columns::Wide,
            (false, true, true) => Columns::FinalProblems,
            (false, true, false) => Columns::Problems,
            (false, false, _) => Columns::Compact,
        }
    }

    fn header(self, lang: Lang) -> Vec<String> {
        let header: &[&str] = match self {
            Columns::Wide => &cells::header(lang),
            Columns::Compact => &cells::compact_header(lang),
            Columns::Problems => &cells::problems_header(lang),
            Columns::FinalProblems => &cells::final_problems_header(lang),
        };
        header.iter().map(|h| h.to_string()).collect()
    }

    fn cells(self, row: &Row, lang: Lang) -> Vec<String> {
        match self {
            Columns::Wide => cells::cells(row, lang).to_vec(),
            Columns::Compact => cells::compact_cells(row, lang, false).to_vec(),
            Columns::Problems => cells::compact_cells(row, lang, true).to_vec(),
            Columns::FinalProblems => cells::final_problems_cells(row, lang).to_vec(),
        }
    }

    /// How the table gives up width on a narrow terminal: the name, the
    /// pace needed and the change since a saved report wrap (in `--wide`, the target, latest and paces
    /// too); `--wide` then leaves out the required and actual paces, the
    /// gap, the baseline, the unit and progress, in that order; the compact
    /// table, its middle column (progress, projection or gap).
    fn rules(self) -> fit::Rules<'static> {
        match self {
            Columns::Wide => fit::Rules {
                wrap: &[0, 3, 4, 7, 8, 9, 11],
                drop: &[7, 8, 5, 2, 1, 6],
            },
            _ => fit::Rules {
                wrap: &[0, 3, 5],
                drop: &[2],
            },
        }
    }

    fn figures(self) -> &'static [usize] {
        match self {
            Columns::Wide => &cells::FIGURES,
            Columns::Compact | Columns::Problems | Columns::FinalProblems => {
                &cells::COMPACT_FIGURES
            }
        }
    }
}

/// The table of `rows`; whether any of them is a binding target.
fn write_body(
    out: &mut dyn Write,
    rows: impl Iterator<Item = Row>,
    previous: Option<&Previous>,
    look: Look,
    columns: Columns,
) -> io::Result<bool> {
    let mut binding = false;
    let mut header = columns.header(look.lang);
    if let Some(previous) = previous {
        header.push(look.lang.since_header(previous.as_of));
    }
    if look.width.is_some() || look.color {
        let mut table = Screen::new(&header, columns.figures(), columns.rules());
        for row in rows {
            binding |= row.binding == Some(true);
            let mut texts: Vec<(String, Paint)> = columns
                .cells(&row, look.lang)
                .into_iter()
                .map(|t| (t, Paint::Plain))
                .collect();
            if let Some(status) = texts.last_mut() {
                status.1 = status_paint(row.status);
            }
            if let Some(previous) = previous {
                let (before, movement) = previous.change(&row);
                texts.push((look.lang.since(before, movement), since_paint(movement)));
            }
            table.add_painted(texts);
        }
        let dropped = table.write(out, look)?;
        left_out(out, &header, &dropped, look)?;
    } else {
        let mut table = Aligned::new(&header, columns.figures());
        for row in rows {
            binding |= row.binding == Some(true);
            let mut line = columns.cells(&row, look.lang);
            if let Some(previous) = previous {
                let (before, movement) = previous.change(&row);
                line.push(look.lang.since(before, movement));
            }
            table.add(&line);
        }
        table.write(out)?;
    }
    Ok(binding)
}

/// Says what the `*` after a name means, when one was shown.
fn binding_legend(out: &mut dyn Write, binding: bool, look: Look) -> io::Result<()> {
    if binding {
        writeln!(
            out,
            "{}",
            look.lang.pick("*：约束性指标", "*: binding target")
        )?;
    }
    Ok(())
}

/// The legend of the `?` after a name that uses a doubtful figure.
fn doubt_legend(out: &mut dyn Write, doubtful: bool, look: Look) -> io::Result<()> {
    if doubtful {
        writeln!(
            out,
            "{}",
            look.lang.pick(
                "?：所用数据疑为录入错误，待核实（见警告）",
                "?: uses a figure that is probably a typing slip (see the warnings)"
            )
        )?;
    }
    Ok(())
}

/// Writes a comparison: one row per indicator, slips first (coloured red
/// when `look.color`, improvements green), and a summary line.
pub fn write_diff(out: &mut dyn Write, diff: &Diff, look: Look) -> io::Result<()> {
    const RIGHT: [usize; 3] = [4, 5, 6];
    let header = cells::diff_header(look.lang);
    if look.width.is_some() || look.color {
        let rules = fit::Rules {
            wrap: &[0],
            drop: &[6, 5],
        };
        let mut table = Screen::new(&header, &RIGHT, rules);
        for change in &diff.changes {
            let cells = cells::diff_cells(change, look.lang);
            table.add_painted(cells.into_iter().enumerate().map(|(i, text)| {
                let paint = if i == 3 {
                    since_paint(change.movement)
                } else {
                    Paint::Plain
                };
                (text, paint)
            }));
        }
        let dropped = table.write(out, look)?;
        left_out(out, &header, &dropped, look)?;
    } else {
        let mut table = Aligned::new(&header, &RIGHT);
        for change in &diff.changes {
            table.add(&cells::diff_cells(change, look.lang));
        }
        table.write(out)?;
    }
    writeln!(
        out,
        "{}",
        look.lang.diff_summary(diff.from, diff.to, &diff.counts())
    )
}

/// An aligned table for output that is not a terminal, laid out exactly as
/// [`new_table`] lays it out there (a space of padding after each cell but
/// the last, a space between columns, a rule of `-` under the header, no
/// trailing spaces),
/// holding each row as one string rather than a cell object per cell.
pub struct Aligned {
    columns: usize,
    widths: Vec<usize>,
    right: Vec<bool>,
    /// Every cell's text, one after another.
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<usize>,
}

impl Aligned {
    /// A table with this header; the columns in `right` are right-aligned.
    pub fn new<S: AsRef<str>>(header: &[S], right: &[usize]) -> Aligned {
        let mut table = Aligned {
            columns: header.len(),
            widths: vec![0; header.len()],
            right: (0..header.len()).map(|i| right.contains(&i)).collect(),
            text: String::new(),
            ends: Vec::new(),
        };
        table.add(header);
        table
    }

    /// Adds a row (missing cells are empty; extra ones are dropped), each
    /// cell through [`plain_text`].
    pub fn add<S: AsRef<str>>(&mut self, cells: &[S]) {
        for i in 0..self.columns {
            let cell = plain_text(cells.get(i).map_or("", AsRef::as_ref));
            self.text.push_str(&cell);
            self.ends.push(self.text.len());
            if let Some(width) = self.widths.get_mut(i) {
                *width = (*width).max(UnicodeWidthStr::width(cell.as_str()));
            }
        }
    }

    /// Writes the header, the rule and the rows.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut line = String::new();
        let mut start = 0;
        let last = self.columns.saturating_sub(1);
        for (row, ends) in self.ends.chunks(self.columns.max(1)).enumerate() {
            line.clear();
            for (i, &end) in ends.iter().enumerate() {
                let cell = self.text.get(start..end).unwrap_or_default();
                start = end;
                let width = self.widths.get(i).copied().unwrap_or(0);
                let pad = width.saturating_sub(UnicodeWidthStr::width(cell));
                if i > 0 {
                    line.push(' ');
                }
                if self.right.get(i).copied().unwrap_or(false) {
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.extend(std::iter::repeat_n(' ', pad));
                }
                if i < last {
                    line.push(' ');
                }
            }
            writeln!(out, "{}", line.trim_end())?;
            if row == 0 {
                let rule: Vec<String> = self
                    .widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| "-".repeat(if i < last { w + 1 } else { *w }))
                    .collect();
                writeln!(out, "{}", rule.join(" "))?;
            }
        }
        Ok(())
    }
}

/// How a change since an earlier report is drawn: slips red,
/// improvements green.
fn since_paint(movement: Movement) -> Paint {
    match movement {
        Movement::Worsened => Paint::Fg(Color::Red),
        Movement::Improved => Paint::Fg(Color::Green),
        _ => Paint::Plain,
    }
}

/// How a status word is drawn on a colour terminal: met, ahead and
/// on-track green; lagging yellow; off-track, moving-away and missed red;
/// no-data and not-assessable dim; awaiting cyan.
pub fn status_paint(status: Status) -> Paint {
    match status {
        Status::Met | Status::Ahead | Status::OnTrack => Paint::Fg(Color::Green),
        Status::Lagging => Paint::Fg(Color::Yellow),
        Status::OffTrack | Status::MovingAway | Status::Missed => Paint::Fg(Color::Red),
        Status::NoData | Status::NotAssessable => Paint::Dim,
        Status::Pending => Paint::Plain,
        Status::Awaiting => Paint::Fg(Color::Cyan),
    }
}
