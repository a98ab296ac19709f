//! Price overrides: negotiated discounts, private models and whole price files.
//!
//! An override document looks like this (every part optional; rates are decimal strings so no
//! float ever touches them):
//!
//! ```json
//! {
//!   "models": [{"id": "acme-llm", "provider": "acme", "tokenizer": {"encoding": "o200k_base"},
//!               "context_window": 32000, "max_output": 4000,
//!               "prices": [{"effective": "2026-01-01", "source": "contract #42",
//!                           "rates": {"input": "0.5", "output": "1.5"}}]}],
//!   "prices": {"gpt-4o": [{"effective": "2026-01-01", "source": "enterprise agreement",
//!                          "rates": {"input": "2", "cache_read": "1", "output": "8"}}]},
//!   "discounts": {"claude-sonnet-4-5": "0.85"}
//! }
//! ```
//!
//! `models` are added (or replace a model of the same id), `prices` replace a model's price
//! history, and `discounts` multiply every rate of a model's history (applied last).

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::litellm::import_litellm;
use crate::model::Model;
use crate::price::Price;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    #[serde(default)]
    about: Option<String>,
    #[serde(default)]
    models: Vec<Model>,
    #[serde(default)]
    prices: BTreeMap<String, Vec<Price>>,
    #[serde(default)]
    discounts: BTreeMap<String, Decimal>,
}

/// Applies an override document to `catalog`.
///
/// # Errors
/// [`Error::InvalidInput`] for malformed JSON or an invalid model or price;
/// [`Error::UnknownModel`] when a price or discount names a model the catalog does not know.
pub fn load_overrides(catalog: &mut Catalog, json: &str) -> Result<()> {
    let file: OverrideFile =
        serde_json::from_str(json).map_err(|e| Error::invalid(format!("price override JSON: {e}")))?;
    let _ = file.about;
    for model in file.models {
        catalog.insert(model)?;
    }
    for (name, history) in file.prices {
        catalog.set_prices(&name, history)?;
    }
    for (name, factor) in file.discounts {
        if factor.is_sign_negative() {
            return Err(Error::invalid(format!("discount for `{name}` is negative")));
        }
        let model = catalog.get(&name)?;
        let id = model.id.clone();
        let scaled: Vec<Price> = model
            .prices
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.rates = p.rates.scaled(factor);
                for t in &mut p.tiers {
                    t.rates = t.rates.scaled(factor);
                }
                for v in p.variants.values_mut() {
                    if let Some(r) = &v.rates {
                        v.rates = Some(r.scaled(factor));
                    }
                }
                if let Some(o) = &mut p.off_peak {
                    o.rates = o.rates.scaled(factor);
                }
                let note = format!("negotiated discount x{factor}");
                p.note = Some(match p.note.take() {
                    Some(n) => format!("{n}; {note}"),
                    None => note,
                });
                p
            })
            .collect();
        catalog.set_prices(&id, scaled)?;
    }
    Ok(())
}

impl Catalog {
    /// Loads a price file into this catalog: LiteLLM's `model_prices_and_context_window.json`
    /// format (recognized by its `litellm_provider` fields; imported with `effective` as the date
    /// and the file path as the source) or tokenmeter's override format ([`load_overrides`]).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; the loaders' errors otherwise.
    pub fn load_price_file(&mut self, path: impl AsRef<Path>, effective: &str) -> Result<()> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Io { path: path.display().to_string(), reason: e.to_string() })?;
        if text.contains("\"litellm_provider\"") {
            import_litellm(self, &text, effective, &format!("LiteLLM file {}", path.display())).map(|_| ())
        } else {
            load_overrides(self, &text)
        }
    }
}
