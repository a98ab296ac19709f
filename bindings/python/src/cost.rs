//! `tokenmeter.cost`, `Cost` and `CostLine`: the exact, itemized price of a `Usage`. Money is
//! `decimal.Decimal`; `to_dict()` gives it as exact decimal strings.

use pyo3::prelude::*;

use crate::catalog::PyCatalog;
use crate::chat::ModelArg;
use crate::error::IntoPyResult;
use crate::plain_data::{decimal, serde_to_python};
use crate::repr::py_str;
use crate::usage::PyUsage;

/// One line of a `Cost`: a kind of token, its quantity, unit price and amount.
#[pyclass(name = "CostLine", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyCostLine {
    inner: tokenmeter::CostLine,
}

/// The itemized, exact price of a usage.
#[pyclass(name = "Cost", module = "tokenmeter", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyCost {
    pub inner: tokenmeter::Cost,
}

impl From<tokenmeter::Cost> for PyCost {
    fn from(inner: tokenmeter::Cost) -> Self {
        Self { inner }
    }
}

/// The price options shared by cost, preflight and compare: variant (`"standard"`, `"batch"`,
/// `"flex"`, `"priority"`), the date or RFC 3339 time the price applies at (default today),
/// and a token bucket override.
pub fn options(variant: Option<&str>, at: Option<&str>, token_bucket: Option<u64>) -> PyResult<tokenmeter::CostOptions> {
    let mut o = tokenmeter::CostOptions::new();
    if let Some(v) = variant {
        o = o.with_variant(v.parse().py_err()?);
    }
    if let Some(at) = at {
        o = o.with_at(at.parse().py_err()?);
    }
    if let Some(b) = token_bucket {
        o = o.with_token_bucket(b);
    }
    Ok(o)
}

/// The catalog to look names up in: the caller's, or the bundled one.
pub fn catalog_of(catalog: Option<&PyCatalog>) -> &tokenmeter::Catalog {
    match catalog {
        Some(c) => c.catalog(),
        None => tokenmeter::Catalog::bundled(),
    }
}

/// Prices `usage` on `model` (a name looked up in `catalog`, default the bundled one, or a
/// `Model`) with the price in effect `at` that date.
#[pyfunction]
#[pyo3(signature = (model, usage, *, catalog = None, variant = None, at = None, token_bucket = None))]
pub fn cost(
    model: ModelArg,
    usage: PyRef<'_, PyUsage>,
    catalog: Option<PyRef<'_, PyCatalog>>,
    variant: Option<&str>,
    at: Option<&str>,
    token_bucket: Option<u64>,
) -> PyResult<PyCost> {
    let opts = options(variant, at, token_bucket)?;
    let cat = catalog_of(catalog.as_deref());
    let result = match model {
        ModelArg::Model(m) => tokenmeter::cost(&m.inner, &usage.inner, &opts),
        ModelArg::Name(name) => cat.cost(&name, &usage.inner, &opts),
    };
    Ok(result.py_err()?.into())
}

#[pymethods]
impl PyCostLine {
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    #[getter]
    fn quantity(&self) -> u64 {
        self.inner.quantity
    }
    #[getter]
    fn billed_quantity(&self) -> u64 {
        self.inner.billed_quantity
    }
    #[getter]
    fn unit_price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, &self.inner.unit_price)
    }
    #[getter]
    fn amount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, &self.inner.amount)
    }
    #[getter]
    fn variant(&self) -> &str {
        &self.inner.variant
    }
    #[getter]
    fn tier(&self) -> Option<u64> {
        self.inner.tier
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let l = &self.inner;
        format!("CostLine(kind='{}', quantity={}, unit_price=Decimal('{}'), amount=Decimal('{}'))", l.kind.as_str(), l.quantity, l.unit_price, l.amount)
    }
}

#[pymethods]
impl PyCost {
    #[getter]
    fn model(&self) -> &str {
        &self.inner.model
    }
    #[getter]
    fn currency(&self) -> &str {
        &self.inner.currency
    }
    /// The exact total.
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, &self.inner.total)
    }
    #[getter]
    fn lines(&self) -> Vec<PyCostLine> {
        self.inner.lines.iter().map(|l| PyCostLine { inner: l.clone() }).collect()
    }
    #[getter]
    fn variant(&self) -> &'static str {
        self.inner.variant.as_str()
    }
    #[getter]
    fn price_effective(&self) -> &str {
        &self.inner.price_effective
    }
    #[getter]
    fn price_source(&self) -> &str {
        &self.inner.price_source
    }
    /// `{"above", "input_tokens", "crossed", "tokens_until_crossing"}` for a tiered price.
    #[getter]
    fn tier<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner.tier)
    }
    #[getter]
    fn marginal_input_token<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.marginal_input_token.as_ref().map(|d| decimal(py, d)).transpose()
    }
    #[getter]
    fn marginal_output_token<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.marginal_output_token.as_ref().map(|d| decimal(py, d)).transpose()
    }
    #[getter]
    fn token_bucket(&self) -> Option<u64> {
        self.inner.token_bucket
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_python(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let c = &self.inner;
        format!("Cost(model={}, total=Decimal('{}'), currency={}, lines={})", py_str(&c.model), c.total, py_str(&c.currency), c.lines.len())
    }
}
