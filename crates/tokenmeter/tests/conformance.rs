//! The Rust loader of the cross-language conformance vectors in `tests/vectors/<op>.json`.
//!
//! Each op has one `#[test]` that runs every case of its file by id and reports all failures
//! together. Shared plumbing is at the top; each op's checks live in their own section.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use serde_json::Value;
use tokenmeter::{Catalog, CostOptions, Decimal, PreflightInput, Usage};

// ---------------------------------------------------------------------------------------------
// Shared plumbing
// ---------------------------------------------------------------------------------------------

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The cases of `tests/vectors/<op>.json`.
fn cases(op: &str) -> Vec<Value> {
    let path = repo_root().join("tests/vectors").join(format!("{op}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["op"], op, "{} names another op", path.display());
    assert!(doc["about"].as_str().is_some_and(|a| !a.is_empty()), "{op}.json needs an `about`");
    let cases = doc["cases"].as_array().unwrap().clone();
    let mut ids: Vec<&str> = cases.iter().map(|c| c["id"].as_str().expect("case id")).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "{op}.json has duplicate case ids");
    cases
}

/// Runs `check` on every case; a case with `error` must fail with that `Error::code()`.
fn run(op: &str, check: impl Fn(&Value) -> Result<Value, tokenmeter::Error>, compare: impl Fn(&Value, &Value) -> Vec<String>) {
    let mut failures = Vec::new();
    let all = cases(op);
    assert!(!all.is_empty(), "{op}.json has no cases");
    for case in &all {
        let id = case["id"].as_str().unwrap();
        match (check(&case["input"]), case.get("error").and_then(Value::as_str)) {
            (Ok(got), None) => {
                for problem in compare(&case["expect"], &got) {
                    failures.push(format!("{op}/{id}: {problem}"));
                }
            }
            (Ok(got), Some(code)) => failures.push(format!("{op}/{id}: expected error {code}, got {got}")),
            (Err(e), None) => failures.push(format!("{op}/{id}: unexpected error {}: {e}", e.code())),
            (Err(e), Some(code)) if e.code() != code => {
                failures.push(format!("{op}/{id}: expected error {code}, got {}: {e}", e.code()))
            }
            (Err(_), Some(_)) => {}
        }
    }
    assert!(failures.is_empty(), "{} failing case(s):\n{}", failures.len(), failures.join("\n"));
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().and_then(|s| s.parse().ok())
}

/// Every key of `expect` must match `got`: decimals by value, arrays element-wise.
fn subset(path: &str, expect: &Value, got: &Value, out: &mut Vec<String>) {
    match (expect, got) {
        (Value::Object(e), Value::Object(g)) => {
            for (k, ev) in e {
                match g.get(k) {
                    Some(gv) => subset(&format!("{path}.{k}"), ev, gv, out),
                    None => out.push(format!("{path}.{k}: missing in result")),
                }
            }
        }
        (Value::Array(e), Value::Array(g)) => {
            if e.len() != g.len() {
                out.push(format!("{path}: expected {} items, got {}: {got}", e.len(), g.len()));
                return;
            }
            for (i, (ev, gv)) in e.iter().zip(g).enumerate() {
                subset(&format!("{path}[{i}]"), ev, gv, out);
            }
        }
        (Value::String(_), Value::String(_)) if dec(expect).is_some() && dec(got).is_some() && dec(expect) != dec(got) => {
            out.push(format!("{path}: expected {expect}, got {got}"));
        }
        (Value::String(_), Value::String(_)) if dec(expect).is_some() && dec(got).is_some() => {}
        _ if expect != got => out.push(format!("{path}: expected {expect}, got {got}")),
        _ => {}
    }
}

fn compare_subset(expect: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
    subset("expect", expect, got, &mut out);
    out
}

fn options(input: &Value) -> Result<CostOptions, tokenmeter::Error> {
    let mut o = CostOptions::new();
    if let Some(at) = input["at"].as_str() {
        o = o.with_at(at.parse()?);
    }
    if let Some(v) = input["variant"].as_str() {
        o = o.with_variant(v.parse()?);
    }
    Ok(o)
}

fn prompt(input: &Value) -> PreflightInput {
    match input.get("messages") {
        Some(messages) => {
            let doc = serde_json::json!({"messages": messages, "tools": input.get("tools").cloned().unwrap_or(Value::Array(vec![]))});
            let (m, t) = tokenmeter::parse_chat(&doc.to_string()).unwrap();
            PreflightInput::chat(m, t)
        }
        None => PreflightInput::text(input["text"].as_str().unwrap()),
    }
}

// ---------------------------------------------------------------------------------------------
// price.json
// ---------------------------------------------------------------------------------------------

fn price_case(input: &Value) -> Result<Value, tokenmeter::Error> {
    let usage = match input.get("usage_file").and_then(Value::as_str) {
        Some(file) => Usage::from_json(&std::fs::read_to_string(repo_root().join(file)).unwrap())?,
        None => Usage::from_value(&input["usage"])?,
    };
    let cost = Catalog::bundled().cost(input["model"].as_str().unwrap(), &usage, &options(input)?)?;
    // The itemized lines always add up to the total.
    let sum: Decimal = cost.lines.iter().map(|l| l.amount).sum();
    assert_eq!(sum, cost.total, "lines do not add up for {input}");
    let mut v = serde_json::to_value(&cost).unwrap();
    // Expectations list only kind, quantity, unit_price and amount per line.
    for line in v["lines"].as_array_mut().unwrap() {
        let l = line.as_object_mut().unwrap();
        l.retain(|k, _| matches!(k.as_str(), "kind" | "quantity" | "unit_price" | "amount"));
    }
    Ok(v)
}

#[test]
fn price() {
    run("price", price_case, compare_subset);
}

// ---------------------------------------------------------------------------------------------
// preflight.json
// ---------------------------------------------------------------------------------------------

fn preflight_case(input: &Value) -> Result<Value, tokenmeter::Error> {
    let p = Catalog::bundled().preflight(
        input["model"].as_str().unwrap(),
        &prompt(input),
        input["max_output"].as_u64(),
        &options(input)?,
    )?;
    let mut v = serde_json::to_value(&p).unwrap();
    v["least_cost"] = serde_json::to_value(p.least_cost.total).unwrap();
    v["worst_cost"] = serde_json::to_value(p.worst_cost.total).unwrap();
    v["warnings"] = p.warnings.iter().map(|w| Value::from(w.kind.as_str())).collect();
    Ok(v)
}

#[test]
fn preflight() {
    run("preflight", preflight_case, compare_subset);
}

// ---------------------------------------------------------------------------------------------
// compare.json
// ---------------------------------------------------------------------------------------------

fn compare_case(input: &Value) -> Result<Value, tokenmeter::Error> {
    let models: Vec<&str> = input["models"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    let rows = tokenmeter::compare(
        Catalog::bundled(),
        &models,
        &prompt(input),
        input["output_tokens"].as_u64().unwrap_or(0),
        &options(input)?,
    )?;
    Ok(serde_json::json!({ "rows": rows }))
}

#[test]
fn compare() {
    run("compare", compare_case, compare_subset);
}
