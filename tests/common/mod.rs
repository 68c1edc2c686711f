//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test crate uses its own subset

use std::path::Path;

use assert_cmd::Command;

/// The `plantrack` binary, run from the project root without colour; the
/// language follows the plan unless the test asks for one.
pub fn plantrack() -> Command {
    plantrack_in("")
}

/// [`plantrack`] with messages (and everything else) in English, for the
/// tests of English messages.
pub fn plantrack_en() -> Command {
    plantrack_in("en")
}

/// The `plantrack` binary with `PLANTRACK_LANG` set to `lang`, or unset
/// for an empty `lang` (the language then follows the plan).
pub fn plantrack_in(lang: &str) -> Command {
    let mut cmd = Command::cargo_bin("plantrack").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("PLANTRACK_LANG");
    if !lang.is_empty() {
        cmd.env("PLANTRACK_LANG", lang);
    }
    cmd
}

/// The `[plan]` table of a minimal plan in English, 2020–2025.
pub const HEAD: &str = "[plan]\nid = \"p\"\nname = \"p\"\nbase_year = 2020\ntarget_year = 2025\n\n";

/// Writes a fixture file and returns its path.
pub fn write_file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path.display().to_string()
}

/// Runs `cmd`, asserts it succeeded (showing its standard error if not),
/// and returns its whole output, standard error included.
pub fn succeeded(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `cmd`, asserts it succeeded, and returns its standard output.
pub fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    cmd.assert().success().get_output().stdout.clone()
}

/// Runs `cmd`, asserts exit code 2 and no output, and returns stderr with
/// `prefix` (a temporary directory or file path) replaced by `short`.
pub fn refused(cmd: &mut Command, prefix: &str, short: &str) -> String {
    let out = cmd.assert().code(2).get_output().clone();
    assert!(out.stdout.is_empty(), "no output on bad input");
    String::from_utf8(out.stderr)
        .expect("utf-8")
        .replace(prefix, short)
}

/// The names of the entries of `dir`, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The plan in `text`, which a test wrote to be valid.
pub fn plan_from(text: &str) -> plantrack::plan::Plan {
    match plantrack::plan::Plan::from_toml("t.toml", text) {
        Ok(p) => p,
        Err(e) => panic!("test plan invalid: {e}\n{text}"),
    }
}

/// A series of numbers by year.
pub fn numbers(values: &[(i32, f64)]) -> plantrack::actuals::Series {
    values
        .iter()
        .map(|&(y, v)| (y, plantrack::actuals::Observation::Number(v)))
        .collect()
}

/// The text of a PDF by poppler's `pdftotext` (Debian's poppler-utils),
/// with `args` before the file.
#[allow(dead_code)]
pub fn pdf_text(pdf: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What poppler's `pdfinfo` says of a PDF: pages, page size, …
#[allow(dead_code)]
pub fn pdf_info(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (apt-get install poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A plan (in English) of `count` level targets `x0`, `x1`, … named
/// `Indicator 0`, …, each from 100 in 2020 to at least 200 in 2025.
pub fn levels(count: usize) -> String {
    let mut plan = String::from(
        "[plan]\nid = \"levels\"\nname = \"Levels\"\nbase_year = 2020\ntarget_year = 2025\n",
    );
    for i in 0..count {
        plan.push_str(&format!(
            "[[indicator]]\nid = \"x{i}\"\nname = \"Indicator {i}\"\nkind = \"level\"\ncomparator = \">=\"\ntarget = 200\nbaseline = 100\n"
        ));
    }
    plan
}
