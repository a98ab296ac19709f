//! The token counts of merged pieces, kept across calls on each thread, so a piece that recurs
//! (a word in a long text, a system prompt counted on every request) is merged once.
//!
//! Real text repeats itself (Zipf): in the benchmark corpus most pieces that need the rank
//! merge occur again, in the same document or the next. Each thread has one cache per rank
//! table (a thread-local, so no locks and nothing shared between threads); rank tables never
//! change, so there is nothing to invalidate. Memory is bounded: at most [`ENTRIES`] pieces of
//! at most [`LONGEST`] bytes, [`ARENA`] bytes of keys, in up to [`MAX_SLOTS`] 16-byte slots
//! (1.5 MB per thread and encoding at most; a thread that counts little holds little). When it
//! fills up it is emptied and starts again, which keeps every operation O(piece length) with no
//! eviction bookkeeping; the words that recur most come back first.
//!
//! Only counts are cached: `encode` merges every piece (it needs the token ids, not just how
//! many), so it has no cache to keep in step.

use std::cell::RefCell;

use super::ranks::{self, RankTable};

/// Hash slots a cache starts with, and the most it grows to (powers of two). It doubles when
/// half full, so a thread that counts little holds little.
const FIRST_SLOTS: usize = 1 << 10;
const MAX_SLOTS: usize = 1 << 16;
/// Pieces held before the cache is emptied (half the slots: probes stay short).
const ENTRIES: usize = MAX_SLOTS / 2;
/// Bytes of piece text held before the cache is emptied.
const ARENA: usize = 512 * 1024;
/// Longest piece cached (longer ones are rare, and would fill the arena).
const LONGEST: usize = 1024;
/// Most slots a lookup reads. At most half the slots are full, so a piece of ordinary text is
/// found or placed within a few; the bound keeps text crafted to collide in the hash (whose
/// pieces would otherwise pile up in one run of slots) from making lookups linear.
const MAX_PROBE: usize = 32;

/// One slot: `len == 0` marks a free slot (merged pieces have two bytes or more).
#[derive(Clone, Copy)]
struct Slot {
    /// The piece hash's low half, compared before the bytes.
    tag: u32,
    /// Where the piece's bytes start in `arena`.
    start: u32,
    len: u32,
    count: u32,
}

const FREE: Slot = Slot { tag: 0, start: 0, len: 0, count: 0 };

/// The first slot to probe for `hash` among `slots` (a power of two): the top bits of a
/// multiplicative hash, which depend on every bit of `hash` (its low bits alone would not
/// separate pieces that differ only in their last bytes).
#[inline]
fn home(hash: u64, slots: usize) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - slots.trailing_zeros())) as usize
}

/// The cache of one rank table on one thread.
struct PieceCache {
    slots: Vec<Slot>,
    arena: Vec<u8>,
    entries: usize,
}

impl PieceCache {
    fn new() -> Self {
        Self { slots: vec![FREE; FIRST_SLOTS], arena: Vec::new(), entries: 0 }
    }

    /// The slot holding `piece` (hash `hash`), or the free slot where it would go; `None`
    /// when neither is within [`MAX_PROBE`] slots of its home.
    #[inline]
    fn find(&self, piece: &[u8], hash: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let tag = hash as u32;
        let mut at = home(hash, self.slots.len());
        for _ in 0..MAX_PROBE {
            let slot = self.slots[at];
            if slot.len == 0
                || (slot.tag == tag
                    && slot.len as usize == piece.len()
                    && self.arena.get(slot.start as usize..slot.start as usize + piece.len()) == Some(piece))
            {
                return Some(at);
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// The token count of `piece`, from the cache or from `merge_count` (then remembered).
    #[inline]
    fn count(&mut self, piece: &[u8], merge_count: impl FnOnce(&[u8]) -> usize) -> usize {
        if piece.len() > LONGEST {
            return merge_count(piece);
        }
        let hash = ranks::hash(piece);
        let mut at = self.find(piece, hash);
        if let Some(slot) = at.map(|i| self.slots[i]) {
            if slot.len != 0 {
                return slot.count as usize;
            }
        }
        let count = merge_count(piece);
        let Ok(stored) = u32::try_from(count) else { return count };
        if self.entries == ENTRIES || self.arena.len() + piece.len() > ARENA {
            // Full: start again.
            self.clear();
            at = self.find(piece, hash);
        } else if 2 * (self.entries + 1) > self.slots.len() {
            self.grow();
            at = self.find(piece, hash);
        }
        // No free slot near its home (a run of colliding pieces, as text crafted against the
        // hash would make): not kept, so no lookup ever probes more than MAX_PROBE slots.
        let Some(at) = at else { return count };
        // `start` fits a u32: the arena holds at most ARENA bytes.
        let start = self.arena.len() as u32;
        self.slots[at] = Slot { tag: hash as u32, start, len: piece.len() as u32, count: stored };
        self.arena.extend_from_slice(piece);
        self.entries += 1;
        count
    }

    /// Forgets every piece (keeping the memory).
    fn clear(&mut self) {
        self.slots.fill(FREE);
        self.arena.clear();
        self.entries = 0;
    }

    /// Doubles the slots, placing every piece again (one that finds no slot near its new home
    /// is dropped).
    fn grow(&mut self) {
        let doubled = vec![FREE; 2 * self.slots.len()];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.entries = 0;
        for slot in old.into_iter().filter(|s| s.len != 0) {
            let Some(piece) = self.arena.get(slot.start as usize..(slot.start + slot.len) as usize) else { continue };
            if let Some(at) = self.find(piece, ranks::hash(piece)) {
                self.slots[at] = slot;
                self.entries += 1;
            }
        }
    }
}

thread_local! {
    /// This thread's caches, one per rank table (keyed by the table's address: tables are
    /// `'static` and never freed, so an address names one table for the process's life).
    static CACHES: RefCell<Vec<(usize, PieceCache)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with a counter of merged pieces that goes through this thread's cache for
/// `table` (or merges every piece, should the thread-local be unavailable, as while the
/// thread exits, or already in use). `f` runs once.
pub(crate) fn with_counter<R>(table: &'static RankTable, mut f: impl FnMut(&mut dyn FnMut(&[u8]) -> usize) -> R) -> R {
    let merge = |piece: &[u8]| super::merge::merge_count(piece, table);
    let key = std::ptr::from_ref(table) as usize;
    let cached = CACHES.try_with(|caches| {
        let mut caches = caches.try_borrow_mut().ok()?;
        let i = match caches.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                caches.push((key, PieceCache::new()));
                caches.len() - 1
            }
        };
        let cache = &mut caches[i].1;
        Some(f(&mut |piece| cache.count(piece, merge)))
    });
    match cached {
        Ok(Some(result)) => result,
        _ => f(&mut |piece| merge(piece)),
    }
}

/// Forgets the pieces every cache of this thread holds, so the counts that follow are cold,
/// as on a new thread. The memory is kept for reuse until the thread ends.
pub(crate) fn clear_thread() {
    let _ = CACHES.try_with(|caches| {
        if let Ok(mut caches) = caches.try_borrow_mut() {
            caches.iter_mut().for_each(|(_, cache)| cache.clear());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_counts_and_starts_again_when_full() {
        let words: Vec<String> = (0..ENTRIES + 100).map(|i| format!("word{i}")).collect();
        let mut cache = PieceCache::new();
        let mut merges = 0;
        assert_eq!(cache.slots.len(), FIRST_SLOTS);
        for w in &words[..ENTRIES] {
            assert_eq!(cache.count(w.as_bytes(), |p| { merges += 1; p.len() + 7 }), w.len() + 7);
        }
        // All held: no merge the second time.
        for w in &words[..ENTRIES] {
            assert_eq!(cache.count(w.as_bytes(), |_| { merges += 1; 0 }), w.len() + 7, "{w}");
        }
        assert_eq!(merges, ENTRIES);
        assert_eq!(cache.slots.len(), MAX_SLOTS, "grew to hold them");
        // One more fills it: it starts again with that piece alone.
        let last = words[ENTRIES].as_bytes();
        assert_eq!(cache.count(last, |_| 3), 3);
        assert_eq!(cache.entries, 1);
        assert_eq!(cache.count(last, |_| 99), 3);
        assert_eq!(cache.count(words[0].as_bytes(), |_| 5), 5, "emptied, so merged again");
    }

    #[test]
    fn keys_are_whole_pieces_and_long_pieces_are_not_kept() {
        let mut cache = PieceCache::new();
        assert_eq!(cache.count(b"abcdef", |_| 2), 2);
        assert_eq!(cache.count(b"abcde", |_| 4), 4, "a prefix is another piece");
        assert_eq!(cache.count(b"abcdeg", |_| 5), 5, "same length, other bytes");
        assert_eq!(cache.count(b"abcdef", |_| 0), 2);
        let long = vec![b'x'; LONGEST + 1];
        assert_eq!(cache.count(&long, |_| 9), 9);
        assert_eq!(cache.count(&long, |_| 8), 8, "not kept");
        assert_eq!(cache.entries, 3);
    }

    #[test]
    fn colliding_pieces_never_make_a_lookup_probe_more_than_the_bound() {
        let mut cache = PieceCache::new();
        // Fill the slots after one home with pieces, as a run of colliding hashes would.
        let home = home(ranks::hash(b"target"), FIRST_SLOTS);
        for k in 0..MAX_PROBE {
            cache.slots[(home + k) & (FIRST_SLOTS - 1)] = Slot { tag: 1, start: 0, len: 3, count: 1 };
        }
        cache.arena.extend_from_slice(b"abc");
        assert_eq!(cache.find(b"target", ranks::hash(b"target")), None);
        // Counted (merged each time), never kept, never a hang.
        let mut merges = 0;
        for _ in 0..3 {
            assert_eq!(cache.count(b"target", |_| { merges += 1; 4 }), 4);
        }
        assert_eq!((merges, cache.entries), (3, 0));
    }

    #[test]
    fn the_arena_bound_empties_the_cache() {
        let mut cache = PieceCache::new();
        let piece = |i: usize| {
            let mut p = vec![b'a'; LONGEST];
            p[..8].copy_from_slice(&(i as u64).to_le_bytes());
            p
        };
        let fits = ARENA / LONGEST;
        for i in 0..fits {
            cache.count(&piece(i), |_| i);
        }
        for i in 0..fits {
            assert_eq!(cache.count(&piece(i), |_| 0), i, "piece {i} kept through the growth");
        }
        assert_eq!((cache.entries, cache.arena.len()), (fits, ARENA));
        assert_eq!(cache.count(&piece(fits), |_| 1), 1);
        assert_eq!((cache.entries, cache.arena.len()), (1, LONGEST));
    }
}
