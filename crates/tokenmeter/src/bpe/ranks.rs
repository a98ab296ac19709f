//! The mergeable-rank table of one encoding: token bytes by rank, and rank by token bytes.
//!
//! The table is read from the compact `data/ranks/<name>.bin` files (see `data/ranks/build.py`
//! for the format and the SHA-256 check against tiktoken's published hashes). Loading borrows
//! the embedded bytes (`&'static [u8]`) and builds two arrays, with no per-token allocation:
//! - `offsets`: where the bytes of rank `r` start in the embedded blob (`n + 1` entries);
//! - `slots`: an open-addressing hash table (linear probing, load factor <= 1/2) whose 16-byte
//!   entries hold the key's first 8 bytes, its length, rank and offset, so a probe reads one
//!   cache line and touches the token bytes only for keys longer than 8 bytes;
//! - `pair_ranks`: a direct table for the two-byte tokens (the merge step's most common key);
//! - `filter`: a blocked Bloom filter (about 10 bits per key, two bits in one word) over the
//!   longer keys.
//!
//! Lookup cost: one hash over the key (8 bytes per step), one read of the filter and, when it
//! passes, on average about one probe. Why the filter: the slots (8 MB for o200k) live in the
//! last-level cache at best, and a probe is a cache miss; yet 50-70% of the keys the merge
//! step asks for in non-Latin text are not tokens (measured on the benchmark corpus). The
//! filter (256 KB for o200k) stays in L2 and turns about 97% of those away, which made o200k
//! counting of the benchmark corpus 1.3-1.6x faster.
//! Memory for o200k: 8 MB of slots, 0.8 MB of offsets, 0.25 MB of pairs, 0.25 MB of filter.

/// Rank lookup for one encoding's mergeable tokens.
#[derive(Debug)]
pub(crate) struct RankTable {
    /// Token bytes, concatenated in rank order (borrowed from the embedded file).
    blob: &'static [u8],
    /// `offsets[r]..offsets[r + 1]` is the byte range of rank `r` in `blob` (empty: no token).
    offsets: Vec<u32>,
    /// Open-addressing hash slots (linear probing); see [`Slot`].
    slots: Vec<Slot>,
    /// `slots.len() - 1` (the length is a power of two).
    mask: usize,
    /// `64 - log2(slots.len())`: the first slot of a hash is `hash >> shift`.
    shift: u32,
    /// The rank of each single byte (every byte is a token in all OpenAI encodings).
    byte_ranks: [u32; 256],
    /// The rank of each two-byte token, indexed by `first << 8 | second`, or `u32::MAX`. Pair
    /// lookups are most of the merge step, and this 256 KB table answers them without hashing.
    pair_ranks: Vec<u32>,
    /// A blocked Bloom filter over the keys of three bytes or more: two bits in one 64-bit
    /// word per key. Most keys the merge step looks up are not tokens; this table fits the
    /// core's L2 cache and turns most of those away without touching `slots`.
    filter: Vec<u64>,
    /// `filter.len() - 1` (a power of two).
    filter_mask: usize,
}

/// One hash slot: the key's first 8 bytes (little-endian, zero-padded), and `meta` = rank in
/// the low 32 bits, length in the next 8, offset in `blob` in the top 24 (0: empty, since no
/// token has length 0).
/// A probe compares `word` and the length in the slot itself; only keys longer than 8 bytes
/// read their tail from `blob`.
#[derive(Debug, Clone, Copy)]
struct Slot {
    word: u64,
    meta: u64,
}

const EMPTY: Slot = Slot { word: 0, meta: 0 };

/// The first (up to) 8 bytes of `bytes` as a little-endian word, zero-padded.
#[inline(always)]
fn first_word(bytes: &[u8]) -> u64 {
    // Fixed-size reads compile to plain loads; a variable-length copy would call memmove. A
    // short key is read as two overlapping halves (the shared bytes are equal, so `|` keeps
    // them), never byte by byte.
    if let Some(head) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*head);
    }
    let len = bytes.len();
    match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>(), bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        (Some(lo), Some(hi), _, _) => {
            u64::from(u32::from_le_bytes(*lo)) | (u64::from(u32::from_le_bytes(*hi)) << (8 * (len - 4)))
        }
        (_, _, Some(lo), Some(hi)) => {
            u64::from(u16::from_le_bytes(*lo)) | (u64::from(u16::from_le_bytes(*hi)) << (8 * (len - 2)))
        }
        _ => bytes.first().map_or(0, |&b| u64::from(b)),
    }
}

/// The last 8 bytes of `bytes` (at least 8 long) as a little-endian word.
#[inline(always)]
fn last_word(bytes: &[u8]) -> u64 {
    bytes.last_chunk::<8>().map_or(0, |tail| u64::from_le_bytes(*tail))
}

/// Hash of a key given its first word (multiply-rotate over 8-byte words; a key longer than
/// 8 bytes adds its whole 8-byte words and then its last 8 bytes, which may overlap). Not
/// hardened against chosen keys: a bad case costs longer probes, never a wrong answer.
#[inline(always)]
fn key_hash(bytes: &[u8], word: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (word ^ (bytes.len() as u64).rotate_right(8)).wrapping_mul(K);
    if bytes.len() > 8 {
        let mut rest = &bytes[8..];
        while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
            if tail.is_empty() {
                break;
            }
            h = (h.rotate_left(23) ^ u64::from_le_bytes(*chunk)).wrapping_mul(K);
            rest = tail;
        }
        h = (h.rotate_left(23) ^ last_word(bytes)).wrapping_mul(K);
    }
    h ^ (h >> 32)
}

/// The hash the rank table uses, for other tables keyed by byte strings.
#[inline(always)]
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    key_hash(bytes, first_word(bytes))
}

/// Filter size in 64-bit words for `n` keys: about 10 bits per key, a power of two.
fn filter_words(n: usize) -> usize {
    (n.max(64) * 10 / 64).next_power_of_two()
}

impl RankTable {
    /// Parses an embedded `TMRANKS1` file.
    ///
    /// # Errors
    /// A message naming what is wrong when the data is truncated or malformed, when a token
    /// appears twice, or when some single byte is not a token.
    pub(crate) fn parse(name: &str, data: &'static [u8]) -> Result<Self, String> {
        let bad = |what: &str| format!("embedded rank table {name} is corrupt: {what}");
        let magic = data.get(..8).ok_or_else(|| bad("shorter than its header"))?;
        if magic != b"TMRANKS1" {
            return Err(bad("wrong magic bytes"));
        }
        let count_bytes: [u8; 4] = data
            .get(8..12)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| bad("shorter than its header"))?;
        let n = u32::from_le_bytes(count_bytes) as usize;
        let lengths = data.get(12..12 + n).ok_or_else(|| bad("length list truncated"))?;
        let blob = data.get(12 + n..).ok_or_else(|| bad("token bytes missing"))?;
        if blob.len() >= 1 << 24 {
            return Err(bad("token bytes exceed 16 MB"));
        }

        let mut offsets = Vec::with_capacity(n + 1);
        let mut at: u32 = 0;
        for &len in lengths {
            offsets.push(at);
            at += u32::from(len);
        }
        offsets.push(at);
        if at as usize != blob.len() {
            return Err(bad("token bytes do not add up to the length list"));
        }

        let capacity = (n.max(1) * 2).next_power_of_two();
        let mut table = Self {
            blob,
            offsets,
            slots: vec![EMPTY; capacity],
            mask: capacity - 1,
            shift: 64 - capacity.trailing_zeros(),
            byte_ranks: [0; 256],
            pair_ranks: vec![u32::MAX; 1 << 16],
            filter: vec![0; filter_words(n)],
            filter_mask: filter_words(n) - 1,
        };
        // One pass in rank order (sequential reads of the embedded bytes) works out each
        // token's slot entry, home slot and filter bits; then the entries are inserted in
        // order of home slot (a counting sort on the home's top bits), so the inserts sweep
        // the table once instead of missing the cache on every token. Most of the load time
        // is this loop.
        let mut pending: Vec<(Slot, u32)> = Vec::with_capacity(n);
        for rank in 0..n as u32 {
            let Some(token) = table.token(rank) else { continue };
            let word = first_word(token);
            let hash = key_hash(token, word);
            let offset = u64::from(table.offsets[rank as usize]);
            let entry = Slot { word, meta: (offset << 40) | ((token.len() as u64) << 32) | u64::from(rank) };
            pending.push((entry, table.slot_of(hash) as u32));
            match *token {
                [b] => table.byte_ranks[b as usize] = rank,
                [a, b] => table.pair_ranks[(usize::from(a) << 8) | usize::from(b)] = rank,
                _ => {
                    let (w, bits) = table.filter_at(hash);
                    table.filter[w] |= bits;
                }
            }
        }
        let buckets = (capacity >> 6).max(1);
        let mut starts = vec![0usize; buckets + 1];
        for &(_, home) in &pending {
            starts[(home >> 6) as usize + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut order = vec![(EMPTY, 0u32); pending.len()];
        for &(entry, home) in &pending {
            let b = (home >> 6) as usize;
            order[starts[b]] = (entry, home);
            starts[b] += 1;
        }
        drop(pending);
        for (entry, home) in order {
            let mut slot = home as usize;
            loop {
                let there = table.slots[slot];
                if there.meta == 0 {
                    break;
                }
                if table.same_key(there, entry) {
                    return Err(bad(&format!("token of rank {} appears twice", entry.meta as u32)));
                }
                slot = (slot + 1) & table.mask;
            }
            table.slots[slot] = entry;
        }
        for byte in 0..=255u8 {
            if table.token(table.byte_ranks[byte as usize]) != Some(&[byte][..]) {
                return Err(bad(&format!("byte {byte:#04x} is not a token")));
            }
        }
        Ok(table)
    }

    /// The filter word of `hash` and the two bits set in it.
    #[inline(always)]
    fn filter_at(&self, hash: u64) -> (usize, u64) {
        let w = (hash >> 12) as usize & self.filter_mask;
        (w, (1u64 << (hash & 63)) | (1u64 << ((hash >> 6) & 63)))
    }

    #[inline(always)]
    fn slot_of(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> self.shift) as usize
    }

    /// Whether two slot entries hold the same token bytes.
    fn same_key(&self, a: Slot, b: Slot) -> bool {
        let len = |e: Slot| ((e.meta >> 32) & 0xFF) as usize;
        let bytes = |e: Slot| self.blob.get((e.meta >> 40) as usize..).and_then(|t| t.get(..len(e)));
        a.word == b.word && len(a) == len(b) && (len(a) <= 8 || bytes(a) == bytes(b))
    }

    /// Whether slot `entry` holds `bytes` (whose first word is `word`).
    #[inline(always)]
    fn matches(&self, entry: Slot, bytes: &[u8], word: u64) -> bool {
        if entry.word != word || ((entry.meta >> 32) & 0xFF) as usize != bytes.len() {
            return false;
        }
        if bytes.len() <= 8 {
            return true;
        }
        let start = (entry.meta >> 40) as usize;
        let Some(stored) = self.blob.get(start..start + bytes.len()) else { return false };
        if bytes.len() <= 16 {
            // The first word matched; the last 8 bytes (overlapping it) are the rest.
            return last_word(stored) == last_word(bytes);
        }
        stored.get(8..) == bytes.get(8..)
    }

    /// The rank of `bytes`, if they are a token.
    #[inline(always)]
    pub(crate) fn get(&self, bytes: &[u8]) -> Option<u32> {
        match *bytes {
            [] => return None,
            [b] => return Some(self.byte_ranks[b as usize]),
            [a, b] => {
                let rank = self.pair_ranks[(usize::from(a) << 8) | usize::from(b)];
                return (rank != u32::MAX).then_some(rank);
            }
            _ => {}
        }
        let word = first_word(bytes);
        let hash = key_hash(bytes, word);
        let (w, bits) = self.filter_at(hash);
        if self.filter[w] & bits != bits {
            return None;
        }
        let mut slot = self.slot_of(hash);
        loop {
            let entry = self.slots[slot];
            if entry.meta == 0 {
                return None;
            }
            if self.matches(entry, bytes, word) {
                return Some(entry.meta as u32);
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// The rank of a single byte.
    #[inline]
    pub(crate) fn byte_rank(&self, byte: u8) -> u32 {
        self.byte_ranks[byte as usize]
    }

    /// The bytes of the token with `rank`, or `None` when no mergeable token has that rank.
    #[inline]
    pub(crate) fn token(&self, rank: u32) -> Option<&'static [u8]> {
        let r = rank as usize;
        let start = *self.offsets.get(r)? as usize;
        let end = *self.offsets.get(r + 1)? as usize;
        if start == end {
            return None;
        }
        self.blob.get(start..end)
    }

    /// One past the highest rank.
    #[cfg(test)]
    pub(crate) fn rank_end(&self) -> u32 {
        (self.offsets.len() - 1) as u32
    }

    /// Every `(token bytes, rank)` pair, in rank order.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&'static [u8], u32)> + '_ {
        (0..self.rank_end()).filter_map(|rank| self.token(rank).map(|t| (t, rank)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_found_under_its_own_rank() {
        let tables: [(&str, &'static [u8]); 4] = [
            ("o200k_base", include_bytes!("../../data/ranks/o200k_base.bin")),
            ("cl100k_base", include_bytes!("../../data/ranks/cl100k_base.bin")),
            ("p50k_base", include_bytes!("../../data/ranks/p50k_base.bin")),
            ("r50k_base", include_bytes!("../../data/ranks/r50k_base.bin")),
        ];
        for (name, data) in tables {
            let table = RankTable::parse(name, data).unwrap();
            let mut n = 0;
            for (token, rank) in table.entries() {
                assert_eq!(table.get(token), Some(rank), "{name} rank {rank}");
                n += 1;
            }
            assert!(n > 50_000, "{name}: only {n} tokens");
            assert_eq!(table.get(b"\xff\xfe\xfd not a token \x00"), None);
        }
    }

    #[test]
    fn the_filter_turns_most_non_tokens_away() {
        let table = RankTable::parse("o200k_base", include_bytes!("../../data/ranks/o200k_base.bin")).unwrap();
        // Keys that are not tokens: 3 to 12 bytes of a fixed pseudo-random sequence.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let (mut tried, mut passed) = (0, 0);
        while tried < 20_000 {
            let mut key = Vec::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for i in 0..3 + (state % 10) as usize {
                key.push((state.rotate_left(8 * i as u32) >> 3) as u8);
            }
            if table.get(&key).is_some() {
                continue;
            }
            tried += 1;
            let (w, bits) = table.filter_at(hash(&key));
            if table.filter[w] & bits == bits {
                passed += 1;
            }
        }
        // About 10 bits per key with two bits set: a few percent pass.
        assert!(passed < tried / 10, "{passed} of {tried} non-tokens passed the filter");
    }

    #[test]
    fn first_word_reads_short_keys_zero_padded() {
        let bytes = [0x11u8, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99];
        for len in 0..=bytes.len() {
            let key = &bytes[..len];
            let expected = key.iter().take(8).enumerate().fold(0u64, |w, (i, &b)| w | (u64::from(b) << (8 * i)));
            assert_eq!(first_word(key), expected, "length {len}");
        }
    }

    #[test]
    fn corrupt_tables_are_errors() {
        assert!(RankTable::parse("x", b"").unwrap_err().contains("header"));
        assert!(RankTable::parse("x", b"NOTRANKS\0\0\0\0").unwrap_err().contains("magic"));
        assert!(RankTable::parse("x", b"TMRANKS1\x02\0\0\0\x01").unwrap_err().contains("truncated"));
        // Two ranks with the same bytes.
        assert!(RankTable::parse("x", b"TMRANKS1\x02\0\0\0\x01\x01aa").unwrap_err().contains("twice"));
        // Valid, but byte 0x00 is not a token.
        assert!(RankTable::parse("x", b"TMRANKS1\x01\0\0\0\x01a").unwrap_err().contains("0x00"));
    }
}
