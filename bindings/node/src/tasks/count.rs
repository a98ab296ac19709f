//! `Tokenizer#countAsync`.

use napi::{Env, Task};

use crate::error::{OrThrow, Result, to_rejection};
use crate::number::to_number;
use crate::panic::guard;

#[derive(Debug)]
pub struct CountTask {
    tokenizer: tokenmeter::Tokenizer,
    text: String,
}

impl CountTask {
    pub fn new(tokenizer: tokenmeter::Tokenizer, text: String) -> Self {
        Self { tokenizer, text }
    }
}

impl Task for CountTask {
    type Output = Result<usize>;
    type JsValue = f64;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| self.tokenizer.count(&self.text).or_throw()))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<f64> {
        output.map(to_number).map_err(|e| to_rejection(env, e))
    }
}
