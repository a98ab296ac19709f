//! [`truncate`]: the longest head, tail, or both ends of a text that fit a token budget.
//!
//! # How a cut is chosen
//! Candidate cut points are the token boundaries of the input that are also grapheme-cluster
//! boundaries (so also character boundaries: a cut never breaks UTF-8 nor splits an emoji or a
//! letter from its combining marks). BPE counts of prefixes are not monotone (cutting a word
//! can re-merge its last piece into more or fewer tokens), so the kept text is counted again
//! for every candidate that is tried, and the answer is a candidate that fits while the next
//! candidate (one more token's worth of text) does not. The search starts at the candidate that
//! the original token positions predict, then gallops and bisects, so a typical cut costs one
//! encode of a window and two or three counts of the kept text.
//!
//! # Windows
//! Long inputs are not tokenized whole. A window of about `8 bytes x budget` from the kept end
//! is tokenized; its token boundaries equal the whole text's except within the pre-tokenizer
//! piece that touches the window's open edge, so boundaries within [`EDGE_SLACK`] bytes of that
//! edge are not used. When the window holds no candidate past the budget, it doubles. Inputs up
//! to 64 KiB are always tokenized whole. (A single pre-tokenizer piece longer than the slack,
//! such as 2 KiB of unbroken CJK text straddling the edge, may shift a boundary inside it; the
//! result is still counted, fits, and is a prefix or suffix of the input on a grapheme boundary.)

use std::str::FromStr;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Error, Result};
use crate::tokenizer::Tokenizer;

/// Inputs up to this many bytes are tokenized whole.
const WHOLE_TEXT_BYTES: usize = 64 * 1024;
/// Bytes next to a window's open edge whose token boundaries are not trusted.
const EDGE_SLACK: usize = 2048;
/// First guess of bytes per token when sizing a window (generous: English prose is about 4).
const WINDOW_BYTES_PER_TOKEN: usize = 8;

/// The marker placed between the two ends for [`Keep::Both`], unless the caller sets one.
pub const DEFAULT_MARKER: &str = "\n[…]\n";

/// Which part of the text [`truncate`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    /// The beginning (a prefix).
    #[default]
    Head,
    /// The end (a suffix).
    Tail,
    /// Both ends, joined by a marker whose tokens count against the budget.
    Both,
}

impl Keep {
    /// The canonical name: `head`, `tail` or `both`.
    pub fn as_str(self) -> &'static str {
        match self {
            Keep::Head => "head",
            Keep::Tail => "tail",
            Keep::Both => "both",
        }
    }
}

impl std::fmt::Display for Keep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Keep {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "head" => Ok(Keep::Head),
            "tail" => Ok(Keep::Tail),
            "both" => Ok(Keep::Both),
            other => Err(Error::invalid(format!(
                "unknown keep `{other}`; expected head, tail or both"
            ))),
        }
    }
}

/// Options of [`truncate`].
///
/// ```
/// use tokenmeter::{Keep, TruncateOptions};
/// let opts = TruncateOptions::new(100).with_keep(Keep::Both).with_marker(" ... ");
/// assert_eq!(opts.budget, 100);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TruncateOptions {
    /// The most tokens the result may have (at least 1). `Default` leaves it 0, which
    /// [`truncate`] rejects: set it with [`TruncateOptions::new`] or `with_budget`.
    pub budget: usize,
    /// Which part to keep (default head).
    pub keep: Keep,
    /// The text placed between the ends for [`Keep::Both`] (default [`DEFAULT_MARKER`]).
    pub marker: String,
    /// Also count the tokens of the text that was cut (default false: on a long input that is a
    /// full count of what was dropped, which costs more than the cut itself).
    pub count_cut: bool,
}

impl Default for TruncateOptions {
    fn default() -> Self {
        Self { budget: 0, keep: Keep::Head, marker: DEFAULT_MARKER.to_string(), count_cut: false }
    }
}

impl TruncateOptions {
    /// Keep the head, within `budget` tokens.
    pub fn new(budget: usize) -> Self {
        Self { budget, ..Self::default() }
    }

    /// Sets the budget.
    #[must_use]
    pub fn with_budget(mut self, budget: usize) -> Self {
        self.budget = budget;
        self
    }

    /// Sets which part to keep.
    #[must_use]
    pub fn with_keep(mut self, keep: Keep) -> Self {
        self.keep = keep;
        self
    }

    /// Sets the marker used between the ends for [`Keep::Both`].
    #[must_use]
    pub fn with_marker(mut self, marker: impl Into<String>) -> Self {
        self.marker = marker.into();
        self
    }

    /// Also count the tokens that were cut (fills [`Truncated::cut_tokens`]).
    #[must_use]
    pub fn with_count_cut(mut self, count_cut: bool) -> Self {
        self.count_cut = count_cut;
        self
    }
}

/// The result of [`truncate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Truncated {
    /// The kept text (with the marker between the ends for [`Keep::Both`]).
    pub text: String,
    /// The exact token count of `text` (never above the budget).
    pub tokens: usize,
    /// Tokens of the text that was cut, counted on its own; `None` unless
    /// [`TruncateOptions::count_cut`] asked for it.
    pub cut_tokens: Option<usize>,
    /// Bytes of the input that were cut.
    pub cut_bytes: usize,
    /// Bytes kept from the start of the input (the prefix `input[..head_bytes]`).
    pub head_bytes: usize,
    /// Bytes kept from the end of the input (the suffix `input[len - tail_bytes..]`).
    pub tail_bytes: usize,
    /// Whether anything was cut.
    pub truncated: bool,
    /// False when the tokenizer is an estimate: the cut then follows its reference encoding's
    /// boundaries and the count is the estimate's.
    pub exact: bool,
}

impl Tokenizer {
    /// Truncates `text` to `opts.budget` tokens; see [`truncate`].
    ///
    /// # Errors
    /// As [`truncate`].
    pub fn truncate(&self, text: &str, opts: &TruncateOptions) -> Result<Truncated> {
        truncate(self, text, opts)
    }
}

/// The longest head, tail, or both ends of `text` that fit `opts.budget` tokens.
///
/// The result is counted exactly before it is returned and never exceeds the budget; it ends
/// (or starts) on a token boundary that is also a grapheme boundary; and it is maximal: keeping
/// the next candidate's worth of text more would exceed the budget. For [`Keep::Both`] the head
/// first gets half the budget left after the marker, the tail then takes what the joined text
/// leaves, and each end grows into what the other left unused until neither end can keep one
/// more candidate without the joined text (head, marker, tail, counted as one text) exceeding
/// the budget; both cuts are candidates of the whole input. Text that already fits is
/// returned unchanged, without a marker (for inputs over 64 KiB this is checked only when the
/// two ends leave a middle of at most 2 KiB, so such an input is never counted whole).
///
/// ```
/// use tokenmeter::{Encoding, Keep, Tokenizer, TruncateOptions};
/// let tok = Tokenizer::from_encoding(Encoding::O200kBase);
/// let cut = tok.truncate("one two three four five", &TruncateOptions::new(3))?;
/// assert_eq!(cut.text, "one two three");
/// let end = tok.truncate("one two three four five", &TruncateOptions::new(2).with_keep(Keep::Tail))?;
/// assert_eq!(end.text, " four five");
/// # Ok::<(), tokenmeter::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for a zero budget; [`Error::BudgetExceeded`] when the marker alone
/// leaves no room for text; the tokenizer's errors.
pub fn truncate(tokenizer: &Tokenizer, text: &str, opts: &TruncateOptions) -> Result<Truncated> {
    let budget = opts.budget;
    if budget == 0 {
        return Err(Error::invalid("truncate: the budget must be at least 1 token"));
    }
    let len = text.len();
    let exact = tokenizer.is_exact();
    let (head, tail, tokens, joined) = match opts.keep {
        Keep::Head => {
            let (end, tokens) = best_cut(tokenizer, text, Side::Head, budget)?;
            (end, 0, tokens, None)
        }
        Keep::Tail => {
            let (start, tokens) = best_cut(tokenizer, text, Side::Tail, budget)?;
            (0, len - start, tokens, None)
        }
        Keep::Both => match both_ends(tokenizer, text, budget, &opts.marker)? {
            BothEnds::Whole(tokens) => (len, 0, tokens, None),
            BothEnds::Cut { head, tail_start, tokens, text } => {
                (head, len - tail_start, tokens, Some(text))
            }
        },
    };
    let cut_range = if head == len { len..len } else { head..len - tail };
    let cut = text.get(cut_range).unwrap_or("");
    let cut_tokens = if opts.count_cut { Some(tokenizer.count(cut)?) } else { None };
    let text_out = match joined {
        Some(t) => t,
        None => {
            let kept = if tail > 0 { text.get(len - tail..) } else { text.get(..head) };
            kept.unwrap_or("").to_string()
        }
    };
    Ok(Truncated {
        text: text_out,
        tokens,
        cut_tokens,
        cut_bytes: cut.len(),
        head_bytes: if head == len { len } else { head },
        tail_bytes: tail,
        truncated: !cut.is_empty(),
        exact,
    })
}

enum BothEnds {
    Whole(usize),
    Cut { head: usize, tail_start: usize, tokens: usize, text: String },
}

fn both_ends(tokenizer: &Tokenizer, text: &str, budget: usize, marker: &str) -> Result<BothEnds> {
    // Does the whole text fit? For a short text that is one cheap count; a long one is not
    // counted whole: the check runs only when the two ends leave a middle of at most
    // `EDGE_SLACK` bytes (a longer middle that would fit under the marker's tokens is cut anyway).
    let len = text.len();
    if len <= WHOLE_TEXT_BYTES {
        let whole = tokenizer.count_up_to(text, budget)?;
        if !whole.exceeded {
            return Ok(BothEnds::Whole(whole.tokens));
        }
    }
    let marker_tokens = tokenizer.count(marker)?;
    if marker_tokens >= budget {
        return Err(Error::BudgetExceeded { needed: marker_tokens + 1, budget });
    }
    let rest = budget - marker_tokens;
    let mut window = if len <= WHOLE_TEXT_BYTES {
        len
    } else {
        budget.saturating_mul(WINDOW_BYTES_PER_TOKEN).saturating_add(2 * EDGE_SLACK).min(len)
    };
    loop {
        // Both ends cut on the candidates of the same text (token boundaries of the input that
        // are grapheme boundaries), heads ascending from 0, tails descending from `len`.
        let heads = candidates(tokenizer, text, Side::Head, window)?;
        let tails = candidates(tokenizer, text, Side::Tail, window)?;
        let joined = |i: usize, j: usize| {
            let (h, t) = (heads[i].pos, tails[j].pos.max(heads[i].pos));
            let mut out = String::with_capacity(h + marker.len() + len - t);
            out.push_str(text.get(..h).unwrap_or(""));
            out.push_str(marker);
            out.push_str(text.get(t..).unwrap_or(""));
            out
        };
        // Tokens can merge across the seams, so every candidate pair is counted joined.
        let fits = |i: usize, j: usize| -> Result<Option<usize>> {
            let counted = tokenizer.count_up_to(&joined(i, j), budget)?;
            Ok((!counted.exceeded).then_some(counted.tokens))
        };
        // The head first gets half of what the marker leaves, counted on its own ...
        let share = rest - rest / 2;
        let guess = heads.iter().rposition(|c| c.tokens_before <= share).unwrap_or(0);
        let (mut i, head_tokens) = last_fitting(heads.len(), guess, |k| {
            let counted = tokenizer.count_up_to(text.get(..heads[k].pos).unwrap_or(""), share)?;
            Ok((!counted.exceeded).then_some(counted.tokens))
        })?;
        // ... and with the marker (index 0, the marker alone, fits: it is under the budget).
        if i > 0 && fits(i, 0)?.is_none() {
            i = last_fitting(i, i - 1, |k| fits(k, 0))?.0;
        }
        // Then the tail takes what is left, and each end grows into what the other leaves
        // unused until neither can keep one more candidate. Each step starts from a pair that
        // fits, so it never shrinks an end, and ends where the next candidate does not fit.
        let mut j = 0;
        let mut first = true;
        loop {
            let n_tails = tails.iter().take_while(|c| c.pos > heads[i].pos).count().max(1);
            let guess = if first {
                let left = rest.saturating_sub(head_tokens);
                tails[..n_tails].iter().rposition(|c| c.tokens_before <= left).unwrap_or(0)
            } else {
                j
            };
            first = false;
            let nj = last_fitting(n_tails, guess, |k| fits(i, k))?.0;
            let n_heads = heads.iter().take_while(|c| c.pos < tails[nj].pos).count().max(1);
            let ni = last_fitting(n_heads, i.min(n_heads - 1), |k| fits(k, nj))?.0;
            let done = ni == i && nj == j;
            (i, j) = (ni, nj);
            if done {
                break;
            }
        }
        // A window that ends before the text must show a candidate past each end, or that end
        // may grow beyond it.
        if window < len && (i + 1 == heads.len() || j + 1 == tails.len()) {
            window = window.saturating_mul(2).min(len);
            continue;
        }
        let (head, tail_start) = (heads[i].pos, tails[j].pos.max(heads[i].pos));
        if len > WHOLE_TEXT_BYTES && tail_start - head <= EDGE_SLACK {
            let whole = tokenizer.count_up_to(text, budget)?;
            if !whole.exceeded {
                return Ok(BothEnds::Whole(whole.tokens));
            }
        }
        let joined = joined(i, j);
        let tokens = tokenizer.count(&joined)?;
        debug_assert!(tokens <= budget);
        return Ok(BothEnds::Cut { head, tail_start, tokens, text: joined });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Head,
    Tail,
}

/// The cut that keeps the most of `side` within `budget`: the end of the head or the start of
/// the tail, with the kept text's exact count.
fn best_cut(tokenizer: &Tokenizer, text: &str, side: Side, budget: usize) -> Result<(usize, usize)> {
    let len = text.len();
    let mut window = if len <= WHOLE_TEXT_BYTES {
        len
    } else {
        budget.saturating_mul(WINDOW_BYTES_PER_TOKEN).saturating_add(2 * EDGE_SLACK).min(len)
    };
    loop {
        let cands = candidates(tokenizer, text, side, window)?;
        let guess = cands.iter().rposition(|c| c.tokens_before <= budget).unwrap_or(0);
        let kept = |pos: usize| match side {
            Side::Head => text.get(..pos).unwrap_or(""),
            Side::Tail => text.get(pos..).unwrap_or(""),
        };
        let (i, tokens) = last_fitting(cands.len(), guess, |i| {
            let counted = tokenizer.count_up_to(kept(cands[i].pos), budget)?;
            Ok((!counted.exceeded).then_some(counted.tokens))
        })?;
        // A window that ends before the text must show a candidate that no longer fits, or
        // the answer may lie beyond it.
        if window >= len || i + 1 < cands.len() {
            return Ok((cands[i].pos, tokens));
        }
        window = window.saturating_mul(2).min(len);
    }
}

/// A place to cut, and how many of the window's tokens lie on the kept side of it.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    pos: usize,
    tokens_before: usize,
}

/// Candidate cuts in order of growing kept text; the first keeps nothing.
fn candidates(tokenizer: &Tokenizer, text: &str, side: Side, window: usize) -> Result<Vec<Candidate>> {
    let len = text.len();
    match side {
        Side::Head => {
            let mut w = window.min(len);
            while !text.is_char_boundary(w) {
                w -= 1;
            }
            let win = text.get(..w).unwrap_or("");
            let limit = if w == len { w } else { w.saturating_sub(EDGE_SLACK) };
            let graphemes = grapheme_boundaries(win);
            let mut ends: Vec<usize> =
                tokenizer.cut_spans(win)?.iter().map(|s| s.end).filter(|&e| e > 0).collect();
            ends.sort_unstable();
            let mut out = vec![Candidate { pos: 0, tokens_before: 0 }];
            for (k, &end) in ends.iter().enumerate() {
                if end > limit {
                    break;
                }
                if graphemes.binary_search(&end).is_ok() {
                    if let Some(last) = out.last_mut().filter(|c| c.pos == end) {
                        last.tokens_before = k + 1;
                    } else {
                        out.push(Candidate { pos: end, tokens_before: k + 1 });
                    }
                }
            }
            Ok(out)
        }
        Side::Tail => {
            let mut s = len - window.min(len);
            while !text.is_char_boundary(s) {
                s += 1;
            }
            let win = text.get(s..).unwrap_or("");
            let limit = if s == 0 { 0 } else { s + EDGE_SLACK };
            let graphemes = grapheme_boundaries(win);
            let mut starts: Vec<usize> =
                tokenizer.cut_spans(win)?.iter().map(|sp| sp.start).collect();
            starts.sort_unstable();
            let total = starts.len();
            let mut out = vec![Candidate { pos: len, tokens_before: 0 }];
            for (k, &start) in starts.iter().enumerate().rev() {
                let abs = s + start;
                if abs < limit || abs >= len {
                    continue;
                }
                if graphemes.binary_search(&start).is_ok() {
                    let tokens_before = total - k;
                    if let Some(last) = out.last_mut().filter(|c| c.pos == abs) {
                        last.tokens_before = tokens_before;
                    } else {
                        out.push(Candidate { pos: abs, tokens_before });
                    }
                }
            }
            Ok(out)
        }
    }
}

/// Byte offsets of the grapheme-cluster boundaries of `text`, ascending, including its end.
fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    b.push(text.len());
    b
}

/// The last index in `0..n` that fits, found from `guess` by galloping then bisecting, with the
/// kept text's count. Index 0 keeps nothing and always fits. On return, the index fits and the
/// next one (if any) does not: that is the maximality the caller promises.
fn last_fitting(
    n: usize,
    guess: usize,
    mut fits: impl FnMut(usize) -> Result<Option<usize>>,
) -> Result<(usize, usize)> {
    let mut lo = (0usize, 0usize);
    let mut hi = n;
    let g = guess.min(n.saturating_sub(1));
    if g > 0 {
        if let Some(t) = fits(g)? {
            lo = (g, t);
            let mut step = 1;
            loop {
                let c = lo.0 + step;
                if c >= hi {
                    break;
                }
                match fits(c)? {
                    Some(t) => {
                        lo = (c, t);
                        step *= 2;
                    }
                    None => {
                        hi = c;
                        break;
                    }
                }
            }
        } else {
            hi = g;
            let mut step = 1;
            loop {
                let c = hi.saturating_sub(step);
                if c == 0 {
                    break;
                }
                match fits(c)? {
                    Some(t) => {
                        lo = (c, t);
                        break;
                    }
                    None => {
                        hi = c;
                        step *= 2;
                    }
                }
            }
        }
    }
    while hi - lo.0 > 1 {
        let mid = lo.0 + (hi - lo.0) / 2;
        match fits(mid)? {
            Some(t) => lo = (mid, t),
            None => hi = mid,
        }
    }
    Ok(lo)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::Encoding;

    fn o200k() -> Tokenizer {
        Tokenizer::from_encoding(Encoding::O200kBase)
    }

    #[test]
    fn keep_names_round_trip() {
        for k in [Keep::Head, Keep::Tail, Keep::Both] {
            assert_eq!(k.as_str().parse::<Keep>(), Ok(k));
        }
        assert_eq!("middle".parse::<Keep>().map_err(|e| e.code()), Err("INVALID_INPUT"));
    }

    #[test]
    fn zero_budget_is_rejected() {
        let err = o200k().truncate("abc", &TruncateOptions::new(0)).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT");
    }

    #[test]
    fn text_that_fits_is_unchanged() {
        let t = o200k().truncate("hello world", &TruncateOptions::new(5).with_count_cut(true)).unwrap();
        assert_eq!((t.text.as_str(), t.tokens, t.cut_tokens, t.truncated), ("hello world", 2, Some(0), false));
        let b = o200k().truncate("hello world", &TruncateOptions::new(2).with_keep(Keep::Both)).unwrap();
        assert_eq!(b.text, "hello world");
    }

    #[test]
    fn emoji_cluster_is_never_split() {
        // A family emoji is one grapheme of several code points and many byte-level tokens.
        let text = "ab 👨‍👩‍👧‍👦 cd";
        let tok = o200k();
        for budget in 1..12 {
            let t = tok.truncate(text, &TruncateOptions::new(budget)).unwrap();
            assert!(t.text == "ab" || t.text == "ab " || t.text.contains("👨‍👩‍👧‍👦"), "{budget}: {:?}", t.text);
            assert!(tok.count(&t.text).unwrap() <= budget);
        }
    }

    #[test]
    fn both_keeps_the_ends_and_the_marker() {
        let tok = o200k();
        let text = (0..200).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ");
        let t = tok.truncate(&text, &TruncateOptions::new(20).with_keep(Keep::Both).with_count_cut(true)).unwrap();
        assert!(t.tokens <= 20 && t.tokens == tok.count(&t.text).unwrap());
        assert!(t.text.starts_with("word0 word1"), "{}", t.text);
        assert!(t.text.ends_with("word199"), "{}", t.text);
        assert!(t.text.contains(DEFAULT_MARKER));
        assert!(t.cut_tokens.unwrap_or(0) > 0);
    }

    /// Both ends together use the budget: neither end can keep one more candidate (a token
    /// boundary of the input on a grapheme boundary) without the joined text going over. Before,
    /// the tail's unused share was lost (18 tokens kept of a budget of 25).
    #[test]
    fn both_ends_are_maximal_together() {
        let tok = o200k();
        let short = "The quick brown fox jumps over the lazy dog. ".repeat(6);
        let long = "The quick brown fox jumps over the lazy dog; naïve café — 東京 🙂.\n".repeat(2000);
        assert!(long.len() > WHOLE_TEXT_BYTES);
        for (text, budgets) in [(&short, &[5usize, 12, 25, 40][..]), (&long, &[9, 300])] {
            let spans = tok.encode_with_offsets(text).unwrap();
            let g = grapheme_boundaries(text);
            for &budget in budgets {
                let marker = " [...] ";
                let t = tok.truncate(text, &TruncateOptions::new(budget).with_keep(Keep::Both).with_marker(marker)).unwrap();
                let (h, s) = (t.head_bytes, text.len() - t.tail_bytes);
                assert!(t.tokens <= budget && t.tokens == tok.count(&t.text).unwrap());
                assert_eq!(t.text, format!("{}{marker}{}", &text[..h], &text[s..]));
                let joined = |h: usize, s: usize| format!("{}{marker}{}", &text[..h], &text[s..]);
                if let Some(e) = spans.iter().map(|x| x.end).filter(|&e| e > h && e < s && g.binary_search(&e).is_ok()).min() {
                    assert!(tok.count(&joined(e, s)).unwrap() > budget, "budget {budget}: head not maximal");
                }
                if let Some(p) = spans.iter().map(|x| x.start).filter(|&p| p < s && p > h && g.binary_search(&p).is_ok()).max() {
                    assert!(tok.count(&joined(h, p)).unwrap() > budget, "budget {budget}: tail not maximal");
                }
            }
        }
    }

    #[test]
    fn marker_larger_than_budget_is_budget_exceeded() {
        let text = "x ".repeat(100);
        let err = o200k()
            .truncate(&text, &TruncateOptions::new(3).with_keep(Keep::Both).with_marker(" and then a long marker "))
            .unwrap_err();
        assert_eq!(err.code(), "BUDGET_EXCEEDED");
    }

    /// A Hugging Face tokenizer cuts on the offsets it reports (a word-level vocabulary with a
    /// whitespace pre-tokenizer: one token per word, spaces between tokens belong to none).
    #[cfg(feature = "huggingface")]
    #[test]
    fn hugging_face_offsets_are_cut_points() {
        let json = r#"{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],
            "normalizer":null,"pre_tokenizer":{"type":"Whitespace"},"post_processor":null,"decoder":null,
            "model":{"type":"WordLevel","vocab":{"[UNK]":0,"hello":1,"world":2,"a":3,"b":4},"unk_token":"[UNK]"}}"#;
        let tok = Tokenizer::from_hf_bytes(json.as_bytes()).unwrap();
        let text = "hello world a b hello";
        let spans = tok.encode_with_offsets(text).unwrap();
        assert_eq!(spans.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(), vec![(0, 5), (6, 11), (12, 13), (14, 15), (16, 21)]);
        let head = tok.truncate(text, &TruncateOptions::new(3)).unwrap();
        assert_eq!((head.text.as_str(), head.tokens), ("hello world a", 3));
        let tail = tok.truncate(text, &TruncateOptions::new(2).with_keep(Keep::Tail)).unwrap();
        assert_eq!((tail.text.as_str(), tail.tokens), ("b hello", 2));
    }

    /// An estimate cuts on its reference encoding's boundaries and is checked by its own count.
    #[test]
    fn estimates_truncate_by_their_own_count_and_say_so() {
        let name = crate::EstimateProfile::all()[0].name.clone();
        let tok = Tokenizer::estimate(&name).unwrap();
        let text = "The quick brown fox jumps over the lazy dog. ".repeat(40);
        for budget in [1usize, 9, 50, 200] {
            let t = tok.truncate(&text, &TruncateOptions::new(budget)).unwrap();
            assert!(!t.exact);
            assert!(t.tokens <= budget && t.tokens == tok.count(&t.text).unwrap());
            assert!(text.starts_with(&t.text));
        }
    }

    /// A long input goes through the window path; its answer must equal the whole-text rule:
    /// the longest candidate (token end on a grapheme boundary of the full encoding) that fits.
    #[test]
    fn windowed_cut_matches_whole_text_rule() {
        let tok = o200k();
        let para = "The quick brown fox jumps over the lazy dog; naïve café — 東京 🙂.\n";
        let text = para.repeat(2000); // about 150 KB, beyond WHOLE_TEXT_BYTES
        assert!(text.len() > WHOLE_TEXT_BYTES);
        let spans = tok.encode_with_offsets(&text).unwrap();
        let graphemes = grapheme_boundaries(&text);
        for &budget in &[1usize, 7, 500, 3001] {
            let head = tok.truncate(&text, &TruncateOptions::new(budget)).unwrap();
            let end = head.head_bytes;
            assert!(spans.iter().any(|s| s.end == end) && graphemes.binary_search(&end).is_ok());
            assert!(tok.count(&text[..end]).unwrap() <= budget);
            let next = spans.iter().map(|s| s.end).filter(|&e| e > end && graphemes.binary_search(&e).is_ok()).min().unwrap();
            assert!(tok.count(&text[..next]).unwrap() > budget, "budget {budget}: not maximal");
            let tail = tok.truncate(&text, &TruncateOptions::new(budget).with_keep(Keep::Tail)).unwrap();
            let start = text.len() - tail.tail_bytes;
            assert!(spans.iter().any(|s| s.start == start) && graphemes.binary_search(&start).is_ok());
            let prev = spans.iter().map(|s| s.start).filter(|&s| s < start && graphemes.binary_search(&s).is_ok()).max().unwrap();
            assert!(tok.count(&text[prev..]).unwrap() > budget, "budget {budget}: tail not maximal");
            assert!(tail.tokens <= budget);
        }
    }
}
