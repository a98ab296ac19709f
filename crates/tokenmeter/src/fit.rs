//! [`fit_messages`]: make a chat history fit a token budget by dropping its oldest turns.
//!
//! # Rules
//! - System and developer messages, and the last user message, are always kept (the must-keep
//!   part). If they, the reply priming and the tool definitions alone exceed the budget, the
//!   answer is [`Error::BudgetExceeded`] saying by how much, never an empty history.
//! - The other messages form units: an assistant message that calls tools together with the
//!   tool results that answer it, or any other single message. A unit is kept or dropped whole,
//!   so a tool call is never separated from its results.
//! - Units are taken newest first while they fit; the first unit that does not fit and every
//!   older one are dropped (oldest first). With [`FitPolicy::partial`], that first unit, if it
//!   is one plain message, is cut to its tail instead of dropped, when enough room is left.
//! - Costs follow [`count_chat`]: per-message framing, names, tool calls, tool definitions and
//!   the reply priming. That rule is a sum over messages, so each message is counted once, on
//!   its own, newest first, and units older than the first that does not fit are never
//!   counted. The kept history is counted again as a whole before it is returned.

use serde::Serialize;

use crate::chat::{Content, Message, Tool, count_chat, count_tools};
use crate::error::{Error, Result};
use crate::model::{ChatFormat, Model};
use crate::tokenizer::Tokenizer;
use crate::truncate::{Keep, TruncateOptions};

/// How [`fit_messages`] may shorten a history.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FitPolicy {
    /// Cut the oldest kept message partially instead of dropping it whole (default false).
    pub partial: bool,
    /// Which part of a partially cut message stays (default tail: the part nearest the rest of
    /// the conversation).
    pub partial_keep: Keep,
    /// A partial cut must keep at least this many content tokens, or the message is dropped
    /// (default 16).
    pub min_partial_tokens: usize,
}

impl Default for FitPolicy {
    fn default() -> Self {
        Self { partial: false, partial_keep: Keep::Tail, min_partial_tokens: 16 }
    }
}

impl FitPolicy {
    /// Allows (or forbids) a partial cut of the oldest kept message.
    #[must_use]
    pub fn with_partial(mut self, partial: bool) -> Self {
        self.partial = partial;
        self
    }

    /// Which part of a partially cut message stays.
    #[must_use]
    pub fn with_partial_keep(mut self, keep: Keep) -> Self {
        self.partial_keep = keep;
        self
    }

    /// The fewest content tokens a partial cut may leave.
    #[must_use]
    pub fn with_min_partial_tokens(mut self, tokens: usize) -> Self {
        self.min_partial_tokens = tokens;
        self
    }
}

/// Why a message was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DropReason {
    /// Its turn did not fit in what the newer turns left of the budget.
    OverBudget,
    /// Older than a turn that did not fit: turns go oldest first (not counted).
    Older,
    /// A tool call or tool result that went with the other half of its pair.
    ToolPair,
}

impl DropReason {
    /// The canonical name: `over_budget`, `older`, `tool_pair`.
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::OverBudget => "over_budget",
            DropReason::Older => "older",
            DropReason::ToolPair => "tool_pair",
        }
    }
}

/// One dropped message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Dropped {
    /// Its index in the input.
    pub index: usize,
    /// Its role.
    pub role: String,
    /// Its cost with framing, when it was counted (older turns are not).
    pub tokens: Option<usize>,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// A message that was kept in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PartialCut {
    /// Its index in the input.
    pub index: usize,
    /// Which part of its content stayed.
    pub keep: Keep,
    /// Content tokens kept.
    pub kept_tokens: usize,
    /// Content bytes cut.
    pub cut_bytes: usize,
}

/// The result of [`fit_messages`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Fitted {
    /// The kept messages, in their original order.
    pub messages: Vec<Message>,
    /// Prompt tokens of the kept messages with the tools, by [`count_chat`].
    pub tokens: usize,
    /// The budget that was fitted to.
    pub budget: usize,
    /// Whether `tokens` is exact (see [`crate::ChatCount::exact`]).
    pub exact: bool,
    /// Input indices of the kept messages.
    pub kept: Vec<usize>,
    /// The dropped messages, oldest first.
    pub dropped: Vec<Dropped>,
    /// The message that was cut partially, if any.
    pub partial: Option<PartialCut>,
}

/// Fits `messages` (with `tools`) into the context window of `model` minus `reserve_output`
/// tokens kept for the reply.
///
/// # Errors
/// [`Error::InvalidInput`] when `reserve_output` leaves no room; otherwise as [`fit_messages`].
pub fn fit_messages_for_model(
    model: &Model,
    messages: &[Message],
    tools: &[Tool],
    reserve_output: usize,
    policy: &FitPolicy,
) -> Result<Fitted> {
    let window = usize::try_from(model.context_window).unwrap_or(usize::MAX);
    if reserve_output >= window {
        return Err(Error::invalid(format!(
            "reserve_output {reserve_output} leaves no room in {}'s {window}-token context window",
            model.id
        )));
    }
    let tokenizer = model.tokenizer()?;
    fit_messages(&tokenizer, model.chat_format, messages, tools, window - reserve_output, policy)
}

/// Drops the oldest turns of `messages` until the request (framing and `tools` included) fits
/// `budget` tokens; see the module docs for the rules.
///
/// ```
/// use tokenmeter::{ChatFormat, Encoding, FitPolicy, Message, Tokenizer, fit_messages};
/// let tok = Tokenizer::from_encoding(Encoding::O200kBase);
/// let history = vec![
///     Message::new("system", "You are terse."),
///     Message::new("user", "Tell me a long story about a lighthouse keeper and the sea."),
///     Message::new("assistant", "Once upon a time a keeper watched the sea for forty years."),
///     Message::new("user", "Shorter."),
/// ];
/// let fitted = fit_messages(&tok, ChatFormat::Openai, &history, &[], 30, &FitPolicy::default())?;
/// assert_eq!(fitted.kept, vec![0, 3]);
/// assert!(fitted.tokens <= 30);
/// # Ok::<(), tokenmeter::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for a zero budget, an empty history or a message without a role;
/// [`Error::BudgetExceeded`] when the must-keep part alone exceeds the budget.
pub fn fit_messages(
    tokenizer: &Tokenizer,
    format: ChatFormat,
    messages: &[Message],
    tools: &[Tool],
    budget: usize,
    policy: &FitPolicy,
) -> Result<Fitted> {
    if budget == 0 {
        return Err(Error::invalid("fit: the budget must be at least 1 token"));
    }
    if messages.is_empty() {
        return Err(Error::invalid("fit: the history has no messages"));
    }
    let cost = MessageCost::new(tokenizer, format)?;
    let tools_tokens = if tools.is_empty() { 0 } else { count_tools(tokenizer, tools)? };

    let last_user = messages.iter().rposition(|m| m.role == "user");
    let pinned: Vec<bool> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| m.role == "system" || m.role == "developer" || Some(i) == last_user)
        .collect();
    let units = units(messages, &pinned);

    let mut used = cost.priming + tools_tokens;
    for (i, m) in messages.iter().enumerate() {
        if pinned[i] {
            used += cost.of(m, i)?;
        }
    }
    if used > budget {
        return Err(Error::BudgetExceeded { needed: used, budget });
    }

    let mut keep = pinned.clone();
    let mut out: Vec<Message> = messages.to_vec();
    let mut dropped = Vec::new();
    let mut partial = None;
    let mut first_miss = None;
    for (u, unit) in units.iter().enumerate().rev() {
        let mut unit_cost = 0;
        let mut costs = Vec::with_capacity(unit.len());
        for &i in unit {
            let c = cost.of(&messages[i], i)?;
            costs.push(c);
            unit_cost += c;
        }
        if used + unit_cost <= budget {
            used += unit_cost;
            for &i in unit {
                keep[i] = true;
            }
            continue;
        }
        if policy.partial && unit.len() == 1 {
            let i = unit[0];
            if let Some((msg, cut)) =
                partial_cut(tokenizer, &cost, &messages[i], i, budget - used, policy)?
            {
                out[i] = msg;
                keep[i] = true;
                partial = Some(cut);
                first_miss = Some(u);
                break;
            }
        }
        for (k, &i) in unit.iter().enumerate() {
            let reason = if k == 0 { DropReason::OverBudget } else { DropReason::ToolPair };
            dropped.push(Dropped { index: i, role: messages[i].role.clone(), tokens: Some(costs[k]), reason });
        }
        first_miss = Some(u);
        break;
    }
    if let Some(miss) = first_miss {
        for unit in units.iter().take(miss) {
            for (k, &i) in unit.iter().enumerate() {
                let reason = if k == 0 { DropReason::Older } else { DropReason::ToolPair };
                dropped.push(Dropped { index: i, role: messages[i].role.clone(), tokens: None, reason });
            }
        }
    }
    dropped.sort_by_key(|d| d.index);

    let kept: Vec<usize> = (0..messages.len()).filter(|&i| keep[i]).collect();
    if kept.is_empty() {
        // Nothing is pinned (no system prompt, no user turn) and not even the newest turn fits.
        let newest: usize = dropped.iter().filter_map(|d| d.tokens).sum();
        return Err(Error::BudgetExceeded { needed: used + newest, budget });
    }
    let kept_messages: Vec<Message> = kept.iter().map(|&i| out[i].clone()).collect();
    let counted = count_chat(tokenizer, format, &kept_messages, tools)?;
    if counted.tokens > budget {
        // count_chat is a sum over messages, so this cannot happen unless that rule changes;
        // answer with an error rather than a history over budget.
        return Err(Error::BudgetExceeded { needed: counted.tokens, budget });
    }
    Ok(Fitted {
        messages: kept_messages,
        tokens: counted.tokens,
        budget,
        exact: counted.exact,
        kept,
        dropped,
        partial,
    })
}

/// Groups the unpinned messages into units that go or stay together, oldest first.
fn units(messages: &[Message], pinned: &[bool]) -> Vec<Vec<usize>> {
    let mut taken = vec![false; messages.len()];
    let mut units = Vec::new();
    for i in 0..messages.len() {
        if pinned[i] || taken[i] {
            continue;
        }
        let mut unit = vec![i];
        taken[i] = true;
        let m = &messages[i];
        if !m.tool_calls.is_empty() {
            let ids: Vec<&str> = m.tool_calls.iter().map(|c| c.id.as_str()).collect();
            for j in i + 1..messages.len() {
                let r = &messages[j];
                if r.role != "tool" {
                    break;
                }
                if !pinned[j]
                    && !taken[j]
                    && r.tool_call_id.as_deref().is_some_and(|id| ids.contains(&id))
                {
                    unit.push(j);
                    taken[j] = true;
                }
            }
        }
        units.push(unit);
    }
    units
}

/// The cost of one message under `count_chat`'s rule, without the reply priming.
struct MessageCost<'a> {
    tokenizer: &'a Tokenizer,
    format: ChatFormat,
    priming: usize,
}

impl<'a> MessageCost<'a> {
    fn new(tokenizer: &'a Tokenizer, format: ChatFormat) -> Result<Self> {
        // count_chat(m) = part(m) + priming, and count_chat(m, m) = 2 part(m) + priming.
        let probe = Message::new("user", "");
        let one = count_chat(tokenizer, format, std::slice::from_ref(&probe), &[])?.tokens;
        let two = count_chat(tokenizer, format, &[probe.clone(), probe], &[])?.tokens;
        Ok(Self { tokenizer, format, priming: (2 * one).saturating_sub(two) })
    }

    fn of(&self, m: &Message, index: usize) -> Result<usize> {
        let counted = count_chat(self.tokenizer, self.format, std::slice::from_ref(m), &[])
            .map_err(|e| match e {
                Error::InvalidInput { reason } => Error::invalid(format!("message {index}: {reason}")),
                other => other,
            })?;
        Ok(counted.tokens.saturating_sub(self.priming))
    }
}

/// Cuts the content of `m` so that the message fits `room` tokens, if the policy's minimum
/// still fits and the message is plain text (no tool calls, not a tool result).
fn partial_cut(
    tokenizer: &Tokenizer,
    cost: &MessageCost<'_>,
    m: &Message,
    index: usize,
    room: usize,
    policy: &FitPolicy,
) -> Result<Option<(Message, PartialCut)>> {
    if !m.tool_calls.is_empty() || m.role == "tool" || m.content.is_none() {
        return Ok(None);
    }
    let mut bare = m.clone();
    bare.content = None;
    let framing = cost.of(&bare, index)?;
    let content_budget = room.saturating_sub(framing);
    if content_budget == 0 || content_budget < policy.min_partial_tokens {
        return Ok(None);
    }
    let text = m.text();
    let opts = TruncateOptions::new(content_budget).with_keep(policy.partial_keep);
    let cut = tokenizer.truncate(&text, &opts)?;
    if !cut.truncated || cut.text.is_empty() {
        return Ok(None);
    }
    let mut kept = m.clone();
    kept.content = Some(Content::Text(cut.text));
    let info = PartialCut { index, keep: policy.partial_keep, kept_tokens: cut.tokens, cut_bytes: cut.cut_bytes };
    Ok(Some((kept, info)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::Encoding;

    fn tok() -> Tokenizer {
        Tokenizer::from_encoding(Encoding::O200kBase)
    }

    fn history() -> Vec<Message> {
        vec![
            Message::new("system", "You are a helpful assistant."),
            Message::new("user", "What is the weather in Paris and in Rome today?"),
            Message { content: None, ..Message::new("assistant", "") }
                .with_tool_call("c1", "weather", r#"{"city":"Paris"}"#)
                .with_tool_call("c2", "weather", r#"{"city":"Rome"}"#),
            Message::new("tool", r#"{"temp": 18, "sky": "clear"}"#).with_tool_call_id("c1"),
            Message::new("tool", r#"{"temp": 24, "sky": "cloudy"}"#).with_tool_call_id("c2"),
            Message::new("assistant", "Paris is 18 and clear; Rome is 24 and cloudy."),
            Message::new("user", "And tomorrow?"),
        ]
    }

    #[test]
    fn model_budget_is_the_window_minus_the_reserve() {
        let model = crate::Catalog::bundled().get("gpt-4o").unwrap();
        let window = model.context_window as usize;
        let err = fit_messages_for_model(model, &history(), &[], window, &FitPolicy::default()).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT");
        let f = fit_messages_for_model(model, &history(), &[], 1_000, &FitPolicy::default()).unwrap();
        assert_eq!((f.budget, f.kept.len()), (window - 1_000, 7));
    }

    #[test]
    fn priming_matches_the_published_rule() {
        let t = tok();
        let cost = MessageCost::new(&t, ChatFormat::Openai).unwrap();
        assert_eq!(cost.priming, 3);
    }

    #[test]
    fn tool_pair_goes_as_a_unit() {
        let h = history();
        let full = count_chat(&tok(), ChatFormat::Openai, &h, &[]).unwrap().tokens;
        let fits_all = fit_messages(&tok(), ChatFormat::Openai, &h, &[], full, &FitPolicy::default()).unwrap();
        assert_eq!(fits_all.kept, (0..7).collect::<Vec<_>>());
        assert_eq!(fits_all.tokens, full);
        let mut seen_pair_split = false;
        for budget in 1..full {
            match fit_messages(&tok(), ChatFormat::Openai, &h, &[], budget, &FitPolicy::default()) {
                Ok(f) => {
                    assert!(f.tokens <= budget);
                    let has = |i| f.kept.contains(&i);
                    seen_pair_split |= has(2) != has(3) || has(3) != has(4);
                    assert!(has(0) && has(6));
                }
                Err(e) => assert_eq!(e.code(), "BUDGET_EXCEEDED"),
            }
        }
        assert!(!seen_pair_split);
    }

    #[test]
    fn must_keep_over_budget_says_by_how_much() {
        let err = fit_messages(&tok(), ChatFormat::Openai, &history(), &[], 5, &FitPolicy::default()).unwrap_err();
        match err {
            Error::BudgetExceeded { needed, budget } => assert!(needed > budget && budget == 5),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn partial_cut_keeps_the_tail_of_the_oldest_kept_message() {
        let long = "word ".repeat(300);
        let h = vec![
            Message::new("system", "Be brief."),
            Message::new("user", long.clone()),
            Message::new("assistant", "ok"),
            Message::new("user", "next"),
        ];
        let f = fit_messages(&tok(), ChatFormat::Openai, &h, &[], 120, &FitPolicy::default().with_partial(true)).unwrap();
        let p = f.partial.clone().unwrap();
        assert_eq!(p.index, 1);
        assert!(f.tokens <= 120);
        assert!(long.ends_with(&f.messages[1].text()));
        assert_eq!(f.kept, vec![0, 1, 2, 3]);
    }
}
