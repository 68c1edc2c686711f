//! A portfolio report as an Excel workbook: a sheet per part, figures as
//! numbers, every status cell filled in its colour (the matrix a heat
//! map), headers frozen and filtered, printed A4 landscape one page wide.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::{Cell, Grid, Words, grids};
use crate::assess::Status;
use crate::cli::PortfolioPart;
use crate::portfolio::PortfolioReport;
use crate::render::committee;
use crate::render::labels::Lang;

/// The workbook's bytes.
pub fn write(
    report: &PortfolioReport,
    parts: &[PortfolioPart],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).unwrap_or_default();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    let words = Words::people(lang);
    for grid in grids(report, parts, words) {
        sheet(workbook.add_worksheet(), &report.name, &grid, lang)?;
    }
    workbook.save_to_buffer()
}

fn bordered() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_border_color("BFBFBF")
        .set_align(FormatAlign::Top)
}

/// A status cell's format, in the committee table's colours.
fn fill(status: Status) -> Format {
    match committee::colours(status) {
        Some((background, font)) => bordered()
            .set_background_color(background)
            .set_font_color(font),
        None => bordered(),
    }
}

fn sheet(sheet: &mut Worksheet, name: &str, grid: &Grid, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(sheet_name(&grid.title))?;
    let title = Format::new().set_bold().set_font_size(14);
    sheet.write_string_with_format(0, 0, format!("{name} · {}", grid.title), &title)?;
    let header = bordered()
        .set_bold()
        .set_background_color("D9E1F2")
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let (text, number, count, percent) = (
        bordered(),
        bordered().set_num_format("#,##0.00"),
        bordered().set_num_format("0"),
        bordered().set_num_format("0%"),
    );
    let fills: Vec<Format> = Status::ALL.iter().map(|s| fill(*s)).collect();
    let mut widths: Vec<usize> = grid
        .headers
        .iter()
        .map(|h| h.width().div_ceil(2).max(6))
        .collect();
    for (col, h) in (0u16..).zip(&grid.headers) {
        sheet.write_string_with_format(2, col, h, &header)?;
    }
    let mut row = 2u32;
    for cells in &grid.rows {
        row += 1;
        for ((col, cell), width) in (0u16..).zip(cells).zip(widths.iter_mut()) {
            *width = (*width).max(cell.shown(lang).width());
            match cell {
                Cell::Text(t) => sheet.write_string_with_format(row, col, t, &text)?,
                Cell::Count(n) => sheet.write_number_with_format(row, col, *n as f64, &count)?,
                Cell::Year(Some(y)) => {
                    sheet.write_number_with_format(row, col, f64::from(*y), &count)?
                }
                Cell::Number(Some(v)) => sheet.write_number_with_format(row, col, *v, &number)?,
                Cell::Percent(Some(p)) => sheet.write_number_with_format(row, col, *p, &percent)?,
                Cell::Number(None) | Cell::Percent(None) | Cell::Year(None) => {
                    sheet.write_blank(row, col, &text)?
                }
                Cell::Status(s, _) => {
                    let format = Status::ALL
                        .iter()
                        .position(|x| x == s)
                        .and_then(|i| fills.get(i))
                        .unwrap_or(&text);
                    sheet.write_string_with_format(row, col, cell.shown(lang), format)?
                }
            };
        }
    }
    for (col, width) in (0u16..).zip(&widths) {
        sheet.set_column_width(col, ((*width).clamp(6, 40) + 2) as f64)?;
    }
    let last = u16::try_from(grid.headers.len().saturating_sub(1)).unwrap_or(0);
    sheet.set_row_height(2, 30)?;
    sheet.set_freeze_panes(3, 0)?;
    if !grid.rows.is_empty() {
        sheet.autofilter(2, 0, row, last)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(2, 2)?;
    Ok(())
}

/// A sheet's name: Excel allows 31 characters and none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}
