//! A record's text cut at its top-level tables, so that a table whose text did not change
//! between two revisions need not be parsed again ([`super::memo`]).
//!
//! The cut is made by a scanner that knows only what can hide a line beginning with `[`:
//! comments, the four kinds of string, and the brackets of arrays and inline tables. Whatever
//! it cannot be sure of (a quoted table name, an unclosed string or bracket) makes it give
//! up, and the caller parses the text whole.

/// The text before the first table header, and each top-level table's text: every header
/// whose first key is that table's name (`[targets]`, `[[targets.indicators]]`) with its lines
/// up to the next header (a chunk), in file order.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'t> {
    /// Everything before the first header (`rubric = …`, comments).
    pub root: &'t str,
    /// Each top-level table's name and chunks, in the order first met.
    pub tables: Vec<(&'t str, Vec<&'t str>)>,
}

/// Cuts `text` at its table headers; `None` when it cannot be cut with certainty.
pub fn split(text: &str) -> Option<Split<'_>> {
    let cuts = headers(text.as_bytes())?;
    let root = &text[..cuts.first().map_or(text.len(), |c| c.0)];
    let mut tables: Vec<(&str, Vec<&str>)> = Vec::new();
    for (k, &(start, name)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(text.len(), |c| c.0);
        let name = &text[name.0..name.1];
        let chunk = &text[start..end];
        match tables.iter_mut().find(|(n, _)| *n == name) {
            Some((_, t)) => t.push(chunk),
            None => tables.push((name, vec![chunk])),
        }
    }
    Some(Split { root, tables })
}

/// Where each header begins, with the byte range of its first key.
type Cut = (usize, (usize, usize));

/// Every table header of `b` (`[` or `[[` first on a line, outside strings and brackets).
fn headers(b: &[u8]) -> Option<Vec<Cut>> {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    loop {
        // At the start of a line.
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\r')) {
            i += 1;
        }
        if depth == 0 && b.get(i) == Some(&b'[') {
            let array = b.get(i + 1) == Some(&b'[');
            let mut j = i + 1 + usize::from(array);
            while matches!(b.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            let from = j;
            while b.get(j).is_some_and(|&c| is_bare(c)) {
                j += 1;
            }
            if j == from {
                return None;
            }
            cuts.push((i, (from, j)));
            depth = 1 + usize::from(array);
            i = j;
        }
        // The rest of the line, and of the lines a string or bracket holds.
        loop {
            // Most bytes are in strings, which are skipped whole; the others are keys,
            // numbers and blanks, passed over here a byte at a time.
            while b.get(i).is_some_and(|&c| !SPECIAL[usize::from(c)]) {
                i += 1;
            }
            match b.get(i) {
                None => return (depth == 0).then_some(cuts),
                Some(b'\n') => {
                    i += 1;
                    break;
                }
                Some(b'#') => i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p),
                Some(b'"' | b'\'') => i = string_end(b, i)?,
                Some(b'[' | b'{') => {
                    depth += 1;
                    i += 1;
                }
                Some(_) => {
                    depth = depth.checked_sub(1)?;
                    i += 1;
                }
            }
        }
    }
}

/// The bytes the scan of a line stops at: line feed, comment, quotes and brackets.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let stops = b"\n#\"'[]{}";
    while k < stops.len() {
        t[stops[k] as usize] = true;
        k += 1;
    }
    t
};

/// A byte of a bare key.
fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// The index just past the string opening at `at` (`"`, `'`, `"""` or `'''`); `None` when it
/// is not closed as TOML requires.
fn string_end(b: &[u8], at: usize) -> Option<usize> {
    let quote = b[at];
    let escapes = quote == b'"';
    let multi = b.get(at + 1) == Some(&quote) && b.get(at + 2) == Some(&quote);
    let mut i = at + if multi { 3 } else { 1 };
    loop {
        let rest = &b[i.min(b.len())..];
        let next = match (escapes, multi) {
            (true, true) => memchr::memchr2(quote, b'\\', rest),
            (true, false) => memchr::memchr3(quote, b'\\', b'\n', rest),
            (false, true) => memchr::memchr(quote, rest),
            (false, false) => memchr::memchr2(quote, b'\n', rest),
        };
        i += next?;
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return None,
            _ if !multi => return Some(i + 1),
            _ => {
                let run = b[i..].iter().take_while(|&&q| q == quote).count();
                if run >= 3 {
                    // Up to two quotes may end the text before the closing three.
                    return (run <= 5).then_some(i + run);
                }
                i += run;
            }
        }
    }
}

#[cfg(test)]
mod tests;
