//! Node.js bindings for tokenmeter, built with napi-rs into the `tokenmeter` npm package
//! (see `node/`). One file per core concept; each method extracts its arguments, calls the
//! core, and maps the core's `Error` to a thrown JS `Error` whose `code` is
//! `"TOKENMETER_" + Error::code()`. Work that can be large also has an `…Async` twin that runs
//! on the libuv thread pool (`tasks/`).
//!
//! Every exported function is `catch_unwind`, and every async task catches panics in its
//! `compute`, so a bug in Rust becomes a thrown `TOKENMETER_PANIC` error instead of aborting
//! the Node process.

mod catalog;
mod chat;
mod compare;
mod cost;
mod error;
mod fit;
mod money;
mod number;
mod pack;
mod panic;
mod preflight;
mod prune;
mod redact;
mod tasks;
mod tokenizer;
mod truncate;
mod usage;
