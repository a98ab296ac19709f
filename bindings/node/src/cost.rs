//! `cost`: an itemized, exact-decimal price of a usage.

use std::str::FromStr;

use napi_derive::napi;

use crate::error::{JsErr, OrThrow, Result};
use crate::money;
use crate::number::{to_number_u64, to_u64};
use crate::usage::UsageCounts;

/// Options of `cost`, `preflight` and `compare`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct CostOptions {
    /// `standard` (default), `batch`, `flex` or `priority`.
    #[napi(ts_type = "'standard' | 'batch' | 'flex' | 'priority'")]
    pub variant: Option<String>,
    /// Price as of this date (`YYYY-MM-DD`) or RFC 3339 time (off-peak windows); default now.
    pub at: Option<String>,
    /// Billing granularity in tokens, when the provider bills in buckets.
    pub token_bucket: Option<f64>,
}

impl TryFrom<&CostOptions> for tokenmeter::CostOptions {
    type Error = JsErr;
    fn try_from(o: &CostOptions) -> Result<Self> {
        let mut opts = tokenmeter::CostOptions::new();
        if let Some(v) = &o.variant {
            opts = opts.with_variant(tokenmeter::Variant::from_str(v).or_throw()?);
        }
        if let Some(at) = &o.at {
            opts = opts.with_at(tokenmeter::Timestamp::from_str(at).or_throw()?);
        }
        if let Some(bucket) = o.token_bucket {
            opts = opts.with_token_bucket(to_u64(bucket, "tokenBucket")?);
        }
        Ok(opts)
    }
}

/// One line of a cost.
#[napi(object)]
#[derive(Debug)]
pub struct CostLine {
    /// `input`, `cache_read`, `cache_write_5m`, `cache_write_1h`, `output`, `reasoning`,
    /// `request`.
    pub kind: String,
    pub quantity: f64,
    /// The quantity billed (after bucketing).
    pub billed_quantity: f64,
    /// USD per million tokens (per request for `request` lines), exact.
    pub unit_price: String,
    /// USD, exact.
    pub amount: String,
    /// `amount` as a number.
    pub amount_number: f64,
    pub variant: String,
    /// The long-context tier applied (its `above` threshold).
    pub tier: Option<f64>,
    pub note: Option<String>,
}

/// The long-context tier crossed, or the nearest one not crossed.
#[napi(object)]
#[derive(Debug)]
pub struct TierStatus {
    pub above: f64,
    pub input_tokens: f64,
    pub crossed: bool,
    pub tokens_until_crossing: f64,
}

/// An itemized price.
#[napi(object)]
#[derive(Debug)]
pub struct Cost {
    pub model: String,
    /// Always `USD`.
    pub currency: String,
    /// The exact total (`"0.0125"`).
    pub total: String,
    /// `total` as a number.
    pub total_number: f64,
    pub lines: Vec<CostLine>,
    pub variant: String,
    /// The date the applied price took effect.
    pub price_effective: String,
    /// Where that price was published.
    pub price_source: String,
    pub tier: Option<TierStatus>,
    /// What one more input token would add, exact.
    pub marginal_input_token: Option<String>,
    /// What one more output token would add, exact.
    pub marginal_output_token: Option<String>,
    pub token_bucket: Option<f64>,
}

impl From<&tokenmeter::Cost> for Cost {
    fn from(c: &tokenmeter::Cost) -> Self {
        Self {
            model: c.model.clone(),
            currency: c.currency.clone(),
            total: money::exact(c.total),
            total_number: money::number(c.total),
            lines: c
                .lines
                .iter()
                .map(|l| CostLine {
                    kind: l.kind.as_str().to_string(),
                    quantity: to_number_u64(l.quantity),
                    billed_quantity: to_number_u64(l.billed_quantity),
                    unit_price: money::exact(l.unit_price),
                    amount: money::exact(l.amount),
                    amount_number: money::number(l.amount),
                    variant: l.variant.clone(),
                    tier: l.tier.map(to_number_u64),
                    note: l.note.clone(),
                })
                .collect(),
            variant: c.variant.as_str().to_string(),
            price_effective: c.price_effective.clone(),
            price_source: c.price_source.clone(),
            tier: c.tier.as_ref().map(|t| TierStatus {
                above: to_number_u64(t.above),
                input_tokens: to_number_u64(t.input_tokens),
                crossed: t.crossed,
                tokens_until_crossing: to_number_u64(t.tokens_until_crossing),
            }),
            marginal_input_token: c.marginal_input_token.map(money::exact),
            marginal_output_token: c.marginal_output_token.map(money::exact),
            token_bucket: c.token_bucket.map(to_number_u64),
        }
    }
}

/// The price of `usage` on a catalog model: one line per kind of token, exact decimals.
/// Read a provider's usage object with `parseUsage` first. Prices come from the bundled
/// catalog; `Catalog#cost` prices with a catalog of one's own.
///
/// @throws {Error} `TOKENMETER_UNKNOWN_MODEL`, `TOKENMETER_PRICE_UNAVAILABLE` (no price for
/// that model, variant or date), `TOKENMETER_INVALID_INPUT`.
#[napi(catch_unwind)]
pub fn cost(model: String, usage: UsageCounts, options: Option<CostOptions>) -> Result<Cost> {
    cost_in(tokenmeter::Catalog::bundled(), &model, &usage, options)
}

/// `cost` by a given catalog (`cost` and `Catalog#cost`).
pub fn cost_in(
    catalog: &tokenmeter::Catalog,
    model: &str,
    usage: &UsageCounts,
    options: Option<CostOptions>,
) -> Result<Cost> {
    let usage = tokenmeter::Usage::try_from(usage)?;
    let options = tokenmeter::CostOptions::try_from(&options.unwrap_or_default())?;
    Ok((&catalog.cost(model, &usage, &options).or_throw()?).into())
}
