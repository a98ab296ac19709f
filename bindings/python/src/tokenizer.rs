//! `tokenmeter.Tokenizer` and its small result classes (`CountUpTo`, `Accuracy`).

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

use crate::error::IntoPyResult;
use crate::repr::{py_bool, py_str};

/// Texts at least this long (in UTF-8 bytes) are counted with the GIL released, so other Python
/// threads run meanwhile. Below it, releasing and re-taking the GIL costs more than the count
/// (a 200-character chat message counts in a few microseconds).
const DETACH_BYTES: usize = 4096;

/// Counts, encodes and decodes text for one tokenizer. Immutable and safe to share between threads.
#[pyclass(name = "Tokenizer", module = "tokenmeter", frozen)]
#[derive(Debug, Clone)]
pub struct PyTokenizer {
    pub inner: tokenmeter::Tokenizer,
}

/// The result of `Tokenizer.count_up_to`.
#[pyclass(name = "CountUpTo", module = "tokenmeter", frozen, eq, hash, get_all)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyCountUpTo {
    tokens: usize,
    exceeded: bool,
}

#[pymethods]
impl PyCountUpTo {
    #[new]
    #[pyo3(signature = (*, tokens, exceeded))]
    fn new(tokens: usize, exceeded: bool) -> Self {
        Self { tokens, exceeded }
    }

    fn __repr__(&self) -> String {
        format!("CountUpTo(tokens={}, exceeded={})", self.tokens, py_bool(self.exceeded))
    }
}

/// How far a tokenizer's counts can be from the provider's own count.
#[pyclass(name = "Accuracy", module = "tokenmeter", frozen, eq, get_all)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PyAccuracy {
    exact: bool,
    relative_error: f64,
}

#[pymethods]
impl PyAccuracy {
    #[new]
    #[pyo3(signature = (*, exact, relative_error))]
    fn new(exact: bool, relative_error: f64) -> Self {
        Self { exact, relative_error }
    }

    fn __repr__(&self) -> String {
        format!("Accuracy(exact={}, relative_error={:?})", py_bool(self.exact), self.relative_error)
    }
}

impl From<tokenmeter::Tokenizer> for PyTokenizer {
    fn from(inner: tokenmeter::Tokenizer) -> Self {
        Self { inner }
    }
}

/// Runs `f` with the GIL released when `detach` is true; otherwise holds it.
fn maybe_detach<T: Send>(py: Python<'_>, detach: bool, f: impl FnOnce() -> T + Send) -> T {
    if detach { py.detach(f) } else { f() }
}

#[pymethods]
impl PyTokenizer {
    /// A tokenizer for a bundled tiktoken encoding (`"o200k_base"`, `"cl100k_base"`, ...).
    #[new]
    #[pyo3(signature = (encoding, *, allow_special = false))]
    fn new(encoding: &str, allow_special: bool) -> PyResult<Self> {
        Self::from_encoding(encoding, allow_special)
    }

    /// Empties this thread's cache of merged pieces, so the counts that follow are cold.
    #[staticmethod]
    fn clear_thread_cache() {
        tokenmeter::Tokenizer::clear_thread_cache();
    }

    #[staticmethod]
    #[pyo3(signature = (encoding, *, allow_special = false))]
    fn from_encoding(encoding: &str, allow_special: bool) -> PyResult<Self> {
        let tok = tokenmeter::Tokenizer::from_encoding_name(encoding).py_err()?;
        Ok(tok.allow_special(allow_special).into())
    }

    /// The tokenizer of a catalog model (bundled catalog): `Tokenizer.for_model("gpt-4o")`.
    #[staticmethod]
    fn for_model(model: &str) -> PyResult<Self> {
        let model = tokenmeter::Catalog::bundled().get(model).py_err()?;
        Ok(model.tokenizer().py_err()?.into())
    }

    #[staticmethod]
    fn from_hf_file(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let tok = py.detach(|| tokenmeter::Tokenizer::from_hf_file(path)).py_err()?;
        Ok(tok.into())
    }

    #[staticmethod]
    fn from_hf_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        let data = data.to_vec();
        let tok = py.detach(|| tokenmeter::Tokenizer::from_hf_bytes(&data)).py_err()?;
        Ok(tok.into())
    }

    #[staticmethod]
    fn from_hf_cache(py: Python<'_>, model_id: String) -> PyResult<Self> {
        let tok = py.detach(|| tokenmeter::Tokenizer::from_hf_cache(&model_id)).py_err()?;
        Ok(tok.into())
    }

    /// A calibrated estimate for a provider whose tokenizer is not public.
    #[staticmethod]
    fn estimate(profile: &str) -> PyResult<Self> {
        Ok(tokenmeter::Tokenizer::estimate(profile).py_err()?.into())
    }

    /// A copy that parses special-token text (`<|endoftext|>`) as special tokens, or not.
    fn with_allow_special(&self, allow: bool) -> Self {
        self.inner.clone().allow_special(allow).into()
    }

    #[getter]
    fn allow_special(&self) -> bool {
        self.inner.allows_special()
    }

    #[getter]
    fn name(&self) -> String {
        self.inner.name()
    }

    #[getter]
    fn encoding(&self) -> Option<&'static str> {
        self.inner.encoding().map(tokenmeter::Encoding::as_str)
    }

    #[getter]
    fn is_exact(&self) -> bool {
        self.inner.is_exact()
    }

    #[getter]
    fn accuracy(&self) -> PyAccuracy {
        let a = self.inner.accuracy();
        PyAccuracy { exact: a.exact, relative_error: a.relative_error }
    }

    fn count(&self, py: Python<'_>, text: PyBackedStr) -> PyResult<usize> {
        maybe_detach(py, text.len() >= DETACH_BYTES, || self.inner.count(&text)).py_err()
    }

    fn count_up_to(&self, py: Python<'_>, text: PyBackedStr, limit: usize) -> PyResult<PyCountUpTo> {
        // The work grows with the limit, not with the text.
        let detach = text.len().min(limit.saturating_mul(8)) >= DETACH_BYTES;
        let r = maybe_detach(py, detach, || self.inner.count_up_to(&text, limit)).py_err()?;
        Ok(PyCountUpTo { tokens: r.tokens, exceeded: r.exceeded })
    }

    fn encode(&self, py: Python<'_>, text: PyBackedStr) -> PyResult<Vec<u32>> {
        maybe_detach(py, text.len() >= DETACH_BYTES, || self.inner.encode(&text)).py_err()
    }

    fn decode(&self, py: Python<'_>, tokens: Vec<u32>) -> PyResult<String> {
        maybe_detach(py, tokens.len() >= DETACH_BYTES / 4, || self.inner.decode(&tokens)).py_err()
    }

    /// Counts many texts in parallel on all cores, with the GIL released.
    fn count_batch(&self, py: Python<'_>, texts: Vec<PyBackedStr>) -> PyResult<Vec<usize>> {
        py.detach(|| self.inner.count_batch(&texts)).py_err()
    }

    /// The longest head, tail or both ends of `text` that fit `budget` tokens.
    #[pyo3(signature = (text, budget, *, keep = "head", marker = None, count_cut = false))]
    fn truncate(
        &self,
        py: Python<'_>,
        text: PyBackedStr,
        budget: usize,
        keep: &str,
        marker: Option<String>,
        count_cut: bool,
    ) -> PyResult<crate::truncate::PyTruncated> {
        crate::truncate::run(py, &self.inner, text, budget, keep, marker, count_cut)
    }

    fn __repr__(&self) -> String {
        let special = if self.inner.allows_special() { ", allow_special=True" } else { "" };
        format!("Tokenizer(name={}, exact={}{special})", py_str(&self.inner.name()), py_bool(self.inner.is_exact()))
    }
}
