//! tiktoken's byte-pair merge of one piece: start from single bytes and repeatedly merge the
//! adjacent pair whose concatenation has the lowest rank (ties: the leftmost pair) until no
//! adjacent pair is a token.
//!
//! Two implementations of the same rule:
//! - short pieces (most of them): tiktoken's scan-for-the-minimum form, O(n^2) in the piece
//!   length, on stack arrays (no allocation; the scan reads consecutive memory);
//! - longer pieces (a run of CJK or Thai letters, which o200k's pattern keeps as one piece,
//!   base64 blobs, minified code): a linked list of parts plus a tournament tree (a binary
//!   tree whose every node holds the smaller of its children) over the candidate pairs, keyed
//!   by `(rank, start)`, so the root is always the leftmost lowest-rank pair, exactly the one
//!   the scan picks. A merge changes at most three leaves, each update walking up one path:
//!   O(n log n) in all, with no stale entries to skip. Pieces up to [`STACK`] bytes keep the
//!   list and the tree on the stack.

use super::ranks::RankTable;

/// Longest piece handled by the scan.
const SCAN: usize = 40;
/// Longest piece whose tree lives on the stack (longer ones allocate).
const STACK: usize = 256;

/// No pair: the part is the last one, or its pair with the next part is not a token.
const NO_PAIR: u64 = u64::MAX;
/// No part (before the first one).
const NONE: u32 = u32::MAX;

/// Calls `emit(start, end)` for each token of `piece`, left to right, under tiktoken's merge
/// rule. `piece` is at least two bytes long and is not itself a token.
#[inline]
pub(crate) fn merge(piece: &[u8], ranks: &RankTable, emit: &mut impl FnMut(usize, usize)) {
    let n = piece.len();
    if n <= SCAN {
        merge_scan(piece, ranks, emit);
    } else if n <= 64 {
        merge_tree(piece, ranks, emit, &mut [0; 64], &mut [0; 64], &mut [NO_PAIR; 128]);
    } else if n <= 128 {
        merge_tree(piece, ranks, emit, &mut [0; 128], &mut [0; 128], &mut [NO_PAIR; 256]);
    } else if n <= STACK {
        merge_tree(piece, ranks, emit, &mut [0; STACK], &mut [0; STACK], &mut [NO_PAIR; 2 * STACK]);
    } else {
        let cap = n.next_power_of_two();
        merge_tree(piece, ranks, emit, &mut vec![0; n], &mut vec![0; n], &mut vec![NO_PAIR; 2 * cap]);
    }
}

/// Number of tokens `merge` would emit.
#[inline]
pub(crate) fn merge_count(piece: &[u8], ranks: &RankTable) -> usize {
    let mut n = 0;
    merge(piece, ranks, &mut |_, _| n += 1);
    n
}

fn merge_scan(piece: &[u8], ranks: &RankTable, emit: &mut impl FnMut(usize, usize)) {
    let n = piece.len();
    let rank_of = |a: u8, b: u8| piece.get(a as usize..b as usize).and_then(|s| ranks.get(s)).unwrap_or(u32::MAX);
    // Parts in two arrays, shifted left on each merge (at most SCAN entries, so the shift is
    // cheap, and the minimum scan reads consecutive memory instead of chasing links): part
    // `i` covers piece[starts[i]..starts[i + 1]]; `pair[i]` is the rank of part `i` merged
    // with the part after it (u32::MAX: not a token, or no part after it).
    let mut starts = [0u8; SCAN + 1];
    let mut pair = [u32::MAX; SCAN];
    // Offsets up to SCAN must fit a u8.
    const _: () = assert!(SCAN < 256);
    for (i, slot) in starts.iter_mut().enumerate().take(n + 1) {
        *slot = i as u8;
    }
    for (i, slot) in pair.iter_mut().enumerate().take(n - 1) {
        *slot = rank_of(i as u8, i as u8 + 2);
    }
    let mut parts = n;
    loop {
        // The lowest rank, leftmost on ties (strict `<`).
        let (mut best, mut at) = (u32::MAX, 0usize);
        for (i, &rank) in pair.iter().enumerate().take(parts - 1) {
            if rank < best {
                (best, at) = (rank, i);
            }
        }
        if best == u32::MAX {
            break;
        }
        // Merge part `at` with the part after it: drop the boundary between them.
        starts.copy_within(at + 2..=parts, at + 1);
        pair.copy_within(at + 2..parts, at + 1);
        parts -= 1;
        pair[at] = if at + 1 < parts { rank_of(starts[at], starts[at + 2]) } else { u32::MAX };
        if at > 0 {
            pair[at - 1] = rank_of(starts[at - 1], starts[at + 1]);
        }
    }
    for w in starts[..=parts].windows(2) {
        emit(w[0] as usize, w[1] as usize);
    }
}

/// The tree form. `next` and `prev` hold at least `piece.len()` entries; `tree` holds
/// `2 * cap` entries, all [`NO_PAIR`], for a power of two `cap >= piece.len()`.
fn merge_tree(
    piece: &[u8],
    ranks: &RankTable,
    emit: &mut impl FnMut(usize, usize),
    next: &mut [u32],
    prev: &mut [u32],
    tree: &mut [u64],
) {
    let n = piece.len();
    // Part i covers piece[i..next[i]]; parts are named by their start byte. Pair keys put the
    // rank in the high half and the start in the low half, so the smallest key is the
    // leftmost lowest-rank pair.
    let key = |a: usize, b: usize| match piece.get(a..b).and_then(|s| ranks.get(s)) {
        Some(rank) => (u64::from(rank) << 32) | a as u64,
        None => NO_PAIR,
    };
    let cap = tree.len() / 2;
    for i in 0..n {
        next[i] = i as u32 + 1;
        prev[i] = (i as u32).wrapping_sub(1);
    }
    for i in 0..n - 1 {
        tree[cap + i] = key(i, i + 2);
    }
    for k in (1..cap).rev() {
        tree[k] = tree[2 * k].min(tree[2 * k + 1]);
    }
    // Sets leaf `i` and walks up while the minimum changes.
    let set = |tree: &mut [u64], i: usize, value: u64| {
        let mut k = cap + i;
        tree[k] = value;
        while k > 1 {
            k /= 2;
            let least = tree[2 * k].min(tree[2 * k + 1]);
            if tree[k] == least {
                break;
            }
            tree[k] = least;
        }
    };
    loop {
        let best = tree[1];
        if best == NO_PAIR {
            break;
        }
        // Merge part `at` with the part after it.
        let at = (best & 0xFFFF_FFFF) as usize;
        let right = next[at] as usize;
        let end = next[right] as usize;
        next[at] = end as u32;
        set(tree, right, NO_PAIR);
        if end < n {
            prev[end] = at as u32;
            set(tree, at, key(at, next[end] as usize));
        } else {
            set(tree, at, NO_PAIR);
        }
        let before = prev[at];
        if before != NONE {
            set(tree, before as usize, key(before as usize, end));
        }
    }
    let mut i = 0;
    while i < n {
        emit(i, next[i] as usize);
        i = next[i] as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// tiktoken's rule, written the slow obvious way: a vector of boundaries, re-scanned and
    /// shifted on every merge.
    fn reference(piece: &[u8], ranks: &RankTable) -> Vec<(usize, usize)> {
        let mut bounds: Vec<usize> = (0..=piece.len()).collect();
        loop {
            let best = (0..bounds.len().saturating_sub(2))
                .filter_map(|i| ranks.get(&piece[bounds[i]..bounds[i + 2]]).map(|r| (r, i)))
                .min();
            let Some((_, i)) = best else { break };
            bounds.remove(i + 1);
        }
        bounds.windows(2).map(|w| (w[0], w[1])).collect()
    }

    #[test]
    fn every_form_agrees_with_the_rule_at_every_length() {
        let table = RankTable::parse("o200k_base", include_bytes!("../../data/ranks/o200k_base.bin")).unwrap();
        // Text whose pieces need merging: CJK, Thai and Devanagari runs, and mixed bytes that
        // cross the scan / stack-tree / heap-tree boundaries.
        let sources = [
            "การตั้งค่าการเชื่อมต่อเครือข่ายไม่สำเร็จโปรดลองใหม่อีกครั้งภายหลังขอบคุณที่ใช้บริการของเรา".repeat(4),
            "無効なオプションが指定されました設定ファイルを確認してください日本語の文章を分割します".repeat(4),
            "अनुप्रयोगकीसेटिंग्सकोसहेजनेमेंत्रुटिहुईकृपयापुनःप्रयासकरें".repeat(4),
            "aGVsbG8gd29ybGQhIHRoaXMgaXMgYmFzZTY0IGVuY29kZWQgdGV4dA==xQz9".repeat(8),
        ];
        for text in &sources {
            let bytes = text.as_bytes();
            for len in [2, 3, 7, 24, 25, 63, 64, 65, 128, 129, 200, 256, 257, 600] {
                let piece = &bytes[..len.min(bytes.len())];
                let mut got = Vec::new();
                merge(piece, &table, &mut |a, b| got.push((a, b)));
                assert_eq!(got, reference(piece, &table), "length {len} of {text:.20}");
            }
        }
    }
}
