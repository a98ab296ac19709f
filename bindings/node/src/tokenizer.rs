//! `Tokenizer`: count, count up to a limit, encode, decode, batch count.

use napi::bindgen_prelude::{AbortSignal, AsyncTask, Either, Uint32Array};
use napi_derive::napi;

use crate::catalog::JsCatalog;
use crate::error::{OrThrow, Result};
use crate::number::{to_number, to_numbers, to_usize};
use crate::pack::{PackOptions, Packed, Section};
use crate::tasks::count_batch::CountBatchTask;
use crate::tasks::encode::EncodeTask;
use crate::tasks::pack::PackTask;
use crate::tasks::truncate::TruncateTask;
use crate::truncate::{TruncateOptions, Truncated};

/// Options for building a tokenizer.
#[napi(object)]
#[derive(Debug, Default)]
pub struct TokenizerOptions {
    /// Encode special tokens such as `<|endoftext|>` as their ids instead of as plain text
    /// (default false, which is what counting user text wants).
    pub allow_special: Option<bool>,
}

/// Options of the `…Async` methods.
#[napi(object, object_to_js = false)]
#[allow(missing_debug_implementations)] // napi's AbortSignal has no Debug
pub struct AsyncOptions {
    /// Aborts the work if it has not started yet; the promise then rejects with an `AbortError`.
    pub signal: Option<AbortSignal>,
}

/// The result of `countUpTo`.
#[napi(object)]
#[derive(Debug)]
pub struct CountUpTo {
    /// Tokens counted; when `exceeded` this is at least `limit + 1`, not the full count.
    pub tokens: f64,
    /// Whether the text has more than `limit` tokens.
    pub exceeded: bool,
}

/// How exact a tokenizer's counts are.
#[napi(object)]
#[derive(Debug)]
pub struct Accuracy {
    /// True for the tiktoken encodings and `tokenizer.json` files.
    pub exact: bool,
    /// For an estimate: the measured relative error bound (0.1 = ±10%); 0 when exact.
    pub relative_error: f64,
}

/// Counts, encodes and decodes text. Immutable and cheap to share; the `…Async` methods run
/// off the main thread.
#[napi(js_name = "Tokenizer")]
#[derive(Debug, Clone)]
pub struct JsTokenizer {
    pub(crate) inner: tokenmeter::Tokenizer,
}

impl JsTokenizer {
    pub(crate) fn new(inner: tokenmeter::Tokenizer, options: Option<TokenizerOptions>) -> Self {
        let allow = options.unwrap_or_default().allow_special.unwrap_or(false);
        Self {
            inner: inner.allow_special(allow),
        }
    }

    fn signal(options: Option<AsyncOptions>) -> Option<AbortSignal> {
        options.and_then(|o| o.signal)
    }
}

#[napi]
impl JsTokenizer {
    /// Empties the calling thread's cache of merged pieces, so the counts that follow are
    /// cold. Counting remembers, per thread and encoding, each piece it had to merge (at most
    /// 32,768 pieces and 1.5 MB, emptied when full); answers never depend on it. For timing
    /// cold counts. Async calls run on worker threads, each with its own cache.
    #[napi]
    pub fn clear_thread_cache() {
        tokenmeter::Tokenizer::clear_thread_cache();
    }

    /// Test hook, not part of the API (no TypeScript type): panics inside the addon on the
    /// calling thread, so the tests can check that a panic becomes a `TOKENMETER_PANIC` error
    /// and the process lives on.
    #[napi(js_name = "_panicForTests", skip_typescript, catch_unwind)]
    pub fn panic_for_tests() -> Result<()> {
        crate::panic::panic_here()
    }

    /// Test hook, as `_panicForTests`, on a pool thread (the promise rejects).
    #[napi(js_name = "_panicForTestsAsync", skip_typescript)]
    pub fn panic_for_tests_async() -> AsyncTask<crate::panic::PanicTask> {
        AsyncTask::new(crate::panic::PanicTask)
    }

    /// A bundled OpenAI encoding: `o200k_base`, `o200k_harmony`, `cl100k_base`, `p50k_base`,
    /// `p50k_edit` or `r50k_base`.
    ///
    /// @throws {Error} `TOKENMETER_UNKNOWN_ENCODING` for any other name.
    #[napi(factory, catch_unwind)]
    pub fn from_encoding(name: String, options: Option<TokenizerOptions>) -> Result<Self> {
        Ok(Self::new(
            tokenmeter::Tokenizer::from_encoding_name(&name).or_throw()?,
            options,
        ))
    }

    /// The tokenizer of a catalog model (`gpt-4o`, `azure/gpt-4o`, `claude-sonnet-4-5`, ...):
    /// exact where the model's tokenizer is public, otherwise a calibrated estimate.
    ///
    /// @throws {Error} `TOKENMETER_UNKNOWN_MODEL` naming the nearest known models.
    #[napi(factory, catch_unwind)]
    pub fn for_model(model: String, options: Option<TokenizerOptions>) -> Result<Self> {
        JsCatalog::bundled().tokenizer(model, options)
    }

    /// A Hugging Face `tokenizer.json` file.
    ///
    /// @throws {Error} `TOKENMETER_IO` or `TOKENMETER_TOKENIZER_LOAD`.
    #[napi(factory, catch_unwind)]
    pub fn from_hf_file(path: String, options: Option<TokenizerOptions>) -> Result<Self> {
        Ok(Self::new(
            tokenmeter::Tokenizer::from_hf_file(path).or_throw()?,
            options,
        ))
    }

    /// A Hugging Face `tokenizer.json` held in memory.
    ///
    /// @throws {Error} `TOKENMETER_TOKENIZER_LOAD` when the bytes are not a tokenizer.json.
    #[napi(factory, catch_unwind)]
    pub fn from_hf_bytes(bytes: &[u8], options: Option<TokenizerOptions>) -> Result<Self> {
        Ok(Self::new(
            tokenmeter::Tokenizer::from_hf_bytes(bytes).or_throw()?,
            options,
        ))
    }

    /// The `tokenizer.json` of a Hugging Face model id found in the local Hugging Face cache
    /// (nothing is downloaded).
    ///
    /// @throws {Error} `TOKENMETER_TOKENIZER_LOAD` when it is not cached.
    #[napi(factory, catch_unwind)]
    pub fn from_hf_cache(model_id: String, options: Option<TokenizerOptions>) -> Result<Self> {
        Ok(Self::new(
            tokenmeter::Tokenizer::from_hf_cache(&model_id).or_throw()?,
            options,
        ))
    }

    /// A calibrated estimate for a provider whose tokenizer is not public (`anthropic`,
    /// `gemini`, ...): counts only, inexact, with `accuracy.relativeError` as its bound.
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for an unknown profile.
    #[napi(factory, catch_unwind)]
    pub fn estimate(profile: String) -> Result<Self> {
        Ok(Self::new(
            tokenmeter::Tokenizer::estimate(&profile).or_throw()?,
            None,
        ))
    }

    /// `o200k_base`, the tokenizer.json's name, or `estimate:<profile>`.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name()
    }

    /// The OpenAI encoding name, or `null` for other backends.
    #[napi(getter)]
    pub fn encoding(&self) -> Option<String> {
        self.inner.encoding().map(|e| e.as_str().to_string())
    }

    /// Whether counts are exact (false for estimates).
    #[napi(getter)]
    pub fn is_exact(&self) -> bool {
        self.inner.is_exact()
    }

    /// Exactness and the error bound of an estimate.
    #[napi(getter)]
    pub fn accuracy(&self) -> Accuracy {
        let a = self.inner.accuracy();
        Accuracy {
            exact: a.exact,
            relative_error: a.relative_error,
        }
    }

    /// Whether special tokens are encoded as such (see `TokenizerOptions.allowSpecial`).
    #[napi(getter)]
    pub fn allow_special(&self) -> bool {
        self.inner.allows_special()
    }

    /// The number of tokens in `text`.
    #[napi(catch_unwind)]
    pub fn count(&self, text: String) -> Result<f64> {
        Ok(to_number(self.inner.count(&text).or_throw()?))
    }

    /// Counts at most a little past `limit` and stops: cheap for "does it fit?" on long text.
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` when `limit` is not a non-negative integer.
    #[napi(catch_unwind)]
    pub fn count_up_to(&self, text: String, limit: f64) -> Result<CountUpTo> {
        let r = self
            .inner
            .count_up_to(&text, to_usize(limit, "limit")?)
            .or_throw()?;
        Ok(CountUpTo {
            tokens: to_number(r.tokens),
            exceeded: r.exceeded,
        })
    }

    /// The token ids of `text`.
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for an estimate (it has no ids).
    #[napi(catch_unwind)]
    pub fn encode(&self, text: String) -> Result<Uint32Array> {
        Ok(Uint32Array::new(self.inner.encode(&text).or_throw()?))
    }

    /// The text of token ids (invalid UTF-8 at a cut is replaced by U+FFFD).
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for an id outside the vocabulary.
    #[napi(catch_unwind)]
    pub fn decode(&self, ids: Either<Uint32Array, Vec<u32>>) -> Result<String> {
        let ids: &[u32] = match &ids {
            Either::A(typed) => typed,
            Either::B(list) => list,
        };
        self.inner.decode(ids).or_throw()
    }

    /// The token count of each text, in order (in parallel on the calling thread's pool).
    #[napi(catch_unwind)]
    pub fn count_batch(&self, texts: Vec<String>) -> Result<Vec<f64>> {
        Ok(to_numbers(self.inner.count_batch(&texts).or_throw()?))
    }

    /// `countBatch` off the main thread.
    #[napi(catch_unwind, ts_return_type = "Promise<number[]>")]
    pub fn count_batch_async(
        &self,
        texts: Vec<String>,
        options: Option<AsyncOptions>,
    ) -> AsyncTask<CountBatchTask> {
        AsyncTask::with_optional_signal(
            CountBatchTask::new(self.inner.clone(), texts),
            Self::signal(options),
        )
    }

    /// `count` off the main thread (for long texts).
    #[napi(catch_unwind, ts_return_type = "Promise<number>")]
    pub fn count_async(
        &self,
        text: String,
        options: Option<AsyncOptions>,
    ) -> AsyncTask<crate::tasks::count::CountTask> {
        AsyncTask::with_optional_signal(
            crate::tasks::count::CountTask::new(self.inner.clone(), text),
            Self::signal(options),
        )
    }

    /// `encode` off the main thread (for long texts).
    #[napi(catch_unwind, ts_return_type = "Promise<Uint32Array>")]
    pub fn encode_async(
        &self,
        text: String,
        options: Option<AsyncOptions>,
    ) -> AsyncTask<EncodeTask> {
        AsyncTask::with_optional_signal(
            EncodeTask::new(self.inner.clone(), text),
            Self::signal(options),
        )
    }
}

/// One token and the UTF-8 bytes of the input it covers (`start..end`).
#[napi(object)]
#[derive(Debug)]
pub struct TokenSpan {
    pub id: u32,
    pub start: f64,
    pub end: f64,
}

#[napi]
impl JsTokenizer {
    /// The tokens of `text` with the UTF-8 byte span each covers (a token may end inside a
    /// multi-byte character).
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for an estimate.
    #[napi(catch_unwind)]
    pub fn encode_with_offsets(&self, text: String) -> Result<Vec<TokenSpan>> {
        let spans = self.inner.encode_with_offsets(&text).or_throw()?;
        Ok(spans
            .into_iter()
            .map(|s| TokenSpan {
                id: s.id,
                start: to_number(s.start),
                end: to_number(s.end),
            })
            .collect())
    }

    /// The longest head, tail or both ends of `text` within `options.budget` tokens; the
    /// result is counted exactly, ends on a token and grapheme boundary, and is maximal.
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for a zero budget or an unknown `keep`.
    #[napi(catch_unwind)]
    pub fn truncate(&self, text: String, options: TruncateOptions) -> Result<Truncated> {
        Ok(self
            .inner
            .truncate(&text, &options.try_into()?)
            .or_throw()?
            .into())
    }

    /// `truncate` off the main thread.
    #[napi(catch_unwind, ts_return_type = "Promise<Truncated>")]
    pub fn truncate_async(
        &self,
        text: String,
        options: TruncateOptions,
        async_options: Option<AsyncOptions>,
    ) -> Result<AsyncTask<TruncateTask>> {
        let task = TruncateTask::new(self.inner.clone(), text, options.try_into()?);
        Ok(AsyncTask::with_optional_signal(
            task,
            Self::signal(async_options),
        ))
    }

    /// The sections of the highest priorities that fit `options.budget`, in position order,
    /// joined by the separator, counted exactly.
    ///
    /// @throws {Error} `TOKENMETER_BUDGET_EXCEEDED` when even the top priority does not fit;
    /// `TOKENMETER_INVALID_INPUT` for a zero budget or no sections.
    #[napi(catch_unwind)]
    pub fn pack(&self, sections: Vec<Section>, options: PackOptions) -> Result<Packed> {
        let sections: Vec<tokenmeter::Section> = sections.into_iter().map(Into::into).collect();
        Ok(
            tokenmeter::pack(&self.inner, &sections, &options.try_into()?)
                .or_throw()?
                .into(),
        )
    }

    /// `pack` off the main thread.
    #[napi(catch_unwind, ts_return_type = "Promise<Packed>")]
    pub fn pack_async(
        &self,
        sections: Vec<Section>,
        options: PackOptions,
        async_options: Option<AsyncOptions>,
    ) -> Result<AsyncTask<PackTask>> {
        let sections = sections.into_iter().map(Into::into).collect();
        let task = PackTask::new(self.inner.clone(), sections, options.try_into()?);
        Ok(AsyncTask::with_optional_signal(
            task,
            Self::signal(async_options),
        ))
    }
}

/// The names of the bundled OpenAI encodings.
#[napi(catch_unwind)]
pub fn encodings() -> Vec<String> {
    tokenmeter::Encoding::ALL
        .iter()
        .map(|e| e.as_str().to_string())
        .collect()
}
