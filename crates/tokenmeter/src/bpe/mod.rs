//! tokenmeter's exact byte-level BPE engine for OpenAI's tiktoken encodings.
//!
//! Same answers as tiktoken, by the same three steps:
//! 1. special tokens (only when the caller allows them) cut the text into segments
//!    ([`special`]);
//! 2. each segment is pre-split into pieces by the encoding's pattern ([`pretokenize`],
//!    hand-written, with Unicode classes from [`char_class`]);
//! 3. each piece becomes tokens: one lookup when the whole piece is a token (84-93% of pieces
//!    in real text), else tiktoken's rank merge ([`merge`]) over the rank table ([`ranks`]).
//!
//! Counting never builds a token vector, and `count_up_to` stops at the first piece that takes
//! the count past the limit. Counting merges each distinct piece once per thread, while it stays
//! in the thread's bounded cache ([`cache`]).
//!
//! Performance notes (what was tried and kept or dropped):
//! - regex engines for the pre-split: fancy-regex (tiktoken-rs) runs at about 12 MB/s and
//!   regex-automata (bpe-openai) about 77 MB/s; the hand-written splitter avoids both the
//!   backtracking and the generic automaton.
//! - `HashMap<Vec<u8>, u32>` (tiktoken-rs) costs an allocation per token at load (about 190 ms
//!   for o200k); the flat table in [`ranks`] borrows the embedded bytes and loads in a few ms.
//! - pieces of one byte skip the hash lookup (every byte is a token).

// A build with every encoding compiled out keeps the engine but never constructs it.
#![cfg_attr(
    not(any(feature = "o200k", feature = "cl100k", feature = "legacy-encodings")),
    allow(dead_code)
)]

pub(crate) mod cache;
pub(crate) mod char_class;
pub(crate) mod merge;
pub(crate) mod pretokenize;
pub(crate) mod ranks;
pub(crate) mod special;

use char_class::CharClasses;
use pretokenize::{Pattern, Pieces};
use ranks::RankTable;
use special::Specials;

/// One encoding, ready to count.
#[derive(Debug)]
pub(crate) struct Bpe {
    ranks: &'static RankTable,
    specials: Specials,
    pattern: Pattern,
    classes: &'static CharClasses,
}

/// Why `Bpe::walk` stopped early.
struct Stop;

impl Bpe {
    pub(crate) fn new(
        ranks: &'static RankTable,
        specials: Specials,
        pattern: Pattern,
    ) -> Result<Self, String> {
        Ok(Self { ranks, specials, pattern, classes: CharClasses::get()? })
    }

    /// Visits the tokens of `text` as `Token`s, left to right; `visit` returns `Err(Stop)` to
    /// stop early.
    #[inline]
    fn walk<'t>(
        &self,
        text: &'t str,
        allow_special: bool,
        visit: &mut impl FnMut(Token<'t>) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        if !allow_special {
            return self.walk_ordinary(text, visit);
        }
        let mut from = 0;
        while let Some((start, end, id)) = self.specials.find(text, from) {
            self.walk_ordinary(text.get(from..start).unwrap_or(""), visit)?;
            visit(Token::Special(id))?;
            from = end;
        }
        self.walk_ordinary(text.get(from..).unwrap_or(""), visit)
    }

    #[inline]
    fn walk_ordinary<'t>(
        &self,
        text: &'t str,
        visit: &mut impl FnMut(Token<'t>) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        for piece in Pieces::new(text, self.pattern, self.classes) {
            if piece.len() == 1 {
                visit(Token::Rank(self.ranks.byte_rank(piece[0])))?;
            } else if let Some(rank) = self.ranks.get(piece) {
                visit(Token::Rank(rank))?;
            } else {
                visit(Token::Merge(piece))?;
            }
        }
        Ok(())
    }

    /// Number of tokens in `text`.
    pub(crate) fn count(&self, text: &str, allow_special: bool) -> usize {
        self.count_up_to(text, usize::MAX, allow_special).0
    }

    /// The token count when it is at most `limit`; otherwise some count above `limit` (the
    /// walk stops at the first piece that passes it).
    pub(crate) fn count_up_to(&self, text: &str, limit: usize, allow_special: bool) -> (usize, bool) {
        // Merged pieces go through this thread's cache ([`cache`]): a piece seen before, in
        // this call or an earlier one, is not merged again.
        cache::with_counter(self.ranks, |merge_count| {
            let mut n = 0;
            let stopped = self
                .walk(text, allow_special, &mut |token| {
                    n += match token {
                        Token::Merge(piece) => merge_count(piece),
                        _ => 1,
                    };
                    if n > limit { Err(Stop) } else { Ok(()) }
                })
                .is_err();
            (n, stopped)
        })
    }

    /// Token ids of `text`.
    pub(crate) fn encode(&self, text: &str, allow_special: bool) -> Vec<u32> {
        let mut ids = Vec::with_capacity(text.len() / 3);
        let _ = self.walk(text, allow_special, &mut |token| {
            match token {
                Token::Rank(rank) | Token::Special(rank) => ids.push(rank),
                Token::Merge(piece) => merge::merge(piece, self.ranks, &mut |a, b| {
                    ids.extend(piece.get(a..b).and_then(|t| self.ranks.get(t)));
                }),
            }
            Ok(())
        });
        ids
    }

    /// The bytes of token `id` (a mergeable token or a special token).
    pub(crate) fn token_bytes(&self, id: u32) -> Option<&'static [u8]> {
        self.ranks.token(id).or_else(|| self.specials.text(id).map(str::as_bytes))
    }
}

/// One step of [`Bpe::walk`].
enum Token<'a> {
    /// A piece that is a single mergeable token.
    Rank(u32),
    /// An allowed special token.
    Special(u32),
    /// A piece of several tokens, still to be merged.
    Merge(&'a [u8]),
}
