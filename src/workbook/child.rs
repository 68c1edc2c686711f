//! Workbooks calamine reads into whole sheets (`.xls`, `.ods`, `.xlsb`),
//! read in a child process of plantrack itself (`plantrack
//! __read-workbook`), limited to [`MEMORY_FLOOR`] plus [`MEMORY_PER_BYTE`]
//! times the file's size of address space and to a CPU time that grows
//! with the file. A file whose stated dimensions ask for petabytes makes
//! the child fail an allocation and stop, not plantrack; the cells come
//! back over a pipe, one JSON line each.
//!
//! The binary turns this on with [`contain_in`]; the library alone (unit
//! tests, fuzzing) reads in its own process.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Book, Cell, Refusal, Sheet, Value};
use crate::tr;

/// The address space a child reading a workbook may use, whatever the
/// file's size, in bytes.
pub const MEMORY_FLOOR: u64 = 256 << 20;

/// And for each byte of the file, so that a large honest workbook is read.
pub const MEMORY_PER_BYTE: u64 = 20;

/// CPU seconds a child may use, whatever the file's size…
const SECONDS_FLOOR: u64 = 10;

/// …and for each MiB of the file.
const SECONDS_PER_MIB: u64 = 3;

/// The plantrack binary that reads workbooks in a child process, once set.
static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Reads the workbooks calamine reads whole in a child process of
/// `program` (the plantrack binary, which serves `__read-workbook`).
pub fn contain_in(program: PathBuf) {
    let _ = PROGRAM.set(program);
}

/// The binary set by [`contain_in`], if any.
pub(super) fn program() -> Option<&'static Path> {
    PROGRAM.get().map(PathBuf::as_path)
}

/// The limits for a file of `size` bytes: address space in bytes and CPU
/// seconds.
fn limits(size: u64) -> (u64, u64) {
    (
        MEMORY_FLOOR.saturating_add(size.saturating_mul(MEMORY_PER_BYTE)),
        SECONDS_FLOOR + SECONDS_PER_MIB * (size >> 20),
    )
}

/// One line from the child.
#[derive(Debug, Serialize, Deserialize)]
enum Line {
    /// A sheet begins: its name and whether it is shown.
    Sheet(String, bool),
    /// A cell of the sheet: row, column, value.
    Cell(u32, u32, Sent),
    /// The sheet cannot be read: why.
    Failed(String),
    /// The workbook is password-protected.
    Protected,
    /// The workbook cannot be opened: why.
    Unreadable(String),
}

/// A value as it crosses the pipe: numbers as their shortest text, which
/// reads back to the same f64.
#[derive(Debug, Serialize, Deserialize)]
enum Sent {
    Text(String),
    Int(i64),
    Float(String),
    Bool(bool),
    Date(String),
    Error(String),
}

impl From<&Value> for Sent {
    fn from(value: &Value) -> Self {
        match value {
            Value::Text(s) => Sent::Text(s.clone()),
            Value::Int(i) => Sent::Int(*i),
            Value::Float(f) => Sent::Float(f.to_string()),
            Value::Bool(b) => Sent::Bool(*b),
            Value::Date(s) => Sent::Date(s.clone()),
            Value::Error(s) => Sent::Error(s.clone()),
        }
    }
}

impl Sent {
    fn value(self) -> Option<Value> {
        Some(match self {
            Sent::Text(s) => Value::Text(s),
            Sent::Int(i) => Value::Int(i),
            Sent::Float(f) => Value::Float(f.parse().ok()?),
            Sent::Bool(b) => Value::Bool(b),
            Sent::Date(s) => Value::Date(s),
            Sent::Error(s) => Value::Error(s),
        })
    }
}

/// The child's side: reads a workbook from standard input within the
/// limits for its size and writes its sheets and cells to standard output.
pub fn serve() -> std::io::Result<()> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    let (memory, seconds) = limits(bytes.len() as u64);
    set_limits(memory, seconds);
    let out = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(out);
    let mut send = |line: &Line| -> std::io::Result<()> {
        serde_json::to_writer(&mut out, line)?;
        out.write_all(b"\n")
    };
    match super::read_whole(bytes) {
        Ok(Book::Sheets(sheets)) => {
            for sheet in sheets {
                send(&Line::Sheet(sheet.name, sheet.visible))?;
                match sheet.cells {
                    Ok(cells) => {
                        for cell in cells {
                            send(&Line::Cell(cell.row, cell.column, (&cell.value).into()))?;
                        }
                    }
                    Err(why) => send(&Line::Failed(why))?,
                }
            }
        }
        Ok(Book::Xlsx(_)) => send(&Line::Unreadable(String::new()))?,
        Err(Refusal::Protected) => send(&Line::Protected)?,
        Err(Refusal::Unreadable(why)) => send(&Line::Unreadable(why))?,
        Err(Refusal::Limit(why)) => send(&Line::Unreadable(why.to_string()))?,
    }
    out.flush()
}

/// Limits this process to `memory` bytes of address space and `seconds`
/// of CPU time: past them an allocation fails (and the process stops) or
/// the system stops it.
#[cfg(unix)]
fn set_limits(memory: u64, seconds: u64) {
    let set = |resource, value: u64| {
        let limit = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct it is given and nothing else.
        unsafe { libc::setrlimit(resource, &limit) };
    };
    set(libc::RLIMIT_AS, memory);
    set(libc::RLIMIT_CPU, seconds);
}

#[cfg(not(unix))]
fn set_limits(_memory: u64, _seconds: u64) {}

/// The parent's side: reads the workbook `bytes` in a child process of
/// `program`.
pub(super) fn read(program: &Path, bytes: Vec<u8>) -> Result<Book, Refusal> {
    let size = bytes.len() as u64;
    // The child words what it says (a sheet it cannot read) in the run's language.
    let lang = match crate::msg::lang() {
        crate::msg::Lang::Zh => "zh",
        crate::msg::Lang::En => "en",
    };
    let spawned = Command::new(program)
        .arg("__read-workbook")
        .env("PLANTRACK_LANG", lang)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    // A child that cannot be started: read here, as the library does.
    let Ok(mut child) = spawned else {
        return super::read_whole(bytes);
    };
    let stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // A child that stops early closes the pipe; its status says why.
            let _ = stdin.write_all(&bytes);
        }
    });
    let lines = child.stdout.take().map(gather);
    let _ = writer.join();
    let status = child.wait();
    match (status, lines) {
        (Ok(status), Some(Ok(book))) if status.success() => book,
        (Ok(status), _) => Err(Refusal::Limit(exceeded(status, size))),
        (Err(e), _) => Err(Refusal::Unreadable(e.to_string())),
    }
}

/// The sheets and cells the child sends, or its refusal.
fn gather(stdout: std::process::ChildStdout) -> std::io::Result<Result<Book, Refusal>> {
    let mut sheets: Vec<Sheet> = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line: Line = serde_json::from_str(&line?).map_err(std::io::Error::other)?;
        match line {
            Line::Sheet(name, visible) => sheets.push(Sheet {
                name,
                visible,
                cells: Ok(Vec::new()),
            }),
            Line::Cell(row, column, sent) => {
                let value = sent.value().ok_or_else(|| std::io::Error::other("value"))?;
                if let Some(Sheet {
                    cells: Ok(cells), ..
                }) = sheets.last_mut()
                {
                    cells.push(Cell { row, column, value });
                }
            }
            Line::Failed(why) => {
                if let Some(sheet) = sheets.last_mut() {
                    sheet.cells = Err(why);
                }
            }
            Line::Protected => return Ok(Err(Refusal::Protected)),
            Line::Unreadable(why) => return Ok(Err(Refusal::Unreadable(why))),
        }
    }
    Ok(Ok(Book::Sheets(sheets)))
}

/// Which limit a child that did not finish passed, in words.
fn exceeded(status: std::process::ExitStatus, size: u64) -> crate::msg::Text {
    let (memory, seconds) = limits(size);
    let mib = memory >> 20;
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if status.signal() == Some(libc::SIGXCPU) {
            return tr!(
                "读取这个工作簿超过了{seconds}秒CPU时间的上限（按文件大小定）",
                "reading the workbook passed the limit of {seconds} s of CPU time (set by the file's size)"
            );
        }
    }
    let _ = status;
    tr!(
        "读取这个工作簿需要超过{mib} MiB内存的上限（256 MiB加文件大小的20倍）：文件所声明的表格范围远大于其实际内容",
        "reading the workbook needs more than the limit of {mib} MiB of memory (256 MiB plus 20 times the file's size): the sheet's stated dimensions are far larger than what it holds"
    )
}
