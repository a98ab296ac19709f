//! `Catalog` and `ModelInfo`: the bundled models (or the caller's) and name resolution.

use std::sync::Arc;

use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::chat::{ChatCount, ChatRequest, count_request, to_core};
use crate::compare::{CompareRequest, CompareRow, compare_in};
use crate::cost::{Cost, CostOptions, cost_in};
use crate::error::{OrThrow, Result};
use crate::fit::{FitOptions, Fitted, for_model_options, task as fit_task};
use crate::number::to_usize;
use crate::preflight::{Preflight, PreflightRequest, preflight_in};
use crate::tasks::count_chat::CountChatTask;
use crate::tasks::fit_messages::FitMessagesTask;
use crate::tokenizer::{AsyncOptions, JsTokenizer, TokenizerOptions};
use crate::usage::UsageCounts;

/// How a model's tokens are counted.
#[napi(object)]
#[derive(Debug)]
pub struct ModelTokenizer {
    /// `encoding` (exact, `name` is the encoding), `hugging_face` (`repo`'s tokenizer.json when
    /// cached, else the `fallback` estimate) or `estimate` (`name` is the profile).
    pub kind: String,
    pub name: Option<String>,
    pub repo: Option<String>,
    pub fallback: Option<String>,
}

/// One catalog model.
#[napi(object)]
#[derive(Debug)]
pub struct ModelInfo {
    /// The canonical id, as the provider's API spells it.
    pub id: String,
    /// `openai`, `anthropic`, `google`, `mistral`, `deepseek`, `meta`, `qwen`, `xai`, ...
    pub provider: String,
    /// Other names that resolve to this model.
    pub aliases: Vec<String>,
    pub tokenizer: ModelTokenizer,
    /// Input plus output tokens the model accepts.
    pub context_window: f64,
    /// The largest `max_tokens` the provider accepts.
    pub max_output: f64,
    /// `openai`, `openai0301`, `anthropic`, `gemini` or `generic`.
    pub chat_format: String,
}

impl From<&tokenmeter::Model> for ModelInfo {
    fn from(m: &tokenmeter::Model) -> Self {
        use tokenmeter::TokenizerSpec as S;
        let (kind, name, repo, fallback) = match &m.tokenizer {
            S::Encoding(n) => ("encoding", Some(n.clone()), None, None),
            S::HuggingFace { repo, fallback } => (
                "hugging_face",
                None,
                Some(repo.clone()),
                Some(fallback.clone()),
            ),
            S::Estimate(n) => ("estimate", Some(n.clone()), None, None),
            _ => ("other", None, None, None),
        };
        Self {
            id: m.id.clone(),
            provider: m.provider.clone(),
            aliases: m.aliases.clone(),
            tokenizer: ModelTokenizer {
                kind: kind.to_string(),
                name,
                repo,
                fallback,
            },
            context_window: m.context_window as f64,
            max_output: m.max_output as f64,
            // The core's canonical (serde) name of the format.
            chat_format: serde_json::to_value(m.chat_format)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        }
    }
}

/// The result of `Catalog#resolve`.
#[napi(object)]
#[derive(Debug)]
pub struct Resolution {
    pub model: ModelInfo,
    /// `id`, `alias`, `prefix` (a routing or Bedrock prefix was removed), `snapshot` (a dated or
    /// `-latest` name resolved to its base) or `fine_tune`.
    pub matched_by: String,
}

fn match_kind(kind: tokenmeter::MatchKind) -> &'static str {
    use tokenmeter::MatchKind as K;
    match kind {
        K::Id => "id",
        K::Alias => "alias",
        K::Prefix => "prefix",
        K::Snapshot => "snapshot",
        K::FineTune => "fine_tune",
        _ => "other",
    }
}

/// The bundled catalog (a `'static` reference) or a caller's own.
#[derive(Debug, Clone)]
pub enum CatalogHandle {
    Bundled,
    Owned(Arc<tokenmeter::Catalog>),
}

impl CatalogHandle {
    pub fn get(&self) -> &tokenmeter::Catalog {
        match self {
            CatalogHandle::Bundled => tokenmeter::Catalog::bundled(),
            CatalogHandle::Owned(c) => c,
        }
    }
}

/// The models tokenmeter knows and how names resolve to them.
#[napi(js_name = "Catalog")]
#[derive(Debug, Clone)]
pub struct JsCatalog {
    inner: CatalogHandle,
}

#[napi]
impl JsCatalog {
    /// The catalog bundled with this version of tokenmeter.
    #[napi(factory, catch_unwind)]
    pub fn bundled() -> Self {
        Self {
            inner: CatalogHandle::Bundled,
        }
    }

    /// A catalog from JSON in the bundled format (`{ "catalog_date": "...", "models": [...] }`).
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` saying what is wrong with the JSON.
    #[napi(factory, catch_unwind)]
    pub fn from_json(json: String) -> Result<Self> {
        let catalog = tokenmeter::Catalog::from_json(&json).or_throw()?;
        Ok(Self {
            inner: CatalogHandle::Owned(Arc::new(catalog)),
        })
    }

    /// A new catalog with an override document applied (private models, replaced price
    /// histories, discounts; the format of `tokenmeter cost --prices`). This catalog is
    /// untouched.
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` saying what is wrong with the JSON,
    /// `TOKENMETER_UNKNOWN_MODEL` for a discount on a model the catalog does not know.
    #[napi(catch_unwind)]
    pub fn with_overrides(&self, json: String) -> Result<JsCatalog> {
        let mut catalog = self.inner.get().clone();
        tokenmeter::load_overrides(&mut catalog, &json).or_throw()?;
        Ok(Self {
            inner: CatalogHandle::Owned(Arc::new(catalog)),
        })
    }

    /// A new catalog with a price file loaded: LiteLLM's `model_prices_and_context_window.json`
    /// (its prices dated `effective`, `YYYY-MM-DD`) or an override document (as
    /// `withOverrides`). This catalog is untouched.
    ///
    /// @throws {Error} `TOKENMETER_IO` when the file cannot be read; as `withOverrides`
    /// otherwise.
    #[napi(catch_unwind)]
    pub fn with_price_file(&self, path: String, effective: String) -> Result<JsCatalog> {
        let mut catalog = self.inner.get().clone();
        catalog.load_price_file(&path, &effective).or_throw()?;
        Ok(Self {
            inner: CatalogHandle::Owned(Arc::new(catalog)),
        })
    }

    /// The date the data was last checked against the providers (`YYYY-MM-DD`).
    #[napi(getter)]
    pub fn date(&self) -> String {
        self.inner.get().date().to_string()
    }

    /// Every model, in catalog order.
    #[napi(catch_unwind)]
    pub fn models(&self) -> Vec<ModelInfo> {
        self.inner
            .get()
            .models()
            .iter()
            .map(ModelInfo::from)
            .collect()
    }

    /// The model a name resolves to.
    ///
    /// @throws {Error} `TOKENMETER_UNKNOWN_MODEL` naming the nearest known models.
    #[napi(catch_unwind)]
    pub fn get(&self, name: String) -> Result<ModelInfo> {
        Ok(self.inner.get().get(&name).or_throw()?.into())
    }

    /// The model a name resolves to, and how it matched.
    ///
    /// @throws {Error} `TOKENMETER_UNKNOWN_MODEL` naming the nearest known models.
    #[napi(catch_unwind)]
    pub fn resolve(&self, name: String) -> Result<Resolution> {
        let r = self.inner.get().resolve(&name).or_throw()?;
        Ok(Resolution {
            model: r.model.into(),
            matched_by: match_kind(r.matched_by).to_string(),
        })
    }

    /// Up to `limit` (default 5) known ids closest to `name`, best first.
    #[napi(catch_unwind)]
    pub fn nearest(&self, name: String, limit: Option<f64>) -> Result<Vec<String>> {
        let limit = limit
            .map(|l| to_usize(l, "limit"))
            .transpose()?
            .unwrap_or(5);
        Ok(self.inner.get().nearest(&name, limit))
    }

    /// The tokenizer of a model: exact where its tokenizer is public, else an estimate.
    ///
    /// @throws {Error} `TOKENMETER_UNKNOWN_MODEL`.
    #[napi(catch_unwind, ts_return_type = "Tokenizer")]
    pub fn tokenizer(
        &self,
        name: String,
        options: Option<TokenizerOptions>,
    ) -> Result<JsTokenizer> {
        let tokenizer = self
            .inner
            .get()
            .get(&name)
            .or_throw()?
            .tokenizer()
            .or_throw()?;
        Ok(JsTokenizer::new(tokenizer, options))
    }

    /// The prompt tokens of a chat request (`{ model, messages, tools }`) for a model of this
    /// catalog.
    ///
    /// @throws {Error} `TOKENMETER_UNKNOWN_MODEL` or `TOKENMETER_INVALID_INPUT`.
    #[napi(catch_unwind)]
    pub fn count_chat(&self, request: ChatRequest) -> Result<ChatCount> {
        count_request(self.inner.get(), request)
    }

    /// `countChat` off the main thread.
    #[napi(catch_unwind, ts_return_type = "Promise<ChatCount>")]
    pub fn count_chat_async(
        &self,
        request: ChatRequest,
        options: Option<AsyncOptions>,
    ) -> Result<AsyncTask<CountChatTask>> {
        let (messages, tools) = to_core(request.messages, request.tools)?;
        let task = CountChatTask::new(self.inner.clone(), request.model, messages, tools);
        Ok(AsyncTask::with_optional_signal(
            task,
            options.and_then(|o| o.signal),
        ))
    }

    /// `cost` priced with this catalog's models and prices.
    ///
    /// @throws {Error} as `cost`.
    #[napi(catch_unwind)]
    pub fn cost(
        &self,
        model: String,
        usage: UsageCounts,
        options: Option<CostOptions>,
    ) -> Result<Cost> {
        cost_in(self.inner.get(), &model, &usage, options)
    }

    /// `preflight` for a model of this catalog.
    ///
    /// @throws {Error} as `preflight`.
    #[napi(catch_unwind)]
    pub fn preflight(
        &self,
        request: PreflightRequest,
        options: Option<CostOptions>,
    ) -> Result<Preflight> {
        preflight_in(self.inner.get(), request, options)
    }

    /// `compare` on models of this catalog.
    ///
    /// @throws {Error} as `compare`.
    #[napi(catch_unwind)]
    pub fn compare(
        &self,
        request: CompareRequest,
        options: Option<CostOptions>,
    ) -> Result<Vec<CompareRow>> {
        compare_in(self.inner.get(), request, options)
    }

    /// `fitMessages` for a model of this catalog.
    ///
    /// @throws {Error} as `fitMessages`.
    #[napi(catch_unwind)]
    pub fn fit_messages(&self, request: ChatRequest, options: FitOptions) -> Result<Fitted> {
        Ok(fit_task(self.inner.clone(), request, &options, false)?
            .run()
            .or_throw()?
            .into())
    }

    /// `fitMessagesForModel` for a model of this catalog (its context window).
    ///
    /// @throws {Error} as `fitMessagesForModel`.
    #[napi(catch_unwind)]
    pub fn fit_messages_for_model(
        &self,
        request: ChatRequest,
        options: Option<FitOptions>,
    ) -> Result<Fitted> {
        Ok(fit_task(
            self.inner.clone(),
            request,
            &for_model_options(options),
            true,
        )?
        .run()
        .or_throw()?
        .into())
    }

    /// `fitMessagesAsync` for a model of this catalog.
    #[napi(catch_unwind, ts_return_type = "Promise<Fitted>")]
    pub fn fit_messages_async(
        &self,
        request: ChatRequest,
        options: FitOptions,
        async_options: Option<AsyncOptions>,
    ) -> Result<AsyncTask<FitMessagesTask>> {
        Ok(AsyncTask::with_optional_signal(
            fit_task(self.inner.clone(), request, &options, false)?,
            async_options.and_then(|o| o.signal),
        ))
    }
}
