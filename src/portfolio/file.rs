//! The portfolio file (`portfolio.toml`), or a folder with one folder per
//! member: which plans are tracked together, where their actuals are, and
//! which member is whose parent.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, LineIndex, Location, Problems};
use crate::error::{Error, Result};

/// The tolerance a parent's reported figure may differ from its members'
/// rolled-up one by, as a fraction of it, unless the portfolio says.
pub const TOLERANCE: f64 = 0.005;

/// A portfolio: its members in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Portfolio {
    /// A short identifier.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its English name.
    pub name_en: Option<String>,
    /// How far a parent's reported figure may be from the rolled-up one,
    /// as a fraction of it.
    pub tolerance: f64,
    /// The members.
    pub members: Vec<Member>,
}

/// One plan in a portfolio, with its actuals.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Its id in the portfolio (`gaoxin`).
    pub id: String,
    /// Its name (`高新区`); the plan's name unless the portfolio says.
    pub name: Option<String>,
    /// Its English name.
    pub name_en: Option<String>,
    /// The plan file.
    pub plan: PathBuf,
    /// Its actuals: files or folders.
    pub actuals: Vec<PathBuf>,
    /// The member whose figures this one's add up to, by id.
    pub parent: Option<String>,
    /// Where the portfolio file says this member, for messages.
    pub location: Location,
}

impl Member {
    /// The member's position in `members` by id.
    pub fn position(members: &[Member], id: &str) -> Option<usize> {
        members.iter().position(|m| m.id == id)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    portfolio: HeadToml,
    #[serde(default)]
    member: Vec<toml::Spanned<MemberToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadToml {
    id: String,
    name: String,
    name_en: Option<String>,
    tolerance: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberToml {
    id: String,
    name: Option<String>,
    name_en: Option<String>,
    plan: PathBuf,
    #[serde(default)]
    actuals: Vec<PathBuf>,
    parent: Option<String>,
}

/// Reads a portfolio file: paths in it are relative to its folder.
pub fn read(path: &Path) -> Result<Portfolio> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    parse(&path.display().to_string(), &text, base)
}

/// Parses a portfolio file's text; `file` names it in messages, `base` is
/// the folder its paths are relative to.
pub fn parse(file: &str, text: &str, base: &Path) -> Result<Portfolio> {
    let lines = LineIndex::new(text);
    let at = |offset: usize| {
        let (line, column) = lines.line_column(text, offset);
        Location::new(file, line, column)
    };
    let parsed: FileToml = toml::from_str(text).map_err(|e| {
        let location = at(e.span().map_or(0, |s| s.start));
        let mut problems = Problems::new();
        problems.push(Diagnostic::new(
            location,
            crate::tr!(
                "{}（应为 [portfolio] 表，含 id、name，可有 name_en、tolerance；以及 [[member]] 表，含 id、plan，可有 name、name_en、actuals、parent）",
                "{} (expected a [portfolio] table with id, name and optionally name_en, tolerance, and [[member]] tables with id, plan and optionally name, name_en, actuals, parent)",
                e.message().trim_end()
            ),
        ));
        Error::Portfolio(problems)
    })?;
    let members = parsed
        .member
        .into_iter()
        .map(|spanned| {
            let location = at(spanned.span().start);
            let m = spanned.into_inner();
            Member {
                id: m.id,
                name: m.name,
                name_en: m.name_en,
                plan: base.join(m.plan),
                actuals: m.actuals.into_iter().map(|a| base.join(a)).collect(),
                parent: m.parent,
                location,
            }
        })
        .collect();
    let portfolio = Portfolio {
        id: parsed.portfolio.id,
        name: parsed.portfolio.name,
        name_en: parsed.portfolio.name_en,
        tolerance: parsed.portfolio.tolerance.unwrap_or(TOLERANCE),
        members,
    };
    validate(&portfolio, parsed.portfolio.tolerance.is_some(), &at(0))?;
    Ok(portfolio)
}

/// A portfolio of the folders in `dir`, one member each, named by its
/// folder: `DIR/<member>/plan.toml` and, if there, `DIR/<member>/actuals/`.
/// Folders without a plan are passed over; the members come in name order.
pub fn from_dir(dir: &Path) -> Result<Portfolio> {
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut names: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.join("plan.toml").is_file())
        .map(|path| {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            (name, path)
        })
        .collect();
    names.sort();
    let dir_name = dir.display().to_string();
    let members: Vec<Member> = names
        .into_iter()
        .map(|(id, path)| {
            let actuals = path.join("actuals");
            Member {
                location: Location::line(path.display().to_string(), 0),
                id,
                name: None,
                name_en: None,
                plan: path.join("plan.toml"),
                actuals: if actuals.exists() {
                    vec![actuals]
                } else {
                    Vec::new()
                },
                parent: None,
            }
        })
        .collect();
    if members.is_empty() {
        return Err(Error::Usage(crate::tr!(
            "{dir_name} 中没有成员：每个成员一个文件夹，内含 plan.toml（及可选的 actuals/ 文件夹）",
            "no members in {dir_name}: one folder per member, holding plan.toml (and optionally an actuals/ folder)"
        )));
    }
    let id = dir.file_name().map_or_else(
        || "portfolio".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Portfolio {
        name: id.clone(),
        name_en: None,
        id,
        tolerance: TOLERANCE,
        members,
    })
}

/// The portfolio's own rules: members' ids unique and well formed, each
/// parent a member, no member its own ancestor, a tolerance from 0 to 1.
fn validate(portfolio: &Portfolio, tolerance_given: bool, head: &Location) -> Result<()> {
    let mut problems = Problems::new();
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    if tolerance_given && !(0.0..1.0).contains(&portfolio.tolerance) {
        problems.push(Diagnostic::new(
            head.clone(),
            crate::tr!(
                "tolerance {} 应在0到1之间（上报值与汇总值相差的比例，如 0.005 即0.5%）",
                "tolerance {} must be from 0 to 1 (how far a reported figure may be from the rolled-up one, as a fraction: 0.005 is 0.5%)",
                portfolio.tolerance
            ),
        ));
    }
    if portfolio.members.is_empty() {
        problems.push(Diagnostic::new(
            head.clone(),
            crate::tr!(
                "组合中没有成员：请为每个规划加一个 [[member]] 表",
                "the portfolio has no members: add a [[member]] table for each plan"
            ),
        ));
    }
    for member in &portfolio.members {
        let id = crate::diag::quote(&member.id);
        if !valid_id(&member.id) {
            problems.push(Diagnostic::new(
                member.location.clone(),
                crate::tr!(
                    "成员代码 `{id}` 不合规：请只用小写字母a-z、数字、`_` 和 `-`",
                    "member id `{id}` is not allowed: use lowercase letters a-z, digits, `_` and `-`"
                ),
            ));
        }
        if let Some(first) = seen.insert(&member.id, &member.location) {
            problems.push(Diagnostic::new(
                member.location.clone(),
                crate::tr!(
                    "成员 `{id}` 重复：第一次在 {first}",
                    "member `{id}` is given twice: first at {first}"
                ),
            ));
        }
        if let Some(parent) = &member.parent
            && Member::position(&portfolio.members, parent).is_none()
        {
            let parent = crate::diag::quote(parent);
            let hint =
                crate::diag::suggest(&parent, portfolio.members.iter().map(|m| m.id.as_str()))
                    .map_or_else(String::new, |s| format!("`{s}`?"));
            problems.push(Diagnostic::new(
                member.location.clone(),
                crate::tr!(
                    "成员 `{id}` 的上级 `{parent}` 不是本组合的成员 {hint}",
                    "member `{id}` has parent `{parent}`, which is not a member of the portfolio {hint}"
                ),
            ));
        }
    }
    for cycle in cycles(&portfolio.members) {
        let Some(first) = cycle.first().and_then(|&i| portfolio.members.get(i)) else {
            continue;
        };
        let path: Vec<&str> = cycle
            .iter()
            .chain(cycle.first())
            .filter_map(|&i| portfolio.members.get(i).map(|m| m.id.as_str()))
            .collect();
        let path = path.join(" → ");
        problems.push(Diagnostic::new(
            first.location.clone(),
            crate::tr!(
                "上级关系成环：{path}；一个成员不能是自己的上级",
                "parents form a cycle: {path}; no member can be its own ancestor"
            ),
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Portfolio(problems))
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Each cycle among parents once, as the members on it (by position),
/// starting from the first listed.
fn cycles(members: &[Member]) -> Vec<Vec<usize>> {
    let parent_of = |i: usize| {
        members
            .get(i)
            .and_then(|m| m.parent.as_deref())
            .and_then(|p| Member::position(members, p))
    };
    let mut found: Vec<Vec<usize>> = Vec::new();
    for start in 0..members.len() {
        let mut path = vec![start];
        let mut at = start;
        while let Some(next) = parent_of(at) {
            if let Some(from) = path.iter().position(|&i| i == next) {
                let mut cycle = path.split_off(from);
                let least = cycle.iter().copied().min().unwrap_or(0);
                while cycle.first() != Some(&least) {
                    cycle.rotate_left(1);
                }
                if !found.contains(&cycle) {
                    found.push(cycle);
                }
                break;
            }
            path.push(next);
            at = next;
        }
    }
    found
}

/// The members in an order where every parent comes before its members
/// (their depth, then as listed), so that a parent's roll-up rules are
/// known when its members are read.
pub fn parents_first(members: &[Member]) -> Vec<usize> {
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(p) = members
            .get(i)
            .and_then(|m| m.parent.as_deref())
            .and_then(|p| Member::position(members, p))
        {
            d += 1;
            i = p;
            if d > members.len() {
                break;
            }
        }
        d
    };
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by_key(|&i| depth(i));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Portfolio> {
        parse("p.toml", text, Path::new("/base"))
    }

    fn refusal(text: &str) -> String {
        crate::msg::choose(Some(crate::msg::Lang::En));
        match parsed(text) {
            Err(e) => e.to_string(),
            Ok(p) => format!("accepted: {p:?}"),
        }
    }

    const HEAD: &str = "[portfolio]\nid = \"city\"\nname = \"City\"\n";

    #[test]
    fn members_paths_and_parents_are_read() {
        let p = parsed(&format!(
            "{HEAD}tolerance = 0.01\n[[member]]\nid = \"city\"\nplan = \"city/plan.toml\"\n\n[[member]]\nid = \"east\"\nname = \"East\"\nplan = \"east.toml\"\nactuals = [\"east\", \"x.csv\"]\nparent = \"city\"\n"
        ))
        .expect("valid");
        assert_eq!(p.tolerance, 0.01);
        assert_eq!(p.members.len(), 2);
        let east = &p.members[1];
        assert_eq!(east.plan, Path::new("/base/east.toml"));
        assert_eq!(
            east.actuals,
            vec![PathBuf::from("/base/east"), PathBuf::from("/base/x.csv")]
        );
        assert_eq!(east.parent.as_deref(), Some("city"));
        assert_eq!(east.location.to_string(), "p.toml:9:1");
        assert_eq!(parents_first(&p.members), vec![0, 1]);
    }

    #[test]
    fn each_rule_of_the_portfolio_is_refused_with_its_place() {
        let member = |id: &str, parent: &str| {
            format!("[[member]]\nid = \"{id}\"\nplan = \"p.toml\"\nparent = \"{parent}\"\n")
        };
        let cycle = format!(
            "{HEAD}{}{}{}",
            member("a", "b"),
            member("b", "c"),
            member("c", "a")
        );
        assert!(
            refusal(&cycle).contains("p.toml:4:1: parents form a cycle: a → b → c → a"),
            "{}",
            refusal(&cycle)
        );
        let unknown = format!("{HEAD}{}", member("a", "citi"));
        assert!(
            refusal(&unknown)
                .contains("p.toml:4:1: member `a` has parent `citi`, which is not a member")
        );
        let twice = format!("{HEAD}{}{}", member("a", "a2"), member("a", "a2"));
        assert!(refusal(&twice).contains("member `a` is given twice: first at p.toml:4:1"));
        assert!(refusal(&twice).contains("member `a` has parent `a2`"));
        let bad_id = format!("{HEAD}[[member]]\nid = \"East\"\nplan = \"p\"\n");
        assert!(refusal(&bad_id).contains("member id `East` is not allowed"));
        let tolerance = format!("{HEAD}tolerance = 5\n[[member]]\nid = \"a\"\nplan = \"p\"\n");
        assert!(refusal(&tolerance).contains("tolerance 5 must be from 0 to 1"));
        let unknown_key = format!("{HEAD}[[member]]\nid = \"a\"\nplan = \"p\"\nweight = 2\n");
        assert!(
            refusal(&unknown_key).contains("p.toml:7:1: unknown field `weight`"),
            "{}",
            refusal(&unknown_key)
        );
        assert!(refusal(HEAD).contains("the portfolio has no members"));
    }
}
