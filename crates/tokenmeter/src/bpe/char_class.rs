//! Unicode character classes used by the tiktoken pre-split patterns, as bit flags per code
//! point.
//!
//! tiktoken's patterns run on `fancy-regex`, whose classes (`\p{L}`, `\p{Lu}`, `\p{M}`, `\s`,
//! case folding for `(?i:...)`) come from `regex-syntax`. We ask `regex-syntax` for the very
//! same classes at load time, so the Unicode version always equals the regex engine's; there is
//! no hand-copied table to drift.
//!
//! Layout: a two-level table (the code point's high bits pick a 256-entry block; identical
//! blocks are shared), about 60 KB, plus a 128-entry table for ASCII. Building it takes about a
//! millisecond and happens once per process.

use std::sync::OnceLock;

use regex_syntax::hir::{Class, HirKind};

/// `\p{L}`: any letter.
pub(crate) const LETTER: u8 = 1;
/// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`: o200k's "upper" class.
pub(crate) const UPPER: u8 = 2;
/// `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`: o200k's "lower" class.
pub(crate) const LOWER: u8 = 4;
/// `\p{N}`: any number.
pub(crate) const NUMBER: u8 = 8;
/// `\s`: Unicode `White_Space`.
pub(crate) const SPACE: u8 = 16;
/// `\r` or `\n`.
pub(crate) const NEWLINE: u8 = 32;

/// Flags for every code point.
#[derive(Debug)]
pub(crate) struct CharClasses {
    ascii: [u8; 128],
    /// Block number for each 256-code-point page.
    pages: Vec<u16>,
    /// Shared 256-entry blocks of flags.
    blocks: Vec<[u8; 256]>,
    /// Non-ASCII characters that match an ASCII letter of the contractions under `(?i:...)`
    /// (Unicode simple case folding: U+017F LONG S matches `s`), with that ASCII letter.
    folds: Vec<(char, u8)>,
}

const PAGES: usize = 0x11_0000 >> 8;

fn class_ranges(pattern: &str) -> Result<Vec<(u32, u32)>, String> {
    let hir = regex_syntax::parse(pattern).map_err(|e| format!("unicode class {pattern}: {e}"))?;
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            Ok(class.ranges().iter().map(|r| (r.start() as u32, r.end() as u32)).collect())
        }
        _ => Err(format!("unicode class {pattern}: not a class")),
    }
}

impl CharClasses {
    fn build() -> Result<Self, String> {
        let mut flags = vec![0u8; 0x11_0000];
        let classes: [(&str, u8); 6] = [
            (r"\p{L}", LETTER),
            (r"[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]", UPPER),
            (r"[\p{Ll}\p{Lm}\p{Lo}\p{M}]", LOWER),
            (r"\p{N}", NUMBER),
            (r"\s", SPACE),
            (r"[\r\n]", NEWLINE),
        ];
        for (pattern, flag) in classes {
            for (start, end) in class_ranges(pattern)? {
                for slot in flags.get_mut(start as usize..=end as usize).into_iter().flatten() {
                    *slot |= flag;
                }
            }
        }
        let mut ascii = [0u8; 128];
        ascii.copy_from_slice(&flags[..128]);
        let mut pages = Vec::with_capacity(PAGES);
        let mut blocks: Vec<[u8; 256]> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for page in flags.chunks_exact(256) {
            let mut block = [0u8; 256];
            block.copy_from_slice(page);
            let next = blocks.len() as u16;
            let id = *seen.entry(block).or_insert(next);
            if id == next {
                blocks.push(block);
            }
            pages.push(id);
        }
        let mut folds = Vec::new();
        for letter in ["s", "t", "r", "e", "v", "m", "l", "d"] {
            for (start, end) in class_ranges(&format!("(?i:{letter})"))? {
                for cp in start..=end {
                    if cp >= 0x80 {
                        if let Some(c) = char::from_u32(cp) {
                            folds.push((c, letter.as_bytes()[0]));
                        }
                    }
                }
            }
        }
        Ok(Self { ascii, pages, blocks, folds })
    }

    /// The process-wide table, built on first use.
    pub(crate) fn get() -> Result<&'static Self, String> {
        static CLASSES: OnceLock<Result<CharClasses, String>> = OnceLock::new();
        CLASSES.get_or_init(Self::build).as_ref().map_err(Clone::clone)
    }

    /// Flags of the character starting at `text[i]` and its length in bytes. `i` must be a
    /// character boundary of valid UTF-8 below `text.len()`.
    #[inline(always)]
    pub(crate) fn at(&self, text: &[u8], i: usize) -> (u8, usize) {
        let b0 = text[i];
        if b0 < 0x80 {
            return (self.ascii[b0 as usize], 1);
        }
        let (cp, len) = decode(text, i, b0);
        (self.of(cp), len)
    }

    /// Flags of code point `cp`.
    #[inline(always)]
    pub(crate) fn of(&self, cp: u32) -> u8 {
        let page = self.pages.get((cp >> 8) as usize).copied().unwrap_or(0);
        self.blocks.get(page as usize).map_or(0, |b| b[(cp & 0xFF) as usize])
    }

    /// The ASCII letter of the contractions that the character at `text[i]` matches
    /// case-insensitively, with the character's length.
    #[inline]
    pub(crate) fn fold_at(&self, text: &[u8], i: usize) -> Option<(u8, usize)> {
        let b0 = *text.get(i)?;
        if b0 < 0x80 {
            return Some((b0.to_ascii_lowercase(), 1));
        }
        let (cp, len) = decode(text, i, b0);
        let c = char::from_u32(cp)?;
        self.folds.iter().find(|(f, _)| *f == c).map(|&(_, ascii)| (ascii, len))
    }
}

/// Decodes the multi-byte UTF-8 sequence that starts with `b0` at `text[i]`.
#[inline(always)]
fn decode(text: &[u8], i: usize, b0: u8) -> (u32, usize) {
    let cont = |k: usize| u32::from(text.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    if b0 < 0xE0 {
        ((u32::from(b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        ((u32::from(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        ((u32::from(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4)
    }
}
