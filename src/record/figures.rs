//! The named figures of a record: what rubrics reference as `field:…` and what the checker
//! looks for when narratives cite numbers.

use crate::section::Section;

/// The unit a figure is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 万元, two decimals.
    WanYuan,
    /// 人, a whole number.
    People,
}

impl Unit {
    /// The unit as printed after the number.
    pub fn label(self) -> &'static str {
        match self {
            Unit::WanYuan => "万元",
            Unit::People => "人",
        }
    }
}

/// A figure field of a record.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    /// `section.name`, as in the record file and in `field:` sources.
    pub key: &'static str,
    /// The report's own term.
    pub label: &'static str,
    /// Other ways the report writes it (`决算数` for 本年支出合计).
    pub aliases: &'static [&'static str],
    /// The unit.
    pub unit: Unit,
    /// For last year's figures: the key of this year's counterpart.
    pub previous_of: Option<&'static str>,
}

const fn fig(key: &'static str, label: &'static str, unit: Unit) -> Figure {
    Figure {
        key,
        label,
        aliases: &[],
        unit,
        previous_of: None,
    }
}

/// Every figure a record holds, in the order of the report.
pub const FIGURES: &[Figure] = &[
    fig("overview.staff_total", "年末实有人数", Unit::People),
    fig("overview.staff_active", "在职人员", Unit::People),
    fig("overview.staff_retired", "离休人员", Unit::People),
    Figure {
        aliases: &["全年支出预算数", "支出预算数"],
        ..fig("budget.budget_total", "全年支出预算", Unit::WanYuan)
    },
    fig("budget.budget_fiscal", "全年财政拨款预算", Unit::WanYuan),
    fig("budget.budget_basic", "基本支出预算", Unit::WanYuan),
    fig("budget.budget_project", "项目支出预算", Unit::WanYuan),
    Figure {
        aliases: &["年度决算数", "决算数"],
        ..fig("budget.spent_total", "本年支出合计", Unit::WanYuan)
    },
    fig("budget.spent_fiscal", "财政拨款支出", Unit::WanYuan),
    fig("budget.spent_basic", "基本支出", Unit::WanYuan),
    fig("budget.spent_project", "项目支出", Unit::WanYuan),
    fig("management.assets_original", "固定资产原值", Unit::WanYuan),
    Figure {
        aliases: &["累计折旧"],
        ..fig(
            "management.assets_depreciation",
            "固定资产累计折旧",
            Unit::WanYuan,
        )
    },
    fig("management.assets_net", "固定资产净值", Unit::WanYuan),
    Figure {
        aliases: &["结转结余总额"],
        ..fig("management.carryover", "结转结余资金总额", Unit::WanYuan)
    },
    Figure {
        previous_of: Some("management.carryover"),
        ..fig(
            "management.carryover_prev",
            "上年结转结余资金总额",
            Unit::WanYuan,
        )
    },
    Figure {
        previous_of: Some("budget.budget_total"),
        ..fig(
            "management.budget_total_prev",
            "上年全年支出预算",
            Unit::WanYuan,
        )
    },
    Figure {
        aliases: &["年初预算"],
        ..fig("management.initial_budget", "年初预算数", Unit::WanYuan)
    },
];

impl Figure {
    /// The figure with this key.
    pub fn by_key(key: &str) -> Option<&'static Figure> {
        FIGURES.iter().find(|f| f.key == key)
    }

    /// The section the figure belongs to.
    pub fn section(&self) -> Section {
        self.key
            .split_once('.')
            .and_then(|(s, _)| Section::from_id(s))
            .unwrap_or(Section::Overview)
    }

    /// Last year's counterpart of this figure, if the record holds one.
    pub fn previous(&self) -> Option<&'static Figure> {
        FIGURES.iter().find(|f| f.previous_of == Some(self.key))
    }
}
