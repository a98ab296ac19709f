//! Truncating a 1 MB document to 8,000 tokens, against one full tiktoken-rs count of the same
//! document (the peer). Run: `cargo bench -p tokenmeter-benches --bench truncate`.
//! tokenmeter is timed cold: its per-thread cache of merged pieces is emptied before every
//! iteration, outside the timing (repeating one input would otherwise time cache hits).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tokenmeter::{Encoding, Keep, Tokenizer, TruncateOptions};
use tokenmeter_benches::document;

fn bench(c: &mut Criterion) {
    let doc = document(1 << 20, 7);
    let tok = Tokenizer::from_encoding(Encoding::O200kBase);
    let peer = tiktoken_rs::o200k_base_singleton();
    // Equivalence before timing: our count is tiktoken-rs's, and the cut fits.
    assert_eq!(tok.count(&doc).unwrap(), peer.encode_ordinary(&doc).len());
    let mut group = c.benchmark_group("truncate-o200k");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(doc.len() as u64));
    group.bench_function(BenchmarkId::new("tiktoken-rs full count", doc.len()), |b| {
        b.iter(|| peer.encode_ordinary(std::hint::black_box(&doc)).len())
    });
    for keep in [Keep::Head, Keep::Tail, Keep::Both] {
        let opts = TruncateOptions::new(8_000).with_keep(keep);
        let cut = tok.truncate(&doc, &opts).unwrap();
        assert!(cut.tokens <= 8_000 && cut.tokens > 7_900, "{keep}: {}", cut.tokens);
        group.bench_function(BenchmarkId::new(format!("tokenmeter truncate {keep} to 8000"), doc.len()), |b| {
            b.iter_batched(Tokenizer::clear_thread_cache, |()| tok.truncate(std::hint::black_box(&doc), &opts).unwrap().tokens, BatchSize::PerIteration)
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
