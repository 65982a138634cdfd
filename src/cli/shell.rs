//! `jixiao shell --member ID`: the OpenSSH door. `jixiao team authorized-keys` gives each key
//! of a member a line `command="jixiao --repo DIR shell --member ID",restrict,pty KEY`, so
//! sshd runs this and nothing else for that key: `restrict` turns off port, agent and X11
//! forwarding and `~/.ssh/rc`; `pty` gives back only the terminal the editor needs.
//!
//! With `SSH_ORIGINAL_COMMAND` (the command the person typed after the host) only the jixiao
//! commands listed here run: the words are split like a shell would split them, never given
//! to one, checked with jixiao's own command-line parser, and run as a child `jixiao` with
//! the member named in `JIXIAO_MEMBER` and the repository fixed. Writing commands are allowed
//! here because the library checks the member's role on every write. Without a command, a
//! terminal gets the editor's home screen.

use super::{Cli, Command, TeamCommand};
use crate::repo::Repo;
use crate::team::{MEMBER_ENV, Team};
use anyhow::{Context, Result};
use clap::FromArgMatches;
use std::io::IsTerminal;
use std::path::Path;

/// What may be run through the door, for the refusal message.
const ALLOWED: &str = crate::text::team::SHELL_ALLOWED;

fn refuse(why: &str) -> Result<i32> {
    eprintln!("{}", crate::text::team::shell_refused(why));
    eprintln!("{}", crate::text::team::shell_allowed(ALLOWED));
    Ok(1)
}

/// Whether the parsed command may run through the door; the reason when not.
fn permitted(cli: &Cli) -> Result<(), String> {
    let Some(command) = &cli.command else {
        return Ok(());
    };
    match command {
        Command::List { .. }
        | Command::Score { .. }
        | Command::Check { .. }
        | Command::Log { .. }
        | Command::Diff { .. }
        | Command::Drafts { .. }
        | Command::Blame { .. }
        | Command::Whoami { .. }
        | Command::Draft { .. }
        | Command::New { .. }
        | Command::Review(_) => Ok(()),
        Command::Edit { .. } | Command::Tui => {
            if std::io::stdin().is_terminal() {
                Ok(())
            } else {
                Err(crate::text::team::NEEDS_TERMINAL.into())
            }
        }
        Command::Export(a) => match &a.output {
            Some(p) if p == Path::new("-") => Ok(()),
            _ => Err(crate::text::team::EXPORT_TO_STDOUT.into()),
        },
        Command::Summary(a) => match &a.output {
            Some(p) if p == Path::new("-") => Ok(()),
            _ => Err(crate::text::team::SUMMARY_TO_STDOUT.into()),
        },
        Command::Team { command } => match command {
            TeamCommand::List { .. } | TeamCommand::Check { .. } => Ok(()),
            TeamCommand::Assign { .. } | TeamCommand::Remove { .. } => Ok(()),
            TeamCommand::Add { keys, .. } if keys.iter().all(|k| k == Path::new("-")) => Ok(()),
            TeamCommand::Key { file, .. } if file == Path::new("-") => Ok(()),
            TeamCommand::Add { .. } | TeamCommand::Key { .. } => {
                Err(crate::text::team::KEY_FROM_STDIN.into())
            }
            TeamCommand::AuthorizedKeys => Err(crate::text::team::AUTHORIZED_KEYS_ON_SERVER.into()),
        },
        Command::Init { .. }
        | Command::Demo
        | Command::Commit { .. }
        | Command::Rubric { .. }
        | Command::Sync { .. }
        | Command::Shell { .. }
        | Command::Serve(_) => Err(crate::text::team::ON_SERVER_ONLY.into()),
    }
}

/// Runs the door for member `id` of `repo`.
pub fn run(repo: &Repo, id: &str) -> Result<i32> {
    let team = Team::load(repo.root())
        .map_err(crate::Error::from)?
        .with_context(|| crate::text::team::no_team_no_door(repo.root().display()))?;
    // The key's member must still be in the team: authorized_keys may be older than it.
    let member = team.member_or_err(id).map_err(crate::Error::from)?;
    let words: Vec<String> = match std::env::var("SSH_ORIGINAL_COMMAND") {
        Ok(cmd) if !cmd.trim().is_empty() => match shlex::split(&cmd) {
            Some(w) => w,
            None => {
                return refuse(&crate::text::team::unparsable(
                    &crate::text::printable_line(&cmd),
                ));
            }
        },
        _ => {
            if !std::io::stdin().is_terminal() {
                return refuse(crate::text::team::NO_COMMAND);
            }
            vec!["tui".to_string()]
        }
    };
    // `ssh host jixiao list` reads as well as `ssh host list`.
    let words: Vec<String> = match words.first().map(String::as_str) {
        Some("jixiao") => words[1..].to_vec(),
        _ => words,
    };
    let argv = std::iter::once("jixiao".to_string()).chain(words.iter().cloned());
    let matches = match super::command().try_get_matches_from(argv) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return Ok(0);
            }
            return refuse(&crate::text::team::not_allowed(
                &crate::text::printable_line(&words.join(" ")),
            ));
        }
    };
    if matches.value_source("repo") == Some(clap::parser::ValueSource::CommandLine) {
        return refuse(crate::text::team::NO_OTHER_REPO);
    }
    let cli = Cli::from_arg_matches(&matches).context(crate::text::team::PARSE_FAILED)?;
    if let Err(why) = permitted(&cli) {
        return refuse(&crate::text::team::refused_command(
            &why,
            &crate::text::printable_line(&words.join(" ")),
        ));
    }
    let exe = std::env::current_exe().context(crate::text::team::NO_EXE)?;
    let status = std::process::Command::new(exe)
        .arg("--repo")
        .arg(repo.root())
        .args(&words)
        .env(MEMBER_ENV, &member.id)
        .env_remove("JIXIAO_REPO")
        .status()
        .context(crate::text::team::START_FAILED)?;
    Ok(status.code().unwrap_or(1))
}
