//! `TokenmeterError`: the core's [`tokenmeter::Error`] as a uniffi error, and the panic guard
//! every exported call runs inside.
//!
//! Kotlin sees `TokenmeterException` (uniffi renames the `Error` suffix) with one subclass per
//! core error code; Swift sees `TokenmeterError` with one case per code. Each carries the core's
//! message unchanged (it is a flat error: the message crosses, the fields stay in Rust).

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Everything that can go wrong, one case per core error code, each carrying the core's message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
#[uniffi(flat_error)]
pub enum TokenmeterError {
    /// `UNKNOWN_MODEL`: the catalog cannot resolve the name; the message names the nearest ids.
    UnknownModel { message: String },
    /// `UNKNOWN_ENCODING`: not one of the bundled tiktoken encodings.
    UnknownEncoding { message: String },
    /// `BUDGET_EXCEEDED`: even what must be kept does not fit the budget.
    BudgetExceeded { message: String },
    /// `INVALID_INPUT`: malformed caller data.
    InvalidInput { message: String },
    /// `TOKENIZER_LOAD`: a tokenizer file that cannot be read or parsed.
    TokenizerLoad { message: String },
    /// `PRICE_UNAVAILABLE`: a known model with no price for the date or variant.
    PriceUnavailable { message: String },
    /// `INVALID_USAGE`: a usage object with missing, negative or contradictory numbers.
    InvalidUsage { message: String },
    /// `IO`: a file the caller named that cannot be read.
    Io { message: String },
    /// `INTERNAL`: a bug in tokenmeter (a caught panic, or a core error or value this version
    /// of the bindings does not know). The host app keeps running; please report it.
    Internal { message: String },
}

impl TokenmeterError {
    /// The core's stable error code (`Error::code()`), or `INTERNAL`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownModel { .. } => "UNKNOWN_MODEL",
            Self::UnknownEncoding { .. } => "UNKNOWN_ENCODING",
            Self::BudgetExceeded { .. } => "BUDGET_EXCEEDED",
            Self::InvalidInput { .. } => "INVALID_INPUT",
            Self::TokenizerLoad { .. } => "TOKENIZER_LOAD",
            Self::PriceUnavailable { .. } => "PRICE_UNAVAILABLE",
            Self::InvalidUsage { .. } => "INVALID_USAGE",
            Self::Io { .. } => "IO",
            Self::Internal { .. } => "INTERNAL",
        }
    }

    /// An `INTERNAL` error with `message`.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::Internal { message: message.into() }
    }

    /// An `INVALID_INPUT` error with `message`, for values that cannot cross the boundary
    /// (a tool's `parametersJson` that is not JSON).
    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        Self::InvalidInput { message: format!("invalid input: {}", message.into()) }
    }
}

impl fmt::Display for TokenmeterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownModel { message }
            | Self::UnknownEncoding { message }
            | Self::BudgetExceeded { message }
            | Self::InvalidInput { message }
            | Self::TokenizerLoad { message }
            | Self::PriceUnavailable { message }
            | Self::InvalidUsage { message }
            | Self::Io { message }
            | Self::Internal { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for TokenmeterError {}

impl From<tokenmeter::Error> for TokenmeterError {
    fn from(e: tokenmeter::Error) -> Self {
        use tokenmeter::Error as E;
        let message = e.to_string();
        match e {
            E::UnknownModel { .. } => Self::UnknownModel { message },
            E::UnknownEncoding { .. } => Self::UnknownEncoding { message },
            E::BudgetExceeded { .. } => Self::BudgetExceeded { message },
            E::InvalidInput { .. } => Self::InvalidInput { message },
            E::TokenizerLoad { .. } => Self::TokenizerLoad { message },
            E::PriceUnavailable { .. } => Self::PriceUnavailable { message },
            E::InvalidUsage { .. } => Self::InvalidUsage { message },
            E::Io { .. } => Self::Io { message },
            other => Self::Internal {
                message: format!("{} ({}; unknown to these bindings)", message, other.code()),
            },
        }
    }
}

/// The result type of every exported call.
pub type Result<T, E = TokenmeterError> = std::result::Result<T, E>;

/// Runs `f`, turning a panic into [`TokenmeterError::Internal`] so that it never unwinds into,
/// or aborts, the host app.
///
/// uniffi's scaffolding would also catch it, but Kotlin would then see an `InternalException`
/// outside `TokenmeterException`, and Swift cannot catch it at all. The core denies
/// unwrap/expect/panic on caller data, so this is a second line of defence.
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(TokenmeterError::internal(format!("internal error in tokenmeter: {what}")))
        }
    }
}

/// `usize` for a count or limit that crossed as `u64`; a value beyond this platform's `usize`
/// (32-bit Android) saturates, which for a limit or budget means "no limit".
pub(crate) fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `u64` for a count the core returns as `usize` (lossless on every supported target).
pub(crate) fn to_u64(n: usize) -> u64 {
    n as u64
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_message_and_code() {
        let core = tokenmeter::Error::BudgetExceeded { needed: 12, budget: 10 };
        let message = core.to_string();
        let code = core.code();
        let e = TokenmeterError::from(core);
        assert_eq!(e.to_string(), message);
        assert_eq!(e.code(), code);
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let r: Result<u8> = guard(|| panic!("boom"));
        let e = r.expect_err("a panic must become an error");
        assert_eq!(e.code(), "INTERNAL");
        assert!(e.to_string().contains("boom"), "{e}");
    }
}
