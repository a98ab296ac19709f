//! The conformance vectors in `tests/vectors/` (the cross-language contract), one test function
//! per operation file. Each function runs every case of its file and reports failing case ids.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use tokenmeter::{
    Catalog, Keep, Message, PackOptions, Pass, Pruner, Redactor, Section, Tokenizer,
    TruncateOptions, fit_messages, pack,
};

fn load(op: &str) -> Vec<Value> {
    let path = format!("{}/../../tests/vectors/{op}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["op"], op);
    assert!(file["about"].as_str().is_some_and(|a| !a.is_empty()), "{op}: about is required");
    file["cases"].as_array().unwrap().clone()
}

/// Runs `check` on every case; a case with `error` must fail with that code.
fn run_cases(op: &str, check: impl Fn(&Value) -> Result<Value, tokenmeter::Error>) {
    let mut failures = Vec::new();
    let cases = load(op);
    assert!(!cases.is_empty());
    for case in &cases {
        let id = case["id"].as_str().unwrap_or("?");
        let outcome = check(&case["input"]);
        match (case.get("error"), outcome) {
            (Some(code), Err(e)) if code == e.code() => {}
            (Some(code), other) => failures.push(format!("{id}: expected error {code}, got {other:?}")),
            (None, Err(e)) => failures.push(format!("{id}: unexpected error {e}")),
            (None, Ok(actual)) => {
                if let Err(why) = compare(&case["expect"], &actual) {
                    failures.push(format!("{id}: {why}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{op}: {} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// Every key of `expect` must match `actual`; `contains`/`not_contains` test `actual.text`,
/// `max_tokens` bounds `actual.tokens`.
fn compare(expect: &Value, actual: &Value) -> Result<(), String> {
    let text = actual["text"].as_str().unwrap_or("");
    for (key, want) in expect.as_object().ok_or("expect must be an object")? {
        match key.as_str() {
            "contains" => {
                for s in want.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !text.contains(s) {
                        return Err(format!("text lacks {s:?}: {text:?}"));
                    }
                }
            }
            "not_contains" => {
                for s in want.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if text.contains(s) {
                        return Err(format!("text has {s:?}: {text:?}"));
                    }
                }
            }
            "max_tokens" => {
                if actual["tokens"].as_u64() > want.as_u64() {
                    return Err(format!("tokens {} over {want}", actual["tokens"]));
                }
            }
            _ => {
                if &actual[key] != want {
                    return Err(format!("{key}: want {want}, got {}", actual[key]));
                }
            }
        }
    }
    Ok(())
}

fn tokenizer(input: &Value) -> Tokenizer {
    Tokenizer::from_encoding_name(input["encoding"].as_str().unwrap_or("o200k_base")).unwrap()
}

fn budget(input: &Value) -> usize {
    input["budget"].as_u64().unwrap() as usize
}

#[test]
fn truncate_vectors() {
    run_cases("truncate", |input| {
        let text = input["text"].as_str().unwrap();
        let keep: Keep = input["keep"].as_str().unwrap().parse()?;
        let mut opts = TruncateOptions::new(budget(input)).with_keep(keep);
        if let Some(m) = input["marker"].as_str() {
            opts = opts.with_marker(m);
        }
        let cut = tokenizer(input).truncate(text, &opts)?;
        // Both ends: the text is a prefix, the marker and a suffix of the input.
        let ends = cut.truncated
            && keep == Keep::Both
            && cut.text
                == format!("{}{}{}", &text[..cut.head_bytes], opts.marker, &text[text.len() - cut.tail_bytes..]);
        Ok(serde_json::json!({
            "text": cut.text, "tokens": cut.tokens, "truncated": cut.truncated,
            "marker": if cut.text.contains(&opts.marker) { opts.marker.clone() } else { String::new() },
            "ends_preserved": ends,
        }))
    });
}

#[test]
fn fit_vectors() {
    run_cases("fit", |input| {
        let model = Catalog::bundled().get(input["model"].as_str().unwrap())?;
        let messages: Vec<Message> = serde_json::from_value(input["messages"].clone()).unwrap();
        let tools: Vec<tokenmeter::Tool> = serde_json::from_value(input["tools"].clone()).unwrap_or_default();
        let fitted = fit_messages(
            &model.tokenizer()?,
            model.chat_format,
            &messages,
            &tools,
            budget(input),
            &tokenmeter::FitPolicy::default(),
        )?;
        Ok(serde_json::json!({ "kept": fitted.kept, "tokens": fitted.tokens }))
    });
}

#[test]
fn pack_vectors() {
    run_cases("pack", |input| {
        let sections: Vec<Section> = input["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                Section::new(s["text"].as_str().unwrap(), s["priority"].as_i64().unwrap())
                    .with_position(s["position"].as_i64().unwrap())
            })
            .collect();
        let p = pack(&tokenizer(input), &sections, &PackOptions::new(budget(input)))?;
        Ok(serde_json::json!({ "cutoff": p.cutoff, "included": p.included, "text": p.text, "tokens": p.tokens }))
    });
}

#[test]
fn prune_vectors() {
    run_cases("prune", |input| {
        let passes: Vec<Pass> = input["passes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().parse())
            .collect::<Result<_, _>>()?;
        let pruned = Pruner::new(passes).run(&tokenizer(input), input["text"].as_str().unwrap())?;
        Ok(serde_json::json!({
            "text": pruned.text, "tokens_before": pruned.tokens_before, "tokens_after": pruned.tokens_after,
        }))
    });
}

#[test]
fn redact_vectors() {
    run_cases("redact", |input| {
        let mut redactor = Redactor::new();
        for (label, re) in input["patterns"].as_object().into_iter().flatten() {
            redactor = redactor.with_pattern(label, re.as_str().unwrap())?;
        }
        let text = input["text"].as_str().unwrap();
        let r = redactor.run(&tokenizer(input), text, tokenmeter::RedactionMap::new())?;
        Ok(serde_json::json!({
            "text": r.text, "mapping": r.mapping, "restored": r.mapping.restore(&r.text),
            "tokens_before": r.tokens_before, "tokens_after": r.tokens_after,
        }))
    });
}
