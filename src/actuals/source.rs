//! Where actuals come from: files, directories of files, or standard input.
//!
//! [`sources`] turns the `--actuals` arguments into the list of inputs to
//! read, each once, and refuses what cannot be read as a table: a device
//! such as `/dev/zero` (it never ends), a file over [`MAX_INPUT_BYTES`], and
//! `-` given twice. Files in a directory that are not read are named in a
//! note, so nothing is skipped in silence.

use std::collections::HashSet;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::Remark;
use crate::error::{Error, Result};
use crate::msg::Text;

/// The largest single input read, in bytes (1 GiB): far above any real
/// sheet, well below what would exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// The name standard input goes by in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name in messages: the path as given, or `<stdin>`.
    pub name: Arc<str>,
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
}

impl Source {
    /// Whether the input is tab-separated: a `.tsv` file; standard input
    /// whose first line has a tab and no comma.
    pub fn is_tsv(&self, text: &str) -> bool {
        match &self.path {
            Some(path) => has_extension(path, &["tsv"]),
            None => {
                let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                first.contains('\t') && !first.contains(',')
            }
        }
    }

    /// The file name's stem, where a per-year file carries its year.
    pub fn stem(&self) -> Option<&str> {
        self.path.as_deref()?.file_stem()?.to_str()
    }
}

/// The inputs named by `paths`, in order: a file as itself, a directory as
/// its `.csv`, `.tsv` and workbook files in name order, `-` as standard input. The
/// same file reached twice (a directory given twice, a file and its
/// directory) is read once. Notes name the files in directories that are
/// not read.
pub fn sources(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<Remark>)> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    let mut remarks = Vec::new();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin {
                return Err(Error::Usage(crate::tr!(
                    "--actuals - 给了两次：标准输入只能读取一次",
                    "--actuals - is given twice: standard input can be read once"
                )));
            }
            stdin = true;
            found.push(Source {
                name: Arc::from(STDIN_NAME),
                path: None,
            });
            continue;
        }
        let meta = metadata(path)?;
        if meta.is_dir() {
            if !seen.insert(identity(path, &meta)) {
                continue;
            }
            let (files, skipped) = directory(path)?;
            if !skipped.is_empty() {
                remarks.push(Remark::loss(skipped_note(path, &skipped)));
            }
            for file in files {
                let meta = metadata(&file)?;
                if seen.insert(identity(&file, &meta)) {
                    found.push(file_source(file));
                }
            }
        } else {
            refuse_special(path, &meta)?;
            if seen.insert(identity(path, &meta)) {
                found.push(file_source(path.clone()));
            }
        }
    }
    Ok((found, remarks))
}

fn file_source(path: PathBuf) -> Source {
    Source {
        name: Arc::from(path.display().to_string()),
        path: Some(path),
    }
}

/// Reads one input's bytes, refusing devices and more than [`MAX_INPUT_BYTES`].
pub fn read(source: &Source) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let result = match &source.path {
        None => std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map(drop),
        Some(_) => read_whole(open(source)?).map(|read| bytes = read),
    };
    result.map_err(|source_err| Error::Read {
        path: source
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(STDIN_NAME)),
        source: source_err,
    })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big(source, bytes.len() as u64));
    }
    Ok(bytes)
}

/// From this many bytes, a file is read in parts on every core.
const PARALLEL_READ_FROM: u64 = 8 << 20;

/// The whole of an opened file. A large file is read in parts on every
/// core, each into its part of the memory: copying a file into fresh
/// memory costs the kernel as much as a quarter of a large plan's reading.
/// A file that shrinks meanwhile is read again in one pass; what it grew
/// by is read after.
fn read_whole(mut file: std::io::Take<std::fs::File>) -> std::io::Result<Vec<u8>> {
    let size = file.get_ref().metadata().map_or(0, |m| m.len());
    let len = usize::try_from(size.min(MAX_INPUT_BYTES)).unwrap_or(0);
    #[cfg(unix)]
    if size >= PARALLEL_READ_FROM {
        use std::os::unix::fs::FileExt;
        let mut bytes = vec![0; len];
        let part = len.div_ceil(crate::parts::threads());
        let jobs: Vec<_> = bytes.chunks_mut(part).enumerate().collect();
        let each =
            |(k, chunk): (usize, &mut [u8])| file.get_ref().read_exact_at(chunk, (k * part) as u64);
        if crate::parts::each_on_a_thread(jobs, each)
            .into_iter()
            .all(|read| read.is_ok())
        {
            file.get_mut().seek(std::io::SeekFrom::Start(size))?;
            file.set_limit(MAX_INPUT_BYTES + 1 - size);
            file.read_to_end(&mut bytes)?;
            return Ok(bytes);
        }
        file.get_mut().rewind()?;
        file.set_limit(MAX_INPUT_BYTES + 1);
    }
    // Room for the whole file at once: a growing buffer would copy it
    // over and over.
    let mut bytes = Vec::with_capacity(len + 1);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The refusal of an input of `size` bytes, over [`MAX_INPUT_BYTES`].
fn too_big(source: &Source, size: u64) -> Error {
    let name = crate::diag::escape_controls(&source.name);
    Error::Usage(crate::tr!(
        "{name}：文件大小为{size}字节，超过单个文件{MAX_INPUT_BYTES}字节（1 GiB）的上限；请拆分后再读",
        "{name}: the input is {size} bytes, over the limit of {MAX_INPUT_BYTES} bytes (1 GiB) for one file; split it"
    ))
}

/// Opens one input file to be read as it streams (at most
/// [`MAX_INPUT_BYTES`] and one more byte, so that more can be told),
/// refusing devices and a file over the limit.
pub fn open(source: &Source) -> Result<std::io::Take<std::fs::File>> {
    let path = source
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
    let meta = metadata(&path)?;
    refuse_special(&path, &meta)?;
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big(source, meta.len()));
    }
    std::fs::File::open(&path)
        .map(|f| f.take(MAX_INPUT_BYTES + 1))
        .map_err(|source| Error::Read { path, source })
}

fn metadata(path: &Path) -> Result<std::fs::Metadata> {
    std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Refuses inputs that are not files: devices never end (`/dev/zero`) or
/// block; FIFOs and the like are read as streams, as standard input is.
fn refuse_special(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_block_device() {
            let path = crate::diag::shown(path);
            return Err(Error::Usage(crate::tr!(
                "{path}：这是设备，不是实际值文件；请给出CSV/TSV文件、存放它们的目录，或用 - 表示标准输入",
                "{path}: is a device, not a file of actuals; give a CSV/TSV file, a directory of them, or - for standard input"
            )));
        }
    }
    let _ = (path, meta);
    Ok(())
}

/// What identifies a file however it is reached: device and inode.
pub fn identity(path: &Path, meta: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        FileId::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// A file's identity, as [`identity`] gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileId {
    /// Device and inode.
    Inode(u64, u64),
    /// The canonical path, where there are no inodes.
    Path(PathBuf),
}

/// A directory's table files in name order, and the names of the files it
/// holds that are not read.
fn directory(path: &Path) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let entries = std::fs::read_dir(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let file = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // `~$book.xlsx` is the lock file Excel and WPS keep while the
        // workbook is open: not a workbook.
        if !file.is_file() || name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        if has_extension(&file, TABLE_EXTENSIONS) {
            files.push(file);
        } else if !has_extension(&file, &["md", "txt"]) {
            skipped.push(name);
        }
    }
    files.sort();
    skipped.sort();
    if files.is_empty() {
        let path = crate::diag::shown(path);
        let found = crate::tr!(
            "{path}：目录中没有实际值表格（.csv、.tsv、.xlsx、.xlsm、.xls 或 .ods）",
            "{path}: the directory has no table of actuals (.csv, .tsv, .xlsx, .xlsm, .xls or .ods)"
        );
        return Err(Error::Usage(if skipped.is_empty() {
            found
        } else {
            found
                .then(&crate::tr!("（", " ("))
                .then(&spreadsheet_advice(&skipped))
                .then(&crate::tr!("）", ")"))
        }));
    }
    Ok((files, skipped))
}

fn skipped_note(dir: &Path, skipped: &[String]) -> Text {
    let dir = crate::diag::shown(dir);
    crate::tr!("{dir}：未读取：", "{dir}: not read: ").then(&spreadsheet_advice(skipped))
}

/// Names the files not read and says what to do with them.
fn spreadsheet_advice(skipped: &[String]) -> Text {
    let names: Vec<String> = skipped
        .iter()
        .map(|n| crate::diag::escape_controls(n).into_owned())
        .collect();
    let wps = skipped
        .iter()
        .any(|n| has_extension(Path::new(n), &["et", "ett", "numbers"]));
    let names = names.join(", ");
    if wps {
        crate::tr!(
            "{names}（只读取 .csv、.tsv、.xlsx、.xlsm、.xls 和 .ods 文件：请把WPS和Numbers表格另存为 .xlsx）",
            "{names} (only .csv, .tsv, .xlsx, .xlsm, .xls and .ods files are read: save WPS and Numbers sheets as .xlsx)"
        )
    } else {
        crate::tr!(
            "{names}（只读取 .csv、.tsv、.xlsx、.xlsm、.xls 和 .ods 文件）",
            "{names} (only .csv, .tsv, .xlsx, .xlsm, .xls and .ods files are read)"
        )
    }
}

/// The files a directory of actuals is read for.
const TABLE_EXTENSIONS: &[&str] = &["csv", "tsv", "xlsx", "xlsm", "xls", "ods"];

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}
