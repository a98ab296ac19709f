//! Fitting a 1,000-message history (tool calls included) into 16,000 tokens, against one full
//! tiktoken-rs count of the history's text. Run: `cargo bench -p tokenmeter-benches --bench fit`.
//! tokenmeter is timed cold: its per-thread cache of merged pieces is emptied before every
//! iteration, outside the timing (repeating one input would otherwise time cache hits).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tokenmeter::{ChatFormat, Encoding, FitPolicy, Tokenizer, fit_messages};
use tokenmeter_benches::{history, history_text};

fn bench(c: &mut Criterion) {
    let messages = history(1_000, 11);
    let text = history_text(&messages);
    let tok = Tokenizer::from_encoding(Encoding::O200kBase);
    let peer = tiktoken_rs::o200k_base_singleton();
    assert_eq!(tok.count(&text).unwrap(), peer.encode_ordinary(&text).len());
    let policy = FitPolicy::default();
    let fitted = fit_messages(&tok, ChatFormat::Openai, &messages, &[], 16_000, &policy).unwrap();
    assert!(fitted.tokens <= 16_000 && fitted.dropped.len() > 900);
    let mut group = c.benchmark_group("fit-o200k");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(BenchmarkId::new("tiktoken-rs full count", messages.len()), |b| {
        b.iter(|| peer.encode_ordinary(std::hint::black_box(&text)).len())
    });
    group.bench_function(BenchmarkId::new("tokenmeter fit_messages to 16000", messages.len()), |b| {
        b.iter_batched(Tokenizer::clear_thread_cache, |()| fit_messages(&tok, ChatFormat::Openai, std::hint::black_box(&messages), &[], 16_000, &policy).unwrap().tokens, BatchSize::PerIteration)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
