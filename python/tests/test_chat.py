"""count_chat and count_tools: the cookbook figures, SDK objects, explicit tokenizers, errors."""

from __future__ import annotations

from typing import Any

import pytest

import tokenmeter

# OpenAI cookbook "How to count tokens with tiktoken": the API reported 129 prompt tokens for
# these messages on gpt-3.5-turbo / gpt-4 and 124 on gpt-4o.
COOKBOOK = [
    {"role": "system", "content": "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
    {"role": "system", "name": "example_user", "content": "New synergies will help drive top-line growth."},
    {"role": "system", "name": "example_assistant", "content": "Things working well together will increase revenue."},
    {"role": "system", "name": "example_user", "content": "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
    {"role": "system", "name": "example_assistant", "content": "Let's talk later when we're less busy about how to do better."},
    {"role": "user", "content": "This late pivot means we don't have time to boil the ocean for the client deliverable."},
]

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "The city"},
                "unit": {"type": "string", "enum": ["c", "f"]},
            },
        },
    },
}


@pytest.mark.parametrize(("model", "tokens"), [("gpt-3.5-turbo", 129), ("gpt-4", 129), ("gpt-4o", 124)])
def test_cookbook_figures(model: str, tokens: int) -> None:
    assert tokenmeter.count_chat(COOKBOOK, model=model) == tokenmeter.ChatCount(tokens=tokens, exact=True)


def test_model_object_and_explicit_tokenizer_agree() -> None:
    model = tokenmeter.Catalog.bundled().get("gpt-4o")
    by_name = tokenmeter.count_chat(COOKBOOK, model="gpt-4o")
    assert tokenmeter.count_chat(COOKBOOK, model=model) == by_name
    tok = tokenmeter.Tokenizer("o200k_base")
    assert tokenmeter.count_chat(COOKBOOK, tokenizer=tok, chat_format="openai") == by_name


class PydanticLike:
    """Stands in for an SDK message object (pydantic's model_dump(), None for unset fields)."""

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def model_dump(self) -> dict[str, Any]:
        return dict(self.fields)


class ToDictLike(PydanticLike):
    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.fields.items() if v is not None}


def test_sdk_objects_count_like_dicts() -> None:
    as_dicts = [{"role": "user", "content": "What is the weather in Paris?"},
                {"role": "assistant", "content": "Sunny."}]
    as_objects = [
        PydanticLike(role="user", content="What is the weather in Paris?", name=None, tool_calls=None),
        ToDictLike(role="assistant", content="Sunny.", tool_calls=None),
    ]
    assert tokenmeter.count_chat(as_objects, model="gpt-4o") == tokenmeter.count_chat(as_dicts, model="gpt-4o")


def test_tools_add_their_cookbook_tokens() -> None:
    tok = tokenmeter.Tokenizer.for_model("gpt-4o")
    messages = [{"role": "user", "content": "weather?"}]
    without = tokenmeter.count_chat(messages, model="gpt-4o")
    with_tools = tokenmeter.count_chat(messages, model="gpt-4o", tools=[WEATHER_TOOL])
    assert with_tools.tokens - without.tokens == tokenmeter.count_tools([WEATHER_TOOL], tokenizer=tok) > 0
    assert tokenmeter.count_tools([], tokenizer=tok) == 0


def test_content_parts_and_tool_calls() -> None:
    parts = [{"role": "user", "content": [{"type": "text", "text": "hi "}, {"type": "text", "text": "there"}]}]
    plain = [{"role": "user", "content": "hi there"}]
    assert tokenmeter.count_chat(parts, model="gpt-4o") == tokenmeter.count_chat(plain, model="gpt-4o")
    call = [{"role": "assistant", "content": None, "tool_calls": [
        {"id": "c1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]}]
    assert not tokenmeter.count_chat(call, model="gpt-4o").exact


def test_estimated_providers_are_inexact() -> None:
    result = tokenmeter.count_chat(COOKBOOK, model="claude-sonnet-4-5")
    assert not result.exact and result.tokens > 0
    assert repr(result) == f"ChatCount(tokens={result.tokens}, exact=False)"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"messages": [], "model": "gpt-4o"}, tokenmeter.InvalidInputError, id="empty"),
        pytest.param({"messages": [{"content": "x"}], "model": "gpt-4o"}, tokenmeter.InvalidInputError, id="no-role"),
        pytest.param({"messages": [{"role": "user", "content": 5}], "model": "gpt-4o"}, tokenmeter.InvalidInputError, id="content-int"),
        pytest.param({"messages": [object()], "model": "gpt-4o"}, tokenmeter.InvalidInputError, id="not-data"),
        pytest.param({"messages": [{"role": "user", "content": float("nan")}], "model": "gpt-4o"}, tokenmeter.InvalidInputError, id="nan"),
        pytest.param({"messages": [{1: "user"}], "model": "gpt-4o"}, tokenmeter.InvalidInputError, id="int-key"),
        pytest.param({"messages": COOKBOOK}, tokenmeter.InvalidInputError, id="no-model-or-tokenizer"),
        pytest.param({"messages": COOKBOOK, "model": "gpt-4o", "chat_format": "nope"}, tokenmeter.InvalidInputError, id="bad-format"),
        pytest.param({"messages": COOKBOOK, "model": "gpt-99"}, tokenmeter.UnknownModelError, id="unknown-model"),
        pytest.param({"messages": COOKBOOK, "model": "gpt-4o", "tools": [{"type": "function"}]}, tokenmeter.InvalidInputError, id="tool-without-function"),
    ],
)
def test_bad_requests(kwargs: dict[str, Any], error: type[tokenmeter.TokenmeterError]) -> None:
    messages = kwargs.pop("messages")
    with pytest.raises(error):
        tokenmeter.count_chat(messages, **kwargs)


def test_deeply_nested_data_is_an_error_not_a_crash() -> None:
    nested: Any = "x"
    for _ in range(10_000):
        nested = [nested]
    with pytest.raises(tokenmeter.InvalidInputError):
        tokenmeter.count_chat([{"role": "user", "content": nested}], model="gpt-4o")
