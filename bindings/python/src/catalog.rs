//! `tokenmeter.Catalog`, `tokenmeter.Model` and `tokenmeter.Resolved`: the bundled models and
//! name resolution.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

use crate::error::{IntoPyResult, invalid};
use crate::repr::py_str;
use crate::plain_data::{serde_to_python, to_json};
use crate::tokenizer::PyTokenizer;

/// A catalog of models. Immutable: `with_model` returns a new catalog.
#[pyclass(name = "Catalog", module = "tokenmeter", frozen)]
#[derive(Debug)]
pub struct PyCatalog {
    inner: CatalogRef,
}

#[derive(Debug)]
enum CatalogRef {
    Bundled,
    Owned(Arc<tokenmeter::Catalog>),
}

impl PyCatalog {
    pub fn catalog(&self) -> &tokenmeter::Catalog {
        match &self.inner {
            CatalogRef::Bundled => tokenmeter::Catalog::bundled(),
            CatalogRef::Owned(c) => c,
        }
    }
}

/// One catalog entry.
#[pyclass(name = "Model", module = "tokenmeter", frozen, eq, from_py_object)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyModel {
    pub inner: tokenmeter::Model,
}

/// The result of `Catalog.resolve`: the model and how the name matched it.
#[pyclass(name = "Resolved", module = "tokenmeter", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyResolved {
    model: PyModel,
    matched_by: &'static str,
}

#[pymethods]
impl PyCatalog {
    /// The catalog bundled with this version of tokenmeter.
    #[staticmethod]
    fn bundled() -> Self {
        Self { inner: CatalogRef::Bundled }
    }

    /// A catalog from JSON text in the bundled file's shape (`{"catalog_date", "models": [...]}`).
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        let json = json.to_owned();
        let catalog = py.detach(|| tokenmeter::Catalog::from_json(&json)).py_err()?;
        Ok(Self { inner: CatalogRef::Owned(Arc::new(catalog)) })
    }

    /// A new catalog with `model` added (or replacing the model with the same id).
    fn with_model(&self, model: &PyModel) -> PyResult<Self> {
        let mut catalog = self.catalog().clone();
        catalog.insert(model.inner.clone()).py_err()?;
        Ok(Self { inner: CatalogRef::Owned(Arc::new(catalog)) })
    }

    /// A new catalog with an override document applied (private models, replaced price
    /// histories, discounts; the format of `tokenmeter cost --prices`).
    fn with_overrides(&self, py: Python<'_>, json: &str) -> PyResult<Self> {
        let mut catalog = self.catalog().clone();
        let json = json.to_owned();
        py.detach(|| tokenmeter::load_overrides(&mut catalog, &json)).py_err()?;
        Ok(Self { inner: CatalogRef::Owned(Arc::new(catalog)) })
    }

    /// A new catalog with a price file loaded: LiteLLM's
    /// `model_prices_and_context_window.json` (its prices dated `effective`) or an override
    /// document.
    #[pyo3(signature = (path, *, effective))]
    fn with_price_file(&self, py: Python<'_>, path: std::path::PathBuf, effective: &str) -> PyResult<Self> {
        let mut catalog = self.catalog().clone();
        let effective = effective.to_owned();
        py.detach(|| catalog.load_price_file(&path, &effective)).py_err()?;
        Ok(Self { inner: CatalogRef::Owned(Arc::new(catalog)) })
    }

    /// The model `name` resolves to (ids, aliases, snapshots, provider prefixes, fine-tunes).
    fn get(&self, name: &str) -> PyResult<PyModel> {
        Ok(PyModel { inner: self.catalog().get(name).py_err()?.clone() })
    }

    /// As `get`, also saying how the name matched.
    fn resolve(&self, name: &str) -> PyResult<PyResolved> {
        let r = self.catalog().resolve(name).py_err()?;
        Ok(PyResolved { model: PyModel { inner: r.model.clone() }, matched_by: r.matched_by.as_str() })
    }

    /// Up to `n` known model ids nearest to `name`.
    #[pyo3(signature = (name, *, n = 3))]
    fn nearest(&self, name: &str, n: usize) -> Vec<String> {
        self.catalog().nearest(name, n)
    }

    fn models(&self) -> Vec<PyModel> {
        self.catalog().models().iter().map(|m| PyModel { inner: m.clone() }).collect()
    }

    #[getter]
    fn date(&self) -> &str {
        self.catalog().date()
    }

    fn __len__(&self) -> usize {
        self.catalog().models().len()
    }

    fn __contains__(&self, name: &Bound<'_, PyAny>) -> bool {
        name.extract::<PyBackedStr>().is_ok_and(|n| self.catalog().resolve(&n).is_ok())
    }

    fn __repr__(&self) -> String {
        let c = self.catalog();
        format!("Catalog(date={}, models={})", py_str(c.date()), c.models().len())
    }
}

#[pymethods]
impl PyModel {
    /// A model from its fields, as in the catalog JSON: `tokenizer` is `{"encoding": name}`,
    /// `{"estimate": profile}` or `{"hugging_face": {"repo": ..., "fallback": ...}}`.
    #[new]
    #[pyo3(signature = (*, id, provider, tokenizer, context_window, max_output, aliases = Vec::new(), chat_format = "openai"))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: String,
        provider: String,
        tokenizer: &Bound<'_, PyAny>,
        context_window: u64,
        max_output: u64,
        aliases: Vec<String>,
        chat_format: &str,
    ) -> PyResult<Self> {
        let chat_format: tokenmeter::ChatFormat = chat_format.parse().py_err()?;
        let value = serde_json::json!({
            "id": id,
            "provider": provider,
            "aliases": aliases,
            "tokenizer": to_json(tokenizer, "tokenizer")?,
            "context_window": context_window,
            "max_output": max_output,
            "chat_format": chat_format.as_str(),
        });
        Self::from_value(value)
    }

    /// A model from a dict in the catalog JSON's shape.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_value(to_json(data, "model")?)
    }

    /// The model in the catalog JSON's shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }

    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    #[getter]
    fn provider(&self) -> &str {
        &self.inner.provider
    }

    #[getter]
    fn aliases(&self) -> Vec<String> {
        self.inner.aliases.clone()
    }

    #[getter]
    fn context_window(&self) -> u64 {
        self.inner.context_window
    }

    #[getter]
    fn max_output(&self) -> u64 {
        self.inner.max_output
    }

    /// The chat framing: `"openai"`, `"openai0301"`, `"anthropic"`, `"gemini"` or `"generic"`.
    #[getter]
    fn chat_format(&self) -> &'static str {
        self.inner.chat_format.as_str()
    }

    /// How this model's tokens are counted, as in the catalog JSON.
    #[getter]
    fn tokenizer_spec<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.tokenizer)
    }

    /// The tokenizer for this model: exact where the provider's tokenizer is public (or its
    /// `tokenizer.json` is in the local Hugging Face cache), else a calibrated estimate.
    fn tokenizer(&self, py: Python<'_>) -> PyResult<PyTokenizer> {
        Ok(py.detach(|| self.inner.tokenizer()).py_err()?.into())
    }

    fn __repr__(&self) -> String {
        format!(
            "Model(id={}, provider={}, context_window={}, max_output={})",
            py_str(&self.inner.id), py_str(&self.inner.provider), self.inner.context_window, self.inner.max_output
        )
    }
}

impl PyModel {
    fn from_value(value: serde_json::Value) -> PyResult<Self> {
        let inner = serde_json::from_value(value).map_err(|e| invalid(format!("model: {e}")))?;
        Ok(Self { inner })
    }
}

#[pymethods]
impl PyResolved {
    fn __repr__(&self) -> String {
        format!("Resolved(model={}, matched_by={})", self.model.__repr__(), py_str(self.matched_by))
    }
}
