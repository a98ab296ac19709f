//! The `tokenmeter count` contract (issue 2, item 5), run on the built binary. Expected counts
//! come from the conformance vectors (OpenAI's tiktoken and the cookbook's published figures),
//! not from tokenmeter itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

// =============================================================================================
// Helpers
// =============================================================================================

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file in a fresh temp folder, removed with the folder when dropped.
struct TempFile(PathBuf);

impl std::ops::Deref for TempFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn temp_file(name: &str, bytes: &[u8]) -> TempFile {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir()
        .join(format!("tokenmeter-cli-test-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    TempFile(path)
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenmeter"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        // A command that fails before reading its input (an unknown model) closes the pipe.
        match child.stdin.take().unwrap().write_all(bytes) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("writing stdin: {e}"),
            _ => {}
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn ok(args: &[&str], stdin: Option<&[u8]>) -> String {
    let o = run(args, stdin);
    assert!(o.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "{args:?} wrote to stderr: {}", String::from_utf8_lossy(&o.stderr));
    stdout(&o)
}

/// Runs a command that must fail: non-zero exit, nothing on stdout, exactly one line on stderr
/// starting with `tokenmeter: error:` and containing every `needle`, and no panic.
fn fails(args: &[&str], stdin: Option<&[u8]>, needles: &[&str]) -> String {
    let o = run(args, stdin);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "{args:?} succeeded: {}", stdout(&o));
    assert_eq!(o.status.code(), Some(1), "{args:?}: exit status {:?}; stderr: {err}", o.status);
    assert!(o.stdout.is_empty(), "{args:?} printed to stdout: {}", stdout(&o));
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: stderr is not one line: {err:?}");
    assert!(err.starts_with("tokenmeter: error: "), "{args:?}: {err}");
    for needle in needles {
        assert!(err.contains(needle), "{args:?}: stderr {err:?} should mention {needle:?}");
    }
    err
}

/// A text and its tiktoken count from `tests/vectors/count.json`.
fn reference(case_id: &str) -> (String, u64) {
    let text = std::fs::read_to_string(repo_root().join("tests/vectors/count.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let case = doc["cases"].as_array().unwrap().iter().find(|c| c["id"] == case_id).unwrap();
    (case["input"]["text"].as_str().unwrap().to_string(), case["expect"]["tokens"].as_u64().unwrap())
}

/// A cookbook chat case from `tests/vectors/chat.json`: the request JSON and its published count.
fn cookbook(case_id: &str) -> (String, u64) {
    let text = std::fs::read_to_string(repo_root().join("tests/vectors/chat.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let case = doc["cases"].as_array().unwrap().iter().find(|c| c["id"] == case_id).unwrap();
    let request = serde_json::json!({ "messages": case["input"]["messages"], "tools": case["input"]["tools"] });
    (request.to_string(), case["expect"]["tokens"].as_u64().unwrap())
}

fn json(s: &str) -> Value {
    assert_eq!(s.trim_end().lines().count(), 1, "--json prints one line: {s:?}");
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

// =============================================================================================
// Counting files and standard input
// =============================================================================================

#[test]
fn counts_one_file_plain() {
    let (text, tokens) = reference("o200k_base/english-paragraph");
    let f = temp_file("a.txt", text.as_bytes());
    assert_eq!(ok(&["count", f.to_str().unwrap()], None), format!("{tokens}\n"));
}

#[test]
fn counts_standard_input_plain_and_dash() {
    let (text, tokens) = reference("o200k_base/cjk-japanese");
    assert_eq!(ok(&["count"], Some(text.as_bytes())), format!("{tokens}\n"));
    assert_eq!(ok(&["count", "-"], Some(text.as_bytes())), format!("{tokens}\n"));
}

#[test]
fn encoding_flag_selects_the_encoding() {
    let (text, tokens) = reference("cl100k_base/source-python");
    assert_eq!(ok(&["count", "--encoding", "cl100k_base"], Some(text.as_bytes())), format!("{tokens}\n"));
    let (text, tokens) = reference("r50k_base/hindi");
    assert_eq!(ok(&["count", "--encoding", "r50k_base"], Some(text.as_bytes())), format!("{tokens}\n"));
}

#[test]
fn model_flag_uses_the_models_tokenizer() {
    let (text, tokens) = reference("cl100k_base/arabic");
    assert_eq!(ok(&["count", "--model", "gpt-4-0613"], Some(text.as_bytes())), format!("{tokens}\n"));
    let (text, tokens) = reference("o200k_base/arabic");
    assert_eq!(ok(&["count", "--model", "azure/gpt-4o"], Some(text.as_bytes())), format!("{tokens}\n"));
}

#[test]
fn special_token_text_is_ordinary_unless_allowed() {
    let (text, ordinary) = reference("o200k_base/special-strings");
    let (_, special) = reference("o200k_base/special-strings-allow-special");
    assert_ne!(ordinary, special);
    assert_eq!(ok(&["count"], Some(text.as_bytes())), format!("{ordinary}\n"));
    assert_eq!(ok(&["count", "--allow-special"], Some(text.as_bytes())), format!("{special}\n"));
}

#[test]
fn counts_multiple_files_with_a_total() {
    let (t1, n1) = reference("o200k_base/english");
    let (t2, n2) = reference("o200k_base/emoji-zwj");
    let a = temp_file("a.txt", t1.as_bytes());
    let b = temp_file("b.txt", t2.as_bytes());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = ok(&["count", a, b], None);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), [n1.to_string().as_str(), a]);
    assert_eq!(lines[1].split_whitespace().collect::<Vec<_>>(), [n2.to_string().as_str(), b]);
    assert_eq!(lines[2].split_whitespace().collect::<Vec<_>>(), [(n1 + n2).to_string().as_str(), "total"]);
}

#[test]
fn json_for_files() {
    let (t1, n1) = reference("o200k_base/digits-long");
    let (t2, n2) = reference("o200k_base/whitespace-crlf");
    let a = temp_file("a.txt", t1.as_bytes());
    let b = temp_file("b.txt", t2.as_bytes());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let v = json(&ok(&["count", "--json", a, b], None));
    assert_eq!(
        v,
        serde_json::json!({"total": n1 + n2, "exact": true,
                           "files": [{"path": a, "tokens": n1}, {"path": b, "tokens": n2}]})
    );
}

#[test]
fn json_for_standard_input() {
    let (text, tokens) = reference("o200k_base/contractions");
    let v = json(&ok(&["count", "--json"], Some(text.as_bytes())));
    assert_eq!(v["total"], tokens);
    assert_eq!(v["exact"], true);
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    assert_eq!(v["files"][0]["tokens"], tokens);
}

#[test]
fn empty_input_counts_zero() {
    assert_eq!(ok(&["count"], Some(b"")), "0\n");
}

#[test]
fn estimated_models_say_inexact() {
    let v = json(&ok(&["count", "--json", "--model", "claude-sonnet-4-5"], Some(b"Hello, world! A short note.")));
    assert_eq!(v["exact"], false);
    assert!(v["total"].as_u64().unwrap() > 0);
}

// =============================================================================================
// Chat requests
// =============================================================================================

#[test]
fn chat_cookbook_example_plain_and_json() {
    let (request, tokens) = cookbook("cookbook-jargon/gpt-4o");
    assert_eq!(tokens, 124);
    let f = temp_file("chat.json", request.as_bytes());
    let f = f.to_str().unwrap();
    assert_eq!(ok(&["count", "--model", "gpt-4o", "--chat", f], None), "124\n");
    assert_eq!(json(&ok(&["count", "--model", "gpt-4o", "--chat", f, "--json"], None)),
               serde_json::json!({"tokens": 124, "exact": true}));
    let (request, tokens) = cookbook("cookbook-jargon/gpt-3.5-turbo");
    assert_eq!(tokens, 129);
    let f = temp_file("chat.json", request.as_bytes());
    assert_eq!(ok(&["count", "--model", "gpt-3.5-turbo", "--chat", f.to_str().unwrap()], None), "129\n");
}

#[test]
fn chat_with_tools_and_as_a_bare_array() {
    let (request, tokens) = cookbook("cookbook-weather-tools/gpt-4o-mini");
    assert_eq!(tokens, 101);
    let f = temp_file("tools.json", request.as_bytes());
    assert_eq!(ok(&["count", "--model", "gpt-4o-mini", "--chat", f.to_str().unwrap()], None), "101\n");

    let (request, tokens) = cookbook("cookbook-jargon/gpt-4");
    let messages = serde_json::from_str::<Value>(&request).unwrap()["messages"].to_string();
    let f = temp_file("array.json", messages.as_bytes());
    assert_eq!(ok(&["count", "--model", "gpt-4", "--chat", f.to_str().unwrap()], None), format!("{tokens}\n"));
}

#[test]
fn chat_from_standard_input() {
    let (request, tokens) = cookbook("cookbook-weather-tools/gpt-4");
    assert_eq!(ok(&["count", "--model", "gpt-4", "--chat", "-"], Some(request.as_bytes())), format!("{tokens}\n"));
}

#[test]
fn chat_for_an_estimated_model_is_inexact() {
    let (request, _) = cookbook("cookbook-jargon/gpt-4o");
    let f = temp_file("chat.json", request.as_bytes());
    let v = json(&ok(&["count", "--model", "claude-sonnet-4", "--chat", f.to_str().unwrap(), "--json"], None));
    assert_eq!(v["exact"], false);
    assert!(v["tokens"].as_u64().unwrap() > 50);
}

// =============================================================================================
// Bad input: non-zero exit, one line on stderr, no panic
// =============================================================================================

#[test]
fn unknown_model() {
    fails(&["count", "--model", "gpt-4o-mni"], Some(b"hi"), &["gpt-4o-mni", "gpt-4o-mini"]);
}

#[test]
fn unknown_encoding() {
    fails(&["count", "--encoding", "o300k_base"], Some(b"hi"), &["o300k_base", "o200k_base"]);
}

#[test]
fn unreadable_files() {
    let missing = std::env::temp_dir().join("tokenmeter-cli-no-such-file.txt");
    fails(&["count", missing.to_str().unwrap()], None, &["tokenmeter-cli-no-such-file.txt"]);
    let dir = temp_file("x.txt", b"x");
    let dir = dir.parent().unwrap().to_str().unwrap();
    fails(&["count", dir], None, &[dir]);
    // One bad file among good ones still fails, naming the bad one.
    let good = temp_file("good.txt", b"fine");
    fails(&["count", "--json", good.to_str().unwrap(), missing.to_str().unwrap()], None, &["no-such-file"]);
}

#[test]
fn invalid_utf8_in_a_file_and_on_stdin() {
    let f = temp_file("latin1.txt", b"caf\xe9 au lait");
    fails(&["count", f.to_str().unwrap()], None, &["UTF-8", "offset 3"]);
    fails(&["count"], Some(b"ok\xff\xfe"), &["standard input", "UTF-8"]);
    let chat = temp_file("chat.json", b"[{\"role\": \"user\", \"content\": \"\xc3\"}]");
    fails(&["count", "--model", "gpt-4o", "--chat", chat.to_str().unwrap()], None, &["UTF-8"]);
}

#[test]
fn malformed_chat_json() {
    let cases: &[(&[u8], &str)] = &[
        (b"{\"messages\": [", "chat JSON"),
        (b"", "chat JSON"),
        (b"42", "chat JSON"),
        (b"[{\"content\": \"no role\"}]", "role"),
        (b"[]", "at least one message"),
        (b"{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": [{\"type\": \"function\"}]}", "function"),
    ];
    for (bytes, needle) in cases {
        let f = temp_file("bad.json", bytes);
        fails(&["count", "--model", "gpt-4o", "--chat", f.to_str().unwrap()], None, &[needle]);
    }
}

#[test]
fn missing_chat_file() {
    let missing = std::env::temp_dir().join("tokenmeter-cli-no-such-chat.json");
    fails(&["count", "--model", "gpt-4o", "--chat", missing.to_str().unwrap()], None, &["no-such-chat.json"]);
}

#[test]
fn unknown_model_with_chat() {
    let (request, _) = cookbook("cookbook-jargon/gpt-4o");
    let f = temp_file("chat.json", request.as_bytes());
    fails(&["count", "--model", "claude-9", "--chat", f.to_str().unwrap()], None, &["claude-9"]);
}

#[test]
fn unparsable_command_lines_exit_2_with_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (&["count", "--encoding", "o200k_base", "--model", "gpt-4o"], "cannot be used with"),
        (&["count", "--bogus"], "--bogus"),
        (&["count", "--encoding"], "--encoding"),
        (&["count", "--chat", "a.json", "b.txt"], "cannot be used with"),
    ];
    for (args, needle) in cases {
        let o = run(args, Some(b"hi"));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err:?}");
        assert!(err.starts_with("tokenmeter: error: ") && err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn help_and_version_still_work() {
    let help = ok(&["count", "--help"], None);
    assert!(help.contains("--encoding") && help.contains("--chat"), "{help}");
    assert!(ok(&["--version"], None).starts_with("tokenmeter "));
}
