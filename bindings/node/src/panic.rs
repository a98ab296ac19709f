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
