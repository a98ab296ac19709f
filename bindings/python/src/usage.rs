//! `tokenmeter.Usage`: what one call consumed, read from a provider's usage object (a dict, a
//! JSON string, or an SDK response object) by the core's adapters.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::error::IntoPyResult;
use crate::plain_data::{serde_to_python, to_json};

/// What one call consumed, in disjoint counts (no count includes another).
#[pyclass(name = "Usage", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyUsage {
    pub inner: tokenmeter::Usage,
}

#[pymethods]
impl PyUsage {
    /// Plain counts.
    #[new]
    #[pyo3(signature = (*, input_tokens = 0, output_tokens = 0, cache_read_tokens = 0, cache_write_5m_tokens = 0, cache_write_1h_tokens = 0, reasoning_tokens = 0))]
    fn new(
        input_tokens: u64,
        output_tokens: u64,
        cache_read_tokens: u64,
        cache_write_5m_tokens: u64,
        cache_write_1h_tokens: u64,
        reasoning_tokens: u64,
    ) -> Self {
        let inner = tokenmeter::Usage::new(input_tokens, output_tokens)
            .with_cache_read(cache_read_tokens)
            .with_cache_writes(cache_write_5m_tokens, cache_write_1h_tokens)
            .with_reasoning(reasoning_tokens);
        Self { inner }
    }

    /// Reads a provider usage object or a whole response that contains one: a dict, a JSON
    /// string, or an SDK object (`to_dict()` / `model_dump()`). The provider is detected from
    /// the fields unless `format` names it (`"openai_chat"`, `"openai_responses"`,
    /// `"anthropic"`, `"gemini"`, `"deepseek"`, `"xai"`, `"plain"`).
    #[staticmethod]
    #[pyo3(signature = (response, *, format = None))]
    fn from_response(response: &Bound<'_, PyAny>, format: Option<&str>) -> PyResult<Self> {
        let json = match response.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => to_json(response, "response")?.to_string(),
        };
        let inner = match format {
            None => tokenmeter::Usage::from_json(&json),
            Some(f) => tokenmeter::Usage::from_json_as(&json, f.parse().py_err()?),
        }
        .py_err()?;
        Ok(Self { inner })
    }

    #[getter]
    fn input_tokens(&self) -> u64 {
        self.inner.input_tokens
    }
    #[getter]
    fn cache_read_tokens(&self) -> u64 {
        self.inner.cache_read_tokens
    }
    #[getter]
    fn cache_write_5m_tokens(&self) -> u64 {
        self.inner.cache_write_5m_tokens
    }
    #[getter]
    fn cache_write_1h_tokens(&self) -> u64 {
        self.inner.cache_write_1h_tokens
    }
    #[getter]
    fn output_tokens(&self) -> u64 {
        self.inner.output_tokens
    }
    #[getter]
    fn reasoning_tokens(&self) -> u64 {
        self.inner.reasoning_tokens
    }
    #[getter]
    fn format(&self) -> &'static str {
        self.inner.format.as_str()
    }
    #[getter]
    fn total_input(&self) -> u64 {
        self.inner.total_input()
    }
    #[getter]
    fn total_output(&self) -> u64 {
        self.inner.total_output()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let u = &self.inner;
        format!(
            "Usage(input_tokens={}, cache_read_tokens={}, cache_write_5m_tokens={}, cache_write_1h_tokens={}, output_tokens={}, reasoning_tokens={}, format='{}')",
            u.input_tokens, u.cache_read_tokens, u.cache_write_5m_tokens, u.cache_write_1h_tokens, u.output_tokens, u.reasoning_tokens, u.format.as_str()
        )
    }
}
