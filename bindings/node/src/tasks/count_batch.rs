//! `Tokenizer#countBatchAsync`.

use napi::{Env, Task};

use crate::error::{OrThrow, Result, to_rejection};
use crate::number::to_numbers;
use crate::panic::guard;

#[derive(Debug)]
pub struct CountBatchTask {
    tokenizer: tokenmeter::Tokenizer,
    texts: Vec<String>,
}

impl CountBatchTask {
    pub fn new(tokenizer: tokenmeter::Tokenizer, texts: Vec<String>) -> Self {
        Self { tokenizer, texts }
    }
}

impl Task for CountBatchTask {
    type Output = Result<Vec<usize>>;
    type JsValue = Vec<f64>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| self.tokenizer.count_batch(&self.texts).or_throw()))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Vec<f64>> {
        output.map(to_numbers).map_err(|e| to_rejection(env, e))
    }
}
