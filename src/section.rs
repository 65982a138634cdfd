//! The six sections of the report, in their fixed order.

use serde::{Deserialize, Serialize};

/// One of the six sections of a 部门整体绩效评价报告.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// 一、部门概况
    Overview,
    /// 二、当年预算执行情况
    Budget,
    /// 三、整体绩效目标实现情况
    Targets,
    /// 四、预算管理情况
    Management,
    /// 五、总体评价结论
    Conclusion,
    /// 六、措施建议
    Recommendations,
}

impl Section {
    /// All sections in report order.
    pub const ALL: [Section; 6] = [
        Section::Overview,
        Section::Budget,
        Section::Targets,
        Section::Management,
        Section::Conclusion,
        Section::Recommendations,
    ];

    /// The sections whose record tables hold figures, narratives and indicators (their
    /// inputs and the record's own rows); the conclusion and recommendations are computed or
    /// written around them.
    pub const HOLDING: [Section; 4] = [
        Section::Overview,
        Section::Budget,
        Section::Targets,
        Section::Management,
    ];

    /// Whether the section's record table holds figures, narratives and indicators.
    pub fn holds_fields(self) -> bool {
        Section::HOLDING.contains(&self)
    }

    /// The English id used in record files (`[budget]`).
    pub fn id(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Budget => "budget",
            Section::Targets => "targets",
            Section::Management => "management",
            Section::Conclusion => "conclusion",
            Section::Recommendations => "recommendations",
        }
    }

    /// The report heading without its number (当年预算执行情况).
    pub fn title(self) -> &'static str {
        crate::text::model::SECTION_TITLES[self.index()]
    }

    /// The Chinese ordinal of the heading (一 … 六).
    pub fn numeral(self) -> &'static str {
        crate::text::model::SECTION_NUMERALS[self.index()]
    }

    /// 0-based position in the report.
    pub fn index(self) -> usize {
        Section::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The section with this English id.
    pub fn from_id(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.id() == id)
    }
}

impl std::fmt::Display for Section {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.title())
    }
}
