//! What a workbook archive (`.xlsx`, `.ods`) may cost, checked before it
//! is parsed, by what it holds rather than what it claims: every member is
//! inflated (into nothing) and the bytes counted, so that a member whose
//! header understates its size is caught too; the total must stay within
//! [`INFLATED_FLOOR`] plus [`INFLATED_PER_BYTE`] times the file's size. An
//! `.xlsx` may list at most [`MAX_SHEETS`] sheets, each its own part (a
//! sheet listed twice would be read twice), and its cell styles at most
//! [`MAX_STYLES`] bytes. An encrypted `.ods` is named.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::Refusal;
use crate::tr;

/// The bytes a workbook archive's members may inflate to in all, whatever
/// the file's size…
pub const INFLATED_FLOOR: u64 = 32 << 20;

/// …and for each byte of the file (sheet XML compresses about 5 to 15
/// times; a bomb, about 1,000 times).
pub const INFLATED_PER_BYTE: u64 = 20;

/// The cell styles of an `.xlsx` (`xl/styles.xml`) may inflate to this
/// many bytes: Excel's 64,000 formats take about 5 MB, and every `<xf/>`
/// costs the reader far more than its five bytes.
pub const MAX_STYLES: u64 = 6 << 20;

/// The sheets a workbook may list.
pub const MAX_SHEETS: usize = 4_096;

/// The members an archive may hold.
const MAX_MEMBERS: usize = 100_000;

/// What an archive within the limits holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An `.xlsx` or `.xlsm`: it has `xl/workbook.xml`.
    Xlsx,
    /// Anything else (an `.ods`, or not a workbook): left to the reader.
    Other,
}

/// Checks a zip archive's cost; what it is, if within the limits.
pub fn check(bytes: &[u8]) -> Result<Kind, Refusal> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not an archive the zip reader opens: the workbook reader says why.
        return Ok(Kind::Other);
    };
    if archive.len() > MAX_MEMBERS {
        let count = archive.len();
        return Err(Refusal::Limit(tr!(
            "压缩包中有{count}个成员，超过{MAX_MEMBERS}个的上限",
            "the archive holds {count} members, more than the limit of {MAX_MEMBERS}"
        )));
    }
    let limit =
        INFLATED_FLOOR.saturating_add((bytes.len() as u64).saturating_mul(INFLATED_PER_BYTE));
    let mut total: u64 = 0;
    let mut parts: HashMap<String, Vec<u8>> = HashMap::new();
    for i in 0..archive.len() {
        let Ok(mut member) = archive.by_index(i) else {
            return Ok(Kind::Other);
        };
        let name = member.name().map(|n| n.into_owned()).unwrap_or_default();
        let keep = KEPT.contains(&name.as_str());
        let mut sink = Counted::new(keep);
        let left = limit - total;
        let read = std::io::copy(&mut (&mut member).take(left + 1), &mut sink);
        if read.is_err() {
            // A damaged member: the workbook reader names it.
            return Ok(Kind::Other);
        }
        total += sink.count;
        if total > limit {
            let mib = limit >> 20;
            return Err(Refusal::Limit(tr!(
                "工作簿解压后超过{mib} MiB的上限（32 MiB加文件大小的20倍）：仅“{name}”一项解压出的数据就远超文件本身，像是“压缩炸弹”",
                "the workbook inflates to more than the limit of {mib} MiB (32 MiB plus 20 times the file's size): \"{name}\" alone inflates far beyond the file's size, as a zip bomb does"
            )));
        }
        if name == "xl/styles.xml" && sink.count > MAX_STYLES {
            let mib = MAX_STYLES >> 20;
            return Err(Refusal::Limit(tr!(
                "工作簿的单元格样式（xl/styles.xml）解压后超过{mib} MiB的上限，远多于Excel允许的64000种格式",
                "the workbook's cell styles (xl/styles.xml) inflate to more than the limit of {mib} MiB, far more than Excel's 64,000 formats"
            )));
        }
        if keep {
            parts.insert(name, sink.kept);
        }
    }
    if parts
        .get("META-INF/manifest.xml")
        .is_some_and(|m| contains(m, b"encryption-data"))
    {
        return Err(Refusal::Protected);
    }
    match parts.get("xl/workbook.xml") {
        Some(workbook) => {
            let rels = parts
                .get("xl/_rels/workbook.xml.rels")
                .map_or(&[][..], Vec::as_slice);
            sheets_once(workbook, rels)?;
            Ok(Kind::Xlsx)
        }
        None => Ok(Kind::Other),
    }
}

/// The members whose text is looked into.
const KEPT: &[&str] = &[
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "META-INF/manifest.xml",
];

/// Refuses a workbook that lists more than [`MAX_SHEETS`] sheets or two
/// sheets that are one part.
fn sheets_once(workbook: &[u8], rels: &[u8]) -> Result<(), Refusal> {
    let ids = attributes(workbook, "sheet", "id");
    if ids.len() > MAX_SHEETS {
        let count = ids.len();
        return Err(Refusal::Limit(tr!(
            "工作簿列出了{count}张工作表，超过{MAX_SHEETS}张的上限",
            "the workbook lists {count} sheets, more than the limit of {MAX_SHEETS}"
        )));
    }
    let targets: HashMap<String, String> = attributes(rels, "Relationship", "Id")
        .into_iter()
        .zip(attributes(rels, "Relationship", "Target"))
        .collect();
    let mut seen = HashSet::new();
    for id in &ids {
        let part = targets.get(id).unwrap_or(id);
        if !seen.insert(part.trim_start_matches('/').trim_start_matches("xl/")) {
            return Err(Refusal::Unreadable(
                tr!(
                    "工作簿把同一部分“{part}”列为两张工作表，这是被改过的文件",
                    "the workbook lists the part \"{part}\" as two sheets, which no spreadsheet program writes"
                )
                .to_string(),
            ));
        }
    }
    Ok(())
}

/// The values of attribute `local` (its local name: `r:id` is `id`) on
/// every element named `element`, in order; an element without it gives
/// an empty value, so that lists of two attributes stay in step.
fn attributes(xml: &[u8], element: &str, local: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut values = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == element => {
                let value = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == local)
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                values.push(value);
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
    values
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A sink that counts what it is given, and keeps it if asked.
struct Counted {
    count: u64,
    keep: bool,
    kept: Vec<u8>,
}

impl Counted {
    fn new(keep: bool) -> Self {
        Counted {
            count: 0,
            keep,
            kept: Vec::new(),
        }
    }
}

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.count += buf.len() as u64;
        if self.keep {
            self.kept.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
