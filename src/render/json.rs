//! The report as JSON: the engine's report, numbers unrounded.

use std::io::{self, Write};

use crate::assess::Report;

/// Writes `report` as pretty-printed JSON followed by a newline.
pub fn write_report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}
