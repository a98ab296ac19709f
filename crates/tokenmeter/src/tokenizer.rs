//! [`Tokenizer`]: one API over the tiktoken encodings, Hugging Face `tokenizer.json` files and
//! calibrated estimates for providers whose tokenizer is not public.

use std::fmt;
use std::sync::Arc;

use rayon::prelude::*;

use crate::encoding::Encoding;
use crate::error::{Error, Result};
use crate::estimate::EstimateProfile;
#[cfg(feature = "huggingface")]
use crate::huggingface::HfTokenizer;
use crate::tiktoken;

/// The result of [`Tokenizer::count_up_to`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountUpTo {
    /// The exact count when `exceeded` is false; otherwise a count already above the limit
    /// (counting stopped there), so a lower bound of the full count.
    pub tokens: usize,
    /// Whether the text has more tokens than the limit.
    pub exceeded: bool,
}

/// How far a count can be from the provider's own count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Accuracy {
    /// True when the count is the provider's own tokenizer's count.
    pub exact: bool,
    /// The largest relative error measured for this tokenizer (0 when exact): the true count
    /// lies within `count * (1 ± relative_error)` on the calibration corpus.
    pub relative_error: f64,
}

#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // built once and shared behind an Arc
pub(crate) enum Backend {
    Tiktoken(Encoding),
    #[cfg(feature = "huggingface")]
    HuggingFace(HfTokenizer),
    Estimate(&'static EstimateProfile),
}

/// Counts, encodes and decodes text for one tokenizer.
///
/// Cheap to clone and `Send + Sync`: clones share the loaded tables.
///
/// ```
/// use tokenmeter::{Encoding, Tokenizer};
/// let tok = Tokenizer::from_encoding(Encoding::O200kBase);
/// assert_eq!(tok.count("hello world")?, 2);
/// # Ok::<(), tokenmeter::Error>(())
/// ```
#[derive(Clone)]
pub struct Tokenizer {
    backend: Arc<Backend>,
    allow_special: bool,
}

impl fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokenizer")
            .field("name", &self.name())
            .field("exact", &self.is_exact())
            .field("allow_special", &self.allow_special)
            .finish()
    }
}

impl Tokenizer {
    /// Empties this thread's cache of merged pieces, so the counts that follow are cold, as on
    /// a new thread.
    ///
    /// Counting with a tiktoken encoding remembers, per thread and encoding, the token count of
    /// each piece it had to merge (at most 32,768 pieces and 1.5 MB, emptied when full), so a
    /// word or prompt seen before costs one lookup. Answers never depend on the cache. Call
    /// this to time cold counts; the memory is kept for reuse until the thread ends.
    pub fn clear_thread_cache() {
        crate::bpe::cache::clear_thread();
    }

    /// A tokenizer for one of the bundled tiktoken encodings. The tables load on first use.
    pub fn from_encoding(encoding: Encoding) -> Self {
        Self::with_backend(Backend::Tiktoken(encoding))
    }

    /// A tokenizer for an encoding given by name (`"o200k_base"`, `"cl100k_base"`, ...).
    ///
    /// # Errors
    /// [`Error::UnknownEncoding`] when the name is not a bundled encoding.
    pub fn from_encoding_name(name: &str) -> Result<Self> {
        Ok(Self::from_encoding(name.parse()?))
    }

    /// A Hugging Face tokenizer from a `tokenizer.json` file.
    ///
    /// # Errors
    /// [`Error::TokenizerLoad`] when the file cannot be read or is not a valid tokenizer.
    #[cfg(feature = "huggingface")]
    pub fn from_hf_file(path: impl AsRef<std::path::Path>) -> Result<Self> {
        Ok(Self::with_backend(Backend::HuggingFace(HfTokenizer::from_file(path.as_ref())?)))
    }

    /// A Hugging Face tokenizer from the bytes of a `tokenizer.json`.
    ///
    /// # Errors
    /// [`Error::TokenizerLoad`] when the bytes are not a valid tokenizer.
    #[cfg(feature = "huggingface")]
    pub fn from_hf_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Self::with_backend(Backend::HuggingFace(HfTokenizer::from_bytes(bytes, "<bytes>")?)))
    }

    /// A Hugging Face tokenizer for `model_id` (`"org/name"`) found in the local Hugging Face
    /// cache (`$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub`). Never
    /// downloads.
    ///
    /// # Errors
    /// [`Error::TokenizerLoad`] when the model's `tokenizer.json` is not in the cache.
    #[cfg(feature = "huggingface")]
    pub fn from_hf_cache(model_id: &str) -> Result<Self> {
        Ok(Self::with_backend(Backend::HuggingFace(HfTokenizer::from_cache(model_id)?)))
    }

    /// A calibrated estimate for a provider whose tokenizer is not public (`"anthropic"`,
    /// `"gemini"`, ...). Counts are marked inexact and carry the measured error bound.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when no estimate profile has that name.
    pub fn estimate(profile: &str) -> Result<Self> {
        Ok(Self::with_backend(Backend::Estimate(EstimateProfile::get(profile)?)))
    }

    /// The backend, for crate-internal extensions in other files (token offsets).
    pub(crate) fn backend(&self) -> &Backend {
        &self.backend
    }

    fn with_backend(backend: Backend) -> Self {
        Self { backend: Arc::new(backend), allow_special: false }
    }

    /// Returns a tokenizer that treats special-token text such as `<|endoftext|>` as the special
    /// token (`true`) or as ordinary text (`false`, the default, which is what an API does with
    /// user content).
    #[must_use]
    pub fn allow_special(mut self, allow: bool) -> Self {
        self.allow_special = allow;
        self
    }

    /// Whether special-token text is parsed as special tokens.
    pub fn allows_special(&self) -> bool {
        self.allow_special
    }

    /// A short name: the encoding name, the `tokenizer.json` source, or `estimate:<profile>`.
    pub fn name(&self) -> String {
        match &*self.backend {
            Backend::Tiktoken(e) => e.as_str().to_string(),
            #[cfg(feature = "huggingface")]
            Backend::HuggingFace(hf) => hf.name().to_string(),
            Backend::Estimate(p) => format!("estimate:{}", p.name),
        }
    }

    /// The tiktoken encoding behind this tokenizer, if it is one.
    pub fn encoding(&self) -> Option<Encoding> {
        match &*self.backend {
            Backend::Tiktoken(e) => Some(*e),
            _ => None,
        }
    }

    /// Whether counts are the provider's own (false for estimates).
    pub fn is_exact(&self) -> bool {
        self.accuracy().exact
    }

    /// How close counts are to the provider's own count.
    pub fn accuracy(&self) -> Accuracy {
        match &*self.backend {
            Backend::Estimate(p) => Accuracy { exact: false, relative_error: p.relative_error },
            _ => Accuracy { exact: true, relative_error: 0.0 },
        }
    }

    /// The number of tokens in `text`. Builds no token vector for the tiktoken encodings.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when a Hugging Face tokenizer rejects the text.
    pub fn count(&self, text: &str) -> Result<usize> {
        match &*self.backend {
            Backend::Tiktoken(e) => tiktoken::count(*e, text, self.allow_special),
            #[cfg(feature = "huggingface")]
            Backend::HuggingFace(hf) => hf.count(text, self.allow_special),
            Backend::Estimate(p) => Ok(p.scale(tiktoken::count(p.reference, text, false)?)),
        }
    }

    /// Counts `text` but stops once more than `limit` tokens are seen. Its cost grows with the
    /// limit, not with the text, for the tiktoken encodings.
    ///
    /// # Errors
    /// As [`Tokenizer::count`].
    pub fn count_up_to(&self, text: &str, limit: usize) -> Result<CountUpTo> {
        match &*self.backend {
            Backend::Tiktoken(e) => tiktoken::count_up_to(*e, text, limit, self.allow_special),
            _ => {
                let tokens = self.count(text)?;
                Ok(CountUpTo { tokens, exceeded: tokens > limit })
            }
        }
    }

    /// The token ids of `text`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an estimate, which has no token ids, or when a Hugging Face
    /// tokenizer rejects the text.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        match &*self.backend {
            Backend::Tiktoken(e) => tiktoken::encode(*e, text, self.allow_special),
            #[cfg(feature = "huggingface")]
            Backend::HuggingFace(hf) => hf.encode(text, self.allow_special),
            Backend::Estimate(p) => Err(Error::invalid(format!(
                "estimate:{} has no token ids; only counts are available",
                p.name
            ))),
        }
    }

    /// The exact bytes of token `id`, for the tiktoken encodings. A token can hold part of a
    /// UTF-8 character, so these are bytes, not text; concatenating the bytes of a prefix of
    /// `encode(text)` gives a prefix of `text`'s bytes (handy for truncation offsets).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an id outside the vocabulary, or for a backend that is not
    /// a tiktoken encoding.
    pub fn token_bytes(&self, id: u32) -> Result<Vec<u8>> {
        match &*self.backend {
            Backend::Tiktoken(e) => Ok(tiktoken::token_bytes(*e, id)?.to_vec()),
            _ => Err(Error::invalid(format!(
                "{} has no byte-level vocabulary; token bytes exist for tiktoken encodings only",
                self.name()
            ))),
        }
    }

    /// The text of `tokens`. Bytes that do not form valid UTF-8 (a token sequence cut inside a
    /// character) become U+FFFD, as tiktoken's `decode` does.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an id outside the vocabulary, or for an estimate.
    pub fn decode(&self, tokens: &[u32]) -> Result<String> {
        match &*self.backend {
            Backend::Tiktoken(e) => {
                let bytes = tiktoken::decode_bytes(*e, tokens)?;
                Ok(String::from_utf8_lossy(&bytes).into_owned())
            }
            #[cfg(feature = "huggingface")]
            Backend::HuggingFace(hf) => hf.decode(tokens),
            Backend::Estimate(p) => Err(Error::invalid(format!(
                "estimate:{} has no token ids to decode",
                p.name
            ))),
        }
    }

    /// Counts many texts at once, in parallel on all cores. The result is in input order.
    ///
    /// # Errors
    /// The first error of [`Tokenizer::count`], if any.
    pub fn count_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Vec<usize>> {
        texts.par_iter().map(|t| self.count(t.as_ref())).collect()
    }
}
