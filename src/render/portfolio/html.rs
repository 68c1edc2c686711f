//! A portfolio report as one self-contained web page: each part a table,
//! the matrix a heat map (each member's cell in its status's colour).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Words, grids};
use crate::cli::PortfolioPart;
use crate::portfolio::PortfolioReport;
use crate::render::chart::escape;
use crate::render::labels::Lang;

/// Writes the page.
pub fn write(
    out: &mut dyn Write,
    report: &PortfolioReport,
    parts: &[PortfolioPart],
    lang: Lang,
) -> io::Result<()> {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}\n.scroll {{ overflow-x: auto; }}\ntable.grid {{ border-collapse: collapse; font-size: 0.9em; }}\ntable.grid th, table.grid td {{ border: 1px solid #d0d0d0; padding: 3px 6px; white-space: nowrap; vertical-align: top; }}\ntable.grid th {{ background: #D9E1F2; }}\n</style>\n</head>\n<body>\n<header><h1>{}</h1></header>\n",
        lang.pick("zh-CN", "en"),
        escape(&report.name),
        crate::render::html::STYLE,
        escape(&report.name)
    );
    let words = Words::people(lang);
    for grid in grids(report, parts, words) {
        let _ = write!(page, "<section>\n<h2>{}</h2>\n", escape(&grid.title));
        if grid.rows.is_empty() {
            let _ = writeln!(
                page,
                "<p class=\"nodata\">{}</p>",
                lang.pick("（无）", "(none)")
            );
        } else {
            page.push_str("<div class=\"scroll\"><table class=\"grid\">\n<thead><tr>");
            for h in &grid.headers {
                let _ = write!(page, "<th>{}</th>", escape(h));
            }
            page.push_str("</tr></thead>\n<tbody>\n");
            for row in &grid.rows {
                page.push_str("<tr>");
                for cell in row {
                    let class = match (cell.status(), cell.is_figure()) {
                        (Some(s), _) => format!(" class=\"s s-{}\"", s.as_str()),
                        (None, true) => " class=\"num\"".to_string(),
                        (None, false) => String::new(),
                    };
                    let _ = write!(page, "<td{class}>{}</td>", escape(&cell.shown(lang)));
                }
                page.push_str("</tr>\n");
            }
            page.push_str("</tbody></table></div>\n");
        }
        page.push_str("</section>\n");
    }
    let _ = write!(
        page,
        "<footer>{}</footer>\n</body>\n</html>\n",
        escape(lang.pick(
            "由 plantrack 生成。计算方法见 docs/methodology.md。",
            "Made by plantrack. How the figures are computed: docs/methodology.md."
        ))
    );
    out.write_all(page.as_bytes())
}
