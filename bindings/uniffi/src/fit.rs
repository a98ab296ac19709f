//! `fit_messages`: drop the oldest turns of a chat history until it fits a budget.

use crate::catalog::Catalog;
use crate::chat::{Message, Tool, to_core};
use crate::error::{Result, TokenmeterError, guard, to_u64, to_usize};
use crate::model::ChatFormat;
use crate::tokenizer::Tokenizer;

/// How `fit_messages` may shorten a history. Unset fields take the core's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct FitPolicy {
    /// Whether the oldest kept turn may be kept in part.
    #[uniffi(default = None)]
    pub partial: Option<bool>,
    /// Which end of a partly kept turn survives: `head`, `tail` or `both`.
    #[uniffi(default = None)]
    pub partial_keep: Option<String>,
    /// The fewest tokens worth keeping of a partly kept turn.
    #[uniffi(default = None)]
    pub min_partial_tokens: Option<u64>,
}

/// One dropped message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Dropped {
    pub index: u64,
    pub role: String,
    pub tokens: Option<u64>,
    /// `over_budget`, `older`, `tool_pair`, ...
    pub reason: String,
}

/// A message that was kept in part.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PartialCut {
    pub index: u64,
    pub keep: String,
    pub kept_tokens: u64,
    pub cut_bytes: u64,
}

/// The result of `fit_messages`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Fitted {
    pub messages: Vec<Message>,
    pub tokens: u64,
    pub budget: u64,
    pub exact: bool,
    /// Indexes (into the input) of the messages kept.
    pub kept: Vec<u64>,
    pub dropped: Vec<Dropped>,
    pub partial: Option<PartialCut>,
}

impl TryFrom<FitPolicy> for tokenmeter::FitPolicy {
    type Error = TokenmeterError;
    fn try_from(p: FitPolicy) -> Result<Self> {
        let mut policy = tokenmeter::FitPolicy::default();
        if let Some(partial) = p.partial {
            policy = policy.with_partial(partial);
        }
        if let Some(keep) = p.partial_keep {
            policy = policy.with_partial_keep(keep.parse()?);
        }
        if let Some(min) = p.min_partial_tokens {
            policy = policy.with_min_partial_tokens(to_usize(min));
        }
        Ok(policy)
    }
}

impl TryFrom<tokenmeter::Fitted> for Fitted {
    type Error = TokenmeterError;
    fn try_from(f: tokenmeter::Fitted) -> Result<Self> {
        Ok(Self {
            messages: f.messages.into_iter().map(Message::try_from).collect::<Result<_>>()?,
            tokens: to_u64(f.tokens),
            budget: to_u64(f.budget),
            exact: f.exact,
            kept: f.kept.into_iter().map(to_u64).collect(),
            dropped: f
                .dropped
                .into_iter()
                .map(|d| Dropped {
                    index: to_u64(d.index),
                    role: d.role,
                    tokens: d.tokens.map(to_u64),
                    reason: d.reason.as_str().to_string(),
                })
                .collect(),
            partial: f.partial.map(|p| PartialCut {
                index: to_u64(p.index),
                keep: p.keep.as_str().to_string(),
                kept_tokens: to_u64(p.kept_tokens),
                cut_bytes: to_u64(p.cut_bytes),
            }),
        })
    }
}

#[uniffi::export]
impl Tokenizer {
    /// Drops the oldest turns of `messages` until the request (framing and `tools` included)
    /// fits `budget` tokens.
    pub fn fit_messages(
        &self,
        format: ChatFormat,
        messages: Vec<Message>,
        tools: Vec<Tool>,
        budget: u64,
        policy: FitPolicy,
    ) -> Result<Fitted> {
        guard(|| {
            let (messages, tools) = to_core(messages, tools)?;
            let policy = policy.try_into()?;
            let fitted = tokenmeter::fit_messages(
                &self.inner, format.into(), &messages, &tools, to_usize(budget), &policy,
            )?;
            fitted.try_into()
        })
    }
}

#[uniffi::export]
impl Catalog {
    /// Fits `messages` into the context window of `model` minus `reserve_output` tokens kept
    /// for the reply.
    pub fn fit_messages(
        &self,
        model: String,
        messages: Vec<Message>,
        tools: Vec<Tool>,
        reserve_output: u64,
        policy: FitPolicy,
    ) -> Result<Fitted> {
        guard(|| {
            let model = self.inner.get(&model)?;
            let (messages, tools) = to_core(messages, tools)?;
            let policy = policy.try_into()?;
            let fitted = tokenmeter::fit_messages_for_model(
                model, &messages, &tools, to_usize(reserve_output), &policy,
            )?;
            fitted.try_into()
        })
    }
}
