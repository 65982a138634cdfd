//! Findings: what scoring and checking report about a record.

use crate::section::Section;
use serde::Serialize;

/// How serious a finding is: errors refuse a save or an export, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// 错误 / 警告.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => crate::text::model::ERROR,
            Severity::Warning => crate::text::model::WARNING,
        }
    }
}

/// One finding about a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub section: Section,
    /// A stable code (`narrative-rate`, `missing-input` …) for tools and tests.
    pub code: &'static str,
    /// What is wrong, quoting the figures.
    pub message: String,
    /// The record field concerned (`budget.text`), so an editor can jump to it.
    pub field: String,
}

impl Finding {
    /// An error.
    pub fn error(
        section: Section,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            severity: Severity::Error,
            section,
            code,
            message: message.into(),
            field: field.into(),
        }
    }

    /// A warning.
    pub fn warning(
        section: Section,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(section, code, field, message)
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The code is for tools (`--json`); people read the severity, the section and the
        // message, and the field where to look in the file.
        f.write_str(&crate::text::model::finding(
            self.severity.label(),
            self.section.title(),
            &self.message,
            &self.field,
        ))
    }
}
