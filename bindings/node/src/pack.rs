//! `Tokenizer#pack`: the sections of the highest priorities that fit a budget, as one prompt.

use napi_derive::napi;

use crate::error::{JsErr, Result};
use crate::number::{to_number, to_usize};

/// One piece of a prompt.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Section {
    pub text: String,
    /// Higher is more important; the highest priorities are kept first.
    pub priority: i64,
    /// Where the section goes in the prompt (ascending); default: input order.
    pub position: Option<i64>,
    /// A name used in the report.
    pub id: Option<String>,
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

/// Options of `pack`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct PackOptions {
    /// The most tokens the prompt may have (at least 1).
    pub budget: f64,
    /// Placed between consecutive sections (default `"\n\n"`).
    pub separator: Option<String>,
}

impl TryFrom<PackOptions> for tokenmeter::PackOptions {
    type Error = JsErr;
    fn try_from(o: PackOptions) -> Result<Self> {
        let opts = tokenmeter::PackOptions::new(to_usize(o.budget, "budget")?);
        Ok(match o.separator {
            Some(separator) => opts.with_separator(separator),
            None => opts,
        })
    }
}

/// A section that was left out.
#[napi(object)]
#[derive(Debug)]
pub struct ExcludedSection {
    pub index: f64,
    pub id: Option<String>,
    pub priority: i64,
    /// Its tokens, when it was counted.
    pub tokens: Option<f64>,
}

/// The result of `pack`.
#[napi(object)]
#[derive(Debug)]
pub struct Packed {
    /// The included sections in position order, joined by the separator.
    pub text: String,
    /// Its exact token count (never above the budget).
    pub tokens: f64,
    /// The lowest priority included.
    pub cutoff: i64,
    /// Input indices of the included sections, in prompt order.
    pub included: Vec<f64>,
    /// The sections left out, in input order.
    pub excluded: Vec<ExcludedSection>,
}

impl From<tokenmeter::Packed> for Packed {
    fn from(p: tokenmeter::Packed) -> Self {
        Self {
            text: p.text,
            tokens: to_number(p.tokens),
            cutoff: p.cutoff,
            included: p.included.into_iter().map(to_number).collect(),
            excluded: p
                .excluded
                .into_iter()
                .map(|e| ExcludedSection {
                    index: to_number(e.index),
                    id: e.id,
                    priority: e.priority,
                    tokens: e.tokens.map(to_number),
                })
                .collect(),
        }
    }
}
