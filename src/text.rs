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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_cells() {
        assert_eq!(width("资金总体"), 8);
        assert_eq!(pad("资金总体", 10), "资金总体  ");
        assert_eq!(truncate("当年预算执行情况", 7), "当年预…");
        assert_eq!(rpad("18.12", 7), "  18.12");
    }
}
