//! Reading actuals from CSV and TSV files as spreadsheets export them.
//!
//! Each file is decoded (UTF-8 with or without BOM, UTF-16 with a BOM,
//! otherwise GB18030), its header is read to tell the layout, and every
//! cell is parsed strictly. Every problem in every file is collected and
//! reported together, each with its file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Actuals, Entry, Observation};
use crate::diag::{Diagnostic, Location, suggest};
use crate::error::{Error, Result};
use crate::plan::{Kind, Plan};

/// A text encoding that can be forced with `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GB18030 (a superset of GBK), as Excel writes on Chinese Windows.
    Gb18030,
    /// UTF-16, little-endian unless a byte-order mark says otherwise.
    Utf16,
}

/// How to read actuals.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<Encoding>,
}

/// Reads every path (a file, or a directory of .csv and .tsv files) into
/// one set of actuals, checked against `plan`.
pub fn read_paths(plan: &Plan, paths: &[PathBuf], options: &ReadOptions) -> Result<Actuals> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(expand(path)?);
    }
    let mut reader = Reader {
        plan,
        actuals: Actuals::new(),
        diags: Vec::new(),
        lookup: plan
            .indicators
            .iter()
            .flat_map(|i| {
                [
                    (i.id.as_str(), i.id.as_str()),
                    (i.name.as_str(), i.id.as_str()),
                ]
            })
            .collect(),
    };
    for file in &files {
        let bytes = std::fs::read(file).map_err(|source| Error::Read {
            path: file.clone(),
            source,
        })?;
        reader.read_file(&file.display().to_string(), file, &bytes, options);
    }
    if reader.diags.is_empty() {
        Ok(reader.actuals)
    } else {
        Err(Error::Actuals(reader.diags))
    }
}

/// A file as itself; a directory as its .csv and .tsv files in name order.
fn expand(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_table_file(p))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{}: the directory has no .csv or .tsv file",
            path.display()
        )));
    }
    Ok(files)
}

fn is_table_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
}

/// Decodes a file's bytes to text, or says why it cannot be read as text.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> std::result::Result<String, String> {
    use encoding_rs::{GB18030, UTF_8, UTF_16BE, UTF_16LE};
    let strict = |enc: &'static encoding_rs::Encoding, body: &[u8]| {
        enc.decode_without_bom_handling_and_without_replacement(body)
            .map(|c| c.into_owned())
    };
    let (bom_enc, bom_len) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), len),
        None => (None, 0),
    };
    let body = &bytes[bom_len..];
    match forced {
        Some(Encoding::Utf8) => {
            return strict(UTF_8, body)
                .ok_or_else(|| "is not valid UTF-8 (forced by --encoding)".to_string());
        }
        Some(Encoding::Gb18030) => {
            return strict(GB18030, body)
                .ok_or_else(|| "is not valid GB18030 (forced by --encoding)".to_string());
        }
        Some(Encoding::Utf16) => {
            let enc = if bom_enc == Some(UTF_16BE) {
                UTF_16BE
            } else {
                UTF_16LE
            };
            return strict(enc, body)
                .ok_or_else(|| "is not valid UTF-16 (forced by --encoding)".to_string());
        }
        None => {}
    }
    if let Some(enc) = bom_enc {
        return strict(enc, body).ok_or_else(|| {
            format!(
                "starts with a {} byte-order mark but is not valid {}",
                enc.name(),
                enc.name()
            )
        });
    }
    if body.contains(&0) {
        return Err(
            "is not a text file (it contains NUL bytes); save the sheet as CSV".to_string(),
        );
    }
    if let Some(text) = strict(UTF_8, body) {
        return Ok(text);
    }
    strict(GB18030, body).ok_or_else(|| {
        "is neither UTF-8 nor GBK/GB18030 text; save the sheet as CSV (UTF-8) or pass --encoding".to_string()
    })
}

/// What a header cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Indicator,
    Year,
    Value,
    Note,
    Source,
    /// A wide layout's year column.
    YearValues(i32),
    /// Informational columns the template writes; ignored on reading.
    Ignored,
}

fn column_of(header: &str) -> Option<Column> {
    let h = normalize_text(header).to_lowercase();
    let col = match h.as_str() {
        "indicator" | "id" | "指标" | "指标名称" | "指标代码" => Column::Indicator,
        "year" | "年份" | "年度" => Column::Year,
        "value" | "数值" | "实际值" | "值" => Column::Value,
        "note" | "备注" => Column::Note,
        "source" | "来源" | "数据来源" => Column::Source,
        "name" | "name_en" | "unit" | "enter" | "kind" | "名称" | "单位" | "填报说明" => {
            Column::Ignored
        }
        _ => return parse_year(&h).map(Column::YearValues),
    };
    Some(col)
}

const KNOWN_COLUMNS: &str = "indicator (指标), year (年份), value (数值), note (备注), source (来源), or one column per year such as 2022 or 2022年";

/// A four-digit year, optionally followed by 年, full-width digits allowed.
pub fn parse_year(text: &str) -> Option<i32> {
    let t = normalize_text(text);
    let t = t.strip_suffix('年').unwrap_or(&t).trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// Full-width digits, signs and punctuation to ASCII; surrounding white
/// space (including the ideographic space) trimmed.
fn normalize_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}'
            | '\u{FF0B}'
            | '\u{FF0C}'
            | '\u{FF0D}'
            | '\u{FF0E}'
            | '\u{FF05}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// What a value cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// No value (empty, NA, —, …).
    Missing,
    /// A value.
    Value(Observation),
}

const MISSING: &[&str] = &["", "na", "n/a", "-", "—", "——", "–", "…", "……", "...", "无"];
const NUMBER_EXPECTED: &str =
    "expected a number such as 1385.5, 1,385.5, +3.2 or 16%, or empty/NA/—/无 for no value";

/// Parses a number cell as spreadsheets write them. `16%` is 16.
pub fn parse_number(text: &str) -> std::result::Result<Cell, String> {
    let t = normalize_text(text);
    if MISSING.contains(&t.to_lowercase().as_str()) {
        return Ok(Cell::Missing);
    }
    let s = t.strip_suffix('%').map(str::trim_end).unwrap_or(&t);
    let s = s.strip_prefix('+').unwrap_or(s);
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let int_ok = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        int_part.bytes().all(|b| b.is_ascii_digit())
    };
    let frac_ok = frac_part.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
    let has_digit = !int_part.is_empty() || frac_part.is_some_and(|f| !f.is_empty());
    let exp_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    if !(int_ok && frac_ok && has_digit && exp_ok) {
        return Err(NUMBER_EXPECTED.to_string());
    }
    let plain = format!("{sign}{}", digits.replace(',', ""));
    match plain.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Cell::Value(Observation::Number(n))),
        _ => Err(NUMBER_EXPECTED.to_string()),
    }
}

const FLAG_EXPECTED: &str =
    "expected yes/no, true/false, 1/0, 是/否, 已完成/未完成 or 完成, or empty for no value";

/// Parses a milestone cell.
pub fn parse_flag(text: &str) -> std::result::Result<Cell, String> {
    let t = normalize_text(text).to_lowercase();
    let flag = match t.as_str() {
        "yes" | "y" | "true" | "1" | "是" | "完成" | "已完成" | "done" => true,
        "no" | "n" | "false" | "0" | "否" | "未完成" => false,
        other if MISSING.contains(&other) => return Ok(Cell::Missing),
        _ => return Err(FLAG_EXPECTED.to_string()),
    };
    Ok(Cell::Value(Observation::Flag(flag)))
}

struct Reader<'p> {
    plan: &'p Plan,
    actuals: Actuals,
    diags: Vec<Diagnostic>,
    /// Indicator id or exact name → id.
    lookup: HashMap<&'p str, &'p str>,
}

impl Reader<'_> {
    fn error(&mut self, location: Location, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(location, message));
    }

    fn read_file(&mut self, name: &str, path: &Path, bytes: &[u8], options: &ReadOptions) {
        let text = match decode(bytes, options.encoding) {
            Ok(t) => t,
            Err(why) => {
                self.error(Location::line(name, 1), format!("the file {why}"));
                return;
            }
        };
        let delimiter = if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
        {
            b'\t'
        } else {
            b','
        };
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut header: Option<(Vec<Column>, Vec<String>)> = None;
        let mut file_year: Option<i32> = None;
        for (n, record) in csv.records().enumerate() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(n + 1, |p| p.line() as usize);
                    self.error(
                        Location::line(name, line),
                        format!("cannot read the row as CSV: {e}"),
                    );
                    return;
                }
            };
            let line = record.position().map_or(n + 1, |p| p.line() as usize);
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let Some((columns, titles)) = &header else {
                match self.read_header(name, line, path, &record) {
                    Some((cols, titles, year)) => {
                        file_year = year;
                        header = Some((cols, titles));
                    }
                    None => return,
                }
                continue;
            };
            if record.len() != columns.len() {
                self.error(
                    Location::line(name, line),
                    format!(
                        "the row has {} field{}, the header has {}: every row needs one cell per column (quote cells that contain a comma, such as \"1,385.5\")",
                        record.len(),
                        if record.len() == 1 { "" } else { "s" },
                        columns.len()
                    ),
                );
                continue;
            }
            self.read_row(name, line, columns, titles, &record, file_year);
        }
        if header.is_none() {
            self.error(
                Location::line(name, 1),
                format!("the file has no header row; expected columns {KNOWN_COLUMNS}"),
            );
        }
    }

    /// Reads the header; returns the columns, their titles and (for the
    /// per-year layout) the year from the file name.
    fn read_header(
        &mut self,
        name: &str,
        line: usize,
        path: &Path,
        record: &csv::StringRecord,
    ) -> Option<(Vec<Column>, Vec<String>, Option<i32>)> {
        let mut columns = Vec::new();
        let mut ok = true;
        for (i, title) in record.iter().enumerate() {
            match column_of(title) {
                Some(c) => columns.push(c),
                None => {
                    ok = false;
                    self.error(
                        Location::line(name, line),
                        format!(
                            "field {} of the header: unknown column \"{}\"; expected {KNOWN_COLUMNS}",
                            i + 1,
                            title.trim()
                        ),
                    );
                }
            }
        }
        if !ok {
            return None;
        }
        let has = |c: Column| columns.contains(&c);
        let wide = columns.iter().any(|c| matches!(c, Column::YearValues(_)));
        let mut missing = Vec::new();
        if !has(Column::Indicator) {
            missing.push("indicator (指标)");
        }
        if !has(Column::Value) && !wide {
            missing.push("value (数值), or one column per year");
        }
        if has(Column::Year) && wide {
            self.error(
                Location::line(name, line),
                "the header has both a year column and year columns such as 2022: use one layout",
            );
            return None;
        }
        if !missing.is_empty() {
            self.error(
                Location::line(name, line),
                format!("the header is missing the column {}", missing.join(" and ")),
            );
            return None;
        }
        let mut file_year = None;
        if has(Column::Value) && !has(Column::Year) {
            file_year = year_in_file_name(path);
            if file_year.is_none() {
                self.error(
                    Location::line(name, line),
                    "the file has a value column but no year column, and its name has no four-digit year (name it like 2022.csv or actuals-2022.csv, or add a year column)",
                );
                return None;
            }
        }
        let titles = record.iter().map(|t| t.trim().to_string()).collect();
        Some((columns, titles, file_year))
    }

    fn read_row(
        &mut self,
        name: &str,
        line: usize,
        columns: &[Column],
        titles: &[String],
        record: &csv::StringRecord,
        file_year: Option<i32>,
    ) {
        let at = || Location::line(name, line);
        let mut indicator = None;
        let mut year = file_year;
        let mut value_cells: Vec<(i32, usize)> = Vec::new();
        let mut value_cell = None;
        let mut note = None;
        let mut source = None;
        for (i, (column, cell)) in columns.iter().zip(record.iter()).enumerate() {
            match column {
                Column::Indicator => indicator = Some(cell.trim()),
                Column::Year => match parse_year(cell) {
                    Some(y) => year = Some(y),
                    None => {
                        self.error(
                            at(),
                            format!(
                                "field {} ({}): bad year \"{}\"; expected a four-digit year such as 2022 or 2022年",
                                i + 1,
                                titles[i],
                                cell.trim()
                            ),
                        );
                        return;
                    }
                },
                Column::Value => value_cell = Some(i),
                Column::YearValues(y) => value_cells.push((*y, i)),
                Column::Note => note = Some(cell.trim()).filter(|s| !s.is_empty()),
                Column::Source => source = Some(cell.trim()).filter(|s| !s.is_empty()),
                Column::Ignored => {}
            }
        }
        let text = indicator.unwrap_or_default();
        let Some(&id) = self.lookup.get(text) else {
            let candidates = self.lookup.keys().copied();
            let hint = match suggest(text, candidates) {
                Some(s) => format!("; did you mean \"{s}\"?"),
                None => "; run `plantrack list` for the ids".to_string(),
            };
            self.error(
                at(),
                format!("unknown indicator \"{text}\": not an id or name in the plan{hint}"),
            );
            return;
        };
        let Some(kind) = self.plan.indicator(id).map(|i| i.kind) else {
            return;
        };
        if let (Some(i), Some(y)) = (value_cell, year) {
            value_cells.push((y, i));
        }
        for (y, i) in value_cells {
            let cell = &record[i];
            let parsed = if kind == Kind::Milestone {
                parse_flag(cell)
            } else {
                parse_number(cell)
            };
            match parsed {
                Ok(Cell::Missing) => {}
                Ok(Cell::Value(value)) => {
                    let entry = Entry {
                        value,
                        origin: at(),
                        note: note.map(str::to_string),
                        source: source.map(str::to_string),
                    };
                    if let Err(first) = self.actuals.insert(id, y, entry) {
                        let same = if first.value == value {
                            "the same value"
                        } else {
                            "a different value"
                        };
                        let message = format!(
                            "indicator `{id}` has a value for {y} again ({same}); it is first given at {}: give each indicator and year once",
                            first.origin
                        );
                        self.error(at(), message);
                    }
                }
                Err(expected) => self.error(
                    at(),
                    format!(
                        "field {} ({}): bad value \"{}\" for `{id}`; {expected}",
                        i + 1,
                        titles[i],
                        cell.trim()
                    ),
                ),
            }
        }
    }
}

/// A four-digit year in a file name: `2022.csv`, `actuals-2022.csv`, `2022年.csv`.
fn year_in_file_name(path: &Path) -> Option<i32> {
    let stem = path.file_stem()?.to_str()?;
    let bytes = stem.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                if found.is_some() {
                    return None; // two years: ambiguous
                }
                found = stem[start..i].parse().ok();
            }
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Option<f64> {
        match parse_number(text) {
            Ok(Cell::Value(Observation::Number(n))) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn numbers_as_spreadsheets_write_them() {
        assert_eq!(num("1385.5"), Some(1385.5));
        assert_eq!(num(" 1,385.5 "), Some(1385.5));
        assert_eq!(num("+3.2"), Some(3.2));
        assert_eq!(num("16%"), Some(16.0));
        assert_eq!(num("-0.5"), Some(-0.5));
        assert_eq!(num("８０００"), Some(8000.0));
        assert_eq!(num("１２．５"), Some(12.5));
        assert_eq!(num("1.2E+3"), Some(1200.0));
        assert_eq!(num(".5"), Some(0.5));
        for missing in ["", "NA", "n/a", "-", "—", "…", "无"] {
            assert_eq!(parse_number(missing), Ok(Cell::Missing), "{missing}");
        }
        for bad in [
            "abc", "=1+1", "inf", "NaN", "1,5", "12,34.5", "1.2.3", "1,2345", "%", "+", "1e",
        ] {
            assert!(parse_number(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn milestone_words() {
        assert_eq!(parse_flag("是"), Ok(Cell::Value(Observation::Flag(true))));
        assert_eq!(
            parse_flag("已完成"),
            Ok(Cell::Value(Observation::Flag(true)))
        );
        assert_eq!(
            parse_flag("未完成"),
            Ok(Cell::Value(Observation::Flag(false)))
        );
        assert_eq!(parse_flag("No"), Ok(Cell::Value(Observation::Flag(false))));
        assert!(parse_flag("maybe").is_err());
    }

    #[test]
    fn years_in_headers_and_file_names() {
        assert_eq!(parse_year("2022"), Some(2022));
        assert_eq!(parse_year("2022年"), Some(2022));
        assert_eq!(parse_year("２０２２"), Some(2022));
        assert_eq!(parse_year("22"), None);
        assert_eq!(
            year_in_file_name(Path::new("a/actuals-2022.csv")),
            Some(2022)
        );
        assert_eq!(year_in_file_name(Path::new("2022年.csv")), Some(2022));
        assert_eq!(year_in_file_name(Path::new("actuals.csv")), None);
        assert_eq!(year_in_file_name(Path::new("2021-2022.csv")), None);
    }

    #[test]
    fn decoding_detects_bom_utf8_and_gbk() {
        let text = "指标,年份,数值\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom, None).unwrap(), text);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk, None).unwrap(), text);
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16, None).unwrap(), text);
        assert!(decode(&[0x50, 0x4B, 0x03, 0x04, 0x00, 0x01], None).is_err());
    }
}
