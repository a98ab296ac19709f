//! `tokenmeter.compare` and `CompareRow`: one prompt priced on several models, cheapest first.

use pyo3::prelude::*;

use crate::catalog::PyCatalog;
use crate::cost::{catalog_of, options};
use crate::error::IntoPyResult;
use crate::plain_data::{decimal, serde_to_python};
use crate::preflight::input;
use crate::repr::{py_bool, py_str};

/// One model's row of `compare`.
#[pyclass(name = "CompareRow", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyCompareRow {
    inner: tokenmeter::CompareRow,
}

/// Prices one prompt (`text`, or `messages` with `tools`) with `output_tokens` of output on
/// each of `models`, cheapest first.
#[pyfunction]
#[pyo3(signature = (models, *, output_tokens, text = None, messages = None, tools = None, catalog = None, variant = None, at = None, token_bucket = None))]
#[allow(clippy::too_many_arguments)]
pub fn compare(
    py: Python<'_>,
    models: Vec<String>,
    output_tokens: u64,
    text: Option<String>,
    messages: Option<&Bound<'_, PyAny>>,
    tools: Option<&Bound<'_, PyAny>>,
    catalog: Option<PyRef<'_, PyCatalog>>,
    variant: Option<&str>,
    at: Option<&str>,
    token_bucket: Option<u64>,
) -> PyResult<Vec<PyCompareRow>> {
    let request = input(text, messages, tools)?;
    let opts = options(variant, at, token_bucket)?;
    let cat = catalog_of(catalog.as_deref());
    let rows = py.detach(|| tokenmeter::compare(cat, &models, &request, output_tokens, &opts)).py_err()?;
    Ok(rows.into_iter().map(|inner| PyCompareRow { inner }).collect())
}

#[pymethods]
impl PyCompareRow {
    #[getter]
    fn model(&self) -> &str {
        &self.inner.model
    }
    #[getter]
    fn input_tokens(&self) -> u64 {
        self.inner.input_tokens
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
    fn output_tokens(&self) -> u64 {
        self.inner.output_tokens
    }
    #[getter]
    fn cost_per_request<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, &self.inner.cost_per_request)
    }
    #[getter]
    fn cost_per_1k_requests<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, &self.inner.cost_per_1k_requests)
    }
    #[getter]
    fn worst_cost_per_request<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, &self.inner.worst_cost_per_request)
    }
    #[getter]
    fn fits(&self) -> bool {
        self.inner.fits
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let r = &self.inner;
        format!(
            "CompareRow(model={}, input_tokens={}, output_tokens={}, cost_per_request=Decimal('{}'), fits={})",
            py_str(&r.model), r.input_tokens, r.output_tokens, r.cost_per_request, py_bool(r.fits)
        )
    }
}
