//! Property tests of the fitting operations: truncate, fit_messages, pack, prune, redact.
//!
//! Case count: `PROPTEST_CASES` (default 48 per property, to keep debug test runs short).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tokenmeter::{
    ChatFormat, Encoding, FitPolicy, Keep, Message, PackOptions, Pass, Pruner, Redactor, Section,
    Tokenizer, TruncateOptions, count_chat, fit_messages, pack,
};
use unicode_segmentation::UnicodeSegmentation;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48);
    ProptestConfig::with_cases(cases)
}

fn o200k() -> Tokenizer {
    Tokenizer::from_encoding(Encoding::O200kBase)
}

/// Text made of pieces that stress token and grapheme boundaries.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z]{1,12}",
        3 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("  \n\n".to_string()),
        1 => "[0-9]{1,6}",
        1 => "[.,;:!?'\"()-]{1,3}",
        1 => "[\u{4e00}-\u{9fff}]{1,8}",
        1 => prop::sample::select(vec![
            "👨‍👩‍👧‍👦", "🏳️‍🌈", "é", "e\u{301}", "ñ", "🙂", "\u{1F1EB}\u{1F1F7}", "ก่", "\u{200d}", "\r\n",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    b.push(text.len());
    b
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn truncate_head_is_a_maximal_prefix_within_budget(text in text(), budget in 1usize..80) {
        let tok = o200k();
        let cut = tok.truncate(&text, &TruncateOptions::new(budget)).unwrap();
        let full = tok.count(&text).unwrap();
        prop_assert!(cut.tokens <= budget);
        prop_assert_eq!(cut.tokens, tok.count(&cut.text).unwrap());
        prop_assert!(text.starts_with(&cut.text));
        if full <= budget {
            prop_assert_eq!(&cut.text, &text);
            prop_assert!(!cut.truncated);
        } else {
            let end = cut.text.len();
            let spans = tok.encode_with_offsets(&text).unwrap();
            let graphemes = grapheme_boundaries(&text);
            prop_assert!(end == 0 || spans.iter().any(|s| s.end == end), "cut not on a token boundary");
            prop_assert!(graphemes.binary_search(&end).is_ok(), "cut splits a grapheme");
            // Maximal: the next token boundary that is also a grapheme boundary does not fit.
            let next = spans.iter().map(|s| s.end)
                .filter(|&e| e > end && graphemes.binary_search(&e).is_ok()).min();
            if let Some(next) = next {
                prop_assert!(tok.count(&text[..next]).unwrap() > budget, "not maximal: {next} fits");
            }
        }
    }

    #[test]
    fn truncate_tail_is_a_maximal_suffix_within_budget(text in text(), budget in 1usize..80) {
        let tok = o200k();
        let cut = tok.truncate(&text, &TruncateOptions::new(budget).with_keep(Keep::Tail)).unwrap();
        prop_assert!(cut.tokens <= budget);
        prop_assert_eq!(cut.tokens, tok.count(&cut.text).unwrap());
        prop_assert!(text.ends_with(&cut.text));
        if tok.count(&text).unwrap() > budget {
            let start = text.len() - cut.text.len();
            let spans = tok.encode_with_offsets(&text).unwrap();
            let graphemes = grapheme_boundaries(&text);
            prop_assert!(start == text.len() || spans.iter().any(|s| s.start == start));
            prop_assert!(graphemes.binary_search(&start).is_ok(), "cut splits a grapheme");
            let prev = spans.iter().map(|s| s.start)
                .filter(|&s| s < start && graphemes.binary_search(&s).is_ok()).max();
            if let Some(prev) = prev {
                prop_assert!(tok.count(&text[prev..]).unwrap() > budget, "not maximal");
            }
        } else {
            prop_assert_eq!(&cut.text, &text);
        }
    }

    #[test]
    fn truncate_both_keeps_both_ends_within_budget(text in text(), budget in 4usize..80) {
        let tok = o200k();
        let marker = " [...] ";
        let opts = TruncateOptions::new(budget).with_keep(Keep::Both).with_marker(marker);
        let cut = tok.truncate(&text, &opts).unwrap();
        prop_assert!(cut.tokens <= budget);
        prop_assert_eq!(cut.tokens, tok.count(&cut.text).unwrap());
        if cut.truncated {
            let head = &text[..cut.head_bytes];
            let tail = &text[text.len() - cut.tail_bytes..];
            prop_assert_eq!(&cut.text, &format!("{head}{marker}{tail}"));
            prop_assert!(cut.head_bytes + cut.tail_bytes < text.len());
            let g = grapheme_boundaries(&text);
            let (h, t) = (cut.head_bytes, text.len() - cut.tail_bytes);
            prop_assert!(g.binary_search(&h).is_ok());
            prop_assert!(g.binary_search(&t).is_ok());
            // Both ends lie on token boundaries of the whole input that are grapheme boundaries.
            let spans = tok.encode_with_offsets(&text).unwrap();
            prop_assert!(h == 0 || spans.iter().any(|s| s.end == h), "head cut not on a token boundary");
            prop_assert!(t == text.len() || spans.iter().any(|s| s.start == t), "tail cut not on a token boundary");
            // Maximal for both ends: neither end can be extended by one more such boundary (one
            // that still leaves a non-empty middle) without the joined text exceeding the budget.
            let joined = |h: usize, t: usize| format!("{}{marker}{}", &text[..h], &text[t..]);
            let next_head = spans.iter().map(|s| s.end)
                .filter(|&e| e > h && e < t && g.binary_search(&e).is_ok()).min();
            if let Some(e) = next_head {
                prop_assert!(tok.count(&joined(e, t)).unwrap() > budget, "head not maximal: {} fits", e);
            }
            let prev_tail = spans.iter().map(|s| s.start)
                .filter(|&s| s < t && s > h && g.binary_search(&s).is_ok()).max();
            if let Some(s) = prev_tail {
                prop_assert!(tok.count(&joined(h, s)).unwrap() > budget, "tail not maximal: {} fits", s);
            }
        } else {
            prop_assert_eq!(&cut.text, &text);
        }
    }
}

/// One turn of a random history.
#[derive(Debug, Clone)]
enum Turn {
    User(String),
    Assistant(String),
    /// An assistant tool call with this many results.
    Tools(Vec<String>),
}

fn turn() -> impl Strategy<Value = Turn> {
    let words = "[a-z ]{0,60}";
    prop_oneof![
        3 => words.prop_map(Turn::User),
        3 => words.prop_map(Turn::Assistant),
        2 => prop::collection::vec(words, 1..4).prop_map(Turn::Tools),
    ]
}

fn build(turns: &[Turn], system: bool) -> Vec<Message> {
    let mut out = Vec::new();
    if system {
        out.push(Message::new("system", "You are a careful assistant."));
    }
    for (t, turn) in turns.iter().enumerate() {
        match turn {
            Turn::User(s) => out.push(Message::new("user", s.clone())),
            Turn::Assistant(s) => out.push(Message::new("assistant", s.clone())),
            Turn::Tools(results) => {
                let mut call = Message::new("assistant", "");
                call.content = None;
                for r in 0..results.len() {
                    call = call.with_tool_call(format!("c{t}_{r}"), "lookup", format!("{{\"q\":{r}}}"));
                }
                out.push(call);
                for (r, body) in results.iter().enumerate() {
                    out.push(Message::new("tool", body.clone()).with_tool_call_id(format!("c{t}_{r}")));
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fit_keeps_pins_and_tool_pairs_and_is_maximal(
        turns in prop::collection::vec(turn(), 1..14),
        system in any::<bool>(),
        budget in 1usize..400,
    ) {
        let tok = o200k();
        let messages = build(&turns, system);
        let last_user = messages.iter().rposition(|m| m.role == "user");
        let pinned: Vec<usize> = (0..messages.len())
            .filter(|&i| messages[i].role == "system" || Some(i) == last_user)
            .collect();
        match fit_messages(&tok, ChatFormat::Openai, &messages, &[], budget, &FitPolicy::default()) {
            Ok(fitted) => {
                prop_assert!(!fitted.messages.is_empty());
                prop_assert!(fitted.tokens <= budget);
                prop_assert_eq!(fitted.tokens, count_chat(&tok, ChatFormat::Openai, &fitted.messages, &[]).unwrap().tokens);
                for p in &pinned {
                    prop_assert!(fitted.kept.contains(p), "pinned message {} dropped", p);
                }
                // Tool calls and their results stay or go together.
                for (i, m) in messages.iter().enumerate() {
                    if let Some(id) = &m.tool_call_id {
                        let call = messages.iter().position(|c| c.tool_calls.iter().any(|tc| &tc.id == id)).unwrap();
                        prop_assert_eq!(fitted.kept.contains(&i), fitted.kept.contains(&call), "tool pair split");
                    }
                }
                // Dropped messages are all older than every kept unpinned one.
                let oldest_kept = fitted.kept.iter().copied().filter(|i| !pinned.contains(i)).min();
                if let Some(oldest) = oldest_kept {
                    let older_kept_call = |i: usize| messages[i].role == "tool" && fitted.kept.contains(&i);
                    prop_assert!(fitted.dropped.iter().all(|d| d.index < oldest || older_kept_call(d.index)));
                }
                // Maximal: adding the newest dropped unit back would exceed the budget.
                if let Some(newest) = fitted.dropped.iter().map(|d| d.index).filter(|&i| messages[i].role != "tool").max() {
                    let mut with: Vec<usize> = fitted.kept.clone();
                    with.push(newest);
                    for (j, m) in messages.iter().enumerate() {
                        if let Some(id) = &m.tool_call_id {
                            if messages[newest].tool_calls.iter().any(|tc| &tc.id == id) {
                                with.push(j);
                            }
                        }
                    }
                    with.sort();
                    let msgs: Vec<Message> = with.iter().map(|&i| messages[i].clone()).collect();
                    prop_assert!(count_chat(&tok, ChatFormat::Openai, &msgs, &[]).unwrap().tokens > budget, "not maximal");
                }
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "BUDGET_EXCEEDED");
                // The must-keep part (or, with nothing pinned, the newest turn) does not fit.
                let mut must: Vec<usize> = pinned.clone();
                if must.is_empty() {
                    let last = messages.len() - 1;
                    let start = if messages[last].role == "tool" {
                        messages.iter().rposition(|m| !m.tool_calls.is_empty()).unwrap()
                    } else {
                        last
                    };
                    must.extend(start..messages.len());
                }
                let msgs: Vec<Message> = must.iter().map(|&i| messages[i].clone()).collect();
                prop_assert!(count_chat(&tok, ChatFormat::Openai, &msgs, &[]).unwrap().tokens > budget);
            }
        }
    }

    #[test]
    fn pack_includes_exactly_the_levels_at_or_above_the_cutoff(
        sections in prop::collection::vec(("[a-z ]{1,40}", 0i64..6, 0i64..50), 1..30),
        budget in 1usize..200,
    ) {
        let tok = o200k();
        let sections: Vec<Section> = sections.into_iter()
            .map(|(t, p, pos)| Section::new(t, p).with_position(pos)).collect();
        match pack(&tok, &sections, &PackOptions::new(budget)) {
            Ok(p) => {
                prop_assert!(p.tokens <= budget);
                prop_assert_eq!(p.tokens, tok.count(&p.text).unwrap());
                for (i, s) in sections.iter().enumerate() {
                    prop_assert_eq!(s.priority >= p.cutoff, p.included.contains(&i));
                }
                let positions: Vec<i64> = p.included.iter().map(|&i| sections[i].position.unwrap()).collect();
                prop_assert!(positions.windows(2).all(|w| w[0] <= w[1]));
                prop_assert_eq!(p.excluded.len() + p.included.len(), sections.len());
            }
            Err(e) => prop_assert_eq!(e.code(), "BUDGET_EXCEEDED"),
        }
    }

    /// Maximal pack with sections that start or end with whitespace (whose seams merge with the
    /// separator, so the sum of separately counted sections overestimates the prompt): one
    /// level lower does not fit, and when nothing fits the error says what the top level needs.
    #[test]
    fn pack_is_maximal_with_whitespace_edged_sections(
        sections in prop::collection::vec(("[ \n]{0,3}[a-z]{1,8}( [a-z]{1,8}){0,3}[ \n.]{0,3}", 0i64..6, 0i64..50), 1..20),
        budget in 1usize..120,
    ) {
        let tok = o200k();
        let sections: Vec<Section> = sections.into_iter()
            .map(|(t, p, pos)| Section::new(t, p).with_position(pos)).collect();
        let prompt_at = |cutoff: i64| {
            let mut inc: Vec<usize> = (0..sections.len()).filter(|&i| sections[i].priority >= cutoff).collect();
            inc.sort_by_key(|&i| (sections[i].position.unwrap(), i));
            inc.iter().map(|&i| sections[i].text.as_str()).collect::<Vec<_>>().join("\n\n")
        };
        match pack(&tok, &sections, &PackOptions::new(budget)) {
            Ok(p) => {
                prop_assert!(p.tokens <= budget);
                prop_assert_eq!(&p.text, &prompt_at(p.cutoff));
                if let Some(next) = sections.iter().map(|s| s.priority).filter(|&q| q < p.cutoff).max() {
                    prop_assert!(tok.count(&prompt_at(next)).unwrap() > budget, "not maximal: cutoff {} fits", next);
                }
            }
            Err(tokenmeter::Error::BudgetExceeded { needed, budget: b }) => {
                let top = sections.iter().map(|s| s.priority).max().unwrap();
                prop_assert_eq!(b, budget);
                prop_assert_eq!(needed, tok.count(&prompt_at(top)).unwrap());
                prop_assert!(needed > budget);
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn json_minify_preserves_the_value(v in json_value()) {
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let out = Pruner::new(vec![Pass::Json]).apply(Pass::Json, &pretty);
        prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), v);
        prop_assert!(!out.contains('\n'));
    }

    #[test]
    fn redaction_replaces_every_value_and_restores_exactly(
        // Values of each kind, each after a piece of random text (which may be empty, hold
        // placeholder-like strings such as `<EMAIL_1>`, or start with an upper-case word right
        // after an IBAN). The text's edges are not digits: a number written right against a
        // phone or card number makes one longer number, whose reading is a guess.
        parts in prop::collection::vec((
            prop_oneof![
                "[a-zA-Z.,:<>_]([a-zA-Z0-9 .,:<>_]{0,18}[a-zA-Z.,:<>_])?",
                prop::sample::select(vec!["<EMAIL_1>", "<IP_2>", "<IBAN_1>", "BIC COBADEFFXXX", "EUR", "SWIFT:", "a::b", "foo :: Int"])
                    .prop_map(str::to_string),
                Just(String::new()),
            ],
            prop_oneof![
                "[a-z]{1,8}@[a-z]{2,6}\\.(com|org|de)".prop_map(|v| ("EMAIL", v)),
                prop::sample::select(vec!["4111 1111 1111 1111", "4012888888881881", "5500 0000 0000 0004", "3782 822463 10005"])
                    .prop_map(|v| ("CARD", v.to_string())),
                prop::sample::select(vec!["+44 20 7946 0958", "+1 415 555 0100", "(555) 123-4567", "030 1234 5678"])
                    .prop_map(|v| ("PHONE", v.to_string())),
                prop::sample::select(vec!["10.0.0.254", "203.0.113.7", "fe80::1ff:fe23:4567:890a", "2001:db8::1", "::1"])
                    .prop_map(|v| ("IP", v.to_string())),
                prop::sample::select(vec!["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "DE89 3704 0044 0532 0130 00"])
                    .prop_map(|v| ("IBAN", v.to_string())),
            ],
        ), 0..12),
        tail in "([a-zA-Z.,:<>_]([a-zA-Z0-9 .,:<>_]{0,18}[a-zA-Z.,:<>_])?)?",
    ) {
        let mut text = String::new();
        for (filler, (_, value)) in &parts {
            text.push_str(filler);
            text.push(' ');
            text.push_str(value);
            text.push(' ');
        }
        text.push_str(&tail);
        let r = Redactor::new().redact(&text);
        prop_assert_eq!(r.mapping.restore(&r.text), text.clone());
        for (_, (kind, value)) in &parts {
            // Replaced: under its kind, and no inserted copy is left in the output.
            prop_assert!(
                r.mapping.entries().iter().any(|e| e.kind == *kind && e.value.contains(value.as_str())),
                "{} {:?} not redacted in {:?} -> {:?}", kind, value, text, r.text
            );
            let inserted = parts.iter().filter(|(_, (_, v))| v == value).count();
            prop_assert!(
                r.text.matches(value.as_str()).count() + inserted <= text.matches(value.as_str()).count(),
                "{} {:?} left in {:?}", kind, value, r.text
            );
        }
        // Stable: redacting again with the same map gives the same text.
        let again = Redactor::new().redact_with(&text, r.mapping.clone());
        prop_assert_eq!(again.text, r.text);
    }

    #[test]
    fn prune_reports_add_up_and_whitespace_is_idempotent(text in text()) {
        let tok = o200k();
        let pruned = Pruner::new(vec![Pass::Dedupe, Pass::Whitespace]).run(&tok, &text).unwrap();
        prop_assert_eq!(pruned.tokens_before, tok.count(&text).unwrap());
        prop_assert_eq!(pruned.tokens_after, tok.count(&pruned.text).unwrap());
        prop_assert_eq!(pruned.passes[0].tokens_before, pruned.tokens_before);
        prop_assert_eq!(pruned.passes[0].tokens_after, pruned.passes[1].tokens_before);
        let ws = Pruner::new(vec![Pass::Whitespace]);
        let once = ws.apply(Pass::Whitespace, &text);
        prop_assert_eq!(ws.apply(Pass::Whitespace, &once), once);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i32>().prop_map(|n| serde_json::json!(n)),
        "[ a-z\"\\\\\n\t]{0,10}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("[a-z ]{1,5}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
