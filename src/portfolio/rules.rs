//! The roll-ups a parent plan states, checked against its members' plans:
//! every member has the indicator (by key or id), and a weight names a
//! level (population, GDP) each member has.

use crate::msg::Text;
use crate::plan::{Kind, Plan};

/// A member's plan as the rules see it.
pub struct MemberPlan<'a> {
    /// The member's id.
    pub id: &'a str,
    /// Its plan.
    pub plan: &'a Plan,
}

/// The problems of `parent`'s roll-ups over `members`, one message each.
pub fn check(parent: MemberPlan, members: &[MemberPlan]) -> Vec<Text> {
    let mut problems = Vec::new();
    for ind in parent
        .plan
        .indicators
        .iter()
        .filter(|i| i.rollup().is_some())
    {
        let key = ind.key();
        for member in members {
            if find(member.plan, key).is_none() {
                problems.push(crate::tr!(
                    "成员 `{}` 的规划没有上级 `{}` 按 rollup 汇总的指标 `{key}`（按 key 或 id 匹配）：请在其规划中加上该指标，或给它设 key = \"{key}\"",
                    "member `{}` has no indicator `{key}`, which its parent `{}` rolls up (matched by key or id): add it to the member's plan, or give it key = \"{key}\"",
                    member.id,
                    parent.id
                ));
            }
            let Some(weight) = ind.weight() else {
                continue;
            };
            match find(member.plan, weight).map(|w| w.kind) {
                None => problems.push(crate::tr!(
                    "成员 `{}` 的规划没有权重指标 `{weight}`（上级 `{}` 的 `{key}` 按它加权平均）",
                    "member `{}` has no indicator `{weight}`, the weight of parent `{}`'s mean of `{key}`",
                    member.id,
                    parent.id
                )),
                Some(Kind::Level | Kind::Cumulative) => {}
                Some(kind) => problems.push(crate::tr!(
                    "成员 `{}` 的权重指标 `{weight}` 是 `{kind}`，不是水平值：权重应为人口、地区生产总值之类的水平值",
                    "member `{}`'s weight `{weight}` is a `{kind}`, not a level: a weight is a level such as population or GDP",
                    member.id
                )),
            }
        }
        if members.is_empty() {
            problems.push(crate::tr!(
                "`{}` 的指标 `{key}` 要从成员汇总（rollup），但组合中没有以 `{}` 为上级的成员",
                "`{}` rolls up `{key}` from its members, but no member of the portfolio has `{}` as its parent",
                parent.id,
                parent.id
            ));
        }
    }
    problems
}

/// The indicator of `plan` matched by `key`: its own key, else its id.
pub fn find<'a>(plan: &'a Plan, key: &str) -> Option<&'a crate::plan::Indicator> {
    plan.indicators
        .iter()
        .find(|i| i.key() == key)
        .or_else(|| plan.indicator(key))
}
