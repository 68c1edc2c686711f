//! Reading a table of actuals, whatever file format it came in: find the
//! header, tell the layout, match each row to an indicator, and parse its
//! cells. The format readers (`csv.rs`) hand it rows of text cells.
//!
//! Problems are collected, not returned at the first: every bad row of
//! every file is reported together (capped, see [`Problems`]).

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::cell::{Cell, first_number, parse_flag, parse_number, parse_year};
use super::header::{Column, KNOWN_COLUMNS, KNOWN_COLUMNS_ZH, column_of, title};
use super::{About, Collector, Entry, Observation, Origin, TableName};
use crate::diag::{Diagnostic, Location, Problems, Remark, plural, quote, suggest};
use crate::msg::Text;
use crate::plan::{Indicator, Kind, Plan, approx_eq};

/// How many string comparisons typo suggestions may make in one run: every
/// unknown indicator shown gets one against a real plan (a few hundred
/// names), while a plan of 100,000 indicators spends it on the first ten
/// and the rest say to run `plantrack list`.
const SUGGESTION_BUDGET: usize = 2_000_000;

/// Reads tables of actuals against one plan, collecting what it reads, the
/// problems and the remarks.
pub(super) struct Reader<'p> {
    plan: &'p Plan,
    /// Indicator names to positions, built on the first lookup by name.
    by_name: Option<FxHashMap<&'p str, usize>>,
    /// What was read.
    pub actuals: Collector,
    /// What is wrong.
    pub problems: Problems,
    /// Notes and warnings.
    pub remarks: Vec<Remark>,
    /// The typo suggestion for each distinct unknown indicator text.
    suggestions: HashMap<String, Option<&'p str>>,
    /// How many more comparisons typo suggestions may make (see
    /// [`SUGGESTION_BUDGET`]).
    suggestion_budget: usize,
    /// The last note and source read, shared by the rows that repeat them.
    last_about: Option<Arc<About>>,
    /// The position of the last id looked up (a long table gives one
    /// indicator's years on consecutive rows, so most rows ask again), and
    /// whether it followed the one before in plan order.
    last_id: (Option<usize>, bool),
    /// The value columns of the row being read (by year, or the row's
    /// year), refilled for each row.
    values: Vec<(Option<i32>, usize)>,
}

/// A row's source and note, none if it has neither; the last row's when
/// they are the same (rows usually repeat their source), so repeated text
/// is stored once.
fn shared(
    last: &mut Option<Arc<About>>,
    source: Option<&str>,
    note: Option<&str>,
) -> Option<Arc<About>> {
    if source.is_none() && note.is_none() {
        return None;
    }
    match last {
        Some(previous)
            if previous.source.as_deref() == source && previous.note.as_deref() == note =>
        {
            Some(Arc::clone(previous))
        }
        _ => {
            let fresh = Arc::new(About {
                source: source.map(Box::from),
                note: note.map(Box::from),
            });
            *last = Some(Arc::clone(&fresh));
            Some(fresh)
        }
    }
}

/// A table being read: its name, its header once found, and what has been
/// checked in it.
pub(super) struct Table {
    file: Arc<str>,
    /// The sheet, in a workbook: locations name cells (`book.xlsx:2022年!C14`),
    /// and a sheet that is not a table of actuals is skipped, not an error.
    sheet: Option<Arc<str>>,
    /// Why a sheet is skipped, once that is known.
    skipped: Option<Text>,
    /// The year in the file or sheet name, for the per-year layout.
    name_year: Option<i32>,
    /// Whether the table has a name that could carry a year.
    named: bool,
    header: Option<Header>,
    /// Lines above the header.
    titles: Vec<usize>,
    /// The first non-empty row, for the message when no header is found.
    first_row: Option<(usize, String)>,
    /// (indicator, column) pairs already warned about.
    warned: HashSet<(usize, Column)>,
    failed: bool,
    /// The table's number for [`Origin`]s, once it holds an actual.
    number: Option<u32>,
}

impl Table {
    /// A table called `file`; `name` is the file stem or sheet name that may
    /// carry the year of a per-year layout.
    pub fn new(file: Arc<str>, name: Option<&str>) -> Table {
        Table {
            file,
            sheet: None,
            skipped: None,
            name_year: name.and_then(year_in_name),
            named: name.is_some(),
            header: None,
            titles: Vec::new(),
            first_row: None,
            warned: HashSet::new(),
            failed: false,
            number: None,
        }
    }

    /// A table that is the sheet `sheet` of the workbook `file`, whose
    /// name may carry the year of a per-year layout. Rows passed for it
    /// start at column A.
    pub fn sheet(file: Arc<str>, sheet: &str) -> Table {
        let mut table = Table::new(file, Some(sheet));
        table.sheet = Some(Arc::from(sheet));
        table
    }

    /// How many values a data row holds at most: one per value or year
    /// column.
    pub fn values_per_row(&self) -> usize {
        self.header.as_ref().map_or(0, |h| {
            h.columns
                .iter()
                .filter(|c| matches!(c, Column::Value | Column::YearValues(_)))
                .count()
        })
    }

    /// The file the table is in.
    pub fn file(&self) -> Arc<str> {
        Arc::clone(&self.file)
    }

    /// Whether the header has been read (and the rows after it are data).
    pub fn has_header(&self) -> bool {
        self.header.is_some()
    }

    /// A copy of this table to read a part of its data rows into a
    /// [`Reader::part`]: the same file and header, and the number it has or
    /// will have in `actuals` (given there by [`Reader::take`] if a part
    /// reads an actual, as reading here would give it at the first).
    pub fn part(&self, actuals: &Collector) -> Table {
        Table {
            file: Arc::clone(&self.file),
            sheet: self.sheet.clone(),
            skipped: None,
            name_year: self.name_year,
            named: self.named,
            header: self.header.clone(),
            titles: Vec::new(),
            first_row: None,
            warned: HashSet::new(),
            failed: false,
            number: self.number.or(Some(actuals.next_table())),
        }
    }

    /// The table's number in `actuals`, given on first use.
    fn numbered(&mut self, actuals: &mut Collector) -> u32 {
        *self.number.get_or_insert_with(|| {
            actuals.add_table(TableName {
                file: Arc::clone(&self.file),
                sheet: self.sheet.clone(),
            })
        })
    }

    /// A line of a text file, or a row of a sheet.
    fn at(&self, line: usize) -> Location {
        match &self.sheet {
            Some(sheet) => Location::cell(Arc::clone(&self.file), Arc::clone(sheet), line, None),
            None => Location::line(Arc::clone(&self.file), line),
        }
    }

    /// How messages name the `i`-th (0-based) cell of a row: `field 3` in
    /// a text file, `column C` in a sheet.
    fn nth(&self, i: usize) -> Text {
        let (letters, n) = (crate::diag::column_letters(i + 1), i + 1);
        match &self.sheet {
            Some(_) => crate::tr!("{letters}列", "column {letters}"),
            None => crate::tr!("第{n}个字段", "field {n}"),
        }
    }

    /// Where the `i`-th (0-based) cell of a row's actual was read, numbered
    /// in `actuals`.
    fn origin(&mut self, actuals: &mut Collector, line: usize, i: usize) -> Origin {
        let table = self.numbered(actuals);
        let column = if self.sheet.is_some() { i + 1 } else { 0 };
        Origin {
            table,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// The `i`-th (0-based) cell of a row: in a sheet, the cell itself; in
    /// a text file, the line (messages name the field).
    pub(super) fn cell(&self, line: usize, i: usize) -> Location {
        match &self.sheet {
            Some(sheet) => {
                Location::cell(Arc::clone(&self.file), Arc::clone(sheet), line, Some(i + 1))
            }
            None => Location::line(Arc::clone(&self.file), line),
        }
    }
}

/// A cell of a workbook that holds something other than text or a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Special {
    /// A date or time, as the workbook shows it.
    Date(String),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

/// The header of a table.
#[derive(Clone)]
struct Header {
    line: usize,
    /// Whether the table is a sheet, whose columns have letters.
    lettered: bool,
    columns: Vec<Column>,
    titles: Vec<String>,
    /// The number of columns up to the last titled one.
    width: usize,
    /// The year of every row, for the per-year layout.
    year: Option<i32>,
}

impl Header {
    fn field(&self, i: usize) -> Text {
        let title = self.titles.get(i).map_or("", String::as_str);
        let (letters, n) = (crate::diag::column_letters(i + 1), i + 1);
        if self.lettered {
            crate::tr!("{letters}列（{title}）", "column {letters} ({title})")
        } else {
            crate::tr!("第{n}个字段（{title}）", "field {n} ({title})")
        }
    }
}

impl<'p> Reader<'p> {
    /// A reader for `plan`.
    pub fn new(plan: &'p Plan) -> Self {
        Reader {
            plan,
            by_name: None,
            actuals: Collector::new(plan.indicators.len(), plan.meta.base_year),
            last_about: None,
            last_id: (None, false),
            values: Vec::new(),
            problems: Problems::new(),
            remarks: Vec::new(),
            suggestions: HashMap::new(),
            suggestion_budget: SUGGESTION_BUDGET,
        }
    }

    /// A reader of the same plan for a part of a table's rows, read on
    /// another thread: what it reads is added with [`Reader::claim`] and
    /// [`Reader::take`].
    pub fn part(&self) -> Reader<'p> {
        Reader::new(self.plan)
    }

    /// Whether nothing read so far was a problem or worth a remark.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.remarks.is_empty()
    }

    /// Claims what `parts` read, in order, after everything read here,
    /// when each part is clean and no indicator and year is given twice;
    /// false, and nothing changed, otherwise (the rows are then to be read
    /// here, where every problem is told in order). Claimed, they are
    /// added by [`Reader::take`].
    pub fn claim(&mut self, parts: &[Reader<'p>]) -> bool {
        parts.iter().all(Reader::is_clean)
            && self.actuals.claim(parts.iter().map(|part| &part.actuals))
    }

    /// Adds what the `parts` [`Reader::claim`] claimed read of `table`,
    /// numbering the table as they did if they read an actual.
    pub fn take(&mut self, table: &mut Table, parts: Vec<Reader<'p>>) {
        if parts.iter().any(|part| !part.actuals.is_empty()) {
            table.numbered(&mut self.actuals);
        }
        self.actuals
            .take(parts.into_iter().map(|part| part.actuals));
    }

    /// Records a problem; `message` is built only if it will be shown.
    pub fn error(&mut self, at: Location, message: impl FnOnce() -> Text) {
        if self.problems.wants(&at.file) {
            self.problems.push(Diagnostic::new(at, message()));
        } else {
            self.problems.count(&at.file);
        }
    }

    /// Reads one row of `table`: a title, the header, or data.
    pub fn row(&mut self, table: &mut Table, line: usize, cells: &[&str]) {
        self.row_with(table, line, cells, &[]);
    }

    /// [`Reader::row`] for a row of a sheet, where `special` lists the
    /// cells (by 0-based position) that hold a date or an error value.
    pub fn row_with(
        &mut self,
        table: &mut Table,
        line: usize,
        cells: &[&str],
        special: &[(usize, Special)],
    ) {
        if table.failed || table.skipped.is_some() || cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        match table.header.take() {
            Some(header) => {
                self.data_row(table, &header, line, cells, special);
                table.header = Some(header);
            }
            None => self.before_header(table, line, cells),
        }
    }

    /// Finishes a table: says what was skipped, or that no header was found.
    /// For a sheet that is not a table of actuals, says why instead (and
    /// reads nothing from it).
    pub fn finish(&mut self, table: Table) -> Option<Text> {
        if table.skipped.is_some() {
            return table.skipped;
        }
        if table.failed {
            return None;
        }
        if table.sheet.is_some() && table.header.is_none() {
            return Some(crate::tr!("没有表头行", "no header row"));
        }
        let Some(header) = &table.header else {
            let seen = match &table.first_row {
                Some((line, text)) => {
                    crate::tr!(
                        "（第{line}行是“{text}”）",
                        " (line {line} reads \"{text}\")"
                    )
                }
                None => crate::tr!("（文件为空）", " (it is empty)"),
            };
            self.error(table.at(1), || {
                crate::tr!("文件没有表头行", "the file has no header row")
                    .then(&seen)
                    .then(&crate::tr!(
                        "；应有一行表头，含指标列以及下列各列：{KNOWN_COLUMNS_ZH}",
                        "; expected a row with an indicator column and columns such as {KNOWN_COLUMNS}"
                    ))
            });
            return None;
        };
        if let (Some(first), Some(last)) = (table.titles.first(), table.titles.last()) {
            let kind = if table.sheet.is_some() { "row" } else { "line" };
            let lines = if first == last {
                crate::tr!("第{first}行", "{kind} {first} is")
            } else {
                crate::tr!("第{first}—{last}行", "{kind}s {first}–{last} are")
            };
            let what = match &table.sheet {
                Some(sheet) => format!("{}:{}", table.file, sheet),
                None => table.file.to_string(),
            };
            let at = header.line;
            self.remarks.push(Remark::note(
                lines
                    .then(&crate::tr!(
                        "在表头（第{at}行）之上，作为标题跳过",
                        " above the header ({kind} {at}) and skipped as a title"
                    ))
                    .at(crate::diag::escape_controls(&what)),
            ));
        }
        None
    }

    fn before_header(&mut self, table: &mut Table, line: usize, cells: &[&str]) {
        if !cells
            .iter()
            .any(|c| column_of(c).is_some_and(Column::names_indicator))
        {
            if table.first_row.is_none() {
                table.first_row = Some((line, quote(&cells.join(","))));
            }
            table.titles.push(line);
            return;
        }
        match self.header(table, line, cells) {
            Some(header) => table.header = Some(header),
            None => table.failed = true,
        }
    }

    /// Reads the header row: every cell's role, each data role once, one layout.
    fn header(&mut self, table: &mut Table, line: usize, cells: &[&str]) -> Option<Header> {
        let width = cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |i| i + 1);
        let cells = cells.get(..width).unwrap_or(cells);
        let mut columns = Vec::with_capacity(width);
        let mut unknown = Vec::new();
        let mut first_of: HashMap<Column, usize> = HashMap::new();
        // Each problem cell, in order, with the earlier cell it repeats.
        let mut problems: Vec<(usize, Option<usize>)> = Vec::new();
        for (i, text) in cells.iter().enumerate() {
            let column = if text.trim().is_empty() {
                Some(Column::Blank)
            } else {
                column_of(text)
            };
            let Some(column) = column else {
                unknown.push(i);
                problems.push((i, None));
                continue;
            };
            if !matches!(column, Column::Ignored | Column::Blank)
                && let Some(&first) = first_of.get(&column)
            {
                problems.push((i, Some(first)));
            }
            first_of.entry(column).or_insert(i);
            columns.push(column);
        }
        let has_values = columns
            .iter()
            .any(|c| matches!(c, Column::Value | Column::YearValues(_)));
        if table.sheet.is_some() && !unknown.is_empty() && !has_values {
            // A sheet of something else (a report, a list of indicators):
            // not a table of actuals.
            let titles = unknown
                .iter()
                .filter_map(|&i| cells.get(i))
                .map(|t| format!("\"{}\"", title(t)))
                .collect::<Vec<_>>()
                .join(", ");
            table.skipped = Some(crate::tr!(
                "其表头（第{line}行）没有数值列或年份列，且有不属于实际值的列：{titles}",
                "its header (row {line}) has no value or year column, and columns that are not actuals: {titles}"
            ));
            return None;
        }
        for &(i, repeats) in &problems {
            let text = cells.get(i).copied().unwrap_or_default();
            let this = title(text);
            let message = match repeats {
                None => crate::tr!("表头的", "")
                    .then(&table.nth(i))
                    .then(&crate::tr!(
                        "：未知列“{this}”；应为{KNOWN_COLUMNS_ZH}",
                        " of the header: unknown column \"{this}\"; expected {KNOWN_COLUMNS}"
                    )),
                Some(first) => {
                    let first_title = title(cells.get(first).copied().unwrap_or_default());
                    let (a, b) = match table.sheet {
                        Some(_) => (table.nth(first), table.nth(i)),
                        None => {
                            let (a, b) = (first + 1, i + 1);
                            (
                                crate::tr!("第{a}个字段", "fields {a}"),
                                crate::tr!("第{b}个字段", "{b}"),
                            )
                        }
                    };
                    crate::tr!(
                        "表头的{a}（“{first_title}”）和{b}（“{this}”）表示同一列；请只保留一个",
                        "{a} (\"{first_title}\") and {b} (\"{this}\") of the header mean the same column; keep one";
                        a = a,
                        b = b
                    )
                }
            };
            self.error(table.cell(line, i), || message);
        }
        if !problems.is_empty() {
            return None;
        }
        let year = self.layout(table, line, &columns)?;
        self.note_ignored(table, line, cells, &columns);
        Some(Header {
            line,
            lettered: table.sheet.is_some(),
            titles: cells.iter().map(|t| title(t)).collect(),
            columns,
            width,
            year,
        })
    }

    /// Checks that the columns make one layout; returns the year of every
    /// row for the per-year layout.
    fn layout(&mut self, table: &Table, line: usize, columns: &[Column]) -> Option<Option<i32>> {
        let has = |c: Column| columns.contains(&c);
        let wide = columns.iter().any(|c| matches!(c, Column::YearValues(_)));
        let mut fail = |message: Text| {
            self.error(table.at(line), || message);
            None
        };
        if !has(Column::Value) && !wide {
            return fail(crate::tr!(
                "表头缺少数值列（value），或每年一列",
                "the header is missing the column value (数值), or one column per year"
            ));
        }
        if wide && (has(Column::Year) || has(Column::Value)) {
            return fail(crate::tr!(
                "表头既有年份列或数值列，又有2022这样的年份列：请只用一种格式",
                "the header has both a year or value column and year columns such as 2022: use one layout"
            ));
        }
        if has(Column::Value) && !has(Column::Year) {
            if table.name_year.is_none() {
                return fail(if table.named {
                    crate::tr!(
                        "文件有数值列但没有年份列，文件名中也没有四位年份（请命名为2022.csv或actuals-2022.csv，或加一列年份）",
                        "the file has a value column but no year column, and its name has no four-digit year (name it like 2022.csv or actuals-2022.csv, or add a year column)"
                    )
                } else {
                    crate::tr!(
                        "文件有数值列但没有年份列，而标准输入没有文件名可取年份（请加一列年份）",
                        "the file has a value column but no year column, and standard input has no name to take a year from (add a year column)"
                    )
                });
            }
            return Some(table.name_year);
        }
        Some(None)
    }

    /// Names, once per table, the columns that are not data.
    fn note_ignored(&mut self, table: &Table, line: usize, cells: &[&str], columns: &[Column]) {
        let ignored: Vec<String> = cells
            .iter()
            .zip(columns)
            .enumerate()
            .filter(|(_, (_, c))| matches!(c, Column::Ignored | Column::Blank))
            .map(|(i, (text, _))| {
                if text.trim().is_empty() {
                    crate::tr!("{}（无表头）", "{} (no header)", i + 1).to_string()
                } else {
                    title(text)
                }
            })
            .collect();
        if !ignored.is_empty() {
            let (s, names) = (plural(ignored.len()), ignored.join(", "));
            let is = if ignored.len() == 1 { "is" } else { "are" };
            self.remarks.push(Remark::loss(
                crate::tr!(
                    "列 {names} 不是数据，已忽略",
                    "column{s} {names} {is} not data and ignored"
                )
                .at(table.at(line)),
            ));
        }
    }

    fn data_row(
        &mut self,
        table: &mut Table,
        h: &Header,
        line: usize,
        cells: &[&str],
        special: &[(usize, Special)],
    ) {
        let extra = cells.get(h.width..).unwrap_or_default();
        if table.sheet.is_some() {
            if let Some(i) = extra.iter().position(|c| !c.trim().is_empty()) {
                let (i, last) = (h.width + i, h.width);
                let last = crate::diag::column_letters(last);
                self.error(table.cell(line, i), || {
                    crate::tr!(
                        "表头最后一列（{last}）之外还有数值：请给这一列加上表头，或清空该单元格",
                        "a value beyond the header's last column ({last}): give the column a header, or clear the cell"
                    )
                });
                return;
            }
        } else if cells.len() < h.width || extra.iter().any(|c| !c.trim().is_empty()) {
            let n = cells.len();
            let (s, width) = (plural(n), h.width);
            self.error(table.at(line), || {
                crate::tr!(
                    "这一行有{n}个字段，表头有{width}个：每行每列应各有一个单元格（含逗号的单元格请加引号，如\"1,385.5\"）",
                    "the row has {n} field{s}, the header has {width}: every row needs one cell per column (quote cells that contain a comma, such as \"1,385.5\")"
                )
            });
            return;
        }
        let Some(index) = self.indicator_of(table, h, line, cells) else {
            return;
        };
        let Some(ind) = self.plan.indicators.get(index) else {
            return;
        };
        if let Some(of) = ind.of() {
            self.error(table.at(line), || {
                crate::tr!(
                    "指标 `{}` 的数据取自 `{of}`（规划中的 `of`）：请填在 `{of}` 名下",
                    "indicator `{}` takes its figures from `{of}` (the plan's `of`): give them under `{of}`",
                    ind.id
                )
            });
            return;
        }
        let mut year = h.year;
        // The value columns of the row: a list kept from row to row.
        let mut values = std::mem::take(&mut self.values);
        values.clear();
        let mut note = None;
        let mut source = None;
        for (i, (column, cell)) in h.columns.iter().zip(cells).enumerate() {
            match column {
                Column::Year | Column::Value | Column::YearValues(_)
                    if self.refuse_special(table, h, line, i, special) =>
                {
                    return;
                }
                Column::Year => match parse_year(cell) {
                    Some(y) => year = Some(y),
                    None => {
                        let cell = quote(cell);
                        self.error(table.cell(line, i), || {
                            h.field(i).then(&crate::tr!(
                                "：年份“{cell}”有误；应为四位年份，如2022或2022年",
                                ": bad year \"{cell}\"; expected a four-digit year such as 2022 or 2022年"
                            ))
                        });
                        return;
                    }
                },
                Column::Value => values.push((None, i)),
                Column::YearValues(y) => values.push((Some(*y), i)),
                Column::Note => note = Some(cell.trim()).filter(|s| !s.is_empty()),
                Column::Source => source = Some(cell.trim()).filter(|s| !s.is_empty()),
                Column::Unit => self.check_unit(table, ind, index, line, cell),
                Column::Target => self.check_target(table, ind, index, line, cell),
                Column::Blank if !cell.trim().is_empty() => {
                    let (n, cell) = (i + 1, quote(cell));
                    self.error(table.cell(line, i), || {
                        crate::tr!(
                            "第{n}列没有表头，却有内容“{cell}”：请给这一列加上表头（如年份2022），或清空该单元格",
                            "column {n} has no header, yet holds \"{cell}\": give the column a header (a year such as 2022), or clear the cell"
                        )
                    });
                    return;
                }
                Column::Indicator | Column::Id | Column::Name | Column::Ignored | Column::Blank => {
                }
            }
        }
        let about = shared(&mut self.last_about, source, note);
        for &(column_year, i) in &values {
            let Some(y) = column_year.or(year) else {
                continue;
            };
            let cell = cells.get(i).copied().unwrap_or_default();
            let parsed = if ind.kind == Kind::Milestone {
                parse_flag(cell)
            } else {
                parse_number(cell)
            };
            match parsed {
                Ok(Cell::Missing) => {}
                Ok(Cell::Value(value)) => {
                    let origin = table.origin(&mut self.actuals, line, i);
                    let entry = Entry::new(value, origin, about.clone());
                    if !self.actuals.insert(index, y, entry) {
                        self.given_again(table.at(line), ind, index, y, value);
                    }
                }
                Err((zh, en)) => self.error(table.cell(line, i), || {
                    let cell = quote(cell);
                    h.field(i).then(&crate::tr!(
                        "：`{}` 的数值“{cell}”有误；{zh}",
                        ": bad value \"{cell}\" for `{}`; {en}",
                        ind.id
                    ))
                }),
            }
        }
        self.values = values;
    }

    /// Refuses a second value for an indicator and year, saying where the
    /// first was (looked up only if the message will be shown).
    fn given_again(
        &mut self,
        at: Location,
        ind: &Indicator,
        index: usize,
        year: i32,
        value: Observation,
    ) {
        if !self.problems.wants(&at.file) {
            self.problems.count(&at.file);
            return;
        }
        let Some(first) = self
            .actuals
            .first(index, year)
            .map(|e| (e.value(), e.origin))
        else {
            return;
        };
        let (zh, en) = if first.0 == value {
            ("相同", "the same value")
        } else {
            ("不同", "a different value")
        };
        let first = self.actuals.location(first.1);
        self.problems.push(Diagnostic::new(
            at,
            crate::tr!(
                "指标 `{}` 的{year}年数值重复出现（值{zh}）；第一次出现在{first}：每个指标每年只填一次",
                "indicator `{}` has a value for {year} again ({en}); it is first given at {first}: give each indicator and year once",
                ind.id
            ),
        ));
    }

    /// Refuses a date or an error value where a year or a number belongs;
    /// whether the cell was one.
    fn refuse_special(
        &mut self,
        table: &Table,
        h: &Header,
        line: usize,
        i: usize,
        special: &[(usize, Special)],
    ) -> bool {
        let Some((_, what)) = special.iter().find(|(at, _)| *at == i) else {
            return false;
        };
        let (zh, en) = if h.columns.get(i) == Some(&Column::Year) {
            ("年份（如2022）", "a year such as 2022")
        } else {
            ("数字", "a number")
        };
        self.error(table.cell(line, i), || match what {
            Special::Date(text) => {
                let text = quote(text);
                h.field(i).then(&crate::tr!(
                    "：单元格是日期（{text}），而此处应为{zh}：请把单元格格式设为数字（常规或数值），不要设为日期",
                    ": the cell holds a date ({text}) where {en} belongs: format the cell as a number (常规 or 数值), not a date"
                ))
            }
            Special::Error(text) => {
                let text = quote(text);
                h.field(i).then(&crate::tr!(
                    "：单元格是错误值{text}，而此处应为{zh}：请更正公式，或直接填写数值",
                    ": the cell holds the error value {text} where {en} belongs: correct the formula, or enter the figure"
                ))
            }
        });
        true
    }

    /// The indicator a row names. With an id and a name column both must
    /// name the same indicator; each cell may hold an id or an exact name.
    fn indicator_of(
        &mut self,
        table: &Table,
        h: &Header,
        line: usize,
        cells: &[&str],
    ) -> Option<usize> {
        let mut found: Option<(usize, usize)> = None;
        for (i, (column, cell)) in h.columns.iter().zip(cells).enumerate() {
            if !column.names_indicator() || cell.trim().is_empty() {
                continue;
            }
            let text = cell.trim();
            let index = match column {
                Column::Name => self.by_name(text).or_else(|| self.plan.position(text)),
                _ => self.by_id(text).or_else(|| self.by_name(text)),
            };
            let Some(index) = index else {
                self.unknown_indicator(table, h, line, i, text);
                return None;
            };
            match found {
                Some((first, other)) if other != index => {
                    let (a, b) = (self.describe(other), self.describe(index));
                    let first_cell = cells.get(first).copied().unwrap_or_default();
                    let (first_cell, text) = (quote(first_cell), quote(text));
                    self.error(table.cell(line, first), || {
                        h.field(first)
                            .then(&crate::tr!("“{first_cell}”是{a}，而", " \"{first_cell}\" is {a} but "))
                            .then(&h.field(i))
                            .then(&crate::tr!(
                                "“{text}”是{b}：代码和名称必须指同一个指标",
                                " \"{text}\" is {b}: the id and the name must name the same indicator"
                            ))
                    });
                    return None;
                }
                Some(_) => {}
                None => found = Some((i, index)),
            }
        }
        if found.is_none() {
            self.error(table.at(line), || {
                crate::tr!(
                    "这一行有数值但没有指标：请填写指标单元格",
                    "the row has values but no indicator: fill in its indicator cell"
                )
            });
        }
        found.map(|(_, index)| index)
    }

    /// The position of the indicator with this id, asking the plan only
    /// when it is neither the id of the last row nor the next indicator's:
    /// a table made from the template or the plan lists the indicators in
    /// plan order.
    fn by_id(&mut self, id: &str) -> Option<usize> {
        let plan = self.plan;
        let is = |i: usize| plan.indicators.get(i).is_some_and(|ind| ind.id == id);
        // The next indicator is tried only while rows come in plan order: in
        // a shuffled table the guess would cost a cache miss a row.
        let (last, in_order) = self.last_id;
        let near = last.and_then(|i| {
            let next = in_order.then_some(i + 1);
            std::iter::once(i).chain(next).find(|&i| is(i))
        });
        let found = near.or_else(|| plan.position(id));
        if let Some(found) = found {
            let in_order = last.is_some_and(|i| found == i || found == i + 1);
            self.last_id = (Some(found), in_order);
        }
        found
    }

    /// The position of the indicator with this exact name.
    fn by_name(&mut self, name: &str) -> Option<usize> {
        let plan = self.plan;
        let names = self.by_name.get_or_insert_with(|| {
            plan.indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| (ind.name.as_str(), i))
                .collect()
        });
        names.get(name).copied()
    }

    fn describe(&self, index: usize) -> String {
        self.plan
            .indicators
            .get(index)
            .map_or_else(String::new, |ind| format!("`{}` ({})", ind.id, ind.name))
    }

    fn unknown_indicator(&mut self, table: &Table, h: &Header, line: usize, i: usize, text: &str) {
        let at = table.cell(line, i);
        if !self.problems.wants(&at.file) {
            self.problems.count(&at.file);
            return;
        }
        let plan = self.plan;
        let cost = 2 * plan.indicators.len();
        let budget = &mut self.suggestion_budget;
        let suggestion = *self.suggestions.entry(text.to_string()).or_insert_with(|| {
            if *budget < cost {
                return None;
            }
            *budget -= cost;
            suggest(
                text,
                plan.indicators
                    .iter()
                    .flat_map(|ind| [ind.id.as_str(), ind.name.as_str()]),
            )
        });
        let hint = match suggestion {
            Some(s) => crate::tr!("；是不是“{s}”？", "; did you mean \"{s}\"?"),
            None => crate::tr!(
                "；运行 `plantrack list` 可查看全部代码",
                "; run `plantrack list` for the ids"
            ),
        };
        let field = if h.columns.iter().filter(|c| c.names_indicator()).count() > 1 {
            h.field(i).then(&crate::tr!("：", ": "))
        } else {
            Text::default()
        };
        let text = quote(text);
        self.error(at, || {
            field
                .then(&crate::tr!(
                    "未知指标“{text}”：规划中没有这个代码或名称",
                    "unknown indicator \"{text}\": not an id or name in the plan"
                ))
                .then(&hint)
        });
    }

    /// Warns, once per indicator and table, when the row's unit is not the plan's.
    fn check_unit(
        &mut self,
        table: &mut Table,
        ind: &Indicator,
        index: usize,
        line: usize,
        cell: &str,
    ) {
        let unit = super::cell::normalize_text(cell);
        if unit.is_empty() || same_unit(&unit, &ind.unit) {
            return;
        }
        let unit = quote(&unit);
        let message = crate::tr!(
            "`{}` 此处的单位是“{unit}”，而规划的单位是“{}”：数值按规划的单位读取；如不是，请先换算",
            "`{}` is in \"{unit}\" here but the plan's unit is \"{}\": the figures are read in the plan's unit; convert them if they are not",
            ind.id,
            ind.unit
        );
        self.warn_once(table, (index, Column::Unit), line, message);
    }

    /// Warns, once per indicator and table, when the row's target is not the plan's.
    fn check_target(
        &mut self,
        table: &mut Table,
        ind: &Indicator,
        index: usize,
        line: usize,
        cell: &str,
    ) {
        let (Some(found), Some(target)) = (first_number(cell), ind.target) else {
            return;
        };
        if approx_eq(found, target) || ind.target_high().is_some_and(|h| approx_eq(found, h)) {
            return;
        }
        let cell = quote(cell);
        let message = crate::tr!(
            "`{}` 此处的目标是“{cell}”，而规划的目标是{target}：以规划的目标为准",
            "`{}` has the target \"{cell}\" here but the plan's target is {target}: the plan's target is used",
            ind.id
        );
        self.warn_once(table, (index, Column::Target), line, message);
    }

    /// Warns at `line` unless `table` has been warned about `what` already.
    fn warn_once(&mut self, table: &mut Table, what: (usize, Column), line: usize, message: Text) {
        if table.warned.insert(what) {
            self.remarks
                .push(Remark::warning_at(&table.at(line), &message));
        }
    }
}

/// Spellings of one unit that sheets use interchangeably.
const UNIT_SPELLINGS: &[&[&str]] = &[
    &["µg/m³", "μg/m³", "ug/m3", "µg/m3", "μg/m3", "微克/立方米"],
    &["%", "百分比", "百分数"],
    &["km", "公里", "千米"],
    &["km²", "km2", "平方公里", "平方千米"],
    &["m²", "m2", "平方米"],
];

/// Whether two unit cells name the same unit: equal ignoring case and
/// white space, or two spellings of one unit.
fn same_unit(a: &str, b: &str) -> bool {
    let key = |u: &str| u.split_whitespace().collect::<String>().to_lowercase();
    let (a, b) = (key(a), key(b));
    a == b
        || UNIT_SPELLINGS.iter().any(|spellings| {
            let has = |u: &str| spellings.iter().any(|s| s.to_lowercase() == u);
            has(&a) && has(&b)
        })
}

/// A four-digit year in a file or sheet name: `2022.csv`, `actuals-2022`,
/// `2022年`; none if there are two (`2021-2022`).
pub fn year_in_name(stem: &str) -> Option<i32> {
    let mut years = stem
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse().ok());
    let year = years.next()?;
    years.next().is_none().then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_spelled_differently_are_one_unit() {
        assert!(same_unit("微克/立方米", "µg/m³"));
        assert!(same_unit(" 亿元 ", "亿元"));
        assert!(same_unit("KM", "公里"));
        assert!(!same_unit("万元", "亿元"));
    }

    #[test]
    fn years_in_file_names() {
        assert_eq!(year_in_name("actuals-2022"), Some(2022));
        assert_eq!(year_in_name("2022年"), Some(2022));
        assert_eq!(year_in_name("actuals"), None);
        assert_eq!(year_in_name("2021-2022"), None);
        assert_eq!(year_in_name("v12022"), None);
    }
}
