//! plantrack: track the quantitative targets of a five-year plan.
//!
//! The library is laid out by responsibility:
//! - [`plan`]: the plan model and its validation;
//! - [`portfolio`]: many plans at once, with roll-up and ranking;
//! - [`actuals`]: reading the yearly actual figures;
//! - [`assess`]: the assessment arithmetic (pure, no I/O);
//! - [`render`]: the report as text and workbooks;
//! - [`saved`]: saved JSON reports read back, to compare;
//! - [`cmd`]: one module per command;
//! - [`cli`]: the command line; [`config`]: where readers and writers are built.

// No panic may be reachable from input: no unwrap, expect, panic! or
// unchecked indexing outside tests. Where an index truly cannot fail, a
// comment says why.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod actuals;
pub mod assess;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod error;
pub mod import;
pub mod msg;
pub mod output;
pub mod parts;
pub mod plan;
pub mod portfolio;
pub mod render;
pub mod saved;
pub mod workbook;

pub use error::{Error, Result};

/// Whether `err` was caused by writing to a pipe whose reader has gone
/// (`plantrack report | head -1`): a normal end, not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
