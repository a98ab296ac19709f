//! The Rust loader of the conformance vectors in `tests/vectors/` (the cross-language
//! contract). One test function per vector file; each runs every case, names every failing case
//! id, and fails if any case failed.
//!
//! The expectations come from reference implementations (see each file's `about` and
//! `tests/gen_vectors.py`); never edit them to make a test pass.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::path::{Path, PathBuf};

use serde_json::Value;
use tokenmeter::{
    Catalog, CostOptions, Decimal, Error, Keep, Message, PackOptions, Pass, PreflightInput, Pruner,
    Redactor, Section, Tokenizer, TruncateOptions, Usage, fit_messages, pack,
};

// =============================================================================================
// Shared runner
// =============================================================================================

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(file: &str) -> Value {
    let path = repo_root().join("tests/vectors").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    assert!(
        doc["about"].as_str().is_some_and(|s| !s.is_empty()),
        "{file}: missing about"
    );
    doc
}

/// What one case produced: a value to compare with `expect`, or an error.
type Outcome = Result<Value, Error>;

/// Runs `op` on every case of `file`, compares with `expect` or `error`, and panics with the list
/// of every failing case id.
fn run_file(file: &str, op: &str, run: impl Fn(&Value) -> Result<Outcome, String>) {
    let doc = load(file);
    assert_eq!(doc["op"], op, "{file}: op");
    let cases = doc["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: no cases"));
    assert!(!cases.is_empty(), "{file}: no cases");
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap_or("<no id>");
        let outcome = match run(&case["input"]) {
            Ok(o) => o,
            Err(harness) => {
                failures.push(format!("{id}: bad case: {harness}"));
                continue;
            }
        };
        match (
            case.get("expect"),
            case.get("error").and_then(Value::as_str),
            outcome,
        ) {
            (Some(expect), None, Ok(got)) => {
                if let Some(diff) = compare(expect, &got) {
                    failures.push(format!("{id}: {diff}"));
                }
            }
            (Some(_), None, Err(e)) => {
                failures.push(format!("{id}: unexpected error {}: {e}", e.code()))
            }
            (None, Some(code), Ok(got)) => {
                failures.push(format!("{id}: expected error {code}, got {got}"))
            }
            (None, Some(code), Err(e)) => {
                if e.code() != code {
                    failures.push(format!(
                        "{id}: expected error {code}, got {}: {e}",
                        e.code()
                    ));
                } else if e.to_string().trim().is_empty() {
                    failures.push(format!("{id}: error {code} has an empty message"));
                }
            }
            _ => failures.push(format!(
                "{id}: a case needs exactly one of expect and error"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{file}: {} of {} cases failed:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

/// Every key of `expect` must equal the same key of `got`, recursively: objects by their keys,
/// arrays element by element; `got` may carry more keys than the vector lists.
///
/// Three keys are checks rather than values (used by the fitting vectors): `contains` and
/// `not_contains` list strings that `got.text` must or must not hold, and `max_tokens` bounds
/// `got.tokens`.
fn compare(expect: &Value, got: &Value) -> Option<String> {
    let mut diffs = Vec::new();
    let text = got["text"].as_str().unwrap_or("");
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect()
    };
    match expect {
        Value::Object(fields) => {
            for (key, want) in fields {
                match key.as_str() {
                    "contains" => diffs.extend(
                        strings(want)
                            .iter()
                            .filter(|s| !text.contains(s.as_str()))
                            .map(|s| format!("text lacks {s:?}")),
                    ),
                    "not_contains" => diffs.extend(
                        strings(want)
                            .iter()
                            .filter(|s| text.contains(s.as_str()))
                            .map(|s| format!("text has {s:?}")),
                    ),
                    "max_tokens" => {
                        if got["tokens"].as_u64() > want.as_u64() {
                            diffs.push(format!("tokens {} over {want}", got["tokens"]));
                        }
                    }
                    _ => subset(key, want, got.get(key).unwrap_or(&Value::Null), &mut diffs),
                }
            }
        }
        _ => subset("", expect, got, &mut diffs),
    }
    (!diffs.is_empty()).then(|| diffs.join("; "))
}

fn subset(path: &str, expect: &Value, got: &Value, out: &mut Vec<String>) {
    match (expect, got) {
        (Value::Object(e), Value::Object(g)) => {
            for (k, ev) in e {
                let key = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                subset(&key, ev, g.get(k).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(e), Value::Array(g)) if e.len() == g.len() => {
            for (i, (ev, gv)) in e.iter().zip(g).enumerate() {
                subset(&format!("{path}[{i}]"), ev, gv, out);
            }
        }
        _ if expect != got => out.push(format!(
            "{path}: expected {}, got {}",
            short(expect),
            short(got)
        )),
        _ => {}
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        format!("{}...", s.chars().take(300).collect::<String>())
    } else {
        s
    }
}

fn str_field<'a>(input: &'a Value, key: &str) -> Result<&'a str, String> {
    input[key]
        .as_str()
        .ok_or_else(|| format!("input.{key} is not a string"))
}

fn bool_field(input: &Value, key: &str) -> Result<bool, String> {
    input[key]
        .as_bool()
        .ok_or_else(|| format!("input.{key} is not a boolean"))
}

// =============================================================================================
// count.json: tiktoken encodings against OpenAI's tiktoken
// =============================================================================================

/// Runs every way of counting one text and checks they agree with each other before returning
/// what is compared with the vector.
fn count_case(tok: &Tokenizer, text: &str) -> Outcome {
    let count = tok.count(text)?;
    let ids = tok.encode(text)?;
    let mut problems = Vec::new();
    if ids.len() != count {
        problems.push(format!("encode().len() {} != count() {count}", ids.len()));
    }
    let exact_limit = tok.count_up_to(text, count)?;
    if exact_limit.exceeded || exact_limit.tokens != count {
        problems.push(format!("count_up_to(limit = count) = {exact_limit:?}"));
    }
    // Below the count: exceeded, with a count above the limit that is still a lower bound of
    // the full count (counting may stop early).
    for limit in [count.saturating_sub(1), count / 2, 0] {
        if limit >= count {
            continue;
        }
        let under = tok.count_up_to(text, limit)?;
        if !under.exceeded || under.tokens <= limit || under.tokens > count {
            problems.push(format!(
                "count_up_to(limit = {limit}) = {under:?} (count {count})"
            ));
        }
    }
    let batch = tok.count_batch(&[text, text])?;
    if batch != [count, count] {
        problems.push(format!("count_batch = {batch:?}"));
    }
    if !tok.allows_special() && tok.decode(&ids)? != text {
        problems.push("decode(encode(text)) != text".to_string());
    }
    let mut out = serde_json::json!({ "tokens": count, "ids": ids });
    if !problems.is_empty() {
        out["inconsistent"] = Value::from(problems.join("; "));
        // Make the comparison fail even when tokens and ids match the vector.
        out["tokens"] = Value::Null;
    }
    Ok(out)
}

#[test]
fn count_vectors() {
    run_file("count.json", "count", |input| {
        let encoding = str_field(input, "encoding")?;
        let text = str_field(input, "text")?;
        let allow = bool_field(input, "allow_special")?;
        Ok(Tokenizer::from_encoding_name(encoding)
            .and_then(|tok| count_case(&tok.allow_special(allow), text)))
    });
}

// =============================================================================================
// chat.json: the OpenAI cookbook rule and published prompt_tokens
// =============================================================================================

fn chat_outcome(model: &str, request_json: &str) -> Outcome {
    let model = Catalog::bundled().get(model)?;
    let tokenizer = model.tokenizer()?;
    let (messages, tools) = tokenmeter::parse_chat(request_json)?;
    let counted = tokenmeter::count_chat(&tokenizer, model.chat_format, &messages, &tools)?;
    Ok(serde_json::json!({ "tokens": counted.tokens, "exact": counted.exact }))
}

#[test]
fn chat_vectors() {
    run_file("chat.json", "chat", |input| {
        let model = str_field(input, "model")?;
        let request = serde_json::json!({ "messages": input["messages"], "tools": input["tools"] });
        Ok(chat_outcome(model, &request.to_string()))
    });
}

// =============================================================================================
// resolve.json: catalog name resolution
// =============================================================================================

#[test]
fn resolve_vectors() {
    run_file("resolve.json", "resolve", |input| {
        let name = str_field(input, "name")?;
        Ok(Catalog::bundled()
            .get(name)
            .map(|m| serde_json::json!({ "model": m.id })))
    });
}

// =============================================================================================
// hf_count.json: tokenizer.json against Hugging Face tokenizers
// =============================================================================================

#[cfg(feature = "huggingface")]
#[test]
fn hf_count_vectors() {
    run_file("hf_count.json", "hf_count", |input| {
        let file = repo_root().join(str_field(input, "tokenizer_file")?);
        let text = str_field(input, "text")?;
        let allow = bool_field(input, "allow_special")?;
        Ok(Tokenizer::from_hf_file(&file).and_then(|tok| {
            let tok = tok.allow_special(allow);
            let count = tok.count(text)?;
            let ids = tok.encode(text)?;
            let batch = tok.count_batch(&[text])?;
            let consistent = ids.len() == count && batch == [count];
            Ok(serde_json::json!({ "tokens": consistent.then_some(count), "ids": ids }))
        }))
    });
}

// =============================================================================================
// errors.json: bad input and its error code
// =============================================================================================

#[test]
fn error_vectors() {
    run_file("errors.json", "errors", |input| {
        let op = str_field(input, "op")?;
        let outcome: Outcome = match op {
            "count" => Tokenizer::from_encoding_name(str_field(input, "encoding")?)
                .and_then(|t| t.count(str_field(input, "text").unwrap_or_default()))
                .map(Value::from),
            "model" => Catalog::bundled()
                .get(str_field(input, "model")?)
                .map(|m| Value::from(m.id.as_str())),
            "estimate" => {
                Tokenizer::estimate(str_field(input, "profile")?).map(|t| Value::from(t.name()))
            }
            "chat" => chat_outcome(str_field(input, "model")?, str_field(input, "chat_json")?),
            #[cfg(feature = "huggingface")]
            "hf_bytes" => Tokenizer::from_hf_bytes(str_field(input, "tokenizer_json")?.as_bytes())
                .map(|t| Value::from(t.name())),
            #[cfg(feature = "huggingface")]
            "hf_file" => {
                Tokenizer::from_hf_file(repo_root().join(str_field(input, "tokenizer_file")?))
                    .map(|t| Value::from(t.name()))
            }
            "decode" => {
                let ids: Vec<u32> = serde_json::from_value(input["ids"].clone())
                    .map_err(|e| format!("input.ids: {e}"))?;
                Tokenizer::from_encoding_name(str_field(input, "encoding")?)
                    .and_then(|t| t.decode(&ids))
                    .map(Value::from)
            }
            other => return Err(format!("unknown op {other}")),
        };
        Ok(outcome)
    });
}

// =============================================================================================
// price.json, preflight.json, compare.json: hand-worked prices (arithmetic in each case)
// =============================================================================================

fn cost_options(input: &Value) -> Result<CostOptions, Error> {
    let mut o = CostOptions::new();
    if let Some(at) = input["at"].as_str() {
        o = o.with_at(at.parse()?);
    }
    if let Some(v) = input["variant"].as_str() {
        o = o.with_variant(v.parse()?);
    }
    Ok(o)
}

fn prompt(input: &Value) -> Result<PreflightInput, Error> {
    let text = input.get("text").and_then(Value::as_str).map(str::to_string);
    let (messages, tools) = match input.get("messages") {
        Some(messages) => {
            let tools = input.get("tools").cloned().unwrap_or(Value::Array(vec![]));
            let doc = serde_json::json!({ "messages": messages, "tools": tools });
            let (m, t) = tokenmeter::parse_chat(&doc.to_string())?;
            (Some(m), Some(t))
        }
        // Tools without messages are passed on (empty), so the core can say what is wrong.
        None => (None, input.get("tools").map(|_| Vec::new())),
    };
    PreflightInput::from_parts(text, messages, tools)
}

fn price_outcome(input: &Value) -> Outcome {
    let usage = match input.get("usage_file").and_then(Value::as_str) {
        Some(file) => Usage::from_json(&std::fs::read_to_string(repo_root().join(file)).unwrap())?,
        None => Usage::from_value(&input["usage"])?,
    };
    let model = input["model"].as_str().unwrap_or_default();
    let cost = Catalog::bundled().cost(model, &usage, &cost_options(input)?)?;
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
fn price_vectors() {
    run_file("price.json", "price", |input| Ok(price_outcome(input)));
}

fn preflight_outcome(input: &Value) -> Outcome {
    let p = Catalog::bundled().preflight(
        input["model"].as_str().unwrap_or_default(),
        &prompt(input)?,
        input["max_output"].as_u64(),
        &cost_options(input)?,
    )?;
    let mut v = serde_json::to_value(&p).unwrap();
    v["least_cost"] = serde_json::to_value(p.least_cost.total).unwrap();
    v["worst_cost"] = serde_json::to_value(p.worst_cost.total).unwrap();
    v["warnings"] = p
        .warnings
        .iter()
        .map(|w| Value::from(w.kind.as_str()))
        .collect();
    Ok(v)
}

#[test]
fn preflight_vectors() {
    run_file("preflight.json", "preflight", |input| {
        Ok(preflight_outcome(input))
    });
}

fn compare_outcome(input: &Value) -> Outcome {
    let models: Vec<&str> = input["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let rows = tokenmeter::compare(
        Catalog::bundled(),
        &models,
        &prompt(input)?,
        input["output_tokens"].as_u64().unwrap_or(0),
        &cost_options(input)?,
    )?;
    Ok(serde_json::json!({ "rows": rows }))
}

#[test]
fn compare_vectors() {
    run_file("compare.json", "compare", |input| {
        Ok(compare_outcome(input))
    });
}

// =============================================================================================
// truncate.json, fit.json, pack.json, prune.json, redact.json: fitting (tests/gen_fitting_vectors.py)
// =============================================================================================

fn tokenizer(input: &Value) -> Result<Tokenizer, Error> {
    Tokenizer::from_encoding_name(input["encoding"].as_str().unwrap_or("o200k_base"))
}

fn budget(input: &Value) -> usize {
    input["budget"].as_u64().unwrap() as usize
}

#[test]
fn truncate_vectors() {
    run_file("truncate.json", "truncate", |input| {
        Ok((|| -> Outcome {
            let text = input["text"].as_str().unwrap();
            let keep: Keep = input["keep"].as_str().unwrap().parse()?;
            let mut opts = TruncateOptions::new(budget(input)).with_keep(keep);
            if let Some(m) = input["marker"].as_str() {
                opts = opts.with_marker(m);
            }
            let cut = tokenizer(input)?.truncate(text, &opts)?;
            // Both ends: the text is a prefix, the marker and a suffix of the input.
            let ends = cut.truncated
                && keep == Keep::Both
                && cut.text
                    == format!(
                        "{}{}{}",
                        &text[..cut.head_bytes],
                        opts.marker,
                        &text[text.len() - cut.tail_bytes..]
                    );
            Ok(serde_json::json!({
                "text": cut.text, "tokens": cut.tokens, "truncated": cut.truncated,
                "marker": if cut.text.contains(&opts.marker) { opts.marker.clone() } else { String::new() },
                "ends_preserved": ends,
            }))
        })())
    });
}

#[test]
fn fit_vectors() {
    run_file("fit.json", "fit", |input| {
        Ok((|| -> Outcome {
            let model = Catalog::bundled().get(input["model"].as_str().unwrap())?;
            let messages: Vec<Message> = serde_json::from_value(input["messages"].clone()).unwrap();
            let tools: Vec<tokenmeter::Tool> =
                serde_json::from_value(input["tools"].clone()).unwrap_or_default();
            let fitted = fit_messages(
                &model.tokenizer()?,
                model.chat_format,
                &messages,
                &tools,
                budget(input),
                &tokenmeter::FitPolicy::default(),
            )?;
            Ok(serde_json::json!({ "kept": fitted.kept, "tokens": fitted.tokens }))
        })())
    });
}

#[test]
fn pack_vectors() {
    run_file("pack.json", "pack", |input| {
        Ok((|| -> Outcome {
            let sections: Vec<Section> = input["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    Section::new(s["text"].as_str().unwrap(), s["priority"].as_i64().unwrap())
                        .with_position(s["position"].as_i64().unwrap())
                })
                .collect();
            let p = pack(
                &tokenizer(input)?,
                &sections,
                &PackOptions::new(budget(input)),
            )?;
            Ok(
                serde_json::json!({ "cutoff": p.cutoff, "included": p.included, "text": p.text, "tokens": p.tokens }),
            )
        })())
    });
}

#[test]
fn prune_vectors() {
    run_file("prune.json", "prune", |input| {
        Ok((|| -> Outcome {
            let passes: Vec<Pass> = input["passes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap().parse())
                .collect::<Result<_, _>>()?;
            let pruned =
                Pruner::new(passes).run(&tokenizer(input)?, input["text"].as_str().unwrap())?;
            Ok(serde_json::json!({
                "text": pruned.text, "tokens_before": pruned.tokens_before, "tokens_after": pruned.tokens_after,
            }))
        })())
    });
}

#[test]
fn redact_vectors() {
    run_file("redact.json", "redact", |input| {
        Ok((|| -> Outcome {
            let mut redactor = Redactor::new();
            for (label, re) in input["patterns"].as_object().into_iter().flatten() {
                redactor = redactor.with_pattern(label, re.as_str().unwrap())?;
            }
            let text = input["text"].as_str().unwrap();
            let r = redactor.run(&tokenizer(input)?, text, tokenmeter::RedactionMap::new())?;
            Ok(serde_json::json!({
                "text": r.text, "mapping": r.mapping, "restored": r.mapping.restore(&r.text),
                "tokens_before": r.tokens_before, "tokens_after": r.tokens_after,
            }))
        })())
    });
}
