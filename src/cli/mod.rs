//! The command line, as clap definitions.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, ColorChoice, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::assess::Status;
use crate::assess::compare::Movement;
use crate::plan::Nature;
pub use crate::render::labels::Lang;
use crate::render::{GroupBy, SortBy};

mod zh;

/// The whole command line, its help in `lang`, wrapped to the terminal
/// if `wrap` (clap wraps English itself).
pub fn command(lang: Lang, wrap: bool) -> clap::Command {
    match lang {
        Lang::En => Cli::command(),
        Lang::Zh => zh::localize(Cli::command(), wrap),
    }
}

/// The arguments of this run, parsed, with help and errors in the run's
/// language as [`run_language`] tells it.
pub fn parse() -> Result<Cli, clap::Error> {
    let matches = command(run_language(), true).try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// Exit codes, also listed in `--help` and the README.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  --fail-on matched: a reported indicator has that status or a worse one;
     or --fail-on-worse matched: an indicator moved to a worse status
     (standard error names the indicators either way)
  2  usage error, bad input (plan, actuals, arguments), or the output cannot be written
  130, 143, 129  interrupted by SIGINT, SIGTERM or SIGHUP before --output is in
                 place (the temporary file is removed, the old file kept); once
                 the new file is in place a signal is ignored and the run ends
                 as it would, its alert printed";

/// Track the quantitative targets of a five-year plan.
///
/// plantrack reads a plan's baselines and targets (the Xiangyang High-tech
/// Zone's 14th Five-Year Plan is built in) and yearly actuals from CSV or
/// Excel/WPS workbooks, and
/// reports for each target the required, actual and still-needed growth,
/// the gap, progress against time elapsed, and a status.
#[derive(Debug, Parser)]
#[command(name = "plantrack", version, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the plan (and actuals, if given); list every problem.
    Check(CheckArgs),
    /// List the plan's indicators.
    List(ListArgs),
    /// Assess every indicator and print the report.
    Report(ReportArgs),
    /// Compare two saved JSON reports, or two as-of years of the same
    /// actuals: what got better, what got worse.
    Diff(DiffArgs),
    /// Show one indicator in full: the plan's sentence, each year's actual
    /// beside the required path, the gap, the pace still needed and why.
    Show(ShowArgs),
    /// Write a CSV or workbook for entering actuals, ready to pass back with --actuals.
    Template(TemplateArgs),
    /// Write a commented skeleton plan for a new period, one example of
    /// every kind of target, to fill in and check.
    Init(InitArgs),
    /// Read a plan's table of main indicators (主要指标表) from a workbook
    /// or CSV into a plan file, each assumption marked for review.
    Import(ImportArgs),
    /// Many plans at once (a city and its districts): a summary per
    /// member, the indicators they share, ranks, and roll-ups checked
    /// against a parent's targets.
    #[command(subcommand)]
    Portfolio(PortfolioCommand),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `plantrack man | man -l -`.
    Man,
    /// Read a workbook from standard input within limits on memory and
    /// time, for plantrack itself (see `workbook::child`).
    #[command(name = "__read-workbook", hide = true)]
    ReadWorkbook,
}

impl Command {
    /// The language `--lang` asks for, if the command takes it and it is
    /// given.
    pub fn lang(&self) -> Option<Lang> {
        match self {
            Command::Check(a) => a.lang,
            Command::List(a) => a.view.lang,
            Command::Report(a) => a.view.lang,
            Command::Diff(a) => a.view.lang,
            Command::Show(a) => a.view.lang,
            Command::Template(a) => a.lang,
            Command::Init(a) => a.lang,
            Command::Import(a) => a.lang,
            Command::Portfolio(PortfolioCommand::Report(a)) => a.view.lang,
            Command::Portfolio(PortfolioCommand::Check(a)) => a.lang,
            Command::Completions(_) | Command::Man | Command::ReadWorkbook => None,
        }
    }
}

/// Selecting the plan.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Plan file (TOML); default: the built-in Xiangyang High-tech Zone plan.
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
}

/// Selecting the actuals.
#[derive(Debug, Args)]
pub struct ActualsArgs {
    /// Actuals: a CSV/TSV file, a workbook (.xlsx, .xls, .ods), or a
    /// directory of them; - for standard input (repeatable).
    #[arg(long, value_name = "PATH")]
    pub actuals: Vec<PathBuf>,

    /// Read the actuals in this encoding instead of detecting it.
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<EncodingArg>,

    /// Refuse the actuals (exit 2, nothing written) for any warning, a
    /// doubtful figure among them, or anything not read (a column, a
    /// sheet, a file): for cron and for the final submission.
    #[arg(long)]
    pub strict: bool,
}

/// `--encoding` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "gb18030", alias = "gbk")]
    Gb18030,
    #[value(name = "utf-16")]
    Utf16,
}

/// What to assess: the plan, the actuals and the as-of year.
#[derive(Debug, Args)]
pub struct AssessArgs {
    #[command(flatten)]
    pub plan: PlanArgs,
    #[command(flatten)]
    pub actuals: ActualsArgs,
    /// Assess as of this year (default: the latest year in the actuals).
    #[arg(long, value_name = "YEAR")]
    pub as_of: Option<i32>,
}

/// Where the output goes.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to FILE instead of standard output (`-`), atomically: through a
    /// temporary file in the same directory, renamed into place when complete.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Start CSV/TSV output with a UTF-8 byte-order mark, so Excel shows
    /// Chinese text correctly (the default for `template` and for a report
    /// in `--lang zh`).
    #[arg(long, conflicts_with = "no_bom")]
    pub bom: bool,

    /// No byte-order mark, even where one is the default.
    #[arg(long)]
    pub no_bom: bool,
}

impl OutputArgs {
    /// Whether CSV/TSV output starts with a byte-order mark, where `default`
    /// says whether it does unless `--bom` or `--no-bom` is given.
    pub fn bom_or(&self, default: bool) -> bool {
        self.bom || (default && !self.no_bom)
    }
}

/// How people-facing output looks.
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// Language of messages, names, headers and status words in tables,
    /// Markdown, workbooks and `show` (default: PLANTRACK_LANG, else zh for
    /// a plan written in Chinese, else en). CSV and TSV keep their stable
    /// English field names and words unless --lang is given; JSON always
    /// keeps them.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Colour the status: auto colours only on a terminal whose TERM is not
    /// dumb; NO_COLOR, when set, turns colour off whatever this says.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Fit tables to this many columns (default: the terminal's width; in
    /// pipes and files rows are not wrapped).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,
}

/// `plantrack check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub plan: PlanArgs,
    #[command(flatten)]
    pub actuals: ActualsArgs,
    /// Language of the messages and the summary line (default:
    /// PLANTRACK_LANG, else zh for a plan written in Chinese, else en).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// `plantrack list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Output format (default: from the extension of --output, else table).
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Tsv,
    /// The plan file in use, as written (the built-in plan's included): a
    /// starting point for one's own.
    Toml,
}

/// `plantrack report`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: AssessArgs,
    /// Output format (default: from the extension of --output, else table).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    #[command(flatten)]
    pub view: ViewArgs,
    /// Report only these indicators (ids, comma-separated or repeated).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Report only indicators with these statuses.
    #[arg(long, value_enum, value_name = "STATUS,…", value_delimiter = ',')]
    pub status: Vec<Status>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit with 1 if a reported indicator has this status or a worse one
    /// (off-track also takes in moving-away and missed; lagging adds
    /// lagging). pending, no-data and not-assessable match only themselves.
    #[arg(long, value_enum, value_name = "STATUS,…", value_delimiter = ',')]
    pub fail_on: Vec<Status>,
    /// Show every column of the table (default: a compact table of name,
    /// latest against target, progress against time, the pace still
    /// needed and the status, that fits 80 columns).
    #[arg(long)]
    pub wide: bool,
    /// Order the indicators: status (worst first), gap, progress, needed, id.
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<SortBy>,
    /// Group the indicators, each group with a heading and its count by status.
    #[arg(long, value_enum, value_name = "BY")]
    pub group: Option<GroupBy>,
    /// What will be missed and what it needs: only the lagging, off-track,
    /// moving-away and missed indicators, worst first, with the projection
    /// for the target year and the pace still needed.
    #[arg(long)]
    pub problems: bool,
    /// Only the binding (约束性) targets.
    #[arg(long)]
    pub binding: bool,
    /// Only indicators of these natures: target, expected (预计), planned (规划).
    #[arg(long, value_enum, value_name = "NATURE,…", value_delimiter = ',')]
    pub nature: Vec<Nature>,
    /// Let expected and planned figures trip --fail-on and --fail-on-worse
    /// too (by default only targets do).
    #[arg(long)]
    pub fail_on_expected: bool,
    /// Add a column with each indicator's change since this saved JSON
    /// report (`report --format json`) of the same plan.
    #[arg(long, value_name = "OLD.json")]
    pub since: Option<PathBuf>,
    #[command(flatten)]
    pub worse: WorseArgs,
}

/// `plantrack portfolio`'s commands.
#[derive(Debug, Subcommand)]
pub enum PortfolioCommand {
    /// Assess every member's plan and report the portfolio.
    Report(PortfolioReportArgs),
    /// Validate the portfolio, every member's plan and actuals, and the
    /// roll-ups; list every problem.
    Check(PortfolioCheckArgs),
}

/// Which portfolio: a file, or a folder of members.
#[derive(Debug, Args)]
pub struct PortfolioInput {
    /// The portfolio file (portfolio.toml).
    #[arg(
        value_name = "PORTFOLIO",
        required_unless_present = "plans",
        conflicts_with = "plans"
    )]
    pub portfolio: Option<PathBuf>,
    /// A folder with one folder per member: DIR/<member>/plan.toml and
    /// DIR/<member>/actuals/.
    #[arg(long, value_name = "DIR")]
    pub plans: Option<PathBuf>,
    /// Assess every member as of this year (default: each member's latest
    /// year in its actuals).
    #[arg(long, value_name = "YEAR")]
    pub as_of: Option<i32>,
}

/// `plantrack portfolio report`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct PortfolioReportArgs {
    #[command(flatten)]
    pub input: PortfolioInput,
    /// Output format (default: from the extension of --output, else table).
    #[arg(long, value_enum)]
    pub format: Option<PortfolioFormat>,
    /// Only this part: summary, matrix, ranks or rollups (default: all;
    /// for CSV and TSV, summary).
    #[arg(long, value_enum, value_name = "PART")]
    pub part: Option<PortfolioPart>,
    #[command(flatten)]
    pub view: ViewArgs,
    /// Only these indicators (ids or keys, comma-separated or repeated).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Only shared indicators where a member has one of these statuses
    /// (matrix and ranks).
    #[arg(long, value_enum, value_name = "STATUS,…", value_delimiter = ',')]
    pub status: Vec<Status>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit with 1 if a member's target (or a rolled-up target) has this
    /// status or a worse one.
    #[arg(long, value_enum, value_name = "STATUS,…", value_delimiter = ',')]
    pub fail_on: Vec<Status>,
    /// Add each member's change since this saved JSON portfolio report
    /// (`portfolio report --format json`).
    #[arg(long, value_name = "OLD.json")]
    pub since: Option<PathBuf>,
    #[command(flatten)]
    pub worse: WorseArgs,
}

/// `plantrack portfolio check`.
#[derive(Debug, Args)]
pub struct PortfolioCheckArgs {
    #[command(flatten)]
    pub input: PortfolioInput,
    /// Language of the messages (default: PLANTRACK_LANG, else zh for a
    /// portfolio named in Chinese, else en).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// Formats of `portfolio report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PortfolioFormat {
    /// Aligned tables for reading at a terminal.
    Table,
    /// One part (--part, default summary), for spreadsheets.
    Csv,
    /// As csv, tab-separated.
    Tsv,
    /// Pipe tables for wikis and written reports.
    Markdown,
    /// Everything, numbers unrounded; readable back with --since.
    Json,
    /// An Excel workbook: a sheet per part.
    Xlsx,
    /// One self-contained web page; the matrix as a heat map.
    Html,
    /// A Word document of the parts' tables.
    Docx,
}

impl PortfolioFormat {
    /// Whether the format is CSV or TSV.
    pub fn is_delimited(self) -> bool {
        matches!(self, PortfolioFormat::Csv | PortfolioFormat::Tsv)
    }

    /// Whether the format is a binary file.
    pub fn is_binary(self) -> bool {
        matches!(self, PortfolioFormat::Xlsx | PortfolioFormat::Docx)
    }
}

impl FileFormat for PortfolioFormat {
    const BY_EXTENSION: &'static [(&'static str, Self)] = &[
        ("csv", PortfolioFormat::Csv),
        ("tsv", PortfolioFormat::Tsv),
        ("md", PortfolioFormat::Markdown),
        ("json", PortfolioFormat::Json),
        ("xlsx", PortfolioFormat::Xlsx),
        ("html", PortfolioFormat::Html),
        ("htm", PortfolioFormat::Html),
        ("docx", PortfolioFormat::Docx),
    ];
}

/// The parts of a portfolio report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PortfolioPart {
    /// One row per member: its indicators by status, binding targets
    /// missed, doubtful figures.
    Summary,
    /// The indicators members share: a row each, a column per member.
    Matrix,
    /// Each shared indicator's members ranked by progress against time.
    Ranks,
    /// Parents' indicators rolled up from their members.
    Rollups,
}

/// `--fail-on-worse`.
#[derive(Debug, Args)]
pub struct WorseArgs {
    /// Exit with 1 if an indicator moved to a worse status (with
    /// `=STATUS`, only if it is now STATUS or worse), so that cron mails
    /// when a target slips.
    #[arg(
        long,
        value_enum,
        value_name = "STATUS",
        num_args = 0..=1,
        require_equals = true
    )]
    pub fail_on_worse: Option<Option<Status>>,
}

impl WorseArgs {
    /// Whether a change from `before` to `after` trips `--fail-on-worse`.
    pub fn trips(&self, movement: Movement, after: Option<Status>) -> bool {
        match (&self.fail_on_worse, after) {
            (Some(threshold), Some(after)) if movement == Movement::Worsened => {
                threshold.is_none_or(|t| after.trips(t))
            }
            _ => false,
        }
    }
}

/// `plantrack diff`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct DiffArgs {
    /// Two saved JSON reports (`report --format json`): the earlier, then the later.
    #[arg(value_name = "OLD.json NEW.json", num_args = 0..=2)]
    pub reports: Vec<PathBuf>,
    #[command(flatten)]
    pub plan: PlanArgs,
    #[command(flatten)]
    pub actuals: ActualsArgs,
    /// Instead of two reports: assess the actuals as of this year…
    #[arg(long, value_name = "YEAR", requires = "to")]
    pub from: Option<i32>,
    /// …and as of this one, and compare.
    #[arg(long, value_name = "YEAR", requires = "from")]
    pub to: Option<i32>,
    /// Output format (default: from the extension of --output, else table).
    #[arg(long, value_enum)]
    pub format: Option<DiffFormat>,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub worse: WorseArgs,
}

/// Formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// An aligned table, slips first.
    Table,
    /// Every figure before and after, for spreadsheets.
    Csv,
    /// As csv, tab-separated.
    Tsv,
    /// A pipe table.
    Markdown,
    /// The comparison as JSON.
    Json,
}

impl DiffFormat {
    /// Whether the format is CSV or TSV, the ones `--bom` applies to.
    pub fn is_delimited(self) -> bool {
        matches!(self, DiffFormat::Csv | DiffFormat::Tsv)
    }
}

impl FileFormat for DiffFormat {
    const BY_EXTENSION: &'static [(&'static str, Self)] = &[
        ("csv", DiffFormat::Csv),
        ("tsv", DiffFormat::Tsv),
        ("md", DiffFormat::Markdown),
        ("json", DiffFormat::Json),
    ];
}

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// An aligned table for reading at a terminal.
    Table,
    /// Every field, for spreadsheets: plain numbers, rates as fractions.
    Csv,
    /// As csv, tab-separated.
    Tsv,
    /// A pipe table for wikis and written reports.
    Markdown,
    /// The engine's report, numbers unrounded.
    Json,
    /// An Excel workbook: the report, the actuals used and the plan.
    Xlsx,
    /// One self-contained web page: the table and a chart per indicator (up to 200).
    Html,
    /// A Word document for a committee: the narrative and the committee table.
    Docx,
    /// The narrative alone: a few sentences on how the plan stands.
    Text,
}

impl ReportFormat {
    /// Whether the format is CSV or TSV, the ones `--bom` applies to.
    pub fn is_delimited(self) -> bool {
        matches!(self, ReportFormat::Csv | ReportFormat::Tsv)
    }

    /// Whether the report is written row by row as it is assessed (a
    /// workbook and a page are made whole).
    pub fn streams(self) -> bool {
        !matches!(
            self,
            ReportFormat::Xlsx
                | ReportFormat::Html
                | ReportFormat::Docx
                | ReportFormat::Text
                | ReportFormat::Markdown
        )
    }

    /// Whether the format is a binary file, never written to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, ReportFormat::Xlsx | ReportFormat::Docx)
    }
}

/// An output format that the extension of `--output` can name.
pub trait FileFormat: Copy + PartialEq + ValueEnum + 'static {
    /// Each extension (lowercase, without the dot) and the format it names.
    const BY_EXTENSION: &'static [(&'static str, Self)];

    /// The format's name as `--format` takes it.
    fn name(self) -> String {
        self.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    }
}

impl FileFormat for ReportFormat {
    const BY_EXTENSION: &'static [(&'static str, Self)] = &[
        ("csv", ReportFormat::Csv),
        ("tsv", ReportFormat::Tsv),
        ("md", ReportFormat::Markdown),
        ("json", ReportFormat::Json),
        ("xlsx", ReportFormat::Xlsx),
        ("html", ReportFormat::Html),
        ("htm", ReportFormat::Html),
        ("docx", ReportFormat::Docx),
    ];
}

impl FileFormat for ListFormat {
    const BY_EXTENSION: &'static [(&'static str, Self)] = &[
        ("csv", ListFormat::Csv),
        ("tsv", ListFormat::Tsv),
        ("toml", ListFormat::Toml),
    ];
}

impl FileFormat for TemplateFormat {
    const BY_EXTENSION: &'static [(&'static str, Self)] = &[
        ("csv", TemplateFormat::Csv),
        ("tsv", TemplateFormat::Tsv),
        ("xlsx", TemplateFormat::Xlsx),
    ];
}

/// `plantrack show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The indicator's id (see `plantrack list`) or its exact name.
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub input: AssessArgs,
    /// Output format (default: from the extension of --output, else text).
    #[arg(long, value_enum)]
    pub format: Option<ShowFormat>,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Tables for reading at a terminal.
    Text,
    /// The indicator's chart alone, for pasting into a document.
    Svg,
}

impl FileFormat for ShowFormat {
    const BY_EXTENSION: &'static [(&'static str, Self)] =
        &[("txt", ShowFormat::Text), ("svg", ShowFormat::Svg)];
}

impl ValueEnum for Nature {
    fn value_variants<'a>() -> &'a [Self] {
        Nature::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

impl ValueEnum for Status {
    fn value_variants<'a>() -> &'a [Self] {
        Status::ALL
    }

    /// The English word, with the Chinese one as an alias: `--status
    /// 明显滞后,逆向变化` works as `--status off-track,moving-away`.
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()).alias(Lang::Zh.status(*self)))
    }
}

/// `plantrack completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `plantrack template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Years to enter, as FIRST-LAST or one year (default: the plan period after the base year).
    #[arg(long, value_name = "FIRST-LAST", value_parser = parse_years)]
    pub years: Option<(i32, i32)>,
    /// Long (one row per indicator and year) or wide (one column per year);
    /// a workbook is always wide.
    #[arg(long, value_enum, default_value_t = Layout::Long)]
    pub layout: Layout,
    /// Output format (default: from the extension of --output, else csv).
    #[arg(long, value_enum)]
    pub format: Option<TemplateFormat>,
    /// Language of the messages, headers and instructions (default:
    /// PLANTRACK_LANG, else zh for a plan written in Chinese, else en).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `plantrack init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The base year: the baselines' year (the year before the period).
    #[arg(long, value_name = "YEAR", default_value_t = 2025, value_parser = clap::value_parser!(i32).range(1949..=2100))]
    pub from: i32,
    /// The target year.
    #[arg(long, value_name = "YEAR", default_value_t = 2030, value_parser = clap::value_parser!(i32).range(1949..=2100))]
    pub to: i32,
    /// Write to FILE (never over an existing file) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of the messages (default: PLANTRACK_LANG, else zh).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// `plantrack import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The table: .xlsx, .xls, .ods, .csv or .tsv (a Word table saved or
    /// pasted as one of these).
    #[arg(value_name = "TABLE")]
    pub table: PathBuf,
    /// Write the plan to FILE (never over an existing file) instead of
    /// standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The plan's id (default: from the table's file name, or `imported`).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Language of the messages (default: PLANTRACK_LANG, else zh).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// Formats of `template`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// Comma-separated, with a byte-order mark for Excel.
    Csv,
    /// Tab-separated, with a byte-order mark for Excel.
    Tsv,
    /// An Excel workbook with the instructions locked and each value cell
    /// checked as it is typed.
    Xlsx,
}

pub use crate::render::template::Layout;

fn parse_years(text: &str) -> Result<(i32, i32), String> {
    let year = |s: &str| {
        s.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .ok_or_else(|| format!("`{s}` is not a four-digit year"))
    };
    let (first, last) = match text.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(text)?, year(text)?),
    };
    if last < first {
        return Err(format!(
            "{last} is before {first}: give FIRST-LAST, e.g. 2021-2025"
        ));
    }
    Ok((first, last))
}

/// A command-line usage error in Chinese, for a run whose language is
/// Chinese (`--lang zh` among the arguments, else `PLANTRACK_LANG`, else
/// Chinese, the built-in plan's); `None` for help and version, for an
/// English run, and for the kinds of error clap words best itself.
pub fn usage_error(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    if !err.use_stderr() || run_language() != Lang::Zh {
        return None;
    }
    let context = |kind: ContextKind| -> String {
        err.get(kind).map(ToString::to_string).unwrap_or_default()
    };
    let arg = context(ContextKind::InvalidArg);
    // `--format` of `--format <FORMAT>`: the flag as typed.
    let arg = arg
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    let value = context(ContextKind::InvalidValue);
    let text = match err.kind() {
        ErrorKind::UnknownArgument => format!("未知参数 {arg}"),
        ErrorKind::InvalidSubcommand => {
            format!("未知命令“{}”", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => {
            let valid = match err.get(ContextKind::ValidValue) {
                Some(clap::error::ContextValue::Strings(values)) => values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join("、"),
                _ => String::new(),
            };
            if valid.is_empty() {
                format!("参数 {arg} 的值“{value}”无效")
            } else {
                format!("参数 {arg} 的值“{value}”无效；可用的值：{valid}")
            }
        }
        ErrorKind::ValueValidation => format!("参数 {arg} 的值“{value}”超出允许的范围"),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        ErrorKind::ArgumentConflict => {
            format!(
                "参数 {arg} 不能与 {} 同时使用",
                context(ContextKind::PriorArg)
            )
        }
        ErrorKind::NoEquals => format!("参数 {arg} 需要用 = 给出值"),
        ErrorKind::TooManyValues => format!("参数 {arg} 的值“{value}”多余"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令：请给出 report、show、check、list、diff、template、init 或 import 之一"
                .to_string()
        }
        _ => return None,
    };
    Some(format!("{text}；用 --help 查看用法"))
}

/// The run's language as the arguments and environment say before they
/// are parsed: `--lang zh|en` (or `--lang=…`), else `PLANTRACK_LANG`,
/// else Chinese.
pub fn run_language() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        let value = a.strip_prefix("--lang=").or_else(|| {
            (a == "--lang")
                .then(|| args.get(i + 1).map(String::as_str))
                .flatten()
        })?;
        match value {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    });
    given.or_else(Lang::from_env).unwrap_or(Lang::Zh)
}
