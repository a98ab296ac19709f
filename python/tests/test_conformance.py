"""Runs every shared conformance vector file in ``tests/vectors/`` through the Python API, so
Python gives exactly the answers the Rust core (and every other binding) gives."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Callable

import pytest

import tokenmeter
from conftest import REPO, VECTORS, load_vectors


def expect_error(case: dict[str, Any], call: Callable[[], object]) -> None:
    with pytest.raises(tokenmeter.TokenmeterError) as info:
        call()
    assert info.value.code == case["error"], str(info.value)
    assert str(info.value), "the error carries the core's message"


def check_count(tok: tokenmeter.Tokenizer, text: str, expect: dict[str, Any]) -> None:
    # Cold (this thread's piece cache emptied), then warm: the same count.
    tokenmeter.Tokenizer.clear_thread_cache()
    assert tok.count(text) == expect["tokens"]
    assert tok.count(text) == expect["tokens"]
    assert tok.encode(text) == expect["ids"]
    assert tok.count_batch([text, text]) == [expect["tokens"]] * 2
    up_to = tok.count_up_to(text, expect["tokens"])
    assert up_to == tokenmeter.CountUpTo(tokens=expect["tokens"], exceeded=False)


@pytest.mark.parametrize("case", load_vectors("count"))
def test_count(case: dict[str, Any]) -> None:
    i = case["input"]
    tok = tokenmeter.Tokenizer(i["encoding"], allow_special=i["allow_special"])
    check_count(tok, i["text"], case["expect"])


@pytest.mark.parametrize("case", load_vectors("hf_count"))
def test_hf_count(case: dict[str, Any]) -> None:
    i = case["input"]
    tok = tokenmeter.Tokenizer.from_hf_file(REPO / i["tokenizer_file"])
    check_count(tok.with_allow_special(i["allow_special"]), i["text"], case["expect"])


@pytest.mark.parametrize("case", load_vectors("chat"))
def test_chat(case: dict[str, Any]) -> None:
    i = case["input"]

    def call() -> tokenmeter.ChatCount:
        return tokenmeter.count_chat(i["messages"], model=i["model"], tools=i.get("tools"))

    if "error" in case:
        expect_error(case, call)
    else:
        assert call() == tokenmeter.ChatCount(**case["expect"])


@pytest.mark.parametrize("case", load_vectors("resolve"))
def test_resolve(case: dict[str, Any]) -> None:
    catalog = tokenmeter.Catalog.bundled()
    name = case["input"]["name"]
    if "error" in case:
        expect_error(case, lambda: catalog.get(name))
        assert name not in catalog
    else:
        assert catalog.get(name).id == case["expect"]["model"]
        assert catalog.resolve(name).model.id == case["expect"]["model"]


def run_error_case(i: dict[str, Any]) -> object:
    op = i["op"]
    if op == "count":
        return tokenmeter.Tokenizer(i["encoding"]).count(i["text"])
    if op == "model":
        return tokenmeter.Catalog.bundled().get(i["model"])
    if op == "estimate":
        return tokenmeter.Tokenizer.estimate(i["profile"])
    if op == "chat":
        # The raw JSON text is parsed by Python, as a user would, then handed over as data;
        # text that is not JSON at all has no Python value and goes through as a string.
        try:
            request: Any = json.loads(i["chat_json"])
        except json.JSONDecodeError:
            request = i["chat_json"]
        if isinstance(request, dict) and "messages" in request:
            return tokenmeter.count_chat(
                request["messages"], model=i["model"], tools=request.get("tools")
            )
        return tokenmeter.count_chat(request, model=i["model"])
    if op == "hf_bytes":
        return tokenmeter.Tokenizer.from_hf_bytes(i["tokenizer_json"].encode())
    if op == "hf_file":
        return tokenmeter.Tokenizer.from_hf_file(REPO / i["tokenizer_file"])
    if op == "decode":
        return tokenmeter.Tokenizer(i["encoding"]).decode(i["ids"])
    pytest.fail(f"errors.json has an op this runner does not know: {op!r}")


@pytest.mark.parametrize("case", load_vectors("errors"))
def test_errors(case: dict[str, Any]) -> None:
    expect_error(case, lambda: run_error_case(case["input"]))


def usage_of(i: dict[str, Any]) -> tokenmeter.Usage:
    if "usage_file" in i:
        # A whole response as a user has it: JSON text read from disk.
        return tokenmeter.Usage.from_response((REPO / i["usage_file"]).read_text(encoding="utf-8"))
    return tokenmeter.Usage.from_response(i["usage"])


@pytest.mark.parametrize("case", load_vectors("price"))
def test_price(case: dict[str, Any]) -> None:
    i = case["input"]

    def call() -> tokenmeter.Cost:
        return tokenmeter.cost(i["model"], usage_of(i), at=i.get("at"), variant=i.get("variant"))

    if "error" in case:
        expect_error(case, call)
        return
    cost = call()
    expect = case["expect"]
    assert cost.total == Decimal(expect["total"])
    if "lines" in expect:
        got = [(l.kind, l.quantity, l.unit_price, l.amount) for l in cost.lines]
        want = [(l["kind"], l["quantity"], Decimal(l["unit_price"]), Decimal(l["amount"])) for l in expect["lines"]]
        assert got == want
    if "tier" in expect:
        assert cost.tier is not None
        assert {k: cost.tier[k] for k in expect["tier"]} == expect["tier"]


def request_kwargs(i: dict[str, Any]) -> dict[str, Any]:
    # Passed through as given (absent keys as None): the core decides what a valid request is.
    return {"text": i.get("text"), "messages": i.get("messages"), "tools": i.get("tools")}


@pytest.mark.parametrize("case", load_vectors("preflight"))
def test_preflight(case: dict[str, Any]) -> None:
    i = case["input"]

    def call() -> tokenmeter.Preflight:
        return tokenmeter.preflight(
            i["model"], max_output=i.get("max_output"), at=i.get("at"), variant=i.get("variant"),
            **request_kwargs(i),
        )

    if "error" in case:
        expect_error(case, call)
        return
    p = call()
    expect = case["expect"]
    for key in ("input_tokens", "exact", "reserved_output", "fits", "room_left"):
        if key in expect:
            assert getattr(p, key) == expect[key], key
    if "least_cost" in expect:
        assert p.least_cost.total == Decimal(expect["least_cost"])
    if "worst_cost" in expect:
        assert p.worst_cost.total == Decimal(expect["worst_cost"])
    if "warnings" in expect:
        assert [w["kind"] for w in p.warnings] == expect["warnings"]


@pytest.mark.parametrize("case", load_vectors("compare"))
def test_compare(case: dict[str, Any]) -> None:
    i = case["input"]

    def call() -> list[tokenmeter.CompareRow]:
        return tokenmeter.compare(
            i["models"], output_tokens=i["output_tokens"], at=i.get("at"), variant=i.get("variant"),
            **request_kwargs(i),
        )

    if "error" in case:
        expect_error(case, call)
        return
    rows = call()
    want = case["expect"]["rows"]
    assert [r.model for r in rows] == [w["model"] for w in want]
    for row, w in zip(rows, want):
        for key in ("input_tokens", "exact"):
            if key in w:
                assert getattr(row, key) == w[key], key
        for key in ("cost_per_request", "cost_per_1k_requests"):
            if key in w:
                assert getattr(row, key) == Decimal(w[key]), key



def subset(expect: Any, got: Any, path: str = "") -> list[str]:
    """Where ``got`` differs from ``expect``: dicts by expect's keys, lists element by element."""
    if isinstance(expect, dict) and isinstance(got, dict):
        return [d for k, v in expect.items() for d in subset(v, got.get(k), f"{path}.{k}")]
    if isinstance(expect, list) and isinstance(got, list) and len(expect) == len(got):
        return [d for i, (e, g) in enumerate(zip(expect, got)) for d in subset(e, g, f"{path}[{i}]")]
    return [] if expect == got else [f"{path}: expected {expect!r}, got {got!r}"]


def check_fitting(expect: dict[str, Any], got: dict[str, Any]) -> None:
    """The fitting vectors' rule: every listed key equals; ``contains`` / ``not_contains`` are
    strings the text must or must not hold; ``max_tokens`` bounds ``tokens``."""
    diffs: list[str] = []
    for key, want in expect.items():
        if key == "contains":
            diffs += [f"text lacks {s!r}" for s in want if s not in got["text"]]
        elif key == "not_contains":
            diffs += [f"text has {s!r}" for s in want if s in got["text"]]
        elif key == "max_tokens":
            if got["tokens"] > want:
                diffs.append(f"tokens {got['tokens']} over {want}")
        else:
            diffs += subset(want, got.get(key), key)
    assert not diffs, "; ".join(diffs)


def run_fitting(case: dict[str, Any], produce: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    if "error" in case:
        expect_error(case, lambda: produce(case["input"]))
    else:
        check_fitting(case["expect"], produce(case["input"]))


def produce_truncate(i: dict[str, Any]) -> dict[str, Any]:
    text, marker = i["text"], i.get("marker")
    cut = tokenmeter.Tokenizer(i["encoding"]).truncate(text, i["budget"], keep=i["keep"], marker=marker)
    used_marker = marker if marker is not None else "\n[…]\n"
    raw = text.encode()
    ends = (
        cut.truncated
        and i["keep"] == "both"
        and cut.text == (raw[: cut.head_bytes] + used_marker.encode() + raw[len(raw) - cut.tail_bytes :]).decode()
    )
    return {
        "text": cut.text,
        "tokens": cut.tokens,
        "truncated": cut.truncated,
        "marker": used_marker if used_marker in cut.text else "",
        "ends_preserved": ends,
    }


def produce_fit(i: dict[str, Any]) -> dict[str, Any]:
    fitted = tokenmeter.fit_messages(i["messages"], budget=i["budget"], model=i["model"], tools=i.get("tools"))
    return {"kept": fitted.kept, "tokens": fitted.tokens}


def produce_pack(i: dict[str, Any]) -> dict[str, Any]:
    p = tokenmeter.pack(i["sections"], budget=i["budget"], tokenizer=tokenmeter.Tokenizer(i["encoding"]))
    return {"cutoff": p.cutoff, "included": p.included, "text": p.text, "tokens": p.tokens}


def produce_prune(i: dict[str, Any]) -> dict[str, Any]:
    pruned = tokenmeter.Pruner(i["passes"]).run(i["text"], tokenizer=tokenmeter.Tokenizer(i["encoding"]))
    return {"text": pruned.text, "tokens_before": pruned.tokens_before, "tokens_after": pruned.tokens_after}


def produce_redact(i: dict[str, Any]) -> dict[str, Any]:
    redactor = tokenmeter.Redactor(patterns=i.get("patterns"))
    r = redactor.run(i["text"], tokenizer=tokenmeter.Tokenizer(i["encoding"]))
    return {
        "text": r.text,
        "mapping": r.mapping.entries(),
        "restored": r.mapping.restore(r.text),
        "tokens_before": r.tokens_before,
        "tokens_after": r.tokens_after,
    }


@pytest.mark.parametrize("case", load_vectors("truncate"))
def test_truncate(case: dict[str, Any]) -> None:
    run_fitting(case, produce_truncate)


@pytest.mark.parametrize("case", load_vectors("fit"))
def test_fit(case: dict[str, Any]) -> None:
    run_fitting(case, produce_fit)


@pytest.mark.parametrize("case", load_vectors("pack"))
def test_pack(case: dict[str, Any]) -> None:
    run_fitting(case, produce_pack)


@pytest.mark.parametrize("case", load_vectors("prune"))
def test_prune(case: dict[str, Any]) -> None:
    run_fitting(case, produce_prune)


@pytest.mark.parametrize("case", load_vectors("redact"))
def test_redact(case: dict[str, Any]) -> None:
    run_fitting(case, produce_redact)


RUNNERS = {
    "count", "hf_count", "chat", "resolve", "errors", "price", "preflight", "compare",
    "truncate", "fit", "pack", "prune", "redact",
}


@pytest.mark.parametrize("path", sorted(VECTORS.glob("*.json")), ids=lambda p: p.name)
def test_every_vector_file_has_a_runner(path: Any) -> None:
    # A vector file that lands on main before its Python runner shows up as a skip with its
    # name in the summary (-ra), rather than breaking main between two merges.
    op = json.loads(path.read_text(encoding="utf-8"))["op"]
    if op not in RUNNERS:
        pytest.skip(f"{path.name}: no Python runner for op {op!r} yet")
