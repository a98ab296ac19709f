//! The canonical strings of the core's choice enums agree with their serde names, which is what
//! `models.json` and every binding use.

use tokenmeter::{Catalog, ChatFormat, MatchKind};

#[test]
fn chat_format_names_round_trip_and_match_serde() {
    for format in ChatFormat::ALL {
        let serde_name = serde_json::to_value(format).unwrap();
        assert_eq!(serde_name, serde_json::Value::String(format.as_str().to_string()));
        assert_eq!(format.as_str().parse::<ChatFormat>().unwrap(), format);
        assert_eq!(format.to_string(), format.as_str());
    }
}

#[test]
fn unknown_chat_format_is_invalid_input_naming_the_known_ones() {
    let err = "open-ai".parse::<ChatFormat>().unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
    assert!(err.to_string().contains("openai0301"), "{err}");
}

#[test]
fn match_kind_names() {
    let catalog = Catalog::bundled();
    let cases = [
        ("gpt-4o", MatchKind::Id, "id"),
        ("azure/gpt-4o", MatchKind::Prefix, "prefix"),
        ("ft:gpt-4o-mini:acme::abc123", MatchKind::FineTune, "fine_tune"),
    ];
    for (name, kind, text) in cases {
        let resolved = catalog.resolve(name).unwrap();
        assert_eq!(resolved.matched_by, kind, "{name}");
        assert_eq!(kind.as_str(), text);
    }
}
