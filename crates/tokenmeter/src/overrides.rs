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
    discounts: BTreeMap<String, Discount>,
}

#[derive(Deserialize)]
struct Discount(#[serde(deserialize_with = "crate::price::exact::required")] Decimal);

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
    for (name, Discount(factor)) in file.discounts {
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::cost::CostOptions;
    use crate::usage::Usage;

    const DOC: &str = r#"{
      "about": "negotiated prices",
      "models": [{"id": "acme-llm", "provider": "acme", "tokenizer": {"encoding": "o200k_base"},
                  "context_window": 32000, "max_output": 4000,
                  "prices": [{"effective": "2026-01-01", "source": "contract 42",
                              "rates": {"input": "0.5", "output": "1.5"}}]}],
      "prices": {"gpt-4o": [{"effective": "2026-01-01", "source": "enterprise agreement",
                             "rates": {"input": "2", "cache_read": "1", "output": "8"}}]},
      "discounts": {"claude-sonnet-4-5": "0.8"}
    }"#;

    #[test]
    fn private_models_replaced_prices_and_discounts() {
        let mut c = Catalog::bundled().clone();
        load_overrides(&mut c, DOC).unwrap();
        let at = CostOptions::new().with_at("2026-02-01".parse().unwrap());
        // 1000 x 0.5 + 1000 x 1.5 per million.
        assert_eq!(c.cost("acme-llm", &Usage::new(1000, 1000), &at).unwrap().total, "0.002".parse().unwrap());
        // 1000 x 2 + 1000 x 8 per million; the bundled history is replaced.
        assert_eq!(c.cost("gpt-4o", &Usage::new(1000, 1000), &at).unwrap().total, "0.01".parse().unwrap());
        assert_eq!(c.get("gpt-4o").unwrap().prices.len(), 1);
        // 0.8 x ($3 + $15) per million for 1000 + 1000 tokens = 0.0144.
        let s = c.cost("claude-sonnet-4-5", &Usage::new(1000, 1000), &at).unwrap();
        assert_eq!(s.total, "0.0144".parse().unwrap());
    }

    #[test]
    fn bad_documents_are_errors() {
        let mut c = Catalog::bundled().clone();
        assert_eq!(load_overrides(&mut c, "{").unwrap_err().code(), "INVALID_INPUT");
        assert_eq!(load_overrides(&mut c, r#"{"prices": {"nope-1": []}}"#).unwrap_err().code(), "UNKNOWN_MODEL");
        assert_eq!(load_overrides(&mut c, r#"{"discounts": {"gpt-4o": "-1"}}"#).unwrap_err().code(), "INVALID_INPUT");
        // Rates must be decimal strings: a float literal is refused.
        let float = r#"{"prices": {"gpt-4o": [{"effective": "2026-01-01", "source": "x", "rates": {"input": 2.5}}]}}"#;
        assert_eq!(load_overrides(&mut c, float).unwrap_err().code(), "INVALID_INPUT");
        assert_eq!(c.load_price_file("/nonexistent/prices.json", "2026-01-01").unwrap_err().code(), "IO");
    }
}
