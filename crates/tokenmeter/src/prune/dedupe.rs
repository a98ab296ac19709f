//! The `dedupe` pass: removes exact and near-duplicate text, in three steps.
//!
//! 1. **Quoted replies.** A line quoted with `>` whose text (quote marks and spacing aside)
//!    also appears as an unquoted line, or earlier in a quote, is dropped; so is a bare `>`
//!    line; and an attribution line (`On ..., X wrote:`) whose whole quote block went.
//! 2. **Paragraphs** (blank-line separated, 40 characters or more). Two paragraphs are near
//!    duplicates when their word sets overlap by at least 90% (Jaccard) after digits are
//!    masked, so state that is repeated each turn with a changed number or timestamp counts.
//!    Only the last copy stays: when state repeats, the newest is the one that is true.
//! 3. **Lines** (3 words and 20 characters or more; mail headers such as `From:` and `Date:`
//!    excepted). A line that repeats an earlier line exactly (spacing aside) is dropped. A line
//!    that differs from the line just before it only in digit runs and hex ids (a log's
//!    heartbeat, a counter) is dropped too, and the first line of such a run stays (a log's
//!    first occurrence tells when it started). Every run of dropped lines leaves a
//!    `[N similar lines omitted]` note where a line with other numbers went (exact repeats
//!    lose nothing and need two or more to leave a note). Lines that differ in their numbers
//!    and are not adjacent are both kept: the later one may be newer state, and the line pass
//!    cannot tell (the paragraph step above keeps the newest copy of a repeated block).
//!
//! The pass is lossy by design (near duplicates differ in their numbers); keep it out of a
//! pipeline for text where every number matters.

use std::collections::{HashMap, HashSet};

const MIN_PARAGRAPH_CHARS: usize = 40;
const MIN_LINE_CHARS: usize = 20;
const MIN_LINE_WORDS: usize = 3;
const NEAR_DUPLICATE: f64 = 0.9;
/// Near-duplicate paragraphs are looked for among this many previous ones.
const PARAGRAPH_WINDOW: usize = 256;

/// Removes duplicate quoted lines, paragraphs and lines from `text`.
pub(crate) fn dedupe(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut keep = vec![true; lines.len()];
    drop_quoted(&lines, &mut keep);
    drop_paragraphs(&lines, &mut keep);
    let notes = drop_lines(&lines, &mut keep);
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    let mut last_blank = false;
    for (i, line) in lines.iter().enumerate() {
        let piece: Option<String> = if keep[i] {
            Some((*line).to_string())
        } else {
            notes.get(&i).map(|&n| if n == 1 { "[1 similar line omitted]".to_string() } else { format!("[{n} similar lines omitted]") })
        };
        let Some(piece) = piece else { continue };
        let blank = piece.trim().is_empty();
        if blank && (last_blank || first) {
            continue;
        }
        if !first {
            out.push('\n');
        }
        out.push_str(&piece);
        first = false;
        last_blank = blank;
    }
    if text.ends_with('\n') && !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    out
}

fn quote_depth_and_text(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line.trim_start();
    while let Some(r) = rest.strip_prefix('>') {
        depth += 1;
        rest = r.trim_start();
    }
    (depth, rest)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn drop_quoted(lines: &[&str], keep: &mut [bool]) {
    let unquoted: HashSet<String> = lines
        .iter()
        .filter(|l| quote_depth_and_text(l).0 == 0)
        .map(|l| squash(l))
        .filter(|s| !s.is_empty())
        .collect();
    let mut quoted_seen: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < lines.len() {
        if quote_depth_and_text(lines[i]).0 == 0 {
            i += 1;
            continue;
        }
        // A quote block: consecutive quoted lines.
        let start = i;
        let mut all_dropped = true;
        while i < lines.len() && quote_depth_and_text(lines[i]).0 > 0 {
            let body = squash(quote_depth_and_text(lines[i]).1);
            if body.is_empty() || unquoted.contains(&body) || quoted_seen.contains(&body) {
                keep[i] = false;
            } else {
                all_dropped = false;
                quoted_seen.insert(body);
            }
            i += 1;
        }
        if all_dropped {
            // The attribution line just before the block (blank lines aside).
            let mut j = start;
            while j > 0 && lines[j - 1].trim().is_empty() {
                j -= 1;
            }
            if j > 0 && lines[j - 1].trim_end().ends_with("wrote:") {
                keep[j - 1] = false;
            }
        }
    }
}

/// Digits runs become `0`; long hex-looking words with a digit become `#`.
fn mask(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let hexish = word.len() >= 8
            && word.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
            && word.chars().any(|c| c.is_ascii_digit());
        if hexish {
            out.push('#');
            continue;
        }
        let mut in_digits = false;
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    out.push('0');
                }
                in_digits = true;
            } else {
                out.push(c);
                in_digits = false;
            }
        }
    }
    out
}

fn drop_paragraphs(lines: &[&str], keep: &mut [bool]) {
    // Paragraphs as ranges of kept, non-blank lines.
    let mut paragraphs: Vec<(Vec<usize>, HashSet<String>, String)> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let flush = |current: &mut Vec<usize>, paragraphs: &mut Vec<(Vec<usize>, HashSet<String>, String)>| {
        if current.is_empty() {
            return;
        }
        let text: String = current.iter().map(|&i| lines[i]).collect::<Vec<_>>().join("\n");
        if text.chars().count() >= MIN_PARAGRAPH_CHARS {
            let masked = mask(&text);
            let words = masked.split(' ').map(str::to_string).collect();
            paragraphs.push((std::mem::take(current), words, masked));
        } else {
            current.clear();
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            flush(&mut current, &mut paragraphs);
        } else if keep[i] {
            current.push(i);
        }
    }
    flush(&mut current, &mut paragraphs);
    // For each paragraph, drop it if a later one is the same or nearly the same.
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    for (k, p) in paragraphs.iter().enumerate() {
        by_text.insert(p.2.as_str(), k);
    }
    for k in 0..paragraphs.len() {
        let (ref rows, ref words, ref masked) = paragraphs[k];
        let exact_later = by_text.get(masked.as_str()).is_some_and(|&last| last > k);
        let near_later = !exact_later
            && paragraphs[k + 1..].iter().take(PARAGRAPH_WINDOW).any(|(_, other, _)| {
                let inter = words.intersection(other).count() as f64;
                let union = words.union(other).count() as f64;
                union > 0.0 && inter / union >= NEAR_DUPLICATE
            });
        if exact_later || near_later {
            for &i in rows {
                keep[i] = false;
            }
        }
    }
}

/// Mail headers say who wrote which message and when; they are never deduplicated.
fn is_mail_header(line: &str) -> bool {
    ["From:", "To:", "Cc:", "Date:", "Sent:", "Subject:"].iter().any(|h| line.starts_with(h))
}

/// Drops repeated lines (see the module docs); returns, for the last line of each run of
/// dropped lines that deserves a note, the run's length.
fn drop_lines(lines: &[&str], keep: &mut [bool]) -> HashMap<usize, usize> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut notes = HashMap::new();
    // The current run of dropped lines: its length, its last line, and whether a line with
    // other numbers than the kept one is in it (then even one dropped line gets a note).
    let mut run = 0usize;
    let mut run_changed = false;
    let mut last_dropped = 0usize;
    // The masked text of the line just before, when it was eligible (kept or dropped).
    let mut previous_mask: Option<String> = None;
    let mut close_run = |run: &mut usize, run_changed: &mut bool, last_dropped: usize| {
        if *run >= 2 || (*run >= 1 && *run_changed) {
            notes.insert(last_dropped, *run);
        }
        *run = 0;
        *run_changed = false;
    };
    for (i, line) in lines.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let eligible = line.trim().chars().count() >= MIN_LINE_CHARS
            && line.split_whitespace().count() >= MIN_LINE_WORDS
            && !is_mail_header(line);
        if !eligible {
            previous_mask = None;
            close_run(&mut run, &mut run_changed, last_dropped);
            continue;
        }
        let masked = mask(line);
        let repeat = !seen.insert(squash(line));
        let near_previous = previous_mask.as_deref() == Some(masked.as_str());
        if repeat || near_previous {
            keep[i] = false;
            run += 1;
            run_changed |= !repeat;
            last_dropped = i;
        } else {
            close_run(&mut run, &mut run_changed, last_dropped);
        }
        previous_mask = Some(masked);
    }
    close_run(&mut run, &mut run_changed, last_dropped);
    notes
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::dedupe;

    #[test]
    fn quoted_reply_already_in_the_thread_goes() {
        let t = "Thanks, the reset worked.\n\nOn Mon, Jan 6, Ana wrote:\n> Please try resetting the router.\n>\n> Ana\n\nPlease try resetting the router.\nAna\n";
        let out = dedupe(t);
        assert!(!out.contains("> Please"), "{out}");
        assert!(!out.contains("wrote:"), "{out}");
        assert!(out.contains("Thanks, the reset worked."));
    }

    #[test]
    fn repeated_log_lines_collapse_with_a_note() {
        let t = "12:00:01 INFO heartbeat ok from worker 1\n12:00:02 INFO heartbeat ok from worker 2\n12:00:03 INFO heartbeat ok from worker 3\n12:00:04 ERROR disk full on /dev/sda1\n";
        let out = dedupe(t);
        assert_eq!(out, "12:00:01 INFO heartbeat ok from worker 1\n[2 similar lines omitted]\n12:00:04 ERROR disk full on /dev/sda1\n");
    }

    #[test]
    fn repeated_state_keeps_the_newest_copy() {
        let a = "Cart state: 3 items, total 41.50 EUR, shipping to Berlin, express delivery selected.";
        let b = "Cart state: 4 items, total 52.10 EUR, shipping to Berlin, express delivery selected.";
        let out = dedupe(&format!("{a}\n\nuser: add socks\n\n{b}\n"));
        assert!(!out.contains("3 items") && out.contains("4 items"), "{out}");
    }

    #[test]
    fn a_single_line_with_other_numbers_leaves_a_note() {
        let t = "12:00:01 INFO heartbeat ok from worker 1\n12:00:02 INFO heartbeat ok from worker 2\n12:00:04 ERROR disk full on /dev/sda1\n";
        let out = dedupe(t);
        assert_eq!(out, "12:00:01 INFO heartbeat ok from worker 1\n[1 similar line omitted]\n12:00:04 ERROR disk full on /dev/sda1\n");
    }

    #[test]
    fn newer_state_on_a_later_line_is_not_dropped_for_the_older_one() {
        let t = "[state]\ncart: 2 items, total 40.00 EUR\n\nuser: add the blue jacket\n\n[state]\ncart: 3 items, total 169.00 EUR\n";
        let out = dedupe(t);
        assert!(out.contains("total 40.00 EUR") && out.contains("total 169.00 EUR"), "{out}");
    }

    #[test]
    fn exact_repeats_anywhere_go() {
        let t = "Please restart the router and try again.\nok\nPlease restart the router and try again.\n";
        assert_eq!(dedupe(t), "Please restart the router and try again.\nok\n");
    }
}
