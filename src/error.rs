//! The library's error type.

use std::path::PathBuf;

use std::fmt;

use crate::diag::{Problems, plural};
use crate::msg::{Lang, Text, lang};

/// Everything that can go wrong in plantrack, as a typed value.
///
/// Every variant is a problem with what the user gave (exit code 2) except
/// [`Error::Output`], a failure to write the report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The plan file has one or more problems; each is listed.
    #[error("{}", problems(.0, "规划文件", "the plan is"))]
    Plan(Problems),

    /// The portfolio file has one or more problems; each is listed.
    #[error("{}", problems(.0, "组合文件", "the portfolio is"))]
    Portfolio(Problems),

    /// The actuals have one or more problems; each is listed.
    #[error("{}", problems(.0, "实际值", "the actuals are"))]
    Actuals(Problems),

    /// A file or directory could not be read.
    #[error("{}", crate::tr!("无法读取{}", "cannot read {}", crate::diag::shown(.path)))]
    Read {
        /// The path as given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// An argument is not usable (an unknown indicator id, an empty selection…).
    #[error("{0}")]
    Usage(Text),

    /// Writing the output failed.
    #[error("{}", crate::tr!("无法写入{}", "cannot write {}", .target))]
    Output {
        /// Where the output was going.
        target: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The heading of a list of problems (`the plan is`, `the actuals are`),
/// then the list, in the run's language.
fn problems(list: &Problems, zh: &str, en: &str) -> impl fmt::Display {
    let n = list.len();
    match lang() {
        Lang::Zh => format!("{zh}有误（{n}处）：\n{list}"),
        Lang::En => format!("{en} not valid ({n} problem{}):\n{list}", plural(n)),
    }
}
