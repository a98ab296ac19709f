//! `tokenmeter fit`, `prune` and `redact`: outputs, JSON shapes and one-line errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs the binary with `args` and `stdin`; returns (status code, stdout, stderr).
fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenmeter"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit (bad arguments) before reading its input.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn temp_file(name: &str, contents: &str) -> String {
    let dir = std::env::temp_dir().join(format!("tokenmeter-fitting-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

/// A bad-input run: status 1, nothing on stdout, exactly one line on stderr naming the problem.
fn assert_one_line_error(args: &[&str], stdin: &str, needle: &str) {
    let (code, out, err) = run(args, stdin);
    assert_eq!(code, 1, "{args:?}: stderr {err}");
    assert!(out.is_empty(), "{args:?}: stdout {out}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("tokenmeter: error: ") && err.contains(needle), "{args:?}: {err}");
}

#[test]
fn fit_text_plain_and_json() {
    let (code, out, _) = run(&["fit", "--budget", "3"], "one two three four five");
    assert_eq!((code, out.as_str()), (0, "one two three"));
    let (_, out, _) = run(&["fit", "--budget", "2", "--keep", "tail", "--json"], "one two three four five");
    let v = json(&out);
    assert_eq!(v["text"], " four five");
    assert_eq!(v["tokens"], 2);
    assert_eq!(v["cut_tokens"], 3);
    let (_, out, _) = run(&["fit", "--budget", "9", "--keep", "both", "--encoding", "cl100k_base", "--json"], &"word ".repeat(50));
    let v = json(&out);
    assert!(v["tokens"].as_u64().unwrap() <= 9);
    assert!(v["text"].as_str().unwrap().contains("[…]"));
}

#[test]
fn fit_chat_json_reports_kept_and_dropped() {
    let chat = r#"{"messages": [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Tell me everything about the history of lighthouses in Europe."},
        {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "search", "arguments": "{\"q\":\"lighthouses\"}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "Pharos of Alexandria; Tower of Hercules; Eddystone."},
        {"role": "assistant", "content": "The oldest working one is the Tower of Hercules."},
        {"role": "user", "content": "Thanks!"}
    ]}"#;
    let path = temp_file("chat.json", chat);
    let (code, out, err) = run(&["fit", "--chat", &path, "--budget", "1040", "--reserve-output", "1000", "--model", "gpt-4o", "--json"], "");
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert!(v["tokens"].as_u64().unwrap() <= 40);
    assert_eq!(v["budget"], 40);
    let kept: Vec<u64> = v["kept"].as_array().unwrap().iter().map(|k| k.as_u64().unwrap()).collect();
    assert!(kept.contains(&0) && kept.contains(&5));
    assert_eq!(kept.contains(&2), kept.contains(&3), "tool pair split: {kept:?}");
    assert_eq!(v["messages"].as_array().unwrap().len(), kept.len());
    assert!(!v["dropped"].as_array().unwrap().is_empty());
    assert!(v["dropped"][0]["reason"].is_string());
}

#[test]
fn fit_bad_input_is_one_line() {
    assert_one_line_error(&["fit", "--budget", "0"], "x", "--budget");
    assert_one_line_error(&["fit", "--budget", "-5"], "x", "--budget");
    assert_one_line_error(&["fit", "--budget", "ten"], "x", "--budget");
    assert_one_line_error(&["fit"], "x", "--budget");
    assert_one_line_error(&["fit", "--budget", "5", "--keep", "middle"], "x", "keep");
    // Flags that do not apply are errors, not silently ignored.
    assert_one_line_error(&["fit", "--budget", "5", "--marker", "..."], "x", "--marker applies to --keep both");
    assert_one_line_error(&["fit", "--budget", "5", "--keep", "tail", "--marker", "..."], "x", "--keep tail");
    assert_one_line_error(&["fit", "--budget", "5", "--partial"], "x", "--partial applies to --chat");
    let bad = temp_file("bad.json", "[{\"role\": ");
    assert_one_line_error(&["fit", "--chat", &bad, "--budget", "100", "--model", "gpt-4o", "--json"], "", "chat JSON");
    let shape = temp_file("shape.json", "{\"messages\": [{\"content\": \"no role\"}]}");
    assert_one_line_error(&["fit", "--chat", &shape, "--budget", "100", "--model", "gpt-4o"], "", "chat JSON");
    let ok = temp_file("ok.json", "[{\"role\": \"user\", \"content\": \"hello there, a long question\"}]");
    assert_one_line_error(&["fit", "--chat", &ok, "--budget", "100", "--reserve-output", "100", "--model", "gpt-4o"], "", "reserve-output");
    assert_one_line_error(&["fit", "--chat", &ok, "--budget", "5", "--model", "gpt-4o"], "", "over");
    assert_one_line_error(&["fit", "--chat", &ok, "--budget", "100", "--keep", "tail"], "", "not to --chat");
    assert_one_line_error(&["fit", "--chat", &ok, "--budget", "100", "--marker", "..."], "", "not to --chat");
}

#[test]
fn prune_text_and_json() {
    let (code, out, _) = run(&["prune"], "{\n  \"a\": [1, 2],\n  \"b\": \"x  y\"\n}\n");
    assert_eq!((code, out.as_str()), (0, r#"{"a":[1,2],"b":"x  y"}"#));
    let (_, out, _) = run(&["prune", "--passes", "markdown,whitespace", "--json"], "# Title\n\nSome **bold**   text.\n");
    let v = json(&out);
    assert_eq!(v["text"], "Title\n\nSome bold text.\n");
    let passes = v["passes"].as_array().unwrap();
    assert_eq!(passes.len(), 2);
    assert_eq!(passes[0]["pass"], "markdown");
    assert_eq!(passes[0]["tokens_after"], passes[1]["tokens_before"]);
    assert!(passes[0]["saved"].as_u64().unwrap() > 0);
    let (_, out, _) = run(&["prune", "--passes", "boilerplate", "--boilerplate", "(?m)^Sent from my phone\\n?"], "hi\nSent from my phone\n");
    assert_eq!(out, "hi\n");
}

#[test]
fn prune_bad_input_is_one_line() {
    assert_one_line_error(&["prune", "--passes", "json,zip"], "x", "unknown prune pass `zip`");
    assert_one_line_error(&["prune", "--passes", ""], "x", "no prune passes");
    assert_one_line_error(&["prune", "--passes", "boilerplate", "--boilerplate", "("], "x", "boilerplate pattern");
}

#[test]
fn redact_round_trip_through_a_mapping_file() {
    let text = "Write to ana@example.com or call +1 415 555 0100; ana@example.com again.";
    let map = std::env::temp_dir().join(format!("tokenmeter-map-{}.json", std::process::id()));
    let map = map.to_string_lossy().into_owned();
    let (code, out, err) = run(&["redact", "--json", "--save-mapping", &map], text);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["text"], "Write to <EMAIL_1> or call <PHONE_1>; <EMAIL_1> again.");
    assert_eq!(v["replaced"], 3);
    assert!(v["tokens_before"].as_u64().unwrap() > v["tokens_after"].as_u64().unwrap());
    let (_, restored, _) = run(&["redact", "--restore", &map], "I emailed <EMAIL_1> and called <PHONE_1>.");
    assert_eq!(restored, "I emailed ana@example.com and called +1 415 555 0100.");
    let (_, out, _) = run(&["redact", "--pattern", "TICKET=TCK-[0-9]+"], "see TCK-12");
    assert_eq!(out, "see <TICKET_1>");
}

#[test]
fn redact_bad_input_is_one_line() {
    assert_one_line_error(&["redact", "--pattern", "no-equals-sign"], "x", "LABEL=REGEX");
    assert_one_line_error(&["redact", "--pattern", "X=("], "x", "redaction pattern");
    let bad = temp_file("badmap.json", "{\"nope\": 1}");
    assert_one_line_error(&["redact", "--restore", &bad], "x", "redaction map");
}
