//! The token counts of the merged pieces already seen in one call, so a word that recurs in a
//! long text is merged once.
//!
//! Real text repeats itself (Zipf): in the benchmark corpus, most pieces that need the rank
//! merge occur again later in the same file. The memo lives for one `count` or `count_up_to`
//! call and borrows the pieces from the caller's text, so there is no global or shared state
//! and nothing to invalidate. It is used only for texts of at least [`MIN_TEXT`] bytes, where
//! its allocation is small next to the work; its size is bounded by the text, and once half
//! full it stops taking new pieces (lookups still hit), so a text with no repetition costs one
//! hash per merged piece and nothing more.

use super::ranks;

/// Shortest text that gets a memo.
pub(crate) const MIN_TEXT: usize = 1024;

/// Open-addressing table (linear probing) from piece bytes to token count.
pub(crate) struct Memo<'a> {
    /// `(piece, count)`; an empty piece marks a free slot (merged pieces have two bytes or
    /// more).
    slots: Vec<(&'a [u8], u32)>,
    mask: usize,
    /// Free slots left before the table stops taking new pieces.
    room: usize,
}

impl<'a> Memo<'a> {
    /// A memo sized for a text of `text_len` bytes.
    pub(crate) fn for_text(text_len: usize) -> Self {
        // About one slot per 16 bytes of text, between 256 and 64K slots (6 KB to 1.5 MB).
        let capacity = (text_len / 16).clamp(1 << 8, 1 << 16).next_power_of_two();
        Self { slots: vec![(&[][..], 0); capacity], mask: capacity - 1, room: capacity / 2 }
    }

    /// The token count of `piece`, from the memo or from `merge_count` (then remembered).
    #[inline]
    pub(crate) fn count(&mut self, piece: &'a [u8], merge_count: impl FnOnce(&[u8]) -> usize) -> usize {
        let mut slot = ranks::hash(piece) as usize & self.mask;
        loop {
            let (seen, count) = self.slots[slot];
            if seen.is_empty() {
                break;
            }
            if seen == piece {
                return count as usize;
            }
            slot = (slot + 1) & self.mask;
        }
        let count = merge_count(piece);
        if self.room > 0 {
            if let Ok(stored) = u32::try_from(count) {
                self.slots[slot] = (piece, stored);
                self.room -= 1;
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_counts_and_stops_growing_when_half_full() {
        let words: Vec<String> = (0..5000).map(|i| format!("word{i}")).collect();
        let mut memo = Memo::for_text(0);
        let mut merges = 0;
        for round in 0..2 {
            for (i, w) in words.iter().enumerate() {
                let got = memo.count(w.as_bytes(), |p| {
                    merges += 1;
                    p.len() + i
                });
                assert_eq!(got, w.len() + i, "round {round}, word {w}");
            }
        }
        // 256 slots take 128 pieces; the rest are merged again in round two.
        assert_eq!(merges, 5000 + (5000 - 128));
    }
}
