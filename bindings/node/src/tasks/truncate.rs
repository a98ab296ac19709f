//! `Tokenizer#truncateAsync`.

use napi::{Env, Task};

use crate::error::{OrThrow, Result, to_rejection};
use crate::panic::guard;
use crate::truncate::Truncated;

#[derive(Debug)]
pub struct TruncateTask {
    tokenizer: tokenmeter::Tokenizer,
    text: String,
    options: tokenmeter::TruncateOptions,
}

impl TruncateTask {
    pub fn new(
        tokenizer: tokenmeter::Tokenizer,
        text: String,
        options: tokenmeter::TruncateOptions,
    ) -> Self {
        Self {
            tokenizer,
            text,
            options,
        }
    }
}

impl Task for TruncateTask {
    type Output = Result<tokenmeter::Truncated>;
    type JsValue = Truncated;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| {
            self.tokenizer
                .truncate(&self.text, &self.options)
                .or_throw()
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Truncated> {
        output.map(Into::into).map_err(|e| to_rejection(env, e))
    }
}
