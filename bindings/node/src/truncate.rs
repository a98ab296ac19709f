//! `Tokenizer#truncate`: the longest head, tail or both ends of a text within a token budget.

use std::str::FromStr;

use napi_derive::napi;

use crate::error::{JsErr, OrThrow, Result};
use crate::number::{to_number, to_usize};

/// Options of `truncate`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct TruncateOptions {
    /// The most tokens the result may have (at least 1).
    pub budget: f64,
    /// Which part to keep: `head` (default), `tail`, or `both` ends joined by `marker`.
    #[napi(ts_type = "'head' | 'tail' | 'both'")]
    pub keep: Option<String>,
    /// Placed between the ends for `keep: 'both'` (default `"\n[…]\n"`); its tokens count.
    pub marker: Option<String>,
    /// Also count the tokens of the text that was cut (fills `cutTokens`; costs a full count).
    pub count_cut: Option<bool>,
}

impl TryFrom<TruncateOptions> for tokenmeter::TruncateOptions {
    type Error = JsErr;
    fn try_from(o: TruncateOptions) -> Result<Self> {
        let mut opts = tokenmeter::TruncateOptions::new(to_usize(o.budget, "budget")?);
        if let Some(keep) = o.keep {
            opts = opts.with_keep(tokenmeter::Keep::from_str(&keep).or_throw()?);
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

/// The result of `truncate`. Offsets are UTF-8 byte counts of the input.
#[napi(object)]
#[derive(Debug)]
pub struct Truncated {
    /// The kept text (with the marker between the ends for `keep: 'both'`).
    pub text: String,
    /// The exact token count of `text` (never above the budget).
    pub tokens: f64,
    /// Tokens of the cut text on its own, when `countCut` asked for it.
    pub cut_tokens: Option<f64>,
    /// UTF-8 bytes of the input that were cut.
    pub cut_bytes: f64,
    /// UTF-8 bytes kept from the start of the input.
    pub head_bytes: f64,
    /// UTF-8 bytes kept from the end of the input.
    pub tail_bytes: f64,
    /// Whether anything was cut.
    pub truncated: bool,
    /// False for an estimate tokenizer (cut on its reference encoding's boundaries).
    pub exact: bool,
}

impl From<tokenmeter::Truncated> for Truncated {
    fn from(t: tokenmeter::Truncated) -> Self {
        Self {
            text: t.text,
            tokens: to_number(t.tokens),
            cut_tokens: t.cut_tokens.map(to_number),
            cut_bytes: to_number(t.cut_bytes),
            head_bytes: to_number(t.head_bytes),
            tail_bytes: to_number(t.tail_bytes),
            truncated: t.truncated,
            exact: t.exact,
        }
    }
}
