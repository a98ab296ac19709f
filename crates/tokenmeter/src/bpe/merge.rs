//! tiktoken's byte-pair merge of one piece: start from single bytes and repeatedly merge the
//! adjacent pair whose concatenation has the lowest rank (ties: the leftmost pair) until no
//! adjacent pair is a token.
//!
//! Two implementations of the same rule:
//! - short pieces (the vast majority): tiktoken's scan-for-the-minimum form, O(n^2) in the
//!   piece length, on a stack-allocated linked list (no allocation, nothing shifted);
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
    // Parts as a linked list of boundaries (merging unlinks one, so nothing is shifted):
    // part `i` covers piece[i..next[i]]; `pair[i]` is the rank of part `i` merged with the
    // part after it (u32::MAX: not a token, or no part after it).
    let mut next = [0u8; SMALL + 1];
    let mut pair = [u32::MAX; SMALL + 1];
    // Offsets up to SMALL must fit a u8.
    const _: () = assert!(SMALL < 256);
    for i in 0..n {
        next[i] = (i + 1) as u8;
    }
    for i in 0..n.saturating_sub(1) {
        pair[i] = rank_of(i, i + 2);
    }
    loop {
        // The lowest rank, leftmost on ties (strict `<`), with the part before it.
        let (mut best, mut at, mut before) = (u32::MAX, 0usize, usize::MAX);
        let (mut prev, mut i) = (usize::MAX, 0usize);
        while i < n {
            if pair[i] < best {
                (best, at, before) = (pair[i], i, prev);
            }
            prev = i;
            i = next[i] as usize;
        }
        if best == u32::MAX {
            break;
        }
        // Merge part `at` with the part after it.
        let right = next[at] as usize;
        let end = next[right] as usize;
        next[at] = end as u8;
        pair[at] = if end < n { rank_of(at, next[end] as usize) } else { u32::MAX };
        if before != usize::MAX {
            pair[before] = rank_of(before, end);
        }
    }
    let mut i = 0;
    while i < n {
        let end = next[i] as usize;
        emit(i, end);
        i = end;
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
