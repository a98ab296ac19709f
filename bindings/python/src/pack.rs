//! `tokenmeter.pack` and the `Packed` result.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::error::{IntoPyResult, invalid};
use crate::plain_data::serde_to_python;
use crate::repr::py_str;
use crate::tokenizer::PyTokenizer;

/// The result of `pack`.
#[pyclass(name = "Packed", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyPacked {
    inner: tokenmeter::Packed,
}

#[pymethods]
impl PyPacked {
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    #[getter]
    fn tokens(&self) -> usize {
        self.inner.tokens
    }
    #[getter]
    fn cutoff(&self) -> i64 {
        self.inner.cutoff
    }
    #[getter]
    fn included(&self) -> Vec<usize> {
        self.inner.included.clone()
    }
    /// `[{"index", "id", "priority", "tokens"}]` for the sections left out.
    #[getter]
    fn excluded<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.excluded)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let p = &self.inner;
        let text: String = p.text.chars().take(40).collect();
        let more = if text.len() < p.text.len() { "..." } else { "" };
        format!(
            "Packed(text={}{more}, tokens={}, cutoff={}, included={:?}, excluded={})",
            py_str(&text), p.tokens, p.cutoff, p.included, p.excluded.len()
        )
    }
}

/// A section from a dict `{"text", "priority", "position"?, "id"?}` or a `(text, priority)` tuple.
fn section(item: &Bound<'_, PyAny>, i: usize) -> PyResult<tokenmeter::Section> {
    if let Ok(d) = item.cast::<PyDict>() {
        let text: String = d
            .get_item("text")?
            .ok_or_else(|| invalid(format!("sections[{i}]: missing `text`")))?
            .extract()?;
        let priority: i64 = match d.get_item("priority")? {
            Some(p) => p.extract()?,
            None => 0,
        };
        let mut s = tokenmeter::Section::new(text, priority);
        if let Some(pos) = d.get_item("position")?.filter(|v| !v.is_none()) {
            s = s.with_position(pos.extract()?);
        }
        if let Some(id) = d.get_item("id")?.filter(|v| !v.is_none()) {
            s = s.with_id(id.extract::<String>()?);
        }
        return Ok(s);
    }
    if let Ok((text, priority)) = item.extract::<(String, i64)>() {
        return Ok(tokenmeter::Section::new(text, priority));
    }
    Err(invalid(format!(
        "sections[{i}]: expected a dict with `text` and `priority`, or a (text, priority) tuple"
    )))
}

/// Packs the sections of the highest priorities that fit `budget` tokens into one prompt.
#[pyfunction]
#[pyo3(signature = (sections, *, budget, tokenizer, separator = None))]
pub fn pack(
    py: Python<'_>,
    sections: Vec<Bound<'_, PyAny>>,
    budget: usize,
    tokenizer: PyRef<'_, PyTokenizer>,
    separator: Option<String>,
) -> PyResult<PyPacked> {
    let sections: Vec<tokenmeter::Section> =
        sections.iter().enumerate().map(|(i, s)| section(s, i)).collect::<PyResult<_>>()?;
    let mut opts = tokenmeter::PackOptions::new(budget);
    if let Some(sep) = separator {
        opts = opts.with_separator(sep);
    }
    let tok = tokenizer.inner.clone();
    let inner = py.detach(|| tokenmeter::pack(&tok, &sections, &opts)).py_err()?;
    Ok(PyPacked { inner })
}
