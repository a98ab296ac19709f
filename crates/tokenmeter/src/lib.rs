#![doc = include_str!("../README.md")]
//!
//! # Modules
//!
//! - [`Tokenizer`]: count, count up to a limit, encode, decode, batch count.
//! - [`Catalog`] and [`Model`]: the bundled models and name resolution.
//! - [`count_chat`]: the prompt tokens of a chat request with tools.

mod bpe;
mod catalog;
mod chat;
mod encoding;
mod error;
mod estimate;
#[cfg(feature = "huggingface")]
mod huggingface;
mod model;
mod tiktoken;
mod tokenizer;

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
