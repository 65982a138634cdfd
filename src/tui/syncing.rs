//! The home screen's sync: where the branch stands against `origin`, and `s` running
//! `jixiao sync` as a background job (`job`), its report opened in a text view.

use crate::repo::Repo;

/// Where the branch stands against the default remote as last fetched, for the home screen's
/// title: `origin 领先 1 落后 2（s 同步）`; `None` without a remote branch to compare with.
pub(super) fn remote_status(repo: &Repo) -> Option<String> {
    let remote = crate::store::DEFAULT_REMOTE;
    match crate::store::ahead_behind(repo, remote) {
        Ok(Some((0, 0))) => Some(crate::text::tui::in_step_with(remote)),
        Ok(Some((ahead, behind))) => Some(crate::text::tui::ahead_behind(remote, ahead, behind)),
        _ => None,
    }
}

/// Syncs with the default remote in the background (`s` on the home screen, or Enter on the
/// sync conflict screen with its `picks`); git and ssh may not ask for anything on this
/// terminal, which the editor's screen holds. Conflicts (of fields, or of whole files) open
/// the screen to pick them.
pub(super) fn start(repo: &Repo, picks: Vec<crate::store::Pick>) -> super::job::Job {
    let r = repo.clone();
    let remote = crate::store::DEFAULT_REMOTE;
    super::job::Job::start(crate::text::tui::syncing(remote), move || {
        let outcome = crate::store::sync_with(&r, remote, false, &picks);
        if let Ok(crate::store::SyncOutcome::Conflicts {
            remote,
            branch,
            conflicts,
        }) = &outcome
        {
            let screen = super::sync_pick::SyncPicks::new(&r, remote, branch, conflicts, &picks);
            return super::job::Done::SyncConflicts(Box::new(screen));
        }
        let (title, text) = match outcome {
            Ok(outcome) => {
                let title = match &outcome {
                    crate::store::SyncOutcome::Synced(rep) if rep.clean() => {
                        crate::text::tui::SYNC_DONE
                    }
                    crate::store::SyncOutcome::Synced(_) => crate::text::tui::SYNC_PARTIAL,
                    crate::store::SyncOutcome::Conflicts { .. } => crate::text::tui::SYNC_CONFLICTS,
                };
                (title, crate::report::sync::sync_text(&r, &outcome))
            }
            Err(e) => (crate::text::tui::SYNC_FAILED, e.to_string()),
        };
        super::job::Done::Synced(super::review::TextView::new(title.into(), &text))
    })
}
