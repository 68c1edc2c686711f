//! A portfolio report as JSON: every member's indicators, the shared
//! indicators, the ranks and the roll-ups, numbers unrounded; `portfolio
//! report --since` reads it back.

use std::io::{self, Write};

use serde::Serialize;

use crate::actuals::Observation;
use crate::assess::Status;
use crate::portfolio::PortfolioReport;
use crate::portfolio::rollup::Short;
use crate::portfolio::survey::{MemberReport, Rolled};

/// The version of the portfolio report's layout.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Json<'a> {
    format_version: u32,
    portfolio: &'a str,
    name: &'a str,
    tolerance: f64,
    members: Vec<JsonMember<'a>>,
    shared: Vec<JsonShared<'a>>,
    rollups: Vec<JsonRollup<'a>>,
}

#[derive(Serialize)]
struct JsonMember<'a> {
    #[serde(flatten)]
    member: &'a MemberReport,
    counts: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct JsonShared<'a> {
    key: &'a str,
    name: &'a str,
    unit: &'a str,
    /// Members that have it, best pace first.
    ranks: Vec<JsonRank<'a>>,
}

#[derive(Serialize)]
struct JsonRank<'a> {
    member: &'a str,
    rank: Option<usize>,
    pace: Option<f64>,
    status: Option<Status>,
    current: Option<f64>,
}

#[derive(Serialize)]
struct JsonRollup<'a> {
    parent: &'a str,
    key: &'a str,
    rule: &'a str,
    weight: Option<&'a str>,
    members: Vec<&'a str>,
    year: Option<i32>,
    rolled: Option<Observation>,
    reported: Option<Observation>,
    differs: bool,
    /// Members without a figure (or a weight) for the year.
    missing: Vec<&'a str>,
    status: Status,
    target: Option<f64>,
    progress: Option<f64>,
    gap: Option<f64>,
    series: Vec<(i32, Observation)>,
}

/// Writes `report` as pretty-printed JSON followed by a newline.
pub fn write(out: &mut dyn Write, report: &PortfolioReport) -> io::Result<()> {
    let id = |m: usize| report.members.get(m).map_or("", |m| m.id.as_str());
    let json = Json {
        format_version: FORMAT_VERSION,
        portfolio: &report.id,
        name: &report.name,
        tolerance: report.tolerance,
        members: report
            .members
            .iter()
            .map(|member| JsonMember {
                member,
                counts: Status::ALL
                    .iter()
                    .zip(member.counts)
                    .map(|(s, n)| (s.as_str().to_string(), n.into()))
                    .collect(),
            })
            .collect(),
        shared: report
            .shared
            .iter()
            .map(|s| JsonShared {
                key: &s.key,
                name: &s.name,
                unit: &s.unit,
                ranks: s
                    .ranks
                    .iter()
                    .map(|&(m, rank)| {
                        let mark = s
                            .cells
                            .get(m)
                            .copied()
                            .flatten()
                            .and_then(|at| report.mark(at));
                        JsonRank {
                            member: id(m),
                            rank,
                            pace: mark.and_then(|k| k.pace),
                            status: mark.map(|k| k.status),
                            current: mark.and_then(|k| k.current),
                        }
                    })
                    .collect(),
            })
            .collect(),
        rollups: report.rolled.iter().map(|r| rollup(r, &id)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}

fn rollup<'a>(r: &'a Rolled, id: &dyn Fn(usize) -> &'a str) -> JsonRollup<'a> {
    let missing = match &r.rolled {
        Err(Short::Missing(m) | Short::NoWeight(m)) => m.iter().map(|&i| id(i)).collect(),
        _ => Vec::new(),
    };
    JsonRollup {
        parent: id(r.parent),
        key: &r.key,
        rule: r.rule.as_str(),
        weight: r.weight.as_deref(),
        members: r.members.iter().map(|&m| id(m)).collect(),
        year: r.year,
        rolled: r.rolled.as_ref().ok().copied(),
        reported: r.reported,
        differs: r.differs,
        missing,
        status: r.row.status,
        target: r.row.target,
        progress: r.row.progress,
        gap: r.row.gap,
        series: r.series.iter().map(|(y, o)| (*y, *o)).collect(),
    }
}
