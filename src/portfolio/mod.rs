//! Many plans at once: a city and its districts, a province's counties.
//!
//! `file.rs` reads the portfolio (which plans, whose actuals, which member
//! is whose parent); `rollup.rs` holds the roll-up rules, pure functions
//! beside the assessment; `survey.rs` assesses the members one at a time
//! and gathers the summary, the shared indicators, the ranks and the
//! roll-ups; `rules.rs` checks the roll-ups against the members' plans.
//! The portfolio's formats are in `render/portfolio/`.

pub mod file;
pub mod rollup;
pub mod rules;
pub mod survey;

pub use file::{Member, Portfolio};
pub use survey::{PortfolioReport, Survey};
