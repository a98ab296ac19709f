//! Chat requests in OpenAI's shape and the prompt tokens they cost. Field names are the
//! OpenAI API's own (`tool_calls`, `tool_call_id`), so a request built for the official SDK
//! can be passed as is; fields that do not affect the count (temperature, ...) are ignored.
//! Messages and tools arrive as plain JSON values and are parsed by the core (`parse_chat`),
//! so they are read exactly as Rust and Python read them; the structs below are their
//! declared TypeScript shapes and the form of the messages handed back.

use napi::bindgen_prelude::{AsyncTask, Either3, Null};
use napi_derive::napi;

use crate::catalog::JsCatalog;
use crate::error::{OrThrow, Result};
use crate::number::to_number;
use crate::tasks::count_chat::CountChatTask;
use crate::tokenizer::AsyncOptions;

/// One part of a message's content (`{ type: "text", text }`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ChatContentPart {
    /// `text`, `input_text` or `output_text`.
    #[napi(js_name = "type")]
    pub kind: String,
    pub text: Option<String>,
}

/// A function the assistant asked to call.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ChatFunctionCall {
    pub name: String,
    /// The arguments as the model wrote them (a JSON string).
    pub arguments: Option<String>,
}

/// One tool call of an assistant message.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ChatToolCall {
    pub id: Option<String>,
    /// `function` (the default).
    #[napi(js_name = "type")]
    pub kind: Option<String>,
    pub function: ChatFunctionCall,
}

/// A chat turn in OpenAI's shape.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ChatMessage {
    /// `system`, `developer`, `user`, `assistant` or `tool`.
    pub role: String,
    /// A string, a list of parts, or `null` for an assistant turn that only calls tools.
    #[napi(ts_type = "string | Array<ChatContentPart> | null")]
    pub content: Option<Either3<String, Vec<ChatContentPart>, Null>>,
    /// `null` reads as absent (as the OpenAI SDKs serialize it).
    #[napi(ts_type = "string | null")]
    pub name: Option<String>,
    /// `null` reads as no calls (as the OpenAI SDKs serialize it).
    #[napi(js_name = "tool_calls", ts_type = "Array<ChatToolCall> | null")]
    pub tool_calls: Option<Vec<ChatToolCall>>,
    #[napi(js_name = "tool_call_id", ts_type = "string | null")]
    pub tool_call_id: Option<String>,
}

/// A function offered to the model.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ChatFunctionDefinition {
    pub name: String,
    pub description: Option<String>,
    /// A JSON Schema object.
    #[napi(ts_type = "Record<string, unknown>")]
    pub parameters: Option<serde_json::Value>,
}

/// A tool definition in OpenAI's shape (`{ type: "function", function: {...} }`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ChatTool {
    /// `function` (the default).
    #[napi(js_name = "type")]
    pub kind: Option<String>,
    pub function: ChatFunctionDefinition,
}

/// A chat request: the object passed to `chat.completions.create` (other fields are ignored).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ChatRequest {
    /// A catalog model name (`gpt-4o`, `azure/gpt-4o`, `claude-sonnet-4-5`, ...).
    pub model: String,
    #[napi(ts_type = "Array<ChatMessage>")]
    pub messages: serde_json::Value,
    #[napi(ts_type = "Array<ChatTool>")]
    pub tools: Option<serde_json::Value>,
}

/// The prompt tokens of a chat request.
#[napi(object)]
#[derive(Debug)]
pub struct ChatCount {
    /// Prompt tokens, framing included.
    pub tokens: f64,
    /// True when every part was counted by the provider's published rule with its own
    /// tokenizer; false when any part is an estimate.
    pub exact: bool,
}

impl From<tokenmeter::ChatCount> for ChatCount {
    fn from(c: tokenmeter::ChatCount) -> Self {
        Self {
            tokens: to_number(c.tokens),
            exact: c.exact,
        }
    }
}

/// A request's messages and tools as core values, through the core's parser (as Python's).
///
/// @throws {Error} `TOKENMETER_INVALID_INPUT` saying what is wrong with a message or tool.
pub(crate) fn to_core(
    messages: serde_json::Value,
    tools: Option<serde_json::Value>,
) -> Result<(Vec<tokenmeter::Message>, Vec<tokenmeter::Tool>)> {
    let mut request = serde_json::Map::new();
    request.insert("messages".into(), messages);
    if let Some(tools) = tools {
        request.insert("tools".into(), tools);
    }
    tokenmeter::parse_chat(&serde_json::Value::Object(request).to_string()).or_throw()
}

/// The prompt tokens of a chat request for a model of `catalog`.
pub(crate) fn count_in(
    catalog: &tokenmeter::Catalog,
    model: &str,
    messages: &[tokenmeter::Message],
    tools: &[tokenmeter::Tool],
) -> tokenmeter::Result<tokenmeter::ChatCount> {
    let model = catalog.get(model)?;
    tokenmeter::count_chat(&model.tokenizer()?, model.chat_format, messages, tools)
}

/// The prompt tokens of a chat request (`{ model, messages, tools }`), by the bundled catalog.
///
/// @throws {Error} `TOKENMETER_UNKNOWN_MODEL`, or `TOKENMETER_INVALID_INPUT` for an empty
/// message list or a malformed tool schema.
#[napi(catch_unwind)]
pub fn count_chat(request: ChatRequest) -> Result<ChatCount> {
    JsCatalog::bundled().count_chat(request)
}

/// `countChat` off the main thread.
#[napi(catch_unwind, ts_return_type = "Promise<ChatCount>")]
pub fn count_chat_async(
    request: ChatRequest,
    options: Option<AsyncOptions>,
) -> Result<AsyncTask<CountChatTask>> {
    JsCatalog::bundled().count_chat_async(request, options)
}

/// The tokens of a chat request, computed by the core (used by the sync paths).
pub(crate) fn count_request(
    catalog: &tokenmeter::Catalog,
    request: ChatRequest,
) -> Result<ChatCount> {
    let (messages, tools) = to_core(request.messages, request.tools)?;
    Ok(count_in(catalog, &request.model, &messages, &tools)
        .or_throw()?
        .into())
}

/// A chat request parsed from JSON text.
#[napi(object)]
#[derive(Debug)]
pub struct ParsedChat {
    pub messages: Vec<ChatMessage>,
    pub tools: Vec<ChatTool>,
}

impl From<&tokenmeter::ContentPart> for ChatContentPart {
    fn from(p: &tokenmeter::ContentPart) -> Self {
        // The core's serde form is `{ "type": ..., "text": ... }`: read it back field by field.
        let value = serde_json::to_value(p).unwrap_or_default();
        let field = |k: &str| value.get(k).and_then(|v| v.as_str()).map(str::to_string);
        Self {
            kind: field("type").unwrap_or_default(),
            text: field("text"),
        }
    }
}

impl From<&tokenmeter::Message> for ChatMessage {
    fn from(m: &tokenmeter::Message) -> Self {
        let content = match &m.content {
            None => Either3::C(Null),
            Some(tokenmeter::Content::Text(text)) => Either3::A(text.clone()),
            Some(tokenmeter::Content::Parts(parts)) => {
                Either3::B(parts.iter().map(Into::into).collect())
            }
        };
        let tool_calls = (!m.tool_calls.is_empty()).then(|| {
            m.tool_calls
                .iter()
                .map(|c| ChatToolCall {
                    id: Some(c.id.clone()),
                    kind: Some(c.kind.clone()),
                    function: ChatFunctionCall {
                        name: c.function.name.clone(),
                        arguments: Some(c.function.arguments.clone()),
                    },
                })
                .collect()
        });
        Self {
            role: m.role.clone(),
            content: Some(content),
            name: m.name.clone(),
            tool_calls,
            tool_call_id: m.tool_call_id.clone(),
        }
    }
}

impl From<&tokenmeter::Tool> for ChatTool {
    fn from(t: &tokenmeter::Tool) -> Self {
        Self {
            kind: Some(t.kind.clone()),
            function: ChatFunctionDefinition {
                name: t.function.name.clone(),
                description: t.function.description.clone(),
                parameters: t.function.parameters.clone(),
            },
        }
    }
}

/// Parses a chat request from JSON text: an array of OpenAI-style messages, or an object with
/// `messages` and optional `tools` (a request body as sent to the API).
///
/// @throws {Error} `TOKENMETER_INVALID_INPUT` saying what is wrong with the JSON.
#[napi(catch_unwind)]
pub fn parse_chat(json: String) -> Result<ParsedChat> {
    let (messages, tools) = tokenmeter::parse_chat(&json).or_throw()?;
    Ok(ParsedChat {
        messages: messages.iter().map(Into::into).collect(),
        tools: tools.iter().map(Into::into).collect(),
    })
}
