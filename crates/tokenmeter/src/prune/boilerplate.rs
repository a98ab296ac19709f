//! The `boilerplate` pass: removes text that matches caller-given patterns (signatures,
//! legal footers, tracking banners), one regular expression each.

use regex::Regex;

use crate::error::{Error, Result};

/// Compiles the caller's patterns, naming the one that is invalid.
pub(crate) fn compile(patterns: &[String]) -> Result<Vec<Regex>> {
    patterns
        .iter()
        .map(|p| {
            Regex::new(p).map_err(|e| Error::invalid_because(format!("boilerplate pattern `{p}`"), e))
        })
        .collect()
}

/// Removes every match of every pattern, in order.
pub(crate) fn remove(text: &str, patterns: &[Regex]) -> String {
    let mut out = text.to_string();
    for re in patterns {
        if let std::borrow::Cow::Owned(s) = re.replace_all(&out, "") {
            out = s;
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn removes_matches_and_rejects_bad_patterns() {
        let pats = compile(&["(?m)^Sent from my phone$".to_string(), r"\[tracking:[^\]]*\]".to_string()]).unwrap();
        assert_eq!(remove("hi [tracking:abc]\nSent from my phone", &pats), "hi \n");
        assert_eq!(compile(&["(".to_string()]).unwrap_err().code(), "INVALID_INPUT");
    }
}
