//! The words a user reads, by area (its submodules), and the display width of Chinese text
//! (a CJK character takes two terminal cells) and text made safe to print on a terminal.

pub mod args;
pub mod check;
pub mod cli;
pub mod de;
pub mod export;
pub mod form;
pub mod git;
pub mod io;
pub mod model;
pub mod num;
pub mod printers;
pub mod record;
pub mod repo;
pub mod report;
pub mod rubric;
pub mod score;
pub mod screens;
pub mod serve;
pub mod store;
pub mod summary;
pub mod sync_screen;
pub mod team;
pub mod tui;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` closes a sentence (or a clause, or a line), Chinese or ASCII.
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?' | ';')
}

/// Terminal cells `s` takes.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` cells, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// `s` cut to `w` cells and padded on the right.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let fill = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(fill))
}

/// `s` padded on the left to `w` cells (numbers).
pub fn rpad(s: &str, w: usize) -> String {
    let fill = w.saturating_sub(width(s));
    format!("{}{s}", " ".repeat(fill))
}

/// Whether `c` may not stand in text that jixiao stores: control characters other than tab
/// and line feed (U+0000–U+001F, U+007F–U+009F, which steer terminals and are not allowed in
/// Word's XML) and the noncharacters U+FFFE and U+FFFF.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// A short name of a forbidden character for messages: `U+001B（ESC）`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "退格",
        '\r' => "回车 CR",
        '\u{b}' => "垂直制表符",
        '\u{c}' => "换页符",
        '\u{1b}' => "ESC",
        '\u{7f}' => "DEL",
        '\u{FFFE}' | '\u{FFFF}' => "非字符",
        _ => "控制字符",
    };
    format!("U+{:04X}（{name}）", u32::from(c))
}

/// What text may hold, for error messages.
pub const ALLOWED: &str = "文字中只允许可打印字符、换行和制表符，不允许其他控制字符（U+0000–U+001F、U+007F–U+009F）和 U+FFFE/U+FFFF";

/// The first forbidden character of `s` (see [`is_forbidden`]), if any.
pub fn first_forbidden(s: &str) -> Option<char> {
    s.chars().find(|&c| is_forbidden(c))
}

/// Refuses text holding a forbidden character (see [`is_forbidden`]); `what` names the text
/// in the error (`提交说明（-m）`).
pub fn check_allowed(what: &str, s: &str) -> crate::Result<()> {
    match s.chars().enumerate().find(|&(_, c)| is_forbidden(c)) {
        Some((n, c)) => Err(crate::Error::ForbiddenChar {
            what: what.to_string(),
            position: n + 1,
            character: describe(c),
            allowed: ALLOWED,
        }),
        None => Ok(()),
    }
}

/// Whether printing `c` could move the cursor, change colours, set the window title or
/// reorder the text around it (bidirectional overrides).
fn steers_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FFFE}' | '\u{FFFF}')
}

/// `s` with every character that could steer a terminal shown as a visible escape
/// (`\u{1b}`), keeping line feeds and tabs. Commit messages and author names made with
/// plain git, and older records, may hold anything.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| steers_terminal(c) && c != '\n' && c != '\t')
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if steers_terminal(c) && c != '\n' && c != '\t' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`printable`] on one line: line feeds and tabs are escaped too.
pub fn printable_line(s: &str) -> String {
    printable(s).replace('\n', "\\u{a}").replace('\t', "\\u{9}")
}

/// `s` broken into lines of at most `max` cells, so a message can be read in full; a line is
/// broken after a space when one is near its end, so a command or a number stays whole.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for c in para.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > max {
                // Carry the unbroken word after the last space over, if it is short.
                let cut = line
                    .rfind(' ')
                    .filter(|&i| width(&line[i + 1..]) + cw <= max / 3);
                let rest = match cut {
                    Some(i) => {
                        let rest = line[i + 1..].to_string();
                        line.truncate(i + 1);
                        rest
                    }
                    None => String::new(),
                };
                out.push(line.trim_end().to_string());
                w = width(&rest);
                line = rest;
                if c == ' ' && line.is_empty() {
                    continue;
                }
            }
            line.push(c);
            w += cw;
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_character_and_fits() {
        let s = "保存失败：请先设置姓名 git config --global user.name 张三 然后再保存";
        let lines = wrap(s, 30);
        assert!(lines.iter().all(|l| width(l) <= 30), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), s.replace(' ', ""));
        // Words of a command are not cut in the middle.
        assert_eq!(
            lines,
            [
                "保存失败：请先设置姓名 git",
                "config --global user.name",
                "张三 然后再保存"
            ]
        );
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("", 10), vec![""]);
    }

    #[test]
    fn chinese_takes_two_cells() {
        assert_eq!(width("资金总体"), 8);
        assert_eq!(pad("资金总体", 10), "资金总体  ");
        assert_eq!(truncate("当年预算执行情况", 7), "当年预…");
        assert_eq!(rpad("18.12", 7), "  18.12");
    }

    #[test]
    fn escapes_what_steers_a_terminal() {
        assert_eq!(printable("正常\n文字\t"), "正常\n文字\t");
        assert_eq!(
            printable("\u{1b}]0;pwned\u{7}标题\u{1b}[31m红"),
            "\\u{1b}]0;pwned\\u{7}标题\\u{1b}[31m红"
        );
        assert_eq!(
            printable("a\rb\u{9b}c\u{202e}d"),
            "a\\u{d}b\\u{9b}c\\u{202e}d"
        );
        assert_eq!(printable_line("a\nb"), "a\\u{a}b");
        assert_eq!(first_forbidden("说明\n\t正文"), None);
        assert_eq!(first_forbidden("说明\u{1}"), Some('\u{1}'));
        assert_eq!(first_forbidden("\u{FFFF}"), Some('\u{FFFF}'));
        assert_eq!(describe('\u{1b}'), "U+001B（ESC）");
    }
}
