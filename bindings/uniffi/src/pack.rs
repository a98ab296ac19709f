//! `Tokenizer.pack`: the highest-priority sections that fit a budget, as one prompt.

use crate::error::{Result, guard, to_u64, to_usize};
use crate::tokenizer::Tokenizer;

/// One piece of a prompt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Section {
    pub text: String,
    /// Higher priorities are kept first.
    pub priority: i64,
    /// Where the section goes in the prompt (default: its index).
    #[uniffi(default = None)]
    pub position: Option<i64>,
    /// A caller's name for the section, echoed in `excluded`.
    #[uniffi(default = None)]
    pub id: Option<String>,
}

/// Options of `pack`. An unset separator takes the core's default.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PackOptions {
    pub budget: u64,
    #[uniffi(default = None)]
    pub separator: Option<String>,
}

/// A section that was left out.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Excluded {
    pub index: u64,
    pub id: Option<String>,
    pub priority: i64,
    pub tokens: Option<u64>,
}

/// The result of `pack`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Packed {
    pub text: String,
    pub tokens: u64,
    /// The lowest priority that was kept.
    pub cutoff: i64,
    pub included: Vec<u64>,
    pub excluded: Vec<Excluded>,
}

impl From<Section> for tokenmeter::Section {
    fn from(s: Section) -> Self {
        let mut section = tokenmeter::Section::new(s.text, s.priority);
        if let Some(position) = s.position {
            section = section.with_position(position);
        }
        if let Some(id) = s.id {
            section = section.with_id(id);
        }
        section
    }
}

impl From<PackOptions> for tokenmeter::PackOptions {
    fn from(o: PackOptions) -> Self {
        let opts = tokenmeter::PackOptions::new(to_usize(o.budget));
        match o.separator {
            Some(separator) => opts.with_separator(separator),
            None => opts,
        }
    }
}

impl From<tokenmeter::Packed> for Packed {
    fn from(p: tokenmeter::Packed) -> Self {
        Self {
            text: p.text,
            tokens: to_u64(p.tokens),
            cutoff: p.cutoff,
            included: p.included.into_iter().map(to_u64).collect(),
            excluded: p
                .excluded
                .into_iter()
                .map(|e| Excluded {
                    index: to_u64(e.index),
                    id: e.id,
                    priority: e.priority,
                    tokens: e.tokens.map(to_u64),
                })
                .collect(),
        }
    }
}

#[uniffi::export]
impl Tokenizer {
    /// Packs the sections of the highest priorities that fit `options.budget` into one prompt.
    pub fn pack(&self, sections: Vec<Section>, options: PackOptions) -> Result<Packed> {
        guard(|| {
            let sections: Vec<tokenmeter::Section> = sections.into_iter().map(Into::into).collect();
            Ok(tokenmeter::pack(&self.inner, &sections, &options.into())?.into())
        })
    }
}
