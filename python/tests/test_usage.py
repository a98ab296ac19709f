"""Usage: provider usage objects (dicts, JSON text, SDK objects) normalized to disjoint counts."""

from __future__ import annotations

import json
from typing import Any

import pytest

import tokenmeter

OPENAI = {
    "prompt_tokens": 1000,
    "completion_tokens": 300,
    "prompt_tokens_details": {"cached_tokens": 800},
    "completion_tokens_details": {"reasoning_tokens": 200},
}


class SdkUsage:
    """Stands in for an SDK usage object (pydantic: model_dump(), None for unset fields)."""

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def model_dump(self) -> dict[str, Any]:
        return dict(self.fields)


def test_openai_usage_is_split_into_disjoint_counts() -> None:
    u = tokenmeter.Usage.from_response(OPENAI)
    assert u.format == "openai_chat"
    assert (u.input_tokens, u.cache_read_tokens, u.output_tokens, u.reasoning_tokens) == (200, 800, 100, 200)
    assert (u.total_input, u.total_output) == (1000, 300)


def test_dict_json_text_and_sdk_object_agree() -> None:
    from_dict = tokenmeter.Usage.from_response(OPENAI)
    assert tokenmeter.Usage.from_response(json.dumps(OPENAI)) == from_dict
    sdk = SdkUsage(**OPENAI, prompt_tokens_details_extra=None)
    assert tokenmeter.Usage.from_response(sdk) == from_dict
    assert tokenmeter.Usage.from_response({"id": "chatcmpl-1", "usage": OPENAI}) == from_dict


def test_anthropic_usage() -> None:
    u = tokenmeter.Usage.from_response(
        {"input_tokens": 50, "output_tokens": 20, "cache_read_input_tokens": 1000, "cache_creation_input_tokens": 200},
        format="anthropic",
    )
    assert (u.input_tokens, u.cache_read_tokens, u.output_tokens) == (50, 1000, 20)
    assert u.cache_write_5m_tokens + u.cache_write_1h_tokens == 200


def test_plain_usage_and_repr() -> None:
    u = tokenmeter.Usage(input_tokens=10, output_tokens=5, cache_read_tokens=2)
    assert u == tokenmeter.Usage(input_tokens=10, output_tokens=5, cache_read_tokens=2)
    assert u.format == "plain" and u.total_input == 12
    assert repr(u).startswith("Usage(input_tokens=10, cache_read_tokens=2")
    assert u.to_dict()["input_tokens"] == 10


@pytest.mark.parametrize(
    ("response", "fmt"),
    [
        pytest.param({"prompt_tokens": 10, "completion_tokens": -1}, None, id="negative"),
        pytest.param({"prompt_tokens": 10, "completion_tokens": 1, "prompt_tokens_details": {"cached_tokens": 11}}, None, id="cached-above-prompt"),
        pytest.param({"nothing": 1}, None, id="no-provider-fields"),
        pytest.param("{not json", None, id="bad-json-text"),
    ],
)
def test_bad_usage_is_invalid_usage(response: Any, fmt: str | None) -> None:
    with pytest.raises(tokenmeter.TokenmeterError) as info:
        tokenmeter.Usage.from_response(response, format=fmt)
    assert info.value.code in {"INVALID_USAGE", "INVALID_INPUT"}
    if not isinstance(response, str):
        assert isinstance(info.value, tokenmeter.InvalidUsageError)


def test_unknown_format_is_invalid_input() -> None:
    with pytest.raises(tokenmeter.InvalidInputError):
        tokenmeter.Usage.from_response(OPENAI, format="openia")
