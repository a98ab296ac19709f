"""Uses the whole public API of tokenmeter, so that `mypy --strict` checks it through the stubs
(scripts/test-all.sh runs this file too)."""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

import tokenmeter
from tokenmeter import (
    Accuracy,
    Catalog,
    ChatCount,
    CompareRow,
    Cost,
    CostLine,
    CountUpTo,
    Fitted,
    Model,
    Packed,
    Preflight,
    Pruned,
    Pruner,
    Redacted,
    RedactionMap,
    Redactor,
    Resolved,
    Tokenizer,
    Truncated,
    Usage,
)


def tokenizers() -> list[Tokenizer]:
    tok = Tokenizer("o200k_base")
    special: Tokenizer = Tokenizer.from_encoding("cl100k_base", allow_special=True)
    by_model: Tokenizer = Tokenizer.for_model("gpt-4o")
    estimate: Tokenizer = Tokenizer.estimate("anthropic")
    n: int = tok.count("hello")
    up_to: CountUpTo = tok.count_up_to("hello world", 1)
    ids: list[int] = tok.encode("hello")
    text: str = tok.decode(ids)
    batch: list[int] = tok.count_batch(["a", "b"])
    acc: Accuracy = estimate.accuracy
    flags: tuple[bool, bool, float] = (up_to.exceeded, acc.exact, acc.relative_error)
    names: tuple[str, str | None, bool, bool] = (tok.name, tok.encoding, tok.is_exact, special.allow_special)
    assert n == 1 and text == "hello" and batch == [1, 1] and up_to.tokens > 1
    assert flags[0] and names[0] == "o200k_base"
    try:
        Tokenizer.from_hf_file("/no/such/file.json")
    except tokenmeter.TokenizerLoadError as err:
        code: str = err.code
        assert code == "TOKENIZER_LOAD"
    try:
        Tokenizer.from_hf_bytes(b"{}")
    except tokenmeter.TokenmeterError:
        pass
    try:
        Tokenizer.from_hf_cache("nobody/nothing")
    except tokenmeter.TokenmeterError:
        pass
    return [tok, special.with_allow_special(False), by_model, estimate]


def catalog() -> Model:
    cat = Catalog.bundled()
    model: Model = cat.get("azure/gpt-4o")
    resolved: Resolved = cat.resolve("gpt-4o-2024-11-20")
    matched: str = resolved.matched_by
    nearest: list[str] = cat.nearest("gpt-4oo", n=2)
    mine = Model(
        id="acme", provider="acme", tokenizer={"encoding": "cl100k_base"},
        context_window=8192, max_output=1024, aliases=["acme-1"], chat_format="openai",
    )
    bigger: Catalog = cat.with_model(mine)
    data: dict[str, Any] = mine.to_dict()
    again: Model = Model.from_dict(data)
    other: Catalog = Catalog.from_json('{"catalog_date": "2026-01-01", "models": []}')
    discounted: Catalog = cat.with_overrides('{"discounts": {"gpt-4o": "0.9"}}')
    if os.path.exists("prices.json"):  # a negotiated price file, where the caller has one
        discounted = discounted.with_price_file("prices.json", effective="2026-01-01")
    fields = (model.id, model.provider, model.aliases, model.context_window, model.max_output,
              model.chat_format, model.tokenizer_spec, model.tokenizer().name, cat.date)
    assert matched == "alias" and nearest and again == mine and len(other) == 0
    assert "acme-1" in bigger and len(cat.models()) == len(cat) and fields[0] == "gpt-4o"
    assert len(discounted) == len(cat)
    try:
        cat.get("no-such-model")
    except tokenmeter.UnknownModelError as err:
        suggestions: list[str] = err.suggestions
        assert suggestions
    return model


def chat(model: Model, tok: Tokenizer) -> None:
    messages: list[dict[str, Any]] = [{"role": "user", "content": "Hi!"}]
    tools = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {}}}}]
    counted: ChatCount = tokenmeter.count_chat(messages, model=model, tools=tools)
    explicit = tokenmeter.count_chat(messages, tokenizer=tok, chat_format="openai")
    tool_tokens: int = tokenmeter.count_tools(tools, tokenizer=tok)
    assert counted.tokens > explicit.tokens and counted.exact and tool_tokens > 0


def fitting(tok: Tokenizer) -> None:
    cut: Truncated = tok.truncate("a long text " * 100, 10, keep="tail")
    cut2: Truncated = tokenmeter.truncate("a long text " * 100, 10, tokenizer=tok, keep="both", marker="…", count_cut=True)
    assert cut.tokens <= 10 and cut2.cut_tokens is not None
    history = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello " * 50}, {"role": "user", "content": "Now?"}]
    fitted: Fitted = tokenmeter.fit_messages(history, budget=40, tokenizer=tok, partial=True, partial_keep="tail", min_partial_tokens=4)
    for_model: Fitted = tokenmeter.fit_messages_for_model(history, model="gpt-4o", reserve_output=100)
    kept: list[int] = fitted.kept
    dropped: list[dict[str, Any]] = fitted.dropped
    assert kept and isinstance(dropped, list) and for_model.budget == 128_000 - 100
    packed: Packed = tokenmeter.pack([{"text": "a", "priority": 2}, ("b", 1)], budget=10, tokenizer=tok, separator="\n")
    assert packed.included == [0, 1]
    pruned: Pruned = Pruner(["json", "whitespace"], boilerplate=[]).run('{ "a": 1 }', tokenizer=tok)
    assert pruned.text == '{"a":1}' and Pruner().apply("whitespace", "a  b") == "a b"
    redacted: Redacted = Redactor(patterns={"ID": r"ID-\d+"}).run("ID-7 at a@b.co", tokenizer=tok)
    mapping: RedactionMap = redacted.mapping
    assert mapping.restore(redacted.text) == "ID-7 at a@b.co"
    assert RedactionMap.from_json(mapping.to_json()) == mapping and len(RedactionMap()) == 0
    assert Redactor().redact("x", mapping=mapping).mapping == mapping


def pricing(model: Model) -> None:
    usage: Usage = Usage.from_response({"prompt_tokens": 1000, "completion_tokens": 10}, format="openai_chat")
    plain = Usage(input_tokens=1, output_tokens=2, cache_read_tokens=3, cache_write_5m_tokens=0, cache_write_1h_tokens=0, reasoning_tokens=0)
    counts: tuple[int, ...] = (usage.input_tokens, usage.cache_read_tokens, usage.cache_write_5m_tokens,
                               usage.cache_write_1h_tokens, usage.output_tokens, usage.reasoning_tokens,
                               usage.total_input, usage.total_output)
    assert counts[0] == 1000 and plain.format == "plain" and usage.to_dict()
    cost: Cost = tokenmeter.cost(model, usage, at="2025-01-15", variant="standard", catalog=Catalog.bundled())
    total: Decimal = cost.total
    line: CostLine = cost.lines[0]
    amounts: tuple[Decimal, Decimal] = (line.unit_price, line.amount)
    extras = (line.kind, line.quantity, line.billed_quantity, line.variant, line.tier, line.note,
              cost.model, cost.currency, cost.variant, cost.price_effective, cost.price_source,
              cost.tier, cost.marginal_input_token, cost.marginal_output_token, cost.token_bucket)
    assert total > 0 and amounts[1] > 0 and extras[0] == "input" and cost.to_dict()
    pre: Preflight = tokenmeter.preflight("gpt-4o", text="hello", max_output=10, at="2025-01-15")
    worst: Decimal = pre.worst_cost.total
    assert pre.fits and worst > pre.least_cost.total and isinstance(pre.warnings, list)
    rows: list[CompareRow] = tokenmeter.compare(["gpt-4o", "gpt-4o-mini"], messages=[{"role": "user", "content": "hi"}], output_tokens=10, at="2025-01-15")
    per_k: Decimal = rows[0].cost_per_1k_requests
    assert rows[0].model == "gpt-4o-mini" and per_k == rows[0].cost_per_request * 1000
    try:
        tokenmeter.cost("gpt-5", usage, at="2024-01-01")
    except tokenmeter.PriceUnavailableError as err:
        assert err.code == "PRICE_UNAVAILABLE"
    try:
        Usage.from_response({"prompt_tokens": -1, "completion_tokens": 0})
    except tokenmeter.InvalidUsageError as err:
        assert err.code == "INVALID_USAGE"


def main() -> None:
    toks = tokenizers()
    chat(catalog(), toks[0])
    fitting(toks[0])
    pricing(catalog())
    print("tokenmeter", tokenmeter.__version__, "full API example: ok")


if __name__ == "__main__":
    main()
