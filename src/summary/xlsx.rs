//! The summary as an Excel workbook (.xlsx, through `rust_xlsxwriter`): one worksheet per
//! table, Chinese headers in a frozen first row, scores and rates stored as numbers (so the
//! bureau can sort, sum and chart them) shown with two decimals, and columns as wide as their
//! longest text, a Chinese character counting two.

use super::{Cell, Summary, sheets};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

/// Column widths in characters: never narrower than a short number, never wider than a
/// screen's half (a long error message wraps in Excel instead).
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

fn xlsx_error(e: XlsxError) -> Error {
    Error::Other(crate::text::summary::xlsx_failed(e))
}

/// An exact decimal as the double Excel stores. The file holds a number as the shortest
/// text that reads back as the same double, and the double nearest to a decimal of a few
/// digits prints as that decimal: 95.97 is written `95.97`, never `95.969999…`.
fn number(d: Decimal) -> Option<f64> {
    d.to_string().parse::<f64>().ok()
}

/// The number format of a percentage with `dp` decimals (`0.00%`).
fn percent_format(dp: u32) -> String {
    if dp == 0 {
        "0%".into()
    } else {
        format!("0.{}%", "0".repeat(dp as usize))
    }
}

struct Formats {
    header: Format,
    score: Format,
    count: Format,
}

fn write_cell(ws: &mut Worksheet, f: &Formats, row: u32, col: u16, cell: &Cell) -> Result<()> {
    let text = |ws: &mut Worksheet, s: &str| ws.write_string(row, col, s).map(|_| ());
    let done = match cell {
        Cell::Empty => Ok(()),
        Cell::Text(t) => text(ws, t),
        Cell::Score(d) => match number(*d) {
            Some(v) => ws
                .write_number_with_format(row, col, v, &f.score)
                .map(|_| ()),
            None => text(ws, &cell.display()),
        },
        // Stored as a fraction (0.9062) with a percent format, as Excel keeps percentages.
        Cell::Percent(p, dp) => match number(*p / Decimal::ONE_HUNDRED) {
            Some(v) => ws
                .write_number_with_format(
                    row,
                    col,
                    v,
                    &Format::new().set_num_format(percent_format(*dp)),
                )
                .map(|_| ()),
            None => text(ws, &cell.display()),
        },
        Cell::Count(n) => ws
            .write_number_with_format(row, col, *n as f64, &f.count)
            .map(|_| ()),
    };
    done.map_err(xlsx_error)
}

/// Renders the summary as the bytes of an .xlsx file.
pub fn render(s: &Summary) -> Result<Vec<u8>> {
    let f = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border_bottom(FormatBorder::Thin),
        score: Format::new().set_num_format("0.00"),
        count: Format::new().set_num_format("0"),
    };
    let mut book = Workbook::new();
    for sheet in sheets(s) {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).map_err(xlsx_error)?;
        let mut widths: Vec<usize> = sheet.header.iter().map(|h| crate::text::width(h)).collect();
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &f.header)
                .map_err(xlsx_error)?;
        }
        for (r, cells) in sheet.rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                write_cell(ws, &f, r as u32 + 1, c as u16, cell)?;
                let w = crate::text::width(&cell.display());
                match widths.get_mut(c) {
                    Some(x) => *x = (*x).max(w),
                    None => widths.push(w),
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            // Two characters of room, as Excel's own autofit leaves.
            let w = (w + 2).clamp(MIN_WIDTH, MAX_WIDTH);
            ws.set_column_width(c as u16, w as f64)
                .map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_become_the_doubles_that_print_as_them() {
        for s in ["95.97", "18.12", "0.9062", "576431.54", "0.01"] {
            let d: Decimal = s.parse().unwrap();
            assert_eq!(number(d).map(|v| v.to_string()).as_deref(), Some(s));
        }
        assert_eq!(percent_format(2), "0.00%");
        assert_eq!(percent_format(0), "0%");
    }
}
