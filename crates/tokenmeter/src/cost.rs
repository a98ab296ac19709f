//! [`Cost`]: the exact, itemized price of a [`Usage`] under a model's price in effect.
//!
//! Every amount is `quantity x rate / 1,000,000` in `rust_decimal` arithmetic; no float is
//! involved anywhere from the price data to the total.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::price::{Price, Rates, Tier, Variant};
use crate::timestamp::Timestamp;
use crate::usage::Usage;

/// What a cost line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineKind {
    /// Uncached input tokens.
    Input,
    /// Input tokens read from a cache.
    CacheRead,
    /// Input tokens written to a 5-minute cache.
    #[serde(rename = "cache_write_5m")]
    CacheWrite5m,
    /// Input tokens written to a 1-hour cache.
    #[serde(rename = "cache_write_1h")]
    CacheWrite1h,
    /// Output tokens.
    Output,
    /// Reasoning tokens (at the reasoning rate, or the output rate when not priced apart).
    Reasoning,
    /// The per-request fee.
    Request,
}

impl LineKind {
    /// The canonical name.
    pub fn as_str(&self) -> &'static str {
        match self {
            LineKind::Input => "input",
            LineKind::CacheRead => "cache_read",
            LineKind::CacheWrite5m => "cache_write_5m",
            LineKind::CacheWrite1h => "cache_write_1h",
            LineKind::Output => "output",
            LineKind::Reasoning => "reasoning",
            LineKind::Request => "request",
        }
    }
}

impl fmt::Display for LineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LineKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        [
            LineKind::Input,
            LineKind::CacheRead,
            LineKind::CacheWrite5m,
            LineKind::CacheWrite1h,
            LineKind::Output,
            LineKind::Reasoning,
            LineKind::Request,
        ]
        .into_iter()
        .find(|k| k.as_str() == s.trim())
        .ok_or_else(|| Error::invalid(format!("unknown cost line kind `{s}`")))
    }
}

/// One line of a bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CostLine {
    /// What the line is for.
    pub kind: LineKind,
    /// Tokens (requests for [`LineKind::Request`]).
    pub quantity: u64,
    /// The quantity billed after rounding up to the billing granularity.
    pub billed_quantity: u64,
    /// USD per million tokens (per request for [`LineKind::Request`]).
    pub unit_price: Decimal,
    /// USD: `billed_quantity x unit_price / 1,000,000` (x 1 per request for fees).
    pub amount: Decimal,
    /// Which rates applied: `standard`, `batch`, `flex`, `priority` or `off_peak`.
    pub variant: String,
    /// The long-context tier threshold whose rates applied, if any.
    pub tier: Option<u64>,
    /// Why the unit price is what it is, when that is not obvious (e.g. reasoning at the output rate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a request stands against a long-context tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TierStatus {
    /// The threshold: the tier applies above this many input tokens.
    pub above: u64,
    /// The request's input tokens (uncached, cache reads and cache writes).
    pub input_tokens: u64,
    /// Whether the whole request is billed at the tier's rates.
    pub crossed: bool,
    /// More input tokens that would cross into the tier (0 once crossed).
    pub tokens_until_crossing: u64,
}

/// The itemized, exact price of one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Cost {
    /// The catalog model id that was priced.
    pub model: String,
    /// Always `USD`.
    pub currency: String,
    /// The sum of the lines' amounts.
    pub total: Decimal,
    /// One line per kind of token that was used.
    pub lines: Vec<CostLine>,
    /// The requested service variant.
    pub variant: Variant,
    /// The date the applied price entry took effect.
    pub price_effective: String,
    /// Where that price was published.
    pub price_source: String,
    /// The long-context tier crossed, or the nearest one not crossed.
    pub tier: Option<TierStatus>,
    /// What one more input token would add (more than one token's price at a tier cliff);
    /// `None` when that token could not be priced.
    pub marginal_input_token: Option<Decimal>,
    /// What one more output token would add.
    pub marginal_output_token: Option<Decimal>,
    /// The billing granularity applied, in tokens, when not per token.
    pub token_bucket: Option<u64>,
}

/// How to price: variant, date and billing granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CostOptions {
    /// Standard, batch, flex or priority.
    pub variant: Variant,
    /// When the call happened; today (UTC) when `None`.
    pub at: Option<Timestamp>,
    /// Round each line's tokens up to a multiple of this (overrides the price entry's own).
    pub token_bucket: Option<u64>,
}

impl CostOptions {
    /// Standard rates in effect today, per token.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the variant.
    #[must_use]
    pub fn with_variant(mut self, variant: Variant) -> Self {
        self.variant = variant;
        self
    }

    /// Prices the call at `at` (a date, or a date-time for off-peak windows).
    #[must_use]
    pub fn with_at(mut self, at: Timestamp) -> Self {
        self.at = Some(at);
        self
    }

    /// Bills in buckets of `tokens` (e.g. 1000 for per-1K rounding).
    #[must_use]
    pub fn with_token_bucket(mut self, tokens: u64) -> Self {
        self.token_bucket = Some(tokens);
        self
    }
}

impl Catalog {
    /// Prices `usage` on the model called `name`. See [`cost`].
    ///
    /// ```
    /// use tokenmeter::{Catalog, CostOptions, Usage, Timestamp};
    /// let usage = Usage::new(1_000_000, 1_000_000);
    /// let at: Timestamp = "2025-01-15".parse()?;
    /// let cost = Catalog::bundled().cost("gpt-4o", &usage, &CostOptions::new().with_at(at))?;
    /// assert_eq!(cost.total.to_string(), "12.5"); // $2.50 input + $10 output
    /// # Ok::<(), tokenmeter::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownModel`], plus those of [`cost`].
    pub fn cost(&self, name: &str, usage: &Usage, options: &CostOptions) -> Result<Cost> {
        cost(self.get(name)?, usage, options)
    }
}

/// Prices `usage` on `model` with the price entry in effect at `options.at`.
///
/// # Errors
/// [`Error::PriceUnavailable`] when the model has no price on that date, no price for the
/// variant, or no rate for a kind of token the usage contains (never a silent zero);
/// [`Error::InvalidInput`] for a zero token bucket or an amount too large for a decimal.
pub fn cost(model: &Model, usage: &Usage, options: &CostOptions) -> Result<Cost> {
    // An OpenAI-shaped usage priced on an xAI model is read by xAI's rule (see `usage`).
    let usage = &usage.as_billed_by(&model.provider);
    let at = options.at.unwrap_or_else(Timestamp::today);
    let price = model.price_at(at)?;
    let bucket = options.token_bucket.or(price.token_bucket);
    if bucket == Some(0) {
        return Err(Error::invalid("the token bucket must be at least 1 token"));
    }
    let bill = bill(model, price, usage, at, options.variant, bucket)?;
    let next = |u: Usage| bill_total(model, price, &u, at, options.variant, bucket);
    let mut more_input = *usage;
    more_input.input_tokens = more_input.input_tokens.saturating_add(1);
    let mut more_output = *usage;
    more_output.output_tokens = more_output.output_tokens.saturating_add(1);
    Ok(Cost {
        model: model.id.clone(),
        currency: "USD".to_string(),
        total: bill.total,
        marginal_input_token: next(more_input).ok().map(|t| (t - bill.total).normalize()),
        marginal_output_token: next(more_output).ok().map(|t| (t - bill.total).normalize()),
        lines: bill.lines,
        variant: options.variant,
        price_effective: price.effective.clone(),
        price_source: price.source.clone(),
        tier: tier_status(&price.tiers, usage.total_input()),
        token_bucket: bucket,
    })
}

struct Bill {
    lines: Vec<CostLine>,
    total: Decimal,
}

fn bill_total(model: &Model, price: &Price, usage: &Usage, at: Timestamp, variant: Variant, bucket: Option<u64>) -> Result<Decimal> {
    bill(model, price, usage, at, variant, bucket).map(|b| b.total)
}

/// The tier whose rates apply: the highest threshold the input exceeds.
fn crossed_tier(tiers: &[Tier], input: u64) -> Option<&Tier> {
    tiers.iter().filter(|t| input > t.above).max_by_key(|t| t.above)
}

fn tier_status(tiers: &[Tier], input: u64) -> Option<TierStatus> {
    if let Some(t) = crossed_tier(tiers, input) {
        return Some(TierStatus { above: t.above, input_tokens: input, crossed: true, tokens_until_crossing: 0 });
    }
    tiers.iter().min_by_key(|t| t.above).map(|t| TierStatus {
        above: t.above,
        input_tokens: input,
        crossed: false,
        tokens_until_crossing: t.above - input + 1,
    })
}

fn unavailable(model: &Model, reason: String) -> Error {
    Error::PriceUnavailable { model: model.id.clone(), reason }
}

fn bill(model: &Model, price: &Price, usage: &Usage, at: Timestamp, variant: Variant, bucket: Option<u64>) -> Result<Bill> {
    let tier = crossed_tier(&price.tiers, usage.total_input());
    let off_peak = price
        .off_peak
        .as_ref()
        .filter(|o| variant == Variant::Standard && at.minute_of_day().is_some_and(|m| o.contains(m)));
    let mut label = match off_peak {
        Some(_) => "off_peak".to_string(),
        None => variant.as_str().to_string(),
    };
    let base: &Rates = match (off_peak, tier) {
        (Some(o), _) => &o.rates,
        (None, Some(t)) => &t.rates,
        (None, None) => &price.rates,
    };
    let owned;
    let rates: &Rates = if variant == Variant::Standard {
        base
    } else {
        let v = price.variants.get(&variant).ok_or_else(|| {
            unavailable(model, format!("no {variant} price in the entry that took effect {}", price.effective))
        })?;
        match (&v.multiplier, &v.rates) {
            (Some(m), _) => {
                owned = base.scaled(*m);
                &owned
            }
            (None, Some(explicit)) => {
                if let Some(t) = tier {
                    return Err(unavailable(
                        model,
                        format!("no {variant} price is published above the {}-token long-context tier", t.above),
                    ));
                }
                explicit
            }
            (None, None) => return Err(unavailable(model, format!("the {variant} price has no rates"))),
        }
    };
    if tier.is_some() && off_peak.is_none() {
        label = variant.as_str().to_string();
    }
    let tier_above = if off_peak.is_some() { None } else { tier.map(|t| t.above) };
    let micro = Decimal::new(1, 6);
    let mut lines = Vec::new();
    let kinds = [
        (LineKind::Input, usage.input_tokens, rates.input, None),
        (LineKind::CacheRead, usage.cache_read_tokens, rates.cache_read, None),
        (LineKind::CacheWrite5m, usage.cache_write_5m_tokens, rates.cache_write_5m, None),
        (LineKind::CacheWrite1h, usage.cache_write_1h_tokens, rates.cache_write_1h, None),
        (LineKind::Output, usage.output_tokens, rates.output, None),
        (
            LineKind::Reasoning,
            usage.reasoning_tokens,
            rates.reasoning.or(rates.output),
            rates.reasoning.is_none().then(|| "reasoning billed at the output rate".to_string()),
        ),
    ];
    for (kind, quantity, rate, note) in kinds {
        if quantity == 0 {
            continue;
        }
        let rate = rate.ok_or_else(|| {
            unavailable(
                model,
                format!(
                    "no {} rate for {} ({label}{}) in the entry that took effect {}",
                    kind.as_str(),
                    model.id,
                    tier_above.map(|a| format!(", above {a} input tokens")).unwrap_or_default(),
                    price.effective
                ),
            )
        })?;
        let billed = match bucket {
            Some(b) => quantity.div_ceil(b).saturating_mul(b),
            None => quantity,
        };
        let amount = Decimal::from(billed)
            .checked_mul(rate)
            .and_then(|a| a.checked_mul(micro))
            .ok_or_else(|| Error::invalid(format!("{quantity} {kind} tokens overflow a decimal amount")))?;
        lines.push(CostLine {
            kind,
            quantity,
            billed_quantity: billed,
            unit_price: rate.normalize(),
            amount: amount.normalize(),
            variant: label.clone(),
            tier: tier_above,
            note,
        });
    }
    if let Some(fee) = rates.per_request {
        lines.push(CostLine {
            kind: LineKind::Request,
            quantity: 1,
            billed_quantity: 1,
            unit_price: fee.normalize(),
            amount: fee.normalize(),
            variant: label.clone(),
            tier: tier_above,
            note: None,
        });
    }
    let total = lines
        .iter()
        .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.amount))
        .ok_or_else(|| Error::invalid("the total overflows a decimal amount"))?
        .normalize();
    Ok(Bill { lines, total })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::price::Price;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn model_with(price: Price) -> Model {
        Model::new("m", "test", crate::TokenizerSpec::Encoding("o200k_base".into()), 1_000_000, 1000)
            .with_prices(vec![price])
    }

    fn at() -> CostOptions {
        CostOptions::new().with_at("2025-01-01".parse().unwrap())
    }

    #[test]
    fn itemizes_each_kind() {
        let m = model_with(Price::new(
            "2024-01-01",
            "s",
            Rates::new(d("3"), d("15")).with_cache_read(d("0.3")).with_cache_writes(d("3.75"), d("6")),
        ));
        let u = Usage::new(1000, 100).with_cache_read(10_000).with_cache_writes(2000, 1000).with_reasoning(50);
        let c = cost(&m, &u, &at()).unwrap();
        let amounts: Vec<(LineKind, String)> = c.lines.iter().map(|l| (l.kind, l.amount.to_string())).collect();
        // 1000 x 3 = 0.003; 10000 x 0.3 = 0.003; 2000 x 3.75 = 0.0075; 1000 x 6 = 0.006;
        // 100 x 15 = 0.0015; 50 x 15 = 0.00075 (reasoning at the output rate).
        assert_eq!(
            amounts,
            vec![
                (LineKind::Input, "0.003".into()),
                (LineKind::CacheRead, "0.003".into()),
                (LineKind::CacheWrite5m, "0.0075".into()),
                (LineKind::CacheWrite1h, "0.006".into()),
                (LineKind::Output, "0.0015".into()),
                (LineKind::Reasoning, "0.00075".into()),
            ]
        );
        assert_eq!(c.total, d("0.02175"));
        assert_eq!(c.marginal_input_token, Some(d("0.000003")));
    }

    #[test]
    fn missing_rate_is_an_error_not_zero() {
        let m = model_with(Price::new("2024-01-01", "s", Rates::new(d("3"), d("15"))));
        let e = cost(&m, &Usage::new(1, 1).with_cache_read(5), &at()).unwrap_err();
        assert_eq!(e.code(), "PRICE_UNAVAILABLE");
        assert!(e.to_string().contains("cache_read"), "{e}");
        let e = cost(&m, &Usage::new(1, 1), &at().with_variant(Variant::Batch)).unwrap_err();
        assert!(e.to_string().contains("no batch price"), "{e}");
    }

    #[test]
    fn per_request_fee_is_its_own_line() {
        let m = model_with(Price::new("2024-01-01", "s", Rates::new(d("1"), d("2")).with_per_request(d("0.005"))));
        let c = cost(&m, &Usage::new(1000, 500), &at()).unwrap();
        // 1000 x 1 = 0.001; 500 x 2 = 0.001; fee 0.005.
        assert_eq!(c.lines.last().unwrap().kind, LineKind::Request);
        assert_eq!(c.lines.last().unwrap().amount, d("0.005"));
        assert_eq!(c.total, d("0.007"));
        // With a fee, even an empty request costs the fee.
        assert_eq!(cost(&m, &Usage::default(), &at()).unwrap().total, d("0.005"));
    }

    #[test]
    fn token_buckets_round_up_each_line() {
        let m = model_with(Price::new("2024-01-01", "s", Rates::new(d("1000"), d("2000"))).with_token_bucket(1000));
        let c = cost(&m, &Usage::new(1001, 1), &at()).unwrap();
        assert_eq!((c.lines[0].billed_quantity, c.lines[1].billed_quantity), (2000, 1000));
        // 2000 x $1000/M = $2; 1000 x $2000/M = $2.
        assert_eq!(c.total, d("4"));
        // The next input token falls in the already-billed bucket: it costs nothing more.
        assert_eq!(c.marginal_input_token, Some(Decimal::ZERO));
        let c = cost(&m, &Usage::new(1000, 0), &at().with_token_bucket(1)).unwrap();
        assert_eq!(c.total, d("1"));
    }

    #[test]
    fn whole_request_tier_has_a_cliff() {
        let m = model_with(
            Price::new("2024-01-01", "s", Rates::new(d("3"), d("15"))).with_tier(200_000, Rates::new(d("6"), d("22.5"))),
        );
        let at_edge = cost(&m, &Usage::new(200_000, 1000), &at()).unwrap();
        // 200000 x 3 = 0.6; 1000 x 15 = 0.015.
        assert_eq!(at_edge.total, d("0.615"));
        let tier = at_edge.tier.unwrap();
        assert!(!tier.crossed);
        assert_eq!(tier.tokens_until_crossing, 1);
        // One more token reprices everything: 200001 x 6 = 1.200006; 1000 x 22.5 = 0.0225.
        assert_eq!(at_edge.marginal_input_token, Some(d("1.222506") - d("0.615")));
        let over = cost(&m, &Usage::new(200_001, 1000), &at()).unwrap();
        assert_eq!(over.total, d("1.222506"));
        assert!(over.tier.unwrap().crossed);
        assert!(over.lines.iter().all(|l| l.tier == Some(200_000)));
    }
}
