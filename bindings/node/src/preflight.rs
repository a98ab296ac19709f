//! `preflight`: before the call, the input tokens, reserved output, fit, and best and worst
//! cost of a request.

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use crate::chat::to_core;
use crate::cost::{Cost, CostOptions};
use crate::error::{OrThrow, Result};
use crate::number::{to_number_u64, to_u64};

/// What is sent: a chat request (`messages`, optional `tools`) or a plain prompt (`text`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct PreflightRequest {
    /// A catalog model name.
    pub model: String,
    #[napi(ts_type = "Array<ChatMessage>")]
    pub messages: Option<serde_json::Value>,
    #[napi(ts_type = "Array<ChatTool>")]
    pub tools: Option<serde_json::Value>,
    /// A plain prompt, instead of `messages`.
    pub text: Option<String>,
    /// The request's output cap, by OpenAI's current name; without a cap (absent or `null`)
    /// the model's maximum is reserved.
    #[napi(js_name = "max_completion_tokens", ts_type = "number | null")]
    pub max_completion_tokens: Option<Either<f64, Null>>,
    /// The older name of the cap (used when `max_completion_tokens` is absent or `null`).
    #[napi(js_name = "max_tokens", ts_type = "number | null")]
    pub max_tokens: Option<Either<f64, Null>>,
}

/// A cap that may be given as `null` (as the OpenAI SDKs serialize an unset one).
fn cap(value: Option<Either<f64, Null>>) -> Option<f64> {
    match value {
        Some(Either::A(n)) => Some(n),
        Some(Either::B(Null)) | None => None,
    }
}

/// The input of a request as the core's.
pub(crate) fn input(
    text: Option<String>,
    messages: Option<serde_json::Value>,
    tools: Option<serde_json::Value>,
) -> Result<tokenmeter::PreflightInput> {
    let (messages, tools) = match messages {
        Some(messages) => {
            let (messages, tools) = to_core(messages, tools)?;
            (Some(messages), Some(tools))
        }
        // Tools without messages: passed on (empty) so the core can say what is wrong.
        None => (None, tools.map(|_| Vec::new())),
    };
    tokenmeter::PreflightInput::from_parts(text, messages, tools).or_throw()
}

/// A warning about a request.
#[napi(object)]
#[derive(Debug)]
pub struct PreflightWarning {
    /// `no_max_output`, `cap_above_model_max`, `near_window`, `does_not_fit`, `tier_crossed`,
    /// `near_tier`, `estimated`.
    pub kind: String,
    pub message: String,
}

/// The result of `preflight`.
#[napi(object)]
#[derive(Debug)]
pub struct Preflight {
    pub model: String,
    pub input_tokens: f64,
    /// Bounds of an estimated count (equal to `inputTokens` when exact).
    pub input_tokens_lower: f64,
    pub input_tokens_upper: f64,
    pub exact: bool,
    pub relative_error: f64,
    pub context_window: f64,
    pub model_max_output: f64,
    /// The request's own output cap, if it set one.
    pub max_output: Option<f64>,
    /// Output tokens reserved (the cap, or the model's maximum).
    pub reserved_output: f64,
    /// Whether input plus reserved output fit the context window.
    pub fits: bool,
    /// Tokens left in the window (negative when it does not fit).
    pub room_left: f64,
    /// Input only, no output.
    pub least_cost: Cost,
    /// Input upper bound plus every reserved output token.
    pub worst_cost: Cost,
    pub warnings: Vec<PreflightWarning>,
}

impl From<&tokenmeter::Preflight> for Preflight {
    fn from(p: &tokenmeter::Preflight) -> Self {
        Self {
            model: p.model.clone(),
            input_tokens: to_number_u64(p.input_tokens),
            input_tokens_lower: to_number_u64(p.input_tokens_lower),
            input_tokens_upper: to_number_u64(p.input_tokens_upper),
            exact: p.exact,
            relative_error: p.relative_error,
            context_window: to_number_u64(p.context_window),
            model_max_output: to_number_u64(p.model_max_output),
            max_output: p.max_output.map(to_number_u64),
            reserved_output: to_number_u64(p.reserved_output),
            fits: p.fits,
            room_left: p.room_left as f64,
            least_cost: (&p.least_cost).into(),
            worst_cost: (&p.worst_cost).into(),
            warnings: p
                .warnings
                .iter()
                .map(|w| PreflightWarning {
                    kind: w.kind.as_str().to_string(),
                    message: w.message.clone(),
                })
                .collect(),
        }
    }
}

/// Before the call: counts the request, checks it against the model's limits, and prices the
/// least and the worst case, by the bundled catalog (`Catalog#preflight` for another).
///
/// @throws {Error} `TOKENMETER_UNKNOWN_MODEL`, `TOKENMETER_PRICE_UNAVAILABLE`,
/// `TOKENMETER_INVALID_INPUT`.
#[napi(catch_unwind)]
pub fn preflight(request: PreflightRequest, options: Option<CostOptions>) -> Result<Preflight> {
    preflight_in(tokenmeter::Catalog::bundled(), request, options)
}

/// `preflight` by a given catalog (`preflight` and `Catalog#preflight`).
pub fn preflight_in(
    catalog: &tokenmeter::Catalog,
    request: PreflightRequest,
    options: Option<CostOptions>,
) -> Result<Preflight> {
    let max_output = cap(request.max_completion_tokens)
        .or(cap(request.max_tokens))
        .map(|m| to_u64(m, "max_tokens"))
        .transpose()?;
    let input = input(request.text, request.messages, request.tools)?;
    let opts = (&options.unwrap_or_default()).try_into()?;
    let p = catalog
        .preflight(&request.model, &input, max_output, &opts)
        .or_throw()?;
    Ok((&p).into())
}
