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

/// `<|endofprompt|>`: tiktoken's o200k_harmony inherits it from o200k_base, but tiktoken-rs 0.12
/// leaves it out of its o200k_harmony special tokens (found by the conformance vectors).
const HARMONY_ENDOFPROMPT: (&str, u32) = ("<|endofprompt|>", 200_018);

/// Splits `text` at each `<|endofprompt|>` when `encoding` is o200k_harmony with specials
/// allowed, so that the pieces can go to tiktoken-rs and the marker becomes its token. Splitting
/// first gives tiktoken's result: no special token contains `<|` past its start, so no special
/// match can overlap the marker.
fn harmony_segments(
    encoding: Encoding,
    text: &str,
    allow_special: bool,
) -> Option<std::str::Split<'_, &'static str>> {
    (allow_special && encoding == Encoding::O200kHarmony && text.contains(HARMONY_ENDOFPROMPT.0))
        .then(|| text.split(HARMONY_ENDOFPROMPT.0))
}

/// Token count of `text`; special-token text counts as ordinary text unless `allow_special`.
pub(crate) fn count(encoding: Encoding, text: &str, allow_special: bool) -> usize {
    let bpe = core(encoding);
    if let Some(segments) = harmony_segments(encoding, text, allow_special) {
        let mut pieces = 0;
        let mut tokens = 0;
        for segment in segments {
            tokens += bpe.count_with_special_tokens(segment);
            pieces += 1;
        }
        return tokens + pieces - 1;
    }
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
    if let Some(segments) = harmony_segments(encoding, text, allow_special) {
        let mut ids = Vec::new();
        for (i, segment) in segments.enumerate() {
            if i > 0 {
                ids.push(HARMONY_ENDOFPROMPT.1);
            }
            ids.extend(bpe.encode_with_special_tokens(segment));
        }
        return ids;
    }
    if allow_special {
        bpe.encode_with_special_tokens(text)
    } else {
        bpe.encode_ordinary(text)
    }
}

pub(crate) fn decode_bytes(encoding: Encoding, tokens: &[u32]) -> Result<Vec<u8>> {
    let decode = |ids: &[u32]| {
        core(encoding).decode_bytes(ids).map_err(|e| Error::InvalidInput {
            reason: format!("token id {} is not in {}", e.token, encoding),
        })
    };
    if encoding != Encoding::O200kHarmony || !tokens.contains(&HARMONY_ENDOFPROMPT.1) {
        return decode(tokens);
    }
    let mut bytes = Vec::new();
    for (i, run) in tokens.split(|&t| t == HARMONY_ENDOFPROMPT.1).enumerate() {
        if i > 0 {
            bytes.extend_from_slice(HARMONY_ENDOFPROMPT.0.as_bytes());
        }
        bytes.extend(decode(run)?);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harmony_knows_endofprompt_as_tiktoken_does() {
        let text = "a<|endofprompt|><|start|>b<|endofprompt|>";
        let ids = encode(Encoding::O200kHarmony, text, true);
        assert_eq!(ids.iter().filter(|&&t| t == 200_018).count(), 2, "{ids:?}");
        assert!(ids.contains(&200_006), "{ids:?}");
        assert_eq!(count(Encoding::O200kHarmony, text, true), ids.len());
        assert_eq!(decode_bytes(Encoding::O200kHarmony, &ids).ok().as_deref(), Some(text.as_bytes()));
        // As ordinary text it stays text.
        assert!(!encode(Encoding::O200kHarmony, text, false).contains(&200_018));
    }
}
