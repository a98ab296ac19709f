//! The savings table printed by `examples/savings.rs` is copied into docs/fitting.md and the
//! README; this test fails when a pass's behaviour changes and the copies were not updated.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

#[path = "../examples/savings.rs"]
mod savings;

#[test]
fn the_documented_savings_tables_match_the_passes() {
    let table = savings::table().unwrap();
    assert_eq!(table.lines().count(), 7, "{table}");
    for doc in ["docs/fitting.md", "README.md"] {
        let path = format!("{}/../../{doc}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        for row in table.lines() {
            assert!(
                text.lines().any(|line| line == row),
                "{doc} lacks this row of `cargo run -p tokenmeter --example savings`:\n{row}"
            );
        }
    }
}
