//! `tokenmeter.preflight` and `Preflight`: before the call, the input tokens, the reserved
//! output, whether it fits, the least and worst cost, and warnings.

use pyo3::prelude::*;

use crate::catalog::PyCatalog;
use crate::chat::{ModelArg, parse_messages};
use crate::cost::{PyCost, catalog_of, options};
use crate::error::IntoPyResult;
use crate::plain_data::serde_to_python;
use crate::repr::{py_bool, py_str};

/// The result of `preflight`.
#[pyclass(name = "Preflight", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyPreflight {
    inner: tokenmeter::Preflight,
}

/// The request to check: a plain `text` prompt, or chat `messages` (with `tools`).
pub fn input(
    text: Option<String>,
    messages: Option<&Bound<'_, PyAny>>,
    tools: Option<&Bound<'_, PyAny>>,
) -> PyResult<tokenmeter::PreflightInput> {
    let (messages, tools) = match messages {
        Some(m) => {
            let (messages, tools) = parse_messages(m, tools)?;
            (Some(messages), Some(tools))
        }
        // Tools without messages: passed on (empty) so the core can say what is wrong.
        None => (None, tools.map(|_| Vec::new())),
    };
    tokenmeter::PreflightInput::from_parts(text, messages, tools).py_err()
}

/// Counts the request, checks it against `model`'s limits and prices the best and worst case.
#[pyfunction]
#[pyo3(signature = (model, *, text = None, messages = None, tools = None, max_output = None, catalog = None, variant = None, at = None, token_bucket = None))]
#[allow(clippy::too_many_arguments)]
pub fn preflight(
    py: Python<'_>,
    model: ModelArg,
    text: Option<String>,
    messages: Option<&Bound<'_, PyAny>>,
    tools: Option<&Bound<'_, PyAny>>,
    max_output: Option<u64>,
    catalog: Option<PyRef<'_, PyCatalog>>,
    variant: Option<&str>,
    at: Option<&str>,
    token_bucket: Option<u64>,
) -> PyResult<PyPreflight> {
    let request = input(text, messages, tools)?;
    let opts = options(variant, at, token_bucket)?;
    let model = match model {
        ModelArg::Model(m) => m.inner,
        ModelArg::Name(name) => catalog_of(catalog.as_deref()).get(&name).py_err()?.clone(),
    };
    let inner = py.detach(|| tokenmeter::preflight(&model, &request, max_output, &opts)).py_err()?;
    Ok(PyPreflight { inner })
}

#[pymethods]
impl PyPreflight {
    #[getter]
    fn model(&self) -> &str {
        &self.inner.model
    }
    #[getter]
    fn input_tokens(&self) -> u64 {
        self.inner.input_tokens
    }
    #[getter]
    fn input_tokens_lower(&self) -> u64 {
        self.inner.input_tokens_lower
    }
    #[getter]
    fn input_tokens_upper(&self) -> u64 {
        self.inner.input_tokens_upper
    }
    #[getter]
    fn exact(&self) -> bool {
        self.inner.exact
    }
    #[getter]
    fn relative_error(&self) -> f64 {
        self.inner.relative_error
    }
    #[getter]
    fn context_window(&self) -> u64 {
        self.inner.context_window
    }
    #[getter]
    fn model_max_output(&self) -> u64 {
        self.inner.model_max_output
    }
    #[getter]
    fn max_output(&self) -> Option<u64> {
        self.inner.max_output
    }
    #[getter]
    fn reserved_output(&self) -> u64 {
        self.inner.reserved_output
    }
    #[getter]
    fn fits(&self) -> bool {
        self.inner.fits
    }
    #[getter]
    fn room_left(&self) -> i64 {
        self.inner.room_left
    }
    #[getter]
    fn least_cost(&self) -> PyCost {
        self.inner.least_cost.clone().into()
    }
    #[getter]
    fn worst_cost(&self) -> PyCost {
        self.inner.worst_cost.clone().into()
    }
    /// `[{"kind", "message"}]`.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.warnings)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "Preflight(model={}, input_tokens={}, reserved_output={}, fits={}, least_cost=Decimal('{}'), worst_cost=Decimal('{}'), warnings={})",
            py_str(&p.model), p.input_tokens, p.reserved_output, py_bool(p.fits), p.least_cost.total, p.worst_cost.total, p.warnings.len()
        )
    }
}
