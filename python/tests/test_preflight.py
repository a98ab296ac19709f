"""preflight and compare: counts, limits, least and worst cost before the call."""

from __future__ import annotations

from decimal import Decimal

import pytest

import tokenmeter


def test_preflight_text_without_a_cap_reserves_the_model_limit() -> None:
    p = tokenmeter.preflight("gpt-4o", text="hello world", at="2025-01-15")
    assert p.input_tokens == 2 and p.exact
    assert p.reserved_output == 16_384 and p.max_output is None
    assert "no_max_output" in [w["kind"] for w in p.warnings]
    # 2 x $2.50 + 16384 x $10, per million tokens.
    assert p.worst_cost.total == Decimal("0.163845")
    assert p.least_cost.total == Decimal("0.000005")
    assert p.fits and p.room_left == 128_000 - 2 - 16_384


def test_preflight_chat_counts_like_count_chat() -> None:
    messages = [{"role": "user", "content": "Hi!"}]
    p = tokenmeter.preflight("gpt-4o", messages=messages, max_output=100, at="2025-01-15")
    assert p.input_tokens == tokenmeter.count_chat(messages, model="gpt-4o").tokens
    assert p.reserved_output == 100


def test_compare_is_cheapest_first() -> None:
    rows = tokenmeter.compare(["gpt-4o", "gpt-4o-mini"], text="hello world", output_tokens=100, at="2025-01-15")
    assert [r.model for r in rows] == ["gpt-4o-mini", "gpt-4o"]
    # 2 x $0.15 + 100 x $0.60 per million = $0.0000603 per request.
    assert rows[0].cost_per_request == Decimal("0.0000603")
    assert rows[0].cost_per_1k_requests == Decimal("0.0603")


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: tokenmeter.preflight("gpt-4o"), id="no-request"),
        pytest.param(lambda: tokenmeter.preflight("gpt-4o", text="x", messages=[{"role": "user", "content": "y"}]), id="both"),
        pytest.param(lambda: tokenmeter.preflight("gpt-4o", messages=[]), id="empty-chat"),
        pytest.param(lambda: tokenmeter.compare([], text="x", output_tokens=1), id="no-models"),
    ],
)
def test_bad_input(call: object) -> None:
    with pytest.raises(tokenmeter.InvalidInputError):
        call()  # type: ignore[operator]


def test_unknown_model_in_compare() -> None:
    with pytest.raises(tokenmeter.UnknownModelError):
        tokenmeter.compare(["gpt-4o", "nope-9000"], text="hi", output_tokens=1)
