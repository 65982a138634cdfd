//! Display width of Chinese text: a CJK character takes two terminal cells.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
}
