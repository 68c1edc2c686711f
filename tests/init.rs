//! Starting a plan: `init` writes a skeleton that `check` accepts, `list
//! --format toml` prints the plan in use, and comparators are taken as
//! people type them.

mod common;

use common::{HEAD, plantrack_en as plantrack, stdout_of, succeeded, write_file};
use tempfile::TempDir;

#[test]
fn init_writes_a_skeleton_that_check_accepts_and_never_overwrites() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("plan.toml");
    succeeded(
        plantrack()
            .args(["init", "--from", "2025", "--to", "2030", "--output"])
            .arg(&path),
    );
    let text = std::fs::read_to_string(&path).expect("written");
    let out = succeeded(plantrack().args(["check", "--plan"]).arg(&path));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("ok: plan my-plan-2025-2030 (2025–2030), 10 indicators (9 targets, 1 milestone), 1 reference series"),
        "{said}"
    );
    // One of every kind.
    let csv = String::from_utf8(stdout_of(
        plantrack()
            .args(["list", "--format", "csv", "--plan"])
            .arg(&path),
    ))
    .expect("utf-8");
    for kind in [
        "level",
        "growth",
        "share",
        "cumulative",
        "rank",
        "milestone",
        "reference",
        "relative",
        "trend",
    ] {
        assert!(csv.contains(&format!(",{kind},")), "{kind}: {csv}");
    }
    // Deterministic, and the same on standard output.
    let again = stdout_of(plantrack().args(["init", "--from", "2025", "--to", "2030"]));
    assert_eq!(again, text.as_bytes());
    // A file there already is never replaced.
    std::fs::write(&path, "my work").expect("write");
    let out = plantrack()
        .args(["init", "--output"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists: init never writes over a file"));
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "my work");
    // A period that ends before it starts is refused.
    let out = plantrack()
        .args(["init", "--from", "2030", "--to", "2025"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn list_prints_the_plan_in_use_as_toml() {
    let builtin = stdout_of(plantrack().args(["list", "--format", "toml"]));
    let file = std::fs::read("data/xiangyang-hitech-14fyp.toml").expect("plan");
    assert_eq!(builtin, file, "the built-in plan, byte for byte");
    let dir = TempDir::new().expect("tempdir");
    let out = dir.path().join("copy.toml");
    succeeded(plantrack().args(["list", "--output"]).arg(&out));
    assert_eq!(std::fs::read(&out).expect("copy"), file, "by the extension");
    succeeded(plantrack().args(["check", "--plan"]).arg(&out));
}

#[test]
fn comparators_are_taken_as_chinese_input_methods_type_them() {
    let dir = TempDir::new().expect("tempdir");
    let indicator = |id: &str, comparator: &str| {
        format!(
            "[[indicator]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"level\"\ncomparator = \"{comparator}\"\ntarget = 10\nbaseline = 5\n\n"
        )
    };
    let text = format!(
        "{HEAD}{}{}{}{}",
        indicator("a", "≥"),
        indicator("b", "≤"),
        indicator("c", "＞"),
        indicator("d", "＜")
    );
    let plan = write_file(dir.path(), "plan.toml", text);
    let csv = String::from_utf8(stdout_of(
        plantrack().args(["list", "--format", "csv", "--plan", &plan]),
    ))
    .expect("utf-8");
    let comparators: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(3).unwrap_or_default())
        .collect();
    assert_eq!(comparators, [">=", "<=", ">", "<"], "{csv}");
}

#[test]
fn full_width_digits_and_quotes_are_refused_with_what_to_type() {
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(
        dir.path(),
        "plan.toml",
        format!(
            "{HEAD}[[indicator]]\nid = \"a\"\nname = \"a\"\nkind = \"level\"\ntarget = １８００\n"
        ),
    );
    let out = plantrack()
        .args(["check", "--plan", &plan])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("plan.toml:11:10: TOML syntax error: string values must be quoted, expected literal string; the line has full-width characters, as a Chinese input method types them (１ ８ ０ ０): type them in ASCII (1 8 0 0)"),
        "{err}"
    );
}

/// Every worked example of docs/plan-format.md is a plan `check` accepts.
#[test]
fn the_plan_format_references_examples_are_valid() {
    let doc = std::fs::read_to_string("docs/plan-format.md").expect("doc");
    let block = doc
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml block");
    let dir = TempDir::new().expect("tempdir");
    let plan = write_file(dir.path(), "plan.toml", format!("{HEAD}{block}"));
    let out = succeeded(plantrack().args(["check", "--plan", &plan]));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("15 indicators (14 targets, 1 milestone)"),
        "{said}"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
