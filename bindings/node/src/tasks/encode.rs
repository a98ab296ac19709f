//! `Tokenizer#encodeAsync`.

use napi::bindgen_prelude::Uint32Array;
use napi::{Env, Task};

use crate::error::{OrThrow, Result, to_rejection};
use crate::panic::guard;

#[derive(Debug)]
pub struct EncodeTask {
    tokenizer: tokenmeter::Tokenizer,
    text: String,
}

impl EncodeTask {
    pub fn new(tokenizer: tokenmeter::Tokenizer, text: String) -> Self {
        Self { tokenizer, text }
    }
}

impl Task for EncodeTask {
    type Output = Result<Vec<u32>>;
    type JsValue = Uint32Array;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| self.tokenizer.encode(&self.text).or_throw()))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Uint32Array> {
        output
            .map(Uint32Array::new)
            .map_err(|e| to_rejection(env, e))
    }
}
