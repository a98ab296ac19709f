//! `Tokenizer.truncate`: the longest head, tail or both ends of a text that fit a budget.

use crate::error::{Result, TokenmeterError, guard, to_u64, to_usize};
use crate::tokenizer::Tokenizer;

/// Options of `truncate`. Unset fields take the core's defaults (keep `head`, the core's
/// marker, `count_cut` off).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TruncateOptions {
    /// The most tokens the result may have.
    pub budget: u64,
    /// `head`, `tail` or `both`.
    #[uniffi(default = None)]
    pub keep: Option<String>,
    /// Placed between the two ends for `both`.
    #[uniffi(default = None)]
    pub marker: Option<String>,
    /// Also count the tokens that were cut.
    #[uniffi(default = None)]
    pub count_cut: Option<bool>,
}

/// The result of `truncate`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Truncated {
    pub text: String,
    /// Tokens of `text` (never above the budget).
    pub tokens: u64,
    /// Tokens removed, when `count_cut` was set.
    pub cut_tokens: Option<u64>,
    pub cut_bytes: u64,
    pub head_bytes: u64,
    pub tail_bytes: u64,
    /// Whether anything was cut.
    pub truncated: bool,
    pub exact: bool,
}

impl TryFrom<TruncateOptions> for tokenmeter::TruncateOptions {
    type Error = TokenmeterError;
    fn try_from(o: TruncateOptions) -> Result<Self> {
        let mut opts = tokenmeter::TruncateOptions::new(to_usize(o.budget));
        if let Some(keep) = o.keep {
            opts = opts.with_keep(keep.parse()?);
        }
        if let Some(marker) = o.marker {
            opts = opts.with_marker(marker);
        }
        if let Some(count_cut) = o.count_cut {
            opts = opts.with_count_cut(count_cut);
        }
        Ok(opts)
    }
}

impl From<tokenmeter::Truncated> for Truncated {
    fn from(t: tokenmeter::Truncated) -> Self {
        Self {
            text: t.text,
            tokens: to_u64(t.tokens),
            cut_tokens: t.cut_tokens.map(to_u64),
            cut_bytes: to_u64(t.cut_bytes),
            head_bytes: to_u64(t.head_bytes),
            tail_bytes: to_u64(t.tail_bytes),
            truncated: t.truncated,
            exact: t.exact,
        }
    }
}

#[uniffi::export]
impl Tokenizer {
    /// The longest head, tail, or both ends of `text` that fit `options.budget` tokens.
    pub fn truncate(&self, text: String, options: TruncateOptions) -> Result<Truncated> {
        guard(|| Ok(tokenmeter::truncate(&self.inner, &text, &options.try_into()?)?.into()))
    }
}
