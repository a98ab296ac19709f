//! `tokenmeter.TokenmeterError` and one subclass per core [`Error::code`]: the only place where a
//! core error becomes a Python exception.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::{PyTypeInfo, create_exception};

use tokenmeter::Error;

create_exception!(
    tokenmeter,
    TokenmeterError,
    PyValueError,
    "Base class of every tokenmeter error; `.code` is the core's stable error code."
);
create_exception!(tokenmeter, UnknownModelError, TokenmeterError, "A model name the catalog cannot resolve (code UNKNOWN_MODEL); `.suggestions` lists the nearest known ids.");
create_exception!(tokenmeter, UnknownEncodingError, TokenmeterError, "An encoding name that is not bundled (code UNKNOWN_ENCODING).");
create_exception!(tokenmeter, BudgetExceededError, TokenmeterError, "Even the part that must be kept does not fit the budget (code BUDGET_EXCEEDED); `.needed` and `.budget` say by how much.");
create_exception!(tokenmeter, InvalidInputError, TokenmeterError, "Malformed caller data (code INVALID_INPUT).");
create_exception!(tokenmeter, TokenizerLoadError, TokenmeterError, "A tokenizer file that cannot be read or parsed (code TOKENIZER_LOAD).");
create_exception!(tokenmeter, PriceUnavailableError, TokenmeterError, "A known model without a price for the request (code PRICE_UNAVAILABLE).");
create_exception!(tokenmeter, InvalidUsageError, TokenmeterError, "A usage object with missing, negative or contradictory numbers (code INVALID_USAGE).");
create_exception!(tokenmeter, IoError, TokenmeterError, "A file the caller named that cannot be read (code IO).");

/// Every exception class with the code it stands for, for the module to export and tag.
fn classes(py: Python<'_>) -> [(&'static str, Bound<'_, PyType>); 9] {
    [
        ("", TokenmeterError::type_object(py)),
        ("UNKNOWN_MODEL", UnknownModelError::type_object(py)),
        ("UNKNOWN_ENCODING", UnknownEncodingError::type_object(py)),
        ("BUDGET_EXCEEDED", BudgetExceededError::type_object(py)),
        ("INVALID_INPUT", InvalidInputError::type_object(py)),
        ("TOKENIZER_LOAD", TokenizerLoadError::type_object(py)),
        ("PRICE_UNAVAILABLE", PriceUnavailableError::type_object(py)),
        ("INVALID_USAGE", InvalidUsageError::type_object(py)),
        ("IO", IoError::type_object(py)),
    ]
}

/// Adds the exception classes to the module, each with a class attribute `code`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for (code, class) in classes(m.py()) {
        if !code.is_empty() {
            class.setattr("code", code)?;
        }
        m.add(class.name()?, class)?;
    }
    Ok(())
}

/// Converts a core error into the exception of its code, carrying the core's message, `.code`,
/// and the variant's structured fields where it has them.
pub fn to_py(err: Error) -> PyErr {
    let message = err.to_string();
    let py_err = match &err {
        Error::UnknownModel { .. } => UnknownModelError::new_err(message),
        Error::UnknownEncoding { .. } => UnknownEncodingError::new_err(message),
        Error::BudgetExceeded { .. } => BudgetExceededError::new_err(message),
        Error::InvalidInput { .. } => InvalidInputError::new_err(message),
        Error::TokenizerLoad { .. } => TokenizerLoadError::new_err(message),
        Error::PriceUnavailable { .. } => PriceUnavailableError::new_err(message),
        Error::InvalidUsage { .. } => InvalidUsageError::new_err(message),
        Error::Io { .. } => IoError::new_err(message),
        // A code added to the core later still reaches Python, as the base class.
        _ => TokenmeterError::new_err(message),
    };
    Python::attach(|py| {
        let value = py_err.value(py);
        // Setting attributes on a fresh exception instance cannot fail short of memory
        // exhaustion; if it does, the exception still carries its class and message.
        let _ = value.setattr("code", err.code());
        match &err {
            Error::UnknownModel { suggestions, .. } => {
                let _ = value.setattr("suggestions", suggestions.clone());
            }
            Error::BudgetExceeded { needed, budget } => {
                let _ = value.setattr("needed", *needed);
                let _ = value.setattr("budget", *budget);
            }
            _ => {}
        }
    });
    py_err
}

/// An [`Error::InvalidInput`] raised by a conversion (a Python value of the wrong shape).
pub fn invalid(reason: impl Into<String>) -> PyErr {
    to_py(Error::InvalidInput { reason: reason.into() })
}

/// `.map_err(to_py)` as a method.
pub trait IntoPyResult<T> {
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for tokenmeter::Result<T> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
