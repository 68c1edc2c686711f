//! Aligned tables for reading at a terminal.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, LineStyle, Table,
    TableStyle, Width,
};
use unicode_width::UnicodeWidthStr;

use super::cells::{self, with_year};
use super::labels::Tally;
use super::{Look, Rows, number};
use crate::assess::compare::{Diff, Movement};
use crate::assess::{Report, Status};
use crate::plan::Plan;

/// A rule under the header and nothing else: light to read, easy to grep.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// Narrower terminals (or an unknown width, reported as 0) get no wrapping.
const MIN_WIDTH: u16 = 40;

/// A table in our style. On a terminal of known width it fits that width
/// (see [`wrap_only`]); elsewhere every row stays on one line.
pub fn new_table(look: Look) -> Table {
    let mut table = Table::new();
    table.load_style(STYLE);
    let width = if look.terminal {
        table.width().filter(|&w| w >= MIN_WIDTH)
    } else {
        None
    };
    match width {
        Some(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        None => {
            table
                .set_content_arrangement(ContentArrangement::Disabled)
                .force_no_tty();
        }
    }
    if look.color {
        table.enforce_styling();
    }
    table
}

/// When the table fits a terminal, lets only `column` (a name or a text)
/// wrap, keeping figures and words whole. Call after adding the rows.
pub fn wrap_only(table: &mut Table, column: Option<usize>) {
    for (i, col) in table.column_iter_mut().enumerate() {
        col.set_constraint(if Some(i) == column {
            ColumnConstraint::LowerBoundary(Width::Fixed(10))
        } else {
            ColumnConstraint::ContentWidth
        });
    }
}

/// Writes `table` line by line without the padding at the ends of lines.
pub fn write_table(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Right-aligns the given columns (figures).
pub fn right_align(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Writes the plan's indicators, one row each.
pub fn write_list(out: &mut dyn Write, plan: &Plan, look: Look) -> io::Result<()> {
    const HEADER: [&str; 8] = [
        "id", "name", "kind", "cmp", "baseline", "target", "unit", "chapter",
    ];
    const RIGHT: [usize; 2] = [4, 5];
    let rows = plan.indicators.iter().map(|ind| {
        [
            ind.id.clone(),
            ind.name.clone(),
            ind.kind.to_string(),
            ind.comparator.to_string(),
            with_year(
                ind.baseline.map(|b| number(Some(b), 4)),
                Some(ind.baseline_year),
            ),
            cells::target_of(ind, look.lang),
            ind.unit.clone(),
            ind.chapter.clone().unwrap_or_default(),
        ]
    });
    if look.terminal || look.color {
        let mut table = new_table(look);
        table.set_header(HEADER);
        for row in rows {
            table.add_row(row);
        }
        right_align(&mut table, &RIGHT);
        wrap_only(&mut table, Some(1));
        write_table(out, &table)?;
    } else {
        let mut table = Aligned::new(&HEADER, &RIGHT);
        for row in rows {
            table.add(&row);
        }
        table.write(out)?;
    }
    writeln!(
        out,
        "{} indicators in {}",
        plan.indicators.len(),
        plan.meta.id
    )
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
    let previous = report.previous;
    let rows = report.rows.inspect(|row| tally.add(row, as_of));
    let mut header: Vec<String> = cells::header(look.lang).map(String::from).to_vec();
    if let Some(previous) = previous {
        header.push(look.lang.since_header(previous.as_of));
    }
    if look.terminal || look.color {
        let mut table = new_table(look);
        table.set_header(header);
        for row in rows {
            let [rest @ .., _status] = cells::cells(&row, look.lang);
            let mut line: Vec<Cell> = rest.into_iter().map(Cell::new).collect();
            line.push(status_cell(row.status, look));
            if let Some(previous) = previous {
                line.push(since_cell(previous.change(&row), look));
            }
            table.add_row(line);
        }
        right_align(&mut table, &cells::FIGURES);
        wrap_only(&mut table, Some(0));
        write_table(out, &table)?;
    } else {
        let mut table = Aligned::new(&header, &cells::FIGURES);
        for row in rows {
            let mut line = cells::cells(&row, look.lang).to_vec();
            if let Some(previous) = previous {
                let (before, movement) = previous.change(&row);
                line.push(look.lang.since(before, movement));
            }
            table.add(&line);
        }
        table.write(out)?;
    }
    writeln!(out, "{}", look.lang.summary(as_of, &tally))
}

/// Writes a comparison: one row per indicator, slips first (coloured red
/// when `look.color`, improvements green), and a summary line.
pub fn write_diff(out: &mut dyn Write, diff: &Diff, look: Look) -> io::Result<()> {
    const RIGHT: [usize; 3] = [4, 5, 6];
    let header = cells::diff_header(look.lang);
    if look.terminal || look.color {
        let mut table = new_table(look);
        table.set_header(header);
        for change in &diff.changes {
            let [name, before, after, movement, rest @ ..] = cells::diff_cells(change, look.lang);
            let mut line = vec![Cell::new(name), Cell::new(before), Cell::new(after)];
            line.push(since_cell_text(movement, change.movement, look));
            line.extend(rest.into_iter().map(Cell::new));
            table.add_row(line);
        }
        right_align(&mut table, &RIGHT);
        wrap_only(&mut table, Some(0));
        write_table(out, &table)?;
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
/// [`new_table`] lays it out there (a space of padding each side, a space
/// between columns, a rule of `─` under the header, no trailing spaces),
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

    /// Adds a row (missing cells are empty; extra ones are dropped).
    pub fn add<S: AsRef<str>>(&mut self, cells: &[S]) {
        for i in 0..self.columns {
            let cell = cells.get(i).map_or("", AsRef::as_ref);
            self.text.push_str(cell);
            self.ends.push(self.text.len());
            if let Some(width) = self.widths.get_mut(i) {
                *width = (*width).max(UnicodeWidthStr::width(cell));
            }
        }
    }

    /// Writes the header, the rule and the rows.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut line = String::new();
        let mut start = 0;
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
                line.push(' ');
                if self.right.get(i).copied().unwrap_or(false) {
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.extend(std::iter::repeat_n(' ', pad));
                }
                line.push(' ');
            }
            writeln!(out, "{}", line.trim_end())?;
            if row == 0 {
                let rule: Vec<String> = self.widths.iter().map(|w| "─".repeat(w + 2)).collect();
                writeln!(out, "{}", rule.join(" "))?;
            }
        }
        Ok(())
    }
}

/// A change since an earlier report, coloured when `look.color`: slips
/// red, improvements green.
fn since_cell((before, movement): (Option<Status>, Movement), look: Look) -> Cell {
    since_cell_text(look.lang.since(before, movement), movement, look)
}

/// `text`, coloured for `movement` when `look.color`.
fn since_cell_text(text: String, movement: Movement, look: Look) -> Cell {
    let cell = Cell::new(text);
    match movement {
        _ if !look.color => cell,
        Movement::Worsened => cell.fg(Color::Red),
        Movement::Improved => cell.fg(Color::Green),
        _ => cell,
    }
}

/// A status word, coloured when `look.color`: met, ahead and on-track green;
/// lagging yellow; off-track, moving-away and missed red; no-data and
/// not-assessable dim.
pub fn status_cell(status: Status, look: Look) -> Cell {
    let cell = Cell::new(look.lang.status(status));
    if !look.color {
        return cell;
    }
    match status {
        Status::Met | Status::Ahead | Status::OnTrack => cell.fg(Color::Green),
        Status::Lagging => cell.fg(Color::Yellow),
        Status::OffTrack | Status::MovingAway | Status::Missed => cell.fg(Color::Red),
        Status::NoData | Status::NotAssessable => cell.add_attribute(Attribute::Dim),
        Status::Pending => cell,
    }
}
