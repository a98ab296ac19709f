//! Hand-written pre-splitters, one per tiktoken pattern, that cut text into the very pieces
//! tiktoken's regex (`fancy-regex`, a backtracking engine with leftmost-first alternation)
//! finds.
//!
//! Each splitter answers one question: given that a piece starts at byte `p`, where does it
//! end? The alternatives of the pattern are tried in order, and where the regex would
//! backtrack, the code below computes the backtracking result directly. Every character
//! starts some alternative of each pattern, so the pieces tile the text with no gaps. The
//! derivation of each rule is written next to it; the proptests in
//! `tests/tiktoken_equivalence.rs` compare the result with tiktoken-rs on random text.
//!
//! Why by hand: the regex pre-split is most of tiktoken's time (about 12 MB/s with
//! fancy-regex). These functions look each character's class up in a table and never
//! backtrack more than the regex semantics require.

use super::char_class::{CharClasses, LETTER, LOWER, NEWLINE, NUMBER, SPACE, UPPER};

/// Which of tiktoken's pre-split patterns an encoding uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // a variant is unused when cargo features leave its encodings out
pub(crate) enum Pattern {
    /// o200k_base and o200k_harmony.
    O200k,
    /// cl100k_base.
    Cl100k,
    /// r50k_base, p50k_base and p50k_edit (GPT-2's pattern).
    R50k,
}

/// `[^\s\p{L}\p{N}]`: not space, letter or number.
const NOT_PUNCT: u8 = SPACE | LETTER | NUMBER;
/// `[^\r\n\p{L}\p{N}]`: the optional one-character prefix of a word.
const NOT_PREFIX: u8 = NEWLINE | LETTER | NUMBER;

/// Cuts `text` into pieces; see [`Pieces::next_end`].
#[derive(Debug)]
pub(crate) struct Pieces<'a> {
    text: &'a [u8],
    pos: usize,
    pattern: Pattern,
    classes: &'static CharClasses,
}

impl<'a> Pieces<'a> {
    pub(crate) fn new(text: &'a str, pattern: Pattern, classes: &'static CharClasses) -> Self {
        Self { text: text.as_bytes(), pos: 0, pattern, classes }
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let start = self.pos;
        if start >= self.text.len() {
            return None;
        }
        let splitter = Splitter { t: self.text, c: self.classes };
        let end = match self.pattern {
            Pattern::O200k => splitter.o200k(start),
            Pattern::Cl100k => splitter.cl100k(start),
            Pattern::R50k => splitter.r50k(start),
        };
        // Every rule consumes at least one character; guard anyway so a bug cannot loop.
        let end = end.clamp(start + 1, self.text.len());
        self.pos = end;
        self.text.get(start..end)
    }
}

struct Splitter<'a> {
    t: &'a [u8],
    c: &'static CharClasses,
}

impl Splitter<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.t.len()
    }

    /// Flags and byte length of the character at `i` (`i < len`).
    #[inline(always)]
    fn at(&self, i: usize) -> (u8, usize) {
        self.c.at(self.t, i)
    }

    /// Flags at `i`, or 0 at the end of the text.
    #[inline(always)]
    fn flags(&self, i: usize) -> u8 {
        if i < self.len() { self.at(i).0 } else { 0 }
    }

    /// End of the longest run from `i` of characters whose flags intersect `want`.
    #[inline(always)]
    fn run(&self, mut i: usize, want: u8) -> usize {
        while i < self.len() {
            let (f, l) = self.at(i);
            if f & want == 0 {
                break;
            }
            i += l;
        }
        i
    }

    /// End of the longest run from `i` of characters whose flags avoid `avoid`.
    #[inline(always)]
    fn run_not(&self, mut i: usize, avoid: u8) -> usize {
        while i < self.len() {
            let (f, l) = self.at(i);
            if f & avoid != 0 {
                break;
            }
            i += l;
        }
        i
    }

    /// End of at most three `\p{N}` characters from `i` (`\p{N}{1,3}`); `i` is a number.
    #[inline(always)]
    fn numbers_up_to_3(&self, mut i: usize) -> usize {
        for _ in 0..3 {
            if i >= self.len() {
                break;
            }
            let (f, l) = self.at(i);
            if f & NUMBER == 0 {
                break;
            }
            i += l;
        }
        i
    }

    /// End of the bytes from `i` that are in `set` (ASCII only).
    #[inline(always)]
    fn ascii_run(&self, mut i: usize, set: &[u8]) -> usize {
        while i < self.len() && set.contains(&self.t[i]) {
            i += 1;
        }
        i
    }

    /// `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at `i`: the end of the contraction, if one is there.
    /// `case_insensitive` = false gives GPT-2's case-sensitive form.
    #[inline]
    fn contraction(&self, i: usize, case_insensitive: bool) -> Option<usize> {
        if self.t.get(i) != Some(&b'\'') {
            return None;
        }
        let letter = |at: usize| -> Option<(u8, usize)> {
            if case_insensitive {
                self.c.fold_at(self.t, at)
            } else {
                self.t.get(at).map(|&b| (b, 1))
            }
        };
        let (first, l1) = letter(i + 1)?;
        match first {
            b's' | b't' | b'm' | b'd' => Some(i + 1 + l1),
            b'r' | b'v' | b'l' => {
                let want = if first == b'l' { b'l' } else { b'e' };
                let (second, l2) = letter(i + 1 + l1)?;
                (second == want).then_some(i + 1 + l1 + l2)
            }
            _ => None,
        }
    }

    /// Facts about the whitespace run starting at `p` (the character at `p` is `\s`).
    #[inline]
    fn space_run(&self, p: usize) -> SpaceRun {
        let mut i = p;
        let mut last_start = p;
        let mut after_newline = None;
        while i < self.len() {
            let (f, l) = self.at(i);
            if f & SPACE == 0 {
                break;
            }
            if f & NEWLINE != 0 {
                after_newline = Some(i + l);
            }
            last_start = i;
            i += l;
        }
        SpaceRun { end: i, last_start, after_newline }
    }

    // ---------------------------------------------------------------------------------------
    // o200k_base, o200k_harmony:
    //   [^\r\n\p{L}\p{N}]?[UPPER]*[LOWER]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?      (1)
    // | [^\r\n\p{L}\p{N}]?[UPPER]+[LOWER]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?      (2)
    // | \p{N}{1,3}                                                          (3)
    // |  ?[^\s\p{L}\p{N}]+[\r\n/]*                                          (4)
    // | \s*[\r\n]+                                                          (5)
    // | \s+(?!\S)                                                           (6)
    // | \s+                                                                 (7)
    // with UPPER = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] and LOWER = [\p{Ll}\p{Lm}\p{Lo}\p{M}].
    // ---------------------------------------------------------------------------------------

    /// Alternative (1) without its prefix, from `q`: `[UPPER]*[LOWER]+` then a contraction.
    /// The greedy `[UPPER]*` takes the whole UPPER run `q..b`; `[LOWER]+` must then start
    /// where the star stopped, and backtracking gives characters back from the right, so the
    /// star stops at the last position in `q..=b` whose character is LOWER. At `b` the LOWER
    /// run may continue; at an earlier position `s` it is exactly one character, because
    /// nothing after `s` up to `b` is LOWER.
    #[inline]
    fn o200k_word_lower(&self, q: usize) -> Option<usize> {
        let mut i = q;
        let mut last_lower_end = None;
        while i < self.len() {
            let (f, l) = self.at(i);
            if f & UPPER == 0 {
                if f & LOWER != 0 {
                    let end = self.run(i + l, LOWER);
                    return Some(self.contraction(end, true).unwrap_or(end));
                }
                break;
            }
            if f & LOWER != 0 {
                last_lower_end = Some(i + l);
            }
            i += l;
        }
        let end = last_lower_end?;
        Some(self.contraction(end, true).unwrap_or(end))
    }

    /// Alternative (2) without its prefix, from `q`: `[UPPER]+[LOWER]*` then a contraction.
    /// Nothing after `[UPPER]+` can fail, so it never backtracks.
    #[inline]
    fn o200k_word_upper(&self, q: usize) -> Option<usize> {
        if self.flags(q) & UPPER == 0 {
            return None;
        }
        let end = self.run(self.run(q, UPPER), LOWER);
        Some(self.contraction(end, true).unwrap_or(end))
    }

    fn o200k(&self, p: usize) -> usize {
        let (f0, l0) = self.at(p);
        let q = p + l0;
        // (1) and (2), first with the optional prefix taken, then without it.
        let prefixed = f0 & NOT_PREFIX == 0 && q < self.len();
        if prefixed {
            if let Some(end) = self.o200k_word_lower(q) {
                return end;
            }
        }
        if f0 & (UPPER | LOWER) != 0 {
            if let Some(end) = self.o200k_word_lower(p) {
                return end;
            }
        }
        if prefixed {
            if let Some(end) = self.o200k_word_upper(q) {
                return end;
            }
        }
        if let Some(end) = self.o200k_word_upper(p) {
            return end;
        }
        // (3)
        if f0 & NUMBER != 0 {
            return self.numbers_up_to_3(p);
        }
        // (4): an optional ASCII space, then punctuation, then \r \n / characters.
        let punct_start = if self.t[p] == b' ' && q < self.len() && self.flags(q) & NOT_PUNCT == 0 {
            Some(q)
        } else if f0 & NOT_PUNCT == 0 {
            Some(p)
        } else {
            None
        };
        if let Some(s) = punct_start {
            return self.ascii_run(self.run_not(s, NOT_PUNCT), b"\r\n/");
        }
        // The character at p is whitespace.
        let run = self.space_run(p);
        // (5) `\s*[\r\n]+`: the star backs off to the last newline of the run; `[\r\n]+`
        // cannot extend past it because it is the last one.
        if let Some(end) = run.after_newline {
            return end;
        }
        run.without_last_unless_at(self.len(), q)
    }

    // ---------------------------------------------------------------------------------------
    // cl100k_base:
    //   '(?i:[sdmt]|ll|ve|re) | [^\r\n\p{L}\p{N}]?+\p{L}++ | \p{N}{1,3}+
    // |  ?[^\s\p{L}\p{N}]++[\r\n]*+ | \s++$ | \s*[\r\n] | \s+(?!\S) | \s
    // ---------------------------------------------------------------------------------------

    fn cl100k(&self, p: usize) -> usize {
        if let Some(end) = self.contraction(p, true) {
            return end;
        }
        let (f0, l0) = self.at(p);
        let q = p + l0;
        // `[^\r\n\p{L}\p{N}]?+\p{L}++`: the possessive prefix is taken whenever it matches.
        if f0 & NOT_PREFIX == 0 {
            if self.flags(q) & LETTER != 0 {
                return self.run(q, LETTER);
            }
        } else if f0 & LETTER != 0 {
            return self.run(p, LETTER);
        }
        if f0 & NUMBER != 0 {
            return self.numbers_up_to_3(p);
        }
        let punct_start = if self.t[p] == b' ' && q < self.len() && self.flags(q) & NOT_PUNCT == 0 {
            Some(q)
        } else if f0 & NOT_PUNCT == 0 {
            Some(p)
        } else {
            None
        };
        if let Some(s) = punct_start {
            return self.ascii_run(self.run_not(s, NOT_PUNCT), b"\r\n");
        }
        let run = self.space_run(p);
        // `\s++$`
        if run.end == self.len() {
            return run.end;
        }
        // `\s*[\r\n]`: up to and including the run's last newline.
        if let Some(end) = run.after_newline {
            return end;
        }
        run.without_last_unless_at(self.len(), q)
    }

    // ---------------------------------------------------------------------------------------
    // r50k_base, p50k_base, p50k_edit:
    //   '(?:[sdmt]|ll|ve|re) |  ?\p{L}++ |  ?\p{N}++ |  ?[^\s\p{L}\p{N}]++ | \s++$ | \s+(?!\S) | \s
    // ---------------------------------------------------------------------------------------

    fn r50k(&self, p: usize) -> usize {
        if let Some(end) = self.contraction(p, false) {
            return end;
        }
        let (f0, l0) = self.at(p);
        let q = p + l0;
        let (start, f) = if self.t[p] == b' ' && q < self.len() {
            let f1 = self.flags(q);
            if f1 & SPACE == 0 { (q, f1) } else { (p, f0) }
        } else {
            (p, f0)
        };
        if f & LETTER != 0 {
            return self.run(start, LETTER);
        }
        if f & NUMBER != 0 {
            return self.run(start, NUMBER);
        }
        if f & NOT_PUNCT == 0 {
            return self.run_not(start, NOT_PUNCT);
        }
        let run = self.space_run(p);
        if run.end == self.len() {
            return run.end;
        }
        run.without_last_unless_at(self.len(), q)
    }
}

/// A maximal whitespace run.
struct SpaceRun {
    /// End of the run.
    end: usize,
    /// Start of its last character.
    last_start: usize,
    /// End of its last `\r` or `\n`, if any.
    after_newline: Option<usize>,
}

impl SpaceRun {
    /// `\s+(?!\S)` then `\s+` (or `\s`): the whole run at the end of the text; otherwise the
    /// run minus its last character (so that character can prefix the next word) when that
    /// leaves at least one; otherwise the single character ending at `one`.
    #[inline]
    fn without_last_unless_at(&self, len: usize, one: usize) -> usize {
        if self.end == len {
            self.end
        } else if self.last_start >= one {
            self.last_start
        } else {
            one
        }
    }
}
