//! `Tokenizer#packAsync`.

use napi::{Env, Task};

use crate::error::{OrThrow, Result, to_rejection};
use crate::pack::Packed;
use crate::panic::guard;

#[derive(Debug)]
pub struct PackTask {
    tokenizer: tokenmeter::Tokenizer,
    sections: Vec<tokenmeter::Section>,
    options: tokenmeter::PackOptions,
}

impl PackTask {
    pub fn new(
        tokenizer: tokenmeter::Tokenizer,
        sections: Vec<tokenmeter::Section>,
        options: tokenmeter::PackOptions,
    ) -> Self {
        Self {
            tokenizer,
            sections,
            options,
        }
    }
}

impl Task for PackTask {
    type Output = Result<tokenmeter::Packed>;
    type JsValue = Packed;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| {
            tokenmeter::pack(&self.tokenizer, &self.sections, &self.options).or_throw()
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Packed> {
        output.map(Into::into).map_err(|e| to_rejection(env, e))
    }
}
