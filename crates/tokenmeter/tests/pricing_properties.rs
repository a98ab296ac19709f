//! Properties of pricing over the whole bundled catalog: lines add up, cost never decreases
//! when a token count grows, and no tokens cost nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tokenmeter::{Catalog, CostOptions, Decimal, Model, Price, Timestamp, Usage, Variant};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

/// Every (model, price entry, variant) the bundled catalog offers.
fn priced() -> Vec<(&'static Model, &'static Price, Variant)> {
    let mut out = Vec::new();
    for m in Catalog::bundled().models() {
        for p in &m.prices {
            out.push((m, p, Variant::Standard));
            for v in p.variants.keys() {
                out.push((m, p, *v));
            }
        }
    }
    out
}

/// A usage with only the kinds of tokens this entry has rates for.
fn usage_for(p: &Price, counts: [u64; 6]) -> Usage {
    let r = &p.rates;
    let keep = |has: bool, n: u64| if has { n } else { 0 };
    let mut u = Usage::new(counts[0], keep(r.output.is_some(), counts[4]))
        .with_cache_read(keep(r.cache_read.is_some(), counts[1]))
        .with_cache_writes(keep(r.cache_write_5m.is_some(), counts[2]), keep(r.cache_write_1h.is_some(), counts[3]));
    u = u.with_reasoning(keep(r.output.is_some() || r.reasoning.is_some(), counts[5]));
    u
}

fn options(p: &Price, v: Variant) -> CostOptions {
    let at: Timestamp = p.effective.parse().unwrap();
    CostOptions::new().with_at(at).with_variant(v)
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..2_000, 0u64..400_000, Just(200_000u64), Just(272_000u64), Just(128_000u64)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn lines_add_up_to_the_total(pick in any::<prop::sample::Index>(), counts in prop::array::uniform6(count())) {
        let all = priced();
        let (m, p, v) = all[pick.index(all.len())];
        let u = usage_for(p, counts);
        match tokenmeter::cost(m, &u, &options(p, v)) {
            Ok(c) => {
                let sum: Decimal = c.lines.iter().map(|l| l.amount).sum();
                prop_assert_eq!(sum, c.total);
                for l in &c.lines {
                    prop_assert_eq!(l.amount, Decimal::from(l.billed_quantity) * l.unit_price / Decimal::from(1_000_000u32));
                }
            }
            // Explicit variant rates are not published above a long-context tier: an error, never $0.
            Err(e) => prop_assert_eq!(e.code(), "PRICE_UNAVAILABLE"),
        }
    }

    #[test]
    fn cost_never_decreases_when_a_count_grows(
        pick in any::<prop::sample::Index>(),
        counts in prop::array::uniform6(count()),
        which in 0usize..6,
        extra in 1u64..300_000,
    ) {
        let all = priced();
        let (m, p, v) = all[pick.index(all.len())];
        let before = usage_for(p, counts);
        let mut grown = counts;
        grown[which] = grown[which].saturating_add(extra);
        let after = usage_for(p, grown);
        let o = options(p, v);
        if let (Ok(a), Ok(b)) = (tokenmeter::cost(m, &before, &o), tokenmeter::cost(m, &after, &o)) {
            // Whole-request tiers make cost jump at the threshold; tiers never lower a rate,
            // so even across a tier the cost does not decrease.
            prop_assert!(b.total >= a.total, "{} {}: {:?} -> {:?}: {} > {}", m.id, p.effective, before, after, a.total, b.total);
        }
    }
}

#[test]
fn no_tokens_cost_nothing_on_every_entry_and_variant() {
    for (m, p, v) in priced() {
        let c = tokenmeter::cost(m, &Usage::default(), &options(p, v)).unwrap();
        assert_eq!(c.total, Decimal::ZERO, "{} {} {v}", m.id, p.effective);
        assert!(c.lines.is_empty());
    }
}
