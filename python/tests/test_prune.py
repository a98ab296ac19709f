"""Pruner: each pass reports what it saved; unknown passes and patterns are errors."""

from __future__ import annotations

import pytest

import tokenmeter


def test_json_and_whitespace_passes() -> None:
    tok = tokenmeter.Tokenizer("o200k_base")
    pruner = tokenmeter.Pruner(["json", "whitespace"])
    assert pruner.passes == ["json", "whitespace"]
    pruned = pruner.run('{\n  "id": 1,\n  "ok": true\n}\n', tokenizer=tok)
    assert pruned.text == '{"id":1,"ok":true}'
    assert pruned.tokens_after == tok.count(pruned.text) < pruned.tokens_before
    assert pruned.tokens_saved == pruned.tokens_before - pruned.tokens_after
    assert [p["pass"] for p in pruned.passes] == ["json", "whitespace"]


def test_default_pipeline_and_apply() -> None:
    assert tokenmeter.Pruner().passes == ["json", "dedupe", "whitespace"]
    assert tokenmeter.Pruner().apply("whitespace", "a   b  \n\n\n\nc") != "a   b  \n\n\n\nc"


def test_boilerplate_patterns() -> None:
    pruner = tokenmeter.Pruner(["boilerplate"], boilerplate=[r"(?m)^Sent from my phone$"])
    out = pruner.run("hello\nSent from my phone", tokenizer=tokenmeter.Tokenizer("o200k_base"))
    assert "Sent from my phone" not in out.text


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: tokenmeter.Pruner(["squeeze"]), id="unknown-pass"),
        pytest.param(lambda: tokenmeter.Pruner(["boilerplate"], boilerplate=["("]), id="bad-pattern"),
        pytest.param(lambda: tokenmeter.Pruner().apply("nope", "x"), id="apply-unknown"),
    ],
)
def test_bad_input(call: object) -> None:
    with pytest.raises(tokenmeter.InvalidInputError):
        call()  # type: ignore[operator]
