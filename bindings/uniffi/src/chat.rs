//! Chat requests as uniffi records: `Message`, `Content`, `Tool`, and `ChatCount`.
//!
//! They mirror the core's OpenAI-shaped types field for field. A tool's JSON Schema crosses
//! as a JSON string (`parametersJson`), since uniffi has no JSON value type.

use crate::error::{Result, TokenmeterError, guard, to_u64};
use crate::model::unknown_to_bindings;

/// One typed part of a message's content.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ContentPart {
    /// Plain text (`{"type": "text"}`).
    Text { text: String },
    /// Responses-API input text (`{"type": "input_text"}`).
    InputText { text: String },
    /// Responses-API output text (`{"type": "output_text"}`).
    OutputText { text: String },
}

/// A message's content: a string, or a list of parts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Content {
    Text { text: String },
    Parts { parts: Vec<ContentPart> },
}

/// A function the assistant asked to call.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FunctionCall {
    pub name: String,
    /// The arguments as the model wrote them (a JSON string).
    #[uniffi(default = "")]
    pub arguments: String,
}

/// One tool call in an assistant message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ToolCall {
    pub id: String,
    pub function: FunctionCall,
    /// Always `function` today.
    #[uniffi(default = "function")]
    pub kind: String,
}

/// A chat turn in OpenAI's shape.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Message {
    /// `system`, `developer`, `user`, `assistant` or `tool`.
    pub role: String,
    /// The content; `null`/`nil` for an assistant turn that only calls tools.
    pub content: Option<Content>,
    /// An optional participant name.
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// Tool calls made by an assistant turn.
    #[uniffi(default)]
    pub tool_calls: Vec<ToolCall>,
    /// For a `tool` turn: the id of the call it answers.
    #[uniffi(default = None)]
    pub tool_call_id: Option<String>,
}

/// A function definition offered to the model.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FunctionDef {
    pub name: String,
    #[uniffi(default = None)]
    pub description: Option<String>,
    /// The parameters' JSON Schema object, as JSON text.
    #[uniffi(default = None)]
    pub parameters_json: Option<String>,
}

/// A tool definition (`{"type": "function", "function": {...}}`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Tool {
    pub function: FunctionDef,
    /// Always `function` today.
    #[uniffi(default = "function")]
    pub kind: String,
}

/// The prompt tokens of a chat request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ChatCount {
    /// Prompt tokens, framing included.
    pub tokens: u64,
    /// True when every part was counted by the provider's published rule with its own
    /// tokenizer; false when any part is an estimate.
    pub exact: bool,
}

/// A parsed chat request: messages and tools.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChatRequest {
    pub messages: Vec<Message>,
    pub tools: Vec<Tool>,
}

/// Parses a chat request from JSON: an array of OpenAI-style messages, or an object with
/// `messages` and optional `tools`.
#[uniffi::export]
pub fn parse_chat(json: String) -> Result<ChatRequest> {
    guard(|| {
        let (messages, tools) = tokenmeter::parse_chat(&json)?;
        Ok(ChatRequest {
            messages: messages.into_iter().map(Message::try_from).collect::<Result<_>>()?,
            tools: tools.into_iter().map(Tool::from).collect(),
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Conversions

impl From<ContentPart> for tokenmeter::ContentPart {
    fn from(p: ContentPart) -> Self {
        match p {
            ContentPart::Text { text } => Self::Text { text },
            ContentPart::InputText { text } => Self::InputText { text },
            ContentPart::OutputText { text } => Self::OutputText { text },
        }
    }
}

impl TryFrom<tokenmeter::ContentPart> for ContentPart {
    type Error = TokenmeterError;
    fn try_from(p: tokenmeter::ContentPart) -> Result<Self> {
        use tokenmeter::ContentPart as P;
        Ok(match p {
            P::Text { text } => Self::Text { text },
            P::InputText { text } => Self::InputText { text },
            P::OutputText { text } => Self::OutputText { text },
            other => return Err(unknown_to_bindings("content part", &other)),
        })
    }
}

impl From<Content> for tokenmeter::Content {
    fn from(c: Content) -> Self {
        match c {
            Content::Text { text } => Self::Text(text),
            Content::Parts { parts } => Self::Parts(parts.into_iter().map(Into::into).collect()),
        }
    }
}

impl TryFrom<tokenmeter::Content> for Content {
    type Error = TokenmeterError;
    fn try_from(c: tokenmeter::Content) -> Result<Self> {
        Ok(match c {
            tokenmeter::Content::Text(text) => Self::Text { text },
            tokenmeter::Content::Parts(parts) => Self::Parts {
                parts: parts.into_iter().map(ContentPart::try_from).collect::<Result<_>>()?,
            },
        })
    }
}

impl From<ToolCall> for tokenmeter::ToolCall {
    fn from(c: ToolCall) -> Self {
        Self {
            id: c.id,
            kind: c.kind,
            function: tokenmeter::FunctionCall {
                name: c.function.name,
                arguments: c.function.arguments,
            },
        }
    }
}

impl From<tokenmeter::ToolCall> for ToolCall {
    fn from(c: tokenmeter::ToolCall) -> Self {
        Self {
            id: c.id,
            kind: c.kind,
            function: FunctionCall { name: c.function.name, arguments: c.function.arguments },
        }
    }
}

impl From<Message> for tokenmeter::Message {
    fn from(m: Message) -> Self {
        let mut core = tokenmeter::Message::new(m.role, "");
        core.content = m.content.map(Into::into);
        core.name = m.name;
        core.tool_calls = m.tool_calls.into_iter().map(Into::into).collect();
        core.tool_call_id = m.tool_call_id;
        core
    }
}

impl TryFrom<tokenmeter::Message> for Message {
    type Error = TokenmeterError;
    fn try_from(m: tokenmeter::Message) -> Result<Self> {
        Ok(Self {
            role: m.role,
            content: m.content.map(Content::try_from).transpose()?,
            name: m.name,
            tool_calls: m.tool_calls.into_iter().map(Into::into).collect(),
            tool_call_id: m.tool_call_id,
        })
    }
}

impl TryFrom<Tool> for tokenmeter::Tool {
    type Error = TokenmeterError;
    fn try_from(t: Tool) -> Result<Self> {
        let parameters = match t.function.parameters_json {
            None => None,
            Some(json) => Some(serde_json::from_str(&json).map_err(|e| {
                TokenmeterError::invalid_input(format!(
                    "tool `{}`: parametersJson is not JSON: {e}",
                    t.function.name
                ))
            })?),
        };
        Ok(Self {
            kind: t.kind,
            function: tokenmeter::FunctionDef {
                name: t.function.name,
                description: t.function.description,
                parameters,
            },
        })
    }
}

impl From<tokenmeter::Tool> for Tool {
    fn from(t: tokenmeter::Tool) -> Self {
        Self {
            kind: t.kind,
            function: FunctionDef {
                name: t.function.name,
                description: t.function.description,
                parameters_json: t.function.parameters.map(|p| p.to_string()),
            },
        }
    }
}

impl From<tokenmeter::ChatCount> for ChatCount {
    fn from(c: tokenmeter::ChatCount) -> Self {
        Self { tokens: to_u64(c.tokens), exact: c.exact }
    }
}

/// Converts the messages and tools of a call into the core's types.
pub(crate) fn to_core(
    messages: Vec<Message>,
    tools: Vec<Tool>,
) -> Result<(Vec<tokenmeter::Message>, Vec<tokenmeter::Tool>)> {
    let tools = tools.into_iter().map(tokenmeter::Tool::try_from).collect::<Result<_>>()?;
    Ok((messages.into_iter().map(Into::into).collect(), tools))
}
