//! The bundled catalog's price data: every model has a tokenizer and a sourced, dated price,
//! and cloud names resolve to priced models.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tokenmeter::{Catalog, CostOptions, Decimal, Rates, Timestamp, Usage, Variant};

fn rate_list(r: &Rates) -> [(&'static str, Option<Decimal>); 6] {
    [
        ("input", r.input),
        ("cache_read", r.cache_read),
        ("cache_write_5m", r.cache_write_5m),
        ("cache_write_1h", r.cache_write_1h),
        ("output", r.output),
        ("reasoning", r.reasoning),
    ]
}

#[test]
fn every_model_has_a_tokenizer_and_a_sourced_dated_price() {
    let catalog = Catalog::bundled();
    let catalog_date: Timestamp = catalog.date().parse().unwrap();
    assert!(catalog.models().len() >= 80, "catalog shrank: {}", catalog.models().len());
    let mut problems = Vec::new();
    for m in catalog.models() {
        if let Err(e) = m.tokenizer() {
            problems.push(format!("{}: no tokenizer: {e}", m.id));
        }
        if m.prices.is_empty() {
            problems.push(format!("{}: no price", m.id));
        }
        for p in &m.prices {
            if !p.source.starts_with("https://") {
                problems.push(format!("{} {}: source is not a URL: {}", m.id, p.effective, p.source));
            }
            let eff = p.effective_date().unwrap();
            if eff > catalog_date {
                problems.push(format!("{} {}: takes effect after the catalog date", m.id, p.effective));
            }
            if p.rates.input.is_none() {
                problems.push(format!("{} {}: no input rate", m.id, p.effective));
            }
        }
        // History is sorted and has no two entries on one date.
        for w in m.prices.windows(2) {
            if w[0].effective_date().unwrap() >= w[1].effective_date().unwrap() {
                problems.push(format!("{}: price history out of order at {}", m.id, w[1].effective));
            }
        }
        // The price in effect on the catalog date prices a simple request.
        if let Err(e) = tokenmeter::cost(m, &Usage::new(1000, if m.max_output > 0 { 100 } else { 0 }), &CostOptions::new().with_at(catalog_date)) {
            problems.push(format!("{}: cannot price 1000 in / 100 out today: {e}", m.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn tiers_never_lower_a_rate() {
    // Whole-request tiers are why cost may jump; they must never make more tokens cheaper.
    for m in Catalog::bundled().models() {
        for p in &m.prices {
            for t in &p.tiers {
                assert_eq!(t.applies_to, "whole_request");
                for ((kind, base), (_, tier)) in rate_list(&p.rates).into_iter().zip(rate_list(&t.rates)) {
                    if let (Some(b), Some(t)) = (base, tier) {
                        assert!(t >= b, "{} {}: tier {kind} rate {t} < base {b}", m.id, p.effective);
                    }
                    if base.is_some() && tier.is_none() {
                        panic!("{} {}: tier lacks the {kind} rate the base has", m.id, p.effective);
                    }
                }
            }
        }
    }
}

#[test]
fn every_provider_the_issue_names_is_priced_with_history_on_several_models() {
    let catalog = Catalog::bundled();
    for provider in ["openai", "anthropic", "google", "mistral", "deepseek", "xai"] {
        assert!(catalog.models().iter().any(|m| m.provider == provider && !m.prices.is_empty()), "{provider}");
    }
    let with_history: Vec<&str> =
        catalog.models().iter().filter(|m| m.prices.len() > 1).map(|m| m.id.as_str()).collect();
    for id in ["gpt-4o", "o1-mini", "o3", "deepseek-chat", "gemini-2.5-flash", "gemini-1.5-pro", "claude-opus-4-6"] {
        assert!(with_history.contains(&id), "{id} should carry a price change; have {with_history:?}");
    }
    let batch = catalog.models().iter().filter(|m| m.prices.iter().any(|p| p.variants.contains_key(&Variant::Batch))).count();
    assert!(batch > 40, "batch prices on only {batch} models");
}

#[test]
fn cloud_names_resolve_to_priced_models() {
    let catalog = Catalog::bundled();
    let at = CostOptions::new().with_at("2026-09-01".parse().unwrap());
    for (name, id) in [
        ("azure/gpt-4o", "gpt-4o"),
        ("azure/gpt-4.1-mini", "gpt-4.1-mini"),
        ("bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5"),
        ("eu.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5"),
        ("vertex_ai/claude-opus-4-1@20250805", "claude-opus-4-1"),
        ("vertex_ai/gemini-2.5-pro", "gemini-2.5-pro"),
        ("bedrock/meta.llama3-3-70b-instruct-v1:0", "llama-3.3-70b-instruct"),
        ("mistral/mistral-large-latest", "mistral-large-2411"),
        ("xai/grok-4", "grok-4"),
    ] {
        let cost = catalog.cost(name, &Usage::new(1_000_000, 0), &at).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(cost.model, id, "{name}");
        assert!(cost.total > Decimal::ZERO, "{name}");
    }
}
