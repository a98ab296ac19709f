//! The tiktoken encodings (OpenAI's byte-level BPE with a regex pre-split), on tokenmeter's
//! own exact engine ([`crate::bpe`]).
//!
//! The rank tables are embedded (`data/ranks/*.bin`, built from OpenAI's `.tiktoken` files by
//! `data/ranks/build.py`, which checks tiktoken's published SHA-256). Each table and each
//! encoding is built lazily, once per process, in a `OnceLock`. Cargo features decide which
//! tables a build carries: `o200k` (o200k_base, o200k_harmony), `cl100k` (cl100k_base) and
//! `legacy-encodings` (p50k_base, p50k_edit, r50k_base). Asking for an encoding that was
//! compiled out is an [`Error::TokenizerLoad`] naming the feature.

use std::sync::OnceLock;

use crate::bpe::Bpe;
#[cfg(any(feature = "o200k", feature = "cl100k", feature = "legacy-encodings"))]
use crate::bpe::{pretokenize::Pattern, ranks::RankTable, special::Specials};
use crate::encoding::Encoding;
use crate::error::{Error, Result};
use crate::tokenizer::CountUpTo;

type Loaded<T> = OnceLock<std::result::Result<T, String>>;

fn load_error(encoding: Encoding, reason: &str) -> Error {
    Error::TokenizerLoad { reason: format!("encoding {encoding}: {reason}") }
}

/// A rank table embedded under a cargo feature, parsed on first use.
#[cfg(any(feature = "o200k", feature = "cl100k", feature = "legacy-encodings"))]
fn ranks(
    cell: &'static Loaded<RankTable>,
    name: &str,
    data: &'static [u8],
) -> std::result::Result<&'static RankTable, String> {
    cell.get_or_init(|| RankTable::parse(name, data)).as_ref().map_err(Clone::clone)
}

#[cfg(feature = "o200k")]
fn o200k_ranks() -> std::result::Result<&'static RankTable, String> {
    static CELL: Loaded<RankTable> = OnceLock::new();
    ranks(&CELL, "o200k_base", include_bytes!("../data/ranks/o200k_base.bin"))
}

#[cfg(feature = "cl100k")]
fn cl100k_ranks() -> std::result::Result<&'static RankTable, String> {
    static CELL: Loaded<RankTable> = OnceLock::new();
    ranks(&CELL, "cl100k_base", include_bytes!("../data/ranks/cl100k_base.bin"))
}

#[cfg(feature = "legacy-encodings")]
fn p50k_ranks() -> std::result::Result<&'static RankTable, String> {
    static CELL: Loaded<RankTable> = OnceLock::new();
    ranks(&CELL, "p50k_base", include_bytes!("../data/ranks/p50k_base.bin"))
}

#[cfg(feature = "legacy-encodings")]
fn r50k_ranks() -> std::result::Result<&'static RankTable, String> {
    static CELL: Loaded<RankTable> = OnceLock::new();
    ranks(&CELL, "r50k_base", include_bytes!("../data/ranks/r50k_base.bin"))
}

/// The special tokens of `encoding`, as tiktoken 0.14's `tiktoken_ext/openai_public.py`
/// defines them.
#[cfg(any(feature = "o200k", feature = "cl100k", feature = "legacy-encodings"))]
fn special_tokens(encoding: Encoding) -> Vec<(&'static str, u32)> {
    const ENDOFTEXT: &str = "<|endoftext|>";
    const FIM_PREFIX: &str = "<|fim_prefix|>";
    const FIM_MIDDLE: &str = "<|fim_middle|>";
    const FIM_SUFFIX: &str = "<|fim_suffix|>";
    const ENDOFPROMPT: &str = "<|endofprompt|>";
    match encoding {
        Encoding::O200kBase => vec![(ENDOFTEXT, 199_999), (ENDOFPROMPT, 200_018)],
        Encoding::O200kHarmony => {
            // tiktoken builds this as {**o200k_base specials, ...}, so <|endofprompt|> stays
            // (id 200018, shared with <|reserved_200018|>; tiktoken-rs leaves it out).
            let mut tokens = vec![
                (ENDOFPROMPT, 200_018),
                ("<|startoftext|>", 199_998),
                (ENDOFTEXT, 199_999),
                ("<|reserved_200000|>", 200_000),
                ("<|reserved_200001|>", 200_001),
                ("<|return|>", 200_002),
                ("<|constrain|>", 200_003),
                ("<|reserved_200004|>", 200_004),
                ("<|channel|>", 200_005),
                ("<|start|>", 200_006),
                ("<|end|>", 200_007),
                ("<|message|>", 200_008),
                ("<|reserved_200009|>", 200_009),
                ("<|reserved_200010|>", 200_010),
                ("<|reserved_200011|>", 200_011),
                ("<|call|>", 200_012),
            ];
            for id in 200_013..201_088u32 {
                let text: &'static str = Box::leak(format!("<|reserved_{id}|>").into_boxed_str());
                tokens.push((text, id));
            }
            tokens
        }
        Encoding::Cl100kBase => vec![
            (ENDOFTEXT, 100_257),
            (FIM_PREFIX, 100_258),
            (FIM_MIDDLE, 100_259),
            (FIM_SUFFIX, 100_260),
            (ENDOFPROMPT, 100_276),
        ],
        Encoding::P50kBase | Encoding::R50kBase => vec![(ENDOFTEXT, 50_256)],
        Encoding::P50kEdit => vec![
            (ENDOFTEXT, 50_256),
            (FIM_PREFIX, 50_281),
            (FIM_MIDDLE, 50_282),
            (FIM_SUFFIX, 50_283),
        ],
    }
}

/// Builds the engine for `encoding`, or says why it cannot.
fn build(encoding: Encoding) -> std::result::Result<Bpe, String> {
    #[cfg(any(feature = "o200k", feature = "cl100k", feature = "legacy-encodings"))]
    let with = |ranks: &'static RankTable, pattern| {
        Bpe::new(ranks, Specials::new(special_tokens(encoding))?, pattern)
    };
    match encoding {
        #[cfg(feature = "o200k")]
        Encoding::O200kBase | Encoding::O200kHarmony => with(o200k_ranks()?, Pattern::O200k),
        #[cfg(feature = "cl100k")]
        Encoding::Cl100kBase => with(cl100k_ranks()?, Pattern::Cl100k),
        #[cfg(feature = "legacy-encodings")]
        Encoding::P50kBase | Encoding::P50kEdit => with(p50k_ranks()?, Pattern::R50k),
        #[cfg(feature = "legacy-encodings")]
        Encoding::R50kBase => with(r50k_ranks()?, Pattern::R50k),
        #[allow(unreachable_patterns)]
        _ => Err(format!(
            "not compiled into this build of tokenmeter (enable the cargo feature `{}`)",
            feature_of(encoding)
        )),
    }
}

/// The cargo feature that carries `encoding`'s rank table.
pub(crate) fn feature_of(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::O200kBase | Encoding::O200kHarmony => "o200k",
        Encoding::Cl100kBase => "cl100k",
        Encoding::P50kBase | Encoding::P50kEdit | Encoding::R50kBase => "legacy-encodings",
    }
}

/// The engine for `encoding`, built on first use.
///
/// # Errors
/// [`Error::TokenizerLoad`] when the encoding is compiled out of this build.
pub(crate) fn engine(encoding: Encoding) -> Result<&'static Bpe> {
    static ENGINES: [Loaded<Bpe>; 6] = [const { OnceLock::new() }; 6];
    let cell = Encoding::ALL
        .iter()
        .position(|e| *e == encoding)
        .and_then(|index| ENGINES.get(index))
        .ok_or_else(|| load_error(encoding, "has no engine slot"))?;
    cell.get_or_init(|| build(encoding))
        .as_ref()
        .map_err(|reason| load_error(encoding, reason))
}

/// Token count of `text`; special-token text counts as ordinary text unless `allow_special`.
/// Builds no token vector.
pub(crate) fn count(encoding: Encoding, text: &str, allow_special: bool) -> Result<usize> {
    Ok(engine(encoding)?.count(text, allow_special))
}

/// Counts `text` but stops at the first piece that takes the count above `limit`.
pub(crate) fn count_up_to(
    encoding: Encoding,
    text: &str,
    limit: usize,
    allow_special: bool,
) -> Result<CountUpTo> {
    let (tokens, exceeded) = engine(encoding)?.count_up_to(text, limit, allow_special);
    Ok(CountUpTo { tokens, exceeded })
}

/// Token ids of `text`.
pub(crate) fn encode(encoding: Encoding, text: &str, allow_special: bool) -> Result<Vec<u32>> {
    Ok(engine(encoding)?.encode(text, allow_special))
}

/// The bytes of token `id` (for offsets: the text of a prefix of tokens is the concatenation
/// of their bytes).
///
/// # Errors
/// [`Error::InvalidInput`] for an id outside the vocabulary.
pub(crate) fn token_bytes(encoding: Encoding, id: u32) -> Result<&'static [u8]> {
    engine(encoding)?.token_bytes(id).ok_or_else(|| Error::InvalidInput {
        reason: format!("token id {id} is not in {encoding}"),
    })
}

/// The bytes of `tokens`, concatenated.
///
/// # Errors
/// [`Error::InvalidInput`] naming the first id outside the vocabulary.
pub(crate) fn decode_bytes(encoding: Encoding, tokens: &[u32]) -> Result<Vec<u8>> {
    let bpe = engine(encoding)?;
    let mut out = Vec::with_capacity(tokens.len() * 4);
    for &id in tokens {
        let bytes = bpe.token_bytes(id).ok_or_else(|| Error::InvalidInput {
            reason: format!("token id {id} is not in {encoding}"),
        })?;
        out.extend_from_slice(bytes);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run with `cargo test -p tokenmeter --lib --no-default-features --features o200k`.
    #[cfg(not(feature = "legacy-encodings"))]
    #[test]
    fn a_compiled_out_encoding_is_a_clear_error() {
        let err = count(Encoding::R50kBase, "hello", false).unwrap_err();
        assert_eq!(err.code(), "TOKENIZER_LOAD");
        assert!(err.to_string().contains("legacy-encodings"), "{err}");
        assert!(decode_bytes(Encoding::P50kEdit, &[1]).is_err());
    }

    #[cfg(feature = "o200k")]
    #[test]
    fn count_up_to_stops_early_on_long_text() {
        let text = "word ".repeat(200_000); // "word", " word" x 199999, then " "
        let (tokens, exceeded) = engine(Encoding::O200kBase).unwrap().count_up_to(&text, 10, false);
        assert!(exceeded);
        assert_eq!(tokens, 11);
        assert_eq!(count(Encoding::O200kBase, &text, false).unwrap(), 200_001);
    }
}
