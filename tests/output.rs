//! `--output` never destroys what it should not: devices, FIFOs and links
//! stay what they are, permissions are kept, inputs are never overwritten,
//! and an interrupted run leaves nothing behind (issue 15).

mod common;

use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{listing, plantrack, plantrack_en, write_file};
use tempfile::TempDir;

const EXAMPLE: &str = "examples/actuals";

fn report_to(target: &Path) -> std::process::Output {
    plantrack()
        .args(["report", "--actuals", EXAMPLE, "--format", "csv", "-o"])
        .arg(target)
        .output()
        .expect("run")
}

#[test]
fn a_device_is_written_in_place_never_replaced() {
    let out = report_to(Path::new("/dev/null"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = std::fs::metadata("/dev/null").expect("stat");
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is still a device"
    );
}

#[test]
fn standard_output_by_name_is_written_not_replaced() {
    for target in ["/dev/stdout", "/proc/self/fd/1"] {
        let out = report_to(Path::new(target));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{target}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.starts_with(b"as_of,id,name"),
            "{target}: the report came out"
        );
    }
}

#[test]
fn a_fifo_is_written_in_place() {
    let dir = TempDir::new().expect("tempdir");
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).expect("read fifo"))
    };
    let out = report_to(&fifo);
    assert_eq!(out.status.code(), Some(0));
    let got = reader.join().expect("reader");
    assert!(
        got.starts_with(b"as_of,id,name"),
        "the report came through the FIFO"
    );
    assert!(
        std::fs::metadata(&fifo)
            .expect("stat")
            .file_type()
            .is_fifo()
    );
    assert_eq!(listing(dir.path()), ["pipe"]);
}

#[test]
fn a_symlink_is_followed_and_stays_a_link() {
    let dir = TempDir::new().expect("tempdir");
    write_file(dir.path(), "real.csv", "old");
    let link = dir.path().join("link.csv");
    symlink("real.csv", &link).expect("symlink");
    let out = report_to(&link);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = std::fs::symlink_metadata(&link).expect("lstat");
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    let written = std::fs::read_to_string(dir.path().join("real.csv")).expect("read");
    assert!(
        written.starts_with("as_of,id,name"),
        "the file it points to has the report"
    );
    assert_eq!(listing(dir.path()), ["link.csv", "real.csv"]);

    // A link to a file not made yet: the file is made, the link stays.
    let dangling = dir.path().join("next.csv");
    symlink("later.csv", &dangling).expect("symlink");
    assert_eq!(report_to(&dangling).status.code(), Some(0));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("lstat")
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(dir.path().join("later.csv")).expect("read");
    assert!(written.starts_with("as_of,id,name"));
}

#[test]
fn an_existing_file_keeps_its_permissions() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("private.csv");
    write_file(dir.path(), "private.csv", "old");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    assert_eq!(report_to(&path).status.code(), Some(0));
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a private report stays private");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    assert_eq!(report_to(&path).status.code(), Some(0));
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn an_input_is_never_overwritten() {
    let dir = TempDir::new().expect("tempdir");
    let actuals = write_file(
        dir.path(),
        "mine.csv",
        "indicator,year,value\nauto_traditional,2021,1250\n",
    );
    let before = std::fs::read(&actuals).expect("read");
    let link = dir.path().join("alias.csv");
    symlink("mine.csv", &link).expect("symlink");
    let cases: Vec<Vec<String>> = vec![
        vec![
            "report".into(),
            "--actuals".into(),
            actuals.clone(),
            "-o".into(),
            actuals.clone(),
        ],
        // Through a link, and through the directory holding the input.
        vec![
            "report".into(),
            "--actuals".into(),
            actuals.clone(),
            "-o".into(),
            link.display().to_string(),
        ],
        vec![
            "report".into(),
            "--actuals".into(),
            dir.path().display().to_string(),
            "-o".into(),
            actuals.clone(),
        ],
    ];
    for args in cases {
        let out = plantrack_en().args(&args).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("writing the report there would destroy it"),
            "{err}"
        );
        assert_eq!(std::fs::read(&actuals).expect("read"), before, "{args:?}");
    }
    // The plan, for `template` and `list`.
    let plan = write_file(
        dir.path(),
        "mine.toml",
        format!(
            "{}[[indicator]]\nid = \"a\"\nname = \"a\"\nkind = \"level\"\ntarget = 1\n",
            common::HEAD
        ),
    );
    let plan_before = std::fs::read(&plan).expect("read");
    for (command, format) in [("template", "csv"), ("list", "toml")] {
        let out = plantrack_en()
            .args([command, "--plan", &plan, "--format", format, "-o", &plan])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("writing the report there would destroy it"),
            "{err}"
        );
        assert_eq!(std::fs::read(&plan).expect("read"), plan_before);
    }
}

/// A plan big enough that rendering its table takes a while.
fn big_plan(dir: &Path, indicators: usize) -> String {
    let mut text = String::from(common::HEAD);
    for i in 0..indicators {
        text.push_str(&format!(
            "[[indicator]]\nid = \"x{i}\"\nname = \"指标{i}\"\nkind = \"level\"\ntarget = {}\nbaseline = 100\n",
            200 + i
        ));
    }
    write_file(dir, "big.toml", text)
}

#[test]
fn a_signal_during_the_write_leaves_nothing_behind() {
    let dir = TempDir::new().expect("tempdir");
    let plan = big_plan(dir.path(), 40_000);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let binary = assert_cmd::cargo::cargo_bin("plantrack");
    for (signal, name) in [(2, "INT"), (15, "TERM"), (1, "HUP")] {
        let mut child = Command::new(&binary)
            .args(["report", "--plan", &plan, "--format", "table", "-o"])
            .arg(out_dir.join("report.txt"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Wait for the temporary file to appear, then interrupt.
        let start = Instant::now();
        let mut seen = false;
        while start.elapsed() < Duration::from_secs(60) {
            if listing(&out_dir)
                .iter()
                .any(|n| n.starts_with(".plantrack-"))
            {
                seen = true;
                break;
            }
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(seen, "SIG{name}: the temporary file never appeared");
        let killed = Command::new("kill")
            .args([format!("-{name}"), child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let status = child.wait().expect("wait");
        assert_eq!(
            status.code(),
            Some(128 + signal),
            "SIG{name}: exit 128 + {signal}"
        );
        assert_eq!(
            listing(&out_dir),
            Vec::<String>::new(),
            "SIG{name}: nothing left"
        );
    }
}

#[test]
fn completions_never_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = Command::new(assert_cmd::cargo::cargo_bin("plantrack"))
        .args(["completions", "bash"])
        .env("PLANTRACK_LANG", "en")
        .stdout(full)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a full disk is exit 2, not a panic"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write standard output"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // A closed pipe is a normal end, every time.
    for _ in 0..10 {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("plantrack"))
            .args(["completions", "bash"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut one = [0u8; 1];
        std::io::Read::read_exact(&mut stdout, &mut one).expect("a byte");
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    }
}

#[test]
fn the_template_guards_formulas() {
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(
        dir.path(),
        "p.toml",
        format!(
            "{}[[indicator]]\nid = \"a\"\nname = \"=HYPERLINK(\\\"http://x\\\")\"\nunit = \"@SUM(A1)\"\nkind = \"level\"\ntarget = 1\nbaseline = 1\n",
            common::HEAD
        ),
    );
    let out = plantrack()
        .args(["template", "--plan", &plan])
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().expect("a row").expect("csv");
    assert_eq!(&row[1], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&row[2], "'@SUM(A1)");
}

/// The cron recipe, `report --since last.json --fail-on-worse --output
/// last.json`, interrupted by SIGINT at many points from its start to its
/// end: each run ends with the old file and exit 130 (or killed by the
/// signal before plantrack could catch it, which a shell reports as 130),
/// or with the new file, exit 1 and the full alert. Never the new file
/// without the alert.
#[test]
fn an_interrupted_cron_run_never_loses_its_alert() {
    let dir = TempDir::new().expect("tempdir");
    let actuals = format!("{}/examples/actuals", env!("CARGO_MANIFEST_DIR"));
    let last = dir.path().join("last.json");
    let binary = assert_cmd::cargo::cargo_bin("plantrack");
    let write_old = || {
        let status = Command::new(&binary)
            .args([
                "report",
                "--actuals",
                &actuals,
                "--as-of",
                "2022",
                "--format",
                "json",
                "-o",
            ])
            .arg(&last)
            .stderr(Stdio::null())
            .status()
            .expect("run");
        assert!(status.success());
        std::fs::read(&last).expect("old")
    };
    let run = || {
        let mut cmd = Command::new(&binary);
        cmd.args([
            "report",
            "--actuals",
            &actuals,
            "--fail-on-worse",
            "--format",
            "json",
        ])
        .arg("--since")
        .arg(&last)
        .arg("--output")
        .arg(&last)
        .env("PLANTRACK_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
        cmd
    };
    // The whole run, uninterrupted: how long it takes and what it says.
    let old = write_old();
    let start = Instant::now();
    let full = run().output().expect("run");
    let took = start.elapsed();
    assert_eq!(full.status.code(), Some(1));
    let alert = String::from_utf8_lossy(&full.stderr).into_owned();
    assert!(alert.contains("tripped --fail-on-worse:"), "{alert}");
    let new = std::fs::read(&last).expect("new");
    assert_ne!(old, new);
    let (mut kept, mut replaced) = (0, 0);
    for step in 0..40u32 {
        assert_eq!(write_old(), old);
        let mut child = run().spawn().expect("spawn");
        std::thread::sleep(took * step / 30);
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let mut err = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            std::io::Read::read_to_string(&mut pipe, &mut err).expect("stderr");
        }
        let status = child.wait().expect("wait");
        let now = std::fs::read(&last).expect("file");
        let interrupted = status.code() == Some(130)
            || std::os::unix::process::ExitStatusExt::signal(&status) == Some(2);
        if interrupted {
            assert_eq!(now, old, "step {step}: interrupted, yet the file changed");
            kept += 1;
        } else {
            assert_eq!(status.code(), Some(1), "step {step}: {err}");
            assert_eq!(now, new, "step {step}");
            assert!(
                err.ends_with(&alert[alert.len() - 200..]),
                "step {step}: {err}"
            );
            replaced += 1;
        }
    }
    // The sweep reached both sides of the rename.
    assert!(kept > 0 && replaced > 0, "kept {kept}, replaced {replaced}");

    // And the moment just after the rename, caught by watching the file's
    // inode change: the run still ends with its alert.
    use std::os::unix::fs::MetadataExt;
    let mut caught = 0;
    for _ in 0..10 {
        write_old();
        let before = std::fs::metadata(&last).expect("old").ino();
        let mut child = run().spawn().expect("spawn");
        let pid = child.id() as libc::pid_t;
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if std::fs::metadata(&last).is_ok_and(|m| m.ino() != before) {
                // SAFETY: a signal to our own child.
                if unsafe { libc::kill(pid, libc::SIGINT) } == 0 {
                    caught += 1;
                }
                break;
            }
        }
        let mut err = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            std::io::Read::read_to_string(&mut pipe, &mut err).expect("stderr");
        }
        let status = child.wait().expect("wait");
        assert_eq!(
            status.code(),
            Some(1),
            "interrupted after the rename: {err}"
        );
        assert_eq!(std::fs::read(&last).expect("file"), new);
        assert!(err.ends_with(&alert[alert.len() - 200..]), "{err}");
    }
    assert!(caught > 0, "no signal landed after the rename");
}
