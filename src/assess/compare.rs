//! What changed between two assessments of one plan: each indicator's
//! status before and after, whether it moved up or down the status ladder,
//! and how its current value, gap and progress changed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Row, Status};

/// What a comparison needs of one indicator's assessment: the fields of a
/// report row (and of a saved JSON report's row) that it compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The indicator's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its English name.
    #[serde(default)]
    pub name_en: Option<String>,
    /// The verdict.
    pub status: Status,
    /// The figure compared with the target.
    #[serde(default)]
    pub current: Option<f64>,
    /// The distance still to go.
    #[serde(default)]
    pub gap: Option<f64>,
    /// Share of the distance covered.
    #[serde(default)]
    pub progress: Option<f64>,
}

impl From<&Row> for Point {
    fn from(row: &Row) -> Self {
        Point {
            id: row.id.clone(),
            name: row.name.clone(),
            name_en: row.name_en.clone(),
            status: row.status,
            current: row.current,
            gap: row.gap,
            progress: row.progress,
        }
    }
}

/// How an indicator's status moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    /// Down the ladder (met > ahead > on-track > lagging > off-track >
    /// moving-away > missed): the target slipped.
    Worsened,
    /// Up the ladder.
    Improved,
    /// To or from a status that is not on the ladder (no-data,
    /// not-assessable): neither better nor worse.
    Changed,
    /// In the later assessment only (the plan gained it).
    New,
    /// In the earlier assessment only (the plan lost it).
    Vanished,
    /// The same status.
    Unchanged,
}

impl Movement {
    /// Every movement, in the order reports list them: slips first.
    pub const ALL: [Movement; 6] = [
        Movement::Worsened,
        Movement::Improved,
        Movement::Changed,
        Movement::New,
        Movement::Vanished,
        Movement::Unchanged,
    ];

    /// The word used in machine formats.
    pub fn as_str(self) -> &'static str {
        match self {
            Movement::Worsened => "worsened",
            Movement::Improved => "improved",
            Movement::Changed => "changed",
            Movement::New => "new",
            Movement::Vanished => "vanished",
            Movement::Unchanged => "unchanged",
        }
    }

    /// How a status moved from `before` to `after`. A milestone's pending
    /// stands where on-track does: achieving it is an improvement, missing
    /// it a slip.
    pub fn between(before: Status, after: Status) -> Movement {
        if before == after {
            return Movement::Unchanged;
        }
        match (standing(before), standing(after)) {
            (Some(b), Some(a)) if a < b => Movement::Worsened,
            (Some(b), Some(a)) if a > b => Movement::Improved,
            _ => Movement::Changed,
        }
    }
}

/// A status's place on the ladder for comparisons (see [`Status::rank`]),
/// with pending where on-track is.
fn standing(status: Status) -> Option<u8> {
    match status {
        Status::Pending => Status::OnTrack.rank(),
        other => other.rank(),
    }
}

/// One indicator compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// How its status moved.
    pub movement: Movement,
    /// Its assessment before, if it was assessed then.
    pub before: Option<Point>,
    /// Its assessment after, if it is assessed now.
    pub after: Option<Point>,
}

impl Change {
    /// The later assessment if there is one, else the earlier: the id and
    /// names to show.
    pub fn point(&self) -> Option<&Point> {
        self.after.as_ref().or(self.before.as_ref())
    }

    /// The change in a figure, where both sides have it.
    pub fn delta(&self, figure: impl Fn(&Point) -> Option<f64>) -> Option<f64> {
        let (before, after) = (self.before.as_ref()?, self.after.as_ref()?);
        Some(figure(after)? - figure(before)?).filter(|d| d.is_finite())
    }
}

/// Compares two assessments: one change per indicator of `after`, in its
/// order, then the vanished ones in the order of `before`.
pub fn compare(before: &[Point], after: &[Point]) -> Vec<Change> {
    let earlier: HashMap<&str, &Point> = before.iter().map(|p| (p.id.as_str(), p)).collect();
    let later: HashMap<&str, &Point> = after.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut changes: Vec<Change> = after
        .iter()
        .map(|a| match earlier.get(a.id.as_str()) {
            Some(b) => Change {
                movement: Movement::between(b.status, a.status),
                before: Some((*b).clone()),
                after: Some(a.clone()),
            },
            None => Change {
                movement: Movement::New,
                before: None,
                after: Some(a.clone()),
            },
        })
        .collect();
    changes.extend(
        before
            .iter()
            .filter(|b| !later.contains_key(b.id.as_str()))
            .map(|b| Change {
                movement: Movement::Vanished,
                before: Some(b.clone()),
                after: None,
            }),
    );
    changes
}

/// The changes in the order reports list them: slips first, then
/// improvements, other changes, new, vanished and unchanged indicators,
/// each group in plan order.
pub fn by_movement(changes: &mut [Change]) {
    changes.sort_by_key(|c| Movement::ALL.iter().position(|m| *m == c.movement));
}

/// Two assessments of one plan compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// The plan's id.
    pub plan: String,
    /// The earlier as-of year.
    pub from: i32,
    /// The later as-of year.
    pub to: i32,
    /// One change per indicator, slips first (see [`by_movement`]).
    pub changes: Vec<Change>,
}

impl Diff {
    /// Compares `before` (as of `from`) with `after` (as of `to`).
    pub fn new(
        plan: String,
        (from, before): (i32, &[Point]),
        (to, after): (i32, &[Point]),
    ) -> Self {
        let mut changes = compare(before, after);
        by_movement(&mut changes);
        Diff {
            plan,
            from,
            to,
            changes,
        }
    }

    /// How many indicators moved each way, in the order of [`Movement::ALL`].
    pub fn counts(&self) -> [(Movement, usize); 6] {
        Movement::ALL.map(|m| (m, self.changes.iter().filter(|c| c.movement == m).count()))
    }
}

/// An earlier assessment to compare report rows with, by id
/// (`report --since`).
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    /// Its as-of year.
    pub as_of: i32,
    by_id: HashMap<String, Point>,
}

impl Previous {
    /// The earlier assessment as of `as_of`.
    pub fn new(as_of: i32, points: Vec<Point>) -> Self {
        Previous {
            as_of,
            by_id: points.into_iter().map(|p| (p.id.clone(), p)).collect(),
        }
    }

    /// The indicator's status before, if it was assessed, and how it moved.
    pub fn change(&self, row: &Row) -> (Option<Status>, Movement) {
        match self.by_id.get(&row.id) {
            Some(before) => (
                Some(before.status),
                Movement::between(before.status, row.status),
            ),
            None => (None, Movement::New),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(id: &str, status: Status) -> Point {
        Point {
            id: id.to_string(),
            name: id.to_string(),
            name_en: None,
            status,
            current: Some(1.0),
            gap: Some(2.0),
            progress: Some(0.5),
        }
    }

    #[test]
    fn the_ladder_decides_better_and_worse() {
        use Status::*;
        assert_eq!(Movement::between(OnTrack, Lagging), Movement::Worsened);
        assert_eq!(Movement::between(OffTrack, Met), Movement::Improved);
        assert_eq!(Movement::between(Lagging, Lagging), Movement::Unchanged);
        assert_eq!(Movement::between(Pending, Met), Movement::Improved);
        assert_eq!(Movement::between(Pending, Missed), Movement::Worsened);
        assert_eq!(Movement::between(OnTrack, NoData), Movement::Changed);
        assert_eq!(Movement::between(NotAssessable, Met), Movement::Changed);
        // Every pair of distinct ladder statuses is better one way, worse the other.
        for &a in Status::ALL {
            for &b in Status::ALL {
                let (there, back) = (Movement::between(a, b), Movement::between(b, a));
                let mirrored = match there {
                    Movement::Worsened => Movement::Improved,
                    Movement::Improved => Movement::Worsened,
                    other => other,
                };
                assert_eq!(back, mirrored, "{a} → {b}");
            }
        }
    }

    #[test]
    fn new_and_vanished_indicators_are_listed_apart() {
        let before = [point("a", Status::OnTrack), point("gone", Status::Met)];
        let mut after = [point("a", Status::Lagging), point("fresh", Status::Ahead)];
        after[0].current = Some(1.5);
        let changes = compare(&before, &after);
        let moves: Vec<(&str, Movement)> = changes
            .iter()
            .map(|c| (c.point().map_or("", |p| p.id.as_str()), c.movement))
            .collect();
        assert_eq!(
            moves,
            [
                ("a", Movement::Worsened),
                ("fresh", Movement::New),
                ("gone", Movement::Vanished)
            ]
        );
        assert_eq!(changes[0].delta(|p| p.current), Some(0.5));
        assert_eq!(changes[1].delta(|p| p.current), None);
    }
}
