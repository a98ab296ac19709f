//! Token byte offsets: which bytes of the input each token covers.
//!
//! Truncation needs to know where tokens end so that it cuts only on token boundaries. For the
//! tiktoken encodings the spans are rebuilt from `encode` plus the bytes of each token
//! (`decode_bytes`), so this works on top of whichever engine backs `tiktoken.rs`; for a Hugging
//! Face tokenizer they are the offsets the tokenizer reports. Estimates have no token ids, so
//! crate-internal callers use the spans of the estimate's reference encoding.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::tiktoken;
use crate::tokenizer::{Backend, Tokenizer};

/// One token and the bytes of the input it covers (`start..end`, byte offsets).
///
/// A token may end inside a multi-byte character (byte-level BPE splits rare characters), so
/// `end` is not always a character boundary of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TokenSpan {
    /// The token id.
    pub id: u32,
    /// The first byte the token covers.
    pub start: usize,
    /// One past the last byte the token covers.
    pub end: usize,
}

impl Tokenizer {
    /// The tokens of `text` with the byte span of the input each one covers.
    ///
    /// ```
    /// use tokenmeter::{Encoding, Tokenizer};
    /// let tok = Tokenizer::from_encoding(Encoding::O200kBase);
    /// let spans = tok.encode_with_offsets("hello world")?;
    /// assert_eq!((spans[1].start, spans[1].end), (5, 11));
    /// # Ok::<(), tokenmeter::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an estimate, which has no token ids, or when a Hugging Face
    /// tokenizer rejects the text.
    pub fn encode_with_offsets(&self, text: &str) -> Result<Vec<TokenSpan>> {
        match self.backend() {
            Backend::Tiktoken(e) => tiktoken_spans(*e, text, self.allows_special()),
            #[cfg(feature = "huggingface")]
            Backend::HuggingFace(hf) => Ok(hf
                .encode_offsets(text, self.allows_special())?
                .into_iter()
                .map(|(id, start, end)| TokenSpan { id, start, end })
                .collect()),
            Backend::Estimate(p) => Err(Error::invalid(format!(
                "estimate:{} has no token ids; only counts are available",
                p.name
            ))),
        }
    }

    /// Token spans to cut on: the tokenizer's own, or for an estimate those of its reference
    /// encoding (the estimate is a scaled reference count, so its boundaries are the reference's).
    pub(crate) fn cut_spans(&self, text: &str) -> Result<Vec<TokenSpan>> {
        match self.backend() {
            Backend::Estimate(p) => tiktoken_spans(p.reference, text, false),
            _ => self.encode_with_offsets(text),
        }
    }
}

fn tiktoken_spans(
    encoding: crate::Encoding,
    text: &str,
    allow_special: bool,
) -> Result<Vec<TokenSpan>> {
    let ids = tiktoken::encode(encoding, text, allow_special)?;
    let mut spans = Vec::with_capacity(ids.len());
    let mut at = 0;
    for id in ids {
        let len = tiktoken::token_bytes(encoding, id)?.len();
        spans.push(TokenSpan { id, start: at, end: at + len });
        at += len;
    }
    if at != text.len() {
        return Err(Error::invalid(format!(
            "{encoding}: token bytes cover {at} of {} input bytes",
            text.len()
        )));
    }
    Ok(spans)
}
