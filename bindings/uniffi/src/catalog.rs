//! `Catalog`: the bundled models plus the caller's, and name resolution, as a uniffi object.

use std::sync::Arc;

use crate::chat::{ChatCount, Message, Tool, to_core};
use crate::error::{Result, guard, to_usize};
use crate::model::{Model, Resolved};
use crate::tokenizer::Tokenizer;

/// The models tokenmeter knows. Immutable and thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct Catalog {
    pub(crate) inner: Arc<tokenmeter::Catalog>,
}

#[uniffi::export]
impl Catalog {
    /// The catalog bundled with this version of tokenmeter.
    #[uniffi::constructor]
    pub fn bundled() -> Arc<Self> {
        Arc::new(Self { inner: Arc::new(tokenmeter::Catalog::bundled().clone()) })
    }

    /// A catalog from a JSON document of the bundled format
    /// (`{"catalog_date": "...", "models": [...]}`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>> {
        guard(|| Ok(Arc::new(Self { inner: Arc::new(tokenmeter::Catalog::from_json(&json)?) })))
    }

    /// A copy of this catalog with `model` added, or replacing the model with the same id.
    pub fn with_model(&self, model: Model) -> Result<Arc<Self>> {
        guard(|| {
            let mut inner = (*self.inner).clone();
            inner.insert(model.try_into()?)?;
            Ok(Arc::new(Self { inner: Arc::new(inner) }))
        })
    }

    /// A copy of this catalog with an override document applied: private `models`, replaced
    /// `prices` histories and `discounts` (the format of `tokenmeter cost --prices`).
    pub fn with_overrides(&self, json: String) -> Result<Arc<Self>> {
        guard(|| {
            let mut inner = (*self.inner).clone();
            tokenmeter::load_overrides(&mut inner, &json)?;
            Ok(Arc::new(Self { inner: Arc::new(inner) }))
        })
    }

    /// A copy of this catalog with a price file loaded: LiteLLM's
    /// `model_prices_and_context_window.json` (its prices dated `effective`, YYYY-MM-DD) or an
    /// override document.
    pub fn with_price_file(&self, path: String, effective: String) -> Result<Arc<Self>> {
        guard(|| {
            let mut inner = (*self.inner).clone();
            inner.load_price_file(&path, &effective)?;
            Ok(Arc::new(Self { inner: Arc::new(inner) }))
        })
    }

    /// The date the catalog's data was last checked against the providers.
    pub fn date(&self) -> String {
        self.inner.date().to_string()
    }

    /// Every model, in catalog order.
    pub fn models(&self) -> Result<Vec<Model>> {
        guard(|| self.inner.models().iter().map(Model::try_from).collect())
    }

    /// The model called `name` (ids, aliases, routing prefixes, Bedrock and Vertex ids,
    /// fine-tunes, snapshots).
    pub fn get(&self, name: String) -> Result<Model> {
        guard(|| self.inner.get(&name)?.try_into())
    }

    /// Resolves `name` and says how it matched.
    pub fn resolve(&self, name: String) -> Result<Resolved> {
        guard(|| self.inner.resolve(&name)?.try_into())
    }

    /// Up to `n` known ids closest to `name`, best first.
    pub fn nearest(&self, name: String, n: u64) -> Vec<String> {
        self.inner.nearest(&name, to_usize(n))
    }

    /// The tokenizer of the model called `name`.
    pub fn tokenizer(&self, name: String) -> Result<Arc<Tokenizer>> {
        guard(|| Ok(Tokenizer::wrap(self.inner.get(&name)?.tokenizer()?)))
    }

    /// The prompt tokens of a chat request to the model called `model`, with its tokenizer and
    /// chat framing.
    pub fn count_chat(
        &self,
        model: String,
        messages: Vec<Message>,
        tools: Vec<Tool>,
    ) -> Result<ChatCount> {
        guard(|| {
            let model = self.inner.get(&model)?;
            let (messages, tools) = to_core(messages, tools)?;
            let tokenizer = model.tokenizer()?;
            Ok(tokenmeter::count_chat(&tokenizer, model.chat_format, &messages, &tools)?.into())
        })
    }
}
