#![doc = include_str!("../README.md")]
//!
//! # Modules
//!
//! - [`Tokenizer`]: count, count up to a limit, encode, decode, batch count.
//! - [`Catalog`] and [`Model`]: the bundled models and name resolution.
//! - [`count_chat`]: the prompt tokens of a chat request with tools.
//! - [`Usage`], [`Cost`], [`Price`]: normalized provider usage and its exact, itemized price.
//! - [`preflight`] and [`compare`]: the tokens, fit and cost of a request before the call.

mod bpe;
mod catalog;
mod chat;
mod compare;
mod cost;
mod encoding;
mod error;
mod estimate;
mod fit;
#[cfg(feature = "huggingface")]
mod huggingface;
mod litellm;
mod model;
mod offsets;
mod overrides;
mod pack;
mod preflight;
mod price;
mod prune;
mod redact;
mod tiktoken;
mod timestamp;
mod tokenizer;
mod truncate;
mod usage;

pub use catalog::{Catalog, MatchKind, Resolved};
pub use chat::{
    ChatCount, Content, ContentPart, FunctionCall, FunctionDef, Message, Tool, ToolCall,
    count_chat, count_tools, parse_chat,
};
pub use compare::{CompareRow, compare};
pub use cost::{Cost, CostLine, CostOptions, LineKind, TierStatus, cost};
pub use encoding::Encoding;
pub use error::{Error, Result};
pub use estimate::EstimateProfile;
pub use fit::{
    DropReason, Dropped, FitPolicy, Fitted, PartialCut, fit_messages, fit_messages_for_model,
};
pub use litellm::{ImportReport, import_litellm};
pub use model::{ChatFormat, Model, TokenizerSpec};
pub use offsets::TokenSpan;
pub use overrides::load_overrides;
pub use pack::{Excluded, PackOptions, Packed, Section, pack};
pub use preflight::{Preflight, PreflightInput, Warning, WarningKind, preflight};
pub use price::{OffPeak, Price, Rates, Tier, Variant, VariantPrice};
pub use prune::{Pass, PassReport, Pruned, Pruner};
pub use redact::{Redacted, Redaction, RedactionMap, Redactor};
pub use timestamp::Timestamp;
pub use tokenizer::{Accuracy, CountUpTo, Tokenizer};
pub use truncate::{DEFAULT_MARKER, Keep, TruncateOptions, Truncated, truncate};
pub use usage::{Usage, UsageFormat};

/// Exact decimal money, re-exported so callers need not depend on `rust_decimal` themselves.
pub use rust_decimal::Decimal;
