//! `Pruner`: deterministic passes that remove tokens, each reporting what it saved.

use std::str::FromStr;

use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::error::{OrThrow, Result};
use crate::number::to_number;
use crate::tasks::prune::PruneTask;
use crate::tokenizer::{AsyncOptions, JsTokenizer};

/// Options of `new Pruner()`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct PrunerOptions {
    /// Pass names, run in order: `whitespace`, `dedupe`, `json`, `json_table`, `markdown`,
    /// `boilerplate`. Default: `json`, `dedupe`, `whitespace`.
    pub passes: Option<Vec<String>>,
    /// Regular expressions (Rust `regex` syntax) the `boilerplate` pass removes.
    pub boilerplate: Option<Vec<String>>,
}

/// What one pass did.
#[napi(object)]
#[derive(Debug)]
pub struct PassReport {
    pub pass: String,
    pub tokens_before: f64,
    pub tokens_after: f64,
    /// Tokens removed (0 when the pass added some).
    pub saved: f64,
}

/// The result of `Pruner#run`.
#[napi(object)]
#[derive(Debug)]
pub struct Pruned {
    pub text: String,
    pub tokens_before: f64,
    pub tokens_after: f64,
    /// One report per pass, in pipeline order.
    pub passes: Vec<PassReport>,
}

impl From<tokenmeter::Pruned> for Pruned {
    fn from(p: tokenmeter::Pruned) -> Self {
        Self {
            text: p.text,
            tokens_before: to_number(p.tokens_before),
            tokens_after: to_number(p.tokens_after),
            passes: p
                .passes
                .iter()
                .map(|r| PassReport {
                    pass: r.pass.as_str().to_string(),
                    tokens_before: to_number(r.tokens_before),
                    tokens_after: to_number(r.tokens_after),
                    saved: to_number(r.saved()),
                })
                .collect(),
        }
    }
}

/// A pipeline of pruning passes. Immutable; `run` counts the text before and after each pass.
#[napi(js_name = "Pruner")]
#[derive(Debug, Clone)]
pub struct JsPruner {
    inner: tokenmeter::Pruner,
}

#[napi]
impl JsPruner {
    /// A pipeline (default `json`, `dedupe`, `whitespace`).
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for an unknown pass or a bad pattern.
    #[napi(constructor, catch_unwind)]
    pub fn new(options: Option<PrunerOptions>) -> Result<Self> {
        let options = options.unwrap_or_default();
        let mut inner = match options.passes {
            None => tokenmeter::Pruner::default(),
            Some(names) => tokenmeter::Pruner::new(
                names
                    .iter()
                    .map(|n| tokenmeter::Pass::from_str(n))
                    .collect::<tokenmeter::Result<_>>()
                    .or_throw()?,
            ),
        };
        if let Some(patterns) = options.boilerplate {
            inner = inner.with_boilerplate(&patterns).or_throw()?;
        }
        Ok(Self { inner })
    }

    /// Every pass name, in the order of a sensible pipeline.
    #[napi(catch_unwind)]
    pub fn all_passes() -> Vec<String> {
        tokenmeter::Pass::ALL
            .iter()
            .map(|p| p.as_str().to_string())
            .collect()
    }

    /// The passes of this pipeline, in order.
    #[napi(getter)]
    pub fn passes(&self) -> Vec<String> {
        self.inner
            .passes()
            .iter()
            .map(|p| p.as_str().to_string())
            .collect()
    }

    /// Applies one pass to `text` (no counting).
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for an unknown pass.
    #[napi(catch_unwind)]
    pub fn apply(&self, pass: String, text: String) -> Result<String> {
        Ok(self
            .inner
            .apply(tokenmeter::Pass::from_str(&pass).or_throw()?, &text))
    }

    /// Runs every pass in order, counting with `tokenizer` before and after each.
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for an empty pipeline.
    #[napi(catch_unwind)]
    pub fn run(
        &self,
        #[napi(ts_arg_type = "Tokenizer")] tokenizer: &JsTokenizer,
        text: String,
    ) -> Result<Pruned> {
        Ok(self.inner.run(&tokenizer.inner, &text).or_throw()?.into())
    }

    /// `run` off the main thread.
    #[napi(catch_unwind, ts_return_type = "Promise<Pruned>")]
    pub fn run_async(
        &self,
        #[napi(ts_arg_type = "Tokenizer")] tokenizer: &JsTokenizer,
        text: String,
        options: Option<AsyncOptions>,
    ) -> AsyncTask<PruneTask> {
        AsyncTask::with_optional_signal(
            PruneTask::new(self.inner.clone(), tokenizer.inner.clone(), text),
            options.and_then(|o| o.signal),
        )
    }
}
