//! Work for the `…Async` methods: one task per file. Each task owns its inputs and a clone of
//! the core object (the core `Tokenizer` and `Catalog` are `Arc`s inside, so a clone is a
//! reference-count bump), computes on a libuv pool thread without touching JS values, and
//! converts the result on the main thread.

pub mod count;
pub mod count_batch;
pub mod count_chat;
pub mod encode;
pub mod fit_messages;
pub mod pack;
pub mod prune;
pub mod truncate;
