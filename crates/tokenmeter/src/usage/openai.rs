//! OpenAI usage objects.
//!
//! Containment rule (Chat Completions): `prompt_tokens` **includes**
//! `prompt_tokens_details.cached_tokens`, and `completion_tokens` **includes**
//! `completion_tokens_details.reasoning_tokens`; `total_tokens` = prompt + completion.
//! The Responses API has the same rule under other names: `input_tokens` includes
//! `input_tokens_details.cached_tokens`, `output_tokens` includes
//! `output_tokens_details.reasoning_tokens`.
//!
//! xAI's Chat Completions (Grok) use the same field names with another rule: `completion_tokens`
//! **excludes** `completion_tokens_details.reasoning_tokens`, and `total_tokens` = prompt +
//! completion + reasoning (cached tokens are inside `prompt_tokens`, as at OpenAI). An object is
//! read by xAI's rule when its `total_tokens` is prompt, completion and reasoning summed (and not
//! just prompt and completion), when its reasoning count is above its completion count, or, with
//! no `total_tokens`, when the response envelope names a Grok model; `Catalog::cost` on an `xai`
//! model also applies it to an object read by OpenAI's rule whose total did not show the
//! reasoning inside.
//!
//! Audio and image tokens inside these counts are
//! priced at the text rates (the catalog holds no separate audio rates).

use serde_json::{Map, Value};

use super::{Fields, Usage, UsageFormat, at_most, invalid, total_matches};
use crate::error::Result;

/// The counts of a Chat Completions `usage` object, under either provider's rule.
struct ChatCounts {
    prompt: u64,
    completion: u64,
    cached: u64,
    reasoning: u64,
    total: Option<u64>,
}

impl ChatCounts {
    fn read(obj: &Map<String, Value>) -> Result<Self> {
        let f = Fields::new(obj);
        Ok(Self {
            prompt: f.req("prompt_tokens")?,
            completion: f.req("completion_tokens")?,
            cached: f.opt("prompt_tokens_details.cached_tokens")?.unwrap_or(0),
            reasoning: f.opt("completion_tokens_details.reasoning_tokens")?.unwrap_or(0),
            total: f.opt("total_tokens")?,
        })
    }
}

/// Chat Completions `usage`, by OpenAI's rule unless the numbers show xAI's (see
/// [`parse_xai`]): a `total_tokens` equal to prompt + completion + reasoning and not to
/// prompt + completion, or more reasoning than completion tokens. `prefer_xai` (a Grok response
/// envelope) chooses xAI's rule when no `total_tokens` decides.
pub(super) fn parse_chat(obj: &Map<String, Value>, prefer_xai: bool) -> Result<Usage> {
    let c = ChatCounts::read(obj)?;
    let inside = c.prompt.saturating_add(c.completion);
    let outside = inside.saturating_add(c.reasoning);
    let xai = match c.total {
        Some(t) if t == inside => false,
        Some(t) if t == outside => true,
        Some(t) if c.reasoning > 0 => {
            return Err(invalid(format!(
                "`total_tokens` ({t}) is neither prompt_tokens + completion_tokens ({inside}, OpenAI's rule) nor prompt_tokens + completion_tokens + completion_tokens_details.reasoning_tokens ({outside}, xAI's rule)"
            )));
        }
        Some(t) => return Err(invalid(format!("`total_tokens` ({t}) is not prompt_tokens + completion_tokens ({inside})"))),
        None => prefer_xai || c.reasoning > c.completion,
    };
    if xai {
        return xai_usage(&c);
    }
    at_most(("prompt_tokens_details.cached_tokens", c.cached), ("prompt_tokens", c.prompt))?;
    at_most(("completion_tokens_details.reasoning_tokens", c.reasoning), ("completion_tokens", c.completion))?;
    Ok(Usage {
        input_tokens: c.prompt - c.cached,
        cache_read_tokens: c.cached,
        output_tokens: c.completion - c.reasoning,
        reasoning_tokens: c.reasoning,
        format: UsageFormat::OpenaiChat,
        reasoning_inside_confirmed: c.total.is_some() && c.reasoning > 0,
        ..Usage::default()
    })
}

/// xAI (Grok) Chat Completions `usage`: OpenAI's field names, but `completion_tokens`
/// **excludes** `completion_tokens_details.reasoning_tokens`, and `total_tokens` = prompt +
/// completion + reasoning. `prompt_tokens` includes `prompt_tokens_details.cached_tokens`, as
/// at OpenAI.
pub(super) fn parse_xai(obj: &Map<String, Value>) -> Result<Usage> {
    xai_usage(&ChatCounts::read(obj)?)
}

fn xai_usage(c: &ChatCounts) -> Result<Usage> {
    at_most(("prompt_tokens_details.cached_tokens", c.cached), ("prompt_tokens", c.prompt))?;
    total_matches(
        "total_tokens",
        c.total,
        c.prompt.saturating_add(c.completion).saturating_add(c.reasoning),
        "prompt_tokens + completion_tokens + completion_tokens_details.reasoning_tokens (xAI's rule)",
    )?;
    Ok(Usage {
        input_tokens: c.prompt - c.cached,
        cache_read_tokens: c.cached,
        output_tokens: c.completion,
        reasoning_tokens: c.reasoning,
        format: UsageFormat::Xai,
        ..Usage::default()
    })
}

/// Responses API `usage`.
pub(super) fn parse_responses(obj: &Map<String, Value>) -> Result<Usage> {
    let f = Fields::new(obj);
    let input = f.req("input_tokens")?;
    let output = f.req("output_tokens")?;
    let cached = f.opt("input_tokens_details.cached_tokens")?.unwrap_or(0);
    let reasoning = f.opt("output_tokens_details.reasoning_tokens")?.unwrap_or(0);
    at_most(("input_tokens_details.cached_tokens", cached), ("input_tokens", input))?;
    at_most(("output_tokens_details.reasoning_tokens", reasoning), ("output_tokens", output))?;
    total_matches("total_tokens", f.opt("total_tokens")?, input.saturating_add(output), "input_tokens + output_tokens")?;
    Ok(Usage {
        input_tokens: input - cached,
        cache_read_tokens: cached,
        output_tokens: output - reasoning,
        reasoning_tokens: reasoning,
        format: UsageFormat::OpenaiResponses,
        ..Usage::default()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use crate::{Catalog, CostOptions, Timestamp, Usage, UsageFormat};

    #[test]
    fn chat_subtracts_cached_and_reasoning() {
        let u = Usage::from_json(
            r#"{"id": "chatcmpl-1", "object": "chat.completion", "usage": {"prompt_tokens": 2006,
            "completion_tokens": 300, "total_tokens": 2306,
            "prompt_tokens_details": {"cached_tokens": 1920, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 256, "audio_tokens": 0,
              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}}"#,
        )
        .unwrap();
        assert_eq!((u.input_tokens, u.cache_read_tokens, u.output_tokens, u.reasoning_tokens), (86, 1920, 44, 256));
    }

    #[test]
    fn contradictions_are_errors() {
        let e = Usage::from_json(r#"{"prompt_tokens": 10, "completion_tokens": 1, "prompt_tokens_details": {"cached_tokens": 11}}"#).unwrap_err();
        assert!(e.to_string().contains("`prompt_tokens_details.cached_tokens` (11) is more than `prompt_tokens` (10)"), "{e}");
        let e = Usage::from_json(r#"{"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 12}"#).unwrap_err();
        assert!(e.to_string().contains("`total_tokens` (12)"), "{e}");
        let e = Usage::from_json(r#"{"input_tokens": 10, "output_tokens": 5, "total_tokens": 15, "output_tokens_details": {"reasoning_tokens": 6}}"#).unwrap_err();
        assert!(e.to_string().contains("reasoning_tokens"), "{e}");
    }

    #[test]
    fn xai_reasoning_outside_completion_by_total() {
        // A real grok-4 payload: total = prompt + completion + reasoning.
        let u = Usage::from_json(
            r#"{"prompt_tokens":10120,"completion_tokens":1499,"total_tokens":14428,
            "prompt_tokens_details":{"cached_tokens":8000},"completion_tokens_details":{"reasoning_tokens":2809}}"#,
        )
        .unwrap();
        assert_eq!(u.format, UsageFormat::Xai);
        assert_eq!((u.input_tokens, u.cache_read_tokens, u.output_tokens, u.reasoning_tokens), (2120, 8000, 1499, 2809));
        // Without a total, more reasoning than completion can only be xAI's rule.
        let u = Usage::from_json(r#"{"prompt_tokens":10,"completion_tokens":2,"completion_tokens_details":{"reasoning_tokens":5}}"#).unwrap();
        assert_eq!((u.format, u.output_tokens, u.reasoning_tokens), (UsageFormat::Xai, 2, 5));
        // A Grok envelope without a total.
        let u = Usage::from_json(r#"{"model":"grok-4-0709","usage":{"prompt_tokens":10,"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":3}}}"#).unwrap();
        assert_eq!((u.format, u.output_tokens, u.reasoning_tokens), (UsageFormat::Xai, 5, 3));
        // A Grok envelope whose total shows OpenAI's rule (a proxy that re-counted): OpenAI's rule.
        let u = Usage::from_json(r#"{"model":"x-ai/grok-4","usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"completion_tokens_details":{"reasoning_tokens":3}}}"#).unwrap();
        assert_eq!((u.format, u.output_tokens, u.reasoning_tokens), (UsageFormat::OpenaiChat, 2, 3));
        // Forced format.
        let u = Usage::from_json_as(r#"{"prompt_tokens":10,"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":3}}"#, UsageFormat::Xai).unwrap();
        assert_eq!((u.output_tokens, u.reasoning_tokens), (5, 3));
        let e = Usage::from_json_as(r#"{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"completion_tokens_details":{"reasoning_tokens":3}}"#, UsageFormat::Xai).unwrap_err();
        assert!(e.to_string().contains("xAI's rule"), "{e}");
        let e = Usage::from_json(r#"{"prompt_tokens":100,"completion_tokens":50,"total_tokens":170,"completion_tokens_details":{"reasoning_tokens":30}}"#).unwrap_err();
        assert!(e.to_string().contains("is neither"), "{e}");
    }

    #[test]
    fn priced_on_an_xai_model_reasoning_is_outside_completion() {
        let at: Timestamp = "2025-10-01".parse().unwrap();
        let opts = CostOptions::new().with_at(at);
        let cost = |model: &str, json: &str| Catalog::bundled().cost(model, &Usage::from_json(json).unwrap(), &opts).unwrap().total.to_string();
        let bare = r#"{"prompt_tokens":1000,"completion_tokens":500,"completion_tokens_details":{"reasoning_tokens":300}}"#;
        // grok-4 $3/$15: 1000 x 3 + (500 + 300) x 15 = 15000 u$.
        assert_eq!(cost("grok-4", bare), "0.015");
        assert_eq!(cost("xai/grok-4-0709", bare), "0.015");
        // The same object on an OpenAI model keeps OpenAI's rule: gpt-5 $1.25/$10: 1250 + 500 x 10.
        assert_eq!(cost("gpt-5", bare), "0.00625");
        // A total that shows reasoning inside completion is kept: 1000 x 3 + 500 x 15.
        let inside = r#"{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500,"completion_tokens_details":{"reasoning_tokens":300}}"#;
        assert_eq!(cost("grok-4", inside), "0.0105");
        // Already read by xAI's rule: not added twice.
        let outside = r#"{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1800,"completion_tokens_details":{"reasoning_tokens":300}}"#;
        assert_eq!(cost("grok-4", outside), "0.015");
        // The uniffi binding round-trips usage through its counts and format name.
        let mut u = Usage::new(1000, 500).with_reasoning(300);
        u.format = "xai".parse().unwrap();
        assert_eq!(Catalog::bundled().cost("grok-4", &u, &opts).unwrap().total.to_string(), "0.015");
    }

    #[test]
    fn null_details_mean_zero() {
        let u = Usage::from_json(r#"{"prompt_tokens": 10, "completion_tokens": 2, "prompt_tokens_details": null, "completion_tokens_details": null}"#).unwrap();
        assert_eq!((u.input_tokens, u.output_tokens), (10, 2));
    }
}
