//! The status of an indicator and the ladder that turns a pace ratio into one.

use serde::Serialize;

use crate::plan::{Settings, approx_eq};

/// Where an indicator stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The current value satisfies the target.
    Met,
    /// Pace ratio ≥ `ahead`.
    Ahead,
    /// Pace ratio ≥ `on_track`.
    OnTrack,
    /// Pace ratio ≥ `lagging`.
    Lagging,
    /// Pace ratio ≥ 0.
    OffTrack,
    /// Pace ratio < 0: the indicator moved away from its target.
    MovingAway,
    /// The target year is reached and the target is not met.
    Missed,
    /// A milestone not yet achieved, before the target year.
    Pending,
    /// As of the target year or later, judged only on a figure from an
    /// earlier year that does not already settle it: no verdict until the
    /// target year's figure comes in (docs/methodology.md, "At the end of
    /// the period").
    Awaiting,
    /// No actual in the years considered.
    NoData,
    /// Actuals exist but the figures needed for a verdict cannot be computed.
    NotAssessable,
}

impl Status {
    /// What `--problems` shows, and what a page charts first: the targets
    /// that will be missed or are slipping, and at the end of the period
    /// those still awaiting the final figure.
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            Status::Missed
                | Status::MovingAway
                | Status::OffTrack
                | Status::Lagging
                | Status::Awaiting
        )
    }

    /// Every status, best first.
    pub const ALL: &'static [Status] = &[
        Status::Met,
        Status::Ahead,
        Status::OnTrack,
        Status::Lagging,
        Status::OffTrack,
        Status::MovingAway,
        Status::Missed,
        Status::Pending,
        Status::Awaiting,
        Status::NoData,
        Status::NotAssessable,
    ];

    /// How many statuses there are.
    pub const COUNT: usize = 11;

    /// The word used in reports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Ahead => "ahead",
            Status::OnTrack => "on-track",
            Status::Lagging => "lagging",
            Status::OffTrack => "off-track",
            Status::MovingAway => "moving-away",
            Status::Missed => "missed",
            Status::Pending => "pending",
            Status::Awaiting => "awaiting",
            Status::NoData => "no-data",
            Status::NotAssessable => "not-assessable",
        }
    }

    /// The status for a word, if it is one.
    pub fn from_word(word: &str) -> Option<Status> {
        Status::ALL.iter().copied().find(|s| s.as_str() == word)
    }

    /// How good the verdict is, for comparisons: higher is better. Statuses
    /// that are not verdicts (pending, no-data, not-assessable) have none.
    pub fn rank(self) -> Option<u8> {
        match self {
            Status::Met => Some(6),
            Status::Ahead => Some(5),
            Status::OnTrack => Some(4),
            Status::Lagging => Some(3),
            Status::OffTrack => Some(2),
            Status::MovingAway => Some(1),
            Status::Missed => Some(0),
            Status::Pending | Status::Awaiting | Status::NoData | Status::NotAssessable => None,
        }
    }

    /// Whether this status trips `--fail-on threshold`: a verdict at or below
    /// the threshold's rank (`off-track` takes in `moving-away` and `missed`),
    /// or, for a threshold that is not a verdict, that very status; a
    /// target awaiting its final figure is missing data too, so `no-data`
    /// takes it in.
    pub fn trips(self, threshold: Status) -> bool {
        match (self.rank(), threshold.rank()) {
            (Some(mine), Some(limit)) => mine <= limit,
            _ => self == threshold || (self, threshold) == (Status::Awaiting, Status::NoData),
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = String::deserialize(d)?;
        Status::from_word(&word).ok_or_else(|| {
            let words: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
            serde::de::Error::custom(format!(
                "unknown status `{word}`, expected one of {}",
                words.join(", ")
            ))
        })
    }
}

/// The status ladder: a pace ratio against the thresholds of `[assessment]`.
///
/// A ratio within floating-point rounding of a threshold counts as reaching it.
pub fn ladder(ratio: f64, settings: &Settings) -> Status {
    let reaches = |threshold: f64| ratio >= threshold || approx_eq(ratio, threshold);
    if reaches(settings.ahead) {
        Status::Ahead
    } else if reaches(settings.on_track) {
        Status::OnTrack
    } else if reaches(settings.lagging) {
        Status::Lagging
    } else if reaches(0.0) {
        Status::OffTrack
    } else {
        Status::MovingAway
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_edges_belong_to_the_higher_rung() {
        let s = Settings::default();
        assert_eq!(ladder(1.2, &s), Status::Ahead);
        assert_eq!(ladder(1.199_999, &s), Status::OnTrack);
        assert_eq!(ladder(0.95, &s), Status::OnTrack);
        assert_eq!(ladder(0.949_999, &s), Status::Lagging);
        assert_eq!(ladder(0.6, &s), Status::Lagging);
        assert_eq!(ladder(0.599_999, &s), Status::OffTrack);
        assert_eq!(ladder(0.0, &s), Status::OffTrack);
        assert_eq!(ladder(-0.000_001, &s), Status::MovingAway);
        // Rounding noise does not move a ratio below its rung.
        assert_eq!(ladder(1.2 - 1e-12, &s), Status::Ahead);
        assert_eq!(ladder(-1e-12, &s), Status::OffTrack);
    }

    #[test]
    fn fail_on_takes_in_worse_verdicts_only() {
        let tripped = |threshold| {
            Status::ALL
                .iter()
                .filter(|s| s.trips(threshold))
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            tripped(Status::OffTrack),
            ["off-track", "moving-away", "missed"]
        );
        assert_eq!(
            tripped(Status::Lagging),
            ["lagging", "off-track", "moving-away", "missed"]
        );
        assert_eq!(tripped(Status::Missed), ["missed"]);
        assert_eq!(tripped(Status::NoData), ["awaiting", "no-data"]);
        assert_eq!(tripped(Status::Awaiting), ["awaiting"]);
        assert_eq!(tripped(Status::Pending), ["pending"]);
    }

    #[test]
    fn the_count_is_the_number_of_statuses() {
        assert_eq!(Status::ALL.len(), Status::COUNT);
    }

    #[test]
    fn words_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_word(s.as_str()), Some(*s));
        }
        assert_eq!(Status::from_word("on track"), None);
    }
}
