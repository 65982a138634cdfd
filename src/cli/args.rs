//! Reading the command line: clap parses, and a command line it cannot read is reported in
//! Chinese from the error's kind and context (clap's own messages are English).

use crate::text::args as t;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;

/// What reading the command line gave: a command to run, or the exit status once help, the
/// version or an error has been printed.
pub enum Parsed {
    /// Run this.
    Run(super::Cli),
    /// Exit with this status.
    Exit(i32),
}

/// Parses `args` (with the program name first); prints help, the version or a parse error.
pub fn parse(args: Vec<OsString>) -> Parsed {
    use clap::{FromArgMatches, Parser};
    // The Chinese command differs from clap's derived one only in its words (help, usage,
    // placeholders), and building it renders every subcommand's usage: about a millisecond
    // on every run. A command line clap reads as it is needs none of that.
    if let Ok(cli) = super::Cli::try_parse_from(&args) {
        return Parsed::Run(cli);
    }
    let cmd = super::command();
    let err = match cmd.clone().try_get_matches_from(&args) {
        Ok(m) => match super::Cli::from_arg_matches(&m) {
            Ok(cli) => return Parsed::Run(cli),
            Err(e) => e,
        },
        Err(e) => e,
    };
    match err.kind() {
        // Help pages and the version are ours already (Chinese headings and descriptions).
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            Parsed::Exit(err.exit_code())
        }
        _ => {
            eprint!("{}", render(&err, &cmd, &args));
            Parsed::Exit(err.exit_code())
        }
    }
}

fn string(v: Option<&ContextValue>) -> Option<String> {
    match v? {
        ContextValue::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn strings(v: Option<&ContextValue>) -> Vec<String> {
    match v {
        Some(ContextValue::Strings(s)) => s.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn number(v: Option<&ContextValue>) -> isize {
    match v {
        Some(ContextValue::Number(n)) => *n,
        _ => 0,
    }
}

/// The subcommand the arguments name (`jixiao rubric check` for `rubric check x`), walking
/// down while an argument is the name of a subcommand.
fn subcommand<'c>(cmd: &'c clap::Command, args: &[OsString]) -> Vec<&'c clap::Command> {
    let mut path = vec![cmd];
    let mut value_next = false;
    for a in args.iter().skip(1) {
        let Some(a) = a.to_str() else { break };
        if std::mem::take(&mut value_next) {
            continue;
        }
        if a.starts_with('-') {
            // An option's value (`--repo DIR`) is not a subcommand's name.
            let here = path[path.len() - 1];
            value_next = !a.contains('=')
                && here.get_arguments().any(|o| {
                    let named = match a.strip_prefix("--") {
                        Some(long) => o.get_long() == Some(long),
                        None => a.len() == 2 && o.get_short() == a.chars().nth(1),
                    };
                    named && o.get_action().takes_values()
                });
            continue;
        }
        let here = path[path.len() - 1];
        // `jixiao help frob`: the usage and help to show are those of `jixiao`.
        match here.find_subcommand(a).filter(|s| s.get_name() != "help") {
            Some(sub) => path.push(sub),
            None => break,
        }
    }
    path
}

/// The Chinese message for a command line clap refused: what is wrong, a hint where clap has
/// one, the usage line of the command concerned and where its help is.
pub fn render(err: &clap::Error, cmd: &clap::Command, args: &[OsString]) -> String {
    let arg = string(err.get(ContextKind::InvalidArg));
    let arg_or = |fallback: &str| arg.clone().unwrap_or_else(|| fallback.to_string());
    let value = string(err.get(ContextKind::InvalidValue));
    let message = match err.kind() {
        ErrorKind::UnknownArgument => t::unknown_argument(&arg_or("")),
        ErrorKind::InvalidSubcommand => {
            t::unknown_command(&string(err.get(ContextKind::InvalidSubcommand)).unwrap_or_default())
        }
        ErrorKind::MissingRequiredArgument => {
            t::missing(&strings(err.get(ContextKind::InvalidArg)))
        }
        ErrorKind::MissingSubcommand => t::missing_command(
            &string(err.get(ContextKind::InvalidSubcommand)).unwrap_or_default(),
            &strings(err.get(ContextKind::ValidSubcommand)),
        ),
        ErrorKind::InvalidValue => match value.as_deref() {
            None | Some("") => t::value_missing(&arg_or("")),
            Some(v) => t::invalid_value(&arg_or(""), v, &strings(err.get(ContextKind::ValidValue))),
        },
        ErrorKind::ValueValidation => t::invalid_value(
            &arg_or(""),
            value.as_deref().unwrap_or(""),
            &strings(err.get(ContextKind::ValidValue)),
        ),
        ErrorKind::TooManyValues => {
            t::unexpected_value(&arg_or(""), value.as_deref().unwrap_or(""))
        }
        ErrorKind::NoEquals => t::needs_equals(&arg_or("")),
        ErrorKind::ArgumentConflict => {
            let prior = strings(err.get(ContextKind::PriorArg));
            match &arg {
                Some(a) if prior.len() == 1 && &prior[0] == a => t::given_twice(a),
                Some(a) => t::conflict(a, &prior),
                None => t::conflict(
                    &string(err.get(ContextKind::InvalidSubcommand)).unwrap_or_default(),
                    &prior,
                ),
            }
        }
        ErrorKind::TooFewValues => t::value_count(
            &arg_or(""),
            number(err.get(ContextKind::MinValues)),
            number(err.get(ContextKind::ActualNumValues)),
        ),
        ErrorKind::WrongNumberOfValues => t::value_count(
            &arg_or(""),
            number(err.get(ContextKind::ExpectedNumValues)),
            number(err.get(ContextKind::ActualNumValues)),
        ),
        ErrorKind::InvalidUtf8 => t::NOT_UTF8.to_string(),
        _ => t::UNREADABLE.to_string(),
    };
    let mut out = vec![t::error(&message)];
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, t::SUGGESTED_COMMAND),
        (ContextKind::SuggestedArg, t::SUGGESTED_OPTION),
        (ContextKind::SuggestedValue, t::SUGGESTED_VALUE),
    ] {
        let names = strings(err.get(kind));
        if !names.is_empty() {
            out.push(format!("  {}", t::did_you_mean(what, &names)));
        }
    }
    // clap gives these two hints as English sentences only; they are recognised by their
    // form, and any other is left out rather than shown in English.
    if let Some(ContextValue::StyledStrs(hints)) = err.get(ContextKind::Suggested) {
        for h in hints.iter().map(|h| h.to_string()) {
            if h.starts_with("to pass '") {
                out.push(format!("  {}", t::trailing_hint(&arg_or(""))));
            } else if let Some(usage) = h
                .strip_prefix('\'')
                .and_then(|h| h.strip_suffix("' exists"))
            {
                out.push(format!("  {}", t::belongs_to(usage)));
            }
        }
    }
    let path = subcommand(cmd, args);
    let mut here = path[path.len() - 1].clone();
    let usage = here.render_usage().to_string();
    let usage = usage.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    out.push(String::new());
    out.push(t::usage(usage));
    let name: Vec<&str> = path.iter().map(|c| c.get_name()).collect();
    out.push(t::see_help(&name.join(" ")));
    crate::text::printable(&out.join("\n")).into_owned() + "\n"
}

#[cfg(test)]
mod tests {
    use clap::{FromArgMatches, Parser};

    /// The fast path (clap's derived command) and the Chinese command read every valid
    /// command line alike, so skipping the Chinese one when clap reads a line changes nothing.
    #[test]
    fn the_plain_and_the_chinese_command_read_valid_lines_alike() {
        let lines: &[&[&str]] = &[
            &["jixiao", "list", "--json", "--year", "2023"],
            &[
                "jixiao",
                "--repo",
                "/tmp/x",
                "commit",
                "bj-traffic",
                "2023",
                "-m",
                "改",
            ],
            &[
                "jixiao",
                "diff",
                "bj-traffic",
                "2023",
                "初稿",
                "征求意见稿",
                "--rubric-now",
            ],
            &[
                "jixiao",
                "new",
                "edu",
                "2024",
                "--name",
                "教育局",
                "--rubric",
                "dazhou-department",
            ],
            &[
                "jixiao",
                "team",
                "add",
                "zhang",
                "--name",
                "张三",
                "--email",
                "z@x.cn",
                "--role",
                "evaluator",
            ],
            &["jixiao", "summary", "--format", "md", "-o", "-"],
            &[
                "jixiao",
                "serve",
                "--listen",
                "127.0.0.1:2222",
                "--max-sessions",
                "2",
            ],
        ];
        for line in lines {
            let plain = super::super::Cli::try_parse_from(*line).expect("plain parse");
            let m = super::super::command()
                .try_get_matches_from(*line)
                .expect("chinese parse");
            let chinese = super::super::Cli::from_arg_matches(&m).expect("from matches");
            assert_eq!(format!("{plain:?}"), format!("{chinese:?}"), "{line:?}");
        }
    }
}
