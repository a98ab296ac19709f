//! [`Pruner`]: deterministic passes that remove tokens without a model.
//!
//! A pruner is a pipeline of [`Pass`]es run in the order given. Each pass is a pure function of
//! its input text (same input, same output, on every machine), and the pruner counts the text
//! before and after each pass, so every saving is reported where it was made.

mod boilerplate;
mod dedupe;
mod json;
mod markdown;
mod whitespace;

use std::str::FromStr;

use regex::Regex;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::tokenizer::Tokenizer;

/// One pruning pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Pass {
    /// Normalize line endings and Unicode spaces, trim trailing blanks, collapse runs of
    /// blanks inside lines and of blank lines; keep indentation. Leaves a JSON document alone.
    Whitespace,
    /// Drop exact and near-duplicate quoted replies, paragraphs and lines (lossy: near
    /// duplicates differ in their numbers). Leaves a JSON document alone.
    Dedupe,
    /// Minify a text that is one JSON document (lossless).
    Json,
    /// Minify JSON and write arrays of uniform objects as a header plus rows.
    JsonTable,
    /// Markdown to plain text.
    Markdown,
    /// Remove matches of the caller's patterns ([`Pruner::with_boilerplate`]).
    Boilerplate,
}

impl Pass {
    /// Every pass, in the order of a sensible pipeline.
    pub const ALL: [Pass; 6] =
        [Pass::Boilerplate, Pass::Markdown, Pass::JsonTable, Pass::Json, Pass::Dedupe, Pass::Whitespace];

    /// The canonical name: `whitespace`, `dedupe`, `json`, `json_table`, `markdown`,
    /// `boilerplate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Pass::Whitespace => "whitespace",
            Pass::Dedupe => "dedupe",
            Pass::Json => "json",
            Pass::JsonTable => "json_table",
            Pass::Markdown => "markdown",
            Pass::Boilerplate => "boilerplate",
        }
    }

    /// Parses a comma-separated list of pass names (`"json,dedupe,whitespace"`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming an unknown pass, or for an empty list.
    pub fn parse_list(list: &str) -> Result<Vec<Pass>> {
        let passes: Vec<Pass> = list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<_>>()?;
        if passes.is_empty() {
            return Err(Error::invalid("no prune passes given"));
        }
        Ok(passes)
    }
}

impl std::fmt::Display for Pass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Pass {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Pass::ALL.into_iter().find(|p| p.as_str() == s).ok_or_else(|| {
            let known: Vec<&str> = Pass::ALL.iter().map(|p| p.as_str()).collect();
            Error::invalid(format!("unknown prune pass `{s}`; known passes: {}", known.join(", ")))
        })
    }
}

/// What one pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PassReport {
    /// The pass.
    pub pass: Pass,
    /// Tokens of its input.
    pub tokens_before: usize,
    /// Tokens of its output.
    pub tokens_after: usize,
}

impl PassReport {
    /// Tokens removed by the pass (0 when it added some, as a dedupe note can).
    pub fn saved(&self) -> usize {
        self.tokens_before.saturating_sub(self.tokens_after)
    }
}

/// The result of [`Pruner::run`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Pruned {
    /// The pruned text.
    pub text: String,
    /// Tokens of the input.
    pub tokens_before: usize,
    /// Tokens of the output.
    pub tokens_after: usize,
    /// One report per pass, in pipeline order.
    pub passes: Vec<PassReport>,
}

/// A pipeline of pruning passes.
///
/// ```
/// use tokenmeter::{Encoding, Pass, Pruner, Tokenizer};
/// let tok = Tokenizer::from_encoding(Encoding::O200kBase);
/// let pruner = Pruner::new(vec![Pass::Json, Pass::Whitespace]);
/// let pruned = pruner.run(&tok, "{\n  \"id\": 1,\n  \"ok\": true\n}\n")?;
/// assert_eq!(pruned.text, r#"{"id":1,"ok":true}"#);
/// assert!(pruned.tokens_after < pruned.tokens_before);
/// # Ok::<(), tokenmeter::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pruner {
    passes: Vec<Pass>,
    boilerplate: Vec<Regex>,
}

impl Default for Pruner {
    /// The lossless-leaning default: `json`, `dedupe`, `whitespace`.
    fn default() -> Self {
        Self::new(vec![Pass::Json, Pass::Dedupe, Pass::Whitespace])
    }
}

impl Pruner {
    /// A pipeline of `passes`, run in order.
    pub fn new(passes: Vec<Pass>) -> Self {
        Self { passes, boilerplate: Vec::new() }
    }

    /// Sets the patterns (regular expressions, `regex` crate syntax) that the `boilerplate`
    /// pass removes.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a pattern that does not compile.
    pub fn with_boilerplate(mut self, patterns: &[String]) -> Result<Self> {
        self.boilerplate = boilerplate::compile(patterns)?;
        Ok(self)
    }

    /// The passes, in order.
    pub fn passes(&self) -> &[Pass] {
        &self.passes
    }

    /// Applies one pass to `text`.
    pub fn apply(&self, pass: Pass, text: &str) -> String {
        match pass {
            // A JSON document is the json passes' job: collapsing blanks or dropping lines
            // would change its strings or break it.
            Pass::Whitespace | Pass::Dedupe if json::is_json(text) => text.to_string(),
            Pass::Whitespace => whitespace::normalize(text),
            Pass::Dedupe => dedupe::dedupe(text),
            Pass::Json => json::minify(text).unwrap_or_else(|| text.to_string()),
            Pass::JsonTable => json::tabulate(text).unwrap_or_else(|| text.to_string()),
            Pass::Markdown => markdown::to_plain_text(text),
            Pass::Boilerplate => boilerplate::remove(text, &self.boilerplate),
        }
    }

    /// Runs every pass in order, counting the text before and after each.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an empty pipeline; the tokenizer's errors.
    pub fn run(&self, tokenizer: &Tokenizer, text: &str) -> Result<Pruned> {
        if self.passes.is_empty() {
            return Err(Error::invalid("the pruner has no passes"));
        }
        let tokens_before = tokenizer.count(text)?;
        let mut current = text.to_string();
        let mut tokens = tokens_before;
        let mut reports = Vec::with_capacity(self.passes.len());
        for &pass in &self.passes {
            let next = self.apply(pass, &current);
            let after = if next == current { tokens } else { tokenizer.count(&next)? };
            reports.push(PassReport { pass, tokens_before: tokens, tokens_after: after });
            current = next;
            tokens = after;
        }
        Ok(Pruned { text: current, tokens_before, tokens_after: tokens, passes: reports })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn pass_names_round_trip_and_unknown_is_an_error() {
        for p in Pass::ALL {
            assert_eq!(p.as_str().parse::<Pass>(), Ok(p));
        }
        assert_eq!(Pass::parse_list("json, whitespace").unwrap(), vec![Pass::Json, Pass::Whitespace]);
        let err = Pass::parse_list("json,zip").unwrap_err();
        assert!(err.to_string().contains("`zip`"));
        assert_eq!(Pass::parse_list(" , ").unwrap_err().code(), "INVALID_INPUT");
    }

    #[test]
    fn each_pass_is_deterministic_and_idempotent_on_its_output() {
        let inputs = [
            "# T\n\nSome *text*  here.\n\n\n> quoted\n",
            "{\n \"a\": [ {\"x\": 1}, {\"x\": 2} ]\n}",
            "same line repeated here ok\nsame line repeated here ok\n",
        ];
        let pruner = Pruner::new(Pass::ALL.to_vec());
        for input in inputs {
            for pass in [Pass::Whitespace, Pass::Json, Pass::JsonTable, Pass::Dedupe] {
                let once = pruner.apply(pass, input);
                assert_eq!(once, pruner.apply(pass, input));
                assert_eq!(pruner.apply(pass, &once), once, "{pass} on {input:?}");
            }
        }
    }
}
