//! The last step of the .docx: docx-rs writes every part uncompressed and a fixed font table
//! (Times New Roman, Symbol, Arial); this re-packs the parts deflated and puts in a font table
//! that names the report's Chinese fonts with Word's substitution hints. The font table is
//! the only part written here by hand, because the crate has no way to set it.

use crate::error::{Error, Result};
use crate::text::export as t;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// The fonts the report uses, each with its Windows English name (`w:altName`), the GB2312
/// character set (86) and its PANOSE class, so that Word on a machine without 仿宋 or 黑体
/// falls back to an installed Chinese font of the same kind rather than a Latin one.
fn font_table() -> String {
    let chinese = |name: &str, alt: &str, panose: &str, family: &str, pitch: &str| {
        format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/><w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        )
    };
    [
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.to_string(),
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
            .to_string(),
        r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#.to_string(),
        chinese(t::FANGSONG, "FangSong", "02010609060101010101", "modern", "fixed"),
        chinese(t::SONGTI, "SimSun", "02010600030101010101", "auto", "variable"),
        chinese(t::HEITI, "SimHei", "02010609060101010101", "modern", "fixed"),
        chinese(t::KAITI, "KaiTi", "02010609060101010101", "modern", "fixed"),
        r#"</w:fonts>"#.to_string(),
    ]
    .concat()
}

fn zip_error(e: impl std::fmt::Display) -> Error {
    Error::Other(t::package_failed(e))
}

/// Re-packs the package `stored` (as docx-rs wrote it) deflated, with the report's font table.
pub(super) fn finish(stored: &[u8]) -> Result<Vec<u8>> {
    let mut src = zip::ZipArchive::new(Cursor::new(stored)).map_err(zip_error)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..src.len() {
        let mut part = src.by_index(i).map_err(zip_error)?;
        // An OPC package is a set of parts; folder entries carry nothing.
        if part.is_dir() {
            continue;
        }
        let name = part.name().to_string();
        out.start_file(name.as_str(), options).map_err(zip_error)?;
        if name == "word/fontTable.xml" {
            out.write_all(font_table().as_bytes()).map_err(zip_error)?;
        } else {
            std::io::copy(&mut part, &mut out).map_err(zip_error)?;
        }
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}
