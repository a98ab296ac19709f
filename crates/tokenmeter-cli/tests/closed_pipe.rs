//! `tokenmeter ... | head` closes stdout early: the command must end quietly, never panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn a_closed_stdout_is_not_a_panic() {
    let big = "All work and no play makes Jack a dull boy.\n".repeat(20_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenmeter"))
        .args(["prune", "--passes", "whitespace"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end of stdout before the command writes its result.
    drop(child.stdout.take());
    child.stdin.take().unwrap().write_all(big.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(out.status.success(), "status {:?}, stderr: {stderr}", out.status);
}
