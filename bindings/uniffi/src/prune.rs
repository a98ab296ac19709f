//! `Pruner`: deterministic passes that remove tokens without a model.

use std::sync::Arc;

use crate::error::{Result, guard, to_u64};
use crate::tokenizer::Tokenizer;

/// What one pass saved.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PassReport {
    /// `whitespace`, `dedupe`, `json`, `json_table`, `markdown` or `boilerplate`.
    pub pass: String,
    pub tokens_before: u64,
    pub tokens_after: u64,
}

/// The result of `Pruner.run`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Pruned {
    pub text: String,
    pub tokens_before: u64,
    pub tokens_after: u64,
    pub passes: Vec<PassReport>,
}

/// A pipeline of pruning passes. Immutable and thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct Pruner {
    inner: tokenmeter::Pruner,
}

#[uniffi::export]
impl Pruner {
    /// A pruner running `passes` (names as in `PassReport.pass`) in order; `boilerplate` holds
    /// the regular expressions the `boilerplate` pass removes.
    #[uniffi::constructor(default(boilerplate = []))]
    pub fn new(passes: Vec<String>, boilerplate: Vec<String>) -> Result<Arc<Self>> {
        guard(|| {
            let passes = passes.iter().map(|p| p.parse()).collect::<tokenmeter::Result<_>>()?;
            let inner = tokenmeter::Pruner::new(passes).with_boilerplate(&boilerplate)?;
            Ok(Arc::new(Self { inner }))
        })
    }

    /// The passes, in the order they run.
    pub fn passes(&self) -> Vec<String> {
        self.inner.passes().iter().map(|p| p.as_str().to_string()).collect()
    }

    /// Runs every pass on `text`, counting tokens before and after each.
    pub fn run(&self, tokenizer: &Arc<Tokenizer>, text: String) -> Result<Pruned> {
        guard(|| {
            let p = self.inner.run(&tokenizer.inner, &text)?;
            Ok(Pruned {
                text: p.text,
                tokens_before: to_u64(p.tokens_before),
                tokens_after: to_u64(p.tokens_after),
                passes: p
                    .passes
                    .into_iter()
                    .map(|r| PassReport {
                        pass: r.pass.as_str().to_string(),
                        tokens_before: to_u64(r.tokens_before),
                        tokens_after: to_u64(r.tokens_after),
                    })
                    .collect(),
            })
        })
    }

    /// Applies one pass (by name) to `text`, without counting.
    pub fn apply(&self, pass: String, text: String) -> Result<String> {
        guard(|| Ok(self.inner.apply(pass.parse()?, &text)))
    }
}
