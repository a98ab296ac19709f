//! `count` for o200k_base and cl100k_base: tokenmeter against tiktoken-rs and bpe-openai,
//! over input sizes. `cargo bench -p tokenmeter-benches --bench count`.
//!
//! `tokenmeter` is timed cold: its per-thread cache of merged pieces is emptied before every
//! iteration (outside the timing), since repeating the same 16 inputs would otherwise time
//! cache hits. `tokenmeter-warm` times those hits: a text counted before.

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tokenmeter::{Encoding, Tokenizer};

mod common;

fn count(c: &mut Criterion) {
    let corpus = common::mixed_corpus();
    let peers: [(Encoding, &str, &'static tiktoken_rs::CoreBPE, &'static bpe_openai::Tokenizer); 2] = [
        (Encoding::O200kBase, "o200k", tiktoken_rs::o200k_base_singleton(), bpe_openai::o200k_base()),
        (Encoding::Cl100kBase, "cl100k", tiktoken_rs::cl100k_base_singleton(), bpe_openai::cl100k_base()),
    ];
    for (encoding, short, tiktoken, bpe) in peers {
        let ours = Tokenizer::from_encoding(encoding);
        let mut group = c.benchmark_group(format!("count-{short}"));
        for size in common::SIZES {
            let inputs: Vec<&str> = (0..16).map(|i| common::sample(&corpus, size, i)).collect();
            let bytes: usize = inputs.iter().map(|t| t.len()).sum();
            for text in &inputs {
                assert_eq!(ours.count(text).ok(), Some(tiktoken.encode_ordinary(text).len()));
            }
            group.throughput(Throughput::Bytes(bytes as u64));
            group.bench_with_input(BenchmarkId::new("tokenmeter", size), &inputs, |b, inputs| {
                b.iter_batched(Tokenizer::clear_thread_cache, |()| inputs.iter().map(|t| ours.count(black_box(t)).unwrap_or(0)).sum::<usize>(), BatchSize::PerIteration)
            });
            group.bench_with_input(BenchmarkId::new("tokenmeter-warm", size), &inputs, |b, inputs| {
                b.iter(|| inputs.iter().map(|t| ours.count(black_box(t)).unwrap_or(0)).sum::<usize>())
            });
            group.bench_with_input(BenchmarkId::new("tiktoken-rs", size), &inputs, |b, inputs| {
                b.iter(|| inputs.iter().map(|t| tiktoken.encode_ordinary(black_box(t)).len()).sum::<usize>())
            });
            group.bench_with_input(BenchmarkId::new("bpe-openai", size), &inputs, |b, inputs| {
                b.iter(|| inputs.iter().map(|t| bpe.count(black_box(*t))).sum::<usize>())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, count);
criterion_main!(benches);
