//! `fitMessages` and `fitMessagesForModel`: drop the oldest turns of a chat until it fits.

use std::str::FromStr;

use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::catalog::CatalogHandle;
use crate::chat::{ChatMessage, ChatRequest, to_core};
use crate::error::{JsErr, OrThrow, Result};
use crate::number::{to_number, to_usize};
use crate::tasks::fit_messages::{FitBudget, FitMessagesTask};
use crate::tokenizer::AsyncOptions;

/// How `fitMessages` may shorten a history, and the budget.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct FitOptions {
    /// Prompt tokens allowed (framing and tools included). `fitMessagesForModel` ignores it.
    pub budget: Option<f64>,
    /// For `fitMessagesForModel`: tokens of the context window kept for the reply (default 0).
    pub reserve_output: Option<f64>,
    /// Cut the oldest kept message partially instead of dropping it whole (default false).
    pub partial: Option<bool>,
    /// Which part of a partially cut message stays (default `tail`).
    #[napi(ts_type = "'head' | 'tail' | 'both'")]
    pub partial_keep: Option<String>,
    /// The fewest content tokens a partial cut may leave (default 16).
    pub min_partial_tokens: Option<f64>,
}

impl TryFrom<&FitOptions> for tokenmeter::FitPolicy {
    type Error = JsErr;
    fn try_from(o: &FitOptions) -> Result<Self> {
        let mut policy = tokenmeter::FitPolicy::default();
        if let Some(partial) = o.partial {
            policy = policy.with_partial(partial);
        }
        if let Some(keep) = &o.partial_keep {
            policy = policy.with_partial_keep(tokenmeter::Keep::from_str(keep).or_throw()?);
        }
        if let Some(min) = o.min_partial_tokens {
            policy = policy.with_min_partial_tokens(to_usize(min, "minPartialTokens")?);
        }
        Ok(policy)
    }
}

/// A message that was dropped.
#[napi(object)]
#[derive(Debug)]
pub struct DroppedMessage {
    /// Its index in the input.
    pub index: f64,
    pub role: String,
    /// Its cost with framing, when it was counted (older turns are not).
    pub tokens: Option<f64>,
    /// `over_budget`, `older` or `tool_pair`.
    pub reason: String,
}

/// A message that was kept in part.
#[napi(object)]
#[derive(Debug)]
pub struct PartialCut {
    pub index: f64,
    /// Which part of its content stayed.
    pub keep: String,
    /// Content tokens kept.
    pub kept_tokens: f64,
    /// Content UTF-8 bytes cut.
    pub cut_bytes: f64,
}

/// The result of `fitMessages`.
#[napi(object)]
#[derive(Debug)]
pub struct Fitted {
    /// The kept messages, in their original order (OpenAI shape, ready to send).
    pub messages: Vec<ChatMessage>,
    /// Prompt tokens of the kept messages with the tools.
    pub tokens: f64,
    /// The budget that was fitted to.
    pub budget: f64,
    /// Whether `tokens` is exact.
    pub exact: bool,
    /// Input indices of the kept messages.
    pub kept: Vec<f64>,
    /// The dropped messages, oldest first.
    pub dropped: Vec<DroppedMessage>,
    /// The message that was cut partially, if any.
    pub partial: Option<PartialCut>,
}

impl From<tokenmeter::Fitted> for Fitted {
    fn from(f: tokenmeter::Fitted) -> Self {
        Self {
            messages: f.messages.iter().map(Into::into).collect(),
            tokens: to_number(f.tokens),
            budget: to_number(f.budget),
            exact: f.exact,
            kept: f.kept.into_iter().map(to_number).collect(),
            dropped: f
                .dropped
                .into_iter()
                .map(|d| DroppedMessage {
                    index: to_number(d.index),
                    role: d.role,
                    tokens: d.tokens.map(to_number),
                    reason: d.reason.as_str().to_string(),
                })
                .collect(),
            partial: f.partial.map(|p| PartialCut {
                index: to_number(p.index),
                keep: p.keep.as_str().to_string(),
                kept_tokens: to_number(p.kept_tokens),
                cut_bytes: to_number(p.cut_bytes),
            }),
        }
    }
}

/// The task of a fit request, with everything converted.
pub fn task(
    catalog: CatalogHandle,
    request: ChatRequest,
    options: &FitOptions,
    for_model: bool,
) -> Result<FitMessagesTask> {
    let (messages, tools) = to_core(request.messages, request.tools)?;
    let policy = tokenmeter::FitPolicy::try_from(options)?;
    let budget = if for_model {
        FitBudget::ReserveOutput(to_usize(
            options.reserve_output.unwrap_or(0.0),
            "reserveOutput",
        )?)
    } else {
        let budget = options
            .budget
            .ok_or_else(|| crate::error::invalid("fitMessages: options.budget is required"))?;
        FitBudget::Budget(to_usize(budget, "budget")?)
    };
    Ok(FitMessagesTask::new(
        catalog,
        request.model,
        messages,
        tools,
        budget,
        policy,
    ))
}

/// Drops the oldest turns of a chat request (`{ model, messages, tools }`) until it fits
/// `options.budget` prompt tokens. The system prompt and the last user turn are pinned; a tool
/// call and its result go together. The model is looked up in the bundled catalog
/// (`Catalog#fitMessages` for another).
///
/// @throws {Error} `TOKENMETER_BUDGET_EXCEEDED` when the pinned messages alone do not fit;
/// `TOKENMETER_UNKNOWN_MODEL`; `TOKENMETER_INVALID_INPUT`.
#[napi(catch_unwind)]
pub fn fit_messages(request: ChatRequest, options: FitOptions) -> Result<Fitted> {
    Ok(task(CatalogHandle::Bundled, request, &options, false)?
        .run()
        .or_throw()?
        .into())
}

/// `fitMessages` to the model's context window minus `options.reserveOutput`.
///
/// @throws {Error} as `fitMessages`; `TOKENMETER_INVALID_INPUT` when the reserve leaves no room.
#[napi(catch_unwind)]
pub fn fit_messages_for_model(request: ChatRequest, options: Option<FitOptions>) -> Result<Fitted> {
    Ok(task(
        CatalogHandle::Bundled,
        request,
        &for_model_options(options),
        true,
    )?
    .run()
    .or_throw()?
    .into())
}

/// The options of `fitMessagesForModel`, all defaults when absent.
pub fn for_model_options(options: Option<FitOptions>) -> FitOptions {
    options.unwrap_or(FitOptions {
        budget: None,
        reserve_output: None,
        partial: None,
        partial_keep: None,
        min_partial_tokens: None,
    })
}

/// `fitMessages` off the main thread.
#[napi(catch_unwind, ts_return_type = "Promise<Fitted>")]
pub fn fit_messages_async(
    request: ChatRequest,
    options: FitOptions,
    async_options: Option<AsyncOptions>,
) -> Result<AsyncTask<FitMessagesTask>> {
    Ok(AsyncTask::with_optional_signal(
        task(CatalogHandle::Bundled, request, &options, false)?,
        async_options.and_then(|o| o.signal),
    ))
}
