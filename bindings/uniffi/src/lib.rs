//! uniffi bindings of tokenmeter for Kotlin and Swift (and Python, used by the tests).
//!
//! Conversions only: every exported item converts its arguments, calls the core crate
//! `tokenmeter`, and converts the result or maps the error into [`TokenmeterError`]. Each call
//! runs inside a panic guard, so a bug surfaces as `TokenmeterError::Internal` and never
//! aborts the host app. Generated bindings: see `docs/uniffi.md`.

// uniffi's scaffolding macros expand to `extern "C"` functions.
#![allow(unsafe_code)]

uniffi::setup_scaffolding!();

mod catalog;
mod chat;
mod error;
mod model;
mod tokenizer;

pub use catalog::Catalog;
pub use chat::{
    ChatCount, ChatRequest, Content, ContentPart, FunctionCall, FunctionDef, Message, Tool,
    ToolCall, parse_chat,
};
pub use error::TokenmeterError;
pub use model::{ChatFormat, MatchKind, Model, Resolved, TokenizerSpec};
pub use tokenizer::{Accuracy, CountUpTo, Tokenizer};
