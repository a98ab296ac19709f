//! `fitMessages`, `fitMessagesForModel` (run in place) and `fitMessagesAsync`.

use napi::{Env, Task};

use crate::catalog::CatalogHandle;
use crate::error::{OrThrow, Result, to_rejection};
use crate::fit::Fitted;
use crate::panic::guard;

/// What the history is fitted to.
#[derive(Debug, Clone, Copy)]
pub enum FitBudget {
    /// A prompt-token budget.
    Budget(usize),
    /// The model's context window minus this reserve for the reply.
    ReserveOutput(usize),
}

#[derive(Debug)]
pub struct FitMessagesTask {
    catalog: CatalogHandle,
    model: String,
    messages: Vec<tokenmeter::Message>,
    tools: Vec<tokenmeter::Tool>,
    budget: FitBudget,
    policy: tokenmeter::FitPolicy,
}

impl FitMessagesTask {
    pub fn new(
        catalog: CatalogHandle,
        model: String,
        messages: Vec<tokenmeter::Message>,
        tools: Vec<tokenmeter::Tool>,
        budget: FitBudget,
        policy: tokenmeter::FitPolicy,
    ) -> Self {
        Self {
            catalog,
            model,
            messages,
            tools,
            budget,
            policy,
        }
    }

    /// The core call, by the task's catalog.
    pub fn run(&self) -> tokenmeter::Result<tokenmeter::Fitted> {
        let model = self.catalog.get().get(&self.model)?;
        match self.budget {
            FitBudget::Budget(budget) => tokenmeter::fit_messages(
                &model.tokenizer()?,
                model.chat_format,
                &self.messages,
                &self.tools,
                budget,
                &self.policy,
            ),
            FitBudget::ReserveOutput(reserve) => tokenmeter::fit_messages_for_model(
                model,
                &self.messages,
                &self.tools,
                reserve,
                &self.policy,
            ),
        }
    }
}

impl Task for FitMessagesTask {
    type Output = Result<tokenmeter::Fitted>;
    type JsValue = Fitted;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| self.run().or_throw()))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Fitted> {
        output.map(Into::into).map_err(|e| to_rejection(env, e))
    }
}
