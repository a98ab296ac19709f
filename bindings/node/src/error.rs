//! The core's [`tokenmeter::Error`] as a thrown JS `Error`: `code` is `"TOKENMETER_" +
//! Error::code()` and `message` is the core's message.

use napi::{Env, JsError};

/// The `code` property of a thrown error (`TOKENMETER_UNKNOWN_MODEL`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCode(String);

impl ErrorCode {
    /// The code of a panic caught at the boundary (not a core error code: a bug, never input).
    pub fn panic() -> Self {
        ErrorCode("TOKENMETER_PANIC".to_string())
    }
}

impl AsRef<str> for ErrorCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// An error thrown to JavaScript with a tokenmeter code.
pub type JsErr = napi::Error<ErrorCode>;

/// The result of every exported function.
pub type Result<T> = std::result::Result<T, JsErr>;

/// The JS form of a core error.
pub fn to_js(err: tokenmeter::Error) -> JsErr {
    napi::Error::new(
        ErrorCode(format!("TOKENMETER_{}", err.code())),
        err.to_string(),
    )
}

/// `?`-friendly conversion of core results.
pub trait OrThrow<T> {
    fn or_throw(self) -> Result<T>;
}

impl<T> OrThrow<T> for tokenmeter::Result<T> {
    fn or_throw(self) -> Result<T> {
        self.map_err(to_js)
    }
}

/// An invalid-input error raised while converting JS values (same code as the core's).
pub fn invalid(reason: impl Into<String>) -> JsErr {
    to_js(tokenmeter::Error::InvalidInput {
        reason: reason.into(),
    })
}

/// A promise rejection that keeps the tokenmeter code: napi's task callbacks reject with a
/// plain-status error, so the JS error object is built here and handed over by reference.
pub fn to_rejection(env: Env, err: JsErr) -> napi::Error {
    napi::Error::from(JsError::from(err).into_unknown(env))
}
