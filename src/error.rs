//! The library's error type.

use std::path::PathBuf;

use crate::diag::{Problems, plural};

/// Everything that can go wrong in plantrack, as a typed value.
///
/// Every variant is a problem with what the user gave (exit code 2) except
/// [`Error::Output`], a failure to write the report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The plan file has one or more problems; each is listed.
    #[error("the plan is not valid ({} problem{}):\n{}", .0.len(), plural(.0.len()), .0)]
    Plan(Problems),

    /// The actuals have one or more problems; each is listed.
    #[error("the actuals are not valid ({} problem{}):\n{}", .0.len(), plural(.0.len()), .0)]
    Actuals(Problems),

    /// A file or directory could not be read.
    #[error("cannot read {}", crate::diag::shown(.path))]
    Read {
        /// The path as given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// An argument is not usable (an unknown indicator id, an empty selection…).
    #[error("{0}")]
    Usage(String),

    /// Writing the output failed.
    #[error("cannot write {target}")]
    Output {
        /// Where the output was going.
        target: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
