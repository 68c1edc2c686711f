//! The report as JSON: the engine's report, numbers unrounded.

use std::io::{self, Write};

use super::Rows;
use serde::Serialize;

use super::labels::Lang;
use crate::assess::compare::{Diff, Movement, Point};
use crate::assess::{Reason, Report, Row};

/// Writes a comparison as JSON: the plan, the two as-of years and one
/// change per indicator, slips first, each with its assessment before and
/// after (null for a new or vanished indicator).
pub fn write_diff(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    #[derive(Serialize)]
    struct Out<'a> {
        format_version: u64,
        plan: &'a str,
        from: i32,
        to: i32,
        changes: Vec<OutChange<'a>>,
    }
    #[derive(Serialize)]
    struct OutChange<'a> {
        id: &'a str,
        name: &'a str,
        name_en: Option<&'a str>,
        change: Movement,
        before: Option<&'a Point>,
        after: Option<&'a Point>,
    }
    let changes = diff
        .changes
        .iter()
        .filter_map(|c| {
            let p = c.point()?;
            Some(OutChange {
                id: &p.id,
                name: &p.name,
                name_en: p.name_en.as_deref(),
                change: c.movement,
                before: c.before.as_ref(),
                after: c.after.as_ref(),
            })
        })
        .collect();
    let doc = Out {
        format_version: crate::saved::FORMAT_VERSION,
        plan: &diff.plan,
        from: diff.from,
        to: diff.to,
        changes,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Writes `report` as pretty-printed JSON followed by a newline.
pub fn write_report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    write_rows(out, Rows::of(report))
}

/// [`write_report`] for rows as they are made: the same bytes, written one
/// row at a time. Each row is pretty-printed on its own and indented to
/// its place in the `indicators` array (JSON strings hold no raw line
/// breaks, so indenting by line is safe).
pub fn write_rows(out: &mut dyn Write, report: Rows) -> io::Result<()> {
    write_head(out, report.plan, report.as_of)?;
    let mut first = true;
    write_body(out, report.rows, report.previous, &mut first)?;
    write_tail(out, !first)
}

/// The document up to the opening of its `indicators` array.
pub fn write_head(out: &mut dyn Write, plan: &str, as_of: i32) -> io::Result<()> {
    write!(
        out,
        "{{\n  \"format_version\": {},\n  \"plan\": ",
        crate::saved::FORMAT_VERSION
    )?;
    serde_json::to_writer(&mut *out, plan)?;
    write!(out, ",\n  \"as_of\": {as_of},\n  \"indicators\": [")
}

/// The rows, each on lines of its own after `,` (none before the first
/// of the array, which `first` says; it is false once a row is written).
/// A batch written apart starts with `first` false; whoever puts batches
/// together drops the first one's leading comma.
pub fn write_body(
    out: &mut dyn Write,
    rows: impl Iterator<Item = Row>,
    previous: Option<&crate::assess::compare::Previous>,
    first: &mut bool,
) -> io::Result<()> {
    let mut line = Vec::new();
    for row in rows {
        line.clear();
        line.extend_from_slice(if *first { b"\n" } else { b",\n" });
        *first = false;
        // Indented two levels, to its place in the `indicators` array.
        line.extend_from_slice(ROW_INDENT);
        write_row(&mut line, &row, previous, ROW_INDENT)?;
        out.write_all(&line)?;
    }
    Ok(())
}

/// The indent of a row in the report's `indicators` array.
const ROW_INDENT: &[u8] = b"    ";

/// One row as pretty-printed JSON, each line after the first indented by
/// `indent`: its own fields, then the reason in English words and the
/// first one's stable code, and with `--since` the change since the
/// earlier report; as [`JsonRow`] serializes it, without the cost of
/// `flatten` (which goes through a map, field by field).
fn write_row(
    buf: &mut Vec<u8>,
    row: &Row,
    previous: Option<&crate::assess::compare::Previous>,
    indent: &[u8],
) -> io::Result<()> {
    let nested = Nested {
        base: indent,
        level: 0,
        has_value: false,
    };
    row.serialize(&mut serde_json::Serializer::with_formatter(
        &mut *buf, nested,
    ))?;
    // Reopened before its closing `\n}` for the fields after the row's.
    let close = [b"\n", indent, b"}"].concat();
    if !buf.ends_with(&close) {
        return Err(io::Error::other("a report row is not a JSON object"));
    }
    buf.truncate(buf.len() - close.len());
    field(buf, indent, "reason", &Lang::En.reasons(&row.reasons))?;
    let code = row.reasons.first().map(Reason::code);
    field(buf, indent, "reason_code", &code)?;
    if let Some(previous) = previous {
        let (status_before, change) = previous.change(row);
        field(buf, indent, "status_before", &status_before)?;
        field(buf, indent, "change", &change)?;
    }
    buf.extend_from_slice(&close);
    Ok(())
}

/// A field after a row's own, `key` and `value` in compact JSON: the
/// values after a row's fields are all text, a word or null, which print
/// the same either way.
fn field(buf: &mut Vec<u8>, indent: &[u8], key: &str, value: &impl Serialize) -> io::Result<()> {
    buf.extend_from_slice(b",\n");
    buf.extend_from_slice(indent);
    buf.extend_from_slice(b"  \"");
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(b"\": ");
    Ok(serde_json::to_writer(buf, value)?)
}

/// serde_json's pretty printing (two spaces a level), every line after
/// the first also indented by `base`: a row printed in its place in the
/// `indicators` array, as if it stood alone.
struct Nested<'a> {
    base: &'a [u8],
    level: usize,
    has_value: bool,
}

impl Nested<'_> {
    /// A line break and the indent of the current level.
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, comma: bool) -> io::Result<()> {
        writer.write_all(if comma { b",\n" } else { b"\n" })?;
        writer.write_all(self.base)?;
        (0..self.level).try_for_each(|_| writer.write_all(b"  "))
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.new_line(writer, false)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The array's and the document's close, after rows (`any`) or none.
pub fn write_tail(out: &mut dyn Write, any: bool) -> io::Result<()> {
    if any {
        out.write_all(b"\n  ]\n}\n")
    } else {
        out.write_all(b"]\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Status;
    use crate::assess::compare::Previous;

    /// A row as the JSON report writes it: the engine's fields, the reasons in
    /// English words and the first one's stable code, and with `--since` the
    /// change since the earlier report.
    #[derive(Serialize)]
    struct JsonRow<'a> {
        #[serde(flatten)]
        row: &'a Row,
        reason: Option<String>,
        reason_code: Option<&'static str>,
        #[serde(flatten, skip_serializing_if = "Option::is_none")]
        since: Option<Since>,
    }

    /// A row's change since an earlier report (`--since`).
    #[derive(Serialize)]
    struct Since {
        status_before: Option<Status>,
        change: Movement,
    }

    /// A row as [`JsonRow`] serializes it, through `flatten`.
    fn by_flatten(row: &Row, previous: Option<&Previous>) -> String {
        let since = previous.map(|previous| {
            let (status_before, change) = previous.change(row);
            Since {
                status_before,
                change,
            }
        });
        let json_row = JsonRow {
            row,
            reason: Lang::En.reasons(&row.reasons),
            reason_code: row.reasons.first().map(Reason::code),
            since,
        };
        serde_json::to_string_pretty(&json_row).expect("serialize")
    }

    #[test]
    fn rows_are_written_as_flatten_writes_them() {
        let plan = crate::plan::Plan::embedded().expect("plan");
        let (mut actuals, _) = crate::actuals::read_bytes(
            &plan,
            "a.csv",
            include_bytes!("../../examples/actuals/actuals-2021-2023.csv"),
        )
        .expect("actuals");
        actuals.set_flags(crate::actuals::check(&plan, &actuals).flags);
        let report = crate::assess::assess(&plan, &actuals, 2023);
        let earlier = crate::assess::assess(&plan, &actuals, 2022);
        let points = earlier.indicators.iter().skip(1).map(Point::from);
        let previous = Previous::new(2022, points.collect());
        assert!(report.indicators.iter().any(|r| !r.reasons.is_empty()));
        for row in &report.indicators {
            for previous in [None, Some(&previous)] {
                let mut buf = Vec::new();
                write_row(&mut buf, row, previous, b"").expect("write");
                let by_hand = String::from_utf8(buf).expect("utf-8");
                let expected = by_flatten(row, previous);
                assert_eq!(by_hand, expected, "{}", row.id);
                // In its place in the array, every line after the first
                // indented two levels.
                let mut buf = Vec::new();
                write_row(&mut buf, row, previous, ROW_INDENT).expect("write");
                let nested = String::from_utf8(buf).expect("utf-8");
                assert_eq!(nested, expected.replace('\n', "\n    "), "{}", row.id);
            }
        }
    }
}
