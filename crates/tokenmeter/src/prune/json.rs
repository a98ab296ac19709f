//! The `json` and `json_table` passes.
//!
//! `json` minifies a text that is one JSON document: whitespace outside strings goes, and
//! everything else (key order, number spelling, string escapes) stays byte for byte. A text
//! that is not JSON is left unchanged.
//!
//! `json_table` also re-encodes every array of two or more objects that have the same keys in
//! the same order as a header plus rows, `{"columns":["id","name"],"rows":[[1,"a"],[2,"b"]]}`,
//! so each key is written once instead of once per element. Key order is kept; numbers are
//! written as `serde_json` writes them.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Whether `text` is one JSON document.
pub(crate) fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// The minified document, or `None` when `text` is not one JSON document.
pub(crate) fn minify(text: &str) -> Option<String> {
    if !is_json(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    Some(out)
}

/// The document with uniform arrays of objects as header plus rows, minified; `None` when
/// `text` is not one JSON document.
pub(crate) fn tabulate(text: &str) -> Option<String> {
    let value: Json = serde_json::from_str(text).ok()?;
    let mut out = String::with_capacity(text.len());
    write(&table(value), &mut out);
    Some(out)
}

/// A JSON value that keeps object keys in document order.
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Json, E> {
        serde_json::Number::from_f64(v).map(Json::Number).ok_or_else(|| E::custom("not a finite number"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Json>()? {
            entries.push((k, v));
        }
        Ok(Json::Object(entries))
    }
}

fn table(value: Json) -> Json {
    match value {
        Json::Object(entries) => Json::Object(entries.into_iter().map(|(k, v)| (k, table(v))).collect()),
        Json::Array(items) => {
            let items: Vec<Json> = items.into_iter().map(table).collect();
            let keys: Option<Vec<String>> = match items.first() {
                Some(Json::Object(first)) if items.len() >= 2 && !first.is_empty() => {
                    Some(first.iter().map(|(k, _)| k.clone()).collect())
                }
                _ => None,
            };
            let uniform = keys.as_ref().is_some_and(|keys| {
                items.iter().all(|it| match it {
                    Json::Object(e) => e.len() == keys.len() && e.iter().zip(keys).all(|((k, _), key)| k == key),
                    _ => false,
                })
            });
            match keys {
                Some(keys) if uniform => {
                    let rows = items
                        .into_iter()
                        .map(|it| match it {
                            Json::Object(e) => Json::Array(e.into_iter().map(|(_, v)| v).collect()),
                            other => other,
                        })
                        .collect();
                    Json::Object(vec![
                        ("columns".to_string(), Json::Array(keys.into_iter().map(Json::String).collect())),
                        ("rows".to_string(), Json::Array(rows)),
                    ])
                }
                _ => Json::Array(items),
            }
        }
        other => other,
    }
}

fn write_str(s: &str, out: &mut String) {
    // serde_json's string escaping; a String always serializes.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

fn write(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&n.to_string()),
        Json::String(s) => write_str(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(it, out);
            }
            out.push(']');
        }
        Json::Object(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write(v, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn minify_keeps_strings_and_order() {
        let t = "{\n  \"b\": \"two  spaces \\\" q\",\n  \"a\": [1, 2.50]\n}\n";
        assert_eq!(minify(t).unwrap(), r#"{"b":"two  spaces \" q","a":[1,2.50]}"#);
        assert_eq!(minify("not json {"), None);
    }

    #[test]
    fn uniform_arrays_become_tables() {
        let t = r#"{"users":[{"id":1,"name":"a"},{"id":2,"name":"b"}],"mixed":[{"id":1},{"x":2}]}"#;
        assert_eq!(
            tabulate(t).unwrap(),
            r#"{"users":{"columns":["id","name"],"rows":[[1,"a"],[2,"b"]]},"mixed":[{"id":1},{"x":2}]}"#
        );
    }
}
