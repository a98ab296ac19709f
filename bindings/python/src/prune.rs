//! `tokenmeter.Pruner` and the `Pruned` result.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

use crate::error::IntoPyResult;
use crate::plain_data::serde_to_python;
use crate::repr::py_str;
use crate::tokenizer::PyTokenizer;

/// A pipeline of deterministic pruning passes (`"whitespace"`, `"dedupe"`, `"json"`,
/// `"json_table"`, `"markdown"`, `"boilerplate"`).
#[pyclass(name = "Pruner", module = "tokenmeter", frozen)]
#[derive(Debug, Clone)]
pub struct PyPruner {
    inner: tokenmeter::Pruner,
}

/// The result of `Pruner.run`.
#[pyclass(name = "Pruned", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyPruned {
    inner: tokenmeter::Pruned,
}

#[pymethods]
impl PyPruner {
    /// `passes=None` is the default pipeline (json, dedupe, whitespace).
    #[new]
    #[pyo3(signature = (passes = None, *, boilerplate = Vec::new()))]
    fn new(passes: Option<Vec<String>>, boilerplate: Vec<String>) -> PyResult<Self> {
        let pruner = match passes {
            None => tokenmeter::Pruner::default(),
            Some(names) => {
                let passes = names.iter().map(|n| n.parse()).collect::<tokenmeter::Result<Vec<_>>>().py_err()?;
                tokenmeter::Pruner::new(passes)
            }
        };
        Ok(Self { inner: pruner.with_boilerplate(&boilerplate).py_err()? })
    }

    #[getter]
    fn passes(&self) -> Vec<&'static str> {
        self.inner.passes().iter().map(|p| p.as_str()).collect()
    }

    /// Applies one pass to `text`.
    fn apply(&self, py: Python<'_>, pass_: &str, text: PyBackedStr) -> PyResult<String> {
        let pass: tokenmeter::Pass = pass_.parse().py_err()?;
        Ok(py.detach(|| self.inner.apply(pass, &text)))
    }

    /// Runs every pass in order, counting tokens before and after each with `tokenizer`.
    #[pyo3(signature = (text, *, tokenizer))]
    fn run(&self, py: Python<'_>, text: PyBackedStr, tokenizer: PyRef<'_, PyTokenizer>) -> PyResult<PyPruned> {
        let tok = tokenizer.inner.clone();
        let inner = py.detach(|| self.inner.run(&tok, &text)).py_err()?;
        Ok(PyPruned { inner })
    }

    fn __repr__(&self) -> String {
        let names: Vec<String> = self.inner.passes().iter().map(|p| py_str(p.as_str())).collect();
        format!("Pruner([{}])", names.join(", "))
    }
}

#[pymethods]
impl PyPruned {
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    #[getter]
    fn tokens_before(&self) -> usize {
        self.inner.tokens_before
    }
    #[getter]
    fn tokens_after(&self) -> usize {
        self.inner.tokens_after
    }
    #[getter]
    fn tokens_saved(&self) -> usize {
        self.inner.tokens_before.saturating_sub(self.inner.tokens_after)
    }
    /// `[{"pass", "tokens_before", "tokens_after"}]`, in pipeline order.
    #[getter]
    fn passes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.passes)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!("Pruned(tokens_before={}, tokens_after={}, passes={})", p.tokens_before, p.tokens_after, p.passes.len())
    }
}
