//! The `tokenmeter._native` extension module: pyo3 wrappers that convert Python values to the
//! core's types, call the core, and convert results and errors back. No logic of their own: one
//! file per core concept, mirroring `crates/tokenmeter/src/`.

mod catalog;
mod chat;
mod error;
mod plain_data;
mod tokenizer;

use pyo3::prelude::*;

#[pymodule(name = "_native", gil_used = false)]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    error::register(m)?;
    m.add_class::<tokenizer::PyTokenizer>()?;
    m.add_class::<tokenizer::PyCountUpTo>()?;
    m.add_class::<tokenizer::PyAccuracy>()?;
    m.add_class::<catalog::PyCatalog>()?;
    m.add_class::<catalog::PyModel>()?;
    m.add_class::<catalog::PyResolved>()?;
    m.add_class::<chat::PyChatCount>()?;
    m.add_function(wrap_pyfunction!(chat::count_chat, m)?)?;
    m.add_function(wrap_pyfunction!(chat::count_tools, m)?)?;
    Ok(())
}
