//! The portfolio report's layout: its parts (summary, matrix, ranks,
//! roll-ups) as grids of typed cells, one layout that every format draws
//! (one file per format beside this one). JSON is written from the report
//! itself, unrounded.

pub mod delimited;
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;
pub mod xlsx;

use super::labels::Lang;
use super::{number, percent};
use crate::actuals::Observation;
use crate::assess::Status;
use crate::assess::compare::Movement;
use crate::cli::PortfolioPart;
use crate::portfolio::PortfolioReport;
use crate::portfolio::rollup::Short;
use crate::portfolio::survey::{Mark, Rolled};

/// The words of a report: the language, and whether CSV's stable English
/// field names and status words are kept (no `--lang` given).
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The language of people's words.
    pub lang: Lang,
    /// Stable field names and status words, for scripts.
    pub stable: bool,
}

impl Words {
    /// People's words in `lang`, for every format but CSV and TSV.
    pub fn people(lang: Lang) -> Words {
        Words {
            lang,
            stable: false,
        }
    }
}

/// The parts to show: the one asked for, else all four.
pub fn parts(part: Option<PortfolioPart>) -> Vec<PortfolioPart> {
    match part {
        Some(part) => vec![part],
        None => vec![
            PortfolioPart::Summary,
            PortfolioPart::Matrix,
            PortfolioPart::Ranks,
            PortfolioPart::Rollups,
        ],
    }
}

/// One cell of a grid.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Words.
    Text(String),
    /// A count.
    Count(usize),
    /// A figure, `None` where there is none.
    Number(Option<f64>),
    /// A fraction shown as a percentage.
    Percent(Option<f64>),
    /// A status, with what is shown beside it (a figure), in its colour.
    Status(Status, String),
    /// A year.
    Year(Option<i32>),
}

impl Cell {
    /// The cell as people read it.
    pub fn shown(&self, lang: Lang) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Number(v) => number(*v, 2),
            Cell::Percent(p) => percent(*p, 0),
            Cell::Status(s, beside) if beside.is_empty() => lang.status(*s).to_string(),
            Cell::Status(s, beside) => format!("{} {beside}", lang.status(*s)),
            Cell::Year(y) => y.map_or_else(|| "—".to_string(), |y| y.to_string()),
        }
    }

    /// The cell as a script reads it: numbers in full, stable words.
    pub fn stable(&self) -> String {
        let mut text = String::new();
        match self {
            Cell::Text(t) => text.push_str(t),
            Cell::Count(n) => text.push_str(&n.to_string()),
            Cell::Number(Some(v)) | Cell::Percent(Some(v)) => super::plain_number(&mut text, *v),
            Cell::Status(s, _) => text.push_str(s.as_str()),
            Cell::Year(Some(y)) => text.push_str(&y.to_string()),
            Cell::Number(None) | Cell::Percent(None) | Cell::Year(None) => {}
        }
        text
    }

    /// Whether the cell holds a figure (right-aligned).
    pub fn is_figure(&self) -> bool {
        matches!(
            self,
            Cell::Count(_) | Cell::Number(_) | Cell::Percent(_) | Cell::Year(_)
        )
    }

    /// The status the cell is coloured by, if any.
    pub fn status(&self) -> Option<Status> {
        match self {
            Cell::Status(s, _) => Some(*s),
            _ => None,
        }
    }
}

/// A part of the report as a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Which part.
    pub part: PortfolioPart,
    /// Its title.
    pub title: String,
    /// Its column headers.
    pub headers: Vec<String>,
    /// Its rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A column header in `words`: the stable field name for scripts, else
/// the language's word.
fn header(words: Words, field: &str) -> String {
    if words.stable {
        return field.to_string();
    }
    let (zh, en) = match field {
        "member" => ("成员", "Member"),
        "name" => ("名称", "Name"),
        "parent" => ("上级", "Parent"),
        "plan" => ("规划", "Plan"),
        "as_of" => ("截至", "As of"),
        "indicators" => ("指标数", "Indicators"),
        "binding_missed" => ("约束性未完成", "Binding missed"),
        "flagged" => ("疑似录入错误", "Doubtful figures"),
        "worsened" => ("变差", "Worsened"),
        "improved" => ("改善", "Improved"),
        "key" => ("指标代码", "Key"),
        "indicator" => ("指标", "Indicator"),
        "unit" => ("单位", "Unit"),
        "rank" => ("名次", "Rank"),
        "pace" => ("进度/时间", "Pace"),
        "status" => ("状态", "Status"),
        "current" => ("最新值", "Latest"),
        "latest_year" => ("年份", "Year"),
        "rule" => ("汇总规则", "Rule"),
        "members" => ("成员数", "Members"),
        "year" => ("年份", "Year"),
        "rolled" => ("成员汇总值", "Rolled up"),
        "reported" => ("上报值", "Reported"),
        "difference" => ("差异", "Difference"),
        "check" => ("核对", "Check"),
        "target" => ("目标", "Target"),
        "missing" => ("缺数成员", "Members without figures"),
        _ => return field.to_string(),
    };
    words.lang.pick(zh, en).to_string()
}

/// The grids of `parts`, in that order.
pub fn grids(report: &PortfolioReport, parts: &[PortfolioPart], words: Words) -> Vec<Grid> {
    parts
        .iter()
        .map(|&part| match part {
            PortfolioPart::Summary => summary(report, words),
            PortfolioPart::Matrix => matrix(report, words),
            PortfolioPart::Ranks => ranks(report, words),
            PortfolioPart::Rollups => rollups(report, words),
        })
        .collect()
}

/// The part's title.
pub fn title(part: PortfolioPart, lang: Lang) -> String {
    let (zh, en) = match part {
        PortfolioPart::Summary => ("成员概况", "Members"),
        PortfolioPart::Matrix => ("共有指标对照", "Shared indicators"),
        PortfolioPart::Ranks => (
            "共有指标排名（按进度与时间之比）",
            "Ranks by progress against time",
        ),
        PortfolioPart::Rollups => (
            "成员汇总与上级目标",
            "Roll-ups against the parents' targets",
        ),
    };
    lang.pick(zh, en).to_string()
}

/// One row per member: its indicators by status, binding targets missed,
/// doubtful figures; with `--since`, how many worsened and improved. Of the
/// statuses, people's formats show those some member has; scripts get all.
fn summary(report: &PortfolioReport, words: Words) -> Grid {
    let since = report
        .members
        .iter()
        .any(|m| m.indicators.iter().any(|i| i.change.is_some()));
    let statuses: Vec<(usize, Status)> = Status::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            words.stable
                || report
                    .members
                    .iter()
                    .any(|m| m.counts.get(*i).is_some_and(|n| *n > 0))
        })
        .map(|(i, s)| (i, *s))
        .collect();
    let mut headers: Vec<String> = ["member", "name", "parent", "plan", "as_of", "indicators"]
        .iter()
        .map(|f| header(words, f))
        .collect();
    headers.extend(statuses.iter().map(|(_, s)| {
        if words.stable {
            s.as_str().to_string()
        } else {
            words.lang.status(*s).to_string()
        }
    }));
    headers.push(header(words, "binding_missed"));
    headers.push(header(words, "flagged"));
    if since {
        headers.push(header(words, "worsened"));
        headers.push(header(words, "improved"));
    }
    let rows = report
        .members
        .iter()
        .map(|m| {
            let mut row = vec![
                Cell::Text(m.id.clone()),
                Cell::Text(m.name.clone()),
                Cell::Text(m.parent.clone().unwrap_or_default()),
                Cell::Text(m.plan.clone()),
                Cell::Year(Some(m.as_of)),
                Cell::Count(m.indicators.len()),
            ];
            row.extend(
                statuses
                    .iter()
                    .map(|(i, _)| Cell::Count(m.counts.get(*i).copied().unwrap_or(0))),
            );
            row.push(Cell::Count(m.binding_missed));
            row.push(Cell::Count(m.flagged));
            if since {
                row.push(Cell::Count(m.moved(Movement::Worsened)));
                row.push(Cell::Count(m.moved(Movement::Improved)));
            }
            row
        })
        .collect();
    Grid {
        part: PortfolioPart::Summary,
        title: title(PortfolioPart::Summary, words.lang),
        headers,
        rows,
    }
}

/// The indicators members share: a row each, a column per member with
/// its status and latest figure (scripts: a status and a figure column
/// per member).
fn matrix(report: &PortfolioReport, words: Words) -> Grid {
    let mut headers: Vec<String> = ["key", "indicator", "unit"]
        .iter()
        .map(|f| header(words, f))
        .collect();
    for m in &report.members {
        if words.stable {
            headers.push(format!("{}.status", m.id));
            headers.push(format!("{}.current", m.id));
        } else {
            headers.push(m.name.clone());
        }
    }
    let rows = report
        .shared
        .iter()
        .map(|shared| {
            let mut row = vec![
                Cell::Text(shared.key.clone()),
                Cell::Text(
                    words
                        .lang
                        .name(&shared.name, shared.name_en.as_deref())
                        .to_string(),
                ),
                Cell::Text(words.lang.unit(&shared.unit).to_string()),
            ];
            for cell in &shared.cells {
                let mark = cell.and_then(|at| report.mark(at));
                match (mark, words.stable) {
                    (Some(m), true) => {
                        row.push(Cell::Status(m.status, String::new()));
                        row.push(Cell::Number(m.current));
                    }
                    (None, true) => {
                        row.push(Cell::Text(String::new()));
                        row.push(Cell::Number(None));
                    }
                    (Some(m), false) => row.push(Cell::Status(m.status, latest(m, words.lang))),
                    (None, false) => row.push(Cell::Text("—".to_string())),
                }
            }
            row
        })
        .collect();
    Grid {
        part: PortfolioPart::Matrix,
        title: title(PortfolioPart::Matrix, words.lang),
        headers,
        rows,
    }
}

/// A mark's latest figure and year, as a matrix cell shows it: `1,234 (2025)`.
fn latest(mark: &Mark, lang: Lang) -> String {
    if let Some(done) = mark.done {
        let year = mark
            .latest_year
            .map_or_else(String::new, |y| format!(" ({y})"));
        return format!("{}{year}", lang.yes_no(done));
    }
    match (mark.current, mark.latest_year) {
        (Some(v), Some(y)) => format!("{} ({y})", number(Some(v), 2)),
        (Some(v), None) => number(Some(v), 2),
        (None, _) => String::new(),
    }
}

/// Each shared indicator's members, best pace first, with their rank.
fn ranks(report: &PortfolioReport, words: Words) -> Grid {
    let headers = [
        "key",
        "indicator",
        "rank",
        "member",
        "pace",
        "status",
        "current",
        "latest_year",
    ]
    .iter()
    .map(|f| header(words, f))
    .collect();
    let mut rows = Vec::new();
    // An indicator no member has a pace for (yes/no goals) is not ranked.
    for shared in report
        .shared
        .iter()
        .filter(|s| s.ranks.iter().any(|(_, r)| r.is_some()))
    {
        for &(member, rank) in &shared.ranks {
            let Some(mark) = shared
                .cells
                .get(member)
                .copied()
                .flatten()
                .and_then(|at| report.mark(at))
            else {
                continue;
            };
            rows.push(vec![
                Cell::Text(shared.key.clone()),
                Cell::Text(
                    words
                        .lang
                        .name(&shared.name, shared.name_en.as_deref())
                        .to_string(),
                ),
                rank.map_or(Cell::Text("—".to_string()), Cell::Count),
                Cell::Text(report.member_name(member).to_string()),
                Cell::Percent(mark.pace),
                Cell::Status(mark.status, String::new()),
                match mark.done {
                    Some(done) => Cell::Text(words.lang.yes_no(done).to_string()),
                    None => Cell::Number(mark.current),
                },
                Cell::Year(mark.latest_year),
            ]);
        }
    }
    Grid {
        part: PortfolioPart::Ranks,
        title: title(PortfolioPart::Ranks, words.lang),
        headers,
        rows,
    }
}

/// Each parent's rolled-up indicators: the figure made from its members,
/// the parent's own, whether they agree, and the status against the
/// parent's target.
fn rollups(report: &PortfolioReport, words: Words) -> Grid {
    let headers = [
        "parent",
        "key",
        "indicator",
        "rule",
        "members",
        "year",
        "rolled",
        "reported",
        "difference",
        "check",
        "target",
        "status",
        "missing",
    ]
    .iter()
    .map(|f| header(words, f))
    .collect();
    let rows = report
        .rolled
        .iter()
        .map(|r| rollup_row(report, r, words))
        .collect();
    Grid {
        part: PortfolioPart::Rollups,
        title: title(PortfolioPart::Rollups, words.lang),
        headers,
        rows,
    }
}

fn rollup_row(report: &PortfolioReport, r: &Rolled, words: Words) -> Vec<Cell> {
    let lang = words.lang;
    let figure = |o: Option<Observation>| match o {
        Some(Observation::Number(n)) => Cell::Number(Some(n)),
        Some(Observation::Flag(b)) => Cell::Text(lang.yes_no(b).to_string()),
        None => Cell::Number(None),
    };
    let rolled = r.rolled.as_ref().ok().copied();
    let difference = match (r.reported, rolled) {
        (Some(Observation::Number(a)), Some(Observation::Number(b))) => Some(a - b),
        _ => None,
    };
    let check = match (r.reported, rolled, words.stable) {
        (Some(_), Some(_), true) => if r.differs { "differs" } else { "agrees" }.to_string(),
        (Some(_), Some(_), false) if r.differs => lang.pick("不一致", "differs").to_string(),
        (Some(_), Some(_), false) => lang.pick("一致", "agrees").to_string(),
        _ => String::new(),
    };
    let missing = match &r.rolled {
        Err(Short::Missing(members) | Short::NoWeight(members)) => members
            .iter()
            .map(|&m| report.member_name(m).to_string())
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", ")),
        _ => String::new(),
    };
    let rule = match r.weight.as_deref() {
        Some(w) => format!("{}({w})", r.rule.as_str()),
        None => r.rule.as_str().to_string(),
    };
    vec![
        Cell::Text(report.member_name(r.parent).to_string()),
        Cell::Text(r.key.clone()),
        Cell::Text(lang.name(&r.row.name, r.row.name_en.as_deref()).to_string()),
        Cell::Text(rule),
        Cell::Count(r.members.len()),
        Cell::Year(r.year),
        figure(rolled),
        figure(r.reported),
        Cell::Number(difference),
        Cell::Text(check),
        Cell::Number(r.row.target),
        Cell::Status(r.row.status, String::new()),
        Cell::Text(missing),
    ]
}
