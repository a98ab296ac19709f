//! `compare`: one request priced on several models, side by side.

use napi_derive::napi;

use crate::cost::CostOptions;
use crate::error::{OrThrow, Result};
use crate::money;
use crate::number::{to_number_u64, to_u64};
use crate::preflight::input;

/// What to compare: the request (`messages` + `tools`, or `text`) and the expected output.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct CompareRequest {
    /// Catalog model names.
    pub models: Vec<String>,
    #[napi(ts_type = "Array<ChatMessage>")]
    pub messages: Option<serde_json::Value>,
    #[napi(ts_type = "Array<ChatTool>")]
    pub tools: Option<serde_json::Value>,
    pub text: Option<String>,
    /// Output tokens expected per request.
    pub output_tokens: f64,
}

/// One model's figures.
#[napi(object)]
#[derive(Debug)]
pub struct CompareRow {
    pub model: String,
    pub input_tokens: f64,
    pub input_tokens_upper: f64,
    pub exact: bool,
    pub output_tokens: f64,
    /// USD, exact.
    pub cost_per_request: String,
    pub cost_per_request_number: f64,
    /// USD, exact.
    #[napi(js_name = "costPer1kRequests")]
    pub cost_per_1k_requests: String,
    #[napi(js_name = "costPer1kRequestsNumber")]
    pub cost_per_1k_requests_number: f64,
    /// USD, exact: the input upper bound priced.
    pub worst_cost_per_request: String,
    pub fits: bool,
}

/// One request priced on each of `models`, cheapest first (ties by model id), by the bundled
/// catalog (`Catalog#compare` for another).
///
/// @throws {Error} `TOKENMETER_UNKNOWN_MODEL`, `TOKENMETER_PRICE_UNAVAILABLE`,
/// `TOKENMETER_INVALID_INPUT`.
#[napi(catch_unwind)]
pub fn compare(request: CompareRequest, options: Option<CostOptions>) -> Result<Vec<CompareRow>> {
    compare_in(tokenmeter::Catalog::bundled(), request, options)
}

/// `compare` by a given catalog (`compare` and `Catalog#compare`).
pub fn compare_in(
    catalog: &tokenmeter::Catalog,
    request: CompareRequest,
    options: Option<CostOptions>,
) -> Result<Vec<CompareRow>> {
    let input = input(request.text, request.messages, request.tools)?;
    let output = to_u64(request.output_tokens, "outputTokens")?;
    let opts = (&options.unwrap_or_default()).try_into()?;
    let rows = tokenmeter::compare(catalog, &request.models, &input, output, &opts).or_throw()?;
    Ok(rows
        .iter()
        .map(|r| CompareRow {
            model: r.model.clone(),
            input_tokens: to_number_u64(r.input_tokens),
            input_tokens_upper: to_number_u64(r.input_tokens_upper),
            exact: r.exact,
            output_tokens: to_number_u64(r.output_tokens),
            cost_per_request: money::exact(r.cost_per_request),
            cost_per_request_number: money::number(r.cost_per_request),
            cost_per_1k_requests: money::exact(r.cost_per_1k_requests),
            cost_per_1k_requests_number: money::number(r.cost_per_1k_requests),
            worst_cost_per_request: money::exact(r.worst_cost_per_request),
            fits: r.fits,
        })
        .collect())
}
