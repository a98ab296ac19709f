//! [`compare`]: one prompt and an expected output size, priced across models.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::chat::count_chat;
use crate::cost::{CostOptions, cost};
use crate::error::Result;
use crate::preflight::{PreflightInput, bounds, per_thousand};
use crate::usage::Usage;

/// One model's row of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CompareRow {
    /// The catalog model id.
    pub model: String,
    /// The prompt's tokens with this model's tokenizer.
    pub input_tokens: u64,
    /// The upper end of the count's error bound.
    pub input_tokens_upper: u64,
    /// Whether the count is exact.
    pub exact: bool,
    /// The expected output tokens.
    pub output_tokens: u64,
    /// USD per request, from the counted input and the expected output.
    pub cost_per_request: Decimal,
    /// USD per 1,000 such requests.
    pub cost_per_1k_requests: Decimal,
    /// USD per request with the upper-bound input (equal to `cost_per_request` when exact).
    pub worst_cost_per_request: Decimal,
    /// Whether input plus output fit the model's context window.
    pub fits: bool,
}

/// Prices one prompt with `output_tokens` of output on each of `models`, cheapest first
/// (ties by model id).
///
/// ```
/// use tokenmeter::{Catalog, CostOptions, PreflightInput, compare};
/// let rows = compare(Catalog::bundled(), &["gpt-4o", "gpt-4o-mini"], &PreflightInput::text("hello world"),
///     100, &CostOptions::new().with_at("2025-01-15".parse()?))?;
/// assert_eq!(rows[0].model, "gpt-4o-mini");
/// // 2 x $0.15 + 100 x $0.60 per million = $0.0000603 per request.
/// assert_eq!(rows[0].cost_per_request.to_string(), "0.0000603");
/// assert_eq!(rows[0].cost_per_1k_requests.to_string(), "0.0603");
/// # Ok::<(), tokenmeter::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::UnknownModel`] naming the nearest ids; [`crate::Error::PriceUnavailable`];
/// [`crate::Error::InvalidInput`] for an empty model list.
pub fn compare<S: AsRef<str>>(
    catalog: &Catalog,
    models: &[S],
    input: &PreflightInput,
    output_tokens: u64,
    options: &CostOptions,
) -> Result<Vec<CompareRow>> {
    if models.is_empty() {
        return Err(crate::Error::invalid("compare needs at least one model"));
    }
    let mut rows = Vec::with_capacity(models.len());
    for name in models {
        let model = catalog.get(name.as_ref())?;
        let tokenizer = model.tokenizer()?;
        let (tokens, exact) = match input {
            PreflightInput::Text(text) => (tokenizer.count(text)?, tokenizer.is_exact()),
            PreflightInput::Chat { messages, tools } => {
                let c = count_chat(&tokenizer, model.chat_format, messages, tools)?;
                (c.tokens, c.exact && tokenizer.is_exact())
            }
        };
        let err = if exact { 0.0 } else { tokenizer.accuracy().relative_error };
        let (_, upper) = bounds(tokens as u64, err);
        let tokens = tokens as u64;
        let expected = cost(model, &Usage::new(tokens, output_tokens), options)?;
        let worst = cost(model, &Usage::new(upper, output_tokens), options)?;
        rows.push(CompareRow {
            model: model.id.clone(),
            input_tokens: tokens,
            input_tokens_upper: upper,
            exact,
            output_tokens,
            cost_per_1k_requests: per_thousand(expected.total),
            cost_per_request: expected.total,
            worst_cost_per_request: worst.total,
            fits: upper.saturating_add(output_tokens) <= model.context_window,
        });
    }
    rows.sort_by(|a, b| a.cost_per_request.cmp(&b.cost_per_request).then_with(|| a.model.cmp(&b.model)));
    Ok(rows)
}
