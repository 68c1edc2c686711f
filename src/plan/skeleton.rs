//! The skeleton plan `plantrack init` writes: every kind of target once,
//! each key explained, ready to be filled in and checked.

/// A commented plan for the period `from`–`to` that `plantrack check`
/// accepts as it is: one example of each kind, to be edited or deleted.
pub fn skeleton(from: i32, to: i32) -> String {
    let years = to - from;
    let mid = from + 1;
    TEMPLATE
        .replace("{FROM}", &from.to_string())
        .replace("{TO}", &to.to_string())
        .replace("{YEARS}", &years.to_string())
        .replace("{NEXT}", &mid.to_string())
}

/// The skeleton, with `{FROM}`, `{TO}`, `{YEARS}` and `{NEXT}` to fill in.
const TEMPLATE: &str = r#"# 规划目标文件（plantrack）：{FROM}年基数，{TO}年目标。
# A plantrack plan: baselines of {FROM}, targets for {TO}.
#
# 每个 [[indicator]] 是一项指标；以下每种类型各举一例，按本单位《纲要》主要指标表
# 修改或删除。改好后运行：plantrack check --plan 本文件
# Each [[indicator]] is one target; edit or delete the examples below, then
# run `plantrack check --plan THIS_FILE`. Every key is described in
# docs/plan-format.md.

[plan]
id = "my-plan-{FROM}-{TO}"        # 英文代号：小写字母、数字、- 或 _ / ASCII id
name = "××区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要"
base_year = {FROM}                 # 基期年份 / baseline year
target_year = {TO}                 # 目标年份 / target year

[assessment]                       # 可省略；以下为默认值 / optional; defaults shown
method = "linear"                  # 进度按"时间过半、任务过半"(linear)或年均增速(cagr)
ahead = 1.2                        # 进度/时间 ≥ 1.2：快于预期
on_track = 0.95                    # ≥ 0.95：符合预期
lagging = 0.6                      # ≥ 0.6：略有滞后；更低：明显滞后

[chapters]                         # 章节标题（可省略）/ chapter titles (optional)
"第一章" = { title = "经济发展", title_en = "Economic development" }

# ---- 水平值（年末或年度数值）/ a level: reach a figure by the target year
[[indicator]]
id = "gdp_total"                   # 唯一、小写英文 / unique, [a-z0-9_]
name = "地区生产总值"
name_en = "Gross domestic product"
unit = "亿元"
kind = "level"
comparator = ">="                  # >= > <= < （也可写 ≥ ≤ ＞ ＜）
target = 1500
baseline = 1020                    # {FROM}年基数；不知道可省略，在实际值中填{FROM}年数据
binding = false                    # true：约束性；false：预期性
chapter = "第一章"
quote = "到{TO}年，地区生产总值达到1500亿元。"   # 《纲要》原文

# ---- 年均增速 / average annual growth, figures given as each year's rate
[[indicator]]
id = "gdp_growth"
name = "地区生产总值年均增长"
unit = "%"
kind = "growth"
target = 7                          # 年均增长7%以上
actuals = "rate"                    # 实际值填每年增速（%）；填水平值时删去此行并给 baseline
chapter = "第一章"

# ---- 比重 / a share in percent
[[indicator]]
id = "tertiary_share"
name = "第三产业占GDP比重"
unit = "%"
kind = "share"
target = 50
baseline = 42

# ---- 期间累计 / a total over the period, each year's amount entered
[[indicator]]
id = "new_jobs"
name = "城镇新增就业（{YEARS}年累计）"
unit = "万人"
kind = "cumulative"
target = 5                          # {NEXT}–{TO}年合计
actuals = "flow"                    # 每年填当年新增；填累计数时改为 "total"

# ---- 排名 / a rank: first place is 1
[[indicator]]
id = "zone_rank"
name = "全国高新区综合排名"
unit = "位"
kind = "rank"
target = 30                         # 进入前30位（rank 默认比较符为 <=）
baseline = 45

# ---- 是否完成 / a yes-or-no goal (实际值填 是/否)
[[indicator]]
id = "library_open"
name = "建成开放区公共图书馆"
kind = "milestone"

# ---- 参照序列 / a reference series: figures only, no target
[[indicator]]
id = "city_gdp_growth"
name = "全市地区生产总值增速"
unit = "%"
kind = "reference"
actuals = "rate"

# ---- 相对目标 / relative: faster than another series
[[indicator]]
id = "growth_above_city"
name = "地区生产总值增速高于全市平均"
unit = "%"
kind = "relative"
comparator = ">"
of = "gdp_growth"                   # 取 gdp_growth 的数据，不另行填报
reference = "city_gdp_growth"
rule = "every-year"                 # 每年都高于；"average" 比较期间平均
actuals = "rate"

# ---- 趋势 / a direction: rising (>) or falling (<) every year
[[indicator]]
id = "emissions"
name = "主要污染物排放总量持续减少"
unit = "吨"
kind = "trend"
comparator = "<"
baseline = 5200

# ---- 每年达到 / a condition to hold in every year
[[indicator]]
id = "water_quality"
name = "主要水体水质达标率"
unit = "%"
kind = "share"
target = 100
every_year = true

# ---- 倍增 / doubling: the target is a multiple of the baseline
[[indicator]]
id = "hightech_firms"
name = "高新技术企业数量倍增"
unit = "家"
kind = "level"
baseline = 300
target_factor = 2                   # 目标 = 2 × 300 = 600
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_is_a_valid_plan_for_its_period() {
        let text = skeleton(2025, 2030);
        let plan = crate::plan::Plan::from_toml("init.toml", &text).expect("valid");
        assert_eq!((plan.meta.base_year, plan.meta.target_year), (2025, 2030));
        assert_eq!(plan.indicators.len(), 11);
        for slot in ["{FROM}", "{TO}", "{YEARS}", "{NEXT}"] {
            assert!(!text.contains(slot), "{slot} filled in");
        }
        assert!(text.contains("target = 5                          # 2026–2030年合计"));
    }
}
