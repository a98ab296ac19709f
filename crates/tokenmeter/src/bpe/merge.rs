//! tiktoken's byte-pair merge of one piece: start from single bytes and repeatedly merge the
//! adjacent pair whose concatenation has the lowest rank (ties: the leftmost pair) until no
//! adjacent pair is a token.
//!
//! Two implementations of the same rule:
//! - short pieces (the vast majority): tiktoken's own array form on the stack, O(n^2) in the
//!   piece length but with no allocation and tiny constants;
//! - long pieces (a run of letters without spaces, base64 blobs, minified code): a doubly
//!   linked list of parts plus a min-heap of candidate pairs keyed by `(rank, start)`, so the
//!   leftmost lowest-rank pair is popped first, exactly as the array form picks it. Stale heap
//!   entries (a side of the pair was merged since) are skipped on pop. O(n log n).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::ranks::RankTable;

/// Longest piece handled by the stack form.
const SMALL: usize = 128;

/// Calls `emit(start, end)` for each token of `piece`, left to right, under tiktoken's merge
/// rule. `piece` is at least two bytes long and is not itself a token.
#[inline]
pub(crate) fn merge(piece: &[u8], ranks: &RankTable, emit: &mut impl FnMut(usize, usize)) {
    if piece.len() <= SMALL {
        merge_small(piece, ranks, emit);
    } else {
        merge_large(piece, ranks, emit);
    }
}

/// Number of tokens `merge` would emit.
#[inline]
pub(crate) fn merge_count(piece: &[u8], ranks: &RankTable) -> usize {
    let mut n = 0;
    merge(piece, ranks, &mut |_, _| n += 1);
    n
}

fn merge_small(piece: &[u8], ranks: &RankTable, emit: &mut impl FnMut(usize, usize)) {
    let n = piece.len();
    let rank_of = |a: usize, b: usize| piece.get(a..b).and_then(|s| ranks.get(s)).unwrap_or(u32::MAX);
    // parts[i] = (start of part i, rank of part i merged with part i + 1).
    let mut starts = [0u8; SMALL + 1];
    let mut pair = [u32::MAX; SMALL + 1];
    for i in 0..=n {
        starts[i] = i as u8;
    }
    // `starts` holds offsets up to SMALL, which fits a u8 only when SMALL < 256.
    const _: () = assert!(SMALL < 256);
    for i in 0..n.saturating_sub(1) {
        pair[i] = rank_of(i, i + 2);
    }
    let mut len = n + 1;
    loop {
        let mut best = u32::MAX;
        let mut at = 0;
        for (i, &r) in pair[..len - 1].iter().enumerate() {
            if r < best {
                best = r;
                at = i;
            }
        }
        if best == u32::MAX {
            break;
        }
        // Merge part `at` with part `at + 1`: drop boundary `at + 1`.
        starts.copy_within(at + 2..len, at + 1);
        pair.copy_within(at + 2..len, at + 1);
        len -= 1;
        let end_after = |i: usize| if i + 2 < len { starts[i + 2] as usize } else { usize::MAX };
        pair[at] = match end_after(at) {
            usize::MAX => u32::MAX,
            end => rank_of(starts[at] as usize, end),
        };
        if at > 0 {
            pair[at - 1] = match end_after(at - 1) {
                usize::MAX => u32::MAX,
                end => rank_of(starts[at - 1] as usize, end),
            };
        }
    }
    for i in 0..len - 1 {
        emit(starts[i] as usize, starts[i + 1] as usize);
    }
}

fn merge_large(piece: &[u8], ranks: &RankTable, emit: &mut impl FnMut(usize, usize)) {
    let n = piece.len();
    // Part i covers piece[i..next[i]]; parts are identified by their start byte.
    let mut next: Vec<usize> = (1..=n).collect();
    let mut prev: Vec<usize> = (0..n).map(|i| i.wrapping_sub(1)).collect();
    let mut alive = vec![true; n];
    let mut heap = BinaryHeap::with_capacity(n);
    let rank_of = |a: usize, b: usize| piece.get(a..b).and_then(|s| ranks.get(s));
    for i in 0..n.saturating_sub(1) {
        if let Some(r) = rank_of(i, i + 2) {
            heap.push(Reverse((r, i, i + 2)));
        }
    }
    while let Some(Reverse((_, left, end))) = heap.pop() {
        // Stale: the left part was merged into its neighbour, or its right part changed.
        if !alive[left] {
            continue;
        }
        let right = next[left];
        if right >= n || next[right] != end {
            continue;
        }
        alive[right] = false;
        next[left] = end;
        if end < n {
            prev[end] = left;
            if let Some(r) = rank_of(left, next[end]) {
                heap.push(Reverse((r, left, next[end])));
            }
        }
        let before = prev[left];
        if before != usize::MAX {
            if let Some(r) = rank_of(before, end) {
                heap.push(Reverse((r, before, end)));
            }
        }
    }
    let mut i = 0;
    while i < n {
        emit(i, next[i]);
        i = next[i];
    }
}
