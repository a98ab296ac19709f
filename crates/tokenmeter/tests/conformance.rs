//! The Rust loader of the conformance vectors in `tests/vectors/` (the cross-language
//! contract). One test function per vector file; each runs every case, names every failing case
//! id, and fails if any case failed.
//!
//! The expectations come from reference implementations (see each file's `about` and
//! `tests/gen_vectors.py`); never edit them to make a test pass.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::path::{Path, PathBuf};

use serde_json::Value;
use tokenmeter::{Catalog, Error, Tokenizer};

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
    let doc: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    assert!(doc["about"].as_str().is_some_and(|s| !s.is_empty()), "{file}: missing about");
    doc
}

/// What one case produced: a value to compare with `expect`, or an error.
type Outcome = Result<Value, Error>;

/// Runs `op` on every case of `file`, compares with `expect` or `error`, and panics with the list
/// of every failing case id.
fn run_file(file: &str, op: &str, run: impl Fn(&Value) -> Result<Outcome, String>) {
    let doc = load(file);
    assert_eq!(doc["op"], op, "{file}: op");
    let cases = doc["cases"].as_array().unwrap_or_else(|| panic!("{file}: no cases"));
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
        match (case.get("expect"), case.get("error").and_then(Value::as_str), outcome) {
            (Some(expect), None, Ok(got)) => {
                if let Some(diff) = compare(expect, &got) {
                    failures.push(format!("{id}: {diff}"));
                }
            }
            (Some(_), None, Err(e)) => failures.push(format!("{id}: unexpected error {}: {e}", e.code())),
            (None, Some(code), Ok(got)) => failures.push(format!("{id}: expected error {code}, got {got}")),
            (None, Some(code), Err(e)) => {
                if e.code() != code {
                    failures.push(format!("{id}: expected error {code}, got {}: {e}", e.code()));
                } else if e.to_string().trim().is_empty() {
                    failures.push(format!("{id}: error {code} has an empty message"));
                }
            }
            _ => failures.push(format!("{id}: a case needs exactly one of expect and error")),
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

/// Every key of `expect` must equal the same key of `got`.
fn compare(expect: &Value, got: &Value) -> Option<String> {
    let Value::Object(fields) = expect else {
        return (expect != got).then(|| format!("expected {expect}, got {got}"));
    };
    let mut diffs = Vec::new();
    for (key, want) in fields {
        let have = got.get(key).unwrap_or(&Value::Null);
        if want != have {
            diffs.push(format!("{key}: expected {}, got {}", short(want), short(have)));
        }
    }
    (!diffs.is_empty()).then(|| diffs.join("; "))
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 { format!("{}...", s.chars().take(300).collect::<String>()) } else { s }
}

fn str_field<'a>(input: &'a Value, key: &str) -> Result<&'a str, String> {
    input[key].as_str().ok_or_else(|| format!("input.{key} is not a string"))
}

fn bool_field(input: &Value, key: &str) -> Result<bool, String> {
    input[key].as_bool().ok_or_else(|| format!("input.{key} is not a boolean"))
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
            problems.push(format!("count_up_to(limit = {limit}) = {under:?} (count {count})"));
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
            "model" => Catalog::bundled().get(str_field(input, "model")?).map(|m| Value::from(m.id.as_str())),
            "estimate" => Tokenizer::estimate(str_field(input, "profile")?).map(|t| Value::from(t.name())),
            "chat" => chat_outcome(str_field(input, "model")?, str_field(input, "chat_json")?),
            #[cfg(feature = "huggingface")]
            "hf_bytes" => Tokenizer::from_hf_bytes(str_field(input, "tokenizer_json")?.as_bytes())
                .map(|t| Value::from(t.name())),
            #[cfg(feature = "huggingface")]
            "hf_file" => Tokenizer::from_hf_file(repo_root().join(str_field(input, "tokenizer_file")?))
                .map(|t| Value::from(t.name())),
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
