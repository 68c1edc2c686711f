//! The plan file written from an imported table: one `[[indicator]]` per
//! row, with a `# review:` comment wherever the row's meaning was assumed,
//! and a commented block for a row with no checkable figure (never an
//! invented number).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::grammar::{self, Said};
use super::{Row, Table};
use crate::msg::Text;
use crate::plan::Comparator;
use crate::tr;

/// What was written, and the rows that need a person's eye.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Written {
    /// The plan file's text.
    pub toml: String,
    /// Indicators written.
    pub indicators: usize,
    /// Rows written as comments (no checkable figure), as `line: name`.
    pub commented: Vec<String>,
    /// Rows written with an assumption to review, as `line: name`.
    pub review: Vec<String>,
}

/// The plan for `table`, read from the file `source` (named in notes).
pub fn plan(table: &Table, source: &str, id: &str) -> Written {
    let (from, to) = table.years;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n",
        tr!(
            "# 由 plantrack import 从 {} 导入；请逐项核对标有 `# review:` 的指标。",
            "# Imported by plantrack import from {}; check every `# review:` line.",
            source
        )
        .get(crate::msg::lang())
    );
    // Without a title, the file's name: `主要指标表.xlsx` is 主要指标表.
    let stem = std::path::Path::new(source)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(source);
    let name = table.title.clone().unwrap_or_else(|| stem.to_string());
    let _ = writeln!(
        out,
        "[plan]\nid = {}\nname = {}\nbase_year = {from}\ntarget_year = {to}",
        quoted(id),
        quoted(&name)
    );
    for note in &table.notes {
        let _ = writeln!(out, "# {}", one_line(note));
    }
    let ids = ids_of(&table.rows);
    let names = names_of(&table.rows);
    let mut written = Written::default();
    for ((row, id), name) in table.rows.iter().zip(&ids).zip(&names) {
        let mut draft = draft(row, id, table, &ids);
        if name != &row.name {
            draft.text = draft.text.replacen(
                &format!("name = {}", quoted(&row.name)),
                &format!(
                    "# review: {}\nname = {}",
                    tr!(
                        "表中有两行都叫“{}”：此行以行号区分",
                        "the table names two rows \"{}\": this one is told apart by its line",
                        one_line(&row.name)
                    )
                    .get(crate::msg::lang()),
                    quoted(name)
                ),
                1,
            );
        }
        out.push('\n');
        let label = format!("{}: {}", row.line, one_line(&row.name));
        if draft.commented {
            written.commented.push(label);
            for line in draft.text.lines() {
                let _ = writeln!(out, "# {line}");
            }
        } else {
            if draft.text.contains("# review:") {
                written.review.push(label);
            }
            written.indicators += 1;
            out.push_str(&draft.text);
        }
    }
    written.toml = out;
    written
}

/// One row's `[[indicator]]` text, and whether it is written commented.
struct Draft {
    text: String,
    commented: bool,
}

/// The keys of one indicator, in the order they are first set.
#[derive(Default)]
struct Keys {
    lines: Vec<(&'static str, String)>,
    reviews: Vec<Text>,
}

impl Keys {
    /// Sets `key`; a key set twice keeps its first place and its last
    /// value, so that a draft is never a TOML file with a duplicate key.
    fn set(&mut self, key: &'static str, value: String) {
        match self.lines.iter_mut().find(|(k, _)| *k == key) {
            Some(line) => line.1 = value,
            None => self.lines.push((key, value)),
        }
    }

    fn review(&mut self, why: Text) {
        self.reviews.push(why);
    }
}

fn draft(row: &Row, id: &str, table: &Table, ids: &[String]) -> Draft {
    let mut keys = Keys::default();
    keys.set("id", quoted(id));
    keys.set("name", quoted(&row.name));
    let said = grammar::target(&row.target);
    let (baseline, starred, bracketed) = grammar::baseline(&row.baseline);
    let unit = row.unit.trim();
    let growth = (row.name.contains("增长") || row.name.contains("增速"))
        && (unit == "%" || unit.is_empty());
    let mut commented = false;
    match said {
        Said::Figure {
            comparator,
            value,
            high,
            rank,
            total,
            about,
            every_year,
        } => {
            // 新增…, 新引进…, 新建…, 累计…: counted over the period.
            let counted = ["新增", "新引进", "新建", "累计"]
                .iter()
                .any(|w| row.name.starts_with(w));
            if counted && !total && !rank {
                keys.review(tr!(
                    "名称表示期内新增（新增/新引进/新建）：按逐年数额的期内累计读取",
                    "named as what is added over the period (新增/新引进/新建): read as a period total of yearly amounts"
                ));
            }
            let kind = if rank {
                "rank"
            } else if total || counted {
                "cumulative"
            } else if growth {
                "growth"
            } else if unit == "%" {
                "share"
            } else {
                "level"
            };
            if !unit.is_empty() || growth {
                keys.set("unit", quoted(if growth { "%" } else { unit }));
            }
            keys.set("kind", quoted(kind));
            let lower_better = ["浓度", "能耗", "排放", "失业率", "降低", "下降", "减少"]
                .iter()
                .any(|w| row.name.contains(w));
            let comparator = match comparator {
                Some(c) => c,
                None if lower_better && !total => {
                    keys.review(tr!(
                        "表中给出 {value} 但未写以上/以下；名称读作越低越好，故取 `<=`",
                        "the table gives {value} without 以上/以下; the name reads as lower-is-better, so `<=`"
                    ));
                    Comparator::Le
                }
                None if rank => Comparator::Le,
                None => Comparator::Ge,
            };
            keys.set("comparator", quoted(comparator.as_str()));
            keys.set("target", number(value));
            if let Some(h) = high {
                keys.set("target_high", number(h));
            }
            if about {
                keys.set("about", "true".to_string());
            }
            if every_year && matches!(kind, "level" | "share" | "rank") {
                keys.set("every_year", "true".to_string());
            }
            if total && lower_better {
                // 降低〔13.5〕: each year's cut, compounded into the period's.
                keys.set("actuals", quoted("cut"));
            } else if growth {
                keys.set("actuals", quoted("rate"));
            }
            if growth {
                if let Some(b) = baseline {
                    keys.review(tr!(
                        "增速按逐年增长率填报，不需要基年数 {b}",
                        "the base year's figure {b} is not needed for growth given as yearly rates"
                    ));
                }
            } else {
                let years = (table.years.0, starred_year(&table.notes));
                baseline_keys(&mut keys, kind, baseline, starred, bracketed, years);
            }
        }
        Said::Factor(factor) => {
            if !unit.is_empty() {
                keys.set("unit", quoted(unit));
            }
            keys.set("kind", quoted("level"));
            match baseline {
                Some(b) => {
                    keys.set("baseline", number(b));
                    keys.set("target_factor", number(factor));
                }
                None => {
                    keys.review(tr!(
                        "倍增需要基年数，表中没有：请补上 `baseline`，再写 `target_factor = {factor}`",
                        "倍增 needs the base-year figure, which the table does not give: add `baseline`, then `target_factor = {factor}`"
                    ));
                    commented = true;
                }
            }
        }
        Said::Trend(comparator) => {
            if !unit.is_empty() {
                keys.set("unit", quoted(unit));
            }
            keys.set("kind", quoted("trend"));
            keys.set("comparator", quoted(comparator.as_str()));
            if let Some(b) = baseline {
                keys.set("baseline", number(b));
            }
        }
        Said::Relative { comparator, other } => {
            keys.set("unit", quoted(if unit.is_empty() { "%" } else { unit }));
            keys.set("kind", quoted("relative"));
            keys.set("comparator", quoted(comparator.as_str()));
            let found = compared_row(table, ids, &other, id);
            match found {
                Some((r, rid)) => {
                    keys.set("reference", quoted(rid));
                    keys.set("actuals", quoted("rate"));
                    keys.review(tr!(
                        "与 `{}` 一行（{}）逐年比较，按词语“{}”匹配；如比较期内平均，请设 rule = \"average\"",
                        "compared with the row `{}` ({}), matched by the words \"{}\", year by year; set rule = \"average\" to compare the period's average",
                        rid,
                        one_line(&r.name),
                        one_line(&other)
                    ));
                }
                None => {
                    keys.review(tr!(
                        "比较对象“{}”不是表中的一行：请添加参照序列（kind = \"reference\"）并在 `reference` 中写明",
                        "compared with \"{}\", which is no row of the table: add a reference series (kind = \"reference\") and name it in `reference`",
                        one_line(&other)
                    ));
                    commented = true;
                }
            }
        }
        Said::Milestone => keys.set("kind", quoted("milestone")),
        Said::Words | Said::Empty => {
            keys.review(tr!(
                "“{}”中没有可核对的数值：写作注释，不作为目标",
                "no checkable figure in \"{}\": written as a comment, not as a target",
                one_line(&row.target)
            ));
            commented = true;
        }
    }
    if let Some(b) = row.binding {
        keys.set("binding", b.to_string());
    }
    if let Some(c) = &row.category {
        keys.set("chapter", quoted(c));
    }
    if !row.annual.is_empty() {
        keys.review(tr!(
            "表中年均/累计一栏写的是“{}”",
            "the table's 年均/累计 column says \"{}\"",
            one_line(&row.annual)
        ));
    }
    keys.set(
        "note",
        quoted(
            tr!(
                "导入自主要指标表第{}行：基数「{}」，目标「{}」",
                "imported from line {} of the table of main indicators: baseline \"{}\", target \"{}\"",
                row.line,
                one_line(&row.baseline),
                one_line(&row.target)
            )
            .get(crate::msg::lang()),
        ),
    );
    let mut text = String::from("[[indicator]]\n");
    for review in &keys.reviews {
        let _ = writeln!(text, "# review: {}", review.get(crate::msg::lang()));
    }
    for (key, value) in &keys.lines {
        let _ = writeln!(text, "{key} = {value}");
    }
    Draft { text, commented }
}

/// The row a relative target compares with, found by the words of its
/// cell (`高于经济增长`: 经济, read as 地区生产总值 too): a growth row
/// with a figure of its own, other than the row itself.
fn compared_row<'t>(
    table: &'t Table,
    ids: &'t [String],
    other: &str,
    own: &str,
) -> Option<(&'t Row, &'t String)> {
    let words: &[&str] = match other {
        "经济" | "GDP" | "地区生产总值" => &["地区生产总值", "GDP", "经济"],
        _ => &[other],
    };
    table.rows.iter().zip(ids).find(|(r, rid)| {
        rid.as_str() != own
            && words.iter().any(|w| r.name.contains(w))
            && (r.name.contains("增长") || r.name.contains("增速"))
            && matches!(grammar::target(&r.target), Said::Figure { .. })
    })
}

/// The baseline keys of a level, share, rank or total.
fn baseline_keys(
    keys: &mut Keys,
    kind: &str,
    baseline: Option<f64>,
    starred: bool,
    bracketed: bool,
    (base_year, starred_year): (i32, Option<i32>),
) {
    let Some(b) = baseline else { return };
    if kind == "cumulative" {
        if bracketed {
            keys.set("previous", number(b));
        }
        return;
    }
    keys.set("baseline", number(b));
    if starred {
        match starred_year {
            Some(year) => keys.set("baseline_year", year.to_string()),
            None => keys.review(tr!(
                "基数带 *，为 {base_year} 年以外某年的数据，但没有脚注写明年份（如“带*的为2024年数据”）：请设 `baseline_year`",
                "the baseline is marked *, for a year other than {base_year} that no footnote names (带*的为2024年数据): set `baseline_year`"
            )),
        }
    }
}

/// The year a footnote gives for baselines marked `*`: `带*的为2024年数据`,
/// `*为2024年数`, `*2024年数据`.
fn starred_year(notes: &[String]) -> Option<i32> {
    notes.iter().find_map(|note| {
        let after = note.split_once('*').map(|(_, rest)| rest)?;
        let digits: String = after
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        let year: i32 = digits.parse().ok()?;
        (digits.len() == 4 && (1949..=2100).contains(&year)).then_some(year)
    })
}

/// The rows' names, each unique as a plan needs: a repeated name gets
/// its category or line (`城镇新增就业（第12行）`).
fn names_of(rows: &[Row]) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    rows.iter()
        .map(|row| {
            let n = seen.entry(row.name.as_str()).or_insert(0);
            *n += 1;
            if *n == 1 {
                row.name.clone()
            } else {
                format!("{}（第{}行）", row.name, row.line)
            }
        })
        .collect()
}

/// Readable ASCII ids: the pinyin initials of the name's Chinese
/// characters, its ASCII letters and digits kept (`地区生产总值年均增长` is
/// `dqsczzznjzz`), at most 24 characters; a repeat gets `_2`, `_3`.
fn ids_of(rows: &[Row]) -> Vec<String> {
    use pinyin::ToPinyin;
    let mut seen: HashMap<String, usize> = HashMap::new();
    rows.iter()
        .map(|row| {
            let mut id = String::new();
            for (c, p) in row.name.chars().zip(row.name.as_str().to_pinyin()) {
                match p {
                    Some(p) => id.push_str(p.first_letter()),
                    None if c.is_ascii_alphanumeric() => id.push(c.to_ascii_lowercase()),
                    None => {}
                }
            }
            id.truncate(24);
            if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
                id.insert(0, 'i');
            }
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                id = format!("{id}_{n}");
            }
            id
        })
        .collect()
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn number(value: f64) -> String {
    format!("{value}")
}

/// `text` on one line with its control characters escaped, for a comment
/// or a message (TOML comments may hold no control character, and a
/// terminal must not receive one).
fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::diag::escape_controls(&joined).into_owned()
}
