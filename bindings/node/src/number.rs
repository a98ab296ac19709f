//! JS numbers to and from Rust sizes. JS has one number type; a count or limit arrives as a
//! double and must be a non-negative whole number that a double represents exactly.

use crate::error::{Result, invalid};

/// The largest integer a double holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// A caller's count or limit, checked.
pub fn to_usize(value: f64, what: &str) -> Result<usize> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= MAX_SAFE {
        // In range and whole: the cast is exact on 64-bit targets.
        Ok(value as usize)
    } else {
        Err(invalid(format!(
            "{what} must be a non-negative integer, got {value}"
        )))
    }
}

/// A size as a JS number (exact below 2^53).
pub fn to_number(value: usize) -> f64 {
    value as f64
}

/// Sizes as JS numbers.
pub fn to_numbers(values: Vec<usize>) -> Vec<f64> {
    values.into_iter().map(to_number).collect()
}

/// A caller's token count for the pricing API (`u64` in the core), checked.
pub fn to_u64(value: f64, what: &str) -> Result<u64> {
    to_usize(value, what).map(|v| v as u64)
}

/// A `u64` count as a JS number (exact below 2^53).
pub fn to_number_u64(value: u64) -> f64 {
    value as f64
}
