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

pub use cell::{Cell, parse_flag, parse_number, parse_year};
pub use checks::{Plausible, warnings};
pub use decode::{Decoded, Encoding, decode};
pub use source::{
    FileId, MAX_INPUT_BYTES, STDIN_NAME, Source, identity, read as read_source, sources,
};

/// How to read actuals.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<Encoding>,
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
        Ok((reader.actuals, reader.remarks))
    } else {
        Err(Error::Actuals(reader.problems))
    }
}

/// Reads one input, a workbook or a CSV/TSV file, told by its first bytes
/// rather than its name: a workbook saved as `.csv` is still a workbook.
fn read_one(reader: &mut sheet::Reader, source: &Source, bytes: Vec<u8>, options: &ReadOptions) {
    if workbook::is_workbook(&bytes) {
        workbook::read(reader, source, bytes);
    } else {
        csv::read(reader, source, bytes, options);
    }
}

/// Reads the bytes of one file named `name` (no year in a name), for tests
/// and fuzzing: what [`read`] does with one file's bytes.
pub fn read_bytes(plan: &Plan, name: &str, bytes: &[u8]) -> Result<(Actuals, Vec<Remark>)> {
    let source = Source {
        name: name.into(),
        path: Some(name.into()),
    };
    let mut reader = sheet::Reader::new(plan);
    read_one(
        &mut reader,
        &source,
        bytes.to_vec(),
        &ReadOptions::default(),
    );
    if reader.problems.is_empty() {
        Ok((reader.actuals, reader.remarks))
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
    /// The value.
    pub value: Observation,
    /// Where it was read (see [`Actuals::location`]).
    pub origin: Origin,
    /// The row's note column, if any.
    pub note: Option<Arc<str>>,
    /// The row's source column, if any.
    pub source: Option<Arc<str>>,
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
/// and year: one short vector per indicator, in year order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actuals {
    by_indicator: Vec<Vec<Dated>>,
    len: usize,
    /// The tables the origins number.
    tables: Vec<TableName>,
}

impl Actuals {
    /// No actuals, for a plan of `indicators` indicators.
    pub fn new(indicators: usize) -> Self {
        Actuals {
            by_indicator: vec![Vec::new(); indicators],
            len: 0,
            tables: Vec::new(),
        }
    }

    /// Adds an actual for the indicator at `index` in the plan. If it
    /// already has one for `year`, nothing is changed and the existing
    /// entry is returned; an index outside the plan is ignored.
    pub fn insert(&mut self, index: usize, year: i32, entry: Entry) -> Result<(), &Entry> {
        let Some(years) = self.by_indicator.get_mut(index) else {
            return Ok(());
        };
        match years.binary_search_by_key(&year, |d| d.year) {
            Ok(i) => match years.get(i) {
                Some(first) => Err(&first.entry),
                None => Ok(()),
            },
            Err(i) => {
                years.insert(i, Dated { year, entry });
                self.len += 1;
                Ok(())
            }
        }
    }

    /// Numbers a table for [`Origin`]s.
    pub fn add_table(&mut self, table: TableName) -> u32 {
        self.tables.push(table);
        u32::try_from(self.tables.len() - 1).unwrap_or(u32::MAX)
    }

    /// Where an origin is, as messages name it.
    pub fn location(&self, origin: Origin) -> Location {
        let line = origin.line as usize;
        let column = (origin.column > 0).then_some(origin.column as usize);
        match self.tables.get(origin.table as usize) {
            Some(TableName {
                file,
                sheet: Some(sheet),
            }) => Location::cell(Arc::clone(file), Arc::clone(sheet), line, column),
            Some(TableName { file, sheet: None }) => Location::line(Arc::clone(file), line),
            None => Location::line("?", line),
        }
    }

    /// The actuals of the indicator at `index`, in year order.
    pub fn entries(&self, index: usize) -> &[Dated] {
        self.by_indicator.get(index).map_or(&[], Vec::as_slice)
    }

    /// The values of the indicator at `index`, by year (empty if it has none).
    pub fn series(&self, index: usize) -> Series {
        self.entries(index)
            .iter()
            .map(|d| (d.year, d.entry.value))
            .collect()
    }

    /// The latest year within `period` that any indicator has an actual for.
    pub fn latest_year_within(&self, period: RangeInclusive<i32>) -> Option<i32> {
        self.by_indicator
            .iter()
            .filter_map(|years| years.iter().rev().find(|d| period.contains(&d.year)))
            .map(|d| d.year)
            .max()
    }

    /// Every indicator (by position) with its actuals.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &[Dated])> {
        self.by_indicator
            .iter()
            .enumerate()
            .map(|(i, years)| (i, years.as_slice()))
    }

    /// Whether no actual was given.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of actuals.
    pub fn len(&self) -> usize {
        self.len
    }
}
