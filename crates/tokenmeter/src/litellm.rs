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
//! An entry for a catalog model whose costs cannot be read (a string such as `"1e-06"` where a
//! number belongs) is an error naming the key and the field, never a silent fall-back to the
//! bundled price. Keys are taken in file order.

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
/// forms) replaces that model's prices. When several keys resolve to one model, the key equal to
/// its id wins; then a key of the model's own provider (`litellm_provider` `anthropic` for a
/// Claude model, `gemini` for a Google one, ...) over regional cloud keys (Bedrock, Vertex,
/// Azure); then the first in the file. Other keys become new models when their provider's
/// tokenizer is known (OpenAI and Azure: o200k_base; Anthropic, Gemini/Vertex, DeepSeek,
/// Mistral, xAI: their estimate profiles).
///
/// # Errors
/// [`Error::InvalidInput`] when the document is not a JSON object of objects, `effective` is
/// not a date, or an entry whose key resolves to a catalog model cannot be read (a cost that is
/// not a number, such as `"input_cost_per_token": "1e-06"`): the error names the key and the
/// field, so a bad price is never replaced by the bundled one in silence. Unreadable entries
/// of other keys are skipped and reported.
pub fn import_litellm(catalog: &mut Catalog, json: &str, effective: &str, source: &str) -> Result<ImportReport> {
    Price::new(effective, source, Rates::default()).effective_date()?;
    let doc: InFileOrder =
        serde_json::from_str(json).map_err(|e| Error::invalid(format!("LiteLLM JSON: {e}")))?;
    let mut report = ImportReport::default();
    // id -> (rank: lower wins, price); a later key replaces a chosen one only with a lower rank.
    let mut chosen: HashMap<String, (u8, Price)> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (key, raw) in &doc.0 {
        if key == "sample_spec" {
            continue;
        }
        // Entries for catalog models must be readable: skipping one would leave the bundled
        // price in place without a word.
        let target = catalog.resolve(key).ok().map(|r| (r.model.id.clone(), r.model.provider.clone(), r.matched_by));
        let unreadable = |field: &str, reason: String| -> Result<()> {
            match &target {
                Some((id, _, _)) => Err(Error::invalid(format!(
                    "LiteLLM entry `{key}` (for catalog model `{id}`): `{field}` {reason}"
                ))),
                None => Ok(()),
            }
        };
        let entry: BTreeMap<String, Box<RawValue>> = match serde_json::from_str(raw.get()) {
            Ok(e) => e,
            Err(_) => {
                unreadable(key, "is not an object".into())?;
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
            Err((field, e)) => {
                unreadable(&field, e.clone())?;
                report.skipped.push((key.clone(), format!("`{field}` {e}")));
                continue;
            }
        };
        price.validate(key)?;
        match target {
            Some((id, provider, matched_by)) => {
                let litellm_provider = text("litellm_provider").unwrap_or_default();
                let rank = if matched_by == MatchKind::Id {
                    0
                } else if is_own_provider(&provider, &litellm_provider, key) {
                    1
                } else {
                    2
                };
                match chosen.get(&id) {
                    Some((best, _)) if *best <= rank => {}
                    _ => {
                        if !chosen.contains_key(&id) {
                            order.push(id.clone());
                        }
                        chosen.insert(id, (rank, price));
                    }
                }
            }
            None => {
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

/// Whether a LiteLLM key is the model's own provider's (not a cloud reseller's): by its
/// `litellm_provider`, or, without one, by a `provider/` prefix on the key.
fn is_own_provider(provider: &str, litellm_provider: &str, key: &str) -> bool {
    let provider = provider.to_ascii_lowercase();
    let same = |p: &str| p == provider || (provider == "google" && p == "gemini");
    if litellm_provider.is_empty() {
        key.split_once('/').is_some_and(|(prefix, _)| same(&prefix.to_ascii_lowercase()))
    } else {
        same(&litellm_provider.to_ascii_lowercase())
    }
}

/// The document's top-level entries in file order (a map would sort them, and the importer's
/// "first in the file" rule needs the order). A repeated key keeps its first entry first.
struct InFileOrder(Vec<(String, Box<RawValue>)>);

impl<'de> serde::Deserialize<'de> for InFileOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = InFileOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object of model entries")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<InFileOrder, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                    entries.push(entry);
                }
                Ok(InFileOrder(entries))
            }
        }
        deserializer.deserialize_map(Visit)
    }
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
fn per_million(raw: &RawValue) -> std::result::Result<Option<Decimal>, String> {
    let text = raw.get().trim();
    if text == "null" {
        return Ok(None);
    }
    let value = if text.contains(['e', 'E']) {
        Decimal::from_scientific(text)
    } else {
        text.parse::<Decimal>()
    }
    .map_err(|_| format!("is `{text}`, not a number of dollars per token"))?;
    value
        .checked_mul(Decimal::from(1_000_000u32))
        .map(|v| Some(v.normalize()))
        .ok_or_else(|| format!("is `{text}`, too large"))
}

/// The entry's price, or the field that could not be read and why.
fn parse_price(
    entry: &BTreeMap<String, Box<RawValue>>,
    effective: &str,
    source: &str,
) -> std::result::Result<Option<Price>, (String, String)> {
    let get = |k: &str| -> std::result::Result<Option<Decimal>, (String, String)> {
        match entry.get(k) {
            Some(raw) => per_million(raw).map_err(|e| (k.to_string(), e)),
            None => Ok(None),
        }
    };
    let rates_with = |suffix: &str| -> std::result::Result<Rates, (String, String)> {
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
