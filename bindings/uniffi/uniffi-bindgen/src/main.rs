//! `uniffi-bindgen`: generates the Kotlin, Swift and Python sources for `tokenmeter-uniffi`.
//!
//! ```text
//! cargo run -p uniffi-bindgen -- generate --library target/debug/libtokenmeter_uniffi.so \
//!     --language kotlin --out-dir bindings/uniffi/generated/kotlin --no-format
//! ```
//!
//! uniffi recommends a bin crate like this one over a globally installed `uniffi-bindgen`, so
//! that the generator's version always matches the `uniffi` crate the library was built with.

fn main() {
    uniffi::uniffi_bindgen_main()
}
