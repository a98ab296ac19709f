//! Importer of LiteLLM's `model_prices_and_context_window.json` format.
//!
//! LiteLLM keys each entry by a model name (often with a routing prefix) and gives costs in
//! USD **per token** as JSON numbers (`"input_cost_per_token": 3e-06`). The importer reads
//! each number's literal text (never an `f64`) and multiplies it by 1,000,000 in decimal to get
//! tokenmeter's per-million rates:
//!
//! | LiteLLM key | tokenmeter |
//! |---|---|
//! | `input_cost_per_token`, `output_cost_per_token` | `input`, `output` |
//! | `cache_read_input_token_cost` | `cache_read` |
//! | `cache_creation_input_token_cost`, `cache_creation_input_token_cost_above_1hr` | `cache_write_5m`, `cache_write_1h` |
//! | `output_cost_per_reasoning_token` | `reasoning` |
//! | `*_above_<N>k_tokens` | a whole-request tier above N x 1000 input tokens |
//! | `*_batches`, `*_flex`, `*_priority` | explicit rates of the batch, flex and priority variants |
//!
//! LiteLLM has no dates, so every imported entry takes the `effective` date the caller gives,
//! and replaces the model's price history. Entries whose `mode` is not token-priced text
//! (images, audio, rerank...) or that have no `input_cost_per_token` are skipped and reported.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::catalog::{Catalog, MatchKind};
use crate::error::{Error, Result};
use crate::model::{ChatFormat, Model, TokenizerSpec};
use crate::price::{Price, Rates, Tier, Variant, VariantPrice};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImportReport {
    /// Catalog model ids whose prices were replaced.
    pub updated: Vec<String>,
    /// Model ids added to the catalog.
    pub added: Vec<String>,
    /// LiteLLM keys not imported, with the reason.
    pub skipped: Vec<(String, String)>,
}

/// Imports a LiteLLM price document into `catalog`.
///
/// A key that resolves to a catalog model (after LiteLLM's routing prefixes, Bedrock and Vertex
/// forms) replaces that model's prices; when several keys resolve to one model, the key equal to
/// its id wins, then the first in the file. Other keys become new models when their provider's
/// tokenizer is known (OpenAI and Azure: o200k_base; Anthropic, Gemini/Vertex, DeepSeek,
/// Mistral, xAI: their estimate profiles).
///
/// # Errors
/// [`Error::InvalidInput`] when the document is not a JSON object of objects or `effective` is
/// not a date.
pub fn import_litellm(catalog: &mut Catalog, json: &str, effective: &str, source: &str) -> Result<ImportReport> {
    Price::new(effective, source, Rates::default()).effective_date()?;
    let doc: BTreeMap<String, Box<RawValue>> =
        serde_json::from_str(json).map_err(|e| Error::invalid(format!("LiteLLM JSON: {e}")))?;
    let mut report = ImportReport::default();
    // id -> (matched exactly?, price)
    let mut chosen: HashMap<String, (bool, Price)> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (key, raw) in &doc {
        if key == "sample_spec" {
            continue;
        }
        let entry: BTreeMap<String, Box<RawValue>> = match serde_json::from_str(raw.get()) {
            Ok(e) => e,
            Err(_) => {
                report.skipped.push((key.clone(), "not an object".into()));
                continue;
            }
        };
        let text = |k: &str| -> Option<String> {
            entry.get(k).and_then(|v| serde_json::from_str::<String>(v.get()).ok())
        };
        let mode = text("mode").unwrap_or_else(|| "chat".into());
        if !matches!(mode.as_str(), "chat" | "completion" | "responses" | "embedding") {
            report.skipped.push((key.clone(), format!("mode `{mode}` is not priced per text token")));
            continue;
        }
        let price = match parse_price(&entry, effective, source) {
            Ok(Some(p)) => p,
            Ok(None) => {
                report.skipped.push((key.clone(), "no input_cost_per_token".into()));
                continue;
            }
            Err(e) => {
                report.skipped.push((key.clone(), e.to_string()));
                continue;
            }
        };
        price.validate(key)?;
        match catalog.resolve(key) {
            Ok(r) => {
                let id = r.model.id.clone();
                let exact = r.matched_by == MatchKind::Id;
                match chosen.get(&id) {
                    Some((true, _)) => {}
                    Some((false, _)) if !exact => {}
                    _ => {
                        if !chosen.contains_key(&id) {
                            order.push(id.clone());
                        }
                        chosen.insert(id, (exact, price));
                    }
                }
            }
            Err(_) => {
                let provider = text("litellm_provider").unwrap_or_default();
                let Some((tokenizer, format)) = tokenizer_for(&provider, key) else {
                    report.skipped.push((key.clone(), format!("no tokenizer known for provider `{provider}`")));
                    continue;
                };
                let int = |k: &str| entry.get(k).and_then(|v| v.get().parse::<u64>().ok());
                let window = int("max_input_tokens").or_else(|| int("max_tokens")).unwrap_or(0);
                let max_output = int("max_output_tokens").or_else(|| int("max_tokens")).unwrap_or(0);
                let model = Model::new(key.clone(), provider, tokenizer, window, max_output)
                    .with_chat_format(format)
                    .with_prices(vec![price]);
                catalog.insert(model)?;
                report.added.push(key.clone());
            }
        }
    }
    for id in order {
        if let Some((_, price)) = chosen.remove(&id) {
            catalog.set_prices(&id, vec![price])?;
            report.updated.push(id);
        }
    }
    Ok(report)
}

fn tokenizer_for(provider: &str, key: &str) -> Option<(TokenizerSpec, ChatFormat)> {
    let p = provider.to_ascii_lowercase();
    let k = key.to_ascii_lowercase();
    if k.contains("claude") || p == "anthropic" {
        Some((TokenizerSpec::Estimate("anthropic".into()), ChatFormat::Anthropic))
    } else if p == "openai" || p == "azure" || p == "text-completion-openai" {
        Some((TokenizerSpec::Encoding("o200k_base".into()), ChatFormat::Openai))
    } else if p.starts_with("vertex_ai") || p == "gemini" || k.contains("gemini") {
        Some((TokenizerSpec::Estimate("gemini".into()), ChatFormat::Gemini))
    } else if p == "deepseek" {
        Some((TokenizerSpec::Estimate("deepseek".into()), ChatFormat::Generic))
    } else if p == "mistral" {
        Some((TokenizerSpec::Estimate("mistral".into()), ChatFormat::Generic))
    } else if p == "xai" {
        Some((TokenizerSpec::Estimate("grok".into()), ChatFormat::Generic))
    } else {
        None
    }
}

/// A per-token cost literal times one million, in decimal.
fn per_million(raw: &RawValue) -> Result<Option<Decimal>> {
    let text = raw.get().trim();
    if text == "null" {
        return Ok(None);
    }
    let value = if text.contains(['e', 'E']) {
        Decimal::from_scientific(text)
    } else {
        text.parse::<Decimal>()
    }
    .map_err(|e| Error::invalid(format!("cost `{text}` is not a decimal number: {e}")))?;
    value
        .checked_mul(Decimal::from(1_000_000u32))
        .map(|v| Some(v.normalize()))
        .ok_or_else(|| Error::invalid(format!("cost `{text}` is too large")))
}

fn parse_price(entry: &BTreeMap<String, Box<RawValue>>, effective: &str, source: &str) -> Result<Option<Price>> {
    let get = |k: &str| -> Result<Option<Decimal>> {
        match entry.get(k) {
            Some(raw) => per_million(raw),
            None => Ok(None),
        }
    };
    let rates_with = |suffix: &str| -> Result<Rates> {
        Ok(Rates {
            input: get(&format!("input_cost_per_token{suffix}"))?,
            cache_read: get(&format!("cache_read_input_token_cost{suffix}"))?,
            cache_write_5m: get(&format!("cache_creation_input_token_cost{suffix}"))?,
            cache_write_1h: get(&format!("cache_creation_input_token_cost_above_1hr{suffix}"))?,
            output: get(&format!("output_cost_per_token{suffix}"))?,
            reasoning: get(&format!("output_cost_per_reasoning_token{suffix}"))?,
            per_request: None,
        })
    };
    let rates = rates_with("")?;
    if rates.input.is_none() {
        return Ok(None);
    }
    let mut price = Price::new(effective, source, rates);
    // Tier thresholds named in any key, e.g. `input_cost_per_token_above_200k_tokens`.
    let mut thresholds: Vec<u64> = entry
        .keys()
        .filter_map(|k| {
            let (_, tail) = k.split_once("_above_")?;
            let tail = tail.strip_prefix("1hr_above_").unwrap_or(tail);
            let n = tail.strip_suffix("k_tokens")?;
            n.parse::<u64>().ok().map(|n| n * 1000)
        })
        .collect();
    thresholds.sort_unstable();
    thresholds.dedup();
    for above in thresholds {
        let suffix = format!("_above_{}k_tokens", above / 1000);
        let tier_rates = rates_with(&suffix)?;
        if tier_rates.input.is_some() || tier_rates.output.is_some() {
            price.tiers.push(Tier { above, applies_to: "whole_request".into(), rates: tier_rates });
        }
    }
    for (variant, suffix) in [(Variant::Batch, "_batches"), (Variant::Flex, "_flex"), (Variant::Priority, "_priority")] {
        let r = rates_with(suffix)?;
        if r.input.is_some() && r.output.is_some() || r.input.is_some() && price.rates.output.is_none() {
            price.variants.insert(variant, VariantPrice { multiplier: None, rates: Some(r) });
        }
    }
    Ok(Some(price))
}
