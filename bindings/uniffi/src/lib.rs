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
mod fit;
mod model;
mod pack;
mod price;
mod prune;
mod redact;
mod tokenizer;
mod truncate;

pub use catalog::Catalog;
pub use chat::{
    ChatCount, ChatRequest, Content, ContentPart, FunctionCall, FunctionDef, Message, Tool,
    ToolCall, parse_chat,
};
pub use error::TokenmeterError;
pub use fit::{Dropped, FitPolicy, Fitted, PartialCut};
pub use pack::{Excluded, PackOptions, Packed, Section};
pub use price::{
    CompareRow, Cost, CostLine, CostOptions, Preflight, PreflightInput, TierStatus, Usage,
    Warning, usage_from_json, usage_from_json_as,
};
pub use prune::{PassReport, Pruned, Pruner};
pub use redact::{Redacted, Redaction, RedactionMap, Redactor};
pub use truncate::{TruncateOptions, Truncated};
pub use model::{ChatFormat, MatchKind, Model, Resolved, TokenizerSpec};
pub use tokenizer::{Accuracy, CountUpTo, Tokenizer};
