//! Special tokens (`<|endoftext|>`, ...) of an encoding: finding them in text when the caller
//! allows them, and their ids and bytes.
//!
//! tiktoken finds allowed special tokens with a regex that is the alternation of all of them
//! and takes the leftmost match. Every OpenAI special token has the form `<|name|>` where the
//! name contains no `|>`, so the leftmost special token is found by visiting each `<|` from
//! left to right and looking up the text up to the first `|>` after it.

use std::collections::HashMap;

/// The special tokens of one encoding.
#[derive(Debug)]
pub(crate) struct Specials {
    by_text: HashMap<&'static str, u32>,
    by_id: HashMap<u32, &'static str>,
}

impl Specials {
    /// From `(text, id)` pairs. When two texts share an id (o200k_harmony gives 200018 both to
    /// `<|endofprompt|>` and `<|reserved_200018|>`), both encode to it and it decodes to the
    /// later one in the list.
    ///
    /// # Errors
    /// When a token does not have the `<|name|>` form that [`Specials::find`] relies on.
    pub(crate) fn new(tokens: Vec<(&'static str, u32)>) -> Result<Self, String> {
        let mut by_text = HashMap::with_capacity(tokens.len());
        let mut by_id = HashMap::with_capacity(tokens.len());
        for (text, id) in tokens {
            let inner = text.strip_prefix("<|").and_then(|t| t.strip_suffix("|>"));
            if inner.is_none_or(|name| name.contains("|>")) {
                return Err(format!("special token {text:?} is not of the form <|name|>"));
            }
            by_text.insert(text, id);
            by_id.insert(id, text);
        }
        Ok(Self { by_text, by_id })
    }

    /// The leftmost special token in `text` at or after byte `from`: `(start, end, id)`.
    pub(crate) fn find(&self, text: &str, from: usize) -> Option<(usize, usize, u32)> {
        let bytes = text.as_bytes();
        let mut at = from;
        while let Some(offset) = find_pair(bytes.get(at..)?, b'<', b'|') {
            let start = at + offset;
            if let Some(close) = find_pair(bytes.get(start + 2..)?, b'|', b'>') {
                let end = start + 2 + close + 2;
                if let Some(&id) = text.get(start..end).and_then(|t| self.by_text.get(t)) {
                    return Some((start, end, id));
                }
            } else {
                return None;
            }
            at = start + 1;
        }
        None
    }

    /// The text of special token `id`.
    pub(crate) fn text(&self, id: u32) -> Option<&'static str> {
        self.by_id.get(&id).copied()
    }
}

/// Index of the first `a` immediately followed by `b`.
fn find_pair(hay: &[u8], a: u8, b: u8) -> Option<usize> {
    hay.windows(2).position(|w| w[0] == a && w[1] == b)
}
