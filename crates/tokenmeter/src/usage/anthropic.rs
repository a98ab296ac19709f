//! Anthropic Messages `usage`.
//!
//! Containment rule: `input_tokens` **excludes** cache reads (`cache_read_input_tokens`) and
//! cache writes (`cache_creation_input_tokens`); the three add up to the prompt. Cache writes
//! are split by TTL in `cache_creation.ephemeral_5m_input_tokens` and
//! `cache_creation.ephemeral_1h_input_tokens`, which must add up to
//! `cache_creation_input_tokens`; without that breakdown every write is a 5-minute write (the
//! default TTL). `output_tokens` includes extended-thinking tokens, which Anthropic bills as
//! output and does not count apart. Server-tool fees (`server_tool_use`) are not priced.

use serde_json::{Map, Value};

use super::{Fields, Usage, UsageFormat, invalid};
use crate::error::Result;

pub(super) fn parse(obj: &Map<String, Value>) -> Result<Usage> {
    let f = Fields::new(obj);
    let input = f.req("input_tokens")?;
    let output = f.req("output_tokens")?;
    let read = f.opt("cache_read_input_tokens")?.unwrap_or(0);
    let created = f.opt("cache_creation_input_tokens")?;
    let five = f.opt("cache_creation.ephemeral_5m_input_tokens")?;
    let hour = f.opt("cache_creation.ephemeral_1h_input_tokens")?;
    let (w5, w1) = match (created, five, hour) {
        (total, None, None) => (total.unwrap_or(0), 0),
        (total, five, hour) => {
            let (five, hour) = (five.unwrap_or(0), hour.unwrap_or(0));
            let sum = five.saturating_add(hour);
            if let Some(total) = total {
                if total != sum {
                    return Err(invalid(format!(
                        "`cache_creation_input_tokens` ({total}) is not `cache_creation.ephemeral_5m_input_tokens` + `cache_creation.ephemeral_1h_input_tokens` ({sum})"
                    )));
                }
            }
            (five, hour)
        }
    };
    Ok(Usage {
        input_tokens: input,
        cache_read_tokens: read,
        cache_write_5m_tokens: w5,
        cache_write_1h_tokens: w1,
        output_tokens: output,
        reasoning_tokens: 0,
        format: UsageFormat::Anthropic,
        ..Usage::default()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use crate::Usage;

    #[test]
    fn input_excludes_cache_and_ttls_split_writes() {
        let u = Usage::from_json(
            r#"{"input_tokens": 50, "cache_creation_input_tokens": 3000, "cache_read_input_tokens": 10000,
            "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000},
            "output_tokens": 400, "service_tier": "standard"}"#,
        )
        .unwrap();
        assert_eq!(
            (u.input_tokens, u.cache_read_tokens, u.cache_write_5m_tokens, u.cache_write_1h_tokens, u.output_tokens),
            (50, 10000, 1000, 2000, 400)
        );
        assert_eq!(u.total_input(), 13050);
    }

    #[test]
    fn writes_without_breakdown_are_five_minute() {
        let u = Usage::from_json(r#"{"input_tokens": 5, "cache_creation_input_tokens": 700, "output_tokens": 1}"#).unwrap();
        assert_eq!((u.cache_write_5m_tokens, u.cache_write_1h_tokens), (700, 0));
    }

    #[test]
    fn breakdown_must_match_total() {
        let e = Usage::from_json(
            r#"{"input_tokens": 5, "cache_creation_input_tokens": 700, "output_tokens": 1,
            "cache_creation": {"ephemeral_5m_input_tokens": 100, "ephemeral_1h_input_tokens": 0}}"#,
        )
        .unwrap_err();
        assert_eq!(e.code(), "INVALID_USAGE");
        assert!(e.to_string().contains("cache_creation_input_tokens"), "{e}");
    }
}
