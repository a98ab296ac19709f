"""Tokenizer: counts and ids against OpenAI's tiktoken, limits, batches, bad input."""

from __future__ import annotations

from typing import Any

import pytest

import tokenmeter

CORPUS = [
    "",
    "hello world",
    "tiktoken is great!",
    "  leading and trailing spaces  ",
    "Numbers 1234567890 and 3.14159, dates 2026-12-03.",
    "Ünïcödé: naïve café, 日本語のテキスト, emoji 🎉👩‍💻 and العربية",
    "def f(x):\n    return x ** 2  # comment\n\n\n",
    "<|endoftext|> is ordinary text unless allowed",
    "a" * 5000,
    "word " * 3000,
]
ENCODINGS = ["o200k_base", "cl100k_base", "p50k_base", "r50k_base"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("text", CORPUS, ids=lambda t: repr(t[:24]))
def test_ids_and_counts_equal_tiktoken(tiktoken_module: Any, encoding: str, text: str) -> None:
    reference = tiktoken_module.get_encoding(encoding)
    expected = reference.encode(text, disallowed_special=())
    tok = tokenmeter.Tokenizer(encoding)
    assert tok.encode(text) == expected
    assert tok.count(text) == len(expected)
    assert tok.decode(expected) == text


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_allow_special_equals_tiktoken_allowed_all(tiktoken_module: Any, encoding: str) -> None:
    text = "before<|endoftext|>after"
    reference = tiktoken_module.get_encoding(encoding)
    tok = tokenmeter.Tokenizer(encoding, allow_special=True)
    assert tok.allow_special
    assert tok.encode(text) == reference.encode(text, allowed_special="all")
    plain = tok.with_allow_special(False)
    assert not plain.allow_special
    assert plain.encode(text) == reference.encode(text, disallowed_special=())


@pytest.mark.parametrize(
    ("limit", "exceeded"), [(0, True), (1, True), (5, True), (6, False), (100, False)]
)
def test_count_up_to(limit: int, exceeded: bool) -> None:
    tok = tokenmeter.Tokenizer("o200k_base")
    result = tok.count_up_to("tiktoken is great!", limit)  # 6 tokens
    assert result.exceeded is exceeded
    if exceeded:
        assert result.tokens > limit
    else:
        assert result.tokens == 6


def test_count_up_to_on_a_long_text_is_a_lower_bound() -> None:
    tok = tokenmeter.Tokenizer("cl100k_base")
    text = "lorem ipsum dolor sit amet " * 100_000
    result = tok.count_up_to(text, 10)
    assert result.exceeded
    assert 10 < result.tokens <= tok.count(text)


def test_count_batch_is_in_input_order_and_equals_count() -> None:
    tok = tokenmeter.Tokenizer("o200k_base")
    texts = [f"message number {i}: " + "x y z " * (i % 17) for i in range(500)]
    assert tok.count_batch(texts) == [tok.count(t) for t in texts]
    assert tok.count_batch([]) == []
    assert tok.count_batch(("a", "b c")) == [1, 2]


def test_properties_and_repr() -> None:
    tok = tokenmeter.Tokenizer.from_encoding("cl100k_base")
    assert tok.name == "cl100k_base"
    assert tok.encoding == "cl100k_base"
    assert tok.is_exact
    assert tok.accuracy == tokenmeter.Accuracy(exact=True, relative_error=0.0)
    assert repr(tok) == "Tokenizer(name='cl100k_base', exact=True)"
    assert repr(tokenmeter.CountUpTo(tokens=3, exceeded=False)) == "CountUpTo(tokens=3, exceeded=False)"


def test_gpt2_is_r50k() -> None:
    assert tokenmeter.Tokenizer("gpt2").name == "r50k_base"


def test_for_model_uses_the_catalog_encoding() -> None:
    assert tokenmeter.Tokenizer.for_model("gpt-4o").encoding == "o200k_base"
    assert tokenmeter.Tokenizer.for_model("gpt-4").encoding == "cl100k_base"
    with pytest.raises(tokenmeter.UnknownModelError):
        tokenmeter.Tokenizer.for_model("not-a-model")


def test_estimate_is_inexact_and_has_no_ids() -> None:
    est = tokenmeter.Tokenizer.estimate("anthropic")
    assert not est.is_exact
    assert est.encoding is None
    assert est.accuracy.relative_error > 0
    assert est.count("hello world, this is a sentence") > 0
    with pytest.raises(tokenmeter.InvalidInputError) as info:
        est.encode("hello")
    assert info.value.code == "INVALID_INPUT"
    with pytest.raises(tokenmeter.InvalidInputError):
        est.decode([1, 2])


@pytest.mark.parametrize(
    ("call", "error", "code"),
    [
        pytest.param(lambda: tokenmeter.Tokenizer("o300k"), tokenmeter.UnknownEncodingError, "UNKNOWN_ENCODING", id="unknown-encoding"),
        pytest.param(lambda: tokenmeter.Tokenizer.estimate("nope"), tokenmeter.InvalidInputError, "INVALID_INPUT", id="unknown-profile"),
        pytest.param(lambda: tokenmeter.Tokenizer("o200k_base").decode([2**31]), tokenmeter.InvalidInputError, "INVALID_INPUT", id="decode-out-of-range"),
        pytest.param(lambda: tokenmeter.Tokenizer.from_hf_bytes(b"{}"), tokenmeter.TokenizerLoadError, "TOKENIZER_LOAD", id="hf-bytes"),
        pytest.param(lambda: tokenmeter.Tokenizer.from_hf_file("/no/such/tokenizer.json"), tokenmeter.TokenizerLoadError, "TOKENIZER_LOAD", id="hf-file"),
        pytest.param(lambda: tokenmeter.Tokenizer.from_hf_cache("nobody/nothing-here"), tokenmeter.TokenizerLoadError, "TOKENIZER_LOAD", id="hf-cache"),
    ],
)
def test_bad_input_raises_the_core_error(call: Any, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert info.value.code == code  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda t: t.count(b"bytes"), id="count-bytes"),
        pytest.param(lambda t: t.count_batch("not a list"), id="batch-str"),
        pytest.param(lambda t: t.decode(["a"]), id="decode-str-ids"),
        pytest.param(lambda t: t.count_up_to("x", -1), id="negative-limit"),
    ],
)
def test_wrong_python_types_raise_type_errors(call: Any) -> None:
    with pytest.raises((TypeError, OverflowError)):
        call(tokenmeter.Tokenizer("o200k_base"))


def test_lone_surrogate_is_an_error_not_a_crash() -> None:
    with pytest.raises(UnicodeEncodeError):
        tokenmeter.Tokenizer("o200k_base").count("\ud800")
