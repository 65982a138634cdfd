//! The name a person knows a record field by (当年预算执行情况·全年支出预算, 表 1 部门整体绩效目标
//! 「综合事务」指标值), for diffs and messages, instead of its TOML path.

use crate::rubric::Rubric;
use crate::section::Section;
use crate::text::record as t;

/// The name of the field at `path` (`budget.budget_total`, `overview.goals[id=3f9a0c1e].value`,
/// `management.inputs.finance-system.pass`); `row` names the table row it is in, if any.
/// Figures, narratives and indicators are named as `rubric` declares them.
pub fn field_label(rubric: &Rubric, path: &str, row: Option<&str>) -> String {
    if let Some(open) = path.find('[') {
        let table = &path[..open];
        if let Some(name) = t::table(table) {
            let rest = path[open..]
                .split_once(']')
                .map(|(_, r)| r.trim_start_matches('.'))
                .unwrap_or("");
            // A column the rubric declares (`columns.core` → 是否核心指标).
            let declared = rest.strip_prefix("columns.").and_then(|id| {
                rubric
                    .catalogue
                    .columns
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.label.clone())
            });
            let what = if rest.is_empty() {
                String::new()
            } else if let Some(label) = declared {
                label
            } else {
                t::column(table, rest)
                    .or_else(|| t::input(rest))
                    .map(str::to_string)
                    .unwrap_or_else(|| t::unknown(rest))
            };
            return format!("{}{what}", t::row(name, row));
        }
    }
    let (section, key) = path.split_once('.').unwrap_or(("", path));
    let title = Section::from_id(section).map(|s| s.title()).unwrap_or("");
    if let Some(label) = rubric.catalogue.label(path) {
        return t::in_section(title, label);
    }
    let bare = key.split('[').next().unwrap_or(key);
    if let Some(name) = t::own_field(if title.is_empty() { "" } else { section }, bare)
        .or_else(|| t::own_field("", path))
    {
        return t::in_section(title, name);
    }
    if let Some(rest) = key.strip_prefix("inputs.") {
        let (id, k) = rest.split_once('.').unwrap_or((rest, ""));
        let name = rubric
            .nodes
            .iter()
            .find(|n| n.def.id == id)
            .map(|n| n.def.name.as_str())
            .unwrap_or(id);
        let what = match k {
            "" => String::new(),
            k => format!(
                " {}",
                t::input(k)
                    .map(str::to_string)
                    // A value the rubric labels (`[[indicator.input]]`).
                    .or_else(|| rubric.input_spec(id, k).map(|s| s.label))
                    .unwrap_or_else(|| k.to_string())
            ),
        };
        return t::in_section(title, &format!("{name}{what}"));
    }
    t::unknown(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Rubric {
        let (name, text) = crate::rubric::BUILTIN
            .iter()
            .find(|(n, _)| *n == "beijing-department-2023")
            .expect("the bundled rubric");
        Rubric::parse(std::path::Path::new(name), text).expect("it parses")
    }

    #[test]
    fn fields_are_named_in_the_reports_terms() {
        let r = seed();
        assert_eq!(
            field_label(&r, "budget.budget_total", None),
            "当年预算执行情况·全年支出预算"
        );
        assert_eq!(
            field_label(&r, "overview.short_name", None),
            "部门概况·简称"
        );
        assert_eq!(field_label(&r, "rubric", None), "指标体系");
        assert_eq!(
            field_label(&r, "overview.goals[id=335656f3].value", Some("综合事务")),
            "表 1 部门整体绩效目标「综合事务」指标值"
        );
        assert_eq!(
            field_label(&r, "targets.indicators[2].key_task", None),
            "三级指标列入表 3"
        );
        // The record's own rows of a group placed in another section, and a declared column.
        assert_eq!(
            field_label(&r, "budget.indicators[0].actual", None),
            "三级指标完成值"
        );
        let with_column = Rubric::parse(
            std::path::Path::new("r.toml"),
            &format!(
                "{}\n[[column]]\nid = \"core\"\nlabel = \"是否核心指标\"\nkind = \"flag\"\n",
                crate::rubric::BUILTIN[0].1
            ),
        )
        .expect("parses");
        assert_eq!(
            field_label(
                &with_column,
                "targets.indicators[1].columns.core",
                Some("培训人次")
            ),
            "三级指标「培训人次」是否核心指标"
        );
        assert_eq!(
            field_label(&r, "management.inputs.finance-system.pass", None),
            "预算管理情况·财务管理制度健全性 评分标准逐项（合格/不合格）"
        );
        assert_eq!(
            field_label(
                &r,
                "recommendations.items[id=cdff5287].problem",
                Some("完善")
            ),
            "措施建议「完善」对应的问题"
        );
    }
}
