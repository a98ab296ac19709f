//! The `markdown` pass: Markdown to plain text, parsed by `pulldown-cmark` (CommonMark with
//! tables and strikethrough).
//!
//! Headings, paragraphs and list items become lines (items keep a `-` or `1.` marker and their
//! nesting); emphasis, link and image syntax go, keeping the visible text (link targets are
//! dropped); code spans lose their backticks; fenced and indented code blocks are kept
//! verbatim; tables become rows of cells joined by ` | `; raw HTML is dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The plain text of the Markdown document `text`.
pub(crate) fn to_plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // One entry per open list: the next number of an ordered list, or None.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut cell_in_row = 0usize;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, opts) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { .. } | Tag::Paragraph | Tag::BlockQuote(_) | Tag::Table(_) => {
                    if lists.is_empty() {
                        blank_line(&mut out);
                    } else {
                        line_break(&mut out);
                    }
                }
                Tag::CodeBlock(_) | Tag::List(_) if lists.is_empty() => {
                    blank_line(&mut out);
                    if let Tag::List(start) = tag {
                        lists.push(start);
                    }
                }
                Tag::CodeBlock(_) => line_break(&mut out),
                Tag::List(start) => {
                    line_break(&mut out);
                    lists.push(start);
                }
                Tag::Item => {
                    line_break(&mut out);
                    let depth = lists.len().saturating_sub(1);
                    out.push_str(&"  ".repeat(depth));
                    match lists.last_mut() {
                        Some(Some(n)) => {
                            out.push_str(&format!("{n}. "));
                            *n += 1;
                        }
                        _ => out.push_str("- "),
                    }
                }
                Tag::TableRow | Tag::TableHead => {
                    line_break(&mut out);
                    cell_in_row = 0;
                }
                Tag::TableCell => {
                    if cell_in_row > 0 {
                        out.push_str(" | ");
                    }
                    cell_in_row += 1;
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::Table => {
                    line_break(&mut out)
                }
                TagEnd::List(_) => {
                    lists.pop();
                    line_break(&mut out);
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak | Event::Rule => line_break(&mut out),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(label) => {
                out.push('[');
                out.push_str(&label);
                out.push(']');
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }
    let trimmed = out.trim();
    if trimmed.is_empty() { String::new() } else { format!("{trimmed}\n") }
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn blank_line(out: &mut String) {
    line_break(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::to_plain_text;

    #[test]
    fn strips_syntax_and_keeps_text() {
        let md = "# Install\n\nRun **this** with [cargo](https://doc.rust-lang.org/cargo/):\n\n```sh\ncargo add x\n```\n\n- one\n- `two`\n  1. nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>html</div>\n";
        assert_eq!(
            to_plain_text(md),
            "Install\n\nRun this with cargo:\n\ncargo add x\n\n- one\n- two\n  1. nested\n\na | b\n1 | 2\n"
        );
    }
}
