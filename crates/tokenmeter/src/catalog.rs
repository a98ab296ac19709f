//! [`Catalog`]: the bundled models plus the caller's overrides, and name resolution.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::Model;
use crate::price::{self, Price};

/// How a name was matched to a catalog model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MatchKind {
    /// The canonical id.
    Id,
    /// A listed alias (dated snapshot, Bedrock or Vertex id, ...).
    Alias,
    /// After removing a routing prefix such as `openai/`, `azure/`, `bedrock/`, `vertex_ai/`,
    /// or a Bedrock region and vendor prefix such as `us.anthropic.`.
    Prefix,
    /// A dated snapshot or `-latest` name not listed on its own, resolved to its base model.
    Snapshot,
    /// A fine-tuned model (`ft:BASE:org::id`), resolved to its base model.
    FineTune,
}

impl MatchKind {
    /// A short lower-case name: `"id"`, `"alias"`, `"prefix"`, `"snapshot"`, `"fine_tune"`.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Id => "id",
            MatchKind::Alias => "alias",
            MatchKind::Prefix => "prefix",
            MatchKind::Snapshot => "snapshot",
            MatchKind::FineTune => "fine_tune",
        }
    }
}

/// The result of resolving a name.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    /// The catalog model.
    pub model: &'a Model,
    /// How the name matched.
    pub matched_by: MatchKind,
}

/// The models tokenmeter knows, bundled and overridden.
///
/// ```
/// use tokenmeter::Catalog;
/// let catalog = Catalog::bundled();
/// assert_eq!(catalog.get("openai/gpt-4o-2024-11-20")?.id, "gpt-4o");
/// assert_eq!(catalog.get("us.anthropic.claude-3-5-sonnet-20241022-v2:0")?.id, "claude-3-5-sonnet");
/// assert_eq!(catalog.get("ft:gpt-4o-mini-2024-07-18:acme::abc123")?.id, "gpt-4o-mini");
/// # Ok::<(), tokenmeter::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Catalog {
    models: Vec<Model>,
    /// Lower-cased id and alias -> index in `models`; ids win over aliases.
    index: HashMap<String, usize>,
    date: String,
}

#[derive(Deserialize)]
struct CatalogFile {
    catalog_date: String,
    models: Vec<Model>,
}

/// `data/prices.json`: price histories keyed by model id.
#[derive(Deserialize)]
struct PriceFile {
    prices: std::collections::BTreeMap<String, Vec<Price>>,
}

/// Prefixes that route a model through a gateway or cloud without changing the model.
const ROUTING_PREFIXES: &[&str] = &[
    "openai/", "azure/", "azure_ai/", "bedrock/", "bedrock_converse/", "vertex_ai/",
    "vertex_ai_beta/", "anthropic/", "gemini/", "google/", "mistral/", "mistralai/",
    "deepseek/", "xai/", "x-ai/", "meta/", "meta-llama/", "qwen/", "openrouter/", "together_ai/",
    "groq/", "fireworks_ai/", "models/",
];

/// Bedrock cross-region inference profile prefixes (`us.anthropic.claude-...`).
const BEDROCK_REGIONS: &[&str] = &["us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au."];
/// Bedrock vendor prefixes (`anthropic.claude-...`, `meta.llama3-...`).
const BEDROCK_VENDORS: &[&str] =
    &["anthropic.", "meta.", "mistral.", "deepseek.", "qwen.", "openai.", "xai."];

impl Catalog {
    /// The catalog bundled with this version of tokenmeter, parsed once per process.
    #[allow(clippy::expect_used)] // bundled data, validated by tests
    pub fn bundled() -> &'static Catalog {
        static BUNDLED: OnceLock<Catalog> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            Catalog::from_json_with_prices(
                include_str!("../data/models.json"),
                include_str!("../data/prices.json"),
            )
            .expect("bundled data/models.json and data/prices.json are valid")
        })
    }

    /// A catalog from a JSON document of the bundled format
    /// (`{"catalog_date": "...", "models": [...]}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the JSON is malformed or a model is invalid.
    pub fn from_json(json: &str) -> Result<Catalog> {
        let file: CatalogFile = serde_json::from_str(json)
            .map_err(|e| Error::invalid(format!("catalog JSON: {e}")))?;
        let mut catalog = Catalog { models: Vec::new(), index: HashMap::new(), date: file.catalog_date };
        for model in file.models {
            catalog.insert(model)?;
        }
        Ok(catalog)
    }

    /// A catalog from a models document plus a prices document
    /// (`{"prices": {"model-id": [price entries]}}`, the format of `data/prices.json`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when either document is malformed, a price is invalid, or a
    /// price names a model that is not in the models document.
    pub fn from_json_with_prices(models_json: &str, prices_json: &str) -> Result<Catalog> {
        let mut catalog = Catalog::from_json(models_json)?;
        let file: PriceFile = serde_json::from_str(prices_json)
            .map_err(|e| Error::invalid(format!("prices JSON: {e}")))?;
        for (id, history) in file.prices {
            catalog.set_prices(&id, history)?;
        }
        Ok(catalog)
    }

    /// Replaces the price history of the model called `name` (any name that resolves).
    ///
    /// # Errors
    /// [`Error::UnknownModel`] for a name that does not resolve; [`Error::InvalidInput`] for an
    /// invalid price entry.
    pub fn set_prices(&mut self, name: &str, mut history: Vec<Price>) -> Result<()> {
        let id = self.resolve(name)?.model.id.clone();
        price::sort_history(&id, &mut history)?;
        if let Some(m) = self.models.iter_mut().find(|m| m.id == id) {
            m.prices = history;
        }
        Ok(())
    }

    /// The date the bundled data was last checked against the providers.
    pub fn date(&self) -> &str {
        &self.date
    }

    /// Every model, in catalog order.
    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// Adds a model, or replaces the one with the same id. Its aliases take over those names.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the model's tokenizer spec names nothing bundled.
    pub fn insert(&mut self, mut model: Model) -> Result<()> {
        model.validate()?;
        price::sort_history(&model.id, &mut model.prices)?;
        let key = model.id.to_ascii_lowercase();
        let slot = match self.models.iter().position(|m| m.id.eq_ignore_ascii_case(&model.id)) {
            Some(i) => {
                self.models[i] = model;
                i
            }
            None => {
                self.models.push(model);
                self.models.len() - 1
            }
        };
        self.index.insert(key, slot);
        for alias in &self.models[slot].aliases {
            let alias = alias.to_ascii_lowercase();
            // An alias never shadows another model's canonical id.
            let taken_by_id = self
                .index
                .get(&alias)
                .is_some_and(|&i| i != slot && self.models[i].id.eq_ignore_ascii_case(&alias));
            if !taken_by_id {
                self.index.insert(alias, slot);
            }
        }
        Ok(())
    }

    /// The model called `name`. See [`Catalog::resolve`] for the rules.
    ///
    /// # Errors
    /// [`Error::UnknownModel`] naming the nearest known ids.
    pub fn get(&self, name: &str) -> Result<&Model> {
        self.resolve(name).map(|r| r.model)
    }

    /// Resolves `name`, trying in order: the exact id or alias (case-insensitive); the name
    /// without routing prefixes (`openai/`, `azure/`, `vertex_ai/`, ...); a Bedrock id
    /// (`us.anthropic.claude-3-5-sonnet-20241022-v2:0`); a Vertex id (`claude-sonnet-4@20250514`);
    /// a fine-tune id (`ft:gpt-4o-mini-2024-07-18:org::abc123`); and a dated snapshot or
    /// `-latest` name resolved to its base model.
    ///
    /// # Errors
    /// [`Error::UnknownModel`] naming the nearest known ids.
    pub fn resolve(&self, name: &str) -> Result<Resolved<'_>> {
        let trimmed = name.trim();
        let lower = trimmed.to_ascii_lowercase();
        if let Some(r) = self.lookup(&lower) {
            return Ok(r);
        }
        if let Some(base) = lower.strip_prefix("ft:") {
            let base = base.split(':').next().unwrap_or_default();
            if let Some(found) = self.lookup_loose(base) {
                return Ok(Resolved { model: found.model, matched_by: MatchKind::FineTune });
            }
        }
        // Legacy fine-tunes: `davinci:ft-org-2023-01-01`.
        if let Some((base, rest)) = lower.split_once(':') {
            if rest.starts_with("ft-") {
                if let Some(found) = self.lookup_loose(base) {
                    return Ok(Resolved { model: found.model, matched_by: MatchKind::FineTune });
                }
            }
        }
        if let Some(found) = self.lookup_loose(&lower) {
            return Ok(found);
        }
        Err(Error::UnknownModel { model: trimmed.to_string(), suggestions: self.nearest(&lower, 3) })
    }

    fn lookup(&self, key: &str) -> Option<Resolved<'_>> {
        let &i = self.index.get(key)?;
        let model = &self.models[i];
        let matched_by =
            if model.id.eq_ignore_ascii_case(key) { MatchKind::Id } else { MatchKind::Alias };
        Some(Resolved { model, matched_by })
    }

    /// Everything but fine-tunes: prefixes, Bedrock and Vertex forms, snapshots.
    fn lookup_loose(&self, lower: &str) -> Option<Resolved<'_>> {
        if let Some(r) = self.lookup(lower) {
            return Some(r);
        }
        let mut name = lower;
        while let Some(rest) = ROUTING_PREFIXES.iter().find_map(|p| name.strip_prefix(p)) {
            name = rest;
            if let Some(r) = self.lookup(name) {
                return Some(Resolved { model: r.model, matched_by: MatchKind::Prefix });
            }
        }
        if let Some(r) = self.lookup_bedrock(name).or_else(|| self.lookup_vertex(name)) {
            return Some(r);
        }
        // OpenRouter spells Claude versions with dots (`anthropic/claude-sonnet-4.5`,
        // `anthropic/claude-3.5-sonnet`); Anthropic's own ids never contain a dot.
        if let Some(undotted) = undot_claude(name) {
            if let Some(r) = self.lookup_loose(&undotted) {
                return Some(Resolved { model: r.model, matched_by: MatchKind::Alias });
            }
        }
        if let Some(base) = strip_snapshot(name) {
            if let Some(r) = self.lookup(base).or_else(|| self.lookup_loose(base)) {
                return Some(Resolved { model: r.model, matched_by: MatchKind::Snapshot });
            }
        }
        None
    }

    fn lookup_bedrock(&self, name: &str) -> Option<Resolved<'_>> {
        let mut n = name;
        if let Some(rest) = BEDROCK_REGIONS.iter().find_map(|p| n.strip_prefix(p)) {
            n = rest;
        }
        let (vendor, rest) = BEDROCK_VENDORS
            .iter()
            .find_map(|p| n.strip_prefix(p).map(|rest| (p.trim_end_matches('.'), rest)))?;
        // `-v2:0`, `-v1:0`, `:0` version suffixes.
        let mut core = rest;
        if let Some((head, tail)) = core.rsplit_once(':') {
            if tail.chars().all(|c| c.is_ascii_digit()) {
                core = head;
            }
        }
        // Some Bedrock ids drop the vendor from the model name (`deepseek.r1-v1:0`), so the
        // vendor-prefixed name (`deepseek-r1`) is tried too.
        let base = strip_version_suffix(core);
        let candidates = [core.to_string(), base.to_string(), format!("{vendor}-{base}")];
        candidates.iter().map(String::as_str).find_map(|c| {
            self.lookup(c)
                .or_else(|| strip_snapshot(c).and_then(|b| self.lookup(b)))
                .map(|r| Resolved { model: r.model, matched_by: MatchKind::Prefix })
        })
    }

    fn lookup_vertex(&self, name: &str) -> Option<Resolved<'_>> {
        let (base, date) = name.split_once('@')?;
        let dated = format!("{base}-{date}");
        self.lookup(&dated)
            .or_else(|| self.lookup(base))
            .map(|r| Resolved { model: r.model, matched_by: MatchKind::Prefix })
    }

    /// Up to `n` known ids closest to `name`, best first.
    pub fn nearest(&self, name: &str, n: usize) -> Vec<String> {
        let name = name.to_ascii_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .models
            .iter()
            .map(|m| {
                let best = std::iter::once(&m.id)
                    .chain(m.aliases.iter())
                    .map(|k| strsim::jaro_winkler(&name, &k.to_ascii_lowercase()))
                    .fold(0.0_f64, f64::max);
                (best, m.id.as_str())
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored.into_iter().take(n).map(|(_, id)| id.to_string()).collect()
    }
}

/// `claude-3.5-sonnet` -> `claude-3-5-sonnet`: dots between digits become dashes in a Claude
/// name; `None` when there is nothing to change.
fn undot_claude(name: &str) -> Option<String> {
    if !name.starts_with("claude-") || !name.contains('.') {
        return None;
    }
    let chars: Vec<char> = name.chars().collect();
    let undotted: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_digits = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c == '.' && between_digits { '-' } else { c }
        })
        .collect();
    (undotted != name).then_some(undotted)
}

/// `-v2` / `-v1` at the end of a Bedrock model name.
fn strip_version_suffix(name: &str) -> &str {
    match name.rsplit_once("-v") {
        Some((head, tail)) if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) => head,
        _ => name,
    }
}

/// Removes a trailing snapshot marker: `-2024-08-06`, `-20241022`, `-0613`, `-latest`, `-preview`.
fn strip_snapshot(name: &str) -> Option<&str> {
    if let Some(base) = name.strip_suffix("-latest") {
        return Some(base);
    }
    let (head, tail) = name.rsplit_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    if digits(tail, 8) || digits(tail, 4) {
        return Some(head);
    }
    // ISO date: three dash-separated groups.
    let (h2, month) = head.rsplit_once('-')?;
    let (h3, year) = h2.rsplit_once('-')?;
    if digits(year, 4) && digits(month, 2) && digits(tail, 2) {
        return Some(h3);
    }
    None
}
