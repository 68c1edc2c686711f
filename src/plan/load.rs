//! Reading a plan from TOML and validating it.
//!
//! The TOML is parsed into a tree that keeps every value's position, then
//! walked field by field so that every problem in the file is reported at
//! once, each with its line and column, rather than only the first.

use super::IdIndex;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::scan::{self, Line, Scalar};
use super::{
    ActualsMode, Chapter, Comparator, Extra, Indicator, Kind, Method, Nature, Plan, PlanMeta,
    Rollup, Rule, Settings, Shared, Text, out_of_line,
};
use crate::diag::{Diagnostic, LineIndex, Location, suggest};
use crate::error::{Error, Result};
use crate::msg::Text as Message;

const TOP_KEYS: &[&str] = &["plan", "assessment", "chapters", "indicator"];

/// The years a plan may name: from the first five-year plans' era to the
/// end of the century.
pub const FIRST_YEAR: i32 = 1949;
/// See [`FIRST_YEAR`].
pub const LAST_YEAR: i32 = 2100;
/// The longest plan period, in years: a 2035 vision seen from 2020 is 15;
/// longer periods would be a typing mistake, and make every yearly path and
/// chart that much longer.
pub const MAX_PERIOD: i32 = 30;
const CHAPTER_KEYS: &[&str] = &["title", "title_en"];
const PLAN_KEYS: &[&str] = &[
    "id",
    "name",
    "name_en",
    "base_year",
    "target_year",
    "source",
];
const ASSESSMENT_KEYS: &[&str] = &["method", "ahead", "on_track", "lagging", "about"];
const INDICATOR_KEYS: &[&str] = &[
    "id",
    "name",
    "name_en",
    "short_name_en",
    "unit",
    "kind",
    "comparator",
    "target",
    "target_high",
    "baseline",
    "baseline_year",
    "target_year",
    "actuals",
    "method",
    "binding",
    "nature",
    "every_year",
    "about",
    "target_factor",
    "reference",
    "of",
    "rule",
    "baseline_scope",
    "baseline_scope_en",
    "previous",
    "chapter",
    "quote",
    "baseline_quote",
    "note",
    "note_en",
    "key",
    "rollup",
    "weight",
];

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

/// What every thread reading one plan file shares.
#[derive(Clone, Copy)]
struct Doc<'s> {
    file: &'s Arc<str>,
    text: &'s str,
    /// Whether plain indicator tables go through the fast reader.
    fast: bool,
    /// Built at the first problem any thread finds: a valid plan never
    /// needs it, and a plan with many problems builds it once.
    lines: &'s OnceLock<LineIndex>,
}

/// Collects diagnostics against one file. Spans are relative to the part
/// of the file being read, which starts at byte `base`.
struct Cx<'s> {
    doc: Doc<'s>,
    base: usize,
    diags: Vec<Diagnostic>,
}

impl<'s> Cx<'s> {
    fn new(doc: Doc<'s>) -> Self {
        Cx {
            doc,
            base: 0,
            diags: Vec::new(),
        }
    }

    fn location(&self, span: &Range<usize>) -> Location {
        self.location_of(self.offset(span))
    }

    /// Where `span` starts in the whole file.
    fn offset(&self, span: &Range<usize>) -> usize {
        self.base + span.start
    }

    fn location_of(&self, offset: usize) -> Location {
        let Doc { file, text, .. } = self.doc;
        let lines = self.doc.lines.get_or_init(|| LineIndex::new(text));
        let (line, column) = lines.line_column(text, offset);
        Location::new(Arc::clone(file), line, column)
    }

    fn error_at(&mut self, location: Location, message: impl Into<Message>) {
        self.diags.push(Diagnostic::new(location, message));
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<Message>) {
        let location = self.location(span);
        self.diags.push(Diagnostic::new(location, message));
    }
}

/// A TOML table being read, with the span of its header and a name for messages.
struct Section<'t, 'i> {
    fields: Fields<'t, 'i>,
    span: Range<usize>,
    what: What<'t>,
}

/// Where a section's fields come from: the `toml` crate's tree, or the
/// lines the fast reader took (see `scan.rs`).
#[derive(Clone, Copy)]
enum Fields<'t, 'i> {
    Toml(&'t Table<'i>),
    Scanned(&'t [Line<'t>]),
}

/// One field's value, from either source.
#[derive(Clone, Copy)]
enum Field<'t, 'i> {
    Toml(&'t Value<'i>),
    Scanned(&'t Line<'t>),
}

impl<'t, 'i> Field<'t, 'i> {
    /// The value as validation reads it.
    fn scalar(&self) -> Scalar<'t> {
        match self {
            Field::Scanned(line) => line.value,
            Field::Toml(v) => match v.get_ref() {
                DeValue::String(s) => Scalar::Str(s.as_ref()),
                DeValue::Integer(i) => Scalar::Int(i.as_str(), i.radix()),
                DeValue::Float(f) => Scalar::Float(f.as_str()),
                DeValue::Boolean(b) => Scalar::Bool(*b),
                other => Scalar::Other(other.type_str()),
            },
        }
    }

    fn span(&self) -> Range<usize> {
        match self {
            Field::Scanned(line) => line.span.clone(),
            Field::Toml(v) => v.span(),
        }
    }

    /// The value as the `toml` crate holds it, for tables and arrays.
    fn toml(&self) -> Option<&'t Value<'i>> {
        match self {
            Field::Toml(v) => Some(v),
            Field::Scanned(_) => None,
        }
    }
}

/// What a section is, for messages; formatted only when there is one.
#[derive(Debug, Clone)]
enum What<'t> {
    Top,
    Table(&'static str),
    /// The n-th `[[indicator]]`, 1-based, before its id is known.
    Nth(usize),
    /// An indicator by id, as the plan gives it.
    Indicator(&'t str),
}

impl What<'_> {
    /// The section as messages name it.
    fn text(&self) -> Message {
        match self {
            What::Top => crate::tr!("顶层", "the top level"),
            What::Table(name) => Message::from(*name),
            What::Nth(n) => crate::tr!("第{n}个[[indicator]]", "[[indicator]] #{n}"),
            What::Indicator(id) => crate::tr!("指标 `{id}`", "indicator `{id}`"),
        }
    }
}

impl<'t, 'i> Section<'t, 'i> {
    fn get(&self, key: &str) -> Option<Field<'t, 'i>> {
        match self.fields {
            Fields::Toml(table) => table.get(key).map(Field::Toml),
            // Most keys asked for are absent: told apart by length and
            // first letter before their bytes are compared.
            Fields::Scanned(lines) => lines
                .iter()
                .find(|l| {
                    l.key.len() == key.len()
                        && l.key.as_bytes().first() == key.as_bytes().first()
                        && l.key == key
                })
                .map(Field::Scanned),
        }
    }

    /// Every key with where it is.
    fn keys(&self) -> impl Iterator<Item = (&'t str, Range<usize>)> + use<'t, 'i> {
        let (toml, scanned) = match self.fields {
            Fields::Toml(table) => (Some(table.iter()), None),
            Fields::Scanned(lines) => (None, Some(lines.iter())),
        };
        let toml = toml.into_iter().flatten();
        let scanned = scanned.into_iter().flatten();
        toml.map(|(key, _)| (key.get_ref().as_ref(), key.span()))
            .chain(scanned.map(|l| (l.key, l.key_span.clone())))
    }

    fn check_keys(&self, cx: &mut Cx, allowed: &[&str]) {
        for (name, key_span) in self.keys() {
            if allowed.contains(&name) {
                continue;
            }
            let name = crate::diag::quote(name);
            let name = name.as_str();
            let hint = match suggest(name, allowed.iter().copied()) {
                Some(s) => crate::tr!("是不是 `{s}`？", "did you mean `{s}`? "),
                None => Message::default(),
            };
            let allowed = allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            cx.error(
                &key_span,
                crate::tr!(
                    "{what}中有未知字段 `{name}`；{hint}可用的字段：{allowed}",
                    "unknown field `{name}` in {what}; {hint}allowed: {allowed}";
                    what = self.what.text(),
                    hint = hint
                ),
            );
        }
    }

    fn missing(&self, cx: &mut Cx, key: &str, expected: Message) {
        cx.error(
            &self.span,
            crate::tr!(
                "{what}缺少必填字段 `{key}`（{expected}）",
                "{what} is missing required field `{key}` ({expected})";
                what = self.what.text(),
                expected = expected
            ),
        );
    }

    /// The text of the string `key` as the plan gives it, if it is one.
    fn str_of(&self, key: &str) -> Option<&'t str> {
        match self.get(key)?.scalar() {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    fn string(&self, cx: &mut Cx, key: &str, required: bool) -> Option<String> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(cx, key, crate::tr!("字符串", "a string"));
            }
            return None;
        };
        match v.scalar() {
            Scalar::Str(s) => {
                let unsafe_control = || s.chars().find(|&c| crate::diag::is_unsafe_control(c));
                if let Some(c) = crate::diag::has_unsafe_control(s)
                    .then(unsafe_control)
                    .flatten()
                {
                    let c = c.escape_unicode();
                    cx.error(
                        &v.span(),
                        crate::tr!(
                            "{what}的 `{key}` 含有控制字符{c}；规划文本可以有制表符，但不能有其他控制字符",
                            "`{key}` in {what} holds the control character {c}; plan text may hold tabs but no other control characters";
                            what = self.what.text()
                        ),
                    );
                    return None;
                }
                Some(s.to_string())
            }
            other => {
                cx.error(
                    &v.span(),
                    crate::tr!(
                        "{what}的 `{key}` 应为字符串，实为{found}",
                        "`{key}` in {what} must be a string, found {found}";
                        what = self.what.text(),
                        found = type_str(&other)
                    ),
                );
                None
            }
        }
    }

    fn number(&self, cx: &mut Cx, key: &str) -> Option<f64> {
        let v = self.get(key)?;
        let parsed = match v.scalar() {
            Scalar::Int(digits, radix) => i64::from_str_radix(digits, radix).ok().map(|n| n as f64),
            Scalar::Float(text) => text.parse::<f64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                cx.error(
                    &v.span(),
                    crate::tr!(
                        "{what}的 `{key}` 应为有限的数字，实为{found}",
                        "`{key}` in {what} must be a finite number, found {found}";
                        what = self.what.text(),
                        found = describe(&v.scalar())
                    ),
                );
                None
            }
        }
    }

    fn year(&self, cx: &mut Cx, key: &str, required: bool) -> Option<i32> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(cx, key, crate::tr!("四位年份", "a four-digit year"));
            }
            return None;
        };
        let parsed = match v.scalar() {
            Scalar::Int(digits, 10) => digits.parse::<i32>().ok(),
            _ => None,
        };
        match parsed {
            Some(y) if (FIRST_YEAR..=LAST_YEAR).contains(&y) => Some(y),
            _ => {
                cx.error(
                    &v.span(),
                    crate::tr!(
                        "{what}的 `{key}` 应为{FIRST_YEAR}到{LAST_YEAR}之间的年份，如2025，实为{found}",
                        "`{key}` in {what} must be a year from {FIRST_YEAR} to {LAST_YEAR} such as 2025, found {found}";
                        what = self.what.text(),
                        found = describe(&v.scalar())
                    ),
                );
                None
            }
        }
    }

    fn boolean(&self, cx: &mut Cx, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.scalar() {
            Scalar::Bool(b) => Some(b),
            other => {
                cx.error(
                    &v.span(),
                    crate::tr!(
                        "{what}的 `{key}` 应为 true 或 false，实为{found}",
                        "`{key}` in {what} must be true or false, found {found}";
                        what = self.what.text(),
                        found = describe(&other)
                    ),
                );
                None
            }
        }
    }

    /// A word from a closed set, such as a kind or comparator.
    fn word<T>(
        &self,
        cx: &mut Cx,
        key: &str,
        parse: fn(&str) -> Option<T>,
        allowed: fn() -> String,
    ) -> Option<T> {
        let v = self.get(key)?;
        let Scalar::Str(s) = v.scalar() else {
            let allowed = allowed();
            cx.error(
                &v.span(),
                crate::tr!(
                    "{what}的 `{key}` 应为{allowed}之一，实为{found}",
                    "`{key}` in {what} must be one of {allowed}, found {found}";
                    what = self.what.text(),
                    found = describe(&v.scalar())
                ),
            );
            return None;
        };
        let found = parse(s);
        if found.is_none() {
            let (s, allowed) = (crate::diag::quote(s), allowed());
            cx.error(
                &v.span(),
                crate::tr!(
                    "{what}的 `{key}` 值 `{s}` 未知；可用的有：{allowed}",
                    "unknown {key} `{s}` in {what}; allowed: {allowed}";
                    what = self.what.text()
                ),
            );
        }
        found
    }
}

fn describe(v: &Scalar<'_>) -> Message {
    match v {
        Scalar::Str(s) => {
            let s = crate::diag::quote(s);
            crate::tr!("字符串“{s}”", "the string \"{s}\"")
        }
        Scalar::Int(digits, _) => Message::from(digits.to_string()),
        Scalar::Float(text) => Message::from(text.to_string()),
        Scalar::Bool(b) => Message::from(b.to_string()),
        Scalar::Other(kind) => crate::tr!("{kind}", "a {kind}"; kind = toml_kind(kind)),
    }
}

/// A TOML value's kind in words.
fn toml_kind(kind: &str) -> Message {
    let zh = match kind {
        "table" => "表",
        "array" => "数组",
        "datetime" => "日期时间",
        "string" => "字符串",
        "integer" => "整数",
        "float" => "小数",
        "boolean" => "布尔值",
        other => other,
    };
    Message::new(zh, kind)
}

/// A value's TOML type name, for messages.
fn type_str(v: &Scalar<'_>) -> Message {
    toml_kind(match v {
        Scalar::Str(_) => "string",
        Scalar::Int(..) => "integer",
        Scalar::Float(_) => "float",
        Scalar::Bool(_) => "boolean",
        Scalar::Other(kind) => kind,
    })
}

/// Parses and validates a plan.
///
/// A plan laid out as plans are (a preamble, then one `[[indicator]]` table
/// after another) is parsed one indicator at a time, so memory holds one
/// indicator's syntax tree, not the whole file's. Anything else (multi-line
/// strings, other tables among the indicators, a syntax error) is parsed as
/// one document. Both report the same problems at the same places.
pub(super) fn parse(file: &str, text: &str) -> Result<Plan> {
    parse_with(file, text, true)
}

/// [`parse`] with every table through the `toml` crate: what the fast
/// reader must agree with (tests and fuzzing compare the two).
pub(super) fn parse_full(file: &str, text: &str) -> Result<Plan> {
    parse_with(file, text, false)
}

fn parse_with(file: &str, text: &str, fast: bool) -> Result<Plan> {
    let file: Arc<str> = Arc::from(file);
    let lines = OnceLock::new();
    let mut cx = Cx::new(Doc {
        file: &file,
        text,
        fast,
        lines: &lines,
    });
    let parsed = match split(text) {
        Some(parts) => parse_parts(&mut cx, &parts),
        None => None,
    };
    let (meta, settings, indicators) = match parsed {
        Some(parsed) => parsed,
        None => {
            cx.base = 0;
            cx.diags.clear();
            parse_whole(&mut cx, text)?
        }
    };
    match meta {
        Some(meta) if cx.diags.is_empty() => {
            let (indicators, index) = indicators;
            Ok(Plan::indexed(meta, settings, indicators, index))
        }
        _ => Err(Error::Plan(cx.diags.into())),
    }
}

/// What a plan file holds, read and checked: the indicators with the
/// position of each id.
type Parts = (Option<PlanMeta>, Settings, (Vec<Indicator>, IdIndex));

/// The text split before each line that is exactly `[[indicator]]`: the
/// preamble, then one part per indicator, each with its offset. A
/// multi-line string could hold such a line: a part that holds one is
/// declined by [`read_part`] (the fast reader takes no such string), and a
/// preamble cut inside one does not parse; the whole document is then
/// parsed at once. (Looked for part by part, on every core, rather than
/// through the whole text first.)
fn split(text: &str) -> Option<Vec<(usize, &str)>> {
    use memchr::memmem;
    let bytes = text.as_bytes();
    const HEADER: &str = "[[indicator]]";
    let mut starts = vec![0];
    for at in memmem::find_iter(bytes, HEADER) {
        let line_start = at == 0 || text.as_bytes().get(at - 1) == Some(&b'\n');
        let rest = text.get(at + HEADER.len()..).unwrap_or_default();
        let line_end = rest.split('\n').next().unwrap_or_default();
        if at > 0 && line_start && line_end.trim_end().is_empty() {
            starts.push(at);
        }
    }
    starts.push(text.len());
    let parts = starts
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((*a, text.get(*a..*b)?)),
            _ => None,
        })
        .collect();
    Some(parts)
}

/// Reads the parts [`split`] made; `None` if they are not a preamble and
/// single `[[indicator]]` tables (then the whole document is parsed).
fn parse_parts(cx: &mut Cx, parts: &[(usize, &str)]) -> Option<Parts> {
    let ((_, preamble), indicators) = parts.split_first()?;
    let doc = DeTable::parse(preamble).ok()?;
    let root = Section {
        fields: Fields::Toml(doc.get_ref()),
        span: 0..0,
        what: What::Top,
    };
    if root.get("indicator").is_some() {
        return None;
    }
    root.check_keys(cx, TOP_KEYS);
    let meta = read_meta(cx, &root);
    let settings = read_settings(cx, &root);
    if indicators.is_empty() {
        cx.error(
            &(0..0),
            crate::tr!(
                "规划中没有 [[indicator]] 表",
                "the plan has no [[indicator]] tables"
            ),
        );
    }
    cx.base = 0;
    let mut found = Found::with_capacity(indicators.len());
    let doc = cx.doc;
    read_parts(doc, indicators, meta.as_ref(), |read| found.add(cx, read))?;
    let indicators = found.finish(cx);
    Some((meta, settings, indicators))
}

/// Below this many indicators, parts are read on the calling thread:
/// starting threads would cost more than it saves.
const PARALLEL_FROM: usize = 2048;

/// How many parts a worker reads at a time: small enough that gathering
/// the first batches overlaps reading the rest, large enough that handing
/// batches over costs nothing to speak of.
const BATCH: usize = 1024;

/// Reads the indicator parts, each on its own, and hands each [`Read`] to
/// `gather` in plan order; `None` if a part is not a single `[[indicator]]`
/// table. A large plan is read in batches by as many workers as there are
/// cores while this thread gathers: the gathering (ids hashed, indicators
/// moved into place) overlaps the reading, and each batch is freed once
/// gathered, so a large plan is never held twice over.
fn read_parts(
    doc: Doc<'_>,
    parts: &[(usize, &str)],
    meta: Option<&PlanMeta>,
    mut gather: impl FnMut(Read),
) -> Option<()> {
    let workers = if parts.len() < PARALLEL_FROM {
        1
    } else {
        crate::parts::threads()
    };
    if workers == 1 {
        read_chunk(doc, parts, 0, meta)?
            .into_iter()
            .for_each(gather);
        return Some(());
    }
    let batches: Vec<_> = parts.chunks(BATCH).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let gathered = Gathered::default();
    let lead = 4 * workers;
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                let (done, next, batches, gathered) = (done.clone(), &next, &batches, &gathered);
                scope.spawn(move || {
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(batch) = batches.get(k) else { break };
                        // Not far ahead of the gathering: read indicators
                        // waiting to be gathered are memory held twice.
                        if !gathered.wait_until(k.saturating_sub(lead)) {
                            break;
                        }
                        let reads = read_chunk(doc, batch, k * BATCH, meta);
                        let declined = reads.is_none();
                        // The receiver is gone once a part was declined.
                        if done.send((k, reads)).is_err() || declined {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(done);
        let all = gather_in_order(finished, batches.len(), &gathered, &mut gather);
        gathered.stop();
        // Joined here, not by the scope: a worker that panicked (which
        // would be a bug) sends the plan to the whole-document parse
        // rather than taking plantrack down.
        let joined = workers.into_iter().all(|w| w.join().is_ok());
        (all && joined).then_some(())
    })
}

/// How many batches are gathered, for workers to wait on; `None` once the
/// gathering has stopped (a part was declined, or all are in).
struct Gathered {
    count: std::sync::Mutex<Option<usize>>,
    changed: std::sync::Condvar,
}

impl Default for Gathered {
    fn default() -> Self {
        Gathered {
            count: std::sync::Mutex::new(Some(0)),
            changed: std::sync::Condvar::new(),
        }
    }
}

impl Gathered {
    fn set(&self, n: usize) {
        if let Ok(mut count) = self.count.lock() {
            *count = Some(n);
        }
        self.changed.notify_all();
    }

    fn stop(&self) {
        if let Ok(mut count) = self.count.lock() {
            *count = None;
        }
        self.changed.notify_all();
    }

    /// Waits until `n` batches are gathered; false if the gathering
    /// stopped first.
    fn wait_until(&self, n: usize) -> bool {
        let Ok(mut count) = self.count.lock() else {
            return false;
        };
        loop {
            match *count {
                Some(done) if done >= n => return true,
                None => return false,
                Some(_) => {}
            }
            count = match self.changed.wait(count) {
                Ok(count) => count,
                Err(_) => return false,
            };
        }
    }
}

/// Hands the reads of `batches` batches to `gather` in batch order, as
/// they arrive in any order (each waits until those before it are
/// gathered); whether every batch came and none was declined. Returning
/// drops the receiver, which stops the workers.
fn gather_in_order(
    finished: std::sync::mpsc::Receiver<(usize, Option<Vec<Read>>)>,
    batches: usize,
    gathered: &Gathered,
    mut gather: impl FnMut(Read),
) -> bool {
    let mut waiting = std::collections::BTreeMap::new();
    let mut wanted = 0;
    for (k, reads) in finished {
        let Some(reads) = reads else {
            return false;
        };
        waiting.insert(k, reads);
        while let Some(reads) = waiting.remove(&wanted) {
            reads.into_iter().for_each(&mut gather);
            wanted += 1;
            gathered.set(wanted);
        }
    }
    wanted == batches
}

/// Reads consecutive indicator parts, the first being the plan's
/// `first`-th indicator (0-based), each into a [`Read`]: through the fast
/// reader where it takes the table and finds nothing wrong, else through
/// the `toml` crate, which also places every problem.
fn read_chunk(
    doc: Doc<'_>,
    parts: &[(usize, &str)],
    first: usize,
    meta: Option<&PlanMeta>,
) -> Option<Vec<Read>> {
    let mut cx = Cx::new(doc);
    let mut reads = Vec::with_capacity(parts.len());
    // One buffer of lines for every table the fast reader takes.
    let mut lines = Vec::with_capacity(32);
    for (k, (offset, part)) in parts.iter().enumerate() {
        cx.base = *offset;
        let n = first + k + 1;
        let plain = doc
            .fast
            .then(|| read_plain(&mut cx, part, n, meta, &mut lines));
        let read = match plain.flatten() {
            Some(read) => read,
            None => read_part(&mut cx, part, n, meta)?,
        };
        reads.push(read);
    }
    Some(reads)
}

/// Reads a part through the fast reader: `None` if it declines the text
/// or finds anything wrong (the full parser then reads the part again and
/// says where).
fn read_plain<'a>(
    cx: &mut Cx,
    part: &'a str,
    n: usize,
    meta: Option<&PlanMeta>,
    lines: &mut Vec<Line<'a>>,
) -> Option<Read> {
    let header = scan::indicator(part, lines)?;
    let before = cx.diags.len();
    let mut section = Section {
        fields: Fields::Scanned(lines),
        span: header,
        what: What::Nth(n),
    };
    let name_at = cx.offset(
        &section
            .get("name")
            .map_or(section.span.clone(), |v| v.span()),
    );
    let (id, indicator, links) = indicator_of(cx, &mut section, meta);
    if cx.diags.len() > before {
        cx.diags.truncate(before);
        return None;
    }
    Some(Read::new(
        Vec::new(),
        id,
        Some((indicator?, name_at)),
        links,
    ))
}

/// Whether `text` may hold a multi-line string (`"""` or `\'\'\'`), which
/// could hold a line that [`split`] cut the text at.
fn has_multi_line_string(text: &str) -> bool {
    use memchr::memmem;
    let bytes = text.as_bytes();
    memmem::find(bytes, br#"""""#).is_some() || memmem::find(bytes, b"\'\'\'").is_some()
}

/// Reads one part that should hold the `n`-th `[[indicator]]` table alone.
fn read_part(cx: &mut Cx, part: &str, n: usize, meta: Option<&PlanMeta>) -> Option<Read> {
    if has_multi_line_string(part) {
        return None;
    }
    let (doc, syntax) = DeTable::parse_recoverable(part);
    if !syntax.is_empty() {
        // A syntax error inside one indicator's table: report it where
        // it is and go on with the next table.
        syntax_errors(cx, syntax);
        return Some(Read::problems(cx));
    }
    let mut entries = doc.get_ref().iter();
    let (Some((key, value)), None) = (entries.next(), entries.next()) else {
        return None;
    };
    let DeValue::Array(items) = value.get_ref() else {
        return None;
    };
    let mut items = items.iter();
    let (Some(item), None, "indicator") = (items.next(), items.next(), key.get_ref().as_ref())
    else {
        return None;
    };
    Some(read_item(cx, item, n, meta))
}

/// Reads the `n`-th `[[indicator]]` table.
fn read_item(cx: &mut Cx, item: &Value, n: usize, meta: Option<&PlanMeta>) -> Read {
    let before = cx.diags.len();
    let Some(mut section) = table_of(cx, item, What::Nth(n)) else {
        return Read::problems_since(cx, before);
    };
    let name_at = cx.offset(
        &section
            .get("name")
            .map_or(section.span.clone(), |v| v.span()),
    );
    let (id, indicator, links) = indicator_of(cx, &mut section, meta);
    let indicator = indicator.map(|ind| (ind, name_at));
    Read::new(cx.diags.split_off(before), id, indicator, links)
}

fn syntax_errors(cx: &mut Cx, errors: Vec<toml::de::Error>) {
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let message = crate::diag::escape_controls(e.message().trim()).into_owned();
        let hint = full_width_hint(cx.doc.text, cx.offset(&span));
        let zh = toml_message_zh(&message);
        cx.error(
            &span,
            crate::tr!("TOML语法错误：{zh}{hint}", "TOML syntax error: {message}{hint}"; hint = hint),
        );
    }
}

/// The TOML parser's message in Chinese: the common ones in words, any
/// other quoted as the parser wrote it.
fn toml_message_zh(message: &str) -> String {
    // The parser's descriptions, most specific first (a prefix of one
    // must come after it).
    const KNOWN: &[(&str, &str)] = &[
        ("key with no value", "键后面没有值"),
        ("duplicate key", "键重复"),
        ("string values must be quoted", "字符串值必须加引号"),
        ("invalid basic string", "字符串无效"),
        ("invalid literal string", "字符串无效"),
        ("invalid multi-line basic string", "多行字符串无效"),
        ("invalid multi-line literal string", "多行字符串无效"),
        ("invalid string", "字符串无效"),
        ("invalid unquoted key", "键无效（含有不能不加引号的字符）"),
        ("invalid key-value pair", "键值对无效"),
        ("invalid key", "键无效"),
        ("invalid table header", "表头无效"),
        ("invalid table", "表无效"),
        ("invalid inline table element", "内联表的元素无效"),
        ("invalid inline table", "内联表无效"),
        ("invalid array", "数组无效"),
        ("invalid integer number", "整数无效"),
        ("invalid hexadecimal number", "十六进制数无效"),
        ("invalid octal number", "八进制数无效"),
        ("invalid binary number", "二进制数无效"),
        ("invalid float", "小数无效"),
        ("invalid fraction", "小数部分无效"),
        ("invalid exponent", "指数无效"),
        ("invalid mantissa", "数字无效"),
        ("invalid number", "数字无效"),
        ("invalid date-time", "日期时间无效"),
        ("invalid boolean", "布尔值无效（应为 true 或 false）"),
        ("invalid comment character", "注释中有无效字符"),
        ("invalid value", "值无效"),
        ("unclosed table", "表头未闭合"),
        ("unclosed array table", "表数组的表头未闭合"),
        ("unclosed array", "数组未闭合"),
        ("unclosed inline table", "内联表未闭合"),
        ("missing opening quote", "缺少开头的引号"),
        ("missing escaped value", "转义符后缺少字符"),
        (
            "missing comma between array elements",
            "数组元素之间缺少逗号",
        ),
        (
            "missing comma between key-value pairs",
            "键值对之间缺少逗号",
        ),
        (
            "missing assignment between key-value pairs",
            "键与值之间缺少 `=`",
        ),
        ("missing key for inline table element", "内联表的元素缺少键"),
        ("missing inline table opening", "缺少内联表的 `{`"),
        ("missing array opening", "缺少数组的 `[`"),
        ("missing value for key", "键缺少值"),
        ("missing value", "缺少值"),
        ("missing table open", "缺少表头的 `[`"),
        ("missing comment start", "缺少注释的 `#`"),
        ("unexpected leading zero", "数字不能以 0 开头"),
        ("unexpected sign", "此处不能有正负号"),
        ("unexpected key or value", "此处不应有键或值"),
        (
            "unexpected content between comment and newline",
            "注释与换行之间有多余内容",
        ),
        ("unexpected content", "有多余内容"),
        ("unexpected `=` in array", "数组中不能有 `=`"),
        ("extra comma in inline table", "内联表中多了逗号"),
        ("extra comma in array", "数组中多了逗号"),
        (
            "extra assignment between key-value pairs",
            "键值对之间多了 `=`",
        ),
        ("extra `=`", "多了 `=`"),
        ("expected newline", "此处应换行"),
    ];
    let (head, expected) = message
        .split_once(", expected ")
        .map_or((message, None), |(h, e)| (h, Some(e)));
    let Some((_, zh)) = KNOWN.iter().find(|(en, _)| head.starts_with(en)) else {
        return format!("“{message}”");
    };
    match expected.and_then(expected_zh) {
        Some(what) => format!("{zh}，应有{what}"),
        None => (*zh).to_string(),
    }
}

/// What the parser expected, in Chinese: a symbol as it is, a few words
/// translated; `None` for "nothing" and what has no short Chinese name.
fn expected_zh(expected: &str) -> Option<String> {
    const WORDS: &[(&str, &str)] = &[
        ("newline", "换行"),
        ("key", "键"),
        ("value", "值"),
        ("digits", "数字"),
        ("literal string", "字符串"),
        ("multi-line basic string", "多行字符串"),
        ("unicode hexadecimal value", "Unicode 十六进制码"),
    ];
    if expected.starts_with('`') {
        return Some(format!(" {expected}"));
    }
    WORDS
        .iter()
        .find(|(en, _)| expected == *en)
        .map(|(_, zh)| (*zh).to_string())
}

/// A hint for a syntax error on a line typed with a Chinese input method:
/// full-width digits, signs or quotes (`１８００`, `＝`, `“`) that TOML does
/// not read, with what to type instead.
fn full_width_hint(text: &str, at: usize) -> Message {
    let start = text
        .get(..at)
        .map_or(0, |t| t.rfind('\n').map_or(0, |i| i + 1));
    let end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    let line = text.get(start..end).unwrap_or_default();
    let wide: String = line
        .chars()
        .filter(|c| ('\u{FF01}'..='\u{FF5E}').contains(c) || matches!(c, '“' | '”' | '　'))
        .collect();
    if wide.is_empty() {
        return Message::default();
    }
    let ascii: String = wide
        .chars()
        .map(|c| match c {
            '“' | '”' => '"',
            '　' => ' ',
            c => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        })
        .collect();
    let spaced = |t: &str| t.chars().map(String::from).collect::<Vec<_>>().join(" ");
    let (wide, ascii) = (spaced(&wide), spaced(&ascii));
    crate::tr!(
        "；这一行有中文输入法打出的全角字符（{wide}）：请改用半角（{ascii}）",
        "; the line has full-width characters, as a Chinese input method types them ({wide}): type them in ASCII ({ascii})"
    )
}

/// Parses the text as one document.
fn parse_whole(cx: &mut Cx, text: &str) -> Result<Parts> {
    let (doc, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        syntax_errors(cx, syntax);
        return Err(Error::Plan(std::mem::take(&mut cx.diags).into()));
    }
    let root = Section {
        fields: Fields::Toml(doc.get_ref()),
        span: 0..0,
        what: What::Top,
    };
    root.check_keys(cx, TOP_KEYS);
    let meta = read_meta(cx, &root);
    let settings = read_settings(cx, &root);
    let indicators = read_indicators(cx, &root, meta.as_ref());
    Ok((meta, settings, indicators))
}

fn table_of<'t, 'i>(cx: &mut Cx, value: &'t Value<'i>, what: What<'t>) -> Option<Section<'t, 'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(Section {
            fields: Fields::Toml(t),
            span: value.span(),
            what,
        }),
        _ => {
            let found = describe(&Field::Toml(value).scalar());
            cx.error(
                &value.span(),
                crate::tr!("{what}应为表，实为{found}", "{what} must be a table, found {found}"; what = what.text(), found = found),
            );
            None
        }
    }
}

fn read_meta(cx: &mut Cx, root: &Section) -> Option<PlanMeta> {
    let Some(value) = root.get("plan").and_then(|f| f.toml()) else {
        cx.error(
            &(0..0),
            crate::tr!(
                "缺少 [plan] 表（需要 id、name、base_year 和 target_year）",
                "the [plan] table is missing (it needs id, name, base_year and target_year)"
            ),
        );
        return None;
    };
    let plan = table_of(cx, value, What::Table("[plan]"))?;
    plan.check_keys(cx, PLAN_KEYS);
    let id = plan.string(cx, "id", true);
    let name = plan.string(cx, "name", true);
    let name_en = plan.string(cx, "name_en", false);
    let source = plan.string(cx, "source", false);
    let base_year = plan.year(cx, "base_year", true);
    let target_year = plan.year(cx, "target_year", true);
    if let (Some(b), Some(t)) = (base_year, target_year) {
        let length = t - b;
        let problem = if t <= b {
            Some(crate::tr!(
                "[plan] 的目标年 target_year {t} 必须晚于基期年 base_year {b}",
                "[plan] target_year {t} must be after base_year {b}"
            ))
        } else if length > MAX_PERIOD {
            Some(crate::tr!(
                "[plan] 的规划期{b}—{t}年长{length}年，超过上限{MAX_PERIOD}年；请检查 base_year 和 target_year",
                "[plan] runs {length} years, {b} to {t}, over the limit of {MAX_PERIOD}: check base_year and target_year"
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            let span = plan
                .get("target_year")
                .map_or(plan.span.clone(), |v| v.span());
            cx.error(&span, problem);
        }
    }
    let chapters = read_chapters(cx, root);
    Some(PlanMeta {
        chapters,
        id: id?,
        name: name?,
        name_en,
        base_year: base_year?,
        target_year: target_year?,
        source,
    })
}

/// The `[chapters]` table: each chapter's number (`"第三章"`) with its
/// title, as a string or as `{ title = "…", title_en = "…" }`.
fn read_chapters(cx: &mut Cx, root: &Section) -> Vec<Chapter> {
    let Some(value) = root.get("chapters").and_then(|f| f.toml()) else {
        return Vec::new();
    };
    let Some(section) = table_of(cx, value, What::Table("[chapters]")) else {
        return Vec::new();
    };
    let mut chapters = Vec::new();
    for (key, _) in section.keys() {
        let Some(field) = section.get(key) else {
            continue;
        };
        let table = field
            .toml()
            .filter(|v| matches!(v.get_ref(), DeValue::Table(_)));
        let (title, title_en) = match (field.scalar(), table) {
            (Scalar::Str(_), _) => (section.string(cx, key, true), None),
            (_, Some(value)) => {
                let Some(entry) = table_of(cx, value, What::Table("a [chapters] entry")) else {
                    continue;
                };
                entry.check_keys(cx, CHAPTER_KEYS);
                (
                    entry.string(cx, "title", true),
                    entry.string(cx, "title_en", false),
                )
            }
            (other, _) => {
                cx.error(
                    &field.span(),
                    crate::tr!(
                        "[chapters] 中的章 `{key}` 应为标题字符串，或含 title 和 title_en 的表，实为{found}",
                        "chapter `{key}` in [chapters] must be a title string or a table with title and title_en, found {found}";
                        key = Message::from(crate::diag::quote(key)),
                        found = type_str(&other)
                    ),
                );
                continue;
            }
        };
        if let Some(title) = title {
            chapters.push(Chapter {
                key: key.to_string(),
                title,
                title_en,
            });
        }
    }
    chapters
}

fn read_settings(cx: &mut Cx, root: &Section) -> Settings {
    let mut settings = Settings::default();
    let Some(value) = root.get("assessment").and_then(|f| f.toml()) else {
        return settings;
    };
    let Some(section) = table_of(cx, value, What::Table("[assessment]")) else {
        return settings;
    };
    section.check_keys(cx, ASSESSMENT_KEYS);
    if let Some(m) = section.word(cx, "method", Method::from_word, Method::words) {
        settings.method = m;
    }
    for (key, slot) in [
        ("ahead", &mut settings.ahead),
        ("on_track", &mut settings.on_track),
        ("lagging", &mut settings.lagging),
    ] {
        if let Some(n) = section.number(cx, key) {
            *slot = n;
        }
    }
    if let Some(tolerance) = section.number(cx, "about") {
        if (0.0..0.5).contains(&tolerance) {
            settings.about = tolerance;
        } else {
            cx.error(
                &section.span,
                crate::tr!(
                    "[assessment] 的 about 是“左右”目标的容差，应为0到0.5之间的小数（5%写作0.05），实为{tolerance}",
                    "[assessment] about is the tolerance of a 左右 target, a fraction from 0 to 0.5 (0.05 for 5%), found {tolerance}"
                ),
            );
        }
    }
    if !(settings.ahead >= settings.on_track
        && settings.on_track >= settings.lagging
        && settings.lagging >= 0.0)
    {
        cx.error(
            &section.span,
            crate::tr!(
                "[assessment] 的阈值须满足 ahead >= on_track >= lagging >= 0，实为 ahead = {}、on_track = {}、lagging = {}",
                "[assessment] thresholds must satisfy ahead >= on_track >= lagging >= 0, found ahead = {}, on_track = {}, lagging = {}",
                settings.ahead,
                settings.on_track,
                settings.lagging
            ),
        );
    }
    settings
}

fn read_indicators(
    cx: &mut Cx,
    root: &Section,
    meta: Option<&PlanMeta>,
) -> (Vec<Indicator>, IdIndex) {
    let Some(value) = root.get("indicator").and_then(|f| f.toml()) else {
        cx.error(&(0..0), "the plan has no [[indicator]] tables");
        return Default::default();
    };
    let DeValue::Array(items) = value.get_ref() else {
        cx.error(
            &value.span(),
            crate::tr!(
                "`indicator` 应为表的数组（[[indicator]]），实为{found}",
                "`indicator` must be an array of tables ([[indicator]]), found {found}";
                found = describe(&Field::Toml(value).scalar())
            ),
        );
        return Default::default();
    };
    let mut found = Found::default();
    for (n, item) in items.iter().enumerate() {
        let read = read_item(cx, item, n + 1, meta);
        found.add(cx, read);
    }
    found.finish(cx)
}

/// One `[[indicator]]` table read on its own: its problems, its id and
/// where the id is, and the indicator if it is valid. Ids are checked to
/// be unique when the reads are gathered, in file order.
struct Read {
    diags: Vec<Diagnostic>,
    id: Option<IdAt>,
    /// The indicator and where its name is.
    indicator: Option<(Indicator, usize)>,
    /// Its `reference` and `of`, checked once every id is known.
    links: Vec<Link>,
    /// The index hashes of its id and name, made by the thread that read
    /// it (see [`super::index::hash`]).
    hashes: (u64, u64),
}

/// An id read, the id itself unless the indicator read holds it, with
/// where it is.
type IdAt = (Option<String>, usize);

/// A field naming another indicator, and where its value is.
struct Link {
    key: &'static str,
    to: String,
    offset: usize,
}

impl Read {
    /// A read that gave only the problems found so far.
    fn problems(cx: &mut Cx) -> Read {
        Read::problems_since(cx, 0)
    }

    /// A read that gave only the problems found since the `before`-th.
    fn problems_since(cx: &mut Cx, before: usize) -> Read {
        Read::new(cx.diags.split_off(before), None, None, Vec::new())
    }

    /// A read, with the index hashes of its id and name.
    fn new(
        diags: Vec<Diagnostic>,
        id: Option<IdAt>,
        indicator: Option<(Indicator, usize)>,
        links: Vec<Link>,
    ) -> Read {
        let id_text = match (&indicator, &id) {
            (Some((ind, _)), _) => Some(ind.id.as_str()),
            (None, Some((id, _))) => id.as_deref(),
            (None, None) => None,
        };
        let id_hash = id_text.map_or(0, super::index::hash);
        let name_hash = (indicator.as_ref()).map_or(0, |(ind, _)| super::index::hash(&ind.name));
        Read {
            diags,
            id,
            indicator,
            links,
            hashes: (id_hash, name_hash),
        }
    }
}

/// Where an id read is held.
enum IdText {
    /// By the indicator at this position.
    Indicator(u32),
    /// Here: its indicator could not be read.
    Unread(Box<str>),
}

/// The id at position `k` of the ids read.
fn id_at<'a>(indicators: &'a [Indicator], texts: &'a [IdText], k: u32) -> Option<&'a str> {
    match texts.get(k as usize)? {
        IdText::Indicator(i) => indicators.get(*i as usize).map(|ind| ind.id.as_str()),
        IdText::Unread(id) => Some(id),
    }
}

/// The indicators read so far, with where each id and name was found.
#[derive(Default)]
struct Found {
    indicators: Vec<Indicator>,
    /// The position of each id among the ids read, which is its position
    /// in `indicators` once every indicator has been read without a problem.
    ids: IdIndex,
    /// Where each id of `ids` is held, by its position there.
    id_texts: Vec<IdText>,
    /// Where (the byte offset) each id read is.
    id_offsets: Vec<usize>,
    /// Where each indicator's name is, in the order of `indicators`.
    names: Vec<usize>,
    /// The index hash of each id of `id_texts`, and of each name of
    /// `indicators`.
    id_hashes: Vec<u64>,
    name_hashes: Vec<u64>,
    /// The fields naming other indicators, with the naming indicator's position.
    links: Vec<(usize, Link)>,
}

impl Found {
    /// Room for `n` indicators.
    fn with_capacity(n: usize) -> Self {
        Found {
            indicators: Vec::with_capacity(n),
            ids: IdIndex::default(),
            id_texts: Vec::with_capacity(n),
            id_offsets: Vec::with_capacity(n),
            names: Vec::with_capacity(n),
            id_hashes: Vec::with_capacity(n),
            name_hashes: Vec::with_capacity(n),
            links: Vec::new(),
        }
    }

    /// Gathers the next indicator read: its problems, then whether its id
    /// was seen before.
    fn add(&mut self, cx: &mut Cx, read: Read) {
        let (id_hash, name_hash) = read.hashes;
        cx.diags.extend(read.diags);
        if let Some((id, offset)) = read.id {
            self.note_id(id, id_hash, offset);
        }
        if let Some((indicator, name_at)) = read.indicator {
            let at = self.indicators.len();
            self.links
                .extend(read.links.into_iter().map(|link| (at, link)));
            self.names.push(name_at);
            self.name_hashes.push(name_hash);
            self.indicators.push(indicator);
        }
    }

    /// The id at position `k` of `ids`.
    fn id_at(&self, k: u32) -> Option<&str> {
        id_at(&self.indicators, &self.id_texts, k)
    }

    /// Notes an id read at `offset`, with its index hash: held here when
    /// given, else by the indicator pushed next. Whether it is unique is
    /// told by [`Found::finish`].
    fn note_id(&mut self, id: Option<String>, hash: u64, offset: usize) {
        self.id_offsets.push(offset);
        self.id_hashes.push(hash);
        self.id_texts.push(match id {
            Some(id) => IdText::Unread(id.into()),
            None => IdText::Indicator(self.indicators.len() as u32),
        });
    }

    /// The ids indexed, each at its first position, with every id given
    /// again: its position and its first's. Built once all are read, not
    /// as each comes: the gathering then does not wander through the index
    /// while the readers stream through the text.
    fn index_ids(&self) -> (IdIndex, Vec<(u32, u32)>) {
        let mut ids = IdIndex::with_capacity(self.id_texts.len());
        let mut again = Vec::new();
        for (k, &hash) in (0u32..).zip(&self.id_hashes) {
            if let Some(id) = self.id_at(k)
                && let Err(first) = ids.insert_hashed(hash, id, k, |j| self.id_at(j))
            {
                again.push((k, first));
            }
        }
        (ids, again)
    }

    /// Each indicator whose name an earlier one has, with the earlier's
    /// position.
    fn names_again(&self) -> Vec<(u32, u32)> {
        let mut names = IdIndex::with_capacity(self.indicators.len());
        let name_at = |k: u32| self.indicators.get(k as usize).map(|i| i.name.as_str());
        (0u32..)
            .zip(self.indicators.iter().zip(&self.name_hashes))
            .filter_map(|(at, (ind, &hash))| {
                let first = names.insert_hashed(hash, &ind.name, at, name_at).err()?;
                Some((at, first))
            })
            .collect()
    }

    /// Says that the id at position `k` of the ids read is the one at
    /// `first` again, at both places.
    fn id_again(&self, cx: &mut Cx, k: u32, first: u32) {
        let offset = |k: u32| self.id_offsets.get(k as usize).copied();
        let (Some(id), Some(offset), Some(first)) = (self.id_at(k), offset(k), offset(first))
        else {
            return;
        };
        let (here, first_at) = (cx.location_of(offset), cx.location_of(first));
        cx.error_at(
            here.clone(),
            crate::tr!(
                "指标代码 `{id}` 重复；首次定义在{first_at}",
                "duplicate indicator id `{id}`; it is first defined at {first_at}"
            ),
        );
        cx.error_at(
            first_at,
            crate::tr!(
                "指标代码 `{id}` 重复；在{here}再次定义",
                "duplicate indicator id `{id}`; it is defined again at {here}"
            ),
        );
    }

    /// The indicators, once every id and name is checked to be unique and
    /// no name is another indicator's id: actuals name an indicator by
    /// either. A large plan's ids and names are indexed side by side.
    fn finish(mut self, cx: &mut Cx) -> (Vec<Indicator>, IdIndex) {
        // With nothing wrong so far every id is valid, and a name that is
        // not a valid id (a name in Chinese, or with a space) is no id.
        let ids_valid = cx.diags.is_empty();
        let ((ids, ids_again), names_again) = if self.indicators.len() < PARALLEL_FROM {
            (self.index_ids(), self.names_again())
        } else {
            std::thread::scope(|scope| {
                let names = scope.spawn(|| self.names_again());
                (self.index_ids(), crate::parts::joined(names))
            })
        };
        self.ids = ids;
        for (k, first) in ids_again {
            self.id_again(cx, k, first);
        }
        for (from, link) in &self.links {
            self.check_link(cx, *from, link);
        }
        let may_be_id = |name: &str| !ids_valid || valid_id(name);
        let mut names_again = names_again.into_iter().peekable();
        for ((at, ind), &offset) in (0u32..).zip(&self.indicators).zip(&self.names) {
            if ind.name != ind.id
                && may_be_id(&ind.name)
                && self.ids.get(&ind.name, |k| self.id_at(k)).is_some()
            {
                cx.error_at(
                    cx.location_of(offset),
                    crate::tr!(
                        "指标 `{}` 的名称“{}”是指标 `{}` 的代码：实际值按代码或名称指认指标，因此名称不能是另一个指标的代码",
                        "indicator `{}` is named \"{}\", the id of indicator `{}`: actuals name indicators by id or name, so a name may not be another indicator's id",
                        ind.id,
                        ind.name,
                        ind.name
                    ),
                );
            }
            let Some((_, k)) = names_again.next_if(|(again, _)| *again == at) else {
                continue;
            };
            let first = self
                .indicators
                .get(k as usize)
                .zip(self.names.get(k as usize));
            if let Some((first, &first_offset)) = first {
                let first_id = first.id.as_str();
                let (at, first_at) = (cx.location_of(offset), cx.location_of(first_offset));
                cx.error_at(
                        at.clone(),
                        crate::tr!(
                            "指标 `{}` 的名称“{}”与{first_at}的 `{first_id}` 相同：实际值按代码或名称指认指标，因此名称必须唯一",
                            "indicator `{}` has the same name \"{}\" as `{first_id}` at {first_at}: actuals name indicators by id or name, so names must be unique",
                            ind.id,
                            ind.name
                        ),
                    );
                cx.error_at(
                    first_at,
                    crate::tr!(
                        "指标 `{first_id}` 的名称“{}”与{at}的 `{}` 相同",
                        "indicator `{first_id}` has the same name \"{}\" as `{}` at {at}",
                        ind.name,
                        ind.id
                    ),
                );
            }
        }
        (self.indicators, self.ids)
    }
}

impl Found {
    /// A `reference` or `of` must name another indicator with numbers given
    /// the same way (both levels, or both annual rates).
    fn check_link(&self, cx: &mut Cx, from: usize, link: &Link) {
        let Some(ind) = self.indicators.get(from) else {
            return;
        };
        if matches!(ind.kind, Kind::Milestone | Kind::Reference) {
            // Already refused where the field is read.
            return;
        }
        let at = cx.location_of(link.offset);
        let (key, to) = (link.key, &link.to);
        let target = self
            .ids
            .get(to, |k| self.id_at(k))
            .and_then(|i| self.indicators.get(i));
        let problem = match target {
            None => {
                let ids = self.ids.positions().filter_map(|k| self.id_at(k as u32));
                let hint = suggest(to, ids)
                    .map(|s| crate::tr!("是不是 `{s}`？", "did you mean `{s}`? "))
                    .unwrap_or_default();
                crate::tr!(
                    "`{key}` 所指的 `{to}` 不是规划中的指标；{hint}参照序列应声明为类型 `reference` 的指标",
                    "`{key}` names no indicator of the plan: `{to}`; {hint}a reference series is declared as an indicator of kind `reference`";
                    hint = hint
                )
            }
            Some(other) if other.id == ind.id => {
                crate::tr!(
                    "`{key}` 指向了指标自身",
                    "`{key}` names the indicator itself"
                )
            }
            Some(other) if other.kind == Kind::Milestone => {
                crate::tr!(
                    "`{key}` 指向的 `{to}` 是是否目标，没有可比较的数值",
                    "`{key}` names `{to}`, a milestone, which has no figures to compare"
                )
            }
            // One step only: a chain (or a cycle) of `of` would leave the
            // figures nowhere to be entered.
            Some(other) if key == "of" && other.of() == Some(ind.id.as_str()) => {
                crate::tr!(
                    "`of` 指向的 `{to}` 自己的 `of` 又指回 `{}`：形成循环，两者都没有数据；请把数据填在其中一个名下，并删去它的 `of`",
                    "`of` names `{to}`, whose own `of` names `{}` back: a cycle, so neither has figures; give the figures under one of them and drop its `of`",
                    ind.id
                )
            }
            Some(other) if key == "of" && other.of().is_some() => {
                let source = other.of().unwrap_or_default();
                crate::tr!(
                    "`of` 指向的 `{to}` 本身的数据取自 `{source}`（它自己的 `of`）：请在此处直接写 `{source}`，数据只填在一个指标名下",
                    "`of` names `{to}`, which itself takes its figures from `{source}` (its own `of`): name `{source}` here, as figures are entered under one indicator"
                )
            }
            Some(other) if other.actuals != ind.actuals => crate::tr!(
                "`{key}` 指向的 `{to}` 的实际值是 `{}`，而本指标的是 `{}`：相比较的数值必须以同样方式给出",
                "`{key}` names `{to}`, whose actuals are `{}`, but this indicator's are `{}`: compared figures must be given the same way",
                other.actuals,
                ind.actuals
            ),
            Some(_) => return,
        };
        cx.error_at(
            at,
            crate::tr!("指标 `{id}`：{problem}", "indicator `{id}`: {problem}"; id = Message::from(ind.id.as_str()), problem = problem),
        );
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The indicator in `s`, if it is valid; where its id is, whenever there
/// is one, with the id itself unless the indicator holds it; and the
/// fields that name other indicators.
fn indicator_of(
    cx: &mut Cx,
    s: &mut Section,
    meta: Option<&PlanMeta>,
) -> (Option<IdAt>, Option<Indicator>, Vec<Link>) {
    let mut id = s.string(cx, "id", true);
    let mut id_at = None;
    if let Some(id) = &id {
        s.what = What::Indicator(s.str_of("id").unwrap_or_default());
        let span = s.get("id").map(|v| v.span()).unwrap_or(s.span.clone());
        if !valid_id(id) {
            cx.error(
                &span,
                crate::tr!(
                    "指标代码 `{id}` 不合规：请只用小写字母a-z、数字和 `_`",
                    "indicator id `{id}` is not allowed: use lowercase letters a-z, digits and `_`"
                ),
            );
        }
        id_at = Some(cx.offset(&span));
    }
    s.check_keys(cx, INDICATOR_KEYS);

    let name = s.string(cx, "name", true);
    let name_en = s.string(cx, "name_en", false);
    let short_name_en = s.string(cx, "short_name_en", false);
    let unit = s.string(cx, "unit", false).unwrap_or_default();
    let kind = match s.get("kind") {
        None => {
            let words = Kind::words();
            s.missing(cx, "kind", crate::tr!("{words}之一", "one of {words}"));
            None
        }
        Some(_) => s.word(cx, "kind", Kind::from_word, Kind::words),
    };
    let comparator = s.word(cx, "comparator", Comparator::from_typed, Comparator::words);
    let actuals = s.word(cx, "actuals", ActualsMode::from_word, ActualsMode::words);
    let method = s.word(cx, "method", Method::from_word, Method::words);
    let target = s.number(cx, "target");
    let target_high = s.number(cx, "target_high");
    let baseline = s.number(cx, "baseline");
    let previous = s.number(cx, "previous");
    let baseline_year = s.year(cx, "baseline_year", false);
    let target_year = s.year(cx, "target_year", false);
    let binding = s.boolean(cx, "binding");
    let nature = s.word(cx, "nature", Nature::from_word, Nature::words);
    let chapter = s.string(cx, "chapter", false);
    let quote = s.string(cx, "quote", false);
    let baseline_quote = s.string(cx, "baseline_quote", false);
    let note = s.string(cx, "note", false);
    let note_en = s.string(cx, "note_en", false);
    let baseline_scope = s.string(cx, "baseline_scope", false);
    let baseline_scope_en = s.string(cx, "baseline_scope_en", false);
    let rule = s.word(cx, "rule", Rule::from_word, Rule::words);
    let links = links_of(cx, s);
    let shared = read_shared(cx, s, kind);

    let span_of = |key: &str| s.get(key).map_or(s.span.clone(), |v| v.span());
    let baseline_year = baseline_year.or(meta.map(|m| m.base_year));
    let target_year = target_year.or(meta.map(|m| m.target_year));
    if let (Some(b), Some(t)) = (baseline_year, target_year)
        && t <= b
    {
        cx.error(
            &span_of("target_year"),
            crate::tr!("{what}：目标年 target_year {t} 必须晚于基期年 baseline_year {b}", "{what}: target_year {t} must be after baseline_year {b}"; what = s.what.text()),
        );
    }

    let (target, target_factor, every_year) = read_conditions(cx, s, kind, target, baseline);
    let about = s.boolean(cx, "about").unwrap_or(false);
    let approximable = matches!(
        kind,
        Some(Kind::Level | Kind::Share | Kind::Growth | Kind::Cumulative | Kind::Rank) | None
    );
    if about && (!approximable || every_year) {
        cx.error(
            &span_of("about"),
            crate::tr!("{what}：`about`（左右）只用于有数值、按目标年判断的水平值、比重、增速、累计或排名目标", "{what}: `about` (左右) is for a level, share, growth, total or rank target with a figure, judged by the target year"; what = s.what.text()),
        );
    }
    let stated = s.get("target").is_some() || s.get("target_factor").is_some();
    if kind.is_none_or(Kind::has_target) && target.is_none() && !stated {
        s.missing(
            cx,
            "target",
            crate::tr!(
                "数字，或配合基期值的 target_factor",
                "a number, or target_factor with a baseline"
            ),
        );
    }
    if let Some(kind) = kind {
        check_comparison_rules(cx, s, kind, comparator, rule, &links);
    }
    if every_year && actuals == Some(ActualsMode::Rate) {
        cx.error(
            &span_of("every_year"),
            crate::tr!("{what}：`every_year` 逐年判断水平值，因此其实际值必须是水平值，不能是年增速", "{what}: `every_year` judges each year's level, so its actuals must be levels, not annual rates"; what = s.what.text()),
        );
    }
    if let Some(kind) = kind {
        check_kind_rules(
            cx,
            s,
            kind,
            target,
            target_high,
            baseline,
            previous,
            actuals,
        );
    }
    if let (Some(lo), Some(hi)) = (target, target_high)
        && hi < lo
    {
        cx.error(
            &span_of("target_high"),
            crate::tr!(
                "{what}：target_high {hi} 低于 target {lo}；区间从 target 到 target_high",
                "{what}: target_high {hi} is below target {lo}; a range runs from target up to target_high";
                what = s.what.text()
            ),
        );
    }

    let years = baseline_year.zip(target_year);
    let indicator = kind.zip(name).zip(years).and_then(|((kind, name), years)| {
        Some(Indicator {
            // Taken only by an indicator that is made: else kept below.
            id: id.take()?,
            name,
            unit,
            kind,
            comparator: comparator.unwrap_or(if kind == Kind::Rank {
                Comparator::Le
            } else {
                Comparator::Ge
            }),
            rule: rule.unwrap_or_default(),
            target,
            baseline,
            baseline_year: years.0,
            target_year: years.1,
            actuals: actuals.unwrap_or(ActualsMode::default_for(kind)),
            method,
            binding,
            nature: nature.unwrap_or_default(),
            every_year,
            about,
            text: out_of_line(Text {
                chapter,
                quote,
                baseline_quote,
                note,
                note_en,
                baseline_scope,
                baseline_scope_en,
            }),
            shared,
            extra: out_of_line(Extra {
                name_en,
                short_name_en,
                target_high,
                target_factor,
                reference: link_to(&links, "reference"),
                of: link_to(&links, "of"),
                previous,
            }),
        })
    });
    (id_at.map(|at| (id, at)), indicator, links)
}

/// `key`, `rollup` and `weight`: how the indicator is matched and rolled up
/// in a portfolio. A weight weighs a mean; a yes/no goal rolls up only
/// by `all`, and only a yes/no goal does.
fn read_shared(cx: &mut Cx, s: &Section, kind: Option<Kind>) -> Option<Box<Shared>> {
    let key = s.string(cx, "key", false);
    let rollup = s.word(cx, "rollup", Rollup::from_word, Rollup::words);
    let weight = s.string(cx, "weight", false);
    let span_of = |key: &str| s.get(key).map_or(s.span.clone(), |v| v.span());
    let what = &s.what;
    if weight.is_some() && rollup != Some(Rollup::Mean) {
        cx.error(
            &span_of("weight"),
            crate::tr!("{what}：`weight` 只用于加权平均，需配 rollup = \"mean\"", "{what}: `weight` weighs a mean and needs rollup = \"mean\""; what = what.text()),
        );
    }
    if weight.is_some() && !matches!(kind, Some(Kind::Share | Kind::Growth) | None) {
        cx.error(
            &span_of("weight"),
            crate::tr!("{what}：加权平均（`weight`）只用于比重和增速；水平值、累计值请用 rollup = \"sum\"", "{what}: a weighted mean (`weight`) is for shares and rates; levels and totals roll up by rollup = \"sum\""; what = what.text()),
        );
    }
    let milestone = kind == Some(Kind::Milestone);
    if let Some(rule) = rollup
        && kind.is_some()
        && milestone != (rule == Rollup::All)
    {
        let message = if milestone {
            crate::tr!("{what}：是否目标只能按 rollup = \"all\" 汇总（所有成员都达到才算达到）", "{what}: a yes/no goal rolls up only by rollup = \"all\" (achieved when every member has)"; what = what.text())
        } else {
            crate::tr!("{what}：rollup = \"all\" 只用于是否目标；数值请用 sum、mean、min 或 max", "{what}: rollup = \"all\" is for yes/no goals; figures roll up by sum, mean, min or max"; what = what.text())
        };
        cx.error(&span_of("rollup"), message);
    }
    out_of_line(Shared {
        key,
        rollup,
        weight,
    })
}

/// The `reference` and `of` fields, with where their values are.
fn links_of(cx: &mut Cx, s: &Section) -> Vec<Link> {
    ["reference", "of"]
        .into_iter()
        .filter_map(|key| {
            let to = s.string(cx, key, false)?;
            let offset = cx.offset(&s.get(key)?.span());
            Some(Link { key, to, offset })
        })
        .collect()
}

fn link_to(links: &[Link], key: &str) -> Option<String> {
    links.iter().find(|l| l.key == key).map(|l| l.to.clone())
}

/// What relative, trend and reference kinds need and refuse: a relative
/// target compares with a `reference`; a trend is a strict direction; a
/// reference series has no target of its own; `rule` fits the kind.
fn check_comparison_rules(
    cx: &mut Cx,
    s: &Section,
    kind: Kind,
    comparator: Option<Comparator>,
    rule: Option<Rule>,
    links: &[Link],
) {
    let span_of = |key: &str| s.get(key).map_or(s.span.clone(), |v| v.span());
    let what = s.what.clone();
    let has = |key: &str| links.iter().any(|l| l.key == key);
    if kind == Kind::Relative && !has("reference") {
        s.missing(
            cx,
            "reference",
            crate::tr!(
                "用来比较的指标或参照序列的代码",
                "the id of the indicator or reference series compared with"
            ),
        );
    }
    if kind != Kind::Relative && has("reference") {
        cx.error(
            &span_of("reference"),
            crate::tr!("{what}：`reference` 只用于类型 `relative`", "{what}: `reference` is only for kind `relative`"; what = what.text()),
        );
    }
    if matches!(kind, Kind::Milestone | Kind::Reference) && has("of") {
        cx.error(
            &span_of("of"),
            crate::tr!("{what}：{kind}有自己的数据，不能用 `of`", "{what}: a {kind} has figures of its own and takes no `of`"; what = what.text()),
        );
    }
    if matches!(kind, Kind::Relative | Kind::Trend) && comparator.is_none() {
        s.missing(
            cx,
            "comparator",
            crate::tr!(
                "数值应如何比较，如 `>`",
                "how the figures must compare, such as `>`"
            ),
        );
    }
    if kind == Kind::Trend && matches!(comparator, Some(Comparator::Ge | Comparator::Le)) {
        cx.error(
            &span_of("comparator"),
            crate::tr!("{what}：趋势目标用 `>`（不断提升、逐年增加）或 `<`（持续减少）；`>=` 和 `<=` 会把原地不动也算作进展", "{what}: a trend is `>` (不断提升, 逐年增加) or `<` (持续减少); `>=` and `<=` would count standing still as progress"; what = what.text()),
        );
    }
    if kind == Kind::Reference {
        for key in ["target", "comparator", "target_high", "target_factor"] {
            if s.get(key).is_some() {
                cx.error(
                    &span_of(key),
                    crate::tr!("{what}：参照序列只供比较，不能有 `{key}`", "{what}: a reference series is only compared with and takes no `{key}`"; what = what.text()),
                );
            }
        }
    }
    let allowed: &[Rule] = match kind {
        Kind::Relative => &[Rule::EveryYear, Rule::Average],
        Kind::Trend => &[Rule::EveryYear, Rule::Overall],
        _ => &[],
    };
    if let Some(rule) = rule
        && !allowed.contains(&rule)
    {
        let words = allowed
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let fits = if words.is_empty() {
            crate::tr!(
                "只用于类型 `relative` 和 `trend`",
                "is only for kinds `relative` and `trend`"
            )
        } else {
            crate::tr!(
                "不适用于类型 `{kind}`；可用的有：{words}",
                "does not fit kind `{kind}`; allowed: {words}"
            )
        };
        cx.error(
            &span_of("rule"),
            crate::tr!("{what}：规则 `{rule}` {fits}", "{what}: rule `{rule}` {fits}"; what = what.text(), fits = fits),
        );
    }
}

/// `every_year` and `target_factor` (倍增: the target is the factor times
/// the plan's baseline), checked against the kind; the target with the
/// factor applied.
fn read_conditions(
    cx: &mut Cx,
    s: &Section,
    kind: Option<Kind>,
    target: Option<f64>,
    baseline: Option<f64>,
) -> (Option<f64>, Option<f64>, bool) {
    let span_of = |key: &str| s.get(key).map_or(s.span.clone(), |v| v.span());
    let what = &s.what;
    let every_year = s.boolean(cx, "every_year").unwrap_or(false);
    if every_year && !matches!(kind, Some(Kind::Level | Kind::Share | Kind::Rank) | None) {
        cx.error(
            &span_of("every_year"),
            crate::tr!("{what}：`every_year` 只用于水平值、比重和排名目标，它们每年都可以判断是否达到", "{what}: `every_year` is for level, share and rank targets, which can hold or not in each year"; what = what.text()),
        );
    }
    let Some(factor) = s.number(cx, "target_factor") else {
        return (target, None, every_year);
    };
    let at = span_of("target_factor");
    if kind != Some(Kind::Level) && kind.is_some() {
        cx.error(
            &at,
            crate::tr!("{what}：`target_factor`（倍增）只用于水平值目标", "{what}: `target_factor` (倍增) is for level targets"; what = what.text()),
        );
    } else if target.is_some() {
        cx.error(
            &at,
            crate::tr!("{what}：请给出 `target` 或 `target_factor`，不要同时给出", "{what}: give `target` or `target_factor`, not both"; what = what.text()),
        );
    } else if factor <= 0.0 {
        cx.error(
            &at,
            crate::tr!("{what}：`target_factor` 必须大于0，实为{factor}", "{what}: `target_factor` must be above 0, found {factor}"; what = what.text()),
        );
    }
    match baseline {
        Some(b) => (target.or(Some(factor * b)), Some(factor), every_year),
        None => {
            cx.error(
                &at,
                crate::tr!("{what}：`target_factor` 需要规划中的 `baseline` 作为倍增的基数", "{what}: `target_factor` needs the plan's `baseline` to multiply"; what = what.text()),
            );
            (target, Some(factor), every_year)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check_kind_rules(
    cx: &mut Cx,
    s: &Section,
    kind: Kind,
    target: Option<f64>,
    target_high: Option<f64>,
    baseline: Option<f64>,
    previous: Option<f64>,
    actuals: Option<ActualsMode>,
) {
    let span_of = |key: &str| s.get(key).map_or(s.span.clone(), |v| v.span());
    let what = &s.what;
    if kind == Kind::Milestone {
        for (key, value) in [
            ("target", target),
            ("target_high", target_high),
            ("baseline", baseline),
        ] {
            if value.is_some() {
                cx.error(
                    &span_of(key),
                    crate::tr!("{what}：是否目标只有达到与否，不能有数值 `{key}`；请删去，或改用类型 `level`", "{what}: a milestone is achieved or not and takes no numeric `{key}`; remove it, or use kind `level`"; what = what.text()),
                );
            }
        }
    }
    if kind == Kind::Growth
        && let Some(t) = target
        && t <= 0.0
    {
        cx.error(
            &span_of("target"),
            crate::tr!("{what}：增速目标必须大于0（以百分数表示的年均增速），实为{t}；下降目标请用类型 `level` 并配 `<=`", "{what}: a growth target must be above 0 (an average annual growth rate in percent), found {t}; a decline is a `level` target with comparator `<=`"; what = what.text()),
        );
    }
    if kind == Kind::Cumulative && baseline.is_some() {
        cx.error(
            &span_of("baseline"),
            crate::tr!("{what}：累计目标从零起算，不能有 `baseline`；上一规划期的累计值请填在 `previous`", "{what}: a cumulative target counts from zero and takes no `baseline`; put the previous period's total in `previous`"; what = what.text()),
        );
    }
    if kind != Kind::Cumulative && previous.is_some() {
        cx.error(
            &span_of("previous"),
            crate::tr!("{what}：`previous`（上一规划期的累计值）只用于累计目标", "{what}: `previous` (the previous period's total) is only for cumulative targets"; what = what.text()),
        );
    }
    if let Some(mode) = actuals
        && !mode.fits(kind)
    {
        let allowed: Vec<String> = ActualsMode::ALL
            .iter()
            .filter(|m| m.fits(kind))
            .map(|m| format!("`{m}`"))
            .collect();
        cx.error(
            &span_of("actuals"),
            {
                let allowed = allowed.join(", ");
                crate::tr!(
                    "{what}：actuals `{mode}` 不适用于类型 `{kind}`；{kind} 可用的有：{allowed}",
                    "{what}: actuals `{mode}` does not fit kind `{kind}`; allowed for {kind}: {allowed}";
                    what = what.text()
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[plan]
id = "t"
name = "测试规划"
base_year = 2020
target_year = 2025

[[indicator]]
id = "gdp"
name = "地区生产总值"
unit = "亿元"
kind = "growth"
target = 7.5
actuals = "rate"
"#;

    #[test]
    fn a_small_plan_loads_with_defaults() {
        let plan = parse("t.toml", GOOD).expect("valid");
        let gdp = &plan.indicators[0];
        assert_eq!(gdp.comparator, Comparator::Ge);
        assert_eq!(gdp.baseline_year, 2020);
        assert_eq!(gdp.target_year, 2025);
        assert_eq!(gdp.actuals, ActualsMode::Rate);
        assert_eq!(plan.assessment, Settings::default());
    }

    #[test]
    fn the_fields_most_plans_leave_out_are_kept_out_of_line() {
        let plan = parse("t.toml", GOOD).expect("valid");
        let gdp = &plan.indicators[0];
        assert!(gdp.extra.is_none() && gdp.text.is_none() && gdp.shared.is_none());
        assert_eq!((gdp.name_en(), gdp.target_high()), (None, None));
        // An indicator is what a million-indicator plan holds a million
        // of: 288 bytes before these fields went out of line.
        assert!(std::mem::size_of::<Indicator>() <= 160);

        let more = GOOD.replace(
            "target = 7.5",
            "target = 7.5\ntarget_high = 8\nname_en = \"GDP\"",
        );
        let plan = parse("t.toml", &more).expect("valid");
        let gdp = &plan.indicators[0];
        assert_eq!(gdp.name_en(), Some("GDP"));
        assert_eq!(gdp.target_high(), Some(8.0));
        assert_eq!(
            (gdp.reference(), gdp.previous(), gdp.target_factor()),
            (None, None, None)
        );
    }

    fn problems(text: &str) -> Vec<String> {
        match parse("p.toml", text) {
            Err(Error::Plan(d)) => d.shown().iter().map(|d| d.to_string()).collect(),
            other => panic!("expected plan errors, got {other:?}"),
        }
    }

    #[test]
    fn plan_years_are_bounded() {
        let far = GOOD
            .replace("base_year = 2020", "base_year = 1000")
            .replace("target_year = 2025", "target_year = 9999");
        let p = problems(&far);
        assert!(
            p.iter().any(|m| m
                == "p.toml:5:13: `base_year` in [plan] must be a year from 1949 to 2100 such as 2025, found 1000"),
            "{p:?}"
        );
        let long = GOOD.replace("target_year = 2025", "target_year = 2060");
        let p = problems(&long);
        assert_eq!(
            p,
            [
                "p.toml:6:15: [plan] runs 40 years, 2020 to 2060, over the limit of 30: check base_year and target_year"
            ]
        );
        let thirty = GOOD.replace("target_year = 2025", "target_year = 2050");
        assert!(parse("t.toml", &thirty).is_ok(), "30 years is allowed");
    }

    #[test]
    fn rank_defaults_to_lower_is_better() {
        let text = GOOD.replace("kind = \"growth\"", "kind = \"rank\"");
        let plan = parse("t.toml", &text).expect("valid");
        assert_eq!(plan.indicators[0].comparator, Comparator::Le);
    }

    #[test]
    fn every_problem_is_listed_not_only_the_first() {
        let text = GOOD
            .replace("target = 7.5", "targt = 7.5")
            .replace("kind = \"growth\"", "kind = \"growht\"");
        let p = problems(&text);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p.iter()
                .any(|m| m.starts_with("p.toml:13:1: unknown field `targt`")
                    && m.contains("did you mean `target`?")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.starts_with("p.toml:12:8: unknown kind `growht`")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.contains("missing required field `target`")),
            "{p:?}"
        );
    }

    /// A plan large enough to be read in groups on several threads.
    fn large_plan(n: usize, edit: impl Fn(usize) -> Option<&'static str>) -> String {
        let mut text = String::from(
            "[plan]\nid = \"big\"\nname = \"大\"\nbase_year = 2020\ntarget_year = 2025\n",
        );
        for i in 0..n {
            let extra = edit(i).unwrap_or("");
            text.push_str(&format!(
                "\n[[indicator]]\nid = \"x{i}\"\nname = \"指标{i}\"\nkind = \"level\"\ntarget = 100\n{extra}"
            ));
        }
        text
    }

    /// The problems of `text` (which ends in an `[[indicator]]` table)
    /// when the document is parsed whole: a multi-line string in its last
    /// table sends it there.
    fn problems_read_whole(text: &str) -> Vec<String> {
        problems(&format!("{text}note = \"\"\"read whole\"\"\"\n"))
    }

    #[test]
    fn a_multi_line_string_holding_an_indicator_header_is_one_string() {
        // The text is cut at each `[[indicator]]` line before it is parsed;
        // a cut inside a multi-line string, in a table or in the preamble,
        // sends the document to the whole parse, which reads the string as
        // one (and refuses its line breaks).
        let inner = "note = \"\"\"第一行\n[[indicator]]\nid = \"fake\"\n\"\"\"\n";
        for n in [3, 3 * PARALLEL_FROM] {
            let text = large_plan(n, |i| (i == 1).then_some(inner));
            assert_eq!(
                problems(&text),
                [
                    "p.toml:18:8: `note` in indicator `x1` holds the control character \\u{a}; plan text may hold tabs but no other control characters"
                ]
            );
        }
        let preamble = large_plan(3 * PARALLEL_FROM, |_| None).replacen(
            "name = \"大\"",
            "name = \"\"\"大\n[[indicator]]\n\"\"\"",
            1,
        );
        assert_eq!(
            problems(&preamble),
            [
                "p.toml:3:8: `name` in [plan] holds the control character \\u{a}; plan text may hold tabs but no other control characters"
            ]
        );
    }

    #[test]
    fn a_large_plan_read_in_parallel_groups_gives_the_problems_of_the_whole_parse() {
        let text = large_plan(3 * PARALLEL_FROM, |i| match i {
            7 => Some("colour = \"red\"\n"),
            4101 => Some("baseline = \"many\"\n"),
            _ => None,
        })
        .replace("id = \"x6000\"", "id = \"x9\"");
        let grouped = problems(&text);
        let whole = problems_read_whole(&text);
        assert_eq!(grouped, whole);
        assert_eq!(grouped.len(), 4, "{grouped:?}");
        assert!(grouped[0].starts_with("p.toml:54:1: unknown field `colour` in indicator `x7`"));
        assert!(grouped[1].starts_with(
            "p.toml:24619:12: `baseline` in indicator `x4101` must be a finite number"
        ));
        assert_eq!(
            grouped[2..],
            [
                "p.toml:36010:6: duplicate indicator id `x9`; it is first defined at p.toml:63:6",
                "p.toml:63:6: duplicate indicator id `x9`; it is defined again at p.toml:36010:6",
            ]
        );
    }

    #[test]
    fn an_id_whose_indicator_could_not_be_read_is_still_found_again() {
        // `x5` is refused (its kind is unknown), so no indicator holds its
        // id; `x6000`, renamed `x5`, is still its duplicate, and `x7`
        // after it is not.
        let text = large_plan(3 * PARALLEL_FROM, |i| match i {
            5 => Some("colour = \"red\"\n"),
            _ => None,
        })
        .replace(
            "id = \"x5\"\nname = \"指标5\"\nkind = \"level\"",
            "id = \"x5\"\nname = \"指标5\"\nkind = \"levels\"",
        )
        .replace("id = \"x6000\"", "id = \"x5\"");
        let grouped = problems(&text);
        let whole = problems_read_whole(&text);
        assert_eq!(grouped, whole);
        let duplicates: Vec<&String> = grouped
            .iter()
            .filter(|p| p.contains("duplicate indicator id"))
            .collect();
        assert_eq!(duplicates.len(), 2, "{grouped:?}");
        assert!(
            duplicates[0].contains("`x5`; it is first defined at p.toml:"),
            "{duplicates:?}"
        );
    }

    #[test]
    fn a_name_given_again_late_in_a_large_plan_is_told_at_both_places() {
        // The names are indexed beside the ids, on a thread of their own.
        let text = large_plan(3 * PARALLEL_FROM, |_| None)
            .replace("name = \"指标6000\"", "name = \"指标7\"")
            .replace("name = \"指标6001\"", "name = \"x9\"");
        let grouped = problems(&text);
        let whole = problems_read_whole(&text);
        assert_eq!(grouped, whole);
        assert_eq!(grouped.len(), 3, "{grouped:?}");
        assert!(grouped[0].starts_with(
            "p.toml:36009:8: indicator `x6000` has the same name \"指标7\" as `x7` at p.toml:51:8"
        ));
        assert!(grouped[1].starts_with(
            "p.toml:51:8: indicator `x7` has the same name \"指标7\" as `x6000` at p.toml:36009:8"
        ));
        assert!(grouped[2].contains("indicator `x6001` is named \"x9\", the id of indicator `x9`"));
    }

    #[test]
    fn a_table_late_in_a_large_plan_that_is_not_an_indicator_sends_the_plan_whole() {
        // Batch 5 of 6 holds a part that is not one `[[indicator]]` table:
        // the batches read in parallel are dropped and the text parsed whole.
        let text = large_plan(3 * PARALLEL_FROM, |i| match i {
            20 => Some("colour = \"red\"\n"),
            5000 => Some("[extra]\nx = 1\n"),
            _ => None,
        });
        let grouped = problems(&text);
        let whole = problems_read_whole(&text);
        assert_eq!(grouped, whole);
        assert_eq!(grouped.len(), 2, "{grouped:?}");
        assert!(grouped[0].starts_with("p.toml:30013:2: unknown field `extra` in the top level"));
        assert!(grouped[1].starts_with("p.toml:132:1: unknown field `colour` in indicator `x20`"));
    }

    #[test]
    fn a_syntax_error_in_a_large_plan_leaves_the_other_tables_checked() {
        let text = large_plan(2 * PARALLEL_FROM, |i| match i {
            100 => Some("unit = \"亿元\n"),
            3000 => Some("kind2 = 1\n"),
            _ => None,
        });
        let p = problems(&text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("TOML syntax error"), "{p:?}");
        assert!(
            p[1].contains("unknown field `kind2` in indicator `x3000`"),
            "{p:?}"
        );
        let plan = parse("p.toml", &large_plan(2 * PARALLEL_FROM, |_| None)).expect("valid");
        assert_eq!(plan.indicators.len(), 2 * PARALLEL_FROM);
        assert_eq!(plan.position("x4095"), Some(4095));
    }

    #[test]
    fn the_fast_reader_gives_the_full_readers_plan_and_problems() {
        let plain = large_plan(300, |i| match i {
            5 => Some("binding = true\nbaseline = 1.5e2\nchapter = \"第三章 第四节\"\n"),
            6 => Some("# a comment line\nnote = \"“四上”企业\"\n"),
            7 => Some("quote = \"escaped \\\"quote\\\"\"\n"),
            8 => Some("target_year = 2024 # a trailing comment\n"),
            _ => None,
        });
        let fast = parse("p.toml", &plain).expect("valid");
        assert_eq!(fast, parse_full("p.toml", &plain).expect("valid"));
        assert_eq!(fast.indicators[5].baseline, Some(150.0));
        assert_eq!(
            fast.indicators[7].text().quote.as_deref(),
            Some("escaped \"quote\"")
        );
        assert_eq!(fast.indicators[8].target_year, 2024);
        // Problems found in plain tables are placed by the full parser.
        let bad = large_plan(300, |i| match i {
            3 => Some("kind2 = 1\n"),
            9 => Some("baseline = \"many\"\n"),
            _ => None,
        })
        .replace("id = \"x200\"", "id = \"x3\"");
        assert_eq!(problems(&bad), {
            match parse_full("p.toml", &bad) {
                Err(Error::Plan(d)) => d.shown().iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                other => panic!("{other:?}"),
            }
        });
        assert_eq!(problems(&bad).len(), 4);
    }
}
