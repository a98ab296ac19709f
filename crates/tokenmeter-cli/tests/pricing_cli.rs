//! The pricing commands' contract: `cost`, `preflight`, `compare`, their JSON shapes, and a
//! one-line error with a non-zero exit for every kind of bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn usage_file(name: &str) -> String {
    root().join("tests/data/usage").join(name).display().to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenmeter")).args(args).output().unwrap()
}

fn ok_json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Fails with exit status 1 and exactly one line on stderr containing `needle`.
fn fails(args: &[&str], needle: &str) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail: stdout {}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(err.lines().count(), 1, "{args:?}: one-line error expected, got {err}");
    assert!(err.starts_with("tokenmeter: error: "), "{err}");
    assert!(err.contains(needle), "{args:?}: `{needle}` not in {err}");
    assert!(out.stdout.is_empty(), "no result on failure");
}

fn tmp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("tokenmeter-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn cost_from_each_provider_payload() {
    for (model, file, at, total) in [
        ("gpt-5", "openai-chat-cached-reasoning.json", "2025-10-01", "0.0033475"),
        ("o3", "openai-responses-reasoning.json", "2025-07-01", "0.0245"),
        ("claude-sonnet-4-5", "anthropic-cache-5m-1h.json", "2025-10-10", "0.0249"),
        ("claude-sonnet-4-5", "anthropic-long-context.json", "2025-10-10", "0.981"),
        ("gemini-2.5-flash", "gemini-thoughts-cache-tools.json", "2025-11-01", "0.0048"),
        ("deepseek-reasoner", "deepseek-reasoner-cache.json", "2025-10-15", "0.0003388"),
    ] {
        let v = ok_json(&["cost", "--model", model, "--usage", &usage_file(file), "--at", at, "--json"]);
        assert_eq!(v["model"], model);
        assert_eq!(v["currency"], "USD");
        assert_eq!(v["total"], total, "{file}");
        assert!(v["lines"].as_array().unwrap().iter().all(|l| l["amount"].is_string() && l["kind"].is_string()));
    }
}

#[test]
fn cost_batch_flag_and_dated_prices() {
    let f = usage_file("anthropic-cache-5m-1h.json");
    let v = ok_json(&["cost", "--model", "claude-sonnet-4-5", "--usage", &f, "--batch", "--at", "2025-10-10", "--json"]);
    assert_eq!(v["total"], "0.01245");
    assert_eq!(v["variant"], "batch");
    // gpt-4o before and after 2024-10-02: $5/$15 then $2.50/$10.
    let before = ok_json(&["cost", "--model", "gpt-4o", "--input", "1000", "--output", "200", "--at", "2024-06-01", "--json"]);
    let after = ok_json(&["cost", "--model", "gpt-4o", "--input", "1000", "--output", "200", "--at", "2024-11-01", "--json"]);
    assert_eq!((before["total"].as_str(), after["total"].as_str()), (Some("0.008"), Some("0.0045")));
    assert_eq!(before["price_effective"], "2024-05-13");
}

#[test]
fn cost_with_a_forced_usage_format() {
    // Read as Anthropic, `input_tokens` excludes nothing: 100 x 3 + 10 x 15 = 450 u$.
    let f = tmp("bare.json", r#"{"input_tokens": 100, "output_tokens": 10}"#);
    let v = ok_json(&["cost", "--model", "claude-sonnet-4-5", "--usage", &f, "--usage-format", "anthropic", "--at", "2025-10-10", "--json"]);
    assert_eq!((v["total"].as_str(), v["usage"]["format"].as_str()), (Some("0.00045"), Some("anthropic")));
    fails(&["cost", "--model", "gpt-4o", "--usage", &f, "--usage-format", "openai_chat"], "`prompt_tokens` is missing");
    fails(&["cost", "--model", "gpt-4o", "--usage", &f, "--usage-format", "cohere"], "unknown usage format");
}

#[test]
fn cost_of_grok_usage_takes_reasoning_outside_completion() {
    // xAI's rule, with no total_tokens to show it: grok-4 $3/$15; 1000 x 3 + (500 + 300) x 15 = 15000 u$.
    let f = tmp("grok.json", r#"{"prompt_tokens": 1000, "completion_tokens": 500, "completion_tokens_details": {"reasoning_tokens": 300}}"#);
    let v = ok_json(&["cost", "--model", "grok-4", "--usage", &f, "--at", "2025-10-01", "--json"]);
    assert_eq!(v["total"].as_str(), Some("0.015"));
    assert_eq!((v["usage"]["format"].as_str(), v["usage"]["output_tokens"].as_u64()), (Some("xai"), Some(500)));
    // The same object on gpt-5 keeps OpenAI's rule: 1000 x 1.25 + 500 x 10 = 6250 u$.
    let v = ok_json(&["cost", "--model", "gpt-5", "--usage", &f, "--at", "2025-10-01", "--json"]);
    assert_eq!(v["total"].as_str(), Some("0.00625"));
    let v = ok_json(&["cost", "--model", "grok-4", "--usage", &f, "--usage-format", "xai", "--at", "2025-10-01", "--json"]);
    assert_eq!(v["total"].as_str(), Some("0.015"));
}

#[test]
fn cost_from_counts_with_cached_input() {
    // --input includes the cached tokens: 200 x 2.5 + 800 x 1.25 + 200 x 10 = 500 + 1000 + 2000 u$.
    let v = ok_json(&["cost", "--model", "gpt-4o", "--input", "1000", "--cached-input", "800", "--output", "200", "--at", "2025-01-01", "--json"]);
    assert_eq!(v["total"], "0.0035");
    let kinds: Vec<&str> = v["lines"].as_array().unwrap().iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["input", "cache_read", "output"]);
    // Text output ends with the total.
    let out = run(&["cost", "--model", "gpt-4o", "--input", "1000", "--output", "200", "--at", "2025-01-01"]);
    assert!(String::from_utf8_lossy(&out.stdout).trim_end().ends_with("total $0.0045 USD"));
}

#[test]
fn cost_with_per_1k_buckets_and_price_files() {
    // 1001 input tokens billed as 2000: 2000 x 2.5 = 5000 u$; 1 output billed as 1000 x 10 = 10000 u$.
    let v = ok_json(&["cost", "--model", "gpt-4o", "--input", "1001", "--output", "1", "--bucket", "1000", "--at", "2025-01-01", "--json"]);
    assert_eq!(v["total"], "0.015");
    let override_file = tmp(
        "override.json",
        r#"{"prices": {"gpt-4o": [{"effective": "2025-01-01", "source": "contract", "rates": {"input": "1", "output": "4"}}]}}"#,
    );
    let v = ok_json(&["cost", "--model", "gpt-4o", "--input", "1000", "--output", "1000", "--prices", &override_file, "--at", "2025-06-01", "--json"]);
    assert_eq!(v["total"], "0.005");
    let litellm = root().join("crates/tokenmeter/tests/data/litellm_excerpt.json").display().to_string();
    // Imported as effective on --at; 1000 x 5 + 1000 x 30 per million for the added gpt-5.6-sol.
    let v = ok_json(&["cost", "--model", "gpt-5.6-sol", "--input", "1000", "--output", "1000", "--prices", &litellm, "--at", "2026-08-01", "--json"]);
    assert_eq!(v["total"], "0.035");
}

#[test]
fn cost_bad_inputs() {
    fails(&["cost", "--model", "gpt-4oo", "--input", "1", "--output", "1"], "did you mean gpt-4o");
    fails(&["cost", "--model", "gpt-4o", "--usage", &usage_file("bad-cached-above-prompt.json")], "cached_tokens` (120) is more than `prompt_tokens` (100)");
    fails(&["cost", "--model", "claude-sonnet-4-5", "--usage", &usage_file("bad-negative.json")], "`input_tokens` is negative");
    fails(&["cost", "--model", "gpt-4o", "--usage", &usage_file("bad-missing.json")], "`prompt_tokens` is missing");
    fails(&["cost", "--model", "deepseek-chat", "--usage", &usage_file("bad-deepseek-hit-miss.json")], "prompt_cache_miss_tokens");
    fails(&["cost", "--model", "gpt-4o", "--usage", "/nonexistent/usage.json"], "cannot read `/nonexistent/usage.json`");
    fails(&["cost", "--model", "gpt-4o", "--usage", &tmp("notjson.json", "{nope")], "not JSON");
    fails(&["cost", "--model", "gpt-4o", "--input", "-5", "--output", "1"], "--input must be a whole, non-negative number");
    fails(&["cost", "--model", "gpt-4o", "--input", "10", "--output", "1.5"], "--output must be a whole");
    fails(&["cost", "--model", "gpt-4o", "--input", "10", "--cached-input", "11", "--output", "1"], "--cached-input (11) is more than --input (10)");
    fails(&["cost", "--model", "gpt-4o", "--input", "10"], "give --usage FILE, or both --input N and --output N");
    fails(&["cost", "--model", "gpt-4o", "--input", "1", "--output", "1", "--prices", "/nonexistent/prices.json"], "cannot read `/nonexistent/prices.json`");
    fails(&["cost", "--model", "gpt-4o", "--input", "1", "--output", "1", "--prices", &tmp("bad-prices.json", "[1,2")], "price override JSON");
    // A LiteLLM entry for a catalog model with a cost that is not a number: an error naming the
    // key and field, not the bundled price with exit 0.
    let bad_litellm = tmp(
        "bad-litellm.json",
        r#"{"gpt-4o": {"input_cost_per_token": "1e-06", "output_cost_per_token": 4e-06, "litellm_provider": "openai", "mode": "chat"}}"#,
    );
    fails(&["cost", "--model", "gpt-4o", "--input", "1", "--output", "1", "--prices", &bad_litellm], "`gpt-4o`");
    fails(&["cost", "--model", "gpt-4o", "--input", "1", "--output", "1", "--prices", &bad_litellm], "`input_cost_per_token`");
    fails(&["cost", "--model", "gpt-4o", "--input", "1", "--output", "1", "--at", "last tuesday"], "is not a date");
    fails(&["cost", "--model", "gpt-5", "--input", "1", "--output", "1", "--at", "2025-01-01"], "no price for model `gpt-5`");
    fails(&["cost", "--model", "deepseek-chat", "--input", "1", "--output", "1", "--batch", "--at", "2025-10-15"], "no batch price");
    fails(&["cost", "--model", "gpt-4o", "--input", "1", "--output", "1", "--variant", "cheap"], "unknown price variant");
}

#[test]
fn preflight_text_and_chat() {
    let prompt = tmp("prompt.txt", "hello world");
    let v = ok_json(&["preflight", "--model", "gpt-4o", &prompt, "--max-output", "1000", "--at", "2025-01-15", "--json"]);
    assert_eq!(v["input_tokens"], 2);
    assert_eq!(v["fits"], true);
    assert_eq!(v["room_left"], 126_998);
    assert_eq!(v["least_cost"]["total"], "0.000005");
    assert_eq!(v["worst_cost"]["total"], "0.010005");
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
    let v = ok_json(&["preflight", "--model", "gpt-4o", &prompt, "--at", "2025-01-15", "--json"]);
    assert_eq!(v["warnings"][0]["kind"], "no_max_output");
    let chat = tmp(
        "chat.json",
        r#"{"messages": [{"role": "user", "content": "What is the weather in Paris?"}],
            "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Get the weather",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]}"#,
    );
    let v = ok_json(&["preflight", "--model", "gpt-4o", "--chat", &chat, "--max-output", "100", "--at", "2025-01-15", "--json"]);
    assert!(v["input_tokens"].as_u64().unwrap() > 20);
    let out = run(&["preflight", "--model", "claude-sonnet-4-5", &prompt, "--max-output", "100000", "--at", "2025-10-10"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning: cap_above_model_max"), "{text}");
    assert!(text.contains("warning: estimated"), "{text}");
}

#[test]
fn preflight_bad_inputs() {
    let prompt = tmp("prompt2.txt", "hello world");
    fails(&["preflight", "--model", "claud-sonet-4-5", &prompt], "unknown model `claud-sonet-4-5`");
    fails(&["preflight", "--model", "gpt-4o", "/nonexistent/prompt.txt"], "cannot read");
    fails(&["preflight", "--model", "gpt-4o", "--chat", &tmp("badchat.json", "{\"messages\": 3}")], "chat JSON");
    fails(&["preflight", "--model", "gpt-4o", &prompt, "--max-output", "-1"], "--max-output must be a whole");
}

#[test]
fn compare_cheapest_first() {
    let prompt = tmp("cmp.txt", "hello world");
    let v = ok_json(&["compare", &prompt, "--models", "gpt-4o,gpt-4o-mini,gpt-4.1-nano", "--output-tokens", "100", "--at", "2025-06-01", "--json"]);
    let rows = v["rows"].as_array().unwrap();
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r["model"].as_str().unwrap(), r["cost_per_request"].as_str().unwrap(), r["cost_per_1k_requests"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("gpt-4.1-nano", "0.0000402", "0.0402"), ("gpt-4o-mini", "0.0000603", "0.0603"), ("gpt-4o", "0.001005", "1.005")]);
    let out = run(&["compare", &prompt, "--models", "gpt-4o,claude-sonnet-4-5", "--output-tokens", "10"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() == 3);
}

#[test]
fn compare_bad_inputs() {
    let prompt = tmp("cmp2.txt", "hello world");
    fails(&["compare", &prompt, "--models", "gpt-4o,gemini-9-ultra"], "unknown model `gemini-9-ultra`");
    fails(&["compare", &prompt, "--models", "gpt-4o", "--output-tokens", "lots"], "--output-tokens must be a whole");
    fails(&["compare", "/nonexistent/prompt.txt", "--models", "gpt-4o"], "cannot read");
    fails(&["compare", &prompt, "--models", "gpt-5", "--at", "2024-01-01"], "no price");
}
