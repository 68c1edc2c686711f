//! Reading a plan from TOML and validating it.
//!
//! The TOML is parsed into a tree that keeps every value's position, then
//! walked field by field so that every problem in the file is reported at
//! once, each with its line and column, rather than only the first.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{ActualsMode, Comparator, Indicator, Kind, Method, Plan, PlanMeta, Settings};
use crate::diag::{Diagnostic, LineIndex, Location, suggest};
use crate::error::{Error, Result};

const TOP_KEYS: &[&str] = &["plan", "assessment", "indicator"];
const PLAN_KEYS: &[&str] = &[
    "id",
    "name",
    "name_en",
    "base_year",
    "target_year",
    "source",
];
const ASSESSMENT_KEYS: &[&str] = &["method", "ahead", "on_track", "lagging"];
const INDICATOR_KEYS: &[&str] = &[
    "id",
    "name",
    "name_en",
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
    "previous",
    "chapter",
    "quote",
    "baseline_quote",
    "note",
];

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

/// Collects diagnostics against one file.
struct Cx<'s> {
    file: Arc<str>,
    text: &'s str,
    lines: LineIndex,
    diags: Vec<Diagnostic>,
}

impl Cx<'_> {
    fn location(&self, span: &Range<usize>) -> Location {
        let (line, column) = self.lines.line_column(self.text, span.start);
        Location::new(Arc::clone(&self.file), line, column)
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let location = self.location(span);
        self.diags.push(Diagnostic::new(location, message));
    }
}

/// A TOML table being read, with the span of its header and a name for messages.
struct Section<'t, 'i> {
    table: &'t Table<'i>,
    span: Range<usize>,
    what: String,
}

impl<'t, 'i> Section<'t, 'i> {
    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    fn check_keys(&self, cx: &mut Cx, allowed: &[&str]) {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let name = crate::diag::quote(name);
            let name = name.as_str();
            let hint = match suggest(name, allowed.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            cx.error(
                &key.span(),
                format!(
                    "unknown field `{name}` in {}; {hint}allowed: {}",
                    self.what,
                    allowed.join(", ")
                ),
            );
        }
    }

    fn missing(&self, cx: &mut Cx, key: &str, expected: &str) {
        cx.error(
            &self.span,
            format!(
                "{} is missing required field `{key}` ({expected})",
                self.what
            ),
        );
    }

    fn string(&self, cx: &mut Cx, key: &str, required: bool) -> Option<String> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(cx, key, "a string");
            }
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) => {
                if let Some(c) = s.chars().find(|&c| crate::diag::is_unsafe_control(c)) {
                    cx.error(
                        &v.span(),
                        format!(
                            "`{key}` in {} holds the control character {}; plan text may hold tabs but no other control characters",
                            self.what,
                            c.escape_unicode()
                        ),
                    );
                    return None;
                }
                Some(s.to_string())
            }
            other => {
                cx.error(
                    &v.span(),
                    format!(
                        "`{key}` in {} must be a string, found {}",
                        self.what,
                        other.type_str()
                    ),
                );
                None
            }
        }
    }

    fn number(&self, cx: &mut Cx, key: &str) -> Option<f64> {
        let v = self.get(key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                cx.error(
                    &v.span(),
                    format!(
                        "`{key}` in {} must be a finite number, found {}",
                        self.what,
                        describe(v.get_ref())
                    ),
                );
                None
            }
        }
    }

    fn year(&self, cx: &mut Cx, key: &str, required: bool) -> Option<i32> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(cx, key, "a four-digit year");
            }
            return None;
        };
        let parsed = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().parse::<i32>().ok(),
            _ => None,
        };
        match parsed {
            Some(y) if (1000..=9999).contains(&y) => Some(y),
            _ => {
                cx.error(
                    &v.span(),
                    format!(
                        "`{key}` in {} must be a four-digit year such as 2025, found {}",
                        self.what,
                        describe(v.get_ref())
                    ),
                );
                None
            }
        }
    }

    fn boolean(&self, cx: &mut Cx, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                cx.error(
                    &v.span(),
                    format!(
                        "`{key}` in {} must be true or false, found {}",
                        self.what,
                        describe(other)
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
        allowed: &str,
    ) -> Option<T> {
        let v = self.get(key)?;
        let DeValue::String(s) = v.get_ref() else {
            cx.error(
                &v.span(),
                format!(
                    "`{key}` in {} must be one of {allowed}, found {}",
                    self.what,
                    describe(v.get_ref())
                ),
            );
            return None;
        };
        let found = parse(s.as_ref());
        if found.is_none() {
            cx.error(
                &v.span(),
                format!(
                    "unknown {key} `{}` in {}; allowed: {allowed}",
                    crate::diag::quote(s),
                    self.what
                ),
            );
        }
        found
    }
}

fn describe(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("the string \"{}\"", crate::diag::quote(s)),
        DeValue::Integer(i) => format!("{i}"),
        DeValue::Float(f) => format!("{f}"),
        DeValue::Boolean(b) => format!("{b}"),
        other => format!("a {}", other.type_str()),
    }
}

/// Parses and validates a plan.
pub(super) fn parse(file: &str, text: &str) -> Result<Plan> {
    let mut cx = Cx {
        file: Arc::from(file),
        text,
        lines: LineIndex::new(text),
        diags: Vec::new(),
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for e in syntax {
            let span = e.span().unwrap_or(0..0);
            let message = crate::diag::escape_controls(e.message().trim()).into_owned();
            cx.error(&span, format!("TOML syntax error: {message}"));
        }
        return Err(Error::Plan(cx.diags.into()));
    }
    let root = Section {
        table: doc.get_ref(),
        span: 0..0,
        what: "the top level".to_string(),
    };
    root.check_keys(&mut cx, TOP_KEYS);

    let meta = read_meta(&mut cx, &root);
    let settings = read_settings(&mut cx, &root);
    let indicators = read_indicators(&mut cx, &root, meta.as_ref());

    match meta {
        Some(meta) if cx.diags.is_empty() => Ok(Plan::new(meta, settings, indicators)),
        _ => Err(Error::Plan(cx.diags.into())),
    }
}

fn table_of<'t, 'i>(cx: &mut Cx, value: &'t Value<'i>, what: String) -> Option<Section<'t, 'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(Section {
            table: t,
            span: value.span(),
            what,
        }),
        other => {
            cx.error(
                &value.span(),
                format!("{what} must be a table, found {}", describe(other)),
            );
            None
        }
    }
}

fn read_meta(cx: &mut Cx, root: &Section) -> Option<PlanMeta> {
    let Some(value) = root.get("plan") else {
        cx.error(
            &(0..0),
            "the [plan] table is missing (it needs id, name, base_year and target_year)",
        );
        return None;
    };
    let plan = table_of(cx, value, "[plan]".to_string())?;
    plan.check_keys(cx, PLAN_KEYS);
    let id = plan.string(cx, "id", true);
    let name = plan.string(cx, "name", true);
    let name_en = plan.string(cx, "name_en", false);
    let source = plan.string(cx, "source", false);
    let base_year = plan.year(cx, "base_year", true);
    let target_year = plan.year(cx, "target_year", true);
    if let (Some(b), Some(t)) = (base_year, target_year)
        && t <= b
    {
        let span = plan
            .get("target_year")
            .map_or(plan.span.clone(), |v| v.span());
        cx.error(
            &span,
            format!("[plan] target_year {t} must be after base_year {b}"),
        );
    }
    Some(PlanMeta {
        id: id?,
        name: name?,
        name_en,
        base_year: base_year?,
        target_year: target_year?,
        source,
    })
}

fn read_settings(cx: &mut Cx, root: &Section) -> Settings {
    let mut settings = Settings::default();
    let Some(value) = root.get("assessment") else {
        return settings;
    };
    let Some(section) = table_of(cx, value, "[assessment]".to_string()) else {
        return settings;
    };
    section.check_keys(cx, ASSESSMENT_KEYS);
    if let Some(m) = section.word(cx, "method", Method::from_word, &Method::words()) {
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
    if !(settings.ahead >= settings.on_track
        && settings.on_track >= settings.lagging
        && settings.lagging >= 0.0)
    {
        cx.error(
            &section.span,
            format!(
                "[assessment] thresholds must satisfy ahead >= on_track >= lagging >= 0, found ahead = {}, on_track = {}, lagging = {}",
                settings.ahead, settings.on_track, settings.lagging
            ),
        );
    }
    settings
}

fn read_indicators(cx: &mut Cx, root: &Section, meta: Option<&PlanMeta>) -> Vec<Indicator> {
    let Some(value) = root.get("indicator") else {
        cx.error(&(0..0), "the plan has no [[indicator]] tables");
        return Vec::new();
    };
    let DeValue::Array(items) = value.get_ref() else {
        cx.error(
            &value.span(),
            format!(
                "`indicator` must be an array of tables ([[indicator]]), found {}",
                describe(value.get_ref())
            ),
        );
        return Vec::new();
    };
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let mut indicators = Vec::new();
    let mut name_spans = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let Some(section) = table_of(cx, item, format!("[[indicator]] #{}", n + 1)) else {
            continue;
        };
        let name_span = section.get("name").map(|v| v.span());
        if let Some(ind) = read_indicator(cx, section, meta, &mut seen) {
            name_spans.push(name_span.unwrap_or(0..0));
            indicators.push(ind);
        }
    }
    check_names_unique(cx, &indicators, &name_spans);
    indicators
}

/// Actuals name an indicator by id or by name, so every name must be
/// unique and none may be another indicator's id.
fn check_names_unique(cx: &mut Cx, indicators: &[Indicator], name_spans: &[Range<usize>]) {
    let ids: HashMap<&str, &str> = indicators
        .iter()
        .map(|i| (i.id.as_str(), i.id.as_str()))
        .collect();
    let mut names: HashMap<&str, (&str, &Range<usize>)> = HashMap::new();
    for (ind, span) in indicators.iter().zip(name_spans) {
        if let Some(other) = ids.get(ind.name.as_str()).filter(|other| **other != ind.id) {
            cx.error(
                span,
                format!(
                    "indicator `{}` is named \"{}\", the id of indicator `{other}`: actuals name indicators by id or name, so a name may not be another indicator's id",
                    ind.id, ind.name
                ),
            );
        }
        match names.get(ind.name.as_str()) {
            Some((first_id, first_span)) => {
                let (first_at, here) = (cx.location(first_span), cx.location(span));
                cx.error(
                    span,
                    format!(
                        "indicator `{}` has the same name \"{}\" as `{first_id}` at {first_at}: actuals name indicators by id or name, so names must be unique",
                        ind.id, ind.name
                    ),
                );
                cx.error(
                    first_span,
                    format!(
                        "indicator `{first_id}` has the same name \"{}\" as `{}` at {here}",
                        ind.name, ind.id
                    ),
                );
            }
            None => {
                names.insert(&ind.name, (&ind.id, span));
            }
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn read_indicator(
    cx: &mut Cx,
    mut s: Section,
    meta: Option<&PlanMeta>,
    seen: &mut HashMap<String, Range<usize>>,
) -> Option<Indicator> {
    let id = s.string(cx, "id", true);
    if let Some(id) = &id {
        s.what = format!("indicator `{id}`");
        let span = s.get("id").map(|v| v.span()).unwrap_or(s.span.clone());
        if !valid_id(id) {
            cx.error(
                &span,
                format!(
                    "indicator id `{id}` is not allowed: use lowercase letters a-z, digits and `_`"
                ),
            );
        }
        if let Some(first) = seen.get(id) {
            let first_at = cx.location(first);
            cx.error(
                &span,
                format!("duplicate indicator id `{id}`; it is first defined at {first_at}"),
            );
            let here = cx.location(&span);
            cx.error(
                first,
                format!("duplicate indicator id `{id}`; it is defined again at {here}"),
            );
        } else {
            seen.insert(id.clone(), span);
        }
    }
    s.check_keys(cx, INDICATOR_KEYS);

    let name = s.string(cx, "name", true);
    let name_en = s.string(cx, "name_en", false);
    let unit = s.string(cx, "unit", false).unwrap_or_default();
    let kind = match s.get("kind") {
        None => {
            s.missing(cx, "kind", &format!("one of {}", Kind::words()));
            None
        }
        Some(_) => s.word(cx, "kind", Kind::from_word, &Kind::words()),
    };
    let comparator = s.word(
        cx,
        "comparator",
        Comparator::from_word,
        &Comparator::words(),
    );
    let actuals = s.word(cx, "actuals", ActualsMode::from_word, &ActualsMode::words());
    let method = s.word(cx, "method", Method::from_word, &Method::words());
    let target = s.number(cx, "target");
    let target_high = s.number(cx, "target_high");
    let baseline = s.number(cx, "baseline");
    let previous = s.number(cx, "previous");
    let baseline_year = s.year(cx, "baseline_year", false);
    let target_year = s.year(cx, "target_year", false);
    let binding = s.boolean(cx, "binding");
    let chapter = s.string(cx, "chapter", false);
    let quote = s.string(cx, "quote", false);
    let baseline_quote = s.string(cx, "baseline_quote", false);
    let note = s.string(cx, "note", false);

    let span_of = |key: &str| s.get(key).map_or(s.span.clone(), |v| v.span());
    let baseline_year = baseline_year.or(meta.map(|m| m.base_year));
    let target_year = target_year.or(meta.map(|m| m.target_year));
    if let (Some(b), Some(t)) = (baseline_year, target_year)
        && t <= b
    {
        cx.error(
            &span_of("target_year"),
            format!(
                "{}: target_year {t} must be after baseline_year {b}",
                s.what
            ),
        );
    }

    if kind != Some(Kind::Milestone) && s.get("target").is_none() {
        s.missing(cx, "target", "a number");
    }
    if let Some(kind) = kind {
        check_kind_rules(
            cx,
            &s,
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
            format!(
                "{}: target_high {hi} is below target {lo}; a range runs from target up to target_high",
                s.what
            ),
        );
    }

    let kind = kind?;
    Some(Indicator {
        id: id?,
        name: name?,
        name_en,
        unit,
        kind,
        comparator: comparator.unwrap_or(if kind == Kind::Rank {
            Comparator::Le
        } else {
            Comparator::Ge
        }),
        target,
        target_high,
        baseline,
        baseline_year: baseline_year?,
        target_year: target_year?,
        actuals: actuals.unwrap_or(ActualsMode::default_for(kind)),
        method,
        binding,
        previous,
        chapter,
        quote,
        baseline_quote,
        note,
    })
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
                    format!("{what}: a milestone is achieved or not and takes no numeric `{key}`; remove it, or use kind `level`"),
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
            format!("{what}: a growth target must be above 0 (an average annual growth rate in percent), found {t}; a decline is a `level` target with comparator `<=`"),
        );
    }
    if kind == Kind::Cumulative && baseline.is_some() {
        cx.error(
            &span_of("baseline"),
            format!("{what}: a cumulative target counts from zero and takes no `baseline`; put the previous period's total in `previous`"),
        );
    }
    if kind != Kind::Cumulative && previous.is_some() {
        cx.error(
            &span_of("previous"),
            format!(
                "{what}: `previous` (the previous period's total) is only for cumulative targets"
            ),
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
            format!(
                "{what}: actuals `{mode}` does not fit kind `{kind}`; allowed for {kind}: {}",
                allowed.join(", ")
            ),
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

    fn problems(text: &str) -> Vec<String> {
        match parse("p.toml", text) {
            Err(Error::Plan(d)) => d.shown().iter().map(|d| d.to_string()).collect(),
            other => panic!("expected plan errors, got {other:?}"),
        }
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
}
