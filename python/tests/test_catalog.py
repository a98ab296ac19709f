"""Catalog and Model: lookup, resolution, custom models, bad input."""

from __future__ import annotations

import json

import pytest

import tokenmeter


@pytest.fixture(scope="module")
def catalog() -> tokenmeter.Catalog:
    return tokenmeter.Catalog.bundled()


def test_bundled_catalog_has_models_and_a_date(catalog: tokenmeter.Catalog) -> None:
    assert len(catalog) == len(catalog.models()) > 50
    assert len(catalog.date) == 10 and catalog.date[4] == "-"
    assert repr(catalog).startswith("Catalog(date='")


@pytest.mark.parametrize(
    ("name", "model_id", "matched_by"),
    [
        pytest.param("gpt-4o", "gpt-4o", "id", id="id"),
        pytest.param("gpt-4o-2024-11-20", "gpt-4o", "alias", id="alias"),
        pytest.param("azure/gpt-4o", "gpt-4o", "prefix", id="prefix"),
        pytest.param("ft:gpt-4o-mini:acme::abc123", "gpt-4o-mini", "fine_tune", id="fine-tune"),
    ],
)
def test_resolve(catalog: tokenmeter.Catalog, name: str, model_id: str, matched_by: str) -> None:
    resolved = catalog.resolve(name)
    assert resolved.model.id == model_id
    assert resolved.matched_by == matched_by
    assert resolved.model == catalog.get(model_id)
    assert name in catalog


def test_unknown_model_names_the_nearest(catalog: tokenmeter.Catalog) -> None:
    with pytest.raises(tokenmeter.UnknownModelError) as info:
        catalog.get("gpt-4oo")
    assert info.value.code == "UNKNOWN_MODEL"
    assert "gpt-4o" in info.value.suggestions
    assert "did you mean" in str(info.value)
    assert catalog.nearest("gpt-4oo", n=1) == info.value.suggestions[:1]
    assert "gpt-4oo" not in catalog
    assert 42 not in catalog


def test_model_fields(catalog: tokenmeter.Catalog) -> None:
    model = catalog.get("gpt-4o")
    assert model.provider == "openai"
    assert model.context_window == 128_000
    assert model.chat_format == "openai"
    assert model.tokenizer_spec == {"encoding": "o200k_base"}
    assert model.tokenizer().encoding == "o200k_base"
    assert repr(model).startswith("Model(id='gpt-4o', provider='openai'")
    assert tokenmeter.Model.from_dict(model.to_dict()) == model


def test_custom_model_in_a_new_catalog(catalog: tokenmeter.Catalog) -> None:
    mine = tokenmeter.Model(
        id="acme-chat",
        provider="acme",
        tokenizer={"encoding": "cl100k_base"},
        context_window=8192,
        max_output=1024,
        aliases=["acme-chat-v1"],
    )
    extended = catalog.with_model(mine)
    assert extended.get("acme-chat-v1") == mine
    assert len(extended) == len(catalog) + 1
    assert "acme-chat" not in catalog, "the bundled catalog is immutable"


def test_catalog_from_json() -> None:
    text = json.dumps(
        {
            "catalog_date": "2026-01-01",
            "models": [
                {"id": "m1", "provider": "p", "tokenizer": {"estimate": "anthropic"},
                 "context_window": 1000, "max_output": 100}
            ],
        }
    )
    cat = tokenmeter.Catalog.from_json(text)
    assert cat.date == "2026-01-01"
    assert not cat.get("m1").tokenizer().is_exact


@pytest.mark.parametrize(
    ("call", "code"),
    [
        pytest.param(lambda: tokenmeter.Catalog.from_json("{"), "INVALID_INPUT", id="bad-json"),
        pytest.param(lambda: tokenmeter.Model(id="x", provider="p", tokenizer={"encoding": "o200k_base"}, context_window=1, max_output=1, chat_format="nope"), "INVALID_INPUT", id="bad-chat-format"),
        pytest.param(lambda: tokenmeter.Model(id="x", provider="p", tokenizer={"bpe": 1}, context_window=1, max_output=1), "INVALID_INPUT", id="bad-tokenizer-spec"),
        pytest.param(lambda: tokenmeter.Model.from_dict({"id": "x"}), "INVALID_INPUT", id="missing-fields"),
        pytest.param(lambda: tokenmeter.Catalog.bundled().with_model(tokenmeter.Model(id="x", provider="p", tokenizer={"encoding": "o300k"}, context_window=1, max_output=1)), "UNKNOWN_ENCODING", id="insert-unknown-encoding"),
    ],
)
def test_bad_models_raise(call: object, code: str) -> None:
    with pytest.raises(tokenmeter.TokenmeterError) as info:
        call()  # type: ignore[operator]
    assert info.value.code == code
