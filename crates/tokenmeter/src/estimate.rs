//! Calibrated estimates for tokenizers that are not public or not bundled.
//!
//! An estimate is `ceil(reference_count * ratio)`, where the reference is a bundled tiktoken
//! encoding. Each profile records how its ratio and error bound were measured, and on what text,
//! in `data/estimates.json` (written by `tests/calibrate_estimates.py`).

use std::sync::OnceLock;

use serde::Deserialize;

use crate::encoding::Encoding;
use crate::error::{Error, Result};

/// One calibrated estimate.
#[derive(Debug, Clone, Deserialize)]
pub struct EstimateProfile {
    /// The profile name, e.g. `anthropic`, `gemini`, `llama3`.
    pub name: String,
    /// The bundled encoding whose count is scaled.
    #[serde(deserialize_with = "de_encoding")]
    pub reference: Encoding,
    /// Tokens of the target tokenizer per reference token.
    pub ratio: f64,
    /// The largest relative error of the scaled count seen on the calibration corpus.
    pub relative_error: f64,
    /// What the ratio was measured against and on what text.
    pub measured_on: String,
}

fn de_encoding<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Encoding, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

#[derive(Deserialize)]
struct EstimateFile {
    profiles: Vec<EstimateProfile>,
}

#[allow(clippy::expect_used)] // the file ships with the crate and is parsed by a unit test
fn profiles() -> &'static [EstimateProfile] {
    static PROFILES: OnceLock<Vec<EstimateProfile>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        serde_json::from_str::<EstimateFile>(include_str!("../data/estimates.json"))
            .expect("bundled data/estimates.json is valid")
            .profiles
    })
}

impl EstimateProfile {
    /// The profile called `name`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the known profiles.
    pub fn get(name: &str) -> Result<&'static EstimateProfile> {
        profiles().iter().find(|p| p.name == name).ok_or_else(|| {
            let known: Vec<&str> = profiles().iter().map(|p| p.name.as_str()).collect();
            Error::invalid(format!(
                "no estimate profile `{name}`; known profiles: {}",
                known.join(", ")
            ))
        })
    }

    /// Every bundled profile.
    pub fn all() -> &'static [EstimateProfile] {
        profiles()
    }

    /// The estimated count for a reference count.
    pub(crate) fn scale(&self, reference_tokens: usize) -> usize {
        // Token counts stay far below 2^52, so the f64 product is exact enough to round up.
        (reference_tokens as f64 * self.ratio).ceil() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_profiles_parse_and_are_sane() {
        assert!(!EstimateProfile::all().is_empty());
        for p in EstimateProfile::all() {
            assert!(p.ratio > 0.3 && p.ratio < 3.0, "{}: ratio {}", p.name, p.ratio);
            assert!(p.relative_error > 0.0 && p.relative_error < 1.0, "{}", p.name);
            assert!(!p.measured_on.is_empty());
        }
    }
}
