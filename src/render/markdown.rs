//! The report as a Markdown pipe table, for wikis and written reports.

use std::io::{self, Write};

use super::Rows;
use super::cells;
use super::labels::{Lang, Tally};
use crate::assess::Report;

/// Writes the report as a pipe table (figures right-aligned) followed by the
/// summary line as a paragraph.
pub fn write_report(out: &mut dyn Write, report: &Report, lang: Lang) -> io::Result<()> {
    write_rows(out, Rows::of(report), lang)
}

/// [`write_report`] for rows as they are made.
pub fn write_rows(out: &mut dyn Write, report: Rows, lang: Lang) -> io::Result<()> {
    let header = cells::header(lang);
    write_line(out, header.iter().map(|h| escape(h)))?;
    write_line(
        out,
        (0..header.len()).map(|i| {
            if cells::FIGURES.contains(&i) {
                "---:".to_string()
            } else {
                "---".to_string()
            }
        }),
    )?;
    let mut tally = Tally::default();
    for row in report.rows {
        write_line(out, cells::cells(&row, lang).iter().map(|c| escape(c)))?;
        tally.add(&row, report.as_of);
    }
    writeln!(out)?;
    writeln!(out, "{}", escape(&lang.summary(report.as_of, &tally)))
}

fn write_line(out: &mut dyn Write, cells: impl Iterator<Item = String>) -> io::Result<()> {
    write!(out, "|")?;
    for cell in cells {
        write!(out, " {cell} |")?;
    }
    writeln!(out)
}

/// A cell's text made safe inside a pipe table: pipes, backslashes and the
/// characters Markdown would read as markup escaped, line breaks as spaces.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("“1+6”重点行业"), "“1+6”重点行业");
        assert_eq!(escape("line\r\nbreak"), "line  break");
        assert_eq!(escape("x_y*z"), "x\\_y\\*z");
    }
}
