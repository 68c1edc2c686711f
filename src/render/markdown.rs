//! The report as a Markdown pipe table, for wikis and written reports.

use std::borrow::Borrow;
use std::io::{self, Write};

use super::cells;
use super::labels::{Lang, Tally};
use super::{Group, Rows};
use crate::assess::compare::{Diff, Previous};
use crate::assess::{Report, Row};

/// Writes the report as a pipe table (figures right-aligned) followed by the
/// summary line as a paragraph.
pub fn write_report(out: &mut dyn Write, report: &Report, lang: Lang) -> io::Result<()> {
    write_rows(out, Rows::of(report), lang)
}

/// [`write_report`] for rows as they are made.
pub fn write_rows(out: &mut dyn Write, report: Rows, lang: Lang) -> io::Result<()> {
    let mut tally = Tally::default();
    let as_of = report.as_of;
    let rows = report.rows.inspect(|row| tally.add(row, as_of));
    write_table(out, rows, report.previous, lang)?;
    writeln!(out)?;
    writeln!(out, "{}", escape(&lang.summary(as_of, &tally)))
}

/// Writes the narrative's paragraphs, each a paragraph of its own, before
/// the table.
pub fn write_narrative(out: &mut dyn Write, paragraphs: &[String]) -> io::Result<()> {
    for paragraph in paragraphs {
        writeln!(out, "{}\n", escape(paragraph))?;
    }
    Ok(())
}

/// Writes the report in groups, each under a `###` heading with its count
/// by status, then the count of all.
pub fn write_groups(
    out: &mut dyn Write,
    groups: &[Group],
    (as_of, previous): (i32, Option<&Previous>),
    lang: Lang,
) -> io::Result<()> {
    let mut total = Tally::default();
    for group in groups {
        if let Some(title) = &group.title {
            let counts = Tally::of(&group.rows, as_of).counts();
            writeln!(out, "### {}\n", escape(title))?;
            writeln!(out, "{}\n", escape(&lang.counts(&counts)))?;
        }
        for row in &group.rows {
            total.add(row, as_of);
        }
        write_table_of(out, &group.rows, previous, lang)?;
        writeln!(out)?;
    }
    writeln!(out, "{}", escape(&lang.summary(as_of, &total)))
}

/// One pipe table of `rows`.
fn write_table<R: Borrow<Row>>(
    out: &mut dyn Write,
    rows: impl Iterator<Item = R>,
    previous: Option<&Previous>,
    lang: Lang,
) -> io::Result<()> {
    write_table_head(out, previous, lang)?;
    let mut line = String::new();
    for row in rows {
        line.clear();
        table_line(&mut line, row.borrow(), previous, lang);
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The pipe table's lines of `rows`, made where they are assessed, for
/// [`write_made`].
pub fn table_lines(rows: &[Row], previous: Option<&Previous>, lang: Lang) -> String {
    let mut text = String::new();
    for row in rows {
        table_line(&mut text, row, previous, lang);
    }
    text
}

/// [`write_groups`] of one group without a heading, its lines made
/// beforehand by [`table_lines`], part after part.
pub fn write_made(
    out: &mut dyn Write,
    rows: &[Row],
    lines: &[String],
    (as_of, previous): (i32, Option<&Previous>),
    lang: Lang,
) -> io::Result<()> {
    write_table_head(out, previous, lang)?;
    for part in lines {
        out.write_all(part.as_bytes())?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        escape(&lang.summary(as_of, &Tally::of(rows, as_of)))
    )
}

/// [`write_table`] of a slice, its lines made on every core when it is
/// long (see [`super::text_of_each`]).
fn write_table_of(
    out: &mut dyn Write,
    rows: &[Row],
    previous: Option<&Previous>,
    lang: Lang,
) -> io::Result<()> {
    write_table_head(out, previous, lang)?;
    let parts = super::text_of_each(rows, |text, row| table_line(text, row, previous, lang));
    for part in parts {
        out.write_all(part.as_bytes())?;
    }
    Ok(())
}

/// The table's header and the rule under it (figures right-aligned).
fn write_table_head(
    out: &mut dyn Write,
    previous: Option<&Previous>,
    lang: Lang,
) -> io::Result<()> {
    let mut header: Vec<String> = cells::header(lang).map(String::from).to_vec();
    if let Some(previous) = previous {
        header.push(lang.since_header(previous.as_of));
    }
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
    )
}

/// A row's line of the pipe table, added to `line`.
fn table_line(line: &mut String, row: &Row, previous: Option<&Previous>, lang: Lang) {
    line.push('|');
    let mut cell = |text: &str| {
        line.push(' ');
        escape_into(line, text);
        line.push_str(" |");
    };
    for text in cells::cells(row, lang).iter() {
        cell(text);
    }
    if let Some(previous) = previous {
        let (before, movement) = previous.change(row);
        cell(&lang.since(before, movement));
    }
    line.push('\n');
}

/// Writes a comparison as a pipe table, slips first, then the summary.
pub fn write_diff(out: &mut dyn Write, diff: &Diff, lang: Lang) -> io::Result<()> {
    let header = cells::diff_header(lang);
    write_line(out, header.iter().map(|h| escape(h)))?;
    write_line(
        out,
        (0..header.len()).map(|i| if i >= 4 { "---:" } else { "---" }.to_string()),
    )?;
    for change in &diff.changes {
        write_line(
            out,
            cells::diff_cells(change, lang).iter().map(|c| escape(c)),
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        escape(&lang.diff_summary(diff.from, diff.to, &diff.counts()))
    )
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
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    escape_into(&mut escaped, text);
    escaped
}

/// [`escape`], added to `out`.
fn escape_into(out: &mut String, text: &str) {
    // Most cells (figures, names) hold nothing to escape: copied whole. A
    // `matches!` is a test of bits, not a search of a list, for each byte.
    let special = |b: u8| {
        matches!(
            b,
            b'|' | b'\\' | b'*' | b'_' | b'`' | b'[' | b']' | b'<' | b'\n' | b'\r'
        )
    };
    let Some(first) = text.bytes().position(special) else {
        out.push_str(text);
        return;
    };
    let (plain, rest) = text.split_at(first);
    out.push_str(plain);
    for c in rest.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
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
        assert_eq!(escape("指标_1|二"), "指标\\_1\\|二");
    }

    proptest::proptest! {
        /// Escaping by bytes, with the plain start copied whole, is
        /// escaping character by character.
        #[test]
        fn escaping_matches_a_character_by_character_reading(text in "[a-z|\\\\*_`\\[\\]<\r\n 指标“”]{0,24}") {
            let by_char: String = text
                .chars()
                .flat_map(|c| match c {
                    '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' => vec!['\\', c],
                    '\n' | '\r' => vec![' '],
                    c => vec![c],
                })
                .collect();
            proptest::prop_assert_eq!(escape(&text), by_char);
        }
    }
}
