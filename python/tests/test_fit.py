"""fit_messages: oldest turns go first, system and newest stay, budget errors are typed."""

from __future__ import annotations

import pytest

import tokenmeter

HISTORY = [
    {"role": "system", "content": "You are terse."},
    {"role": "user", "content": "Tell me a long story about a lighthouse keeper and the sea."},
    {"role": "assistant", "content": "Once upon a time a keeper watched the sea for forty years."},
    {"role": "user", "content": "Shorter."},
]


def test_drops_the_oldest_turns_to_fit() -> None:
    tok = tokenmeter.Tokenizer("o200k_base")
    fitted = tokenmeter.fit_messages(HISTORY, budget=30, tokenizer=tok)
    assert fitted.kept == [0, 3]
    assert fitted.messages == [HISTORY[0], HISTORY[3]]
    assert fitted.tokens <= 30 and fitted.budget == 30
    assert fitted.tokens == tokenmeter.count_chat(fitted.messages, tokenizer=tok).tokens
    assert [d["index"] for d in fitted.dropped] == [1, 2]
    assert fitted.partial is None
    assert repr(fitted).startswith("Fitted(tokens=")


def test_everything_fits_a_large_budget() -> None:
    fitted = tokenmeter.fit_messages(HISTORY, budget=10_000, model="gpt-4o")
    assert fitted.kept == [0, 1, 2, 3]
    assert fitted.dropped == []
    for_model = tokenmeter.fit_messages_for_model(HISTORY, model="gpt-4o", reserve_output=1000)
    assert for_model.budget == 128_000 - 1000
    assert (for_model.kept, for_model.tokens) == (fitted.kept, fitted.tokens)
    assert fitted == tokenmeter.fit_messages(HISTORY, budget=10_000, model="gpt-4o")
    assert fitted != for_model


def test_must_keep_part_over_budget_is_budget_exceeded() -> None:
    with pytest.raises(tokenmeter.BudgetExceededError) as info:
        tokenmeter.fit_messages(HISTORY, budget=5, model="gpt-4o")
    assert info.value.code == "BUDGET_EXCEEDED"
    assert info.value.budget == 5 and info.value.needed > 5


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: tokenmeter.fit_messages(HISTORY, budget=0, model="gpt-4o"), id="zero-budget"),
        pytest.param(lambda: tokenmeter.fit_messages([], budget=10, model="gpt-4o"), id="no-messages"),
        pytest.param(lambda: tokenmeter.fit_messages(HISTORY, budget=10), id="no-model"),
        pytest.param(lambda: tokenmeter.fit_messages(HISTORY, budget=10, model="gpt-4o", partial_keep="middle"), id="bad-keep"),
        pytest.param(lambda: tokenmeter.fit_messages_for_model(HISTORY, model="gpt-4o", reserve_output=10**6), id="reserve-too-big"),
    ],
)
def test_bad_input(call: object) -> None:
    with pytest.raises(tokenmeter.InvalidInputError):
        call()  # type: ignore[operator]
