//! `--help` is Chinese: every command and argument has a Chinese description, and the help
//! pages hold no English sentence (issue 10 item 15).

use std::process::Command;

fn help(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env_remove("JIXIAO_REPO")
        .output()
        .expect("running jixiao");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Three English words in a row (`Print this message`) outside backquotes: an English sentence.
fn english_sentence(s: &str) -> Option<String> {
    for line in s.lines() {
        let mut run = 0;
        for w in line.split(' ') {
            if w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase() || c == ',') {
                run += 1;
                if run >= 3 {
                    return Some(line.to_string());
                }
            } else {
                run = 0;
            }
        }
    }
    None
}

#[test]
fn every_command_and_argument_has_a_chinese_description() {
    fn walk(cmd: &clap::Command, path: &str) {
        for arg in cmd.get_arguments() {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(chinese(&help), "{path} {}: «{help}»", arg.get_id());
        }
        // The subcommands under `help` are names only (`jixiao help export`).
        for sub in cmd.get_subcommands().filter(|_| cmd.get_name() != "help") {
            let about = sub.get_about().map(|h| h.to_string()).unwrap_or_default();
            let path = format!("{path} {}", sub.get_name());
            assert!(chinese(&about), "{path}: «{about}»");
            walk(sub, &path);
        }
    }
    let cmd = jixiao::cli::command();
    walk(&cmd, "jixiao");
}

#[test]
fn help_pages_are_chinese() {
    let top = help(&["--help"]);
    for want in [
        "用法：jixiao [选项] [命令]",
        "命令",
        "选项",
        "评价库所在目录",
        "显示帮助",
        "显示版本",
        "导出部门整体绩效评价报告",
        "显示本帮助或指定命令的帮助",
    ] {
        assert!(top.contains(want), "`{want}` not in:\n{top}");
    }
    assert_eq!(english_sentence(&top), None, "{top}");
    let export = help(&["export", "--help"]);
    for want in [
        "参数",
        "<部门>  部门标识",
        "<年度>  年度（四位数字",
        "--format <格式>  导出格式",
        "-o, --output <文件>  写入的文件",
        "--rev <修订>     导出某个 git 修订",
        "--draft <稿名>   导出某个已命名稿",
        "--force          即使检查",
        "--repo <目录>    评价库所在目录",
    ] {
        assert!(export.contains(want), "`{want}` not in:\n{export}");
    }
    assert_eq!(english_sentence(&export), None, "{export}");
    for sub in [
        "init", "new", "score", "check", "list", "rubric", "commit", "log", "diff", "draft",
        "drafts", "blame", "demo", "edit", "tui",
    ] {
        let page = help(&[sub, "--help"]);
        assert_eq!(english_sentence(&page), None, "{page}");
        assert!(page.contains("用法：jixiao"), "{page}");
    }
}
