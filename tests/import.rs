//! `plantrack import`: a main-indicator table (主要指标表) as offices keep
//! it, in CSV and in a workbook with merged category cells, becomes a plan
//! that `check` accepts, with every row's meaning right and nothing
//! invented.

mod common;

use std::path::Path;

use common::{plantrack_en as plantrack, succeeded, write_file};
use plantrack::plan::{ActualsMode, Comparator, Kind, Plan};
use rust_xlsxwriter::{Format, Workbook};
use tempfile::TempDir;

/// The fixture: a title, 序号, 类别 given once per group, units in a column
/// and in brackets, 2025年/2030年 headers, 〔〕 totals, a `*` baseline,
/// 以上/以内/不超过/前30/5-10/倍增/左右/高于…/持续减少/建成, 属性, words
/// without a figure, and a footnote.
const TABLE: &str = "tests/fixtures/main-indicators.csv";

/// Imports `table` into `dir/plan.toml`; the plan, its text and stderr.
fn import(dir: &Path, table: &str) -> (Plan, String, String) {
    let out_path = dir.join("plan.toml");
    let out = succeeded(
        plantrack()
            .args(["import", table, "--output"])
            .arg(&out_path),
    );
    let text = std::fs::read_to_string(&out_path).expect("written");
    let plan = Plan::from_toml("plan.toml", &text).expect("a valid plan");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    succeeded(plantrack().args(["check", "--plan"]).arg(&out_path));
    (plan, text, err)
}

fn check_fixture_plan(plan: &Plan) {
    assert_eq!((plan.meta.base_year, plan.meta.target_year), (2025, 2030));
    assert_eq!(plan.meta.name, "××区“十五五”时期经济社会发展主要指标");
    let by_name = |name: &str| {
        plan.indicators
            .iter()
            .find(|i| i.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let gdp = by_name("地区生产总值增长");
    assert_eq!(gdp.id, "dqsczzzz");
    assert_eq!(
        (gdp.kind, gdp.comparator, gdp.target),
        (Kind::Growth, Comparator::Ge, Some(6.0))
    );
    assert_eq!(gdp.unit, "%");
    assert_eq!(gdp.binding, Some(false));
    assert_eq!(gdp.text().chapter.as_deref(), Some("经济发展"));
    let share = by_name("第三产业增加值占GDP比重");
    assert_eq!(
        (share.kind, share.target, share.baseline),
        (Kind::Share, Some(50.0), Some(42.1))
    );
    let firms = by_name("规模以上工业企业数量");
    assert_eq!(
        (firms.kind, firms.baseline, firms.target),
        (Kind::Level, Some(300.0), Some(600.0))
    );
    let rd = by_name("研究与试验发展经费投入强度");
    assert_eq!(
        rd.text().chapter.as_deref(),
        Some("创新驱动"),
        "carried down the merged cell"
    );
    let rank = by_name("全国高新区综合排名");
    assert_eq!(
        (rank.kind, rank.comparator, rank.target),
        (Kind::Rank, Comparator::Le, Some(30.0))
    );
    let institutes = by_name("新引进科研院所");
    assert_eq!(
        (institutes.kind, institutes.target, institutes.target_high()),
        (Kind::Cumulative, Some(5.0), Some(10.0))
    );
    let income = by_name("居民人均可支配收入增长");
    assert_eq!(
        (income.kind, income.reference()),
        (Kind::Relative, Some("dqsczzzz"))
    );
    let jobs = by_name("城镇新增就业");
    assert_eq!(
        (jobs.kind, jobs.unit.as_str(), jobs.target),
        (Kind::Cumulative, "万人", Some(5.0))
    );
    let unemployment = by_name("城镇调查失业率");
    assert_eq!(
        (unemployment.comparator, unemployment.target),
        (Comparator::Le, Some(5.5))
    );
    let pm = by_name("PM2.5年均浓度");
    assert_eq!(
        (pm.unit.as_str(), pm.comparator, pm.target, pm.binding),
        ("微克/立方米", Comparator::Le, Some(35.0), Some(true))
    );
    let energy = by_name("单位GDP能源消耗降低");
    assert_eq!(
        (energy.kind, energy.actuals, energy.target, energy.binding),
        (Kind::Cumulative, ActualsMode::Cut, Some(13.5), Some(true)),
        "a five-year cut, compounded"
    );
    let emissions = by_name("主要污染物排放总量");
    assert_eq!(
        (emissions.kind, emissions.comparator),
        (Kind::Trend, Comparator::Lt)
    );
    assert_eq!(by_name("公共图书馆").kind, Kind::Milestone);
    // No invented figure: 保持在合理区间 is a comment, not an indicator.
    assert!(plan.indicators.iter().all(|i| i.name != "经济运行"));
    assert_eq!(plan.indicators.len(), 13);
}

#[test]
fn an_office_table_in_csv_becomes_a_plan_that_check_accepts() {
    let dir = TempDir::new().expect("tempdir");
    let (plan, text, err) = import(dir.path(), TABLE);
    check_fixture_plan(&plan);
    // Assumptions are marked where they are made, and named on stderr.
    assert!(text.contains("target = 6\nabout = true\n"), "左右: {text}");
    assert!(
        text.contains("# review: named as what is added over the period (新增/新引进/新建)"),
        "{text}"
    );
    // The * baseline's year comes from the footnote (带*的为2024年数据).
    assert!(text.contains("# 注：1.带*的为2024年数据。2.〔〕内为五年累计数。"));
    assert!(text.contains("# # review: no checkable figure in \"保持在合理区间\""));
    assert!(err.contains("plantrack: imported 13 indicators from tests/fixtures/main-indicators.csv (2025 baselines, 2030 targets)"), "{err}");
    assert!(
        err.contains("1 without a checkable figure, written as comments: 16: 经济运行"),
        "{err}"
    );
    // Deterministic: the same table gives the same bytes.
    let again = plantrack().args(["import", TABLE]).output().expect("run");
    assert_eq!(again.stdout, text.as_bytes());
}

#[test]
fn the_same_table_in_a_workbook_with_merged_cells_gives_the_same_plan() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("主要指标").expect("name");
    let merged = Format::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(TABLE)
        .expect("csv");
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if c == 1 && r > 1 {
                continue; // the category column is merged below
            }
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(n) if c != 0 => sheet.write_number(r, c, n),
                _ => sheet.write_string(r, c, cell),
            }
            .expect("write");
        }
    }
    // 类别 as offices merge it: one cell down each group.
    for (first, last, name) in [
        (2, 3, "经济发展"),
        (5, 7, "创新驱动"),
        (8, 10, "民生福祉"),
        (11, 15, "绿色生态"),
    ] {
        sheet
            .merge_range(first, 1, last, 1, name, &merged)
            .expect("merge");
    }
    sheet.write_string(4, 1, "经济发展").expect("write");
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("table.xlsx");
    std::fs::write(&path, book.save_to_buffer().expect("workbook")).expect("write");
    let (plan, _, _) = import(dir.path(), path.to_str().expect("path"));
    check_fixture_plan(&plan);
}

#[test]
fn a_file_without_an_indicator_table_is_refused_and_nothing_written() {
    let dir = TempDir::new().expect("tempdir");
    let table = write_file(dir.path(), "notes.csv", "项目,负责单位\n道路,建设局\n");
    let out_path = dir.path().join("plan.toml");
    let out = plantrack()
        .args(["import", &table, "--output"])
        .arg(&out_path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no table of main indicators found: expected a header row with 指标 (or 指标名称) and the years, such as 2025年 and 2030年 (or 2025年基数, 2030年目标); the first rows are: 项目 | 负责单位 / 道路 | 建设局"),
        "{err}"
    );
    assert!(!out_path.exists());
    // An existing file is never replaced.
    std::fs::write(&out_path, "mine").expect("write");
    let out = plantrack()
        .args(["import", TABLE, "--output"])
        .arg(&out_path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out_path).expect("kept"), "mine");
}

#[test]
fn the_table_saved_as_ods_or_xls_gives_the_same_plan() {
    for file in [
        "tests/fixtures/main-indicators.ods",
        "tests/fixtures/main-indicators.xls",
    ] {
        let dir = TempDir::new().expect("tempdir");
        let (plan, _, _) = import(dir.path(), file);
        check_fixture_plan(&plan);
    }
}

/// The built-in plan written out as an office's table and imported back
/// gives the same targets, wherever a table cell can say them (relative
/// targets, trends and reference series need words and other rows).
#[test]
fn the_built_in_plan_round_trips_through_a_table() {
    let plan = Plan::embedded().expect("plan");
    let mut table = String::from("序号,类别,指标,单位,2020年,2025年,属性\n");
    let mut expected = Vec::new();
    for (n, ind) in plan.indicators.iter().enumerate() {
        let symbol = match ind.comparator {
            Comparator::Ge => "≥",
            Comparator::Gt => ">",
            Comparator::Le => "≤",
            Comparator::Lt => "<",
        };
        let (Some(target), true) = (ind.target, ind.target_high().is_none() && !ind.about) else {
            if ind.kind == Kind::Milestone {
                table.push_str(&format!("{},,{},,,建成,\n", n + 1, ind.name));
                expected.push((ind.name.clone(), Kind::Milestone, None, None));
            }
            continue;
        };
        let cell = match ind.kind {
            Kind::Cumulative => format!("〔{target}〕"),
            Kind::Rank => format!("前{target}"),
            Kind::Level | Kind::Share | Kind::Growth if ind.target_factor().is_none() => {
                format!("{symbol}{target}")
            }
            _ => continue,
        };
        if ind.kind == Kind::Cumulative && ind.comparator != Comparator::Ge {
            continue;
        }
        if ind.kind == Kind::Rank && ind.comparator != Comparator::Le {
            continue;
        }
        let baseline = ind.baseline.map(|b| b.to_string()).unwrap_or_default();
        let chapter = ind.text().chapter.clone().unwrap_or_default();
        table.push_str(&format!(
            "{},{},{},{},{},{},\n",
            n + 1,
            chapter,
            ind.name.replace(',', "，"),
            ind.unit,
            if ind.kind == Kind::Growth {
                String::new()
            } else {
                baseline
            },
            cell
        ));
        let comparator = if ind.kind == Kind::Rank {
            Comparator::Le
        } else {
            ind.comparator
        };
        expected.push((ind.name.clone(), ind.kind, Some(comparator), Some(target)));
    }
    let dir = TempDir::new().expect("tempdir");
    let path = write_file(dir.path(), "built-in.csv", table);
    let (imported, _, _) = import(dir.path(), &path);
    assert!(expected.len() > 80, "{} rows round-tripped", expected.len());
    let mut same_kind = 0;
    for (name, kind, comparator, target) in &expected {
        let name = name.replace(',', "，");
        let got = imported
            .indicators
            .iter()
            .find(|i| i.name == name)
            .unwrap_or_else(|| panic!("{name} imported"));
        if let (Some(c), Some(t)) = (comparator, target) {
            assert_eq!((got.comparator, got.target), (*c, Some(*t)), "{name}");
        }
        // A level in % reads back as a share, and a count added over the
        // period (新增…) as a period total: the table cannot tell.
        same_kind += usize::from(got.kind == *kind);
    }
    assert!(
        same_kind * 10 >= expected.len() * 9,
        "{same_kind} of {} kinds",
        expected.len()
    );
}

/// A five-year total whose name reads both as growth (增长) and as a cut
/// (降低) is read as a cut, compounded, and the draft has one `actuals`
/// key: the fuzzer once found a draft with two, which no TOML reader takes.
#[test]
fn a_total_named_both_as_growth_and_as_a_cut_is_a_cut() {
    let dir = TempDir::new().expect("tempdir");
    let table = write_file(
        dir.path(),
        "t.csv",
        "序号,指标,单位,2025年,2030年,属性\n1,增长GDP能源消耗降低,%,,〔13.5〕,约束性\n",
    );
    let (plan, text, _) = import(dir.path(), &table);
    assert_eq!(text.matches("actuals = ").count(), 1, "{text}");
    let ind = &plan.indicators[0];
    assert_eq!(ind.kind, Kind::Cumulative);
    assert_eq!(ind.actuals, ActualsMode::Cut);
    assert_eq!(ind.target, Some(13.5));
}
