//! The one error type of the core. Every binding maps it by [`Error::code`].

/// Everything that can go wrong in tokenmeter, each with a message a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model name that the catalog cannot resolve, with the nearest known ids.
    #[error("unknown model `{model}`{}", suggest(suggestions))]
    UnknownModel {
        model: String,
        suggestions: Vec<String>,
    },
    /// An encoding name that is not one of the bundled tiktoken encodings.
    #[error("unknown encoding `{name}`; known encodings: {known}")]
    UnknownEncoding { name: String, known: String },
    /// Even the part that must be kept does not fit the budget.
    #[error("needs {needed} tokens but the budget is {budget} ({} over)", needed.saturating_sub(*budget))]
    BudgetExceeded { needed: usize, budget: usize },
    /// Caller data that is malformed: bad JSON shape, a zero budget, an unknown option value.
    #[error("invalid input: {reason}")]
    InvalidInput { reason: String },
    /// A tokenizer file that cannot be read or parsed, or is not in the local cache.
    #[error("cannot load tokenizer: {reason}")]
    TokenizerLoad { reason: String },
    /// A model that is known but has no price for the requested date or variant.
    #[error("no price for model `{model}`: {reason}")]
    PriceUnavailable { model: String, reason: String },
    /// A provider usage object with missing, negative or contradictory numbers.
    #[error("invalid usage: {reason}")]
    InvalidUsage { reason: String },
    /// A file the caller named that cannot be read.
    #[error("cannot read `{path}`: {reason}")]
    Io { path: String, reason: String },
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

impl Error {
    /// A stable, upper-case code for this error kind, shared by every binding
    /// (Python `.code`, Node `err.code`, the uniffi enum case) and by the conformance vectors.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownModel { .. } => "UNKNOWN_MODEL",
            Error::UnknownEncoding { .. } => "UNKNOWN_ENCODING",
            Error::BudgetExceeded { .. } => "BUDGET_EXCEEDED",
            Error::InvalidInput { .. } => "INVALID_INPUT",
            Error::TokenizerLoad { .. } => "TOKENIZER_LOAD",
            Error::PriceUnavailable { .. } => "PRICE_UNAVAILABLE",
            Error::InvalidUsage { .. } => "INVALID_USAGE",
            Error::Io { .. } => "IO",
        }
    }

    /// An `InvalidInput` whose reason is `context: cause`, with the cause folded onto one line
    /// (regex parse errors span several lines; command-line errors must be one).
    pub(crate) fn invalid_because(context: impl std::fmt::Display, cause: impl std::fmt::Display) -> Self {
        let cause = cause.to_string();
        let folded: Vec<&str> = cause.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        Error::InvalidInput { reason: format!("{context}: {}", folded.join(" ")) }
    }

    pub(crate) fn invalid(reason: impl Into<String>) -> Self {
        Error::InvalidInput { reason: reason.into() }
    }
}

/// `Result` with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
