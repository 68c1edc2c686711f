//! One indicator's chart as SVG: where it started, where it must get to,
//! the paths it should be on, where it is and where it is heading.
//!
//! The geometry ([`layout`]) is kept apart from the drawing ([`svg`]), so
//! that tests can check where each line lies. Text is real SVG text, so
//! Chinese renders in the reader's fonts; coordinates are written with one
//! decimal, so the same inputs give the same bytes.

use std::fmt::Write;

use super::cells::target_of;
use super::labels::Lang;
use super::{number, wrap};
use crate::actuals::Observation;
use crate::assess::{Row, Step};
use crate::plan::{Comparator, Indicator, Kind};

/// What a chart shows of one indicator.
#[derive(Debug, Clone, Copy)]
pub struct ChartData<'a> {
    /// The plan's indicator.
    pub indicator: &'a Indicator,
    /// Its assessment.
    pub row: &'a Row,
    /// Year by year from the baseline year to the target year.
    pub steps: &'a [Step],
    /// The as-of year.
    pub as_of: i32,
    /// The language of labels.
    pub lang: Lang,
}

/// The drawing area: 640 × 300 user units, the plot inside the margins.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 312.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 120.0;
const TOP: f64 = 48.0;
const BOTTOM: f64 = 248.0;

/// Maps years and values to the plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The first and last year.
    pub years: (i32, i32),
    /// The lowest and highest value shown.
    pub values: (f64, f64),
    /// Whether lower values are drawn higher (ranks: 1 at the top).
    pub inverted: bool,
}

impl Frame {
    /// The x of a year.
    pub fn x(&self, year: i32) -> f64 {
        let (a, b) = self.years;
        let span = f64::from((b - a).max(1));
        LEFT + (RIGHT_EDGE - LEFT) * f64::from(year - a) / span
    }

    /// The y of a value.
    pub fn y(&self, value: f64) -> f64 {
        let (lo, hi) = self.values;
        let value = value.clamp(-DRAWN, DRAWN);
        let share = if hi > lo {
            (value - lo) / (hi - lo)
        } else {
            0.5
        };
        let share = if share.is_finite() { share } else { 0.5 };
        let share = if self.inverted { share } else { 1.0 - share };
        TOP + (BOTTOM - TOP) * share
    }
}

const RIGHT_EDGE: f64 = WIDTH - RIGHT;

/// Where everything lies on a numeric indicator's chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The mapping.
    pub frame: Frame,
    /// The target's y (and the upper end's, for a range).
    pub target: Vec<f64>,
    /// The side of the target that meets it, from the target line to the
    /// plot's edge: (top y, bottom y).
    pub met_side: Option<(f64, f64)>,
    /// The baseline point.
    pub baseline: Option<(f64, f64)>,
    /// The linear path from baseline to target, a point a year.
    pub linear: Vec<(f64, f64)>,
    /// The constant-growth path, a point a year.
    pub cagr: Vec<(f64, f64)>,
    /// The figures assessed, a point a year with one.
    pub actual: Vec<(f64, f64)>,
    /// From the latest figure to the projection for the target year.
    pub projection: Option<[(f64, f64); 2]>,
    /// The x of the as-of year.
    pub as_of: f64,
    /// The value axis ticks: (y, value).
    pub ticks: Vec<(f64, f64)>,
}

/// The geometry of a numeric indicator's chart; `None` for a milestone or
/// an indicator with no figure to draw.
pub fn layout(data: &ChartData) -> Option<Layout> {
    let ind = data.indicator;
    if ind.kind == Kind::Milestone {
        return None;
    }
    let row = data.row;
    let points: Vec<(i32, f64)> = data
        .steps
        .iter()
        .filter(|s| s.year > ind.baseline_year && s.status.is_some())
        .filter_map(|s| Some((s.year, s.current?)))
        .collect();
    if points.is_empty() {
        return None;
    }
    let baseline = data
        .steps
        .first()
        .and_then(|s| s.current.map(|v| (s.year, v)));
    let years = (ind.baseline_year, ind.target_year);
    let projection = match (row.latest_year, row.current, row.projected) {
        (Some(from), Some(now), Some(then)) if from < ind.target_year => Some((from, now, then)),
        _ => None,
    };
    // A relative or trend target has no fixed target line: what each year
    // was compared with is drawn as the reference line instead.
    let compared_yearly = matches!(ind.kind, Kind::Relative | Kind::Trend);
    let fixed_target = if compared_yearly { None } else { row.target };
    let projection = projection.filter(|_| !compared_yearly);
    let mut values: Vec<f64> = points.iter().map(|p| p.1).collect();
    values.extend(baseline.map(|b| b.1));
    values.extend(fixed_target);
    values.extend(row.target_high);
    if ind.kind == Kind::Relative {
        values.extend(
            data.steps
                .iter()
                .filter_map(|s| s.judged.map(|j| j.against)),
        );
    }
    values.extend(projection.map(|p| p.2));
    for step in data.steps {
        values.extend(step.linear_path);
        values.extend(step.cagr_path.filter(|_| ind.kind != Kind::Growth));
    }
    if ind.kind == Kind::Cumulative {
        values.push(0.0);
    }
    let (ticks, range) = nice_scale(&values);
    let frame = Frame {
        years,
        values: range,
        inverted: ind.kind == Kind::Rank,
    };
    let at = |(year, value): (i32, f64)| (frame.x(year), frame.y(value));
    let path = |pick: fn(&Step) -> Option<f64>| -> Vec<(f64, f64)> {
        data.steps
            .iter()
            .filter_map(|s| pick(s).map(|v| at((s.year, v))))
            .collect()
    };
    let target: Vec<f64> = fixed_target
        .iter()
        .chain(&row.target_high)
        .map(|&t| frame.y(t))
        .collect();
    let met_side = fixed_target.map(|t| {
        let edge = match row.comparator {
            Comparator::Ge | Comparator::Gt => range.1,
            Comparator::Le | Comparator::Lt => range.0,
        };
        let (a, b) = (frame.y(t), frame.y(edge));
        (a.min(b), a.max(b))
    });
    Some(Layout {
        frame,
        target,
        met_side,
        baseline: baseline.map(at),
        linear: if ind.kind == Kind::Relative {
            path(|s| s.judged.map(|j| j.against))
        } else {
            path(|s| s.linear_path)
        },
        cagr: if ind.kind == Kind::Growth {
            Vec::new()
        } else {
            path(|s| s.cagr_path)
        },
        actual: points.into_iter().map(at).collect(),
        projection: projection
            .map(|(from, now, then)| [at((from, now)), at((ind.target_year, then))]),
        as_of: frame.x(data.as_of.clamp(years.0, years.1)),
        ticks: ticks.into_iter().map(|v| (frame.y(v), v)).collect(),
    })
}

/// The largest magnitude a chart draws: beyond it a value is drawn at
/// it, so that no sum or difference of two values on an axis overflows.
const DRAWN: f64 = 1e300;

/// Round ticks covering `values` (4 to 6 of them, steps of 1, 2 or 5 times
/// a power of ten) and the range they span.
fn nice_scale(values: &[f64]) -> (Vec<f64>, (f64, f64)) {
    let finite = values
        .iter()
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(-DRAWN, DRAWN));
    let (mut lo, mut hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() || !hi.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        let pad = (lo.abs() * 0.1).max(1.0);
        (lo, hi) = (lo - pad, hi + pad);
    }
    let rough = (hi - lo) / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let first = (lo / step).floor() * step;
    let last = (hi / step).ceil() * step;
    let count = ((last - first) / step).round() as usize;
    let ticks = (0..=count.min(12))
        .map(|i| first + step * i as f64)
        .map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v })
        .collect();
    (ticks, (first, last))
}

/// The colours: the Okabe–Ito palette, told apart by colour-blind readers,
/// each line also told apart by its dashes in grey-scale print.
const ACTUAL: &str = "#0072B2";
const LINEAR: &str = "#E69F00";
const CAGR: &str = "#009E73";
const TARGET: &str = "#333333";
const MUTED: &str = "#767676";

/// The chart as SVG: the numeric chart, a yes/no timeline for a milestone,
/// or a note that there is nothing to draw yet. `standalone` adds the XML
/// namespace and writes the plan's sentence and the verdict under the
/// chart, for pasting into a document.
pub fn svg(data: &ChartData, standalone: bool) -> String {
    let lang = data.lang;
    let caption = if standalone {
        caption_lines(data)
    } else {
        Vec::new()
    };
    let height = HEIGHT + 18.0 * caption.len() as f64;
    let mut out = String::new();
    let xmlns = if standalone {
        " xmlns=\"http://www.w3.org/2000/svg\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<svg{xmlns} class=\"chart\" data-id=\"{}\" data-kind=\"{}\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"12\">",
        escape(&data.indicator.id),
        data.indicator.kind.as_str(),
        escape(&summary(data))
    );
    let _ = write!(out, "<title>{}</title>", escape(&summary(data)));
    let name = lang.name(&data.indicator.name, data.indicator.name_en());
    let _ = write!(
        out,
        "<text x=\"{LEFT}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        escape(name)
    );
    match (data.indicator.kind, layout(data)) {
        (Kind::Milestone, _) => timeline(&mut out, data),
        (_, Some(layout)) => plot(&mut out, data, &layout),
        (_, None) => {
            let _ = write!(
                out,
                "<text x=\"{LEFT}\" y=\"{}\" fill=\"{MUTED}\">{}</text>",
                (TOP + BOTTOM) / 2.0,
                lang.pick("暂无可绘制的数据", "No figures to draw yet")
            );
        }
    }
    for (i, line) in caption.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"16\" y=\"{:.1}\" fill=\"{TARGET}\">{}</text>",
            HEIGHT + 4.0 + 18.0 * i as f64,
            escape(line)
        );
    }
    out.push_str("</svg>");
    out
}

/// The figures in words, for screen readers and tooltips.
pub fn summary(data: &ChartData) -> String {
    let (row, lang) = (data.row, data.lang);
    let name = lang.name(&row.name, row.name_en.as_deref());
    let figure = |v: Option<f64>| number(v, 2);
    let latest = match (row.latest, row.current) {
        (Some(Observation::Flag(b)), _) => lang.yes_no(b).to_string(),
        (_, c) => figure(c),
    };
    let year = |y: Option<i32>| y.map_or(String::new(), |y| format!(" ({y})"));
    let baseline = format!("{}{}", figure(row.baseline), year(Some(row.baseline_year)));
    let target = target_of(data.indicator, lang);
    let (by, latest_year) = (row.target_year, year(row.latest_year));
    let status = lang.status(row.status);
    match lang {
        Lang::Zh => format!(
            "{name}：基期 {baseline}，目标 {target}（{by}年），最新 {latest}{latest_year}，状态 {status}"
        ),
        Lang::En => format!(
            "{name}: baseline {baseline}, target {target} by {by}, latest {latest}{latest_year}, status {status}"
        ),
    }
}

/// The verdict and the plan's sentence, wrapped, for a standalone chart.
fn caption_lines(data: &ChartData) -> Vec<String> {
    let lang = data.lang;
    let mut text = format!(
        "{}{}",
        lang.pick("状态：", "Status: "),
        lang.status(data.row.status)
    );
    if let Some(reason) = lang.reasons(&data.row.reasons) {
        text.push_str(lang.pick("（", " ("));
        text.push_str(&reason);
        text.push_str(lang.pick("）", ")"));
    }
    let mut lines = wrap(&text, 100);
    if let Some(quote) = &data.indicator.text().quote {
        lines.extend(wrap(
            &format!("{}{quote}", lang.pick("规划原文：", "Plan: ")),
            100,
        ));
    }
    lines
}

/// The numeric chart: axes, the target and its side, the paths, the
/// actual figures, the projection and the as-of year, and a legend.
fn plot(out: &mut String, data: &ChartData, layout: &Layout) {
    let lang = data.lang;
    if let Some((top, bottom)) = layout.met_side {
        let _ = write!(
            out,
            "<rect x=\"{LEFT}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#2E7D32\" fill-opacity=\"0.08\"/>",
            RIGHT_EDGE - LEFT,
            bottom - top
        );
    }
    axes(out, data, layout);
    for &y in &layout.target {
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT_EDGE}\" y2=\"{y:.1}\" stroke=\"{TARGET}\" stroke-width=\"1.5\"/>"
        );
    }
    if let Some(&y) = layout.target.first() {
        let label = format!(
            "{}{}",
            lang.pick("目标 ", "target "),
            target_of(data.indicator, lang)
        );
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{TARGET}\">{}</text>",
            RIGHT_EDGE + 6.0,
            y + 4.0,
            escape(&label)
        );
    }
    // The as-of label sits inside the plot, left of its line, at the
    // bottom: clear of the target's label, which is in the right margin.
    let x = layout.as_of;
    let (label_x, anchor) = if x < (LEFT + RIGHT_EDGE) / 2.0 {
        (x + 4.0, "start")
    } else {
        (x - 4.0, "end")
    };
    let _ = write!(
        out,
        "<line x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{BOTTOM}\" stroke=\"{MUTED}\" stroke-dasharray=\"2 3\"/><text class=\"as-of\" x=\"{label_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"{MUTED}\">{}</text>",
        BOTTOM - 6.0,
        escape(&match lang {
            Lang::Zh => format!("截至{}年", data.as_of),
            Lang::En => format!("as of {}", data.as_of),
        })
    );
    polyline(out, &layout.linear, LINEAR, "6 4", 1.5);
    polyline(out, &layout.cagr, CAGR, "1.5 3", 1.5);
    if let Some([a, b]) = layout.projection {
        polyline(out, &[a, b], ACTUAL, "5 4", 1.5);
    }
    let mut actual: Vec<(f64, f64)> = layout.baseline.into_iter().collect();
    actual.extend(&layout.actual);
    polyline(out, &actual, ACTUAL, "", 2.5);
    if let Some((bx, by)) = layout.baseline {
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"white\" stroke=\"{ACTUAL}\" stroke-width=\"2\"/>",
            bx - 4.0,
            by - 4.0
        );
    }
    for &(px, py) in &layout.actual {
        let _ = write!(
            out,
            "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3.5\" fill=\"{ACTUAL}\"/>"
        );
    }
    let drawn = Drawn {
        cagr: !layout.cagr.is_empty(),
        projection: layout.projection.is_some(),
        linear: !layout.linear.is_empty(),
        average: data.indicator.rule == crate::plan::Rule::Average,
    };
    legend(out, data.indicator.kind, drawn, lang);
}

/// Which lines a chart has drawn, for its legend.
#[derive(Debug, Clone, Copy)]
struct Drawn {
    cagr: bool,
    projection: bool,
    linear: bool,
    /// A relative target judged on averages: its lines are running averages.
    average: bool,
}

/// The year axis, the value axis with its ticks and the unit.
fn axes(out: &mut String, data: &ChartData, layout: &Layout) {
    let f = &layout.frame;
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{BOTTOM}\" x2=\"{RIGHT_EDGE}\" y2=\"{BOTTOM}\" stroke=\"{MUTED}\"/><line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{BOTTOM}\" stroke=\"{MUTED}\"/>"
    );
    for year in f.years.0..=f.years.1 {
        let x = f.x(year);
        let _ = write!(
            out,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{MUTED}\">{year}</text>",
            BOTTOM + 24.0
        );
    }
    for &(y, value) in &layout.ticks {
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT_EDGE}\" y2=\"{y:.1}\" stroke=\"#E0E0E0\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{MUTED}\">{}</text>",
            LEFT - 6.0,
            y + 4.0,
            number(Some(value), 4)
        );
    }
    let unit = match data.indicator.kind {
        Kind::Growth => format!("%{}", data.lang.per_year()),
        _ => data.lang.unit(&data.indicator.unit).to_string(),
    };
    // Above the plot's top-left corner, right of the axis labels and under
    // the title, so that a long English unit meets neither.
    let _ = write!(
        out,
        "<text x=\"{LEFT}\" y=\"{:.1}\" fill=\"{MUTED}\">{}</text>",
        TOP - 8.0,
        escape(&unit)
    );
}

/// The legend under the plot: what each line is.
fn legend(out: &mut String, kind: Kind, drawn: Drawn, lang: Lang) {
    let actual = match (kind, drawn.average) {
        (Kind::Growth, _) => lang.pick("实际年均增速", "average growth so far"),
        (Kind::Cumulative, _) => lang.pick("累计实际", "running total"),
        (Kind::Relative, true) => lang.pick("本指标累计平均", "this indicator, average so far"),
        (Kind::Relative, false) => lang.pick("本指标", "this indicator"),
        _ => lang.pick("实际", "actual"),
    };
    let mut items = vec![(ACTUAL, "", actual)];
    if drawn.projection {
        items.push((ACTUAL, "5 4", lang.pick("预计", "projection")));
    }
    match (kind, drawn.linear, drawn.average) {
        (_, false, _) | (Kind::Growth | Kind::Trend, _, _) => {}
        (Kind::Relative, true, true) => items.push((
            LINEAR,
            "6 4",
            lang.pick("参照累计平均", "reference, average so far"),
        )),
        (Kind::Relative, true, false) => {
            items.push((LINEAR, "6 4", lang.pick("参照", "reference")))
        }
        _ => items.push((LINEAR, "6 4", lang.pick("线性进度", "linear path"))),
    }
    if drawn.cagr {
        items.push((
            CAGR,
            "1.5 3",
            lang.pick("年均增速路径", "constant-growth path"),
        ));
    }
    let mut x = LEFT;
    let y = BOTTOM + 48.0;
    for (colour, dash, label) in items {
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{TARGET}\">{}</text>",
            x + 22.0,
            x + 26.0,
            y + 4.0,
            escape(label)
        );
        x += 40.0
            + 7.0
                * label
                    .chars()
                    .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                    .sum::<f64>();
    }
}

fn polyline(out: &mut String, points: &[(f64, f64)], colour: &str, dash: &str, width: f64) {
    if points.len() < 2 {
        return;
    }
    let coords: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect();
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    };
    let _ = write!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/>",
        coords.join(" ")
    );
}

/// A milestone's years: filled where achieved, hollow where not yet, a
/// dash where no figure was given; the target year flagged.
fn timeline(out: &mut String, data: &ChartData) {
    let (ind, lang) = (data.indicator, data.lang);
    let frame = Frame {
        years: (ind.baseline_year, ind.target_year),
        values: (0.0, 1.0),
        inverted: false,
    };
    let y = (TOP + BOTTOM) / 2.0;
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT_EDGE}\" y2=\"{y:.1}\" stroke=\"{MUTED}\"/>"
    );
    for step in data.steps.iter().filter(|s| s.year > ind.baseline_year) {
        let x = frame.x(step.year);
        let done = step.actual.map(Observation::is_yes);
        let (fill, word) = match done {
            Some(true) => (ACTUAL, lang.yes_no(true)),
            Some(false) => ("white", lang.yes_no(false)),
            None => ("none", "—"),
        };
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"9\" fill=\"{fill}\" stroke=\"{ACTUAL}\" stroke-width=\"2\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{TARGET}\">{}</text><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
            y - 16.0,
            escape(word),
            y + 28.0,
            step.year
        );
    }
    let x = frame.x(ind.target_year);
    let _ = write!(
        out,
        "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{TARGET}\" font-weight=\"bold\">{}</text>",
        y + 48.0,
        lang.pick("目标年", "target year")
    );
}

/// Text made safe inside SVG and HTML: `&`, `<`, `>` and quotes escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            // Not characters XML allows: a parser refuses the whole file.
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_holds_only_what_xml_allows() {
        assert_eq!(escape("a\u{FFFE}b\u{FFFF}<c>\u{1b}"), "ab&lt;c&gt;");
        assert_eq!(escape("“一社区(村)”"), "“一社区(村)”");
    }

    use crate::actuals::read_bytes;
    use crate::assess::{assess_indicator, history};
    use crate::plan::Plan;

    const PLAN: &str = r#"
[plan]
id = "t"
name = "测试"
base_year = 2020
target_year = 2025

[[indicator]]
id = "level"
name = "产值"
unit = "亿元"
kind = "level"
baseline = 100
target = 200

[[indicator]]
id = "rank"
name = "排名"
unit = "位"
kind = "rank"
baseline = 40
target = 30

[[indicator]]
id = "total"
name = "累计"
unit = "个"
kind = "cumulative"
target = 50

[[indicator]]
id = "growth"
name = "增长"
unit = "%"
kind = "growth"
target = 7.5
actuals = "rate"

[[indicator]]
id = "goal"
name = "目标"
kind = "milestone"

[[indicator]]
id = "empty"
name = "空"
unit = "家"
kind = "level"
baseline = 5
target = 10
"#;

    const ACTUALS: &str = "indicator,year,value\nlevel,2021,120\nlevel,2022,140\nrank,2021,38\nrank,2022,35\ntotal,2021,8\ntotal,2022,12\ngrowth,2021,9\ngrowth,2022,7\ngoal,2021,否\ngoal,2022,是\n";

    /// The chart of `id` as of 2022, drawn by `draw`.
    fn with_chart<T>(id: &str, draw: impl Fn(&ChartData) -> T) -> T {
        let plan = Plan::from_toml("t.toml", PLAN).expect("plan");
        let (actuals, _) = read_bytes(&plan, "a.csv", ACTUALS.as_bytes()).expect("actuals");
        let index = plan.position(id).expect("id");
        let ind = &plan.indicators[index];
        let series = actuals.series(index);
        let row = assess_indicator(ind, &plan.assessment, &series, None, 2022);
        let steps = history(ind, &plan.assessment, &series, None, 2022);
        draw(&ChartData {
            indicator: ind,
            row: &row,
            steps: &steps,
            as_of: 2022,
            lang: Lang::Zh,
        })
    }

    fn near(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn a_level_target_its_paths_and_its_actuals() {
        let l = with_chart("level", layout).expect("a chart");
        let f = l.frame;
        assert!(!f.inverted);
        assert_eq!(l.target, [f.y(200.0)]);
        // Both paths run from the baseline in 2020 to the target in 2025.
        for path in [&l.linear, &l.cagr] {
            assert_eq!(path.len(), 6);
            assert!(near(path[0], (f.x(2020), f.y(100.0))));
            assert!(near(path[5], (f.x(2025), f.y(200.0))));
        }
        // Linear: 120 in 2021; constant growth: 100·2^(1/5) ≈ 114.87.
        assert!(near(l.linear[1], (f.x(2021), f.y(120.0))));
        assert!(near(l.cagr[1], (f.x(2021), f.y(100.0 * 2f64.powf(0.2)))));
        assert_eq!(l.baseline, Some((f.x(2020), f.y(100.0))));
        assert_eq!(l.actual, [(f.x(2021), f.y(120.0)), (f.x(2022), f.y(140.0))]);
        // The met side (≥) runs from the target line up to the plot's top.
        let (top, bottom) = l.met_side.expect("shaded");
        assert_eq!((top, bottom), (TOP, f.y(200.0)));
        // 20 a year from 140 in 2022: 200 in 2025.
        let [from, to] = l.projection.expect("projected");
        assert!(near(from, (f.x(2022), f.y(140.0))));
        assert!(near(to, (f.x(2025), f.y(200.0))));
        assert_eq!(l.as_of, f.x(2022));
        assert_eq!((f.x(2020), f.x(2025)), (LEFT, RIGHT_EDGE));
    }

    #[test]
    fn a_rank_is_drawn_with_first_place_at_the_top() {
        let l = with_chart("rank", layout).expect("a chart");
        let f = l.frame;
        assert!(f.inverted);
        assert!(f.y(30.0) < f.y(40.0), "30th above 40th");
        // ≤ 30: the met side lies above the target line.
        let (top, bottom) = l.met_side.expect("shaded");
        assert_eq!((top, bottom), (TOP, f.y(30.0)));
        assert!(near(l.linear[0], (f.x(2020), f.y(40.0))));
        assert!(near(l.linear[5], (f.x(2025), f.y(30.0))));
    }

    #[test]
    fn a_cumulative_target_runs_from_zero_to_the_total() {
        let l = with_chart("total", layout).expect("a chart");
        let f = l.frame;
        assert!(f.values.0 <= 0.0, "zero is on the axis");
        assert!(near(l.linear[0], (f.x(2020), f.y(0.0))));
        assert!(near(l.linear[5], (f.x(2025), f.y(50.0))));
        assert!(l.cagr.is_empty(), "no constant growth from zero");
        // The running total: 8, then 20.
        assert_eq!(l.actual, [(f.x(2021), f.y(8.0)), (f.x(2022), f.y(20.0))]);
    }

    #[test]
    fn a_growth_target_plots_the_average_rate_against_g() {
        let l = with_chart("growth", layout).expect("a chart");
        let f = l.frame;
        assert_eq!(l.target, [f.y(7.5)]);
        assert!(l.cagr.is_empty() && l.linear.is_empty());
        assert_eq!(l.baseline, None);
        // The average of 9% and 7%: ((1.09·1.07)^½ − 1) ≈ 7.996%.
        let average = ((1.09f64 * 1.07).sqrt() - 1.0) * 100.0;
        assert_eq!(l.actual.len(), 2);
        assert!((l.actual[1].1 - f.y(average)).abs() < 1e-6);
    }

    #[test]
    fn a_milestone_is_a_timeline_and_no_data_is_a_note() {
        assert_eq!(with_chart("goal", layout), None);
        let timeline = with_chart("goal", |d| svg(d, false));
        assert_eq!(
            timeline.matches("<circle").count(),
            5,
            "one mark a year, 2021–2025"
        );
        assert!(timeline.contains(">是</text>") && timeline.contains(">否</text>"));
        assert_eq!(with_chart("empty", layout), None);
        assert!(with_chart("empty", |d| svg(d, false)).contains("暂无可绘制的数据"));
    }

    #[test]
    fn text_is_escaped_and_a_standalone_chart_carries_its_namespace() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let page = with_chart("level", |d| svg(d, false));
        let file = with_chart("level", |d| svg(d, true));
        assert!(
            !page.contains("xmlns")
                && file.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        );
        assert!(
            file.contains("<title>产值：基期 100 (2020)，目标 ≥ 200（2025年），最新 140 (2022)")
        );
    }

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        // 49.6 … 58 spans 8.4: a quarter is 2.1, rounded up to a step of 5.
        let (ticks, range) = nice_scale(&[52.0, 58.0, 49.6]);
        assert_eq!(ticks, [45.0, 50.0, 55.0, 60.0]);
        assert_eq!(range, (45.0, 60.0));
        // 0 … 1800: a quarter is 450, a step of 500.
        let (ticks, _) = nice_scale(&[1210.0, 1800.0, 0.0]);
        assert_eq!(ticks, [0.0, 500.0, 1000.0, 1500.0, 2000.0]);
        let (ticks, range) = nice_scale(&[1.0, 1e308, 1.7e308, -f64::MAX]);
        assert!(ticks.iter().all(|t| t.is_finite()) && range.0.is_finite() && range.1.is_finite());
        assert!(range.0 <= -DRAWN && range.1 >= DRAWN, "{range:?}");
        let frame = Frame {
            years: (2020, 2025),
            values: range,
            inverted: false,
        };
        assert!(
            [1.7e308, f64::INFINITY, f64::NAN, 1.0]
                .iter()
                .all(|v| frame.y(*v).is_finite())
        );
        let (ticks, _) = nice_scale(&[5.0, 5.0]);
        assert!(ticks.len() >= 2);
    }
}
