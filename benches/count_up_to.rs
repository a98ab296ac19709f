//! `count_up_to` with a fixed limit of 100 tokens over growing inputs: its cost must stay flat
//! (it stops once the limit is passed), while a full `count` grows with the text.
//! tokenmeter against bpe-openai's `count_till_limit`, with tokenmeter's `count` as the
//! baseline. Throughput is the input size, so an early stop shows as a rising MB/s.
//! `cargo bench -p tokenmeter-benches --bench count_up_to`.
//! tokenmeter is timed cold: its per-thread cache of merged pieces is emptied before every
//! iteration, outside the timing (repeating one input would otherwise time cache hits).

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tokenmeter::{Encoding, Tokenizer};

mod common;

const LIMIT: usize = 100;
const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

fn count_up_to(c: &mut Criterion) {
    let corpus = common::mixed_corpus();
    let peers = [
        (Encoding::O200kBase, "o200k", bpe_openai::o200k_base()),
        (Encoding::Cl100kBase, "cl100k", bpe_openai::cl100k_base()),
    ];
    for (encoding, short, bpe) in peers {
        let ours = Tokenizer::from_encoding(encoding);
        let mut group = c.benchmark_group(format!("count_up_to-{short}"));
        for size in SIZES {
            let text = common::sample(&corpus, size, 1);
            let normalized = bpe.normalize(text);
            let full = ours.count(text).unwrap_or(0);
            let up = ours.count_up_to(text, LIMIT).ok();
            assert!(up.is_some_and(|u| if full > LIMIT { u.exceeded } else { u.tokens == full }));
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new("tokenmeter", text.len()), text, |b, text| {
                b.iter_batched(Tokenizer::clear_thread_cache, |()| ours.count_up_to(black_box(text), LIMIT).map(|r| r.tokens).unwrap_or(0), BatchSize::PerIteration)
            });
            group.bench_with_input(BenchmarkId::new("bpe-openai", text.len()), &normalized, |b, n| {
                b.iter(|| bpe.count_till_limit(black_box(n), LIMIT))
            });
            group.bench_with_input(BenchmarkId::new("tokenmeter-full-count", text.len()), text, |b, text| {
                b.iter_batched(Tokenizer::clear_thread_cache, |()| ours.count(black_box(text)).unwrap_or(0), BatchSize::PerIteration)
            });
        }
        group.finish();
    }
}

criterion_group!(benches, count_up_to);
criterion_main!(benches);
