//! Packing 500 prioritized sections into 8,000 tokens, against one full tiktoken-rs count of
//! all sections joined. Run: `cargo bench -p tokenmeter-benches --bench pack`.
//! tokenmeter is timed cold: its per-thread cache of merged pieces is emptied before every
//! iteration, outside the timing (repeating one input would otherwise time cache hits).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tokenmeter::{Encoding, PackOptions, Tokenizer, pack};
use tokenmeter_benches::sections;

fn bench(c: &mut Criterion) {
    let sections = sections(500, 5);
    let joined = sections.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n\n");
    let tok = Tokenizer::from_encoding(Encoding::O200kBase);
    let peer = tiktoken_rs::o200k_base_singleton();
    assert_eq!(tok.count(&joined).unwrap(), peer.encode_ordinary(&joined).len());
    let opts = PackOptions::new(8_000);
    let packed = pack(&tok, &sections, &opts).unwrap();
    assert!(packed.tokens <= 8_000 && !packed.excluded.is_empty());
    let mut group = c.benchmark_group("pack-o200k");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(joined.len() as u64));
    group.bench_function(BenchmarkId::new("tiktoken-rs full count", sections.len()), |b| {
        b.iter(|| peer.encode_ordinary(std::hint::black_box(&joined)).len())
    });
    group.bench_function(BenchmarkId::new("tokenmeter pack to 8000", sections.len()), |b| {
        b.iter_batched(Tokenizer::clear_thread_cache, |()| pack(&tok, std::hint::black_box(&sections), &opts).unwrap().tokens, BatchSize::PerIteration)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
