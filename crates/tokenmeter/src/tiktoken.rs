//! The tiktoken encodings (OpenAI's byte-level BPE with a regex pre-split).
//!
//! This backend delegates to `tiktoken-rs`, whose rank tables are compiled in. Every encoding
//! is built lazily, once per process, behind a `OnceLock` inside `tiktoken-rs`.

use tiktoken_rs::CoreBPE;

use crate::encoding::Encoding;
use crate::error::{Error, Result};
use crate::tokenizer::CountUpTo;

fn core(encoding: Encoding) -> &'static CoreBPE {
    match encoding {
        Encoding::O200kBase => tiktoken_rs::o200k_base_singleton(),
        Encoding::O200kHarmony => tiktoken_rs::o200k_harmony_singleton(),
        Encoding::Cl100kBase => tiktoken_rs::cl100k_base_singleton(),
        Encoding::P50kBase => tiktoken_rs::p50k_base_singleton(),
        Encoding::P50kEdit => tiktoken_rs::p50k_edit_singleton(),
        Encoding::R50kBase => tiktoken_rs::r50k_base_singleton(),
    }
}

/// Token count of `text`; special-token text counts as ordinary text unless `allow_special`.
pub(crate) fn count(encoding: Encoding, text: &str, allow_special: bool) -> usize {
    let bpe = core(encoding);
    if allow_special {
        bpe.count_with_special_tokens(text)
    } else {
        bpe.count_ordinary(text)
    }
}

pub(crate) fn count_up_to(
    encoding: Encoding,
    text: &str,
    limit: usize,
    allow_special: bool,
) -> CountUpTo {
    let tokens = count(encoding, text, allow_special);
    CountUpTo { tokens, exceeded: tokens > limit }
}

pub(crate) fn encode(encoding: Encoding, text: &str, allow_special: bool) -> Vec<u32> {
    let bpe = core(encoding);
    if allow_special {
        bpe.encode_with_special_tokens(text)
    } else {
        bpe.encode_ordinary(text)
    }
}

pub(crate) fn decode_bytes(encoding: Encoding, tokens: &[u32]) -> Result<Vec<u8>> {
    core(encoding).decode_bytes(tokens).map_err(|e| Error::InvalidInput {
        reason: format!("token id {} is not in {}", e.token, encoding),
    })
}
