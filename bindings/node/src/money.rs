//! Money for JS: the core's exact decimal as a string (`"0.0025"`), plus a JS number for
//! convenience (a double: fine for display and sums of a few terms, not for ledgers).

use tokenmeter::Decimal;

/// The exact decimal, normalized (no trailing zeros).
pub fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The nearest double.
pub fn number(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(f64::NAN)
}
