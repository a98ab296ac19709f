#![doc = include_str!("../README.md")]
//!
//! # Modules
//!
//! - [`Tokenizer`]: count, count up to a limit, encode, decode, batch count.
//! - [`Catalog`] and [`Model`]: the bundled models and name resolution.
//! - [`count_chat`]: the prompt tokens of a chat request with tools.

mod catalog;
mod chat;
mod encoding;
mod error;
mod estimate;
mod fit;
#[cfg(feature = "huggingface")]
mod huggingface;
mod model;
mod offsets;
mod pack;
mod prune;
mod redact;
mod tiktoken;
mod tokenizer;
mod truncate;

pub use catalog::{Catalog, MatchKind, Resolved};
pub use chat::{
    ChatCount, Content, ContentPart, FunctionCall, FunctionDef, Message, Tool, ToolCall,
    count_chat, count_tools, parse_chat,
};
pub use encoding::Encoding;
pub use error::{Error, Result};
pub use estimate::EstimateProfile;
pub use model::{ChatFormat, Model, TokenizerSpec};
pub use tokenizer::{Accuracy, CountUpTo, Tokenizer};
pub use offsets::TokenSpan;
pub use redact::{Redacted, Redaction, RedactionMap, Redactor};
pub use prune::{Pass, PassReport, Pruned, Pruner};
pub use pack::{Excluded, PackOptions, Packed, Section, pack};
pub use fit::{DropReason, Dropped, FitPolicy, Fitted, PartialCut, fit_messages, fit_messages_for_model};
pub use truncate::{DEFAULT_MARKER, Keep, TruncateOptions, Truncated, truncate};
