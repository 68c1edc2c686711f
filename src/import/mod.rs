//! `plantrack import`: a plan's table of main indicators (主要指标表), as
//! offices keep it in Excel, WPS or a Word table saved as CSV, read into a
//! plan file in plantrack's schema.
//!
//! The table is found by its header row (the first row naming 指标 and a
//! year); rows above it (a title) and rows from the first `注` below it
//! (footnotes) are not indicators. Each row's cells are read by
//! [`grammar`]; the plan is written by [`write`]. Nothing here assesses.

pub mod grammar;
pub mod write;

use crate::error::Error;
use crate::msg::Text;

/// The roles of the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Number,
    Category,
    Name,
    Unit,
    Baseline(i32),
    Target(i32),
    Annual,
    Binding,
    Other,
}

/// One indicator row of the table, as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// The 1-based line (row) of the table it came from.
    pub line: usize,
    /// The category (类别/领域), carried down merged cells.
    pub category: Option<String>,
    /// The name, without a unit in brackets.
    pub name: String,
    /// The unit, from its column or from brackets after the name.
    pub unit: String,
    /// The baseline cell.
    pub baseline: String,
    /// The target cell.
    pub target: String,
    /// The 年均增长/累计 cell, if the table has one.
    pub annual: String,
    /// 约束性 (true) or 预期性 (false).
    pub binding: Option<bool>,
}

/// The table read: the period, the indicator rows and the footnotes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The title above the header, if any.
    pub title: Option<String>,
    /// The base year and target year, from the headers.
    pub years: (i32, i32),
    /// The indicator rows.
    pub rows: Vec<Row>,
    /// Footnotes (注：…) below the table.
    pub notes: Vec<String>,
}

/// Finds the indicator table among `rows` (cells as text, from a CSV or a
/// workbook's first sheet with one) of the file `name`.
pub fn table(name: &str, rows: &[Vec<String>]) -> Result<Table, Error> {
    let Some((at, roles, years)) = rows
        .iter()
        .enumerate()
        .find_map(|(i, cells)| header_roles(cells).map(|(roles, years)| (i, roles, years)))
    else {
        let found: Vec<String> = rows
            .iter()
            .take(5)
            .map(|r| {
                r.iter()
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| crate::diag::quote(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .filter(|r| !r.is_empty())
            .collect();
        let first = if found.is_empty() {
            crate::tr!("（空）", "(empty)")
        } else {
            Text::from(found.join(" / "))
        };
        return Err(Error::Usage(
            crate::tr!(
                "{}：没有找到主要指标表：应有一行表头，含“指标”（或“指标名称”）和年份，如2025年和2030年（或2025年基数、2030年目标）；前几行是：",
                "{}: no table of main indicators found: expected a header row with 指标 (or 指标名称) and the years, such as 2025年 and 2030年 (or 2025年基数, 2030年目标); the first rows are: ",
                crate::diag::escape_controls(name)
            )
            .then(&first),
        ));
    };
    let title = rows
        .get(..at)
        .unwrap_or_default()
        .iter()
        .flat_map(|r| r.iter())
        .find(|c| !c.trim().is_empty())
        .map(|c| c.trim().to_string());
    let mut table = Table {
        title,
        years,
        ..Table::default()
    };
    let mut category: Option<String> = None;
    let mut in_notes = false;
    for (i, cells) in rows.iter().enumerate().skip(at + 1) {
        let first = cells.iter().find(|c| !c.trim().is_empty());
        let Some(first) = first else { continue };
        if in_notes || first.trim_start().starts_with('注') {
            in_notes = true;
            table.notes.push(
                cells
                    .iter()
                    .map(|c| c.trim())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim()
                    .to_string(),
            );
            continue;
        }
        // The cell of the first column whose role `is` accepts.
        let cell_where = |is: &dyn Fn(&Role) -> bool| -> String {
            roles
                .iter()
                .position(is)
                .and_then(|c| cells.get(c))
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        let cell = |role: Role| cell_where(&|r| *r == role);
        let found = cell(Role::Category);
        if !found.is_empty() {
            category = Some(found);
        }
        let raw_name = cell(Role::Name);
        if raw_name.is_empty() {
            continue; // a category's own row, or a blank one
        }
        let (name, bracket_unit) = split_unit(&raw_name);
        let unit = match cell(Role::Unit) {
            u if u.is_empty() => bracket_unit.unwrap_or_default(),
            u => u,
        };
        let binding = match cell(Role::Binding).as_str() {
            b if b.contains("约束") => Some(true),
            b if b.contains("预期") => Some(false),
            _ => None,
        };
        let baseline = cell_where(&|r| matches!(r, Role::Baseline(_)));
        let target = cell_where(&|r| matches!(r, Role::Target(_)));
        table.rows.push(Row {
            line: i + 1,
            category: category.clone(),
            name,
            unit,
            baseline,
            target,
            annual: cell(Role::Annual),
            binding,
        });
    }
    Ok(table)
}

/// The roles of a header row's cells and the period they name, if the
/// row is the table's header: a name column and two years.
fn header_roles(cells: &[String]) -> Option<(Vec<Role>, (i32, i32))> {
    let roles: Vec<Role> = cells.iter().map(|c| role_of(c)).collect();
    if !roles.contains(&Role::Name) {
        return None;
    }
    let years: Vec<i32> = roles
        .iter()
        .filter_map(|r| match r {
            Role::Baseline(y) | Role::Target(y) => Some(*y),
            _ => None,
        })
        .collect();
    let (first, last) = (years.iter().min()?, years.iter().max()?);
    if first == last {
        return None;
    }
    // A bare year is the base year if it is the earlier one, else the target.
    let roles = roles
        .into_iter()
        .map(|r| match r {
            Role::Target(y) if y == *first => Role::Baseline(y),
            other => other,
        })
        .collect();
    Some((roles, (*first, *last)))
}

fn role_of(cell: &str) -> Role {
    let text = grammar::normalise(cell);
    if let Some(year) = year_in(&text) {
        if text.contains("基") || text.contains("现状") {
            return Role::Baseline(year);
        }
        if !text.contains("年均") && !text.contains("累计") {
            return Role::Target(year);
        }
    }
    match text.as_str() {
        "序号" | "编号" => Role::Number,
        t if t.contains("年均") || t.contains("累计") => Role::Annual,
        "类别" | "领域" | "类型" | "分类" | "方面" => Role::Category,
        "单位" | "计量单位" => Role::Unit,
        "属性" | "指标属性" | "性质" => Role::Binding,
        t if t.starts_with("指标") || t == "名称" || t == "主要指标" => Role::Name,
        _ => Role::Other,
    }
}

/// A four-digit year in a header (`2025年`, `2020年基数`).
fn year_in(text: &str) -> Option<i32> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let year: i32 = digits.parse().ok()?;
    (digits.len() == 4 && (1949..=2100).contains(&year)).then_some(year)
}

/// A name and the unit in brackets after it: `增长(%)` is `增长` in `%`.
fn split_unit(name: &str) -> (String, Option<String>) {
    let text = name.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(stripped) = text.strip_suffix(close)
            && let Some(at) = stripped.rfind(open)
        {
            let unit = stripped[at + open.len_utf8()..].trim();
            let unit = unit
                .trim_start_matches("单位：")
                .trim_start_matches("单位:");
            if !unit.is_empty() && unit.chars().count() <= 8 {
                return (stripped[..at].trim().to_string(), Some(unit.to_string()));
            }
        }
    }
    (text.to_string(), None)
}

/// Reads the cells of a CSV/TSV file or a workbook's sheets, in order, as
/// text: every sheet is tried until one holds a table.
pub fn read_rows(name: &str, bytes: Vec<u8>) -> Result<Vec<Vec<Vec<String>>>, Error> {
    if bytes.starts_with(b"PK") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return workbook_rows(name, bytes);
    }
    let text = crate::actuals::decode(&bytes, None)
        .map_err(|why| Error::Usage(why.at(crate::diag::escape_controls(name))))?
        .text;
    let delimiter = if text.lines().next().is_some_and(|l| l.contains('\t')) {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| Error::Usage(Text::from(format!("{name}:{}: {e}", i + 1))))?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(vec![rows])
}

fn workbook_rows(name: &str, bytes: Vec<u8>) -> Result<Vec<Vec<Vec<String>>>, Error> {
    let book = crate::workbook::open(bytes).map_err(|refusal| {
        Error::Usage(crate::tr!("{name}：", "{name}: ").then(&refusal.message()))
    })?;
    let mut sheets = Vec::new();
    for sheet in crate::workbook::whole_sheets(book) {
        let Ok(cells) = sheet.cells else {
            continue;
        };
        sheets.push(grid(name, &cells)?);
    }
    Ok(sheets)
}

/// The most cells a sheet of an imported table may span: a plan's table
/// of main indicators has a few hundred.
const MAX_GRID: usize = 1_000_000;

/// A sheet's cells as rows of text, from its first row and column that
/// hold something.
fn grid(name: &str, cells: &[crate::workbook::Cell]) -> Result<Vec<Vec<String>>, Error> {
    let (Some(top), Some(left)) = (
        cells.iter().map(|c| c.row).min(),
        cells.iter().map(|c| c.column).min(),
    ) else {
        return Ok(Vec::new());
    };
    let height = cells.iter().map(|c| c.row - top).max().unwrap_or(0) as usize + 1;
    let width = cells.iter().map(|c| c.column - left).max().unwrap_or(0) as usize + 1;
    if height.saturating_mul(width) > MAX_GRID {
        return Err(Error::Usage(crate::tr!(
            "{name}：一张表跨{height}行{width}列，超过主要指标表可能的大小（{MAX_GRID}个单元格）",
            "{name}: a sheet spans {height} rows by {width} columns, more than a table of main indicators can ({MAX_GRID} cells)"
        )));
    }
    let mut rows = vec![vec![String::new(); width]; height];
    for cell in cells {
        let at = rows
            .get_mut((cell.row - top) as usize)
            .and_then(|r| r.get_mut((cell.column - left) as usize));
        if let Some(slot) = at {
            *slot = cell.value.text();
        }
    }
    Ok(rows)
}
