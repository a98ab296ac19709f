"""pack: the highest priorities that fit, in their original order."""

from __future__ import annotations

import pytest

import tokenmeter

SECTIONS = [
    {"text": "You are a support agent.", "priority": 100},
    {"text": "Old ticket: printer jams on page two, fixed by a new roller.", "priority": 1, "id": "old"},
    ("Question: how do I reset my password?", 50),
]


def test_packs_the_highest_priorities() -> None:
    tok = tokenmeter.Tokenizer("o200k_base")
    packed = tokenmeter.pack(SECTIONS, budget=20, tokenizer=tok)
    assert packed.included == [0, 2]
    assert packed.cutoff == 50
    assert packed.tokens == tok.count(packed.text) <= 20
    assert [e["id"] for e in packed.excluded] == ["old"]
    assert packed.to_dict()["included"] == [0, 2]


@pytest.mark.parametrize(
    ("sections", "budget", "error"),
    [
        pytest.param(SECTIONS, 0, tokenmeter.InvalidInputError, id="zero-budget"),
        pytest.param([], 10, tokenmeter.InvalidInputError, id="no-sections"),
        pytest.param([{"priority": 1}], 10, tokenmeter.InvalidInputError, id="no-text"),
        pytest.param([42], 10, tokenmeter.InvalidInputError, id="not-a-section"),
        pytest.param([{"text": "word " * 100, "priority": 1}], 3, tokenmeter.BudgetExceededError, id="too-big"),
    ],
)
def test_bad_input(sections: list[object], budget: int, error: type[Exception]) -> None:
    with pytest.raises(error):
        tokenmeter.pack(sections, budget=budget, tokenizer=tokenmeter.Tokenizer("o200k_base"))  # type: ignore[arg-type]
