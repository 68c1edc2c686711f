//! The report as JSON: the engine's report, numbers unrounded.

use std::io::{self, Write};

use super::Rows;
use serde::Serialize;
use serde::ser::{Impossible, SerializeStruct};

use super::labels::Lang;
use crate::assess::compare::{Diff, Movement, Point};
use crate::assess::{Reason, Report, Row};

/// Writes a comparison as JSON: the plan, the two as-of years and one
/// change per indicator, slips first, each with its assessment before and
/// after (null for a new or vanished indicator), one line each as the
/// report's indicators are.
pub fn write_diff(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    #[derive(Serialize)]
    struct OutChange<'a> {
        id: &'a str,
        name: &'a str,
        name_en: Option<&'a str>,
        change: Movement,
        before: Option<&'a Point>,
        after: Option<&'a Point>,
    }
    let years = [("from", diff.from), ("to", diff.to)];
    open_document(out, &diff.plan, &years, "changes")?;
    let mut first = true;
    let mut line = Vec::new();
    for c in &diff.changes {
        let Some(p) = c.point() else { continue };
        line.clear();
        open_line(&mut line, &mut first);
        let change = OutChange {
            id: &p.id,
            name: &p.name,
            name_en: p.name_en.as_deref(),
            change: c.movement,
            before: c.before.as_ref(),
            after: c.after.as_ref(),
        };
        serde_json::to_writer(&mut line, &change)?;
        out.write_all(&line)?;
    }
    write_tail(out, !first)
}

/// Writes `report` as JSON followed by a newline: the head pretty-printed,
/// each indicator compact on a line of its own.
pub fn write_report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    write_rows(out, Rows::of(report))
}

/// [`write_report`] for rows as they are made: the same bytes, written one
/// row at a time.
pub fn write_rows(out: &mut dyn Write, report: Rows) -> io::Result<()> {
    write_head(out, report.plan, report.as_of)?;
    let mut first = true;
    write_body(out, report.rows, report.previous, &mut first)?;
    write_tail(out, !first)
}

/// The document up to the opening of its `indicators` array.
pub fn write_head(out: &mut dyn Write, plan: &str, as_of: i32) -> io::Result<()> {
    open_document(out, plan, &[("as_of", as_of)], "indicators")
}

/// A document's fields, pretty-printed, up to the opening of its array
/// of one line an indicator.
fn open_document(
    out: &mut dyn Write,
    plan: &str,
    years: &[(&str, i32)],
    array: &str,
) -> io::Result<()> {
    write!(
        out,
        "{{\n  \"format_version\": {},\n  \"plan\": ",
        crate::saved::FORMAT_VERSION
    )?;
    serde_json::to_writer(&mut *out, plan)?;
    for (key, year) in years {
        write!(out, ",\n  \"{key}\": {year}")?;
    }
    write!(out, ",\n  \"{array}\": [")
}

/// Starts an indicator's line in its array: after `,` unless it is the
/// first (which `first` says, false from then on).
fn open_line(line: &mut Vec<u8>, first: &mut bool) {
    line.extend_from_slice(if *first { b"\n" } else { b",\n" });
    *first = false;
    line.extend_from_slice(ROW_INDENT);
}

/// The rows, one line each after `,` (none before the first of the array,
/// which `first` says; it is false once a row is written). A batch
/// written apart starts with `first` false; whoever puts batches together
/// drops the first one's leading comma.
pub fn write_body(
    out: &mut dyn Write,
    rows: impl Iterator<Item = Row>,
    previous: Option<&crate::assess::compare::Previous>,
    first: &mut bool,
) -> io::Result<()> {
    let mut line = Vec::new();
    for row in rows {
        line.clear();
        open_line(&mut line, first);
        write_row(&mut line, &row, previous)?;
        out.write_all(&line)?;
    }
    Ok(())
}

/// The indent of a row in the report's `indicators` array.
const ROW_INDENT: &[u8] = b"    ";

/// One row as compact JSON on one line: its own fields, then the reason
/// in English words and the first one's stable code, and with `--since`
/// the change since the earlier report; as [`JsonRow`] serializes it,
/// without the cost of `flatten` (which goes through a map, field by
/// field).
fn write_row(
    buf: &mut Vec<u8>,
    row: &Row,
    previous: Option<&crate::assess::compare::Previous>,
) -> io::Result<()> {
    row.serialize(Fields {
        buf: &mut *buf,
        first: true,
    })?;
    // Reopened before its closing `}` for the fields after the row's.
    if buf.pop() != Some(b'}') {
        return Err(io::Error::other("a report row is not a JSON object"));
    }
    field(buf, "reason", &Lang::En.reasons(&row.reasons))?;
    let code = row.reasons.first().map(Reason::code);
    field(buf, "reason_code", &code)?;
    if let Some(previous) = previous {
        let (status_before, change) = previous.change(row);
        field(buf, "status_before", &status_before)?;
        field(buf, "change", &change)?;
    }
    buf.push(b'}');
    Ok(())
}

/// A field after a row's own, `key` and `value` in compact JSON.
fn field(buf: &mut Vec<u8>, key: &str, value: &impl Serialize) -> io::Result<()> {
    buf.extend_from_slice(b",\"");
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(b"\":");
    Ok(serde_json::to_writer(buf, value)?)
}

/// Serializes a struct as serde_json does, compact, but writes its field
/// names as they are rather than through serde_json's escaping: they are
/// Rust identifiers, which need none (a row's 31 names were an eighth of
/// the JSON report's instructions). Each value goes through serde_json.
/// Anything but a struct is refused.
struct Fields<'b> {
    buf: &'b mut Vec<u8>,
    first: bool,
}

impl SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        if !std::mem::take(&mut self.first) {
            self.buf.push(b',');
        }
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\":");
        value.serialize(&mut serde_json::Serializer::new(&mut *self.buf))
    }

    fn end(self) -> Result<(), serde_json::Error> {
        self.buf.push(b'}');
        Ok(())
    }
}

/// What [`Fields`] answers for every value but a struct.
fn not_a_struct<T>() -> Result<T, serde_json::Error> {
    Err(serde::ser::Error::custom("a report row is a struct"))
}

/// [`Fields`] refuses every value but a struct.
macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, serde_json::Error> {
            not_a_struct()
        })*
    };
}

impl<'b> serde::Serializer for Fields<'b> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<(), serde_json::Error>;
    type SerializeTuple = Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = Impossible<(), serde_json::Error>;
    type SerializeStruct = Fields<'b>;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, serde_json::Error> {
        self.buf.push(b'{');
        Ok(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), serde_json::Error> {
        not_a_struct()
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), serde_json::Error> {
        not_a_struct()
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), serde_json::Error> {
        not_a_struct()
    }

    not_a_struct! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
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
        serde_json::to_string(&json_row).expect("serialize")
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
                write_row(&mut buf, row, previous).expect("write");
                let by_hand = String::from_utf8(buf).expect("utf-8");
                assert_eq!(by_hand, by_flatten(row, previous), "{}", row.id);
                assert!(!by_hand.contains('\n'), "{}", row.id);
            }
        }
    }
}
