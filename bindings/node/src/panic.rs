//! A panic caught at the boundary of an async task (exported functions use
//! `#[napi(catch_unwind)]`; `Task::compute` runs on a pool thread where nothing catches).

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::error::{ErrorCode, JsErr, Result};

/// Runs `f`, turning a panic into a `TOKENMETER_PANIC` error.
pub fn guard<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(JsErr::new(
            ErrorCode::panic(),
            format!("internal error (a bug in tokenmeter): {what}"),
        ))
    })
}

/// The async half of the test hook `Tokenizer._panicForTestsAsync`: panics on the pool thread.
#[derive(Debug)]
pub struct PanicTask;

impl napi::Task for PanicTask {
    type Output = Result<()>;
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(panic_here))
    }

    fn resolve(&mut self, env: napi::Env, output: Self::Output) -> napi::Result<()> {
        output.map_err(|e| crate::error::to_rejection(env, e))
    }
}

/// A deliberate panic, for the tests that check no panic escapes the addon.
#[allow(clippy::panic)]
pub fn panic_here() -> Result<()> {
    panic!("deliberate panic (test hook)")
}
