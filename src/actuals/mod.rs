//! Actual yearly figures: the model, and reading them.
//!
//! [`Actuals`] holds, per indicator id, one [`Entry`] per year, each
//! remembering where it was read. Reading is split by step: `source.rs`
//! finds the inputs, `decode.rs` turns bytes into text, `csv.rs` reads CSV
//! and TSV into rows, `workbook.rs` reads the sheets of `.xlsx`, `.xls` and
//! `.ods` workbooks into rows, `header.rs` and `sheet.rs` turn rows into entries,
//! `cell.rs` parses each cell. `checks.rs` looks over what was read for
//! likely mistakes.

mod cell;
mod checks;
mod csv;
mod decode;
mod header;
mod sheet;
mod source;
mod workbook;

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Location, Remark};
use crate::error::{Error, Result};
use crate::plan::Plan;
use rustc_hash::{FxHashMap, FxHashSet};

pub use cell::{Cell, parse_flag, parse_number, parse_year};
pub use checks::{Checked, Doubt, Flag, Plausible, check};
pub use decode::{Decoded, Encoding, decode};
pub use source::{
    FileId, MAX_INPUT_BYTES, STDIN_NAME, Source, identity, open as open_source,
    read as read_source, sources,
};

/// How to read actuals.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// From this many bytes a CSV table's data rows are read in parts on
    /// every core (none: 1 MB). Tests and fuzzing read small tables both
    /// ways (0, and `usize::MAX`) and compare.
    pub parts_from: Option<usize>,
}

/// Reads every source into one set of actuals, checked against `plan`.
/// Every problem in every source is collected into one error; notes on how
/// files were read (an encoding detected, columns ignored, title rows
/// skipped) and warnings (a unit or target that differs from the plan's)
/// come back beside the actuals.
pub fn read(
    plan: &Plan,
    sources: &[Source],
    options: &ReadOptions,
) -> Result<(Actuals, Vec<Remark>)> {
    let mut reader = sheet::Reader::new(plan);
    for source in sources {
        let bytes = source::read(source)?;
        read_one(&mut reader, source, bytes, options);
    }
    if reader.problems.is_empty() {
        Ok((reader.actuals.finish(), reader.remarks))
    } else {
        Err(Error::Actuals(reader.problems))
    }
}

/// Reads one input, a workbook or a CSV/TSV file, told by its first bytes
/// rather than its name: a workbook saved as `.csv` is still a workbook.
fn read_one(reader: &mut sheet::Reader, source: &Source, bytes: Vec<u8>, options: &ReadOptions) {
    if crate::workbook::is_workbook(&bytes) {
        workbook::read(reader, source, bytes);
    } else {
        csv::read(reader, source, bytes, options);
    }
}

/// Reads the bytes of one file named `name` (no year in a name), for tests
/// and fuzzing: what [`read`] does with one file's bytes.
pub fn read_bytes(plan: &Plan, name: &str, bytes: &[u8]) -> Result<(Actuals, Vec<Remark>)> {
    read_bytes_with(plan, name, bytes, &ReadOptions::default())
}

/// [`read_bytes`] as `options` say.
pub fn read_bytes_with(
    plan: &Plan,
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(Actuals, Vec<Remark>)> {
    let source = Source {
        name: name.into(),
        path: Some(name.into()),
    };
    let mut reader = sheet::Reader::new(plan);
    read_one(&mut reader, &source, bytes.to_vec(), options);
    if reader.problems.is_empty() {
        Ok((reader.actuals.finish(), reader.remarks))
    } else {
        Err(Error::Actuals(reader.problems))
    }
}

/// One actual value: a number, or yes/no for a milestone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Observation {
    /// A figure as written (percent signs dropped: `16%` is 16).
    Number(f64),
    /// A milestone's achieved (true) or not (false).
    Flag(bool),
}

impl Observation {
    /// The number, if this is one.
    pub fn number(self) -> Option<f64> {
        match self {
            Observation::Number(n) => Some(n),
            Observation::Flag(_) => None,
        }
    }

    /// Whether the value means "achieved": `true`, or the number 1.
    pub fn is_yes(self) -> bool {
        match self {
            Observation::Flag(b) => b,
            Observation::Number(n) => n == 1.0,
        }
    }
}

impl Serialize for Observation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Observation::Number(n) => s.serialize_f64(*n),
            Observation::Flag(b) => s.serialize_bool(*b),
        }
    }
}

impl std::fmt::Display for Observation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Observation::Number(n) => write!(f, "{n}"),
            Observation::Flag(b) => write!(f, "{b}"),
        }
    }
}

/// An indicator's actuals by year, as the assessment sees them.
pub type Series = BTreeMap<i32, Observation>;

/// Where an actual was read, compactly: the table (file, or sheet of a
/// workbook) by its number in [`Actuals`], the line or row, and the column
/// of a sheet (0 for a line of a text file). [`Actuals::location`] turns it
/// into a [`Location`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// The table's number.
    pub table: u32,
    /// The 1-based line or row.
    pub line: u32,
    /// The 1-based column in a sheet; 0 for a text file's line.
    pub column: u32,
}

/// A table actuals were read from: a file, or a sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableName {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// The sheet, in a workbook.
    pub sheet: Option<Arc<str>>,
}

/// One actual with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The value (see [`Entry::value`]).
    value: Packed,
    /// Where it was read (see [`Actuals::location`]).
    pub origin: Origin,
    /// The row's source and note columns, if either is given.
    pub about: Option<Arc<About>>,
}

/// An [`Observation`] in 8 bytes, not 16: a figure as itself, a yes or no
/// as one of two NaNs no figure is (figures are finite). An entry is then
/// 32 bytes: 24 MB less at three million figures.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Packed(u64);

/// The bits of a yes or a no: a quiet NaN with a payload of its own.
const FLAG_BITS: u64 = 0x7ff8_dead_beef_0000;

impl Packed {
    fn of(value: Observation) -> Self {
        match value {
            Observation::Number(n) => Packed(n.to_bits()),
            Observation::Flag(b) => Packed(FLAG_BITS | u64::from(b)),
        }
    }

    fn get(self) -> Observation {
        match self.0 & !1 {
            FLAG_BITS => Observation::Flag(self.0 & 1 == 1),
            _ => Observation::Number(f64::from_bits(self.0)),
        }
    }
}

impl Entry {
    /// An actual of `value` read at `origin`, with the row's source and
    /// note if it has either.
    pub fn new(value: Observation, origin: Origin, about: Option<Arc<About>>) -> Self {
        Entry {
            value: Packed::of(value),
            origin,
            about,
        }
    }

    /// The value.
    pub fn value(&self) -> Observation {
        self.value.get()
    }

    /// The row's source column, if any.
    pub fn source(&self) -> Option<&str> {
        self.about.as_ref()?.source.as_deref()
    }

    /// The row's note column, if any.
    pub fn note(&self) -> Option<&str> {
        self.about.as_ref()?.note.as_deref()
    }
}

/// A figure's source and note columns: kept out of line, as most figures
/// have neither (16 bytes less an entry: 48 MB at three million figures),
/// and shared by the rows of a table that repeat them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct About {
    /// The source column.
    pub source: Option<Box<str>>,
    /// The note column.
    pub note: Option<Box<str>>,
}

/// An actual and its year.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    /// The year.
    pub year: i32,
    /// The actual.
    pub entry: Entry,
}

/// All actuals given for a plan, by indicator (its position in the plan)
/// and year: every actual in one vector, grouped by indicator in plan
/// order and in year order within each, so that reading them is a walk
/// through memory. Built by a [`Collector`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actuals {
    dated: Vec<Dated>,
    /// Where each indicator's actuals start in `dated`, and then where the
    /// last one's end: one more than there are indicators.
    starts: Vec<usize>,
    /// The tables the origins number.
    tables: Vec<TableName>,
    /// The doubtful figures of the indicators that have any (see
    /// [`check`]), by position, once checked: they travel with the figures
    /// into the rows that use them.
    flags: Vec<(usize, Vec<Flag>)>,
    /// A bit for each indicator with a doubtful figure: most have none,
    /// and a bit tells so without searching `flags`.
    flagged: Vec<u64>,
    /// A bit for each year (0–9999) any actual is for, set as the actuals
    /// are gathered: the latest year is then found without a pass over
    /// millions of them.
    years: Vec<u64>,
}

/// Actuals as they are read: each kept in the order read (a long table
/// is read without a jump through memory, whatever order its rows are
/// in), a second value for the same indicator and year refused at once.
/// [`Collector::finish`] groups them into [`Actuals`].
#[derive(Debug, Clone, Default)]
pub struct Collector {
    rows: Vec<Row>,
    given: Given,
    indicators: usize,
    tables: Vec<TableName>,
    /// Where each indicator and year first is in `rows`; built only when
    /// a second value is refused, to say where the first one was.
    first: Option<FxHashMap<(u32, i32), usize>>,
}

/// One actual as read: a [`Dated`] with its indicator's position, the
/// same size, so that grouping them reuses the memory.
#[derive(Debug, Clone)]
struct Row {
    year: i32,
    index: u32,
    entry: Entry,
}

/// Which indicator and year have a value: a bit per year for the years
/// around the plan's (a few megabytes at a million indicators, so a
/// shuffled table does not wander through memory to check), a set for
/// any other year.
#[derive(Debug, Clone, Default)]
struct Given {
    first_year: i32,
    bits: Vec<u32>,
    other: FxHashSet<(u32, i32)>,
}

impl Given {
    /// The first year with a bit: the plan's base year less this.
    const BEFORE: i32 = 10;

    fn new(indicators: usize, base_year: i32) -> Self {
        Given {
            first_year: base_year.saturating_sub(Self::BEFORE),
            bits: vec![0; indicators],
            other: FxHashSet::default(),
        }
    }

    /// Marks the indicator at `index` as having a value for `year`;
    /// whether it had none before.
    fn mark(&mut self, index: u32, year: i32) -> bool {
        let offset = year.checked_sub(self.first_year);
        let slot = self.bits.get_mut(index as usize);
        match (offset.and_then(|k| u32::try_from(k).ok()), slot) {
            (Some(k), Some(bits)) if k < u32::BITS => {
                let bit = 1 << k;
                let fresh = *bits & bit == 0;
                *bits |= bit;
                fresh
            }
            _ => self.other.insert((index, year)),
        }
    }

    /// Adds the marks of `part` (for the same plan), unless the two
    /// share one: then nothing changes and false.
    fn absorb(&mut self, part: &Given) -> bool {
        let same_plan = self.first_year == part.first_year && self.bits.len() == part.bits.len();
        let shared = self.bits.iter().zip(&part.bits).any(|(a, b)| a & b != 0)
            || part.other.iter().any(|k| self.other.contains(k));
        if !same_plan || shared {
            return false;
        }
        for (a, b) in self.bits.iter_mut().zip(&part.bits) {
            *a |= b;
        }
        self.other.extend(&part.other);
        true
    }

    /// Takes back the marks of a `part` that [`Given::absorb`] added.
    fn forget(&mut self, part: &Given) {
        for (a, b) in self.bits.iter_mut().zip(&part.bits) {
            *a &= !b;
        }
        for key in &part.other {
            self.other.remove(key);
        }
    }
}

impl Collector {
    /// No actuals yet, for a plan of `indicators` indicators whose base
    /// year is `base_year`.
    pub fn new(indicators: usize, base_year: i32) -> Self {
        Collector {
            rows: Vec::new(),
            given: Given::new(indicators, base_year),
            indicators,
            tables: Vec::new(),
            first: None,
        }
    }

    /// Adds an actual for the indicator at `index` in the plan; `false`
    /// if it already has one for `year` (then nothing is changed, and
    /// [`Collector::first`] finds the one given first). An index outside
    /// the plan is ignored.
    pub fn insert(&mut self, index: usize, year: i32, entry: Entry) -> bool {
        let Some(index) = u32::try_from(index)
            .ok()
            .filter(|_| index < self.indicators)
        else {
            return true;
        };
        if !self.given.mark(index, year) {
            return false;
        }
        if let Some(first) = &mut self.first {
            first.insert((index, year), self.rows.len());
        }
        self.rows.push(Row { year, index, entry });
        true
    }

    /// Room for `additional` more actuals.
    pub fn reserve(&mut self, additional: usize) {
        self.rows.reserve(additional);
    }

    /// Claims the indicators and years of `parts`, read in that order
    /// after everything here (each without tables of its own), for
    /// [`Collector::take`]; false, and nothing claimed, if one is given
    /// twice among them all.
    pub fn claim<'a>(&mut self, parts: impl Iterator<Item = &'a Collector> + Clone) -> bool {
        for (k, part) in parts.clone().enumerate() {
            if !self.given.absorb(&part.given) {
                for earlier in parts.take(k) {
                    self.given.forget(&earlier.given);
                }
                return false;
            }
        }
        true
    }

    /// Adds the actuals of `parts`, claimed with [`Collector::claim`]. The
    /// first part's list becomes this one's when this holds none yet (it
    /// is made with room for the rest).
    pub fn take(&mut self, parts: impl IntoIterator<Item = Collector>) {
        self.first = None;
        let mut parts = parts.into_iter();
        if self.rows.is_empty()
            && let Some(first) = parts.next()
        {
            self.rows = first.rows;
        }
        for part in parts {
            self.rows.extend(part.rows);
        }
    }

    /// The actual first given for the indicator at `index` and `year`.
    pub fn first(&mut self, index: usize, year: i32) -> Option<&Entry> {
        let rows = &self.rows;
        let first = self.first.get_or_insert_with(|| {
            rows.iter()
                .enumerate()
                .map(|(at, row)| ((row.index, row.year), at))
                .collect()
        });
        let at = *first.get(&(u32::try_from(index).ok()?, year))?;
        self.rows.get(at).map(|row| &row.entry)
    }

    /// The actuals grouped by indicator and year, sorted in place: rows
    /// already in that order (a table made from the template or the plan)
    /// cost the sort one pass.
    pub fn finish(self) -> Actuals {
        let mut rows = self.rows;
        rows.sort_unstable_by_key(|row| (row.index, row.year));
        let mut starts = Vec::with_capacity(self.indicators + 1);
        let mut next = 0;
        for (at, row) in rows.iter().enumerate() {
            while next <= row.index as usize {
                starts.push(at);
                next += 1;
            }
        }
        starts.resize(self.indicators + 1, rows.len());
        let mut years = Vec::new();
        let dated = rows
            .into_iter()
            .map(|row| {
                set_bit(&mut years, usize::try_from(row.year).unwrap_or(0));
                Dated {
                    year: row.year,
                    entry: row.entry,
                }
            })
            .collect();
        Actuals {
            dated,
            starts,
            tables: self.tables,
            flags: Vec::new(),
            flagged: Vec::new(),
            years,
        }
    }

    /// Whether no actual has been added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The number [`Collector::add_table`] gives next.
    pub fn next_table(&self) -> u32 {
        u32::try_from(self.tables.len()).unwrap_or(u32::MAX)
    }

    /// Numbers a table for [`Origin`]s.
    pub fn add_table(&mut self, table: TableName) -> u32 {
        self.tables.push(table);
        u32::try_from(self.tables.len() - 1).unwrap_or(u32::MAX)
    }

    /// Where an origin is, as messages name it.
    pub fn location(&self, origin: Origin) -> Location {
        location(&self.tables, origin)
    }
}

/// Where `origin` is, among `tables`.
fn location(tables: &[TableName], origin: Origin) -> Location {
    let line = origin.line as usize;
    let column = (origin.column > 0).then_some(origin.column as usize);
    match tables.get(origin.table as usize) {
        Some(TableName {
            file,
            sheet: Some(sheet),
        }) => Location::cell(Arc::clone(file), Arc::clone(sheet), line, column),
        Some(TableName { file, sheet: None }) => Location::line(Arc::clone(file), line),
        None => Location::line("?", line),
    }
}

/// Sets bit `at` of `bits`, growing it as needed.
fn set_bit(bits: &mut Vec<u64>, at: usize) {
    if bits.len() <= at / 64 {
        bits.resize(at / 64 + 1, 0);
    }
    if let Some(word) = bits.get_mut(at / 64) {
        *word |= 1 << (at % 64);
    }
}

/// Whether bit `at` of `bits` is set.
fn has_bit(bits: &[u64], at: usize) -> bool {
    bits.get(at / 64)
        .is_some_and(|word| word & (1 << (at % 64)) != 0)
}

impl Actuals {
    /// Where an origin is, as messages name it.
    pub fn location(&self, origin: Origin) -> Location {
        location(&self.tables, origin)
    }

    /// Keeps the doubtful figures [`check`] found, for the rows.
    pub fn set_flags(&mut self, flags: Vec<(usize, Vec<Flag>)>) {
        self.flagged = Vec::new();
        for (at, _) in &flags {
            set_bit(&mut self.flagged, *at);
        }
        self.flags = flags;
    }

    /// The doubtful figures of the indicator at `index`, in year order.
    pub fn flags(&self, index: usize) -> &[Flag] {
        if !has_bit(&self.flagged, index) {
            return &[];
        }
        self.flags
            .binary_search_by_key(&index, |(at, _)| *at)
            .ok()
            .and_then(|k| self.flags.get(k))
            .map_or(&[], |(_, flags)| flags.as_slice())
    }

    /// The actuals of the indicator at `index`, in year order.
    pub fn entries(&self, index: usize) -> &[Dated] {
        let (Some(&start), Some(&end)) = (self.starts.get(index), self.starts.get(index + 1))
        else {
            return &[];
        };
        self.dated.get(start..end).unwrap_or_default()
    }

    /// The values of the indicator at `index`, by year (empty if it has none).
    pub fn series(&self, index: usize) -> Series {
        self.entries(index)
            .iter()
            .map(|d| (d.year, d.entry.value()))
            .collect()
    }

    /// The latest year within `period` that any indicator has an actual for.
    pub fn latest_year_within(&self, period: RangeInclusive<i32>) -> Option<i32> {
        period
            .rev()
            .find(|&year| usize::try_from(year).is_ok_and(|year| has_bit(&self.years, year)))
    }

    /// Every indicator (by position) with its actuals.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &[Dated])> {
        (0..self.starts.len().saturating_sub(1)).map(|i| (i, self.entries(i)))
    }

    /// Whether no actual was given.
    pub fn is_empty(&self) -> bool {
        self.dated.is_empty()
    }

    /// The number of actuals.
    pub fn len(&self) -> usize {
        self.dated.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn a_value_is_packed_in_eight_bytes_and_unpacked_as_it_was() {
        for value in [
            Observation::Number(0.0),
            Observation::Number(-0.0),
            Observation::Number(1360.5),
            Observation::Number(-7.25e-12),
            Observation::Number(f64::MAX),
            Observation::Flag(true),
            Observation::Flag(false),
        ] {
            let packed = Packed::of(value);
            assert_eq!(packed.get(), value);
            assert_eq!(packed.get().to_string(), value.to_string());
        }
        assert_eq!(std::mem::size_of::<Entry>(), 32);
        assert_eq!(std::mem::size_of::<Dated>(), 40);
    }

    fn entry(value: f64, line: u32) -> Entry {
        Entry::new(
            Observation::Number(value),
            Origin {
                table: 0,
                line,
                column: 0,
            },
            None,
        )
    }

    #[test]
    fn rows_in_any_order_are_grouped_by_indicator_and_year() {
        let mut collector = Collector::new(4, 2020);
        for (line, (index, year)) in [(2, 2023), (0, 2021), (2, 2021), (0, 1990), (2, 2099)]
            .into_iter()
            .enumerate()
        {
            assert!(collector.insert(index, year, entry(line as f64, line as u32)));
        }
        let actuals = collector.finish();
        let years = |i| {
            actuals
                .entries(i)
                .iter()
                .map(|d| d.year)
                .collect::<Vec<_>>()
        };
        assert_eq!(years(0), [1990, 2021]);
        assert_eq!(years(1), Vec::<i32>::new());
        assert_eq!(years(2), [2021, 2023, 2099]);
        assert_eq!(years(3), Vec::<i32>::new());
        assert_eq!(years(4), Vec::<i32>::new());
        assert_eq!(actuals.len(), 5);
        assert_eq!(
            actuals.entries(2)[1].entry.value(),
            Observation::Number(0.0)
        );
        assert_eq!(actuals.latest_year_within(2020..=2025), Some(2023));
        assert_eq!(actuals.iter().count(), 4);
    }

    #[test]
    fn a_second_value_is_refused_and_the_first_found() {
        let mut collector = Collector::new(2, 2020);
        assert!(collector.insert(1, 2022, entry(5.0, 2)));
        assert!(collector.insert(0, 2022, entry(6.0, 3)));
        assert!(!collector.insert(1, 2022, entry(7.0, 4)));
        // Years far from the plan's are kept apart, and refused the same way.
        assert!(collector.insert(1, 1949, entry(8.0, 5)));
        assert!(!collector.insert(1, 1949, entry(9.0, 6)));
        assert_eq!(collector.first(1, 2022).map(|e| e.origin.line), Some(2));
        assert_eq!(collector.first(1, 1949).map(|e| e.origin.line), Some(5));
        // Found after further rows too, once the lookup is built.
        assert!(collector.insert(0, 2023, entry(1.0, 7)));
        assert_eq!(collector.first(0, 2023).map(|e| e.origin.line), Some(7));
        assert_eq!(collector.first(0, 2024), None);
        // An indicator outside the plan is ignored.
        assert!(collector.insert(2, 2022, entry(1.0, 8)));
        assert_eq!(collector.finish().len(), 4);
    }

    proptest::proptest! {
        /// Whatever order actuals come in, the result is what a map of
        /// maps keeping the first value per indicator and year gives.
        #[test]
        fn grouping_matches_a_map_keeping_the_first(
            rows in proptest::collection::vec((0usize..6, 1995i32..2050, -1e6f64..1e6), 0..200)
        ) {
            let mut collector = Collector::new(5, 2020);
            let mut model: BTreeMap<usize, BTreeMap<i32, f64>> = BTreeMap::new();
            for (line, &(index, year, value)) in rows.iter().enumerate() {
                let fresh = index < 5
                    && !model.get(&index).is_some_and(|years| years.contains_key(&year));
                let added = collector.insert(index, year, entry(value, line as u32));
                proptest::prop_assert_eq!(added, fresh || index >= 5);
                if fresh {
                    model.entry(index).or_default().insert(year, value);
                }
            }
            let actuals = collector.finish();
            for index in 0..5 {
                let got: Vec<(i32, f64)> = actuals
                    .entries(index)
                    .iter()
                    .map(|d| (d.year, d.entry.value().number().unwrap_or(f64::NAN)))
                    .collect();
                let want: Vec<(i32, f64)> = model
                    .get(&index)
                    .map(|years| years.iter().map(|(&y, &v)| (y, v)).collect())
                    .unwrap_or_default();
                proptest::prop_assert_eq!(got, want);
            }
        }
    }
}
