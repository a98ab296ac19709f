//! `Pruner#runAsync`.

use napi::{Env, Task};

use crate::error::{OrThrow, Result, to_rejection};
use crate::panic::guard;
use crate::prune::Pruned;

#[derive(Debug)]
pub struct PruneTask {
    pruner: tokenmeter::Pruner,
    tokenizer: tokenmeter::Tokenizer,
    text: String,
}

impl PruneTask {
    pub fn new(pruner: tokenmeter::Pruner, tokenizer: tokenmeter::Tokenizer, text: String) -> Self {
        Self {
            pruner,
            tokenizer,
            text,
        }
    }
}

impl Task for PruneTask {
    type Output = Result<tokenmeter::Pruned>;
    type JsValue = Pruned;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| {
            self.pruner.run(&self.tokenizer, &self.text).or_throw()
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Pruned> {
        output.map(Into::into).map_err(|e| to_rejection(env, e))
    }
}
