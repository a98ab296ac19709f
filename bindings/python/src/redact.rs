//! `tokenmeter.Redactor`, `RedactionMap` and the `Redacted` result: reversible pseudonymization.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

use crate::error::{IntoPyResult, invalid};
use crate::plain_data::serde_to_python;
use crate::repr::py_str;
use crate::tokenizer::PyTokenizer;

/// Finds personal data (emails, phones, card numbers, IPs, IBANs, and the caller's patterns)
/// and replaces it with stable placeholders such as `<EMAIL_1>`.
#[pyclass(name = "Redactor", module = "tokenmeter", frozen)]
#[derive(Debug, Clone)]
pub struct PyRedactor {
    inner: tokenmeter::Redactor,
}

/// Placeholders and the values they stand for; `restore` puts the values back.
#[pyclass(name = "RedactionMap", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyRedactionMap {
    inner: tokenmeter::RedactionMap,
}

/// The result of `Redactor.redact` / `Redactor.run`.
#[pyclass(name = "Redacted", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyRedacted {
    inner: tokenmeter::Redacted,
}

#[pymethods]
impl PyRedactor {
    /// `patterns` maps a label (letters, digits, `_`) to a regular expression; matches become
    /// `<LABEL_n>`.
    #[new]
    #[pyo3(signature = (*, patterns = None))]
    fn new(patterns: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        // A dict in its insertion order, or a sequence of (label, pattern) pairs.
        let pairs: Vec<(String, String)> = match patterns {
            None => Vec::new(),
            Some(p) if p.hasattr("items")? => p.call_method0("items")?.try_iter()?.map(|kv| kv?.extract()).collect::<PyResult<_>>()?,
            Some(p) => p.extract()?,
        };
        let mut r = tokenmeter::Redactor::new();
        for (label, pattern) in pairs {
            r = r.with_pattern(&label, &pattern).py_err()?;
        }
        Ok(Self { inner: r })
    }

    /// Replaces personal data in `text`, reusing and extending `mapping` when given, so that a
    /// value seen in an earlier message keeps its placeholder.
    #[pyo3(signature = (text, *, mapping = None))]
    fn redact(&self, py: Python<'_>, text: PyBackedStr, mapping: Option<PyRef<'_, PyRedactionMap>>) -> PyRedacted {
        let mapping = mapping.map(|m| m.inner.clone()).unwrap_or_default();
        PyRedacted { inner: py.detach(|| self.inner.redact_with(&text, mapping)) }
    }

    /// As `redact`, also counting the tokens before and after with `tokenizer`.
    #[pyo3(signature = (text, *, tokenizer, mapping = None))]
    fn run(
        &self,
        py: Python<'_>,
        text: PyBackedStr,
        tokenizer: PyRef<'_, PyTokenizer>,
        mapping: Option<PyRef<'_, PyRedactionMap>>,
    ) -> PyResult<PyRedacted> {
        let mapping = mapping.map(|m| m.inner.clone()).unwrap_or_default();
        let tok = tokenizer.inner.clone();
        let inner = py.detach(|| self.inner.run(&tok, &text, mapping)).py_err()?;
        Ok(PyRedacted { inner })
    }

    fn __repr__(&self) -> String {
        "Redactor()".to_string()
    }
}

#[pymethods]
impl PyRedactionMap {
    #[new]
    fn new() -> Self {
        Self { inner: tokenmeter::RedactionMap::new() }
    }

    /// A map from its JSON (as written by `to_json`).
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(Self { inner: tokenmeter::RedactionMap::from_json(json).py_err()? })
    }

    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| invalid(format!("redaction map: {e}")))
    }

    /// `[{"placeholder", "kind", "value"}]`, in the order the placeholders were made.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.entries())
    }

    /// `text` with every placeholder replaced by its original value.
    fn restore(&self, text: &str) -> String {
        self.inner.restore(text)
    }

    fn __len__(&self) -> usize {
        self.inner.entries().len()
    }

    fn __repr__(&self) -> String {
        format!("RedactionMap(entries={})", self.inner.entries().len())
    }
}

#[pymethods]
impl PyRedacted {
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    #[getter]
    fn mapping(&self) -> PyRedactionMap {
        PyRedactionMap { inner: self.inner.mapping.clone() }
    }
    #[getter]
    fn replaced(&self) -> usize {
        self.inner.replaced
    }
    #[getter]
    fn tokens_before(&self) -> Option<usize> {
        self.inner.tokens_before
    }
    #[getter]
    fn tokens_after(&self) -> Option<usize> {
        self.inner.tokens_after
    }
    #[getter]
    fn tokens_saved(&self) -> usize {
        self.inner.tokens_saved()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!("Redacted(text={}, replaced={})", py_str(&self.inner.text), self.inner.replaced)
    }
}
