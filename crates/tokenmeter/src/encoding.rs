//! The bundled tiktoken encodings, by their canonical names.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// One of OpenAI's published BPE encodings. The rank tables are compiled into the binary;
/// nothing is ever downloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// GPT-4o, GPT-4.1, GPT-5, o1/o3/o4.
    O200kBase,
    /// gpt-oss: o200k ranks with the harmony chat special tokens.
    O200kHarmony,
    /// GPT-4, GPT-3.5-turbo, text-embedding-3.
    Cl100kBase,
    /// Codex and text-davinci-002/003.
    P50kBase,
    /// text-davinci-edit and code-davinci-edit.
    P50kEdit,
    /// GPT-3 (`gpt2`).
    R50kBase,
}

impl Encoding {
    /// Every bundled encoding.
    pub const ALL: [Encoding; 6] = [
        Encoding::O200kBase,
        Encoding::O200kHarmony,
        Encoding::Cl100kBase,
        Encoding::P50kBase,
        Encoding::P50kEdit,
        Encoding::R50kBase,
    ];

    /// The canonical name, as tiktoken spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::O200kBase => "o200k_base",
            Encoding::O200kHarmony => "o200k_harmony",
            Encoding::Cl100kBase => "cl100k_base",
            Encoding::P50kBase => "p50k_base",
            Encoding::P50kEdit => "p50k_edit",
            Encoding::R50kBase => "r50k_base",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Encoding {
    type Err = Error;

    /// Parses a canonical name; `gpt2` is accepted for `r50k_base`, as tiktoken does.
    fn from_str(s: &str) -> Result<Self> {
        let name = s.trim();
        if name == "gpt2" {
            return Ok(Encoding::R50kBase);
        }
        Encoding::ALL
            .into_iter()
            .find(|e| e.as_str() == name)
            .ok_or_else(|| Error::UnknownEncoding {
                name: s.to_string(),
                known: Encoding::ALL.map(Encoding::as_str).join(", "),
            })
    }
}
