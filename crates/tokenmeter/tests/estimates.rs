//! The bundled estimate profiles (`data/estimates.json`, written by
//! `tests/calibrate_estimates.py`): measured, not placeholders, and consistent with the published
//! figures they cite.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use tokenmeter::{Catalog, EstimateProfile, TokenizerSpec};

#[test]
fn every_profile_is_measured_and_says_how() {
    for p in EstimateProfile::all() {
        assert!(!p.measured_on.to_lowercase().contains("placeholder"), "{}: placeholder", p.name);
        assert!(p.measured_on.contains("calibrate_estimates.py"), "{}: {}", p.name, p.measured_on);
        assert!(p.measured_on.contains("o200k"), "{}: says what it was measured against", p.name);
        assert_eq!(p.reference.as_str(), "o200k_base", "{}", p.name);
    }
}

#[test]
fn every_catalog_fallback_has_a_profile_and_every_profile_is_used() {
    let mut used = std::collections::BTreeSet::new();
    for m in Catalog::bundled().models() {
        match &m.tokenizer {
            TokenizerSpec::Estimate(p) | TokenizerSpec::HuggingFace { fallback: p, .. } => {
                EstimateProfile::get(p).unwrap();
                used.insert(p.clone());
            }
            _ => {}
        }
    }
    for p in EstimateProfile::all() {
        assert!(used.contains(&p.name), "profile {} is used by no catalog model", p.name);
    }
}

/// Claude 3.5 Sonnet counts 1.16x (English articles), 1.21x (math) and 1.30x (Python code)
/// GPT-4o's tokens on identical inputs (the figures the anthropic profile cites). Each must lie
/// within the profile's stated bound around its estimate.
#[test]
fn anthropic_bound_covers_the_published_ratios() {
    let p = EstimateProfile::get("anthropic").unwrap();
    for published in [1.16_f64, 1.21, 1.30] {
        let o200k = 10_000.0_f64;
        let estimate = (o200k * p.ratio).ceil();
        let truth = o200k * published;
        let error = (truth - estimate).abs() / estimate;
        assert!(error <= p.relative_error, "published {published}: error {error} > {}", p.relative_error);
    }
}

/// The tokenizer of Claude Opus 4.7 and later uses 1.0-1.35x Opus 4.6's tokens (Anthropic's
/// migration guide), measured up to 1.47x: the anthropic_4_7 bound covers each published
/// Claude 3.5 / GPT-4o ratio scaled by each of those factors.
#[test]
fn anthropic_4_7_bound_covers_the_published_ratios_scaled_by_the_new_tokenizer() {
    let p = EstimateProfile::get("anthropic_4_7").unwrap();
    for published in [1.16_f64, 1.21, 1.30] {
        for factor in [1.0_f64, 1.35, 1.47] {
            let o200k = 10_000.0_f64;
            let estimate = (o200k * p.ratio).ceil();
            let truth = o200k * published * factor;
            let error = (truth - estimate).abs() / estimate;
            assert!(error <= p.relative_error, "{published} x {factor}: error {error} > {}", p.relative_error);
        }
    }
    // Opus 4.7 and the models after it use it; Opus 4.6 and Sonnet 4.6 do not.
    let catalog = Catalog::bundled();
    for (model, profile) in [("claude-opus-4-7", "anthropic_4_7"), ("claude-haiku-5-5", "anthropic_4_7"), ("claude-sonnet-4-6", "anthropic")] {
        assert_eq!(catalog.get(model).unwrap().tokenizer, TokenizerSpec::Estimate(profile.into()), "{model}");
    }
}
