//! Bad input to the library: every case returns an error value whose code and message say what
//! was wrong (the codes are also checked across languages by `tests/vectors/errors.json`; these
//! tests check the messages and the details a user acts on).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use tokenmeter::{Catalog, Error, Tokenizer};

fn message(e: &Error) -> String {
    e.to_string()
}

#[test]
fn unknown_encoding_names_the_known_ones() {
    let e = Tokenizer::from_encoding_name("o300k_base").unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_ENCODING");
    let msg = message(&e);
    assert!(msg.contains("o300k_base"), "{msg}");
    for known in ["o200k_base", "cl100k_base", "p50k_base", "r50k_base"] {
        assert!(msg.contains(known), "{msg} should list {known}");
    }
}

#[test]
fn unknown_model_names_the_nearest_ids() {
    let e = Catalog::bundled().get("gpt-4o-mni").unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_MODEL");
    let Error::UnknownModel { model, suggestions } = &e else { panic!("{e:?}") };
    assert_eq!(model, "gpt-4o-mni");
    assert!(suggestions.iter().any(|s| s == "gpt-4o-mini"), "{suggestions:?}");
    assert!(message(&e).contains("did you mean"), "{e}");
}

#[test]
fn unknown_model_never_resolves_to_a_default() {
    for name in ["", "   ", "gpt", "claude", "ft:", "ft:unknown-base:org::id", "bedrock/", "x@2024"] {
        let e = Catalog::bundled().get(name).err();
        assert_eq!(e.as_ref().map(Error::code), Some("UNKNOWN_MODEL"), "{name:?} resolved");
    }
}

#[test]
fn unknown_estimate_profile_lists_the_profiles() {
    let e = Tokenizer::estimate("nope").unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(message(&e).contains("anthropic"), "{e}");
}

#[test]
fn malformed_chat_json_says_what_is_wrong() {
    let cases = [
        ("", "chat JSON"),
        ("{\"messages\": [", "chat JSON"),
        ("\"just a string\"", "expected an array of messages"),
        ("[{\"content\": \"hi\"}]", "role"),
        ("{\"messages\": 3}", "messages"),
        ("[{\"role\": \"user\", \"content\": {\"text\": \"x\"}}]", "malformed"),
    ];
    for (json, needle) in cases {
        let e = tokenmeter::parse_chat(json).unwrap_err();
        assert_eq!(e.code(), "INVALID_INPUT", "{json}");
        assert!(message(&e).contains(needle), "{json}: {e} should mention {needle}");
    }
}

#[test]
fn empty_chat_is_an_error_not_zero() {
    let tok = Tokenizer::from_encoding(tokenmeter::Encoding::O200kBase);
    let e = tokenmeter::count_chat(&tok, tokenmeter::ChatFormat::Openai, &[], &[]).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
}

#[cfg(feature = "huggingface")]
#[test]
fn invalid_tokenizer_json_bytes() {
    for bytes in [&b""[..], b"not json", b"{}", b"[1, 2, 3]", b"\xff\xfe\x00garbage"] {
        let e = Tokenizer::from_hf_bytes(bytes).unwrap_err();
        assert_eq!(e.code(), "TOKENIZER_LOAD", "{bytes:?}");
        assert!(message(&e).starts_with("cannot load tokenizer"), "{e}");
    }
}

#[cfg(feature = "huggingface")]
#[test]
fn unreadable_tokenizer_file_names_the_path() {
    let missing = std::env::temp_dir().join("tokenmeter-no-such-dir/tokenizer.json");
    let e = Tokenizer::from_hf_file(&missing).unwrap_err();
    assert_eq!(e.code(), "TOKENIZER_LOAD");
    assert!(message(&e).contains("tokenmeter-no-such-dir"), "{e}");

    let dir = std::env::temp_dir();
    let e = Tokenizer::from_hf_file(&dir).unwrap_err();
    assert_eq!(e.code(), "TOKENIZER_LOAD", "a directory: {e}");
}

#[cfg(feature = "huggingface")]
#[test]
fn tokenizer_missing_from_the_hf_cache_says_how_to_get_it() {
    let e = Tokenizer::from_hf_cache("no-such-org/no-such-model").unwrap_err();
    assert_eq!(e.code(), "TOKENIZER_LOAD");
    assert!(message(&e).contains("never downloads"), "{e}");
    let e = Tokenizer::from_hf_cache("../etc").unwrap_err();
    assert_eq!(e.code(), "TOKENIZER_LOAD");
}

#[test]
fn decoding_an_unknown_id_is_an_error() {
    let tok = Tokenizer::from_encoding(tokenmeter::Encoding::R50kBase);
    let e = tok.decode(&[50_256, 60_000]).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(message(&e).contains("60000"), "{e}");
}

#[test]
fn estimates_have_no_ids() {
    let tok = Tokenizer::estimate("anthropic").unwrap();
    assert_eq!(tok.encode("hi").unwrap_err().code(), "INVALID_INPUT");
    assert_eq!(tok.decode(&[1]).unwrap_err().code(), "INVALID_INPUT");
    assert!(tok.count("hi").unwrap() > 0);
}

#[test]
fn anthropic_and_gemini_chat_counts_are_marked_inexact() {
    for model in ["claude-sonnet-4-5", "gemini-2.5-pro", "grok-4"] {
        let m = Catalog::bundled().get(model).unwrap();
        let tok = m.tokenizer().unwrap();
        let msgs = [tokenmeter::Message::new("user", "Hello there, how are you?")];
        let c = tokenmeter::count_chat(&tok, m.chat_format, &msgs, &[]).unwrap();
        assert!(!c.exact, "{model}");
        assert!(c.tokens > tok.count("Hello there, how are you?").unwrap(), "{model}: framing counted");
    }
}
