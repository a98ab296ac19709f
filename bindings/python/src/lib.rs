//! The `tokenmeter._native` extension module: pyo3 wrappers that convert Python values to the
//! core's types, call the core, and convert results and errors back. No logic of their own: one
//! file per core concept, mirroring `crates/tokenmeter/src/`.

mod catalog;
mod chat;
mod compare;
mod cost;
mod error;
mod fit;
mod pack;
mod plain_data;
mod preflight;
mod prune;
mod redact;
mod repr;
mod tokenizer;
mod truncate;
mod usage;

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
    m.add_class::<truncate::PyTruncated>()?;
    m.add_function(wrap_pyfunction!(truncate::truncate, m)?)?;
    m.add_class::<fit::PyFitted>()?;
    m.add_function(wrap_pyfunction!(fit::fit_messages, m)?)?;
    m.add_function(wrap_pyfunction!(fit::fit_messages_for_model, m)?)?;
    m.add_class::<pack::PyPacked>()?;
    m.add_function(wrap_pyfunction!(pack::pack, m)?)?;
    m.add_class::<prune::PyPruner>()?;
    m.add_class::<prune::PyPruned>()?;
    m.add_class::<redact::PyRedactor>()?;
    m.add_class::<redact::PyRedactionMap>()?;
    m.add_class::<redact::PyRedacted>()?;
    m.add_class::<usage::PyUsage>()?;
    m.add_class::<cost::PyCost>()?;
    m.add_class::<cost::PyCostLine>()?;
    m.add_function(wrap_pyfunction!(cost::cost, m)?)?;
    m.add_class::<preflight::PyPreflight>()?;
    m.add_function(wrap_pyfunction!(preflight::preflight, m)?)?;
    m.add_class::<compare::PyCompareRow>()?;
    m.add_function(wrap_pyfunction!(compare::compare, m)?)?;
    Ok(())
}
