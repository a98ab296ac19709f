//! `tokenmeter.count_chat`, `tokenmeter.count_tools` and `ChatCount`: the prompt tokens of a chat
//! request. Messages and tools are OpenAI-shaped dicts (or SDK objects), parsed by the core.

use pyo3::prelude::*;

use crate::catalog::PyModel;
use crate::error::{IntoPyResult, invalid, to_py};
use crate::plain_data::to_json;
use crate::repr::py_bool;
use crate::tokenizer::PyTokenizer;

/// The result of `count_chat`.
#[pyclass(name = "ChatCount", module = "tokenmeter", frozen, eq, hash, get_all)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyChatCount {
    tokens: usize,
    exact: bool,
}

#[pymethods]
impl PyChatCount {
    #[new]
    #[pyo3(signature = (*, tokens, exact))]
    fn new(tokens: usize, exact: bool) -> Self {
        Self { tokens, exact }
    }

    fn __repr__(&self) -> String {
        format!("ChatCount(tokens={}, exact={})", self.tokens, py_bool(self.exact))
    }
}

/// A model given by name (resolved in the bundled catalog) or as a `Model`.
#[derive(FromPyObject)]
pub enum ModelArg {
    Model(PyModel),
    Name(String),
}

impl ModelArg {
    pub fn resolve(self) -> PyResult<tokenmeter::Model> {
        match self {
            ModelArg::Model(m) => Ok(m.inner),
            ModelArg::Name(name) => Ok(tokenmeter::Catalog::bundled().get(&name).py_err()?.clone()),
        }
    }
}

/// Converts Python messages and tools into the core's types, through the core's parser.
pub fn parse_messages(
    messages: &Bound<'_, PyAny>,
    tools: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Vec<tokenmeter::Message>, Vec<tokenmeter::Tool>)> {
    let mut request = serde_json::Map::new();
    request.insert("messages".into(), to_json(messages, "messages")?);
    if let Some(tools) = tools {
        request.insert("tools".into(), to_json(tools, "tools")?);
    }
    let json = serde_json::Value::Object(request).to_string();
    tokenmeter::parse_chat(&json).map_err(to_py)
}

/// The tokenizer and chat framing of a request: an explicit `tokenizer` / `chat_format` wins
/// over the `model`'s; one of `model` and `tokenizer` is required.
pub fn tokenizer_and_format(
    model: Option<ModelArg>,
    tokenizer: Option<PyRef<'_, PyTokenizer>>,
    chat_format: Option<&str>,
) -> PyResult<(tokenmeter::Tokenizer, tokenmeter::ChatFormat)> {
    let model = model.map(ModelArg::resolve).transpose()?;
    let tokenizer = match (tokenizer, &model) {
        (Some(t), _) => t.inner.clone(),
        (None, Some(m)) => m.tokenizer().py_err()?,
        (None, None) => return Err(invalid("give `model` or `tokenizer`")),
    };
    let format = match (chat_format, &model) {
        (Some(name), _) => name.parse().py_err()?,
        (None, Some(m)) => m.chat_format,
        (None, None) => tokenmeter::ChatFormat::default(),
    };
    Ok((tokenizer, format))
}

/// Counts the prompt tokens of `messages` (and `tools`) for `model`, or for an explicit
/// `tokenizer` and `chat_format`.
#[pyfunction]
#[pyo3(signature = (messages, *, model = None, tokenizer = None, chat_format = None, tools = None))]
pub fn count_chat(
    py: Python<'_>,
    messages: &Bound<'_, PyAny>,
    model: Option<ModelArg>,
    tokenizer: Option<PyRef<'_, PyTokenizer>>,
    chat_format: Option<&str>,
    tools: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyChatCount> {
    let (messages, tools) = parse_messages(messages, tools)?;
    let (tokenizer, format) = tokenizer_and_format(model, tokenizer, chat_format)?;
    let count =
        py.detach(|| tokenmeter::count_chat(&tokenizer, format, &messages, &tools)).py_err()?;
    Ok(PyChatCount { tokens: count.tokens, exact: count.exact })
}

/// The tokens that tool definitions add to a request (OpenAI cookbook formula).
#[pyfunction]
#[pyo3(signature = (tools, *, tokenizer))]
pub fn count_tools(tools: &Bound<'_, PyAny>, tokenizer: PyRef<'_, PyTokenizer>) -> PyResult<usize> {
    let (_, tools) = parse_messages(&pyo3::types::PyList::empty(tools.py()), Some(tools))?;
    tokenmeter::count_tools(&tokenizer.inner, &tools).py_err()
}
