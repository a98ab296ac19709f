//! `Tokenizer.truncate` and `tokenmeter.truncate` with the `Truncated` result.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

use crate::error::IntoPyResult;
use crate::plain_data::serde_to_python;
use crate::repr::{py_bool, py_str};
use crate::tokenizer::PyTokenizer;

/// The result of `truncate`.
#[pyclass(name = "Truncated", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyTruncated {
    inner: tokenmeter::Truncated,
}

#[pymethods]
impl PyTruncated {
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    #[getter]
    fn tokens(&self) -> usize {
        self.inner.tokens
    }
    #[getter]
    fn cut_tokens(&self) -> Option<usize> {
        self.inner.cut_tokens
    }
    #[getter]
    fn cut_bytes(&self) -> usize {
        self.inner.cut_bytes
    }
    #[getter]
    fn head_bytes(&self) -> usize {
        self.inner.head_bytes
    }
    #[getter]
    fn tail_bytes(&self) -> usize {
        self.inner.tail_bytes
    }
    #[getter]
    fn truncated(&self) -> bool {
        self.inner.truncated
    }
    #[getter]
    fn exact(&self) -> bool {
        self.inner.exact
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let t = &self.inner;
        let text: String = t.text.chars().take(40).collect();
        let more = if text.len() < t.text.len() { "..." } else { "" };
        format!(
            "Truncated(text={}{more}, tokens={}, truncated={}, cut_bytes={}, exact={})",
            py_str(&text), t.tokens, py_bool(t.truncated), t.cut_bytes, py_bool(t.exact)
        )
    }
}

/// The longest head (`keep="head"`), tail (`"tail"`) or both ends (`"both"`, joined by
/// `marker`) of `text` that fit `budget` tokens.
pub fn run(
    py: Python<'_>,
    tokenizer: &tokenmeter::Tokenizer,
    text: PyBackedStr,
    budget: usize,
    keep: &str,
    marker: Option<String>,
    count_cut: bool,
) -> PyResult<PyTruncated> {
    let mut opts = tokenmeter::TruncateOptions::new(budget)
        .with_keep(keep.parse().py_err()?)
        .with_count_cut(count_cut);
    if let Some(marker) = marker {
        opts = opts.with_marker(marker);
    }
    let inner = py.detach(|| tokenizer.truncate(&text, &opts)).py_err()?;
    Ok(PyTruncated { inner })
}

/// `tokenmeter.truncate(text, budget, *, tokenizer, ...)`: the free-function form.
#[pyfunction]
#[pyo3(signature = (text, budget, *, tokenizer, keep = "head", marker = None, count_cut = false))]
pub fn truncate(
    py: Python<'_>,
    text: PyBackedStr,
    budget: usize,
    tokenizer: PyRef<'_, PyTokenizer>,
    keep: &str,
    marker: Option<String>,
    count_cut: bool,
) -> PyResult<PyTruncated> {
    run(py, &tokenizer.inner, text, budget, keep, marker, count_cut)
}
