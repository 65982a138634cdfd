//! jixiao (绩效): prepare and score 部门整体绩效评价报告 with exact decimals, every save a git
//! commit.
//!
//! Layers, lowest first: model ([`rubric`], [`record`]) → [`score`] and [`check`] →
//! [`repo`] and [`store`] (files and git) → [`summary`] (the finance bureau's workbook) → front
//! ends ([`cli`], [`tui`], [`export`]). Lower layers never import higher ones.

pub mod check;
pub mod cli;
pub mod error;
pub mod export;
pub mod finding;
pub mod join;
pub mod num;
pub mod record;
pub mod repo;
pub mod report;
pub mod rubric;
pub mod score;
pub mod section;
pub mod serve;
pub mod store;
pub mod summary;
pub mod target;
pub mod team;
pub mod text;
pub mod tomlio;
pub mod tui;

pub use error::{Error, Result};
