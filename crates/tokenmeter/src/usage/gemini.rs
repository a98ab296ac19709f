//! Gemini `usageMetadata` (Gemini API and Vertex AI).
//!
//! Containment rule: `promptTokenCount` **includes** `cachedContentTokenCount`;
//! `toolUsePromptTokenCount` (the results of built-in tools fed back to the model) is **outside**
//! the prompt count and billed as input; `candidatesTokenCount` **excludes**
//! `thoughtsTokenCount`, and thoughts are billed as output. `totalTokenCount` is the sum of
//! prompt, tool-use prompt, candidates and thoughts. The Python SDK's `usage_metadata` spells the
//! same fields in snake_case (`prompt_token_count`, `cached_content_token_count`,
//! `tool_use_prompt_token_count`, `candidates_token_count`, `thoughts_token_count`,
//! `total_token_count`); both spellings are read. Gemini omits zero-valued fields, so every
//! field but `promptTokenCount` may be absent and then counts as zero.

use serde_json::{Map, Value};

use super::{Fields, Usage, UsageFormat, at_most, total_matches};
use crate::error::Result;

/// The fields in both spellings: the REST API's camelCase and the Python SDK's snake_case
/// (`usage_metadata.model_dump()`).
const FIELDS: [(&str, &str); 6] = [
    ("promptTokenCount", "prompt_token_count"),
    ("cachedContentTokenCount", "cached_content_token_count"),
    ("toolUsePromptTokenCount", "tool_use_prompt_token_count"),
    ("candidatesTokenCount", "candidates_token_count"),
    ("thoughtsTokenCount", "thoughts_token_count"),
    ("totalTokenCount", "total_token_count"),
];

/// Whether `obj` uses the snake_case spelling (and none of the camelCase one).
pub(super) fn is_snake_case(obj: &Map<String, Value>) -> bool {
    FIELDS.iter().any(|(_, snake)| obj.contains_key(*snake)) && !FIELDS.iter().any(|(camel, _)| obj.contains_key(*camel))
}

pub(super) fn parse(obj: &Map<String, Value>) -> Result<Usage> {
    let f = Fields::new(obj);
    let snake = is_snake_case(obj);
    let [prompt_n, cached_n, tool_n, candidates_n, thoughts_n, total_n] = FIELDS.map(|(camel, s)| if snake { s } else { camel });
    let prompt = f.req(prompt_n)?;
    let cached = f.opt(cached_n)?.unwrap_or(0);
    let tool = f.opt(tool_n)?.unwrap_or(0);
    let candidates = f.opt(candidates_n)?.unwrap_or(0);
    let thoughts = f.opt(thoughts_n)?.unwrap_or(0);
    at_most((cached_n, cached), (prompt_n, prompt))?;
    let sum = prompt.saturating_add(tool).saturating_add(candidates).saturating_add(thoughts);
    total_matches(
        total_n,
        f.opt(total_n)?,
        sum,
        &format!("{prompt_n} + {tool_n} + {candidates_n} + {thoughts_n}"),
    )?;
    Ok(Usage {
        input_tokens: (prompt - cached).saturating_add(tool),
        cache_read_tokens: cached,
        output_tokens: candidates,
        reasoning_tokens: thoughts,
        format: UsageFormat::Gemini,
        ..Usage::default()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use crate::Usage;

    #[test]
    fn thoughts_are_outside_candidates_and_cache_inside_prompt() {
        let u = Usage::from_json(
            r#"{"candidates": [], "usageMetadata": {"promptTokenCount": 12000, "cachedContentTokenCount": 10000,
            "toolUsePromptTokenCount": 500, "candidatesTokenCount": 300, "thoughtsTokenCount": 1200,
            "totalTokenCount": 14000}, "modelVersion": "gemini-2.5-pro"}"#,
        )
        .unwrap();
        assert_eq!((u.input_tokens, u.cache_read_tokens, u.output_tokens, u.reasoning_tokens), (2500, 10000, 300, 1200));
    }

    #[test]
    fn python_sdk_snake_case_is_read() {
        let camel = Usage::from_json(
            r#"{"usageMetadata": {"promptTokenCount": 12000, "cachedContentTokenCount": 10000,
            "toolUsePromptTokenCount": 500, "candidatesTokenCount": 300, "thoughtsTokenCount": 1200,
            "totalTokenCount": 14000}}"#,
        )
        .unwrap();
        // `response.usage_metadata.model_dump()`: absent counts are None.
        let snake = r#"{"prompt_token_count": 12000, "cached_content_token_count": 10000,
            "tool_use_prompt_token_count": 500, "candidates_token_count": 300, "thoughts_token_count": 1200,
            "total_token_count": 14000, "prompt_tokens_details": null, "traffic_type": null}"#;
        assert_eq!(Usage::from_json(snake).unwrap(), camel);
        assert_eq!(Usage::from_json(&format!(r#"{{"usage_metadata": {snake}}}"#)).unwrap(), camel);
        assert_eq!(Usage::from_json_as(snake, crate::UsageFormat::Gemini).unwrap(), camel);
        let e = Usage::from_json(r#"{"usage_metadata": {"candidates_token_count": 3}}"#).unwrap_err();
        assert!(e.to_string().contains("`prompt_token_count` is missing"), "{e}");
        let e = Usage::from_json(r#"{"prompt_token_count": 10, "candidates_token_count": 1, "total_token_count": 12}"#).unwrap_err();
        assert!(e.to_string().contains("`total_token_count` (12)"), "{e}");
    }

    #[test]
    fn cached_above_prompt_is_an_error() {
        let e = Usage::from_json(r#"{"promptTokenCount": 10, "cachedContentTokenCount": 20}"#).unwrap_err();
        assert!(e.to_string().contains("cachedContentTokenCount"), "{e}");
    }
}
