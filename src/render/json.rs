//! The report as JSON: the engine's report, numbers unrounded.

use std::io::{self, Write};

use super::Rows;
use crate::assess::Report;

/// Writes `report` as pretty-printed JSON followed by a newline.
pub fn write_report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    write_rows(out, Rows::of(report))
}

/// [`write_report`] for rows as they are made: the same bytes, written one
/// row at a time. Each row is pretty-printed on its own and indented to
/// its place in the `indicators` array (JSON strings hold no raw line
/// breaks, so indenting by line is safe).
pub fn write_rows(out: &mut dyn Write, report: Rows) -> io::Result<()> {
    write!(out, "{{\n  \"plan\": ")?;
    serde_json::to_writer(&mut *out, report.plan)?;
    write!(
        out,
        ",\n  \"as_of\": {},\n  \"indicators\": [",
        report.as_of
    )?;
    let mut buf = Vec::new();
    let mut first = true;
    for row in report.rows {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        buf.clear();
        serde_json::to_writer_pretty(&mut buf, &row)?;
        for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"    ")?;
            out.write_all(line)?;
        }
    }
    if first {
        out.write_all(b"]\n}\n")
    } else {
        out.write_all(b"\n  ]\n}\n")
    }
}
