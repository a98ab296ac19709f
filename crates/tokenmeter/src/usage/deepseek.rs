//! DeepSeek `usage`.
//!
//! Containment rule: `prompt_tokens` = `prompt_cache_hit_tokens` + `prompt_cache_miss_tokens`
//! (hits are billed at the cache-hit rate, misses at the input rate); `completion_tokens`
//! **includes** `completion_tokens_details.reasoning_tokens` (deepseek-reasoner), and reasoning
//! is billed as output.

use serde_json::{Map, Value};

use super::{Fields, Usage, UsageFormat, at_most, invalid, total_matches};
use crate::error::Result;

pub(super) fn parse(obj: &Map<String, Value>) -> Result<Usage> {
    let f = Fields::new(obj);
    let prompt = f.req("prompt_tokens")?;
    let completion = f.req("completion_tokens")?;
    let hit = f.req("prompt_cache_hit_tokens")?;
    let miss = f.req("prompt_cache_miss_tokens")?;
    if hit.saturating_add(miss) != prompt {
        return Err(invalid(format!(
            "`prompt_cache_hit_tokens` ({hit}) + `prompt_cache_miss_tokens` ({miss}) is not `prompt_tokens` ({prompt})"
        )));
    }
    let reasoning = f.opt("completion_tokens_details.reasoning_tokens")?.unwrap_or(0);
    at_most(("completion_tokens_details.reasoning_tokens", reasoning), ("completion_tokens", completion))?;
    total_matches("total_tokens", f.opt("total_tokens")?, prompt.saturating_add(completion), "prompt_tokens + completion_tokens")?;
    Ok(Usage {
        input_tokens: miss,
        cache_read_tokens: hit,
        output_tokens: completion - reasoning,
        reasoning_tokens: reasoning,
        format: UsageFormat::Deepseek,
        ..Usage::default()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use crate::Usage;

    #[test]
    fn hits_and_misses_split_the_prompt() {
        let u = Usage::from_json(
            r#"{"usage": {"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
            "prompt_tokens_details": {"cached_tokens": 600}, "prompt_cache_hit_tokens": 600,
            "prompt_cache_miss_tokens": 400, "completion_tokens_details": {"reasoning_tokens": 350}}}"#,
        )
        .unwrap();
        assert_eq!((u.input_tokens, u.cache_read_tokens, u.output_tokens, u.reasoning_tokens), (400, 600, 150, 350));
    }

    #[test]
    fn hit_plus_miss_must_equal_prompt() {
        let e = Usage::from_json(r#"{"prompt_tokens": 1000, "completion_tokens": 5, "prompt_cache_hit_tokens": 600, "prompt_cache_miss_tokens": 300}"#).unwrap_err();
        assert_eq!(e.code(), "INVALID_USAGE");
        assert!(e.to_string().contains("prompt_cache_miss_tokens"), "{e}");
    }
}
