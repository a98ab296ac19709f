//! [`Model`]: one catalog entry.

use serde::{Deserialize, Serialize};

use crate::encoding::Encoding;
use crate::error::{Error, Result};
use crate::estimate::EstimateProfile;
use crate::price::{self, Price};
use crate::timestamp::Timestamp;
use crate::tokenizer::Tokenizer;

/// How a model's tokens are counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TokenizerSpec {
    /// A bundled tiktoken encoding: exact.
    Encoding(String),
    /// A public `tokenizer.json` (by Hugging Face repo id), used when it is in the local cache;
    /// otherwise the named estimate profile.
    HuggingFace { repo: String, fallback: String },
    /// A calibrated estimate profile: inexact, with an error bound.
    Estimate(String),
}

/// The chat framing a model's provider applies around messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChatFormat {
    /// OpenAI's published rule (3 tokens per message, 1 per name, 3 to prime the reply).
    #[default]
    Openai,
    /// gpt-3.5-turbo-0301: 4 tokens per message, the name replaces the role.
    Openai0301,
    /// Anthropic Messages: estimated framing.
    Anthropic,
    /// Gemini: estimated framing.
    Gemini,
    /// Other chat templates: estimated framing.
    Generic,
}

/// One model: id, provider, aliases, tokenizer and limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Model {
    /// The canonical id, as the provider's API spells it.
    pub id: String,
    /// `openai`, `anthropic`, `google`, `mistral`, `deepseek`, `meta`, `qwen`, `xai`, ...
    pub provider: String,
    /// Other names that resolve to this model: dated snapshots, Bedrock and Vertex ids.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How tokens are counted.
    pub tokenizer: TokenizerSpec,
    /// Input plus output tokens the model accepts.
    pub context_window: u64,
    /// The largest `max_tokens` the provider accepts.
    pub max_output: u64,
    /// The message framing used for chat counting.
    #[serde(default)]
    pub chat_format: ChatFormat,
    /// Price history, oldest first: each entry applies from its `effective` date until the
    /// next. The bundled catalog fills it from `data/prices.json`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<Price>,
}

impl Model {
    /// A model with no aliases and OpenAI chat framing; fill the rest with the `with_*` setters.
    pub fn new(
        id: impl Into<String>,
        provider: impl Into<String>,
        tokenizer: TokenizerSpec,
        context_window: u64,
        max_output: u64,
    ) -> Self {
        Self {
            id: id.into(),
            provider: provider.into(),
            aliases: Vec::new(),
            tokenizer,
            context_window,
            max_output,
            chat_format: ChatFormat::default(),
            prices: Vec::new(),
        }
    }

    /// Sets the price history (any order; it is sorted by date when the model is added to a
    /// catalog).
    #[must_use]
    pub fn with_prices(mut self, prices: Vec<Price>) -> Self {
        self.prices = prices;
        self
    }

    /// The price entry in effect at `at` (a date, or a date-time in UTC).
    ///
    /// # Errors
    /// [`Error::PriceUnavailable`] when the model has no price on that date.
    pub fn price_at(&self, at: Timestamp) -> Result<&Price> {
        price::price_at(&self.id, &self.prices, at)
    }

    /// Adds names that resolve to this model.
    #[must_use]
    pub fn with_aliases<I, S>(mut self, aliases: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.aliases.extend(aliases.into_iter().map(Into::into));
        self
    }

    /// Sets the chat framing.
    #[must_use]
    pub fn with_chat_format(mut self, format: ChatFormat) -> Self {
        self.chat_format = format;
        self
    }

    /// The tokenizer for this model: exact for the tiktoken encodings and for a public
    /// `tokenizer.json` found in the local Hugging Face cache; otherwise the calibrated estimate.
    ///
    /// # Errors
    /// [`Error::UnknownEncoding`] or [`Error::InvalidInput`] for a spec naming nothing bundled.
    pub fn tokenizer(&self) -> Result<Tokenizer> {
        match &self.tokenizer {
            TokenizerSpec::Encoding(name) => Tokenizer::from_encoding_name(name),
            TokenizerSpec::Estimate(profile) => Tokenizer::estimate(profile),
            #[cfg(feature = "huggingface")]
            TokenizerSpec::HuggingFace { repo, fallback } => {
                Tokenizer::from_hf_cache(repo).or_else(|_| Tokenizer::estimate(fallback))
            }
            #[cfg(not(feature = "huggingface"))]
            TokenizerSpec::HuggingFace { fallback, .. } => Tokenizer::estimate(fallback),
        }
    }

    /// Checks that the tokenizer spec names something bundled.
    pub(crate) fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid("a model needs a non-empty id"));
        }
        for p in &self.prices {
            p.validate(&self.id)?;
        }
        match &self.tokenizer {
            TokenizerSpec::Encoding(name) => name.parse::<Encoding>().map(|_| ()),
            TokenizerSpec::Estimate(p) | TokenizerSpec::HuggingFace { fallback: p, .. } => {
                EstimateProfile::get(p).map(|_| ())
            }
        }
    }
}
