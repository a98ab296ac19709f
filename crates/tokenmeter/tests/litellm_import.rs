//! The LiteLLM importer on a verbatim excerpt of `model_prices_and_context_window.json`
//! (see tests/data/README.md for its source).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tokenmeter::{Catalog, CostOptions, Decimal, Usage, Variant, import_litellm};

const EXCERPT: &str = include_str!("data/litellm_excerpt.json");

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn imported() -> (Catalog, tokenmeter::ImportReport) {
    let mut catalog = Catalog::bundled().clone();
    let report = import_litellm(&mut catalog, EXCERPT, "2026-07-24", "LiteLLM 2026-07-24").unwrap();
    (catalog, report)
}

#[test]
fn maps_known_names_adds_unknown_ones_and_skips_non_text() {
    let (_, report) = imported();
    let mut updated = report.updated.clone();
    updated.sort();
    // The excerpt's `gpt-4o-2024-08-06` key names the snapshot's own entry (priced apart from
    // gpt-4o until 2024-10-02), its `gpt-4o` key the base model.
    assert_eq!(updated, ["claude-sonnet-4-5", "deepseek-chat", "gemini-2.5-pro", "gpt-4o", "gpt-4o-2024-08-06", "o3"]);
    assert_eq!(report.added, ["gpt-5.6-sol"]);
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert_eq!(report.skipped[0].0, "gemini-2.0-flash-exp-image-generation");
}

#[test]
fn per_token_literals_become_exact_per_million_rates() {
    let (catalog, _) = imported();
    let gpt4o = catalog.get("gpt-4o").unwrap();
    assert_eq!(gpt4o.prices.len(), 1, "an import replaces the history");
    let p = &gpt4o.prices[0];
    // 2.5e-06 per token = $2.50 per million; 1.25e-06 cached; 1e-05 output.
    assert_eq!((p.rates.input, p.rates.cache_read, p.rates.output), (Some(d("2.5")), Some(d("1.25")), Some(d("10"))));
    let batch = p.variants[&Variant::Batch].rates.clone().unwrap();
    assert_eq!((batch.input, batch.output), (Some(d("1.25")), Some(d("5"))));
    let priority = p.variants[&Variant::Priority].rates.clone().unwrap();
    assert_eq!((priority.input, priority.cache_read, priority.output), (Some(d("4.25")), Some(d("2.125")), Some(d("17"))));

    let sonnet = &catalog.get("claude-sonnet-4-5").unwrap().prices[0];
    assert_eq!((sonnet.rates.cache_write_5m, sonnet.rates.cache_write_1h), (Some(d("3.75")), Some(d("6"))));
    assert_eq!(sonnet.tiers.len(), 1);
    let t = &sonnet.tiers[0];
    assert_eq!(t.above, 200_000);
    assert_eq!(
        (t.rates.input, t.rates.cache_read, t.rates.cache_write_5m, t.rates.cache_write_1h, t.rates.output),
        (Some(d("6")), Some(d("0.6")), Some(d("7.5")), Some(d("12")), Some(d("22.5")))
    );

    let sol = catalog.get("gpt-5.6-sol").unwrap();
    assert_eq!((sol.context_window, sol.max_output), (400_000, 128_000));
    assert_eq!(sol.prices[0].tiers[0].above, 272_000);
    let flex = sol.prices[0].variants[&Variant::Flex].rates.clone().unwrap();
    assert_eq!(flex.cache_write_5m, Some(d("3.125")));
}

#[test]
fn imported_prices_price_a_request() {
    let (catalog, _) = imported();
    let at = CostOptions::new().with_at("2026-08-01".parse().unwrap());
    // claude-sonnet-4-5, 1h cache writes over the 200K tier:
    // 150000 input x $6 = 0.9; 60000 1h writes x $12 = 0.72; 1000 output x $22.50 = 0.0225.
    let u = Usage::new(150_000, 1000).with_cache_writes(0, 60_000);
    let c = catalog.cost("claude-sonnet-4-5", &u, &at).unwrap();
    assert_eq!(c.total, d("1.6425"));
    // Before the import's effective date there is no price.
    let early = CostOptions::new().with_at("2026-01-01".parse().unwrap());
    assert_eq!(catalog.cost("claude-sonnet-4-5", &u, &early).unwrap_err().code(), "PRICE_UNAVAILABLE");
}

#[test]
fn malformed_documents_are_errors() {
    let mut catalog = Catalog::bundled().clone();
    assert_eq!(import_litellm(&mut catalog, "[1, 2]", "2026-01-01", "x").unwrap_err().code(), "INVALID_INPUT");
    assert_eq!(import_litellm(&mut catalog, "{}", "not a date", "x").unwrap_err().code(), "INVALID_INPUT");
    assert_eq!(import_litellm(&mut catalog, "{}", "2026-01-01", "x").unwrap(), tokenmeter::ImportReport::default());
    let bad_date = r#"{"gpt-4o": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "litellm_provider": "openai", "mode": "chat"}}"#;
    assert_eq!(import_litellm(&mut catalog, bad_date, "not a date", "x").unwrap_err().code(), "INVALID_INPUT");
}

#[test]
fn an_unreadable_entry_for_a_catalog_model_is_an_error_naming_key_and_field() {
    let mut catalog = Catalog::bundled().clone();
    let doc = r#"{"gpt-4o": {"input_cost_per_token": "1e-06", "output_cost_per_token": 2e-06, "litellm_provider": "openai", "mode": "chat"}}"#;
    let e = import_litellm(&mut catalog, doc, "2026-01-01", "x").unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    let msg = e.to_string();
    assert!(msg.contains("`gpt-4o`") && msg.contains("`input_cost_per_token`") && msg.contains("1e-06"), "{msg}");
    assert!(!msg.contains('\n'), "{msg}");
    // A tier field too, on a routed key.
    let doc = r#"{"anthropic/claude-sonnet-4-5": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
        "input_cost_per_token_above_200k_tokens": "6e-06", "litellm_provider": "anthropic", "mode": "chat"}}"#;
    let msg = import_litellm(&mut catalog, doc, "2026-01-01", "x").unwrap_err().to_string();
    assert!(msg.contains("`anthropic/claude-sonnet-4-5`") && msg.contains("`input_cost_per_token_above_200k_tokens`"), "{msg}");
    // An entry that is not an object.
    let msg = import_litellm(&mut catalog, r#"{"gpt-4o": 3}"#, "2026-01-01", "x").unwrap_err().to_string();
    assert!(msg.contains("`gpt-4o`"), "{msg}");
    // The same mistake on a key that is no catalog model is skipped and reported.
    let doc = r#"{"acme/unknown-model": {"input_cost_per_token": "1e-06", "output_cost_per_token": 2e-06, "litellm_provider": "openai", "mode": "chat"}}"#;
    let report = import_litellm(&mut catalog, doc, "2026-01-01", "x").unwrap();
    assert_eq!(report.skipped.len(), 1, "{report:?}");
    assert!(report.skipped[0].1.contains("input_cost_per_token"), "{report:?}");
}

fn input_rate(catalog: &Catalog, id: &str) -> Decimal {
    catalog.get(id).unwrap().prices[0].rates.input.unwrap()
}

#[test]
fn the_model_providers_own_key_wins_over_regional_cloud_keys() {
    // As in LiteLLM's file: the Bedrock APAC key (10% regional premium) sorts before the
    // Anthropic one; claude-sonnet-4's own provider's price is $3.
    let doc = r#"{
        "apac.anthropic.claude-sonnet-4-20250514-v1:0": {"input_cost_per_token": 3.3e-06, "output_cost_per_token": 1.65e-05, "litellm_provider": "bedrock_converse", "mode": "chat"},
        "claude-sonnet-4-20250514": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "anthropic", "mode": "chat"},
        "eu.anthropic.claude-sonnet-4-20250514-v1:0": {"input_cost_per_token": 3.3e-06, "output_cost_per_token": 1.65e-05, "litellm_provider": "bedrock_converse", "mode": "chat"}
    }"#;
    let mut catalog = Catalog::bundled().clone();
    let report = import_litellm(&mut catalog, doc, "2026-01-01", "x").unwrap();
    assert_eq!(report.updated, ["claude-sonnet-4"]);
    assert_eq!(input_rate(&catalog, "claude-sonnet-4"), d("3"));
}

#[test]
fn among_equal_keys_the_first_in_the_file_wins() {
    // Two regional keys for one model, in reverse alphabetical order: the file's first wins.
    let doc = r#"{
        "us.anthropic.claude-sonnet-4-20250514-v1:0": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "bedrock_converse", "mode": "chat"},
        "apac.anthropic.claude-sonnet-4-20250514-v1:0": {"input_cost_per_token": 3.3e-06, "output_cost_per_token": 1.65e-05, "litellm_provider": "bedrock_converse", "mode": "chat"}
    }"#;
    let mut catalog = Catalog::bundled().clone();
    import_litellm(&mut catalog, doc, "2026-01-01", "x").unwrap();
    assert_eq!(input_rate(&catalog, "claude-sonnet-4"), d("3"));
    // The key equal to the id wins wherever it is.
    let doc = r#"{
        "anthropic/claude-sonnet-4-20250514": {"input_cost_per_token": 3.1e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "anthropic", "mode": "chat"},
        "claude-sonnet-4": {"input_cost_per_token": 3.2e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "anthropic", "mode": "chat"}
    }"#;
    import_litellm(&mut catalog, doc, "2026-01-01", "x").unwrap();
    assert_eq!(input_rate(&catalog, "claude-sonnet-4"), d("3.2"));
}
