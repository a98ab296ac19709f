//! `countChatAsync` and `Catalog#countChatAsync`.

use napi::{Env, Task};

use crate::catalog::CatalogHandle;
use crate::chat::{ChatCount, count_in};
use crate::error::{OrThrow, Result, to_rejection};
use crate::panic::guard;

#[derive(Debug)]
pub struct CountChatTask {
    catalog: CatalogHandle,
    model: String,
    messages: Vec<tokenmeter::Message>,
    tools: Vec<tokenmeter::Tool>,
}

impl CountChatTask {
    pub fn new(
        catalog: CatalogHandle,
        model: String,
        messages: Vec<tokenmeter::Message>,
        tools: Vec<tokenmeter::Tool>,
    ) -> Self {
        Self {
            catalog,
            model,
            messages,
            tools,
        }
    }
}

impl Task for CountChatTask {
    type Output = Result<tokenmeter::ChatCount>;
    type JsValue = ChatCount;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| {
            count_in(self.catalog.get(), &self.model, &self.messages, &self.tools).or_throw()
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<ChatCount> {
        output.map(Into::into).map_err(|e| to_rejection(env, e))
    }
}
