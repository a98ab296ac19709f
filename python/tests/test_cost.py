"""cost: exact decimal prices (hand-worked from published per-million prices)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import tokenmeter


def test_gpt_4o_one_million_each_way() -> None:
    # gpt-4o on 2025-01-15: $2.50 input + $10 output per million tokens.
    cost = tokenmeter.cost("gpt-4o", tokenmeter.Usage(input_tokens=1_000_000, output_tokens=1_000_000), at="2025-01-15")
    assert cost.total == Decimal("12.5")
    assert isinstance(cost.total, Decimal)
    assert cost.currency == "USD" and cost.model == "gpt-4o" and cost.variant == "standard"
    assert sum((line.amount for line in cost.lines), Decimal(0)) == cost.total
    assert [line.kind for line in cost.lines] == ["input", "output"]
    assert repr(cost) == "Cost(model='gpt-4o', total=Decimal('12.5'), currency='USD', lines=2)"
    assert cost.to_dict()["total"] == "12.5"


def test_tiny_amounts_stay_exact() -> None:
    # 3 tokens of gpt-4o-mini input at $0.15/M = $0.00000045, below a micro-dollar.
    cost = tokenmeter.cost("gpt-4o-mini", tokenmeter.Usage(input_tokens=3), at="2025-01-15")
    assert cost.total == Decimal("0.00000045")


def test_model_object_and_catalog_argument() -> None:
    catalog = tokenmeter.Catalog.bundled()
    usage = tokenmeter.Usage(input_tokens=100, output_tokens=10)
    by_name = tokenmeter.cost("gpt-4o", usage, at="2025-01-15")
    assert tokenmeter.cost(catalog.get("gpt-4o"), usage, at="2025-01-15") == by_name
    assert tokenmeter.cost("gpt-4o", usage, at="2025-01-15", catalog=catalog) == by_name


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"model": "gpt-99"}, tokenmeter.UnknownModelError, id="unknown-model"),
        pytest.param({"model": "gpt-5", "at": "2025-01-01"}, tokenmeter.PriceUnavailableError, id="before-launch"),
        pytest.param({"model": "gpt-4o", "variant": "cheap"}, tokenmeter.InvalidInputError, id="bad-variant"),
        pytest.param({"model": "gpt-4o", "at": "yesterday"}, tokenmeter.InvalidInputError, id="bad-date"),
    ],
)
def test_bad_requests(kwargs: dict[str, str], error: type[tokenmeter.TokenmeterError]) -> None:
    model = kwargs.pop("model")
    with pytest.raises(error):
        tokenmeter.cost(model, tokenmeter.Usage(input_tokens=10, output_tokens=1), **kwargs)
