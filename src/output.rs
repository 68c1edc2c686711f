//! Writing an output file without destroying anything: see [`write_file`].

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where the output stands, for a signal: the temporary file being
/// written (removed if a signal ends the process), or whether the new file
/// is in place (then a signal is ignored: the run finishes as it would).
static PENDING: Mutex<Phase> = Mutex::new(Phase::Idle);

/// Where the output stands.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    /// Nothing written yet: a signal ends the run, no file changed.
    Idle,
    /// The temporary file being written: a signal removes it and ends the run.
    Writing(PathBuf),
    /// The new file is in place: a signal is ignored, so that the run
    /// finishes and says what tripped, as the file it wrote implies.
    Committed,
}

/// How many symbolic links are followed before giving up (as Linux does).
const MAX_LINKS: usize = 40;

/// Writes `path` through `write`, by these rules:
///
/// - A symbolic link is followed: the file it leads to is written and the
///   link stays a link.
/// - A regular file (or a path that does not exist yet) is replaced
///   atomically: the output is written to a temporary file in the same
///   directory, flushed, synced and renamed into place when complete, so a
///   reader sees the old file or the new one, never a part. On failure,
///   and on SIGINT, SIGTERM or SIGHUP (the process then exits with 128 +
///   the signal), the temporary file is removed. SIGKILL cannot be caught.
///   Once the new file is renamed into place, those signals are ignored:
///   the run finishes printing what it has to say (a `--fail-on-worse`
///   alert) and exits with its own code, so that an interrupted cron run
///   has either its old file and 130, or its new file and its full output.
/// - An existing file keeps its permission bits, and its owner and group
///   where the process may set them; a new file gets 0666 less the umask.
/// - A target that exists but is not a regular file (a device such as
///   `/dev/null`, a FIFO, a socket) is opened and written in place, never
///   replaced. A directory is refused.
///
/// That the output is not one of the inputs is checked before anything is
/// read (see `config`).
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    // `metadata` follows links as the kernel does, `/proc/self/fd/1` included.
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory; give a file name",
        )),
        Ok(meta) if !meta.is_file() => write_in_place(path, write),
        Ok(meta) => replace(&fs::canonicalize(path)?, Some(&meta), write),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&resolve(path)?, None, write),
        Err(e) => Err(e),
    }
}

/// Where `path` leads once every symbolic link on it is followed, for a
/// path that does not exist yet (a new file, or a link to one); the path
/// itself if it is not a link.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Writes into an existing file that is not a regular one, as it is.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = fs::OpenOptions::new().write(true).open(path)?;
    let mut out = io::BufWriter::new(file);
    write(&mut out)?;
    out.flush()
}

/// Replaces a regular file (or creates one) through a temporary file.
fn replace(
    path: &Path,
    existing: Option<&fs::Metadata>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    install_signal_cleanup();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".plantrack-").suffix(".tmp");
    // Permissions as for any new file (0666 less the umask), not tempfile's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Hold the lock from the file's creation to its registration, so that
    // a signal in between waits and then finds it to remove.
    let mut file = {
        let mut pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let file = builder.tempfile_in(dir)?;
        *pending = Phase::Writing(file.path().to_path_buf());
        file
    };
    let written = fill(&mut file, existing, write);
    let result = written.and_then(|()| {
        // Hold the lock across the rename, so a signal handler either
        // removes the temporary file before it or finds nothing after it.
        let mut pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let persisted = file.persist(path).map(|_| ()).map_err(|e| e.error);
        *pending = if persisted.is_ok() {
            Phase::Committed
        } else {
            Phase::Idle
        };
        persisted
    });
    if result.is_err() {
        set_phase(Phase::Idle);
    }
    result
}

fn fill(
    file: &mut tempfile::NamedTempFile,
    existing: Option<&fs::Metadata>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(meta) = existing {
        keep_owner_and_mode(file.as_file(), meta)?;
    }
    let mut out = io::BufWriter::new(EarlyWriteback::new(file.as_file_mut()));
    write(&mut out)?;
    out.flush()?;
    drop(out);
    file.as_file().sync_all()
}

/// A file written from its start that asks the system to begin writing
/// each few megabytes to disk as soon as they are written, so that the
/// sync before the rename has little left to wait for: a 96 MB report
/// otherwise waits for all of it at the end.
struct EarlyWriteback<'f> {
    file: &'f mut fs::File,
    /// Bytes written.
    written: u64,
    /// Bytes whose writing to disk has been asked for.
    started: u64,
}

/// How many bytes [`EarlyWriteback`] lets build up before it asks.
const WRITEBACK_STEP: u64 = 8 << 20;

impl<'f> EarlyWriteback<'f> {
    fn new(file: &'f mut fs::File) -> Self {
        EarlyWriteback {
            file,
            written: 0,
            started: 0,
        }
    }
}

impl Write for EarlyWriteback<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK_STEP {
            start_writeback(self.file, self.started, self.written - self.started);
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Asks Linux to start writing `len` bytes of `file` from `offset` to disk,
/// without waiting for them. Only a hint: a failure changes nothing, as
/// the file is synced in full before it is renamed.
#[cfg(target_os = "linux")]
fn start_writeback(file: &fs::File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
        return;
    };
    // SAFETY: sync_file_range takes a descriptor and numbers and touches
    // no memory of this process; the descriptor is open for as long as
    // `file` is borrowed.
    let _ = unsafe {
        libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE)
    };
}

/// Elsewhere the sync before the rename writes the whole file.
#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &fs::File, _offset: u64, _len: u64) {}

/// Gives the new file the old one's owner, group and permission bits.
/// Changing the owner needs privilege: without it the owner is left as is.
#[cfg(unix)]
fn keep_owner_and_mode(file: &fs::File, meta: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    file.set_permissions(meta.permissions())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &fs::File, meta: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(meta.permissions())
}

fn set_phase(phase: Phase) {
    let mut pending = PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *pending = phase;
}

/// Once per process: on SIGINT, SIGTERM or SIGHUP remove the temporary file
/// being written and exit with 128 + the signal number, as a shell reports
/// a process ended by that signal; once the new file is in place, go on.
fn install_signal_cleanup() {
    #[cfg(unix)]
    {
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            // Without the handler a signal still ends the process; only the
            // clean-up is lost, so a failure to install it is not fatal.
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                for signal in signals.forever() {
                    let pending = PENDING
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                    match &*pending {
                        Phase::Committed => continue,
                        Phase::Writing(path) => {
                            let _ = fs::remove_file(path);
                        }
                        Phase::Idle => {}
                    }
                    std::process::exit(128 + signal);
                }
            });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Seek};

    #[test]
    fn early_writeback_passes_every_byte_through_and_asks_each_step() {
        let mut file = tempfile::tempfile().expect("a temporary file");
        let chunk: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
        {
            let mut out = EarlyWriteback::new(&mut file);
            for _ in 0..20 {
                out.write_all(&chunk).expect("written");
            }
            out.flush().expect("flushed");
            assert_eq!(out.written, 20 << 20);
            // Asked at 8 MiB and 16 MiB; the last 4 MiB are left to the sync.
            assert_eq!(out.started, 2 * WRITEBACK_STEP);
        }
        file.rewind().expect("rewound");
        let mut back = Vec::new();
        file.read_to_end(&mut back).expect("read back");
        assert_eq!(back.len(), 20 << 20);
        assert!(back.chunks(1 << 20).all(|c| c == chunk.as_slice()));
    }
}
