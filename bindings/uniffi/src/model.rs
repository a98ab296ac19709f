//! `Model`, `TokenizerSpec`, `ChatFormat`: catalog entries as uniffi records and enums.

use crate::error::{Result, TokenmeterError};

/// The chat framing a model's provider applies around messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ChatFormat {
    /// OpenAI's published rule (3 tokens per message, 1 per name, 3 to prime the reply).
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

impl From<ChatFormat> for tokenmeter::ChatFormat {
    fn from(f: ChatFormat) -> Self {
        match f {
            ChatFormat::Openai => Self::Openai,
            ChatFormat::Openai0301 => Self::Openai0301,
            ChatFormat::Anthropic => Self::Anthropic,
            ChatFormat::Gemini => Self::Gemini,
            ChatFormat::Generic => Self::Generic,
        }
    }
}

impl TryFrom<tokenmeter::ChatFormat> for ChatFormat {
    type Error = TokenmeterError;
    fn try_from(f: tokenmeter::ChatFormat) -> Result<Self> {
        use tokenmeter::ChatFormat as F;
        Ok(match f {
            F::Openai => Self::Openai,
            F::Openai0301 => Self::Openai0301,
            F::Anthropic => Self::Anthropic,
            F::Gemini => Self::Gemini,
            F::Generic => Self::Generic,
            other => return Err(unknown_to_bindings("chat format", &other)),
        })
    }
}

/// How a model's tokens are counted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum TokenizerSpec {
    /// A bundled tiktoken encoding (`o200k_base`, ...): exact.
    Encoding { name: String },
    /// A public `tokenizer.json` by Hugging Face repo id, used when it is in the local cache;
    /// otherwise the `fallback` estimate profile.
    HuggingFace { repo: String, fallback: String },
    /// A calibrated estimate profile: inexact, with an error bound.
    Estimate { profile: String },
}

impl From<TokenizerSpec> for tokenmeter::TokenizerSpec {
    fn from(s: TokenizerSpec) -> Self {
        match s {
            TokenizerSpec::Encoding { name } => Self::Encoding(name),
            TokenizerSpec::HuggingFace { repo, fallback } => Self::HuggingFace { repo, fallback },
            TokenizerSpec::Estimate { profile } => Self::Estimate(profile),
        }
    }
}

impl TryFrom<tokenmeter::TokenizerSpec> for TokenizerSpec {
    type Error = TokenmeterError;
    fn try_from(s: tokenmeter::TokenizerSpec) -> Result<Self> {
        use tokenmeter::TokenizerSpec as S;
        Ok(match s {
            S::Encoding(name) => Self::Encoding { name },
            S::HuggingFace { repo, fallback } => Self::HuggingFace { repo, fallback },
            S::Estimate(profile) => Self::Estimate { profile },
            other => return Err(unknown_to_bindings("tokenizer spec", &other)),
        })
    }
}

/// One catalog model: id, provider, aliases, tokenizer and limits.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Model {
    /// The canonical id, as the provider's API spells it.
    pub id: String,
    /// `openai`, `anthropic`, `google`, `mistral`, `deepseek`, `meta`, `qwen`, `xai`, ...
    pub provider: String,
    /// Other names that resolve to this model.
    #[uniffi(default)]
    pub aliases: Vec<String>,
    /// How tokens are counted.
    pub tokenizer: TokenizerSpec,
    /// Input plus output tokens the model accepts.
    pub context_window: u64,
    /// The largest `max_tokens` the provider accepts.
    pub max_output: u64,
    /// The message framing used for chat counting.
    pub chat_format: ChatFormat,
    /// The price history as JSON: the `prices` array of the catalog format (dated entries with
    /// exact decimal rates as strings). `[]` for no prices.
    #[uniffi(default = "[]")]
    pub prices_json: String,
}

impl TryFrom<&tokenmeter::Model> for Model {
    type Error = TokenmeterError;
    fn try_from(m: &tokenmeter::Model) -> Result<Self> {
        Ok(Self {
            id: m.id.clone(),
            provider: m.provider.clone(),
            aliases: m.aliases.clone(),
            tokenizer: m.tokenizer.clone().try_into()?,
            context_window: m.context_window,
            max_output: m.max_output,
            chat_format: m.chat_format.try_into()?,
            prices_json: serde_json::to_string(&m.prices)
                .map_err(|e| TokenmeterError::internal(format!("prices of `{}`: {e}", m.id)))?,
        })
    }
}

impl TryFrom<Model> for tokenmeter::Model {
    type Error = TokenmeterError;
    fn try_from(m: Model) -> Result<Self> {
        let prices = serde_json::from_str(&m.prices_json).map_err(|e| {
            TokenmeterError::invalid_input(format!("model `{}`: pricesJson: {e}", m.id))
        })?;
        let mut model =
            tokenmeter::Model::new(m.id, m.provider, m.tokenizer.into(), m.context_window, m.max_output)
                .with_aliases(m.aliases)
                .with_chat_format(m.chat_format.into());
        model.prices = prices;
        Ok(model)
    }
}

/// How a name was matched to a catalog model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MatchKind {
    /// The canonical id.
    Id,
    /// A listed alias (dated snapshot, Bedrock or Vertex id, ...).
    Alias,
    /// After removing a routing prefix (`openai/`, `azure/`, `bedrock/`, `us.anthropic.`, ...).
    Prefix,
    /// A dated snapshot or `-latest` name resolved to its base model.
    Snapshot,
    /// A fine-tuned model (`ft:BASE:org::id`) resolved to its base model.
    FineTune,
}

impl TryFrom<tokenmeter::MatchKind> for MatchKind {
    type Error = TokenmeterError;
    fn try_from(k: tokenmeter::MatchKind) -> Result<Self> {
        use tokenmeter::MatchKind as K;
        Ok(match k {
            K::Id => Self::Id,
            K::Alias => Self::Alias,
            K::Prefix => Self::Prefix,
            K::Snapshot => Self::Snapshot,
            K::FineTune => Self::FineTune,
            other => return Err(unknown_to_bindings("match kind", &other)),
        })
    }
}

/// The result of resolving a name: the model and how the name matched.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Resolved {
    pub model: Model,
    pub matched_by: MatchKind,
}

impl TryFrom<tokenmeter::Resolved<'_>> for Resolved {
    type Error = TokenmeterError;
    fn try_from(r: tokenmeter::Resolved<'_>) -> Result<Self> {
        Ok(Self { model: r.model.try_into()?, matched_by: r.matched_by.try_into()? })
    }
}

/// A core value added after this version of the bindings was written.
pub(crate) fn unknown_to_bindings(what: &str, value: &dyn std::fmt::Debug) -> TokenmeterError {
    TokenmeterError::internal(format!(
        "this version of the tokenmeter bindings does not know the {what} {value:?}"
    ))
}
