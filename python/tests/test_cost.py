"""cost: exact decimal prices (hand-worked from published per-million prices)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

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


OVERRIDES = """{
  "models": [{"id": "acme-llm", "provider": "acme", "tokenizer": {"encoding": "o200k_base"},
              "context_window": 32000, "max_output": 4000,
              "prices": [{"effective": "2026-01-01", "source": "contract #42",
                          "rates": {"input": "0.5", "output": "1.5"}}]}],
  "discounts": {"gpt-4o": "0.5"}
}"""


def test_overrides_add_a_private_model_and_a_discount() -> None:
    catalog = tokenmeter.Catalog.bundled().with_overrides(OVERRIDES)
    usage = tokenmeter.Usage(input_tokens=1000, output_tokens=1000)
    # acme-llm under contract #42: 1000 x $0.50/M + 1000 x $1.50/M = $0.0005 + $0.0015.
    assert tokenmeter.cost("acme-llm", usage, catalog=catalog, at="2026-06-01").total == Decimal("0.002")
    # gpt-4o at half price: (1000 x $2.50/M + 100 x $10/M) x 0.5 = $0.0035 x 0.5.
    small = tokenmeter.Usage(input_tokens=1000, output_tokens=100)
    assert tokenmeter.cost("gpt-4o", small, catalog=catalog, at="2025-06-01").total == Decimal("0.00175")
    # The bundled catalog is untouched.
    assert tokenmeter.cost("gpt-4o", small, at="2025-06-01").total == Decimal("0.0035")
    assert "acme-llm" not in tokenmeter.Catalog.bundled()


def test_price_file_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text(OVERRIDES, encoding="utf-8")
    catalog = tokenmeter.Catalog.bundled().with_price_file(path, effective="2026-01-01")
    assert tokenmeter.cost("acme-llm", tokenmeter.Usage(input_tokens=2000), catalog=catalog, at="2026-06-01").total == Decimal("0.001")


def test_bad_overrides_say_what_is_wrong(tmp_path: Path) -> None:
    catalog = tokenmeter.Catalog.bundled()
    with pytest.raises(tokenmeter.InvalidInputError, match="override"):
        catalog.with_overrides("{not json")
    with pytest.raises(tokenmeter.UnknownModelError):
        catalog.with_overrides('{"discounts": {"gpt-4oo": "0.9"}}')
    with pytest.raises(tokenmeter.IoError):
        catalog.with_price_file(tmp_path / "missing.json", effective="2026-01-01")
