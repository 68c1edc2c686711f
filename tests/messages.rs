//! Every message in the reader's language: each documented error, warning
//! and note, run once in Chinese and once in English. The Chinese message
//! holds no English word of its own (ids, file names, flags, keys and
//! quoted input aside); the English one is English.

mod common;

use common::{plantrack_in, write_file};
use tempfile::TempDir;

/// A small plan in Chinese, with a growth, a level and a milestone.
const PLAN: &str = r#"[plan]
id = "demo"
name = "示例规划"
base_year = 2020
target_year = 2025

[[indicator]]
id = "gdp_growth"
name = "地区生产总值年均增长"
unit = "%"
kind = "growth"
comparator = ">="
target = 7.5
actuals = "rate"

[[indicator]]
id = "auto"
name = "汽车产业规模"
unit = "亿元"
kind = "level"
comparator = ">="
target = 1800
baseline = 1200

[[indicator]]
id = "park"
name = "建成产业园"
kind = "milestone"
"#;

/// Words that may stand in a Chinese message as they are: names of
/// formats, encodings and programs, and words of the input syntax.
const ALLOWED: &[&str] = &[
    "csv",
    "tsv",
    "xlsx",
    "xlsm",
    "xls",
    "ods",
    "utf",
    "gbk",
    "gb18030",
    "toml",
    "json",
    "wps",
    "excel",
    "numbers",
    "nul",
    "xfd",
    "true",
    "false",
    "yes",
    "no",
    "plantrack",
    "na",
    "gib",
    "pct",
    "ascii",
    "id",
    "old",
    "new",
    "file",
    "path",
    "value",
    "year",
    "indicator",
    "list",
    "report",
    "check",
    "diff",
    "import",
    "init",
    "show",
    "template",
    "level",
    "rate",
    "growth",
    "share",
    "rank",
    "milestone",
    "relative",
    "trend",
    "reference",
    "cumulative",
    "name",
    "note",
    "source",
    "unit",
    "target",
];

/// The English words of `text` that are its own: what is left once
/// quoted input (`…`, "…", “…”), TOML table names (`[plan]`), flags,
/// paths and allowed words are set aside.
fn own_english(text: &str, dir: &str) -> Vec<String> {
    let mut rest = if dir.is_empty() {
        text.to_string()
    } else {
        text.replace(dir, " ")
    };
    for (open, close) in [('`', '`'), ('"', '"'), ('“', '”'), ('[', ']')] {
        let mut out = String::new();
        let mut inside = false;
        for c in rest.chars() {
            if (!inside && c == open) || (inside && c == close) {
                inside = !inside;
                out.push(' ');
            } else if !inside {
                out.push(c);
            }
        }
        rest = out;
    }
    rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
        .filter(|w| !w.starts_with('-') && !w.contains('.') && !w.contains('_'))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 3)
        .filter(|w| !ALLOWED.contains(&w.to_ascii_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// Runs `args` in `dir` in `lang`; standard error.
fn stderr_in(dir: &TempDir, lang: &str, args: &[&str]) -> String {
    let out = plantrack_in(lang)
        .current_dir(dir.path())
        .args(args)
        .output()
        .expect("run");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A case: its name, the files to write, then the arguments.
type Case = (&'static str, Vec<(&'static str, String)>, Vec<&'static str>);

/// The cases.
fn cases() -> Vec<Case> {
    let plan = |extra: &str| {
        PLAN.replace(
            "[[indicator]]\nid = \"park\"",
            &format!("{extra}[[indicator]]\nid = \"park\""),
        )
    };
    let csv = |body: &str| format!("indicator,year,value\n{body}");
    vec![
        ("plan syntax", vec![("p.toml", PLAN.replace("target = 1800", "target ＝ １８００"))], vec!["check", "--plan", "p.toml"]),
        ("plan fields", vec![("p.toml", plan("[[indicator]]\nid = \"Bad Id\"\nname = \"乙\"\nkind = \"levl\"\ntargt = 3\n\n"))], vec!["check", "--plan", "p.toml"]),
        ("plan years", vec![("p.toml", PLAN.replace("target_year = 2025", "target_year = 2019"))], vec!["check", "--plan", "p.toml"]),
        ("plan duplicate", vec![("p.toml", plan("[[indicator]]\nid = \"auto\"\nname = \"汽车\"\nkind = \"milestone\"\n\n"))], vec!["check", "--plan", "p.toml"]),
        ("plan growth target", vec![("p.toml", PLAN.replace("target = 7.5", "target = -1\nbaseline = 1020"))], vec!["check", "--plan", "p.toml"]),
        ("bad cells", vec![("p.toml", PLAN.to_string()), ("a.csv", csv("auto,2021,457.8亿元\nauto,20x1,1300\naut,2022,1\npark,2022,maybe\nauto,2021,1300\n"))], vec!["check", "--plan", "p.toml", "--actuals", "a.csv"]),
        ("bad header", vec![("p.toml", PLAN.to_string()), ("a.csv", "indicator,year,value,year2,年份\nauto,2021,1\n".to_string())], vec!["check", "--plan", "p.toml", "--actuals", "a.csv"]),
        ("no header", vec![("p.toml", PLAN.to_string()), ("a.csv", "x,y\n1,2\n".to_string())], vec!["check", "--plan", "p.toml", "--actuals", "a.csv"]),
        ("quote", vec![("p.toml", PLAN.to_string()), ("a.csv", csv("auto,2021,\"1300\nauto,2022,1400\n"))], vec!["check", "--plan", "p.toml", "--actuals", "a.csv"]),
        ("encoding", vec![("p.toml", PLAN.to_string()), ("a.csv", "indicator,year,value\nauto,2021,1\n\u{0}".to_string())], vec!["check", "--plan", "p.toml", "--actuals", "a.csv"]),
        ("slips", vec![("p.toml", PLAN.to_string()), ("a.csv", "indicator,year,value,单位,目标,备注\nauto,2019,1000,亿元,1800,张\nauto,2021,1300,万元,1900,张\nauto,2022,14000,亿元,1800,张\ngdp_growth,2021,0.075,%,7.5,张\ngdp_growth,2022,8,%,7.5,张\n".to_string())], vec!["check", "--plan", "p.toml", "--actuals", "a.csv"]),
        ("strict", vec![("p.toml", PLAN.to_string()), ("a.csv", csv("gdp_growth,2021,0.075\ngdp_growth,2022,8\n"))], vec!["report", "--plan", "p.toml", "--actuals", "a.csv", "--strict"]),
        ("unknown id", vec![("p.toml", PLAN.to_string())], vec!["show", "--plan", "p.toml", "atuo"]),
        ("as of", vec![("p.toml", PLAN.to_string()), ("a.csv", csv("auto,2021,1300\n"))], vec!["report", "--plan", "p.toml", "--actuals", "a.csv", "--as-of", "2030"]),
        ("output over input", vec![("p.toml", PLAN.to_string()), ("a.csv", csv("auto,2021,1300\n"))], vec!["report", "--plan", "p.toml", "--actuals", "a.csv", "--output", "a.csv"]),
        ("format", vec![("p.toml", PLAN.to_string())], vec!["report", "--plan", "p.toml", "--format", "json", "--output", "r.csv"]),
        ("missing", vec![], vec!["report", "--actuals", "nowhere.csv"]),
        ("not a report", vec![("a.json", "{}".to_string()), ("b.json", "[1]".to_string())], vec!["diff", "a.json", "b.json"]),
        ("init exists", vec![("p.toml", PLAN.to_string())], vec!["init", "--output", "p.toml"]),
        ("import", vec![("t.csv", "项目,负责单位\n道路,建设局\n".to_string())], vec!["import", "t.csv"]),
    ]
}

#[test]
fn every_message_is_in_the_language_of_the_run() {
    for (name, files, args) in cases() {
        let dir = TempDir::new().expect("tempdir");
        for (file, text) in &files {
            write_file(dir.path(), file, text);
        }
        let path = dir.path().display().to_string();
        let zh = stderr_in(&dir, "zh", &args);
        let en = stderr_in(&dir, "en", &args);
        assert!(!zh.trim().is_empty(), "{name}: a message is printed");
        let words = own_english(&zh, &path);
        assert!(words.is_empty(), "{name}: English words {words:?} in\n{zh}");
        assert_ne!(zh, en, "{name}: the two languages differ");
        // The English message reads as English: most of its words are.
        let english = own_english(&en, &path).len();
        assert!(english >= 3, "{name}: not English:\n{en}");
    }
}

#[test]
fn the_language_follows_the_flag_then_the_environment_then_the_plan() {
    let dir = TempDir::new().expect("tempdir");
    write_file(dir.path(), "p.toml", PLAN);
    let english_plan = PLAN.replace("示例规划", "Demo");
    write_file(
        dir.path(),
        "e.toml",
        english_plan
            .replace("地区生产总值年均增长", "GDP growth")
            .replace("汽车产业规模", "Autos")
            .replace("建成产业园", "Park"),
    );
    let bad = ["show", "--plan", "p.toml", "atuo"];
    // The plan's language: Chinese for a Chinese plan, English for one in English.
    assert!(stderr_in(&dir, "", &bad).contains("未知指标"));
    let bad_en = ["show", "--plan", "e.toml", "atuo"];
    assert!(stderr_in(&dir, "", &bad_en).contains("unknown indicator"));
    // PLANTRACK_LANG over the plan; --lang over both.
    assert!(stderr_in(&dir, "en", &bad).contains("unknown indicator"));
    let mut flagged = bad.to_vec();
    flagged.extend(["--lang", "zh"]);
    assert!(stderr_in(&dir, "en", &flagged).contains("未知指标"));
    // `check`'s summary too.
    let out = plantrack_in("")
        .current_dir(dir.path())
        .args(["check", "--plan", "p.toml"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("通过"));
}

#[test]
fn command_line_mistakes_are_told_in_the_language_of_the_run() {
    let dir = TempDir::new().expect("tempdir");
    for (args, zh) in [
        (
            &["report", "--bogus"][..],
            "plantrack: 未知参数 --bogus；用 --help 查看用法",
        ),
        (
            &["report", "--format", "xyz"],
            "参数 --format 的值“xyz”无效；可用的值：`table`、`csv`",
        ),
        (&["frobnicate"], "plantrack: 未知命令“frobnicate”"),
        (&["show"], "plantrack: 缺少必需的参数 <ID>"),
        (
            &["report", "--width", "10"],
            "参数 --width 的值“10”超出允许的范围",
        ),
        (
            &["report", "--bom", "--no-bom"],
            "参数 --bom 不能与 --no-bom 同时使用",
        ),
    ] {
        let out = plantrack_in("")
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(zh), "{args:?}: {err}");
        assert!(own_english(&err, "").is_empty(), "{args:?}: {err}");
        // In English, clap's own words.
        let en = stderr_in(&dir, "en", args);
        assert!(en.starts_with("error: "), "{args:?}: {en}");
    }
}

/// The words `plantrack` takes as they are: its commands, the values of
/// its flags and the names of their values (`<FILE>`).
fn command_line_words() -> Vec<String> {
    let mut command = plantrack::cli::command(plantrack::cli::Lang::En, false);
    command.build();
    let mut words = Vec::new();
    let mut commands = vec![&command];
    commands.extend(command.get_subcommands());
    for sub in commands {
        words.push(sub.get_name().to_ascii_lowercase());
        for arg in sub.get_arguments() {
            for value in arg.get_possible_values() {
                words.extend(value.get_name_and_aliases().map(str::to_ascii_lowercase));
            }
            for name in arg.get_value_names().into_iter().flatten() {
                words.push(name.to_ascii_lowercase());
                words.extend(
                    name.split(|c: char| !c.is_ascii_alphanumeric())
                        .map(str::to_ascii_lowercase),
                );
            }
        }
    }
    words
}

/// Names of programs, formats and signals a Chinese help page names as
/// they are.
const HELP_NAMES: &[&str] = &[
    "markdown", "word", "svg", "html", "roff", "man", "shell", "sigint", "sigterm", "sighup",
    "term", "dumb", "auto",
];

#[test]
fn help_is_in_the_language_of_the_run() {
    let allowed = command_line_words();
    let mut command = plantrack::cli::command(plantrack::cli::Lang::En, false);
    command.build();
    let mut runs: Vec<Vec<String>> = vec![vec![]];
    runs.extend(
        command
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .map(|s| vec![s.get_name().to_string()]),
    );
    assert!(runs.len() >= 10, "{runs:?}");
    for run in runs {
        for flag in ["-h", "--help"] {
            let mut args = run.clone();
            args.push(flag.to_string());
            let out = plantrack_in("").args(&args).output().expect("run");
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            let help = String::from_utf8_lossy(&out.stdout);
            assert!(help.contains("用法：plantrack"), "{args:?}: {help}");
            let left: Vec<String> = own_english(&help, "")
                .into_iter()
                .filter(|w| {
                    let w = w.to_ascii_lowercase();
                    !allowed.contains(&w) && !HELP_NAMES.contains(&w.as_str())
                })
                .collect();
            assert!(left.is_empty(), "{args:?}: {left:?}\n{help}");
            // Chinese is wrapped as English is: no line past 100 columns.
            for line in help.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line) <= 100,
                    "{args:?}: {line}"
                );
            }
        }
        // `plantrack help report` as `plantrack report --help`.
        let mut args = vec!["help".to_string()];
        args.extend(run.iter().cloned());
        let out = plantrack_in("").args(&args).output().expect("run");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("用法：plantrack"),
            "{args:?}"
        );
        // English keeps clap's words.
        let mut args = run.clone();
        args.push("--help".to_string());
        let out = plantrack_in("en").args(&args).output().expect("run");
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Usage: plantrack"), "{args:?}: {help}");
        assert!(!help.contains("用法"), "{args:?}");
    }
}

#[test]
fn the_manual_page_is_in_the_language_of_the_run() {
    let zh = plantrack_in("").arg("man").output().expect("run");
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.contains("校验规划"), "{zh}");
    assert!(!zh.contains("Validate the plan"));
    let en = plantrack_in("en").arg("man").output().expect("run");
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(en.contains("Validate the plan"), "{en}");
}

#[test]
fn a_plan_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
    let dir = TempDir::new().expect("tempdir");
    // `指` whole, then a lone continuation byte at offset 27.
    let plan = write_file(
        dir.path(),
        "plan.toml",
        b"[plan]\nid = \"x\"\nname = \"\xe6\x8c\x87\x80\"\n",
    );
    for (lang, expected) in [
        ("", "规划文件不是UTF-8文本（第27字节处编码无效）"),
        (
            "en",
            "the plan is not UTF-8 text (invalid byte at offset 27)",
        ),
    ] {
        let out = plantrack_in(lang)
            .args(["check", "--plan", &plan])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{lang}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{lang}: {err}");
    }
}
