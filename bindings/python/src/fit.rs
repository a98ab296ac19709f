//! `tokenmeter.fit_messages`, `tokenmeter.fit_messages_for_model` and the `Fitted` result.

use pyo3::prelude::*;

use crate::chat::{ModelArg, parse_messages};
use crate::error::IntoPyResult;
use crate::plain_data::serde_to_python;
use crate::repr::py_bool;
use crate::tokenizer::PyTokenizer;

/// The result of `fit_messages`: the kept messages (as dicts) and what was dropped or cut.
#[pyclass(name = "Fitted", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyFitted {
    inner: tokenmeter::Fitted,
}

#[pymethods]
impl PyFitted {
    /// The kept messages in their original order, as OpenAI-shaped dicts.
    #[getter]
    fn messages<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.messages)
    }
    #[getter]
    fn tokens(&self) -> usize {
        self.inner.tokens
    }
    #[getter]
    fn budget(&self) -> usize {
        self.inner.budget
    }
    #[getter]
    fn exact(&self) -> bool {
        self.inner.exact
    }
    #[getter]
    fn kept(&self) -> Vec<usize> {
        self.inner.kept.clone()
    }
    /// `[{"index", "role", "tokens", "reason"}]`, oldest first.
    #[getter]
    fn dropped<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.dropped)
    }
    /// `{"index", "keep", "kept_tokens", "cut_bytes"}` for a message kept in part, else None.
    #[getter]
    fn partial<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.partial)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let f = &self.inner;
        format!(
            "Fitted(tokens={}, budget={}, exact={}, kept={:?}, dropped={})",
            f.tokens, f.budget, py_bool(f.exact), f.kept, f.dropped.len()
        )
    }
}

fn policy(partial: bool, partial_keep: &str, min_partial_tokens: Option<usize>) -> PyResult<tokenmeter::FitPolicy> {
    let mut p = tokenmeter::FitPolicy::default()
        .with_partial(partial)
        .with_partial_keep(partial_keep.parse().py_err()?);
    if let Some(n) = min_partial_tokens {
        p = p.with_min_partial_tokens(n);
    }
    Ok(p)
}

/// Drops the oldest turns of `messages` until the request (framing and `tools` included) fits
/// `budget` tokens, counted with `tokenizer` (or `model`'s tokenizer and chat framing).
#[pyfunction]
#[pyo3(signature = (messages, *, budget, model = None, tokenizer = None, chat_format = None, tools = None, partial = false, partial_keep = "tail", min_partial_tokens = None))]
#[allow(clippy::too_many_arguments)]
pub fn fit_messages(
    py: Python<'_>,
    messages: &Bound<'_, PyAny>,
    budget: usize,
    model: Option<ModelArg>,
    tokenizer: Option<PyRef<'_, PyTokenizer>>,
    chat_format: Option<&str>,
    tools: Option<&Bound<'_, PyAny>>,
    partial: bool,
    partial_keep: &str,
    min_partial_tokens: Option<usize>,
) -> PyResult<PyFitted> {
    let (messages, tools) = parse_messages(messages, tools)?;
    let (tokenizer, format) = crate::chat::tokenizer_and_format(model, tokenizer, chat_format)?;
    let policy = policy(partial, partial_keep, min_partial_tokens)?;
    let inner = py
        .detach(|| tokenmeter::fit_messages(&tokenizer, format, &messages, &tools, budget, &policy))
        .py_err()?;
    Ok(PyFitted { inner })
}

/// Fits `messages` into `model`'s context window minus `reserve_output` tokens for the reply.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (messages, *, model, reserve_output = 0, tools = None, partial = false, partial_keep = "tail", min_partial_tokens = None))]
pub fn fit_messages_for_model(
    py: Python<'_>,
    messages: &Bound<'_, PyAny>,
    model: ModelArg,
    reserve_output: usize,
    tools: Option<&Bound<'_, PyAny>>,
    partial: bool,
    partial_keep: &str,
    min_partial_tokens: Option<usize>,
) -> PyResult<PyFitted> {
    let (messages, tools) = parse_messages(messages, tools)?;
    let model = model.resolve()?;
    let policy = policy(partial, partial_keep, min_partial_tokens)?;
    let inner = py
        .detach(|| tokenmeter::fit_messages_for_model(&model, &messages, &tools, reserve_output, &policy))
        .py_err()?;
    Ok(PyFitted { inner })
}
