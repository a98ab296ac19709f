//! Hugging Face `tokenizer.json` files, through the `tokenizers` crate (pure Rust build:
//! `fancy-regex`, no Oniguruma, no `http`, so no download code is compiled in).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// A loaded `tokenizer.json`. Counting does not add the model's special tokens (BOS/EOS): that
/// framing belongs to the chat template, not to the text.
pub(crate) struct HfTokenizer {
    name: String,
    /// Special-token text is encoded as ordinary text (the default of [`crate::Tokenizer`]).
    ordinary: tokenizers::Tokenizer,
    /// Built on first use by `allow_special(true)` tokenizers.
    special: OnceLock<tokenizers::Tokenizer>,
}

impl std::fmt::Debug for HfTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HfTokenizer").field("name", &self.name).finish()
    }
}

fn load_error(source: &str, e: impl std::fmt::Display) -> Error {
    Error::TokenizerLoad { reason: format!("{source}: {e}") }
}

impl HfTokenizer {
    pub(crate) fn from_file(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| load_error(&path.display().to_string(), e))?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    pub(crate) fn from_bytes(bytes: &[u8], name: &str) -> Result<Self> {
        let mut tokenizer =
            tokenizers::Tokenizer::from_bytes(bytes).map_err(|e| load_error(name, e))?;
        // A tokenizer.json may carry truncation or padding meant for training; either would make
        // counts wrong, so both are switched off.
        tokenizer.with_truncation(None).map_err(|e| load_error(name, e))?;
        tokenizer.with_padding(None);
        let special = OnceLock::new();
        let _ = special.set(tokenizer.clone());
        tokenizer.set_encode_special_tokens(true);
        Ok(Self { name: name.to_string(), ordinary: tokenizer, special })
    }

    pub(crate) fn from_cache(model_id: &str) -> Result<Self> {
        let path = cached_tokenizer_json(model_id)?;
        let mut loaded = Self::from_file(&path)?;
        loaded.name = model_id.to_string();
        Ok(loaded)
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    fn pick(&self, allow_special: bool) -> &tokenizers::Tokenizer {
        match (allow_special, self.special.get()) {
            (true, Some(t)) => t,
            _ => &self.ordinary,
        }
    }

    pub(crate) fn count(&self, text: &str, allow_special: bool) -> Result<usize> {
        let enc = self
            .pick(allow_special)
            .encode_fast(text, false)
            .map_err(|e| Error::invalid(format!("{} cannot encode the text: {e}", self.name)))?;
        Ok(enc.len())
    }

    pub(crate) fn encode(&self, text: &str, allow_special: bool) -> Result<Vec<u32>> {
        let enc = self
            .pick(allow_special)
            .encode_fast(text, false)
            .map_err(|e| Error::invalid(format!("{} cannot encode the text: {e}", self.name)))?;
        Ok(enc.get_ids().to_vec())
    }

    /// Token ids with the byte span each covers in `text` (as the tokenizer reports it).
    pub(crate) fn encode_offsets(
        &self,
        text: &str,
        allow_special: bool,
    ) -> Result<Vec<(u32, usize, usize)>> {
        let enc = self
            .pick(allow_special)
            .encode(text, false)
            .map_err(|e| Error::invalid(format!("{} cannot encode the text: {e}", self.name)))?;
        Ok(enc.get_ids().iter().zip(enc.get_offsets()).map(|(&id, &(s, e))| (id, s, e)).collect())
    }

    pub(crate) fn decode(&self, ids: &[u32]) -> Result<String> {
        self.ordinary
            .decode(ids, false)
            .map_err(|e| Error::invalid(format!("{} cannot decode those ids: {e}", self.name)))
    }
}

/// The hub cache folder, by the rule `huggingface_hub` follows.
fn hub_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("HF_HUB_CACHE") {
        return Some(PathBuf::from(dir));
    }
    if let Some(home) = std::env::var_os("HF_HOME") {
        return Some(PathBuf::from(home).join("hub"));
    }
    if let Some(xdg) = std::env::var_os("XDG_CACHE_HOME") {
        return Some(PathBuf::from(xdg).join("huggingface").join("hub"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("huggingface").join("hub"))
}

/// `<cache>/models--org--name/snapshots/<rev>/tokenizer.json`, preferring the revision that
/// `refs/main` names, else any snapshot that holds the file.
fn cached_tokenizer_json(model_id: &str) -> Result<PathBuf> {
    if model_id.is_empty() || model_id.contains("..") {
        return Err(Error::TokenizerLoad { reason: format!("`{model_id}` is not a model id") });
    }
    let cache = hub_cache_dir().ok_or_else(|| Error::TokenizerLoad {
        reason: "no Hugging Face cache folder (set HF_HOME or HF_HUB_CACHE)".into(),
    })?;
    let repo = cache.join(format!("models--{}", model_id.replace('/', "--")));
    let snapshots = repo.join("snapshots");
    if let Ok(rev) = std::fs::read_to_string(repo.join("refs").join("main")) {
        let candidate = snapshots.join(rev.trim()).join("tokenizer.json");
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(&snapshots)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path().join("tokenizer.json"))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.pop().ok_or_else(|| Error::TokenizerLoad {
        reason: format!(
            "no tokenizer.json for `{model_id}` in the local Hugging Face cache ({}); \
             tokenmeter never downloads: fetch it with `huggingface-cli download {model_id} tokenizer.json` \
             or pass the file's path",
            snapshots.display()
        ),
    })
}
