//! A portfolio assessed: each member's plan on its own actuals, gathered
//! one member at a time into what the portfolio report shows (a summary
//! per member, the indicators they share, ranks, and the roll-ups checked
//! against parents' targets). Pure: the plans and actuals are read by the
//! command and handed in; each is dropped once its member is added.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::file::Portfolio;
use super::rollup::{self, Part, Short};
use crate::actuals::{Actuals, Observation, Series};
use crate::assess::compare::{Movement, Previous};
use crate::assess::{self, Row, Status};
use crate::plan::{Indicator, Method, Nature, Plan, Rollup, Settings};

/// One member's indicator, as the portfolio keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    /// The indicator's id in the member's plan.
    pub id: String,
    /// The code it is matched by across the portfolio (its `key`, else its id).
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its English name.
    pub name_en: Option<String>,
    /// Its unit.
    pub unit: String,
    /// Binding (约束性), expected (预期性) or not said.
    pub binding: Option<bool>,
    /// Target, expected or planned.
    pub nature: Nature,
    /// The verdict.
    pub status: Status,
    /// The year of the latest figure.
    pub latest_year: Option<i32>,
    /// The figure compared with the target.
    pub current: Option<f64>,
    /// A yes/no goal's latest answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// The distance still to go.
    pub gap: Option<f64>,
    /// Share of the distance covered.
    pub progress: Option<f64>,
    /// Progress against time: the pace ratio that drove the status.
    pub pace: Option<f64>,
    /// Whether it uses a doubtful figure.
    pub flagged: bool,
    /// With `--since`: the status before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_before: Option<Status>,
    /// With `--since`: how the status moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Movement>,
}

impl Mark {
    fn of(row: &Row, key: &str, previous: Option<&Previous>) -> Mark {
        let change = previous.map(|p| p.change(row));
        Mark {
            id: row.id.clone(),
            key: key.to_string(),
            name: row.name.clone(),
            name_en: row.name_en.clone(),
            unit: row.unit.clone(),
            binding: row.binding,
            nature: row.nature,
            status: row.status,
            latest_year: row.latest_year,
            current: row.current,
            done: match row.latest {
                Some(crate::actuals::Observation::Flag(done)) => Some(done),
                _ => None,
            },
            gap: row.gap,
            progress: row.progress,
            pace: pace(row),
            flagged: !row.flags.is_empty(),
            status_before: change.and_then(|(before, _)| before),
            change: change.map(|(_, movement)| movement),
        }
    }
}

/// Progress against time: the ratio that drove the row's status (time
/// elapsed against distance covered, or actual against required growth).
pub fn pace(row: &Row) -> Option<f64> {
    match row.method? {
        Method::Linear => row.ratio_linear,
        Method::Cagr => row.ratio_cagr,
    }
}

/// One member assessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberReport {
    /// Its id in the portfolio.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its parent, by id.
    pub parent: Option<String>,
    /// Its plan's id.
    pub plan: String,
    /// The year it is assessed as of.
    pub as_of: i32,
    /// Its indicators by status, in the order of [`Status::ALL`].
    #[serde(skip)]
    pub counts: [usize; Status::COUNT],
    /// Binding targets missed.
    pub binding_missed: usize,
    /// Indicators on a doubtful figure.
    pub flagged: usize,
    /// Its indicators, in plan order.
    pub indicators: Vec<Mark>,
}

impl MemberReport {
    /// Indicators that moved by `movement` since the earlier report.
    pub fn moved(&self, movement: Movement) -> usize {
        self.indicators
            .iter()
            .filter(|m| m.change == Some(movement))
            .count()
    }
}

/// An indicator several members share: rows of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shared {
    /// The common code.
    pub key: String,
    /// Its name, as the first member that has it says.
    pub name: String,
    /// Its English name.
    pub name_en: Option<String>,
    /// Its unit, as the first member says.
    pub unit: String,
    /// Each member's mark (by the member's position), `None` where the
    /// member's plan has no such indicator.
    pub cells: Vec<Option<(usize, usize)>>,
    /// The members that have it, best pace first, with their rank: equal
    /// paces share a rank (1, 2, 2, 4); members without a pace come last,
    /// unranked.
    pub ranks: Vec<(usize, Option<usize>)>,
}

/// A parent's indicator rolled up from its members' figures and assessed
/// against the parent's own target.
#[derive(Debug, Clone, PartialEq)]
pub struct Rolled {
    /// The parent, by position.
    pub parent: usize,
    /// The parent's indicator.
    pub key: String,
    /// The rule.
    pub rule: Rollup,
    /// The indicator weighing a mean.
    pub weight: Option<String>,
    /// The members rolled up, by position.
    pub members: Vec<usize>,
    /// The rolled-up figures by year, where every member had one.
    pub series: Series,
    /// The parent's target assessed on the rolled-up figures.
    pub row: Row,
    /// The latest year any member has a figure for.
    pub year: Option<i32>,
    /// The rolled-up figure for that year, or why there is none.
    pub rolled: Result<Observation, Short>,
    /// The parent's own figure for that year.
    pub reported: Option<Observation>,
    /// Whether the parent's own figure differs from the rolled-up one
    /// beyond the portfolio's tolerance.
    pub differs: bool,
}

/// The whole portfolio assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioReport {
    /// The portfolio's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The members, in the portfolio's order.
    pub members: Vec<MemberReport>,
    /// The indicators two or more members share, in the order first met.
    pub shared: Vec<Shared>,
    /// The roll-ups, by parent in the portfolio's order, then in the
    /// parent plan's order.
    pub rolled: Vec<Rolled>,
    /// The tolerance the parents' figures were checked with.
    pub tolerance: f64,
}

impl PortfolioReport {
    /// The mark at `(member, index)` of a matrix cell.
    pub fn mark(&self, at: (usize, usize)) -> Option<&Mark> {
        self.members.get(at.0)?.indicators.get(at.1)
    }

    /// A member's name.
    pub fn member_name(&self, member: usize) -> &str {
        self.members.get(member).map_or("", |m| m.name.as_str())
    }
}

/// A parent's indicator to roll up, while its members are read.
struct Pending {
    parent: usize,
    indicator: Indicator,
    settings: Settings,
    as_of: i32,
    reported: Series,
    reference: Option<Series>,
    /// Each member's figures and weights.
    parts: Vec<(usize, Series, Option<Series>)>,
}

/// A portfolio being assessed, member by member.
pub struct Survey {
    id: String,
    name: String,
    tolerance: f64,
    parents: Vec<Option<usize>>,
    members: Vec<Option<MemberReport>>,
    pending: Vec<Pending>,
}

impl Survey {
    /// An empty survey of `portfolio`'s members.
    pub fn new(portfolio: &Portfolio) -> Survey {
        let members = &portfolio.members;
        Survey {
            id: portfolio.id.clone(),
            name: portfolio.name.clone(),
            tolerance: portfolio.tolerance,
            parents: members
                .iter()
                .map(|m| {
                    m.parent
                        .as_deref()
                        .and_then(|p| super::file::Member::position(members, p))
                })
                .collect(),
            members: vec![None; members.len()],
            pending: Vec::new(),
        }
    }

    /// Assesses the member at `index` (its plan on its actuals, as of
    /// `as_of`, the indicators `keep` accepts), and keeps what the
    /// portfolio shows. A parent must be added before its members.
    pub fn add(&mut self, index: usize, member: Member<'_>) {
        let Member {
            id,
            name,
            plan,
            actuals,
            as_of,
            previous,
            keep,
        } = member;
        let rows: Vec<(Row, &str)> = assess::rows(plan, actuals, as_of, |i| keep(i))
            .map(|row| {
                let key = plan.indicator(&row.id).map_or("", Indicator::key);
                (row, key)
            })
            .collect();
        let mut counts = [0; Status::COUNT];
        for (row, _) in &rows {
            if let Some(slot) = Status::ALL
                .iter()
                .position(|s| *s == row.status)
                .and_then(|i| counts.get_mut(i))
            {
                *slot += 1;
            }
        }
        let report = MemberReport {
            id: id.to_string(),
            name: name.to_string(),
            parent: self
                .parents
                .get(index)
                .copied()
                .flatten()
                .and_then(|p| self.members.get(p))
                .and_then(|m| m.as_ref().map(|m| m.id.clone())),
            plan: plan.meta.id.clone(),
            as_of,
            counts,
            binding_missed: rows
                .iter()
                .filter(|(r, _)| r.binding == Some(true) && r.status == Status::Missed)
                .count(),
            flagged: rows.iter().filter(|(r, _)| !r.flags.is_empty()).count(),
            indicators: rows
                .iter()
                .map(|(row, key)| Mark::of(row, key, previous))
                .collect(),
        };
        self.take_rollups(index, plan, actuals, as_of, &keep);
        self.give_figures(index, plan, actuals);
        if let Some(slot) = self.members.get_mut(index) {
            *slot = Some(report);
        }
    }

    /// The indicators of a parent's plan that roll up from its members.
    fn take_rollups(
        &mut self,
        index: usize,
        plan: &Plan,
        actuals: &Actuals,
        as_of: i32,
        keep: &dyn Fn(&Indicator) -> bool,
    ) {
        if !self.parents.contains(&Some(index)) {
            return;
        }
        for (i, ind) in plan.indicators.iter().enumerate() {
            if ind.rollup().is_none() || !keep(ind) {
                continue;
            }
            let (reported, reference) = assess::inputs(plan, actuals, i);
            self.pending.push(Pending {
                parent: index,
                indicator: ind.clone(),
                settings: plan.assessment,
                as_of,
                reported,
                reference,
                parts: Vec::new(),
            });
        }
    }

    /// A member's figures for each of its parent's roll-ups (an empty
    /// series where its plan has no such indicator).
    fn give_figures(&mut self, index: usize, plan: &Plan, actuals: &Actuals) {
        let Some(parent) = self.parents.get(index).copied().flatten() else {
            return;
        };
        let series_of = |key: &str| -> Option<Series> {
            let ind = super::rules::find(plan, key)?;
            let position = plan.position(&ind.id)?;
            Some(assess::inputs(plan, actuals, position).0)
        };
        for pending in self.pending.iter_mut().filter(|p| p.parent == parent) {
            let figures = series_of(pending.indicator.key()).unwrap_or_default();
            let weights = pending
                .indicator
                .weight()
                .map(|w| series_of(w).unwrap_or_default());
            pending.parts.push((index, figures, weights));
        }
    }

    /// The portfolio report, once every member is added.
    pub fn finish(self) -> PortfolioReport {
        let members: Vec<MemberReport> = self.members.into_iter().flatten().collect();
        let shared = shared(&members);
        let tolerance = self.tolerance;
        let rolled = self
            .pending
            .into_iter()
            .map(|p| roll_up(p, tolerance))
            .collect();
        PortfolioReport {
            id: self.id,
            name: self.name,
            members,
            shared,
            rolled,
            tolerance,
        }
    }
}

/// What [`Survey::add`] takes of one member.
pub struct Member<'a> {
    /// Its id in the portfolio.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its plan.
    pub plan: &'a Plan,
    /// Its actuals.
    pub actuals: &'a Actuals,
    /// The year to assess it as of.
    pub as_of: i32,
    /// Its earlier report, with `--since`.
    pub previous: Option<&'a Previous>,
    /// Which of its indicators to assess.
    pub keep: &'a dyn Fn(&Indicator) -> bool,
}

/// The indicators two or more members share, with each member's cell and
/// the ranks.
fn shared(members: &[MemberReport]) -> Vec<Shared> {
    let mut order: Vec<&str> = Vec::new();
    let mut holders: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (m, member) in members.iter().enumerate() {
        for (i, mark) in member.indicators.iter().enumerate() {
            let list = holders.entry(mark.key.as_str()).or_default();
            if list.is_empty() {
                order.push(mark.key.as_str());
            }
            // A plan's key given twice counts once: the first.
            if list.last().is_none_or(|(last, _)| *last != m) {
                list.push((m, i));
            }
        }
    }
    order
        .into_iter()
        .filter_map(|key| {
            let list = holders.get(key)?;
            if list.len() < 2 {
                return None;
            }
            let first = list
                .first()
                .and_then(|&(m, i)| members.get(m)?.indicators.get(i))?;
            let mut cells = vec![None; members.len()];
            for &(m, i) in list {
                if let Some(cell) = cells.get_mut(m) {
                    *cell = Some((m, i));
                }
            }
            let paces: Vec<(usize, Option<f64>)> = list
                .iter()
                .map(|&(m, i)| {
                    let pace = members
                        .get(m)
                        .and_then(|mm| mm.indicators.get(i))
                        .and_then(|mk| mk.pace);
                    (m, pace)
                })
                .collect();
            Some(Shared {
                key: key.to_string(),
                name: first.name.clone(),
                name_en: first.name_en.clone(),
                unit: first.unit.clone(),
                cells,
                ranks: rank(paces),
            })
        })
        .collect()
}

/// Members ordered by pace, best first, with competition ranks (equal
/// paces share a rank, the next rank skips: 1, 2, 2, 4); those without a
/// pace last, unranked, in the portfolio's order.
pub fn rank(mut paces: Vec<(usize, Option<f64>)>) -> Vec<(usize, Option<usize>)> {
    paces.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.0.cmp(&b.0)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    });
    let mut ranked = Vec::with_capacity(paces.len());
    let mut previous: Option<(f64, usize)> = None;
    for (position, (member, pace)) in paces.into_iter().enumerate() {
        let rank = pace.map(|p| match previous {
            Some((q, r)) if q == p => r,
            _ => position + 1,
        });
        if let (Some(p), Some(r)) = (pace, rank) {
            previous = Some((p, r));
        }
        ranked.push((member, rank));
    }
    ranked
}

/// A parent's indicator rolled up year by year and assessed against its
/// target as of the parent's year.
fn roll_up(p: Pending, tolerance: f64) -> Rolled {
    let rule = p.indicator.rollup().unwrap_or(Rollup::Sum);
    let weighted = p.indicator.weight().is_some();
    let mut years: Vec<i32> = p
        .parts
        .iter()
        .flat_map(|(_, figures, _)| figures.keys().copied())
        .filter(|y| *y <= p.as_of)
        .collect();
    years.sort_unstable();
    years.dedup();
    let year_parts = |year: i32| -> Vec<Part> {
        p.parts
            .iter()
            .map(|(member, figures, weights)| Part {
                member: *member,
                value: figures.get(&year).copied(),
                weight: weights
                    .as_ref()
                    .and_then(|w| w.get(&year))
                    .and_then(|o| o.number()),
            })
            .collect()
    };
    let mut series = BTreeMap::new();
    for &year in &years {
        if let Ok(figure) = rollup::roll(rule, weighted, &year_parts(year)) {
            series.insert(year, figure);
        }
    }
    let row = assess::assess_indicator(
        &p.indicator,
        &p.settings,
        &series,
        p.reference.as_ref(),
        p.as_of,
    );
    let year = years.last().copied();
    let rolled = match year {
        Some(y) => rollup::roll(rule, weighted, &year_parts(y)),
        None => Err(Short::Missing(p.parts.iter().map(|(m, _, _)| *m).collect())),
    };
    let reported = year.and_then(|y| p.reported.get(&y).copied());
    let differs = match (&rolled, reported) {
        (Ok(x), Some(r)) => rollup::differs(r, *x, tolerance),
        _ => false,
    };
    Rolled {
        parent: p.parent,
        key: p.indicator.key().to_string(),
        rule,
        weight: p.indicator.weight().map(str::to_string),
        members: p.parts.iter().map(|(m, _, _)| *m).collect(),
        series,
        row,
        year,
        rolled,
        reported,
        differs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_paces_share_a_rank_and_none_come_last() {
        let ranked = rank(vec![
            (0, Some(0.9)),
            (1, None),
            (2, Some(1.2)),
            (3, Some(0.9)),
            (4, Some(0.5)),
        ]);
        assert_eq!(
            ranked,
            vec![
                (2, Some(1)),
                (0, Some(2)),
                (3, Some(2)),
                (4, Some(4)),
                (1, None)
            ]
        );
    }
}
