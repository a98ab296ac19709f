//! OpenAI usage objects.
//!
//! Containment rule (Chat Completions): `prompt_tokens` **includes**
//! `prompt_tokens_details.cached_tokens`, and `completion_tokens` **includes**
//! `completion_tokens_details.reasoning_tokens`; `total_tokens` = prompt + completion.
//! The Responses API has the same rule under other names: `input_tokens` includes
//! `input_tokens_details.cached_tokens`, `output_tokens` includes
//! `output_tokens_details.reasoning_tokens`. Audio and image tokens inside these counts are
//! priced at the text rates (the catalog holds no separate audio rates).

use serde_json::{Map, Value};

use super::{Fields, Usage, UsageFormat, at_most, total_matches};
use crate::error::Result;

/// Chat Completions `usage`.
pub(super) fn parse_chat(obj: &Map<String, Value>) -> Result<Usage> {
    let f = Fields::new(obj);
    let prompt = f.req("prompt_tokens")?;
    let completion = f.req("completion_tokens")?;
    let cached = f.opt("prompt_tokens_details.cached_tokens")?.unwrap_or(0);
    let reasoning = f.opt("completion_tokens_details.reasoning_tokens")?.unwrap_or(0);
    at_most(("prompt_tokens_details.cached_tokens", cached), ("prompt_tokens", prompt))?;
    at_most(("completion_tokens_details.reasoning_tokens", reasoning), ("completion_tokens", completion))?;
    total_matches("total_tokens", f.opt("total_tokens")?, prompt.saturating_add(completion), "prompt_tokens + completion_tokens")?;
    Ok(Usage {
        input_tokens: prompt - cached,
        cache_read_tokens: cached,
        output_tokens: completion - reasoning,
        reasoning_tokens: reasoning,
        format: UsageFormat::OpenaiChat,
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
    use crate::Usage;

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
    fn null_details_mean_zero() {
        let u = Usage::from_json(r#"{"prompt_tokens": 10, "completion_tokens": 2, "prompt_tokens_details": null, "completion_tokens_details": null}"#).unwrap();
        assert_eq!((u.input_tokens, u.output_tokens), (10, 2));
    }
}
