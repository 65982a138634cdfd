//! The home screen's sync: where the branch stands against `origin`, and `s` running
//! `jixiao sync` as a background job (`job`), its report opened in a text view.

use crate::repo::Repo;

/// Where the branch stands against the default remote as last fetched, for the home screen's
/// title: `origin 领先 1 落后 2（s 同步）`; `None` without a remote branch to compare with.
pub(super) fn remote_status(repo: &Repo) -> Option<String> {
    let remote = crate::store::DEFAULT_REMOTE;
    match crate::store::ahead_behind(repo, remote) {
        Ok(Some((0, 0))) => Some(format!("与 {remote} 一致")),
        Ok(Some((ahead, behind))) => Some(format!("{remote} 领先 {ahead} 落后 {behind}（s 同步）")),
        _ => None,
    }
}

/// Syncs with the default remote in the background (`s` on the home screen); git and ssh may
/// not ask for anything on this terminal, which the editor's screen holds.
pub(super) fn start(repo: &Repo) -> super::job::Job {
    let r = repo.clone();
    let remote = crate::store::DEFAULT_REMOTE;
    super::job::Job::start(format!("正在与 {remote} 同步…"), move || {
        let (title, text) = match crate::store::sync(&r, remote, false) {
            Ok(outcome) => {
                let title = match &outcome {
                    crate::store::SyncOutcome::Synced(rep) if rep.clean() => " 同步完成 ",
                    crate::store::SyncOutcome::Synced(_) => " 同步：有未完成的部分 ",
                    crate::store::SyncOutcome::Conflicts { .. } => " 未同步：冲突 ",
                };
                (title, crate::report::sync::sync_text(&r, &outcome))
            }
            Err(e) => (" 同步失败 ", e.to_string()),
        };
        super::job::Done::Synced(super::review::TextView::new(title.into(), &text))
    })
}
