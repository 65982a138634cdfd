//! What jixiao prints about a record's history (log, score diffs, drafts, blame, conflicts)
//! and about rubric changes, shared by the command line and the editor's review screens, so
//! the two front ends cannot disagree.

pub mod history;
pub mod rubric_notes;
pub mod sync;
