//! Chat requests: [`Message`], [`Tool`], and the prompt tokens they cost.
//!
//! For OpenAI chat models the count follows the rule OpenAI publishes in its cookbook
//! ("How to count tokens with tiktoken"): every message costs 3 tokens of framing plus the
//! tokens of each field's value, a `name` costs 1 more, and the reply is primed with 3 tokens.
//! Tool definitions follow the cookbook's `num_tokens_for_tools` formula. Parts of a request that
//! rule does not cover (assistant tool calls, tool results, other providers' framing) are counted
//! by documented estimates, and the result is then marked inexact.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::ChatFormat;
use crate::tokenizer::Tokenizer;

/// One part of a message's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContentPart {
    /// Plain text.
    Text { text: String },
    /// Responses-API style input text.
    InputText { text: String },
    /// Responses-API style output text.
    OutputText { text: String },
}

impl ContentPart {
    fn text(&self) -> &str {
        match self {
            ContentPart::Text { text }
            | ContentPart::InputText { text }
            | ContentPart::OutputText { text } => text,
        }
    }
}

/// A message's content: a string, or a list of parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Content {
    /// A plain string.
    Text(String),
    /// A list of typed parts.
    Parts(Vec<ContentPart>),
}

/// Read by hand rather than as an untagged enum, so that a part tokenmeter cannot count (an
/// image, audio, a file) is named in the error instead of "did not match any variant".
impl<'de> Deserialize<'de> for Content {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        use serde_json::Value;
        match Value::deserialize(deserializer)? {
            Value::String(text) => Ok(Content::Text(text)),
            Value::Array(parts) => parts
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let kind = part.get("type").and_then(Value::as_str).map(str::to_owned);
                    serde_json::from_value::<ContentPart>(part).map_err(|e| {
                        D::Error::custom(match kind {
                            Some(kind) if !matches!(kind.as_str(), "text" | "input_text" | "output_text") => format!(
                                "content part {i} has type `{kind}`: only text parts (`text`, `input_text`, `output_text`) can be counted; price images, audio and files by the provider's own rules"
                            ),
                            Some(_) => format!("content part {i}: {e}"),
                            None => format!("content part {i} has no `type` (expected {{\"type\": \"text\", \"text\": \"...\"}})"),
                        })
                    })
                })
                .collect::<std::result::Result<Vec<_>, _>>()
                .map(Content::Parts),
            other => Err(D::Error::custom(format!(
                "content must be a string or a list of parts, not {}",
                match other {
                    Value::Null => "null",
                    Value::Bool(_) => "a boolean",
                    Value::Number(_) => "a number",
                    _ => "an object",
                }
            ))),
        }
    }
}

impl Content {
    /// The text of the content, parts joined without separators.
    pub fn text(&self) -> String {
        match self {
            Content::Text(s) => s.clone(),
            Content::Parts(parts) => parts.iter().map(ContentPart::text).collect(),
        }
    }
}

/// A function the assistant asked to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionCall {
    pub name: String,
    /// The arguments as the model wrote them (a JSON string).
    #[serde(default)]
    pub arguments: String,
}

/// One tool call in an assistant message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolCall {
    #[serde(default)]
    pub id: String,
    #[serde(rename = "type", default = "function_type")]
    pub kind: String,
    pub function: FunctionCall,
}

/// Reads JSON `null` as the empty list.
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<ToolCall>, D::Error> {
    Ok(Option::<Vec<ToolCall>>::deserialize(d)?.unwrap_or_default())
}

fn function_type() -> String {
    "function".to_string()
}

/// A chat turn in OpenAI's shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// `system`, `developer`, `user`, `assistant` or `tool`.
    pub role: String,
    /// The content; `None` for an assistant turn that only calls tools.
    #[serde(default)]
    pub content: Option<Content>,
    /// An optional participant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tool calls made by an assistant turn (`null`, as SDKs serialize "none", reads as none).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub tool_calls: Vec<ToolCall>,
    /// For a `tool` turn: the id of the call it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
}

impl Message {
    /// A message with a role and text content.
    pub fn new(role: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            role: role.into(),
            content: Some(Content::Text(content.into())),
            name: None,
            tool_calls: Vec::new(),
            tool_call_id: None,
        }
    }

    /// Sets the participant name.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Adds an assistant tool call.
    #[must_use]
    pub fn with_tool_call(
        mut self,
        id: impl Into<String>,
        name: impl Into<String>,
        arguments: impl Into<String>,
    ) -> Self {
        self.tool_calls.push(ToolCall {
            id: id.into(),
            kind: function_type(),
            function: FunctionCall { name: name.into(), arguments: arguments.into() },
        });
        self
    }

    /// Marks this message as the result of tool call `id`.
    #[must_use]
    pub fn with_tool_call_id(mut self, id: impl Into<String>) -> Self {
        self.tool_call_id = Some(id.into());
        self
    }

    /// The text content ("" when there is none).
    pub fn text(&self) -> String {
        self.content.as_ref().map(Content::text).unwrap_or_default()
    }
}

/// A function definition offered to the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionDef {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// A JSON Schema object.
    #[serde(default)]
    pub parameters: Option<serde_json::Value>,
}

/// A tool definition in OpenAI's shape (`{"type": "function", "function": {...}}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    #[serde(rename = "type", default = "function_type")]
    pub kind: String,
    pub function: FunctionDef,
}

/// The prompt tokens of a chat request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChatCount {
    /// Prompt tokens, framing included.
    pub tokens: usize,
    /// True when every part was counted by the provider's published rule with its own
    /// tokenizer; false when any part is an estimate.
    pub exact: bool,
}

/// Per-model framing constants.
struct Framing {
    per_message: usize,
    per_name: isize,
    reply_priming: usize,
    /// Whether the published rule covers this format.
    published: bool,
}

fn framing(format: ChatFormat) -> Framing {
    match format {
        ChatFormat::Openai => Framing { per_message: 3, per_name: 1, reply_priming: 3, published: true },
        ChatFormat::Openai0301 => Framing { per_message: 4, per_name: -1, reply_priming: 3, published: true },
        // Not published: Anthropic's and Gemini's counts come from their APIs only. These
        // constants are estimates of a role header and turn separators.
        ChatFormat::Anthropic | ChatFormat::Gemini | ChatFormat::Generic => {
            Framing { per_message: 4, per_name: 1, reply_priming: 3, published: false }
        }
    }
}

/// Constants of the cookbook's tool-definition formula.
struct ToolFraming {
    func_init: isize,
    prop_init: isize,
    prop_key: isize,
    enum_init: isize,
    enum_item: isize,
    func_end: isize,
}

/// The cookbook gives 7 per function for gpt-4o/gpt-4o-mini (o200k) and 10 for
/// gpt-3.5-turbo/gpt-4 (cl100k); the other constants are shared.
fn tool_framing(tokenizer: &Tokenizer) -> ToolFraming {
    let func_init = match tokenizer.encoding() {
        Some(crate::Encoding::Cl100kBase) => 10,
        _ => 7,
    };
    ToolFraming { func_init, prop_init: 3, prop_key: 3, enum_init: -3, enum_item: 3, func_end: 12 }
}

/// Counts the prompt tokens of `messages` plus `tools` for a model with `format` framing.
///
/// # Errors
/// [`Error::InvalidInput`] for an empty message list or a message without a role.
pub fn count_chat(
    tokenizer: &Tokenizer,
    format: ChatFormat,
    messages: &[Message],
    tools: &[Tool],
) -> Result<ChatCount> {
    if messages.is_empty() {
        return Err(Error::invalid("a chat request needs at least one message"));
    }
    let f = framing(format);
    let mut exact = f.published && tokenizer.is_exact();
    let mut total: isize = 0;
    for (i, m) in messages.iter().enumerate() {
        if m.role.trim().is_empty() {
            return Err(Error::invalid(format!("message {i} has no role")));
        }
        total += f.per_message as isize;
        total += tokenizer.count(&m.role)? as isize;
        if let Some(content) = &m.content {
            total += tokenizer.count(&content.text())? as isize;
        }
        if let Some(name) = &m.name {
            total += tokenizer.count(name)? as isize + f.per_name;
        }
        // Not covered by the published rule: each call is estimated as its function name and
        // arguments plus 3 tokens of framing; a tool result's call id is not counted.
        for call in &m.tool_calls {
            total += 3 + tokenizer.count(&call.function.name)? as isize
                + tokenizer.count(&call.function.arguments)? as isize;
            exact = false;
        }
        if m.tool_call_id.is_some() || m.role == "tool" {
            exact = false;
        }
    }
    total += f.reply_priming as isize;
    if !tools.is_empty() {
        total += count_tools(tokenizer, tools)? as isize;
        if !f.published {
            exact = false;
        }
    }
    Ok(ChatCount { tokens: total.max(0) as usize, exact })
}

/// The tokens that tool definitions add to a request, by the cookbook's formula.
///
/// # Errors
/// [`Error::InvalidInput`] when a tool's parameters are not a JSON Schema object.
pub fn count_tools(tokenizer: &Tokenizer, tools: &[Tool]) -> Result<usize> {
    if tools.is_empty() {
        return Ok(0);
    }
    let c = tool_framing(tokenizer);
    let mut total: isize = 0;
    for tool in tools {
        let function = &tool.function;
        total += c.func_init;
        let desc = function.description.as_deref().unwrap_or("");
        let desc = desc.strip_suffix('.').unwrap_or(desc);
        total += tokenizer.count(&format!("{}:{}", function.name, desc))? as isize;
        let properties = match &function.parameters {
            None => None,
            Some(serde_json::Value::Object(schema)) => match schema.get("properties") {
                None => None,
                Some(serde_json::Value::Object(props)) => Some(props),
                Some(_) => {
                    return Err(Error::invalid(format!(
                        "tool `{}`: parameters.properties must be an object",
                        function.name
                    )));
                }
            },
            Some(_) => {
                return Err(Error::invalid(format!(
                    "tool `{}`: parameters must be a JSON Schema object",
                    function.name
                )));
            }
        };
        if let Some(props) = properties.filter(|p| !p.is_empty()) {
            total += c.prop_init;
            for (key, prop) in props {
                total += c.prop_key;
                let p_type = prop.get("type").map(json_text).unwrap_or_default();
                let p_desc = prop.get("description").map(json_text).unwrap_or_default();
                if let Some(serde_json::Value::Array(items)) = prop.get("enum") {
                    total += c.enum_init;
                    for item in items {
                        total += c.enum_item + tokenizer.count(&json_text(item))? as isize;
                    }
                }
                let p_desc = p_desc.strip_suffix('.').unwrap_or(&p_desc);
                total += tokenizer.count(&format!("{key}:{p_type}:{p_desc}"))? as isize;
            }
        }
    }
    total += c.func_end;
    Ok(total.max(0) as usize)
}

/// A JSON value as the cookbook's Python would format it into a string.
fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A chat request object: `messages` and optional `tools`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct ChatRequest {
    messages: Vec<Message>,
    #[serde(default)]
    tools: Vec<Tool>,
}

/// Parses a chat request from JSON: an array of OpenAI-style messages, or an object with
/// `messages` and optional `tools`.
///
/// # Errors
/// [`Error::InvalidInput`] saying what is wrong with the JSON.
pub fn parse_chat(json: &str) -> Result<(Vec<Message>, Vec<Tool>)> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| Error::invalid(format!("chat JSON: {e}")))?;
    match value {
        serde_json::Value::Array(_) => serde_json::from_value::<Vec<Message>>(value)
            .map(|m| (m, Vec::new()))
            .map_err(|e| Error::invalid(format!("chat JSON: a message is malformed: {e}"))),
        serde_json::Value::Object(_) => serde_json::from_value::<ChatRequest>(value)
            .map(|r| (r.messages, r.tools))
            .map_err(|e| Error::invalid(format!("chat JSON: expected {{\"messages\": [...], \"tools\": [...]}}: {e}"))),
        _ => Err(Error::invalid(
            "chat JSON: expected an array of messages or an object with `messages`",
        )),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_part_that_cannot_be_counted_is_named() {
        let err = parse_chat(r#"[{"role": "user", "content": [{"type": "text", "text": "see"}, {"type": "image_url", "image_url": {"url": "x"}}]}]"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("content part 1 has type `image_url`"), "{err}");
        let err = parse_chat(r#"[{"role": "user", "content": 5}]"#).unwrap_err().to_string();
        assert!(err.contains("content must be a string or a list of parts, not a number"), "{err}");
        let err = parse_chat(r#"[{"role": "user", "content": [{"text": "x"}]}]"#).unwrap_err().to_string();
        assert!(err.contains("content part 0 has no `type`"), "{err}");
    }

    #[test]
    fn null_tool_calls_read_as_none() {
        // The OpenAI SDKs serialize an assistant turn without calls as `"tool_calls": null`.
        let (with_null, _) = parse_chat(
            r#"[{"role": "user", "content": "hi", "tool_calls": null, "name": null}]"#,
        )
        .unwrap();
        let (plain, _) = parse_chat(r#"[{"role": "user", "content": "hi"}]"#).unwrap();
        assert_eq!(with_null, plain);
        let tok = Tokenizer::from_encoding(crate::Encoding::O200kBase);
        assert_eq!(
            count_chat(&tok, ChatFormat::Openai, &with_null, &[]).unwrap(),
            count_chat(&tok, ChatFormat::Openai, &plain, &[]).unwrap()
        );
    }

    #[test]
    fn a_tool_calls_string_is_an_error_naming_the_shape() {
        let err = parse_chat(r#"[{"role": "assistant", "tool_calls": "x"}]"#).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT");
        assert!(err.to_string().contains("chat JSON"), "{err}");
    }
}
