//! Gemini `usageMetadata` (Gemini API and Vertex AI).
//!
//! Containment rule: `promptTokenCount` **includes** `cachedContentTokenCount`;
//! `toolUsePromptTokenCount` (the results of built-in tools fed back to the model) is **outside**
//! the prompt count and billed as input; `candidatesTokenCount` **excludes**
//! `thoughtsTokenCount`, and thoughts are billed as output. `totalTokenCount` is the sum of
//! prompt, tool-use prompt, candidates and thoughts. Gemini omits zero-valued fields, so every
//! field but `promptTokenCount` may be absent and then counts as zero.

use serde_json::{Map, Value};

use super::{Fields, Usage, UsageFormat, at_most, total_matches};
use crate::error::Result;

pub(super) fn parse(obj: &Map<String, Value>) -> Result<Usage> {
    let f = Fields::new(obj);
    let prompt = f.req("promptTokenCount")?;
    let cached = f.opt("cachedContentTokenCount")?.unwrap_or(0);
    let tool = f.opt("toolUsePromptTokenCount")?.unwrap_or(0);
    let candidates = f.opt("candidatesTokenCount")?.unwrap_or(0);
    let thoughts = f.opt("thoughtsTokenCount")?.unwrap_or(0);
    at_most(("cachedContentTokenCount", cached), ("promptTokenCount", prompt))?;
    let sum = prompt.saturating_add(tool).saturating_add(candidates).saturating_add(thoughts);
    total_matches(
        "totalTokenCount",
        f.opt("totalTokenCount")?,
        sum,
        "promptTokenCount + toolUsePromptTokenCount + candidatesTokenCount + thoughtsTokenCount",
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
    fn cached_above_prompt_is_an_error() {
        let e = Usage::from_json(r#"{"promptTokenCount": 10, "cachedContentTokenCount": 20}"#).unwrap_err();
        assert!(e.to_string().contains("cachedContentTokenCount"), "{e}");
    }
}
