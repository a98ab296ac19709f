//! Plain data crossing the boundary: Python values (dicts, lists, str, int, float, bool, None,
//! `Decimal`, and SDK response objects) to JSON values for the core's serde types, and back.
//!
//! SDK objects (OpenAI, Anthropic, Google) are recognised by duck typing, never imported: an
//! object with `to_dict()` (OpenAI and Anthropic SDKs) or `model_dump()` (any pydantic model) is
//! converted through that method, and keys whose value is `None` are dropped from it, because the
//! SDKs serialise unset optional fields as `None`.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PySequence, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::error::invalid;

/// Converts a Python value to JSON. `what` names the argument in error messages.
pub fn to_json(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    convert(obj, what, false, 0)
}

const MAX_DEPTH: usize = 128;

fn convert(obj: &Bound<'_, PyAny>, path: &str, from_sdk: bool, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(invalid(format!("{path}: nested deeper than {MAX_DEPTH} levels")));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(invalid(format!("{path}: integer {obj} is out of range")));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| invalid(format!("{path}: {v} is not a finite number")));
    }
    if obj.get_type().name()?.to_cow()? == "Decimal" {
        // Exact: the decimal string, which the core parses as a decimal.
        return Ok(Value::String(obj.str()?.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return convert_items(d.iter(), path, from_sdk, depth);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            out.push(convert(&item?, &format!("{path}[{i}]"), from_sdk, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    for method in ["to_dict", "model_dump"] {
        if obj.hasattr(method)? {
            let plain = obj.call_method0(method)?;
            return convert(&plain, path, true, depth + 1);
        }
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        let items = m.items()?;
        let pairs = items.iter().map(|kv| -> PyResult<_> { kv.extract() });
        let pairs: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = pairs.collect::<PyResult<_>>()?;
        return convert_items(pairs.into_iter(), path, from_sdk, depth);
    }
    if let Ok(seq) = obj.cast::<PySequence>() {
        let mut out = Vec::new();
        for i in 0..seq.len()? {
            out.push(convert(&seq.get_item(i)?, &format!("{path}[{i}]"), from_sdk, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    Err(invalid(format!(
        "{path}: cannot use a `{}` here; expected a dict, list, str, int, float, bool, None, \
         Decimal, or an object with to_dict() or model_dump()",
        obj.get_type().name()?
    )))
}

fn convert_items<'py>(
    items: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    path: &str,
    from_sdk: bool,
    depth: usize,
) -> PyResult<Value> {
    let mut out = Map::new();
    for (k, v) in items {
        let key = match k.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => return Err(invalid(format!("{path}: dict keys must be str, got {}", k.repr()?))),
        };
        if from_sdk && v.is_none() {
            continue;
        }
        let value = convert(&v, &format!("{path}.{key}"), from_sdk, depth + 1)?;
        out.insert(key, value);
    }
    Ok(Value::Object(out))
}

/// Converts a JSON value to plain Python data (dict, list, str, int, float, bool, None).
pub fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serialises a core value to Python data through its serde form.
pub fn serde_to_python<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| invalid(format!("cannot serialise: {e}")))?;
    to_python(py, &json)
}

/// An exact decimal as Python's `decimal.Decimal`, crossing the boundary as its decimal string.
pub fn decimal<'py>(py: Python<'py>, value: &tokenmeter::Decimal) -> PyResult<Bound<'py, PyAny>> {
    static DECIMAL: pyo3::sync::PyOnceLock<Py<pyo3::types::PyType>> = pyo3::sync::PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")?.call1((value.to_string(),))
}
