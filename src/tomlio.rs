//! Reading TOML that people write by hand: exact decimals and errors with file, line and field.
//!
//! TOML floats are binary64 by spec, so before serde sees the document every float is replaced
//! by the text the person typed (`576431.54`); the number types then parse that text exactly.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Refuses keys and strings that hold control characters (see [`crate::text::is_forbidden`]):
/// they steer terminals and make Word's XML invalid. Windows line ends (CRLF) in multi-line
/// strings are read as plain line feeds first, so that a file saved on Windows still reads.
///
/// The path of the value being visited is kept as segments and spelled out only for the one
/// field reported: every record is checked on every save, and building a path string for
/// each of its thousands of values was a tenth of a save.
struct TextCheck {
    /// The first forbidden character found and the field holding it.
    found: Option<(String, char, usize)>,
    path: Vec<Seg>,
}

/// One step of a path: a key or an array index.
enum Seg {
    Key(String),
    Index(usize),
}

impl TextCheck {
    fn new() -> TextCheck {
        TextCheck {
            found: None,
            path: Vec::new(),
        }
    }

    /// The dotted path of the value being visited (`targets.indicators[2].actual`).
    fn field(&self) -> String {
        let mut f = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) => {
                    if !f.is_empty() {
                        f.push('.');
                    }
                    f.push_str(k);
                }
                Seg::Index(i) => f.push_str(&format!("[{i}]")),
            }
        }
        f
    }

    fn text(&mut self, s: &str) {
        if self.found.is_some() {
            return;
        }
        if let Some((n, c)) = s
            .chars()
            .enumerate()
            .find(|&(_, c)| crate::text::is_forbidden(c))
        {
            self.found = Some((self.field(), c, n + 1));
        }
    }

    fn table(&mut self, t: &mut DeTable<'_>) {
        for (k, v) in t.iter_mut() {
            self.path.push(Seg::Key(k.get_ref().to_string()));
            self.text(k.get_ref());
            self.value(v.get_mut());
            self.path.pop();
        }
    }

    fn value(&mut self, v: &mut DeValue<'_>) {
        match v {
            DeValue::String(s) => {
                if s.contains("\r\n") {
                    *s = Cow::Owned(s.replace("\r\n", "\n"));
                }
                self.text(s);
            }
            DeValue::Array(a) => {
                for (i, x) in a.iter_mut().enumerate() {
                    self.path.push(Seg::Index(i));
                    self.value(x.get_mut());
                    self.path.pop();
                }
            }
            DeValue::Table(t) => self.table(t),
            _ => {}
        }
    }
}

/// Replaces every float by the text written for it, so that the number types parse that
/// text exactly: a TOML float is a binary64 by spec, and `0.1` must stay 0.1.
fn floats_as_written(v: &mut DeValue<'_>) {
    match v {
        DeValue::Float(f) => {
            let written = f.as_str().to_string();
            *v = DeValue::String(Cow::Owned(written));
        }
        DeValue::Array(a) => a.iter_mut().for_each(|x| floats_as_written(x.get_mut())),
        DeValue::Table(t) => t
            .iter_mut()
            .for_each(|(_, x)| floats_as_written(x.get_mut())),
        _ => {}
    }
}

/// Whether a key or string of `text` can hold a forbidden character or a CRLF line end: only
/// when the text itself holds one, or a backslash (an escape such as `\u001b` writes one).
/// Most records hold neither, and walking every value of the parsed document to find out
/// was a fifth of the time of reading a record.
fn may_hold_forbidden(text: &str) -> bool {
    let b = text.as_bytes();
    // Blocks of bytes are first tested with plain comparisons the compiler turns into vector
    // instructions; only a block that may hold one is looked at byte by byte. A byte-by-byte
    // scan alone was a tenth of a province's first listing.
    const BLOCK: usize = 32;
    let mut at = 0;
    while at + BLOCK < b.len() {
        let w = &b[at..=at + BLOCK];
        let mut maybe = false;
        for j in 0..BLOCK {
            let (c, next) = (w[j], w[j + 1]);
            maybe |= (c < 0x20) & (c != b'\t') & (c != b'\n')
                | (c == b'\\')
                | (c == 0x7f)
                | (c == 0xc2) & (next & 0xe0 == 0x80)
                | (c == 0xef) & (next == 0xbf);
        }
        if maybe && (at..at + BLOCK).any(|i| forbidden_at(b, i)) {
            return true;
        }
        at += BLOCK;
    }
    (at..b.len()).any(|i| forbidden_at(b, i))
}

/// Whether the byte at `i` is a backslash or begins a character `text::is_forbidden` names:
/// by bytes, as UTF-8 spells them: C0 controls but tab and line feed, DEL, the C1 controls
/// (C2 80–9F) and U+FFFE/U+FFFF (EF BF BE/BF).
fn forbidden_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\\' | 0x7f => true,
        c @ 0x00..=0x1f => c != b'\t' && c != b'\n',
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xef => b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf)),
        _ => false,
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, col)
}

/// The document of `text` (the contents of `path`), its floats as written and its text
/// checked for control characters.
pub(crate) fn document<'t>(path: &Path, text: &'t str) -> Result<Spanned<DeTable<'t>>> {
    // The `toml` crate's borrowed document, not toml_edit's: it keeps no formatting to
    // write back, and reading a record through it takes a fraction of the time, which is
    // what a province's list of thousands of records and a blame of every revision cost.
    let mut root = DeTable::parse(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        Error::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: crate::text::de::syntax_message(e.message()),
        }
    })?;
    root.get_mut()
        .iter_mut()
        .for_each(|(_, v)| floats_as_written(v.get_mut()));
    let mut check = TextCheck::new();
    if may_hold_forbidden(text) {
        check.table(root.get_mut());
    }
    if let Some((field, c, n)) = check.found {
        return Err(Error::Field {
            path: path.to_path_buf(),
            location: locate(text, &field)
                .map(|(l, c)| format!(":{l}:{c}"))
                .unwrap_or_default(),
            message: crate::text::model::forbidden_in_file(n, &crate::text::describe(c)),
            field,
        });
    }
    Ok(root)
}

/// Parses `text` (the contents of `path`) into `T`, keeping every number exactly as written.
pub fn parse<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    parse_looking(path, text, |_| ()).map(|(v, ())| v)
}

/// [`parse`], handing the document to `look` first: a caller that also asks something of the
/// document's shape (blame: whether every row has its id) reads the text once, not twice.
pub(crate) fn parse_looking<T: serde::de::DeserializeOwned, L>(
    path: &Path,
    text: &str,
    look: impl FnOnce(&DeTable<'_>) -> L,
) -> Result<(T, L)> {
    // Read without tracking the path of each value (a sixth of reading a record); a text
    // that does not read is read again with it, to name the field in the error.
    let doc = document(path, text)?;
    let seen = look(doc.get_ref());
    if let Ok(v) = T::deserialize(toml::de::Deserializer::from(doc)) {
        return Ok((v, seen));
    }
    parse_tracked(path, text).map(|v| (v, seen))
}

/// Reads `text` into `T` tracking the path of each value, so that an error names its field.
fn parse_tracked<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    let de = toml::de::Deserializer::from(document(path, text)?);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let raw = e.inner().message().trim().to_string();
        let message = crate::text::de::serde_message(&raw);
        let mut field = e.path().to_string();
        // A missing field is reported at its table (`.` for the top); name the field itself.
        if let Some(name) = raw
            .strip_prefix("missing field `")
            .and_then(|r| r.strip_suffix('`'))
        {
            field = match field.as_str() {
                "." | "" => name.to_string(),
                table => format!("{table}.{name}"),
            };
        }
        let location = locate(text, &field)
            .map(|(l, c)| format!(":{l}:{c}"))
            .unwrap_or_default();
        Error::Field {
            path: path.to_path_buf(),
            location,
            field,
            message,
        }
    })
}

/// Where a dotted field path (`budget.budget_total`, `targets.indicators[2].actual`) sits in `text`.
pub fn locate(text: &str, field: &str) -> Option<(usize, usize)> {
    let doc: toml_edit::Document<&str> = toml_edit::Document::parse(text).ok()?;
    let mut table: &toml_edit::Table = doc.as_table();
    let mut span = None;
    for part in field.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let Some(item) = table.get(key) else { break };
        span = item.span().or(span);
        let next = match (item, index) {
            (toml_edit::Item::Table(t), None) => Some(t),
            (toml_edit::Item::ArrayOfTables(a), Some(i)) => a.get(i),
            (toml_edit::Item::Value(v), Some(i)) => {
                span = v
                    .as_array()
                    .and_then(|a| a.get(i))
                    .and_then(|v| v.span())
                    .or(span);
                None
            }
            _ => None,
        };
        match next {
            Some(t) => {
                span = t.span().or(span);
                table = t;
            }
            None => break,
        }
    }
    span.map(|s| line_col(text, s.start))
}

/// Reads a whole file, naming it in the error.
pub fn read(path: &Path) -> Result<String> {
    with_text(path, |text| Ok(text.to_string()))
}

/// Reads a whole file and hands its text to `use_text`, the error naming the file. The
/// check that the bytes are UTF-8 is simdutf8's, vectorized: the standard library's, a byte
/// at a time through Chinese text, was a twelfth of reading a record.
pub fn with_text<R>(path: &Path, use_text: impl FnOnce(&str) -> Result<R>) -> Result<R> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = simdutf8::basic::from_utf8(&bytes).map_err(|_| {
        let e = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        );
        Error::io(path, e)
    })?;
    use_text(text)
}

/// Writes a file atomically: a temporary file in the same folder, then a rename over the target.
pub fn write_atomic(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(contents.as_ref()))
}

/// Writes a file atomically as [`write_atomic`] does, its contents written by `write` to a
/// buffered writer: a large file (a province's cache of scores) is never held whole in memory.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".jixiao-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    // A temporary file is private (0600); the file it replaces keeps its own permissions,
    // and a new one gets the usual 0644, so colleagues sharing the repository can read it.
    let permissions = std::fs::metadata(path)
        .map(|m| m.permissions())
        .ok()
        .or_else(fresh_permissions);
    let written = {
        let mut buffered = std::io::BufWriter::new(tmp.as_file());
        write(&mut buffered).and_then(|_| buffered.flush())
    };
    written
        .and_then(|_| match permissions {
            Some(p) => tmp.as_file().set_permissions(p),
            None => Ok(()),
        })
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(unix)]
fn fresh_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn fresh_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field named for a control character: its full path, through tables of rows,
    /// arrays and inline tables.
    fn refused_field(text: &str) -> String {
        match parse::<serde_json::Value>(Path::new("x.toml"), text) {
            Err(Error::Field { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_control_character_is_reported_with_its_whole_path() {
        let text = "[targets]\nname = \"ok\"\n\n[[targets.rows]]\na = \"ok\"\n\n[[targets.rows]]\nb = [\"ok\", \"x\\u0007\"]\n";
        assert_eq!(refused_field(text), "targets.rows[1].b[1]");
        let text = "[t]\nrow = { k = \"ok\", v = \"\\u001b[31m\" }\n";
        assert_eq!(refused_field(text), "t.row.v");
        let text = "\"a\\u0001b\" = 1\n";
        assert_eq!(refused_field(text), "a\u{1}b");
    }

    proptest::proptest! {
        /// Whatever a string holds and however it is written, it is refused exactly when it
        /// holds a forbidden character (a CRLF being a line feed): skipping the walk for text
        /// that cannot hold one never lets one through.
        #[test]
        fn a_string_is_refused_exactly_when_it_holds_a_forbidden_character(
            s in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{fffe}\\u{ffff}]|\r\n){0,12}",
            literal in proptest::bool::ANY,
        ) {
            let value = if literal && !s.contains('\'') && !s.chars().any(char::is_control) {
                format!("'{s}'")
            } else {
                toml_edit::Value::from(s.as_str()).to_string()
            };
            let text = format!("[t]\nv = {value}\n");
            let read = s.replace("\r\n", "\n");
            let forbidden = read.chars().any(crate::text::is_forbidden);
            match parse::<serde_json::Value>(Path::new("x.toml"), &text) {
                Ok(v) => {
                    proptest::prop_assert!(!forbidden, "{text:?} let through");
                    proptest::prop_assert_eq!(v["t"]["v"].as_str(), Some(read.as_str()));
                }
                Err(Error::Field { field, .. }) => {
                    proptest::prop_assert!(forbidden, "{text:?} refused");
                    proptest::prop_assert_eq!(field, "t.v");
                }
                Err(e) => proptest::prop_assert!(false, "{text:?}: {e}"),
            }
        }
    }

    proptest::proptest! {
        /// The byte scan finds what a scan by characters finds, wherever the one character
        /// sits in a long text (at the edges of the blocks tested at once too), and finds
        /// nothing in text without one (fullwidth punctuation begins with the same byte as
        /// U+FFFF).
        #[test]
        fn the_byte_scan_is_the_character_scan(
            clean in "(\\PC|[，一\\u{ffef}\\u{fffd}\\u{a0}-\\u{bf}]){0,120}",
            bad in proptest::option::of(proptest::sample::select(vec![
                '\u{0}', '\u{1b}', '\r', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}',
                '\u{fffe}', '\u{ffff}', '\\',
            ])),
            at in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            let mut s = clean;
            if let Some(bad) = bad {
                let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
                s.insert(*at.get(&bounds), bad);
            }
            let by_chars = s.contains('\\') || s.chars().any(crate::text::is_forbidden);
            proptest::prop_assert_eq!(may_hold_forbidden(&s), by_chars);
        }

        /// Every float reaches serde as exactly the text written, in a table, an inline table
        /// or an array, with any spacing around it.
        #[test]
        fn floats_are_read_as_written(
            whole in -999_999_999i64..999_999_999,
            frac in "[0-9]{1,6}",
            pad in " {0,3}",
        ) {
            let n = format!("{whole}.{frac}");
            let text = format!("a ={pad}{n}{pad}\nb = [{pad}{n},{pad}1.0]\nc = {{ x ={pad}{n}{pad}}}\n");
            let v: serde_json::Value = parse(Path::new("x.toml"), &text).expect("parses");
            proptest::prop_assert_eq!(v["a"].as_str(), Some(n.as_str()));
            proptest::prop_assert_eq!(v["b"][0].as_str(), Some(n.as_str()));
            proptest::prop_assert_eq!(v["b"][1].as_str(), Some("1.0"));
            proptest::prop_assert_eq!(v["c"]["x"].as_str(), Some(n.as_str()));
        }
    }

    #[test]
    fn only_text_that_can_hold_a_forbidden_character_is_walked() {
        assert!(!may_hold_forbidden("[s]\nv = \"一、二\"\nn = 1.50\n"));
        assert!(may_hold_forbidden("v = \"\\u001b\"\n"));
        assert!(may_hold_forbidden("v = \"\u{1b}[31m\"\n"));
        assert!(may_hold_forbidden("v = \"\"\"\r\n一\"\"\"\r\n"));
        assert!(may_hold_forbidden("v = \"\u{85}\"\n"));
    }

    #[test]
    fn clean_text_parses_and_windows_line_ends_are_read_as_line_feeds() {
        let t: serde_json::Value =
            parse(Path::new("x.toml"), "[s]\nv = \"一\\r\\n二\"\n").expect("parses");
        let v = t["s"]["v"].as_str().map(str::to_string);
        assert_eq!(v.as_deref(), Some("一\n二"));
    }
}
