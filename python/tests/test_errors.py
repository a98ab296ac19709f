"""The exception hierarchy: one base class (a ValueError), one subclass per core error code."""

from __future__ import annotations

import pytest

import tokenmeter

CLASSES = {
    "UNKNOWN_MODEL": tokenmeter.UnknownModelError,
    "UNKNOWN_ENCODING": tokenmeter.UnknownEncodingError,
    "BUDGET_EXCEEDED": tokenmeter.BudgetExceededError,
    "INVALID_INPUT": tokenmeter.InvalidInputError,
    "TOKENIZER_LOAD": tokenmeter.TokenizerLoadError,
    "PRICE_UNAVAILABLE": tokenmeter.PriceUnavailableError,
    "INVALID_USAGE": tokenmeter.InvalidUsageError,
    "IO": tokenmeter.IoError,
}


@pytest.mark.parametrize(("code", "cls"), CLASSES.items(), ids=list(CLASSES))
def test_each_code_has_a_value_error_subclass(code: str, cls: type[tokenmeter.TokenmeterError]) -> None:
    assert issubclass(cls, tokenmeter.TokenmeterError)
    assert issubclass(cls, ValueError)
    assert cls.code == code
    assert cls.__module__ == "tokenmeter"


def test_raised_errors_carry_code_and_message() -> None:
    with pytest.raises(ValueError) as info:
        tokenmeter.Tokenizer("o300k_base")
    err = info.value
    assert isinstance(err, tokenmeter.UnknownEncodingError)
    assert err.code == "UNKNOWN_ENCODING"
    assert str(err).startswith("unknown encoding `o300k_base`; known encodings: o200k_base")


def test_catching_the_base_class() -> None:
    try:
        tokenmeter.Catalog.bundled().get("no-such-model-anywhere")
    except tokenmeter.TokenmeterError as err:
        assert err.code == "UNKNOWN_MODEL"
    else:
        pytest.fail("no error raised")
