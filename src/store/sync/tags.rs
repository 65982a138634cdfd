//! Drafts (and any other tag) carried both ways by a sync. A draft name never moves: one
//! the remote has and we do not is taken, one we have and the remote does not is pushed,
//! and one both have on different revisions is refused on both sides, for the people who
//! named them to settle.

use super::super::{git_error, short, write_error};
use super::transport::remote_tags_prefix;
use crate::error::Result;
use git2::Oid;
use serde::Serialize;
use std::collections::BTreeMap;

/// A tag both sides have, naming different revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DivergedDraft {
    /// The tag's name (`bj-traffic/2023/终稿`).
    pub name: String,
    /// The seven-digit revisions it names here and on the remote.
    pub local: String,
    pub remote: String,
}

/// What a sync does with tags.
#[derive(Debug, Default)]
pub(super) struct TagPlan {
    /// Remote tags to create here: name and the object the remote's ref points at (the
    /// annotated tag itself, so its tagger and message come along).
    pub import: Vec<(String, Oid)>,
    /// Local tags the remote does not have.
    pub export: Vec<String>,
    pub diverged: Vec<DivergedDraft>,
}

/// Tags under `prefix` by name: the object the ref points at and the commit it names.
fn tags(git: &git2::Repository, prefix: &str) -> Result<BTreeMap<String, (Oid, Option<Oid>)>> {
    let refs = git
        .references_glob(&format!("{prefix}*"))
        .map_err(|e| git_error("列出标签", e))?;
    let mut out = BTreeMap::new();
    for r in refs {
        let r = r.map_err(|e| git_error("列出标签", e))?;
        let (Some(name), Some(target)) =
            (r.name().and_then(|n| n.strip_prefix(prefix)), r.target())
        else {
            continue;
        };
        let commit = r.peel_to_commit().ok().map(|c| c.id());
        out.insert(name.to_string(), (target, commit));
    }
    Ok(out)
}

/// Compares the local tags with the remote's as last fetched.
pub(super) fn plan(git: &git2::Repository, remote: &str) -> Result<TagPlan> {
    let local = tags(git, "refs/tags/")?;
    let theirs = tags(git, &remote_tags_prefix(remote))?;
    let mut plan = TagPlan::default();
    for (name, (target, commit)) in &theirs {
        match local.get(name) {
            None => plan.import.push((name.clone(), *target)),
            // The same revision (named by two people, or by one tag object): the same draft.
            Some((t, c)) if t == target || (c.is_some() && c == commit) => {}
            Some((t, c)) => plan.diverged.push(DivergedDraft {
                name: name.clone(),
                local: short(c.unwrap_or(*t)),
                remote: short(commit.unwrap_or(*target)),
            }),
        }
    }
    plan.export = local
        .keys()
        .filter(|n| !theirs.contains_key(*n))
        .cloned()
        .collect();
    Ok(plan)
}

/// Creates the remote's tags that are missing here; returns their names.
pub(super) fn import(git: &git2::Repository, plan: &TagPlan) -> Result<Vec<String>> {
    let mut done = Vec::new();
    for (name, target) in &plan.import {
        let refname = format!("refs/tags/{name}");
        match git.reference(&refname, *target, false, "jixiao sync: 取回标签") {
            Ok(_) => done.push(name.clone()),
            // Named here meanwhile (a draft made during the sync): the next sync compares it.
            Err(e) if e.code() == git2::ErrorCode::Exists => {}
            Err(e) => return Err(write_error(git, &format!("创建标签 {name}"), e)),
        }
    }
    Ok(done)
}
