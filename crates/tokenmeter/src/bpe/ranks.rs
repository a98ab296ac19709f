//! The mergeable-rank table of one encoding: token bytes by rank, and rank by token bytes.
//!
//! The table is read from the compact `data/ranks/<name>.bin` files (see `data/ranks/build.py`
//! for the format and the SHA-256 check against tiktoken's published hashes). Loading borrows
//! the embedded bytes (`&'static [u8]`) and builds two arrays, with no per-token allocation:
//! - `offsets`: where the bytes of rank `r` start in the embedded blob (`n + 1` entries);
//! - `slots`: an open-addressing hash table (linear probing, load factor <= 1/2) whose entries
//!   hold the rank and the high 32 bits of the key's hash, so a probe touches the token bytes
//!   only when the fingerprint already matches.
//!
//! Lookup cost: one hash over the key (8 bytes per step) and, on average, about one probe.

/// An empty hash slot.
const EMPTY: u64 = u64::MAX;

/// Rank lookup for one encoding's mergeable tokens.
#[derive(Debug)]
pub(crate) struct RankTable {
    /// Token bytes, concatenated in rank order (borrowed from the embedded file).
    blob: &'static [u8],
    /// `offsets[r]..offsets[r + 1]` is the byte range of rank `r` in `blob` (empty: no token).
    offsets: Vec<u32>,
    /// Hash slots: `(hash >> 32) << 32 | rank`, or `EMPTY`.
    slots: Vec<u64>,
    /// `slots.len() - 1` (the length is a power of two).
    mask: usize,
    /// The rank of each single byte (every byte is a token in all OpenAI encodings).
    byte_ranks: [u32; 256],
}

/// Hash of a token's bytes (multiply-rotate over 8-byte words; not for untrusted keys in
/// adversarial settings, which is fine here: keys are slices of the caller's own text and the
/// worst case is a slower probe sequence, not a wrong answer).
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h ^ (h >> 29)
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
        let mask = capacity - 1;
        let mut table = Self { blob, offsets, slots: vec![EMPTY; capacity], mask, byte_ranks: [0; 256] };
        for rank in 0..n {
            let Some(token) = table.token(rank as u32) else { continue };
            if table.get(token).is_some() {
                return Err(bad(&format!("token of rank {rank} appears twice")));
            }
            let hash = hash_bytes(token);
            let mut slot = (hash as usize) & mask;
            while table.slots[slot] != EMPTY {
                slot = (slot + 1) & mask;
            }
            table.slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | rank as u64;
        }
        for byte in 0..=255u8 {
            table.byte_ranks[byte as usize] = table
                .get(&[byte])
                .ok_or_else(|| bad(&format!("byte {byte:#04x} is not a token")))?;
        }
        Ok(table)
    }

    /// The rank of `bytes`, if they are a token.
    #[inline]
    pub(crate) fn get(&self, bytes: &[u8]) -> Option<u32> {
        let hash = hash_bytes(bytes);
        let fingerprint = hash & 0xFFFF_FFFF_0000_0000;
        let mut slot = (hash as usize) & self.mask;
        loop {
            let entry = self.slots[slot];
            if entry == EMPTY {
                return None;
            }
            if entry & 0xFFFF_FFFF_0000_0000 == fingerprint {
                let rank = entry as u32;
                if self.token(rank) == Some(bytes) {
                    return Some(rank);
                }
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
