//! The `whitespace` pass: the same text with fewer blank characters.
//!
//! Line endings become `\n`; zero-width characters (U+200B, U+FEFF, U+2060) are removed;
//! other Unicode spaces (no-break, thin, ideographic, ...) become a plain space; trailing blanks
//! are trimmed; runs of blanks inside a line shrink to one space, while leading indentation is
//! kept (it carries meaning in code, YAML and lists); more than one blank line in a row becomes
//! one; blank lines at the start and end go.

/// Normalizes the whitespace of `text`.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0usize;
    let mut started = false;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for line in text.split('\n') {
        let line: String = line
            .chars()
            .filter(|c| !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}'))
            .map(|c| if c != '\t' && c != ' ' && c.is_whitespace() { ' ' } else { c })
            .collect();
        let trimmed_end = line.trim_end();
        if trimmed_end.is_empty() {
            blank_run += 1;
            continue;
        }
        if started {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        started = true;
        blank_run = 0;
        let indent_len = trimmed_end.len() - trimmed_end.trim_start().len();
        out.push_str(&trimmed_end[..indent_len]);
        let mut prev_blank = false;
        for c in trimmed_end[indent_len..].chars() {
            let blank = c == ' ' || c == '\t';
            if blank {
                if !prev_blank {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
            prev_blank = blank;
        }
    }
    if started && text.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::normalize;

    #[test]
    fn collapses_runs_and_blank_lines_but_keeps_indentation() {
        let input = "a  b\t\tc   \r\n\r\n\r\n\r\n    indented\u{00A0}line\u{200B}\n\n";
        assert_eq!(normalize(input), "a b c\n\n    indented line\n");
        assert_eq!(normalize("  \n \n"), "");
    }
}
