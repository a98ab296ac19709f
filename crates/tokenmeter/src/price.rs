//! Price schedules: what a model costs per million tokens, from which date, by which source.
//!
//! A [`Model`](crate::Model) carries its price history as a list of [`Price`] entries, each
//! in effect from its `effective` date until the next entry. Rates are exact decimals in USD
//! per million tokens ([`Rates`]); a [`Price`] may add long-context [`Tier`]s, service
//! [`Variant`]s (batch, flex, priority), an [`OffPeak`] window and a billing granularity.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::timestamp::Timestamp;

/// The service level a request was sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Variant {
    /// The normal synchronous API.
    #[default]
    Standard,
    /// Asynchronous batch APIs (OpenAI, Anthropic, Gemini, Mistral): usually half price.
    Batch,
    /// OpenAI's flex processing: slower, cheaper.
    Flex,
    /// OpenAI's priority processing: faster, dearer.
    Priority,
}

impl Variant {
    /// The canonical lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Variant::Standard => "standard",
            Variant::Batch => "batch",
            Variant::Flex => "flex",
            Variant::Priority => "priority",
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Variant {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "standard" | "default" => Ok(Variant::Standard),
            "batch" | "batches" => Ok(Variant::Batch),
            "flex" => Ok(Variant::Flex),
            "priority" => Ok(Variant::Priority),
            other => Err(Error::invalid(format!(
                "unknown price variant `{other}`; known: standard, batch, flex, priority"
            ))),
        }
    }
}

/// Per-token rates in USD per million tokens (`per_request` in USD per request).
///
/// A missing rate means the provider publishes none: tokens of that kind cannot be priced
/// ([`Error::PriceUnavailable`]), except `reasoning`, which is billed at the `output` rate when
/// not priced apart (every provider bills thinking as output unless it says otherwise).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Rates {
    /// Input tokens that were neither read from nor written to a cache.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "exact::option")]
    pub input: Option<Decimal>,
    /// Input tokens read from a prompt cache.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "exact::option")]
    pub cache_read: Option<Decimal>,
    /// Input tokens written to a cache with the 5-minute TTL (Anthropic: 1.25x input).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "exact::option")]
    pub cache_write_5m: Option<Decimal>,
    /// Input tokens written to a cache with the 1-hour TTL (Anthropic: 2x input).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "exact::option")]
    pub cache_write_1h: Option<Decimal>,
    /// Output tokens (visible text; reasoning too unless `reasoning` is set).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "exact::option")]
    pub output: Option<Decimal>,
    /// Reasoning (thinking) tokens, where the provider prices them apart from output.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "exact::option")]
    pub reasoning: Option<Decimal>,
    /// A fee per request, in USD.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "exact::option")]
    pub per_request: Option<Decimal>,
}

impl Rates {
    /// Rates with only input and output set (USD per million tokens).
    pub fn new(input: Decimal, output: Decimal) -> Self {
        Self { input: Some(input), output: Some(output), ..Self::default() }
    }

    /// Sets the cache-read rate.
    #[must_use]
    pub fn with_cache_read(mut self, rate: Decimal) -> Self {
        self.cache_read = Some(rate);
        self
    }

    /// Sets the 5-minute and 1-hour cache-write rates.
    #[must_use]
    pub fn with_cache_writes(mut self, five_minutes: Decimal, one_hour: Decimal) -> Self {
        self.cache_write_5m = Some(five_minutes);
        self.cache_write_1h = Some(one_hour);
        self
    }

    /// Sets the reasoning rate.
    #[must_use]
    pub fn with_reasoning(mut self, rate: Decimal) -> Self {
        self.reasoning = Some(rate);
        self
    }

    /// Sets the per-request fee.
    #[must_use]
    pub fn with_per_request(mut self, fee: Decimal) -> Self {
        self.per_request = Some(fee);
        self
    }

    /// Every rate multiplied by `factor` (batch and flex discounts).
    #[must_use]
    pub fn scaled(&self, factor: Decimal) -> Rates {
        let f = |r: &Option<Decimal>| r.map(|v| v * factor);
        Rates {
            input: f(&self.input),
            cache_read: f(&self.cache_read),
            cache_write_5m: f(&self.cache_write_5m),
            cache_write_1h: f(&self.cache_write_1h),
            output: f(&self.output),
            reasoning: f(&self.reasoning),
            per_request: f(&self.per_request),
        }
    }

    fn all(&self) -> [(&'static str, Option<Decimal>); 7] {
        [
            ("input", self.input),
            ("cache_read", self.cache_read),
            ("cache_write_5m", self.cache_write_5m),
            ("cache_write_1h", self.cache_write_1h),
            ("output", self.output),
            ("reasoning", self.reasoning),
            ("per_request", self.per_request),
        ]
    }
}

/// Deserializing money without a float: rates are decimal strings (`"2.5"`) or integers.
pub(crate) mod exact {
    use rust_decimal::Decimal;
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    struct ExactVisitor;

    impl Visitor<'_> for ExactVisitor {
        type Value = Decimal;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal string such as \"2.5\" (JSON floats are refused: they are not exact)")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            let v = v.trim();
            let parsed = if v.contains(['e', 'E']) { Decimal::from_scientific(v) } else { v.parse() };
            parsed.map_err(|e| E::custom(format!("`{v}` is not a decimal number: {e}")))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
    }

    /// A required exact decimal.
    pub(crate) fn required<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(ExactVisitor)
    }

    /// An optional exact decimal (`null` or absent is `None`).
    pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        #[derive(serde::Deserialize)]
        struct Wrap(#[serde(deserialize_with = "required")] Decimal);
        Option::<Wrap>::deserialize(d).map(|o| o.map(|w| w.0))
    }

    use serde::Deserialize;
}

/// A long-context tier: when a request's input tokens (fresh input, cache reads and cache
/// writes together) exceed `above`, every line of the request is billed at `rates`.
///
/// Every provider that publishes such a tier here (Anthropic's 1M-context Sonnet, Gemini 1.5/
/// 2.5/3 Pro, OpenAI's GPT-5.4/5.5 over 272K) reprices the whole request, so this is the one
/// rule: the cost jumps at the threshold (a "cliff") and never decreases with more tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Tier {
    /// The threshold: the tier applies when input tokens are strictly more than this.
    pub above: u64,
    /// How the tier applies; `whole_request` is the only rule providers use.
    #[serde(default = "whole_request")]
    pub applies_to: String,
    /// The rates of the whole request once over the threshold.
    pub rates: Rates,
}

fn whole_request() -> String {
    "whole_request".to_string()
}

/// How a variant's rates relate to the standard ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct VariantPrice {
    /// Standard (and tier) rates times this factor, e.g. `0.5` for batch.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "exact::option")]
    pub multiplier: Option<Decimal>,
    /// Explicit rates that replace the standard ones (priority). They do not cover tiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rates: Option<Rates>,
}

/// A daily window of discounted rates (DeepSeek's off-peak hours), in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OffPeak {
    /// Start of the window, `HH:MM` UTC (inclusive).
    pub start_utc: String,
    /// End of the window, `HH:MM` UTC (exclusive); may be before the start (wraps midnight).
    pub end_utc: String,
    /// The rates inside the window.
    pub rates: Rates,
}

impl OffPeak {
    /// Whether `minute_of_day` (UTC) falls in the window.
    pub fn contains(&self, minute_of_day: u32) -> bool {
        let (Some(start), Some(end)) = (hhmm(&self.start_utc), hhmm(&self.end_utc)) else {
            return false;
        };
        if start <= end {
            (start..end).contains(&minute_of_day)
        } else {
            minute_of_day >= start || minute_of_day < end
        }
    }
}

fn hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// One price entry of a model: the rates in effect from `effective` until the next entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Price {
    /// The UTC date (`YYYY-MM-DD`) from which these rates apply.
    pub effective: String,
    /// Where the rates were published.
    pub source: String,
    /// Standard rates, USD per million tokens.
    pub rates: Rates,
    /// Long-context tiers, lowest threshold first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// Batch, flex and priority prices, where offered.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variants: BTreeMap<Variant, VariantPrice>,
    /// Discounted hours, where offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off_peak: Option<OffPeak>,
    /// Billing granularity: each line's token count is rounded up to a multiple of this
    /// (for bills in per-1K buckets set 1000). Absent means per token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_bucket: Option<u64>,
    /// Anything a reader of the bill should know about this entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Price {
    /// A price entry with standard rates only.
    pub fn new(effective: impl Into<String>, source: impl Into<String>, rates: Rates) -> Self {
        Self {
            effective: effective.into(),
            source: source.into(),
            rates,
            tiers: Vec::new(),
            variants: BTreeMap::new(),
            off_peak: None,
            token_bucket: None,
            note: None,
        }
    }

    /// Adds a long-context tier that reprices the whole request above `above` input tokens.
    #[must_use]
    pub fn with_tier(mut self, above: u64, rates: Rates) -> Self {
        self.tiers.push(Tier { above, applies_to: whole_request(), rates });
        self.tiers.sort_by_key(|t| t.above);
        self
    }

    /// Adds a variant priced as a multiple of the standard rates.
    #[must_use]
    pub fn with_variant_multiplier(mut self, variant: Variant, factor: Decimal) -> Self {
        self.variants.insert(variant, VariantPrice { multiplier: Some(factor), rates: None });
        self
    }

    /// Adds a variant with explicit rates.
    #[must_use]
    pub fn with_variant_rates(mut self, variant: Variant, rates: Rates) -> Self {
        self.variants.insert(variant, VariantPrice { multiplier: None, rates: Some(rates) });
        self
    }

    /// Sets the billing granularity (round each line up to a multiple of `tokens`).
    #[must_use]
    pub fn with_token_bucket(mut self, tokens: u64) -> Self {
        self.token_bucket = Some(tokens);
        self
    }

    /// The effective date as a [`Timestamp`].
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `effective` is not a `YYYY-MM-DD` date.
    pub fn effective_date(&self) -> Result<Timestamp> {
        let t: Timestamp = self.effective.parse()?;
        if t.minute_of_day().is_some() {
            return Err(Error::invalid(format!(
                "price `effective` must be a date (YYYY-MM-DD), got `{}`",
                self.effective
            )));
        }
        Ok(t)
    }

    /// Checks the entry: a date, a source, an input rate, no negative rates, sane tiers.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the model and the problem.
    pub fn validate(&self, model: &str) -> Result<()> {
        let bad = |what: String| Err(Error::invalid(format!("price of `{model}` from {}: {what}", self.effective)));
        self.effective_date()?;
        if self.source.trim().is_empty() {
            return bad("needs a source".into());
        }
        if self.rates.input.is_none() {
            return bad("needs an input rate".into());
        }
        let mut all: Vec<(&str, &Rates)> = vec![("standard", &self.rates)];
        all.extend(self.tiers.iter().map(|t| ("tier", &t.rates)));
        all.extend(self.variants.values().filter_map(|v| v.rates.as_ref()).map(|r| ("variant", r)));
        all.extend(self.off_peak.iter().map(|o| ("off_peak", &o.rates)));
        for (label, rates) in all {
            for (kind, rate) in rates.all() {
                if rate.is_some_and(|r| r.is_sign_negative()) {
                    return bad(format!("{label} {kind} rate is negative"));
                }
            }
        }
        for t in &self.tiers {
            if t.applies_to != "whole_request" {
                return bad(format!("tier `applies_to` must be `whole_request`, got `{}`", t.applies_to));
            }
        }
        for (variant, v) in &self.variants {
            match (&v.multiplier, &v.rates) {
                (Some(m), None) if !m.is_sign_negative() => {}
                (None, Some(_)) => {}
                _ => return bad(format!("variant `{variant}` needs exactly one of a non-negative `multiplier` or `rates`")),
            }
        }
        if let Some(o) = &self.off_peak {
            if hhmm(&o.start_utc).is_none() || hhmm(&o.end_utc).is_none() {
                return bad("off_peak times must be HH:MM".into());
            }
        }
        if self.token_bucket == Some(0) {
            return bad("token_bucket must be at least 1".into());
        }
        Ok(())
    }
}

/// Picks the entry in effect at `at` from a history sorted by date.
///
/// # Errors
/// [`Error::PriceUnavailable`] when the model has no prices, or none before `at`.
pub(crate) fn price_at<'a>(model: &str, history: &'a [Price], at: Timestamp) -> Result<&'a Price> {
    let day = at.date_only();
    let mut found = None;
    for p in history {
        if p.effective_date()? <= day {
            found = Some(p);
        }
    }
    found.ok_or_else(|| Error::PriceUnavailable {
        model: model.to_string(),
        reason: match history.first() {
            None => "the catalog has no price for this model".to_string(),
            Some(first) => format!(
                "no price in effect on {} (the earliest known price took effect {})",
                day.date_string(),
                first.effective
            ),
        },
    })
}

/// Sorts a history by effective date (stable), validating every entry.
pub(crate) fn sort_history(model: &str, history: &mut [Price]) -> Result<()> {
    for p in history.iter() {
        p.validate(model)?;
    }
    history.sort_by_key(|p| p.effective_date().map(|d| d.date()).unwrap_or((0, 0, 0)));
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_round_trip() {
        for v in [Variant::Standard, Variant::Batch, Variant::Flex, Variant::Priority] {
            assert_eq!(v.as_str().parse::<Variant>().unwrap(), v);
        }
        assert_eq!("nope".parse::<Variant>().unwrap_err().code(), "INVALID_INPUT");
    }

    #[test]
    fn off_peak_window_wraps_midnight() {
        let o = OffPeak { start_utc: "16:30".into(), end_utc: "00:30".into(), rates: Rates::default() };
        assert!(o.contains(16 * 60 + 30));
        assert!(o.contains(0));
        assert!(o.contains(29));
        assert!(!o.contains(30));
        assert!(!o.contains(16 * 60 + 29));
    }

    #[test]
    fn picks_the_entry_in_effect() {
        let a = Price::new("2024-01-01", "s", Rates::new(Decimal::ONE, Decimal::ONE));
        let b = Price::new("2024-06-01", "s", Rates::new(Decimal::TWO, Decimal::TWO));
        let h = vec![a.clone(), b.clone()];
        assert_eq!(price_at("m", &h, "2024-05-31".parse().unwrap()).unwrap(), &a);
        assert_eq!(price_at("m", &h, "2024-06-01T00:00:00Z".parse().unwrap()).unwrap(), &b);
        let err = price_at("m", &h, "2023-12-31".parse().unwrap()).unwrap_err();
        assert_eq!(err.code(), "PRICE_UNAVAILABLE");
        assert!(err.to_string().contains("2024-01-01"), "{err}");
    }

    #[test]
    fn validation_rejects_nonsense() {
        let ok = Price::new("2024-01-01", "https://x", Rates::new(Decimal::ONE, Decimal::ONE));
        assert!(ok.validate("m").is_ok());
        let mut p = ok.clone();
        p.source = String::new();
        assert!(p.validate("m").is_err());
        let p = Price::new("2024-01-01", "s", Rates::new(Decimal::NEGATIVE_ONE, Decimal::ONE));
        assert!(p.validate("m").is_err());
        let p = Price::new("Jan 1", "s", Rates::new(Decimal::ONE, Decimal::ONE));
        assert!(p.validate("m").is_err());
    }
}
