//! What a sheet's header row says: the role of each column.
//!
//! A header is the first row that has an indicator column (指标, 指标名称,
//! 指标代码, indicator, id, name…); rows above it are titles. Each data role
//! may appear once. Columns that are not data (序号, 责任单位, …) are
//! ignored and named in a note; 单位 and 目标 columns are not data either,
//! but are checked against the plan.

use super::cell::{normalize_text, parse_year};

/// What a header cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The indicator by id or exact name (`indicator`, `指标`).
    Indicator,
    /// The indicator's id (`id`, `指标代码`).
    Id,
    /// The indicator's name (`name`, `指标名称`).
    Name,
    /// The year of a long layout's row.
    Year,
    /// The value of a long or per-year layout's row.
    Value,
    /// A wide layout's column for one year.
    YearValues(i32),
    /// A note kept with the value.
    Note,
    /// The source kept with the value.
    Source,
    /// The unit, checked against the plan's.
    Unit,
    /// The target, checked against the plan's.
    Target,
    /// Not data: ignored (serial numbers, responsible units, the template's instructions).
    Ignored,
    /// No header at all, between headed columns: empty throughout, or a
    /// value would be lost without a word.
    Blank,
}

impl Column {
    /// Whether the column names the indicator.
    pub fn names_indicator(self) -> bool {
        matches!(self, Column::Indicator | Column::Id | Column::Name)
    }
}

/// The headers recognised, for messages.
pub const KNOWN_COLUMNS: &str = "indicator (指标), id (指标代码), name (指标名称), year (年份), value (数值), note (备注), source (来源), unit (单位), target (目标), or one column per year such as 2022 or 2022年; 序号 and 责任单位 are ignored";

/// [`KNOWN_COLUMNS`] in Chinese.
pub const KNOWN_COLUMNS_ZH: &str = "指标（indicator）、指标代码（id）、指标名称（name）、年份（year）、数值（value）、备注（note）、来源（source）、单位（unit）、目标（target），或每年一列，如2022或2022年；序号和责任单位列不读取";

/// The role of a header cell, or `None` if it is not recognised.
pub fn column_of(header: &str) -> Option<Column> {
    let h = normalize_text(header).to_lowercase();
    let col = match h.as_str() {
        "indicator" | "指标" | "指标项" => Column::Indicator,
        "id" | "code" | "指标代码" | "代码" | "指标编码" | "编码" => Column::Id,
        "name" | "名称" | "指标名称" => Column::Name,
        "year" | "年份" | "年度" => Column::Year,
        "value" | "数值" | "实际值" | "值" | "完成值" | "实际完成值" => Column::Value,
        "note" | "备注" | "说明" => Column::Note,
        "source" | "来源" | "数据来源" => Column::Source,
        "unit" | "单位" | "计量单位" => Column::Unit,
        "target" | "目标" | "目标值" | "规划目标" => Column::Target,
        "no" | "no." | "#" | "序号" | "责任单位" | "牵头单位" | "责任部门" | "配合单位"
        | "name_en" | "enter" | "kind" | "填报说明" | "指标属性" | "属性" | "类型" | "出处"
        | "origin" => Column::Ignored,
        _ if is_year_target(&h) => Column::Target,
        _ => return parse_year(&h).map(Column::YearValues),
    };
    Some(col)
}

/// `2025年目标`, `2025年目标值`, `2025 target`.
fn is_year_target(h: &str) -> bool {
    let rest = h.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < h.len()
        && matches!(
            rest.trim_start_matches('年').trim(),
            "目标" | "目标值" | "target" | "规划目标"
        )
}

/// A header cell's text as notes and messages show it.
pub fn title(text: &str) -> String {
    crate::diag::quote(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_in_chinese_and_english() {
        assert_eq!(column_of("指标代码"), Some(Column::Id));
        assert_eq!(column_of(" 指标名称 "), Some(Column::Name));
        assert_eq!(column_of("Indicator"), Some(Column::Indicator));
        assert_eq!(column_of("2022年"), Some(Column::YearValues(2022)));
        assert_eq!(column_of("2025年目标"), Some(Column::Target));
        assert_eq!(column_of("序号"), Some(Column::Ignored));
        assert_eq!(column_of("计量单位"), Some(Column::Unit));
        assert_eq!(column_of("valeu"), None);
    }
}
