"""Redactor: placeholders are stable across messages and restore to the original text."""

from __future__ import annotations

import pytest

import tokenmeter

TEXT = "Mail jane.doe@example.com or call +1 415 555 0100 about ticket TCK-1234."


def test_redact_and_restore() -> None:
    redactor = tokenmeter.Redactor(patterns={"TICKET": r"TCK-\d+"})
    first = redactor.redact(TEXT)
    assert "jane.doe@example.com" not in first.text
    assert "TCK-1234" not in first.text
    assert "<EMAIL_1>" in first.text and "<TICKET_1>" in first.text
    assert first.replaced >= 3
    assert first.mapping.restore(first.text) == TEXT
    second = redactor.redact("again: jane.doe@example.com", mapping=first.mapping)
    assert second.text == "again: <EMAIL_1>"
    restored = tokenmeter.RedactionMap.from_json(second.mapping.to_json())
    assert restored == second.mapping and len(restored) == len(second.mapping)
    assert {"placeholder": "<EMAIL_1>", "kind": "EMAIL", "value": "jane.doe@example.com"} in restored.entries()


def test_run_counts_tokens() -> None:
    result = tokenmeter.Redactor().run(TEXT, tokenizer=tokenmeter.Tokenizer("o200k_base"))
    assert result.tokens_before == tokenmeter.Tokenizer("o200k_base").count(TEXT)
    assert result.tokens_after is not None


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: tokenmeter.Redactor(patterns={"bad label!": "x"}), id="bad-label"),
        pytest.param(lambda: tokenmeter.Redactor(patterns={"X": "("}), id="bad-pattern"),
        pytest.param(lambda: tokenmeter.RedactionMap.from_json("[1, 2"), id="bad-map-json"),
    ],
)
def test_bad_input(call: object) -> None:
    with pytest.raises(tokenmeter.InvalidInputError):
        call()  # type: ignore[operator]
