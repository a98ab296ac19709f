//! [`Redactor`]: reversible pseudonymization of personal data before a prompt leaves the
//! process.
//!
//! Built-in detectors find e-mail addresses, phone numbers, payment card numbers (only those
//! that pass the Luhn check), IPv4 and IPv6 addresses (IPv6 candidates hold a decimal digit,
//! are not glued to an identifier, and are confirmed by the standard library's parser, so
//! `a::b` and `foo :: Int` in code are left alone) and IBANs (only those that pass the ISO 13616
//! mod-97 check; when a candidate runs on into a following upper-case word or number, the
//! longest prefix that ends on a group and passes is taken); callers add their own patterns
//! with a label. Each distinct value gets a stable placeholder such as `<EMAIL_1>`: the same
//! value always maps to the same placeholder, within a text and across texts that share a
//! [`RedactionMap`]. The map restores a model's reply. A new placeholder is numbered after
//! the highest of its kind in the map and is never one that the map or the input already
//! holds, so restoring gives back exactly the input (unless the input itself held a
//! placeholder of a map passed in: that one restores to its value).
//!
//! When two detections overlap, the caller's patterns win, then e-mail, IBAN, card, IPv6,
//! IPv4 and phone, in that order. Phone numbers are the loosest rule: 10 to 12 digits in
//! groups separated by spaces, dots, dashes or an area code in parentheses, or 8 to 15 digits
//! after a leading `+`; text with an ISO date or a clock time, or followed by `:`, is never a
//! phone. Unseparated digit runs are not phones
//! (they are more often ids). A number right after a phone that starts with `+` or `(`, or is
//! grouped by dots or dashes, does not hide it (`+1 415 555 0100 10am`).

use std::collections::{HashMap, HashSet};
use std::net::Ipv6Addr;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::tokenizer::Tokenizer;

/// One value that was replaced, and its placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    /// The placeholder, e.g. `<EMAIL_1>`.
    pub placeholder: String,
    /// What kind of value it is: `EMAIL`, `PHONE`, `CARD`, `IP`, `IBAN`, or a caller's label.
    pub kind: String,
    /// The original text.
    pub value: String,
}

/// Placeholders and the values they stand for, in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RedactionMap {
    entries: Vec<Redaction>,
}

impl RedactionMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The entries, in order of first appearance.
    pub fn entries(&self) -> &[Redaction] {
        &self.entries
    }

    /// Parses a map from JSON: the list of entries, or an object holding it under `mapping`
    /// (what `tokenmeter redact --json` prints).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] saying what is wrong with the JSON.
    pub fn from_json(json: &str) -> Result<Self> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            List(RedactionMap),
            Wrapped { mapping: RedactionMap },
        }
        let shape: Shape = serde_json::from_str(json).map_err(|e| {
            Error::invalid(format!(
                "redaction map: expected a list of {{placeholder, kind, value}} or an object with `mapping`: {e}"
            ))
        })?;
        Ok(match shape {
            Shape::List(m) | Shape::Wrapped { mapping: m } => m,
        })
    }

    /// `text` with every known placeholder replaced by its original value; unknown
    /// placeholder-like text is left alone.
    ///
    /// ```
    /// use tokenmeter::Redactor;
    /// let r = Redactor::new().redact("mail ana@example.com");
    /// assert_eq!(r.text, "mail <EMAIL_1>");
    /// assert_eq!(r.mapping.restore("I wrote to <EMAIL_1>."), "I wrote to ana@example.com.");
    /// ```
    pub fn restore(&self, text: &str) -> String {
        let lookup: HashMap<&str, &str> =
            self.entries.iter().map(|e| (e.placeholder.as_str(), e.value.as_str())).collect();
        placeholder_re()
            .replace_all(text, |c: &regex::Captures<'_>| {
                let whole = c.get(0).map_or("", |m| m.as_str());
                lookup.get(whole).copied().unwrap_or(whole).to_string()
            })
            .into_owned()
    }

    /// The placeholder of `value`: its old one, or a new `<KIND_n>` numbered after the highest
    /// `n` of that kind in the map, skipping any placeholder already in the map or in `in_text`
    /// (the placeholder-like strings of the input), so that restoring never turns text that was
    /// there into a value.
    fn placeholder_for(&mut self, kind: &str, value: &str, in_text: &HashSet<&str>) -> String {
        if let Some(e) = self.entries.iter().find(|e| e.kind == kind && e.value == value) {
            return e.placeholder.clone();
        }
        let prefix = format!("<{kind}_");
        let highest = self
            .entries
            .iter()
            .filter_map(|e| e.placeholder.strip_prefix(&prefix)?.strip_suffix('>')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let mut n = highest.saturating_add(1);
        let mut placeholder = format!("{prefix}{n}>");
        while in_text.contains(placeholder.as_str()) || self.entries.iter().any(|e| e.placeholder == placeholder) {
            n = n.saturating_add(1);
            placeholder = format!("{prefix}{n}>");
        }
        self.entries.push(Redaction { placeholder: placeholder.clone(), kind: kind.to_string(), value: value.to_string() });
        placeholder
    }
}

/// The result of [`Redactor::redact`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Redacted {
    /// The text with placeholders.
    pub text: String,
    /// Every placeholder used so far (including those of a map passed in).
    pub mapping: RedactionMap,
    /// How many spans were replaced in this text.
    pub replaced: usize,
    /// Tokens of the input, when counted ([`Redactor::run`]).
    pub tokens_before: Option<usize>,
    /// Tokens of the output, when counted.
    pub tokens_after: Option<usize>,
}

impl Redacted {
    /// Tokens saved (0 when not counted or when placeholders cost more).
    pub fn tokens_saved(&self) -> usize {
        match (self.tokens_before, self.tokens_after) {
            (Some(b), Some(a)) => b.saturating_sub(a),
            _ => 0,
        }
    }
}

/// Finds personal data and replaces it with stable placeholders.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    custom: Vec<(String, Regex)>,
}

#[allow(clippy::expect_used)] // fixed patterns, compiled by the unit tests
fn builtin(pattern: &'static str, cell: &'static OnceLock<Regex>) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern compiles"))
}

fn placeholder_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    builtin(r"<[A-Z][A-Z0-9_]*_[0-9]+>", &RE)
}

fn email_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    builtin(
        r"(?i)\b[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}\b",
        &RE,
    )
}

fn iban_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    builtin(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b", &RE)
}

fn card_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    builtin(r"\b[0-9]+(?:[ -][0-9]+)*\b", &RE)
}

fn ipv4_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    builtin(
        r"\b(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\b",
        &RE,
    )
}

fn ipv6_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    builtin(r"(?i)(?:[0-9a-f]{0,4}:){2,7}(?:(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9a-f]{1,4})?", &RE)
}

fn phone_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    builtin(r"(?:\+[0-9]{1,3}[ .-]?)?(?:\([0-9]{1,4}\)[ .-]?)?[0-9]{2,8}(?:[ .-][0-9]{2,8}){0,4}", &RE)
}

fn iso_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    builtin(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}:[0-9]{2}", &RE)
}

/// The Luhn checksum of a digit string.
fn luhn_ok(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(*d);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

/// ISO 13616: move the first four characters to the end, letters to numbers, mod 97 == 1.
fn iban_ok(candidate: &str) -> bool {
    let compact: Vec<char> = candidate.chars().filter(|c| !c.is_whitespace()).collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    let mut rem = 0u32;
    for c in compact[4..].iter().chain(&compact[..4]) {
        let v = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    rem == 1
}

/// The length of the longest IBAN that starts a candidate of the IBAN pattern, if any. The
/// pattern is greedy, so a candidate may run on into an upper-case word or a number that
/// follows ("DE89 3704 0044 0532 0130 00 BIC ..."): when the whole candidate fails the
/// checksum, shorter ones that end where a group ends (before a space) are tried, longest
/// first.
fn iban_in(candidate: &str) -> Option<usize> {
    let ends = candidate.match_indices(' ').map(|(i, _)| i).rev();
    std::iter::once(candidate.len()).chain(ends).find(|&end| iban_ok(&candidate[..end]))
}

/// Card numbers inside a run of digit groups, as byte ranges of the run. A card is a window of
/// consecutive groups laid out as cards are printed (one group of 13 to 19 digits; groups of
/// four with a last group of one to four; or 4-6-5) whose digits pass the Luhn check. Windows
/// are tried leftmost, longest first, so a card next to a phone number or another number is
/// still found.
fn cards_in(run: &str) -> Vec<(usize, usize)> {
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in run.char_indices() {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                groups.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        groups.push((s, run.len()));
    }
    let mut found = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let hit = (i..groups.len()).rev().find(|&j| {
            let lens: Vec<usize> = groups[i..=j].iter().map(|(s, e)| e - s).collect();
            let n = lens.len();
            let layout = (n == 1 && (13..=19).contains(&lens[0]))
                || lens == [4, 6, 5]
                || (n >= 4 && lens[..n - 1].iter().all(|&l| l == 4) && (1..=4).contains(&lens[n - 1]));
            layout && luhn_ok(&digits_of(&run[groups[i].0..groups[j].1]))
        });
        match hit {
            Some(j) => {
                found.push((groups[i].0, groups[j].1));
                i = j + 1;
            }
            None => i += 1,
        }
    }
    found
}

fn digits_of(s: &str) -> Vec<u8> {
    s.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect()
}

impl Redactor {
    /// A redactor with every built-in detector and no caller patterns.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a caller pattern: matches become `<LABEL_n>`. The label is upper-cased and must be
    /// letters, digits and `_`, starting with a letter.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a bad label or a pattern that does not compile.
    pub fn with_pattern(mut self, label: &str, pattern: &str) -> Result<Self> {
        let label = label.to_ascii_uppercase();
        let ok = label.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            return Err(Error::invalid(format!(
                "redaction label `{label}` must be letters, digits and _, starting with a letter"
            )));
        }
        let re = Regex::new(pattern)
            .map_err(|e| Error::invalid_because(format!("redaction pattern `{pattern}`"), e))?;
        self.custom.push((label, re));
        Ok(self)
    }

    /// Replaces personal data in `text`, with a new map.
    pub fn redact(&self, text: &str) -> Redacted {
        self.redact_with(text, RedactionMap::new())
    }

    /// Replaces personal data in `text`, reusing (and extending) `mapping`, so that a value
    /// seen in an earlier message keeps its placeholder.
    pub fn redact_with(&self, text: &str, mut mapping: RedactionMap) -> Redacted {
        let spans = self.find(text);
        let in_text: HashSet<&str> = placeholder_re().find_iter(text).map(|m| m.as_str()).collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (start, end, kind) in &spans {
            out.push_str(text.get(at..*start).unwrap_or(""));
            let value = text.get(*start..*end).unwrap_or("");
            out.push_str(&mapping.placeholder_for(kind, value, &in_text));
            at = *end;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        Redacted { text: out, mapping, replaced: spans.len(), tokens_before: None, tokens_after: None }
    }

    /// As [`Redactor::redact_with`] (pass `RedactionMap::new()` to start fresh), also counting
    /// the tokens before and after.
    ///
    /// # Errors
    /// The tokenizer's errors.
    pub fn run(&self, tokenizer: &Tokenizer, text: &str, mapping: RedactionMap) -> Result<Redacted> {
        let mut r = self.redact_with(text, mapping);
        r.tokens_before = Some(tokenizer.count(text)?);
        r.tokens_after = Some(tokenizer.count(&r.text)?);
        Ok(r)
    }

    /// Non-overlapping detections `(start, end, kind)`, in text order.
    fn find(&self, text: &str) -> Vec<(usize, usize, String)> {
        let mut found: Vec<(usize, usize, String)> = Vec::new();
        let mut taken = vec![false; text.len()];
        let mut take = |start: usize, end: usize, kind: &str, found: &mut Vec<(usize, usize, String)>| {
            if start < end && !taken[start..end].iter().any(|&t| t) {
                taken[start..end].iter_mut().for_each(|t| *t = true);
                found.push((start, end, kind.to_string()));
            }
        };
        for (label, re) in &self.custom {
            for m in re.find_iter(text) {
                take(m.start(), m.end(), label, &mut found);
            }
        }
        for m in email_re().find_iter(text) {
            take(m.start(), m.end(), "EMAIL", &mut found);
        }
        let mut at = 0;
        while let Some(m) = iban_re().find_at(text, at) {
            match iban_in(m.as_str()) {
                Some(len) => {
                    take(m.start(), m.start() + len, "IBAN", &mut found);
                    at = m.start() + len;
                }
                // An IBAN may start inside a failed candidate ("REF XY12 GB82 WEST ...").
                None => at = m.start() + 1,
            }
        }
        for m in card_re().find_iter(text) {
            for (start, end) in cards_in(m.as_str()) {
                take(m.start() + start, m.start() + end, "CARD", &mut found);
            }
        }
        for m in ipv6_re().find_iter(text) {
            let s = m.as_str();
            // The regex may end on a trailing colon of prose ("see fe80::1:"): trim it.
            let s = if s.ends_with(':') && !s.ends_with("::") { &s[..s.len() - 1] } else { s };
            // Code is full of `::` (`foo :: Int`, `use ::std`, `a::b`, `Foo::bar`): an address
            // has a decimal digit, and is not glued to an identifier on either side.
            let ident = |c: char| c.is_alphanumeric() || c == '_';
            let boundary_ok = !text[..m.start()].ends_with(ident)
                && !text[m.start() + s.len()..].starts_with(ident);
            if boundary_ok && s.contains(|c: char| c.is_ascii_digit()) && s.parse::<Ipv6Addr>().is_ok() {
                take(m.start(), m.start() + s.len(), "IP", &mut found);
            }
        }
        for m in ipv4_re().find_iter(text) {
            take(m.start(), m.end(), "IP", &mut found);
        }
        for m in phone_re().find_iter(text) {
            let before_ok =
                !text[..m.start()].ends_with(|c: char| c.is_alphanumeric() || matches!(c, '.' | ':' | '~' | '-'));
            if !before_ok {
                continue;
            }
            // The match is greedy: a number right after a phone ("+1 415 555 0100 10am",
            // "415-555-0100 42 times") joins it and spoils the whole. So shorter runs of its
            // digit groups are tried too, longest first, but only where the phone is marked
            // off from what follows: it starts with `+` or `(`, or it is grouped by dots or
            // dashes and a space comes next. (A run of space-separated groups, such as a card
            // number that failed Luhn, is not cut down into a phone.)
            let s = m.as_str();
            let ends: Vec<usize> = s
                .char_indices()
                .filter(|&(i, c)| c.is_ascii_digit() && !s[i + 1..].starts_with(|n: char| n.is_ascii_digit()))
                .map(|(i, _)| i + 1)
                .collect();
            let marked_off = |cand: &str| {
                cand.len() == s.len()
                    || cand.starts_with(['+', '('])
                    || (!cand.contains(' ') && s[cand.len()..].starts_with(' '))
            };
            let phone = ends.iter().rev().map(|&end| &s[..end]).filter(|cand| marked_off(cand)).find(|cand| {
                let d = digits_of(cand).len();
                let plus = cand.starts_with('+');
                let grouped = cand.contains([' ', '.', '-', '(']);
                // Version strings (1:20230209.2326-1) and clock times are not phones.
                let after_ok = !text[m.start() + cand.len()..]
                    .starts_with(|c: char| c.is_alphanumeric() || matches!(c, ':' | '-' | '~' | '+'));
                let phone_like = (plus && (8..=15).contains(&d)) || (grouped && (10..=12).contains(&d));
                phone_like && after_ok && !iso_date_re().is_match(cand)
            });
            if let Some(phone) = phone {
                take(m.start(), m.start() + phone.len(), "PHONE", &mut found);
            }
        }
        found.sort_by_key(|f| f.0);
        found
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_kind_and_restores() {
        let text = "Mail ana.lopez@example.com or call +49 30 1234567; card 4111 1111 1111 1111, \
                    not 4111 1111 1111 1112; IBAN DE89 3704 0044 0532 0130 00 (bad: GB82 WEST 1234 5698 7654 33); \
                    hosts 192.168.0.12 and 2001:db8::8a2e:370:7334 at 12:30:45 on 2024-05-01; again ana.lopez@example.com.";
        let r = Redactor::new().redact(text);
        assert_eq!(
            r.text,
            "Mail <EMAIL_1> or call <PHONE_1>; card <CARD_1>, \
             not 4111 1111 1111 1112; IBAN <IBAN_1> (bad: GB82 WEST 1234 5698 7654 33); \
             hosts <IP_1> and <IP_2> at 12:30:45 on 2024-05-01; again <EMAIL_1>."
        );
        assert_eq!(r.replaced, 7);
        assert_eq!(r.mapping.restore(&r.text), text);
    }

    #[test]
    fn mapping_carries_across_messages_and_json() {
        let red = Redactor::new().with_pattern("ticket", r"TCK-[0-9]+").unwrap();
        let first = red.redact("TCK-881 from bo@example.org");
        let second = red.redact_with("bo@example.org again, and cy@example.org", first.mapping.clone());
        assert_eq!(first.text, "<TICKET_1> from <EMAIL_1>");
        assert_eq!(second.text, "<EMAIL_1> again, and <EMAIL_2>");
        let json = serde_json::to_string(&second.mapping).unwrap();
        let back = RedactionMap::from_json(&json).unwrap();
        assert_eq!(back.restore("<TICKET_1> <EMAIL_2> <EMAIL_9>"), "TCK-881 cy@example.org <EMAIL_9>");
        assert_eq!(Redactor::new().with_pattern("9x", "a").unwrap_err().code(), "INVALID_INPUT");
        assert_eq!(Redactor::new().with_pattern("x", "(").unwrap_err().code(), "INVALID_INPUT");
        assert_eq!(RedactionMap::from_json("{").unwrap_err().code(), "INVALID_INPUT");
    }

    #[test]
    fn iban_followed_by_uppercase_word_or_number() {
        let red = Redactor::new();
        for (text, want) in [
            ("IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX", "IBAN <IBAN_1> BIC COBADEFFXXX"),
            ("DE89370400440532013000 EUR today", "<IBAN_1> EUR today"),
            ("GB82 WEST 1234 5698 7654 32 SWIFT: NWBKGB2L", "<IBAN_1> SWIFT: NWBKGB2L"),
            ("pay GB82 WEST 1234 5698 7654 32 2026", "pay <IBAN_1> 2026"),
            // A failed candidate does not hide an IBAN that starts inside it.
            ("REF XY12 GB82 WEST 1234 5698 7654 32", "REF XY12 <IBAN_1>"),
            // Two IBANs in a row are two IBANs.
            (
                "DE89 3704 0044 0532 0130 00 GB82 WEST 1234 5698 7654 32",
                "<IBAN_1> <IBAN_2>",
            ),
        ] {
            let r = red.redact(text);
            assert_eq!(r.text, want, "{text}");
            assert_eq!(r.mapping.restore(&r.text), text);
        }
        assert_eq!(red.redact("DE89 3704 0044 0532 0130 00 BIC").mapping.entries()[0].value, "DE89 3704 0044 0532 0130 00");
        // Still checksummed: a bad IBAN followed by a word stays.
        assert_eq!(red.redact("GB82 WEST 1234 5698 7654 33 BIC X").replaced, 0);
    }

    #[test]
    fn placeholders_never_collide_with_the_text_or_the_map() {
        let red = Redactor::new();
        let text = "literal <EMAIL_1> then ana@example.com";
        let r = red.redact(text);
        assert_eq!(r.text, "literal <EMAIL_1> then <EMAIL_2>");
        assert_eq!(r.mapping.restore(&r.text), text);

        // A loaded map numbers from its highest placeholder, not from its size.
        let map = RedactionMap::from_json(r#"[{"placeholder":"<EMAIL_2>","kind":"EMAIL","value":"bo@example.org"}]"#).unwrap();
        let r = red.redact_with("cy@example.org and bo@example.org", map);
        assert_eq!(r.text, "<EMAIL_3> and <EMAIL_2>");
        assert_eq!(r.mapping.restore(&r.text), "cy@example.org and bo@example.org");

        // Nor a placeholder the map holds under another kind, nor one in the text.
        let map = RedactionMap::from_json(r#"[{"placeholder":"<EMAIL_1>","kind":"X","value":"v"}]"#).unwrap();
        let r = red.redact_with("<EMAIL_2> ana@example.com", map);
        assert_eq!(r.text, "<EMAIL_2> <EMAIL_3>");
        assert_eq!(r.mapping.restore(&r.text), "<EMAIL_2> ana@example.com");
    }

    #[test]
    fn a_phone_followed_by_a_number_is_still_found() {
        for text in ["call +1 415 555 0100 10am tomorrow", "call +1 415 555 0100 1234567", "call 415-555-0100 42 times"] {
            let r = Redactor::new().redact(text);
            assert!(r.text.contains("<PHONE_1>") && !r.text.contains("555"), "{text} -> {}", r.text);
            assert_eq!(r.mapping.restore(&r.text), text);
        }
    }

    #[test]
    fn double_colons_in_code_are_not_ipv6() {
        let red = Redactor::new();
        for text in [
            "foo :: Int -> Int",
            "use ::std::fmt;",
            "a::b",
            "call Foo::bar() and abc::def",
            "x :: y",
            "::",
            "2001:db8::1g",
        ] {
            let r = red.redact(text);
            assert_eq!(r.text, text, "{text}");
        }
        for (text, want) in [
            ("host 2001:db8::1.", "host <IP_1>."),
            ("loopback ::1 and fe80::1%eth0", "loopback <IP_1> and <IP_2>%eth0"),
            ("see fe80::1ff:fe23:4567:890a: up", "see <IP_1>: up"),
            ("mapped ::ffff:192.0.2.1 ok", "mapped <IP_1> ok"),
            ("(2001:db8:0:0:0:0:0:1)", "(<IP_1>)"),
        ] {
            let r = red.redact(text);
            assert_eq!(r.text, want, "{text}");
            assert_eq!(r.mapping.restore(&r.text), text);
        }
    }

    #[test]
    fn checksums() {
        assert!(luhn_ok(&digits_of("4012888888881881")));
        assert!(!luhn_ok(&digits_of("4012888888881882")));
        assert!(iban_ok("GB82 WEST 1234 5698 7654 32"));
        assert!(!iban_ok("GB82 WEST 1234 5698 7654 33"));
    }
}
