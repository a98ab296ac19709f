"""truncate: the result fits, is a prefix/suffix of the input, and bad options are errors."""

from __future__ import annotations

import pytest

import tokenmeter

TEXT = "The lighthouse keeper watched the sea for forty years. 日本語も少し。 " * 50


@pytest.fixture(scope="module")
def tok() -> tokenmeter.Tokenizer:
    return tokenmeter.Tokenizer("o200k_base")


@pytest.mark.parametrize("budget", [7, 50, 333])
@pytest.mark.parametrize("keep", ["head", "tail", "both"])
def test_result_fits_and_is_counted(tok: tokenmeter.Tokenizer, budget: int, keep: str) -> None:
    result = tok.truncate(TEXT, budget, keep=keep)
    assert result.truncated
    assert result.tokens == tok.count(result.text) <= budget
    assert result.exact
    if keep == "head":
        assert TEXT.startswith(result.text)
    elif keep == "tail":
        assert TEXT.endswith(result.text)


@pytest.mark.parametrize("keep", ["head", "tail"])
def test_a_one_token_budget_keeps_one_token(tok: tokenmeter.Tokenizer, keep: str) -> None:
    assert tok.truncate(TEXT, 1, keep=keep).tokens == 1


def test_both_ends_need_room_for_the_marker(tok: tokenmeter.Tokenizer) -> None:
    with pytest.raises(tokenmeter.BudgetExceededError) as info:
        tok.truncate(TEXT, 1, keep="both")
    # At least the marker (3 tokens) plus one kept token.
    assert info.value.budget == 1 and info.value.needed > tok.count("\n[…]\n")


def test_text_within_budget_is_unchanged(tok: tokenmeter.Tokenizer) -> None:
    result = tokenmeter.truncate("short text", 100, tokenizer=tok)
    assert result.text == "short text"
    assert not result.truncated
    assert result.cut_bytes == 0
    assert result == tok.truncate("short text", 100)


def test_marker_and_count_cut(tok: tokenmeter.Tokenizer) -> None:
    result = tok.truncate(TEXT, 40, keep="both", marker=" ... ", count_cut=True)
    assert " ... " in result.text
    assert result.cut_tokens is not None and result.cut_tokens > 0
    assert result.to_dict()["tokens"] == result.tokens
    assert repr(result).startswith("Truncated(text='")


@pytest.mark.parametrize(
    ("budget", "keep"), [pytest.param(0, "head", id="zero-budget"), pytest.param(5, "middle", id="unknown-keep")]
)
def test_bad_options(tok: tokenmeter.Tokenizer, budget: int, keep: str) -> None:
    with pytest.raises(tokenmeter.InvalidInputError) as info:
        tok.truncate(TEXT, budget, keep=keep)
    assert info.value.code == "INVALID_INPUT"
