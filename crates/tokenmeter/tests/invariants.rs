//! Property tests of invariants that need no reference implementation: whatever the text,
//! `decode(encode(t)) == t`, `count(t) == encode(t).len()`, `count_up_to` agrees with `count`,
//! and `count_batch` is `count` mapped over the texts. BPE counts are not additive, so nothing
//! here assumes that the count of a concatenation is the sum of the counts.
//!
//! The number of cases per property is `PROPTEST_CASES` (default 64 here: debug builds encode
//! slowly).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use proptest::prelude::*;
use tokenmeter::{Encoding, Tokenizer};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Fragments that stress the pre-splitters: scripts, ZWJ emoji, combining marks, whitespace
/// runs, digits, contractions and special-token text.
const FRAGMENTS: &[&str] = &[
    "hello", " world", "The", "'s", "'LL", "’s", "ſ", "don't", "\n", "\r\n", "\t", "   ", " ",
    "\u{a0}", "\u{3000}", "\u{2028}", "123", "4567890", "3.14", "東京", "お誕生日", "한국어",
    "مرحبا", "नमस्ते", "क्षत्रिय", "Привет", "👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "e\u{301}", "\u{300}", "ﬁ",
    "<|endoftext|>", "<|endofprompt|>", "<|fim_prefix|>", "<|start|>", "<|", "|>", "{", "}",
    "fn main()", "!!!", "...", "\u{feff}", "\u{200b}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Arbitrary Unicode scalar values.
        any::<String>(),
        // Concatenations of hard fragments.
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..24).prop_map(|v| v.concat()),
    ]
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop::sample::select(Encoding::ALL.to_vec())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decode_inverts_encode(enc in encoding(), t in text()) {
        let tok = Tokenizer::from_encoding(enc);
        let ids = tok.encode(&t).unwrap();
        prop_assert_eq!(tok.decode(&ids).unwrap(), t);
    }

    #[test]
    fn count_is_encode_len(enc in encoding(), t in text(), allow in any::<bool>()) {
        let tok = Tokenizer::from_encoding(enc).allow_special(allow);
        prop_assert_eq!(tok.count(&t).unwrap(), tok.encode(&t).unwrap().len());
    }

    #[test]
    fn count_up_to_agrees_with_count(enc in encoding(), t in text(), limit in 0usize..64, allow in any::<bool>()) {
        let tok = Tokenizer::from_encoding(enc).allow_special(allow);
        let count = tok.count(&t).unwrap();
        let up_to = tok.count_up_to(&t, limit).unwrap();
        prop_assert_eq!(up_to.exceeded, count > limit);
        if up_to.exceeded {
            // Stopped past the limit: a lower bound of the full count.
            prop_assert!(up_to.tokens > limit && up_to.tokens <= count, "{:?} count {}", up_to, count);
        } else {
            prop_assert_eq!(up_to.tokens, count);
        }
    }

    #[test]
    fn count_batch_is_count_mapped(enc in encoding(), texts in prop::collection::vec(text(), 0..8)) {
        let tok = Tokenizer::from_encoding(enc);
        let one_by_one: Vec<usize> = texts.iter().map(|t| tok.count(t).unwrap()).collect();
        prop_assert_eq!(tok.count_batch(&texts).unwrap(), one_by_one);
    }

    #[test]
    fn estimate_scales_its_reference(t in text(), profile in prop::sample::select(vec!["anthropic", "gemini", "llama3", "grok"])) {
        let est = Tokenizer::estimate(profile).unwrap();
        let p = tokenmeter::EstimateProfile::get(profile).unwrap();
        let reference = Tokenizer::from_encoding(p.reference).count(&t).unwrap();
        let want = (reference as f64 * p.ratio).ceil() as usize;
        prop_assert_eq!(est.count(&t).unwrap(), want);
        prop_assert!(!est.is_exact());
        prop_assert_eq!(est.count_batch(&[t.as_str()]).unwrap(), vec![want]);
    }
}

#[cfg(feature = "huggingface")]
mod huggingface {
    use super::*;

    fn tiny() -> Tokenizer {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/tiny-bpe.tokenizer.json");
        Tokenizer::from_hf_file(path).unwrap()
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn hf_count_is_encode_len_and_batch(t in text(), allow in any::<bool>()) {
            let tok = tiny().allow_special(allow);
            let count = tok.count(&t).unwrap();
            prop_assert_eq!(count, tok.encode(&t).unwrap().len());
            prop_assert_eq!(tok.count_batch(&[t.as_str(), t.as_str()]).unwrap(), vec![count, count]);
            let up_to = tok.count_up_to(&t, 5).unwrap();
            prop_assert_eq!(up_to.exceeded, count > 5);
        }

        #[test]
        fn hf_decode_inverts_encode_on_nfc_ascii(t in "[ -~\t\n]{0,80}") {
            // ASCII is already NFC, so the byte-level tokenizer must give the text back.
            let tok = tiny();
            let ids = tok.encode(&t).unwrap();
            prop_assert_eq!(tok.decode(&ids).unwrap(), t);
        }
    }
}
