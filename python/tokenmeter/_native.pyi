"""Type stubs of the compiled extension ``tokenmeter._native`` (hand-written, checked by
``python -m mypy.stubtest tokenmeter._native``)."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from os import PathLike
from typing import Any, Final, final

__all__ = [
    "Accuracy",
    "BudgetExceededError",
    "Catalog",
    "ChatCount",
    "CompareRow",
    "Cost",
    "CostLine",
    "CountUpTo",
    "Fitted",
    "InvalidInputError",
    "InvalidUsageError",
    "IoError",
    "Model",
    "Packed",
    "Preflight",
    "PriceUnavailableError",
    "Pruned",
    "Pruner",
    "Redacted",
    "RedactionMap",
    "Redactor",
    "Resolved",
    "Tokenizer",
    "TokenizerLoadError",
    "TokenmeterError",
    "Truncated",
    "UnknownEncodingError",
    "UnknownModelError",
    "Usage",
    "compare",
    "cost",
    "count_chat",
    "count_tools",
    "fit_messages",
    "fit_messages_for_model",
    "pack",
    "preflight",
    "truncate",
    "__version__",
]

__version__: Final[str]

#: A chat message or tool definition: an OpenAI-shaped dict, or an SDK object with
#: ``to_dict()`` / ``model_dump()`` (typed ``Any`` because the SDKs are never imported).
_MessageLike = Mapping[str, Any] | Any

# ---------------------------------------------------------------------------- errors

class TokenmeterError(ValueError):
    """Base class of every tokenmeter error. ``code`` is the core's stable error code."""

    code: str

class UnknownModelError(TokenmeterError):
    """A model name the catalog cannot resolve (``UNKNOWN_MODEL``)."""

    suggestions: list[str]

class UnknownEncodingError(TokenmeterError):
    """An encoding name that is not bundled (``UNKNOWN_ENCODING``)."""

class BudgetExceededError(TokenmeterError):
    """Even the part that must be kept does not fit the budget (``BUDGET_EXCEEDED``)."""

    needed: int
    budget: int

class InvalidInputError(TokenmeterError):
    """Malformed caller data (``INVALID_INPUT``)."""

class TokenizerLoadError(TokenmeterError):
    """A tokenizer file that cannot be read or parsed (``TOKENIZER_LOAD``)."""

class PriceUnavailableError(TokenmeterError):
    """A known model without a price for the request (``PRICE_UNAVAILABLE``)."""

class InvalidUsageError(TokenmeterError):
    """A usage object with missing, negative or contradictory numbers (``INVALID_USAGE``)."""

class IoError(TokenmeterError):
    """A file the caller named that cannot be read (``IO``)."""

# ---------------------------------------------------------------------------- tokenizer

@final
class CountUpTo:
    """The result of :meth:`Tokenizer.count_up_to`. ``tokens`` is exact when ``exceeded`` is
    false, otherwise a count already above the limit (a lower bound)."""

    @property
    def tokens(self) -> int: ...
    @property
    def exceeded(self) -> bool: ...
    def __new__(cls, *, tokens: int, exceeded: bool) -> CountUpTo: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Accuracy:
    """How far a tokenizer's counts can be from the provider's own count."""

    @property
    def exact(self) -> bool: ...
    @property
    def relative_error(self) -> float: ...
    def __new__(cls, *, exact: bool, relative_error: float) -> Accuracy: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Tokenizer:
    """Counts, encodes and decodes text for one tokenizer. Immutable; safe to share between
    threads. Long texts and batches are counted with the GIL released.

    Raises:
        UnknownEncodingError: ``encoding`` is not a bundled tiktoken encoding.
    """

    def __new__(cls, encoding: str, *, allow_special: bool = False) -> Tokenizer: ...
    @staticmethod
    def clear_thread_cache() -> None:
        """Empties this thread's cache of merged pieces, so the counts that follow are cold.

        Counting remembers, per thread and encoding, the token count of each piece it had to
        merge (at most 32,768 pieces and 1.5 MB, emptied when full), so a word or prompt seen
        before costs one lookup; answers never depend on it. For timing cold counts.
        """
    @staticmethod
    def from_encoding(encoding: str, *, allow_special: bool = False) -> Tokenizer:
        """A bundled tiktoken encoding: ``o200k_base``, ``o200k_harmony``, ``cl100k_base``,
        ``p50k_base``, ``p50k_edit``, ``r50k_base`` (or ``gpt2``).

        Raises:
            UnknownEncodingError: the name is not bundled.
        """
    @staticmethod
    def for_model(model: str) -> Tokenizer:
        """The tokenizer of a bundled-catalog model.

        Raises:
            UnknownModelError: the name does not resolve.
        """
    @staticmethod
    def from_hf_file(path: str | PathLike[str]) -> Tokenizer:
        """A Hugging Face ``tokenizer.json`` file.

        Raises:
            TokenizerLoadError: the file cannot be read or parsed.
        """
    @staticmethod
    def from_hf_bytes(data: bytes) -> Tokenizer:
        """The bytes of a Hugging Face ``tokenizer.json``.

        Raises:
            TokenizerLoadError: the bytes are not a valid tokenizer.
        """
    @staticmethod
    def from_hf_cache(model_id: str) -> Tokenizer:
        """``org/name`` from the local Hugging Face cache; never downloads.

        Raises:
            TokenizerLoadError: the model's ``tokenizer.json`` is not in the cache.
        """
    @staticmethod
    def estimate(profile: str) -> Tokenizer:
        """A calibrated estimate (``"anthropic"``, ``"gemini"``, ...): inexact counts.

        Raises:
            InvalidInputError: no profile has that name.
        """
    def with_allow_special(self, allow: bool) -> Tokenizer:
        """A copy that parses special-token text (``<|endoftext|>``) as special tokens, or not."""
    @property
    def allow_special(self) -> bool: ...
    @property
    def name(self) -> str: ...
    @property
    def encoding(self) -> str | None: ...
    @property
    def is_exact(self) -> bool: ...
    @property
    def accuracy(self) -> Accuracy: ...
    def count(self, text: str) -> int:
        """The number of tokens in ``text``.

        Raises:
            InvalidInputError: a Hugging Face tokenizer rejects the text.
        """
    def count_up_to(self, text: str, limit: int) -> CountUpTo:
        """Counts ``text`` but stops once more than ``limit`` tokens are seen."""
    def encode(self, text: str) -> list[int]:
        """The token ids of ``text``.

        Raises:
            InvalidInputError: for an estimate, which has no token ids.
        """
    def decode(self, tokens: Sequence[int]) -> str:
        """The text of ``tokens``; bytes that are not valid UTF-8 become U+FFFD.

        Raises:
            InvalidInputError: an id outside the vocabulary, or an estimate.
        """
    def count_batch(self, texts: Sequence[str]) -> list[int]:
        """Counts many texts in parallel on all cores, GIL released; results in input order."""
    def truncate(
        self,
        text: str,
        budget: int,
        *,
        keep: str = "head",
        marker: str | None = None,
        count_cut: bool = False,
    ) -> Truncated:
        """As :func:`tokenmeter.truncate` with this tokenizer.

        Raises:
            InvalidInputError: a zero budget or an unknown ``keep``.
        """

# ---------------------------------------------------------------------------- catalog

@final
class Model:
    """One catalog entry. ``tokenizer`` is ``{"encoding": name}``, ``{"estimate": profile}`` or
    ``{"hugging_face": {"repo": ..., "fallback": ...}}``.

    Raises:
        InvalidInputError: a field has the wrong shape, or ``chat_format`` is unknown.
    """

    def __new__(
        cls,
        *,
        id: str,
        provider: str,
        tokenizer: Mapping[str, Any],
        context_window: int,
        max_output: int,
        aliases: Sequence[str] = ...,
        chat_format: str = "openai",
    ) -> Model: ...
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Model:
        """A model from a dict in the catalog JSON's shape."""
    def to_dict(self) -> dict[str, Any]:
        """The model in the catalog JSON's shape."""
    @property
    def id(self) -> str: ...
    @property
    def provider(self) -> str: ...
    @property
    def aliases(self) -> list[str]: ...
    @property
    def context_window(self) -> int: ...
    @property
    def max_output(self) -> int: ...
    @property
    def chat_format(self) -> str: ...
    @property
    def tokenizer_spec(self) -> dict[str, Any]: ...
    def tokenizer(self) -> Tokenizer:
        """The model's tokenizer: exact where public, else a calibrated estimate."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Resolved:
    """The result of :meth:`Catalog.resolve`."""

    @property
    def model(self) -> Model: ...
    @property
    def matched_by(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Catalog:
    """Models by name. Immutable: :meth:`with_model` returns a new catalog."""

    @staticmethod
    def bundled() -> Catalog:
        """The catalog bundled with this version of tokenmeter."""
    @staticmethod
    def from_json(json: str) -> Catalog:
        """A catalog from JSON text in the bundled file's shape.

        Raises:
            InvalidInputError: the JSON or a model in it is malformed.
        """
    def with_model(self, model: Model) -> Catalog:
        """A new catalog with ``model`` added, or replacing the model with its id.

        Raises:
            InvalidInputError / UnknownEncodingError: the model is not valid.
        """
    def with_overrides(self, json: str) -> Catalog:
        """A new catalog with an override document applied: private ``models``, replaced
        ``prices`` histories and ``discounts`` (the format of ``tokenmeter cost --prices``).

        Raises:
            InvalidInputError: the document or a price in it is malformed.
            UnknownModelError: a price or discount names a model the catalog does not know.
        """
    def with_price_file(self, path: str | PathLike[str], *, effective: str) -> Catalog:
        """A new catalog with a price file loaded: LiteLLM's
        ``model_prices_and_context_window.json`` (its prices dated ``effective``, YYYY-MM-DD)
        or an override document.

        Raises:
            IoError: the file cannot be read.
            InvalidInputError / UnknownModelError: as :meth:`with_overrides`.
        """
    def get(self, name: str) -> Model:
        """The model ``name`` resolves to (id, alias, snapshot, ``azure/``-style prefix,
        Bedrock/Vertex id, fine-tune).

        Raises:
            UnknownModelError: nothing matches; ``.suggestions`` has the nearest ids.
        """
    def resolve(self, name: str) -> Resolved:
        """As :meth:`get`, also saying how the name matched.

        Raises:
            UnknownModelError: nothing matches.
        """
    def nearest(self, name: str, *, n: int = 3) -> list[str]: ...
    def models(self) -> list[Model]: ...
    @property
    def date(self) -> str: ...
    def __len__(self) -> int: ...
    def __contains__(self, key: object, /) -> bool: ...

# ---------------------------------------------------------------------------- chat

@final
class ChatCount:
    """The prompt tokens of a chat request; ``exact`` is false when any part is estimated."""

    @property
    def tokens(self) -> int: ...
    @property
    def exact(self) -> bool: ...
    def __new__(cls, *, tokens: int, exact: bool) -> ChatCount: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def count_chat(
    messages: Sequence[_MessageLike],
    *,
    model: str | Model | None = None,
    tokenizer: Tokenizer | None = None,
    chat_format: str | None = None,
    tools: Sequence[_MessageLike] | None = None,
) -> ChatCount:
    """The prompt tokens of ``messages`` (OpenAI-shaped dicts or SDK objects) and ``tools``,
    framing included, for ``model`` or an explicit ``tokenizer`` and ``chat_format``.

    Raises:
        InvalidInputError: no messages, a malformed message or tool, or neither model nor
            tokenizer given.
        UnknownModelError: ``model`` does not resolve.
    """

def count_tools(tools: Sequence[_MessageLike], *, tokenizer: Tokenizer) -> int:
    """The tokens tool definitions add to a request (OpenAI cookbook formula).

    Raises:
        InvalidInputError: a malformed tool definition.
    """

# ---------------------------------------------------------------------------- truncate

@final
class Truncated:
    """The result of :func:`truncate` / :meth:`Tokenizer.truncate`."""

    @property
    def text(self) -> str: ...
    @property
    def tokens(self) -> int: ...
    @property
    def cut_tokens(self) -> int | None: ...
    @property
    def cut_bytes(self) -> int: ...
    @property
    def head_bytes(self) -> int: ...
    @property
    def tail_bytes(self) -> int: ...
    @property
    def truncated(self) -> bool: ...
    @property
    def exact(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

def truncate(
    text: str,
    budget: int,
    *,
    tokenizer: Tokenizer,
    keep: str = "head",
    marker: str | None = None,
    count_cut: bool = False,
) -> Truncated:
    """The longest head (``keep="head"``), tail (``"tail"``) or both ends (``"both"``, joined
    by ``marker``) of ``text`` that fit ``budget`` tokens, cut on a character boundary.

    Raises:
        InvalidInputError: a zero budget or an unknown ``keep``.
    """

# ---------------------------------------------------------------------------- fit

@final
class Fitted:
    """The result of :func:`fit_messages`. ``dropped`` and ``partial`` are plain dicts."""

    @property
    def messages(self) -> list[dict[str, Any]]: ...
    @property
    def tokens(self) -> int: ...
    @property
    def budget(self) -> int: ...
    @property
    def exact(self) -> bool: ...
    @property
    def kept(self) -> list[int]: ...
    @property
    def dropped(self) -> list[dict[str, Any]]: ...
    @property
    def partial(self) -> dict[str, Any] | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

def fit_messages(
    messages: Sequence[_MessageLike],
    *,
    budget: int,
    model: str | Model | None = None,
    tokenizer: Tokenizer | None = None,
    chat_format: str | None = None,
    tools: Sequence[_MessageLike] | None = None,
    partial: bool = False,
    partial_keep: str = "tail",
    min_partial_tokens: int | None = None,
) -> Fitted:
    """Drops the oldest turns until the request (framing and tools included) fits ``budget``;
    system messages and the newest turn are kept, tool calls go with their results.

    Raises:
        InvalidInputError: a zero budget, no messages, or a malformed message.
        BudgetExceededError: the messages that must be kept alone exceed the budget.
    """

def fit_messages_for_model(
    messages: Sequence[_MessageLike],
    *,
    model: str | Model,
    reserve_output: int = 0,
    tools: Sequence[_MessageLike] | None = None,
    partial: bool = False,
    partial_keep: str = "tail",
    min_partial_tokens: int | None = None,
) -> Fitted:
    """As :func:`fit_messages`, with the budget ``model.context_window - reserve_output``.

    Raises:
        InvalidInputError: ``reserve_output`` leaves no room.
        BudgetExceededError: the messages that must be kept alone exceed the budget.
    """

# ---------------------------------------------------------------------------- pack

@final
class Packed:
    """The result of :func:`pack`. ``excluded`` is a list of plain dicts."""

    @property
    def text(self) -> str: ...
    @property
    def tokens(self) -> int: ...
    @property
    def cutoff(self) -> int: ...
    @property
    def included(self) -> list[int]: ...
    @property
    def excluded(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

def pack(
    sections: Sequence[Mapping[str, Any] | tuple[str, int]],
    *,
    budget: int,
    tokenizer: Tokenizer,
    separator: str | None = None,
) -> Packed:
    """Packs the highest-priority sections (``{"text", "priority", "position"?, "id"?}`` or
    ``(text, priority)``) that fit ``budget`` tokens into one prompt.

    Raises:
        InvalidInputError: a zero budget, no sections, or a malformed section.
        BudgetExceededError: even the highest-priority sections alone do not fit.
    """

# ---------------------------------------------------------------------------- prune

@final
class Pruned:
    """The result of :meth:`Pruner.run`. ``passes`` is a list of plain dicts."""

    @property
    def text(self) -> str: ...
    @property
    def tokens_before(self) -> int: ...
    @property
    def tokens_after(self) -> int: ...
    @property
    def tokens_saved(self) -> int: ...
    @property
    def passes(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Pruner:
    """Deterministic passes that remove tokens without a model: ``"whitespace"``,
    ``"dedupe"``, ``"json"``, ``"json_table"``, ``"markdown"``, ``"boilerplate"``.

    Raises:
        InvalidInputError: an unknown pass or a boilerplate pattern that does not compile.
    """

    def __new__(
        cls, passes: Sequence[str] | None = None, *, boilerplate: Sequence[str] = ...
    ) -> Pruner: ...
    @property
    def passes(self) -> list[str]: ...
    def apply(self, pass_: str, text: str) -> str:
        """Applies one pass to ``text``."""
    def run(self, text: str, *, tokenizer: Tokenizer) -> Pruned:
        """Runs every pass in order, counting tokens before and after each."""

# ---------------------------------------------------------------------------- redact

@final
class RedactionMap:
    """Placeholders and the values they stand for."""

    def __new__(cls) -> RedactionMap: ...
    @staticmethod
    def from_json(json: str) -> RedactionMap:
        """Raises:
        InvalidInputError: the JSON is not a redaction map."""
    def to_json(self) -> str: ...
    def entries(self) -> list[dict[str, str]]: ...
    def restore(self, text: str) -> str:
        """``text`` with every placeholder replaced by its original value."""
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Redacted:
    """The result of :meth:`Redactor.redact` / :meth:`Redactor.run`."""

    @property
    def text(self) -> str: ...
    @property
    def mapping(self) -> RedactionMap: ...
    @property
    def replaced(self) -> int: ...
    @property
    def tokens_before(self) -> int | None: ...
    @property
    def tokens_after(self) -> int | None: ...
    @property
    def tokens_saved(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Redactor:
    """Replaces emails, phone numbers, card numbers, IP addresses, IBANs and the caller's
    ``patterns`` (``{"LABEL": regex}``) with stable placeholders such as ``<EMAIL_1>``.

    Raises:
        InvalidInputError: a bad label or a pattern that does not compile.
    """

    def __new__(
        cls, *, patterns: Mapping[str, str] | Sequence[tuple[str, str]] | None = None
    ) -> Redactor: ...
    def redact(self, text: str, *, mapping: RedactionMap | None = None) -> Redacted: ...
    def run(
        self, text: str, *, tokenizer: Tokenizer, mapping: RedactionMap | None = None
    ) -> Redacted: ...

# ---------------------------------------------------------------------------- usage

@final
class Usage:
    """What one call consumed, in disjoint counts (no count includes another)."""

    def __new__(
        cls,
        *,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cache_read_tokens: int = 0,
        cache_write_5m_tokens: int = 0,
        cache_write_1h_tokens: int = 0,
        reasoning_tokens: int = 0,
    ) -> Usage: ...
    @staticmethod
    def from_response(response: Any, *, format: str | None = None) -> Usage:
        """Reads a provider usage object, or a response containing one: a dict, a JSON string,
        or an SDK object with ``to_dict()`` / ``model_dump()``. The provider is detected from
        the fields unless ``format`` names it (``"openai_chat"``, ``"openai_responses"``,
        ``"anthropic"``, ``"gemini"``, ``"deepseek"``, ``"xai"``, ``"plain"``).

        Raises:
            InvalidUsageError: a missing, negative or contradictory count, or no provider's fields.
        """
    @property
    def input_tokens(self) -> int: ...
    @property
    def cache_read_tokens(self) -> int: ...
    @property
    def cache_write_5m_tokens(self) -> int: ...
    @property
    def cache_write_1h_tokens(self) -> int: ...
    @property
    def output_tokens(self) -> int: ...
    @property
    def reasoning_tokens(self) -> int: ...
    @property
    def format(self) -> str: ...
    @property
    def total_input(self) -> int: ...
    @property
    def total_output(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

# ---------------------------------------------------------------------------- cost

@final
class CostLine:
    """One line of a :class:`Cost`."""

    @property
    def kind(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def billed_quantity(self) -> int: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def variant(self) -> str: ...
    @property
    def tier(self) -> int | None: ...
    @property
    def note(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Cost:
    """The itemized, exact price of a usage; money is :class:`decimal.Decimal`."""

    @property
    def model(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def lines(self) -> list[CostLine]: ...
    @property
    def variant(self) -> str: ...
    @property
    def price_effective(self) -> str: ...
    @property
    def price_source(self) -> str: ...
    @property
    def tier(self) -> dict[str, Any] | None: ...
    @property
    def marginal_input_token(self) -> Decimal | None: ...
    @property
    def marginal_output_token(self) -> Decimal | None: ...
    @property
    def token_bucket(self) -> int | None: ...
    def to_dict(self) -> dict[str, Any]:
        """The cost as plain data; money as exact decimal strings."""
    def __eq__(self, value: object, /) -> bool: ...

def cost(
    model: str | Model,
    usage: Usage,
    *,
    catalog: Catalog | None = None,
    variant: str | None = None,
    at: str | None = None,
    token_bucket: int | None = None,
) -> Cost:
    """Prices ``usage`` on ``model`` with the price in effect ``at`` (a date or RFC 3339 time;
    default today), for ``variant`` (``"standard"``, ``"batch"``, ``"flex"``, ``"priority"``).

    Raises:
        UnknownModelError: ``model`` does not resolve in ``catalog`` (default: bundled).
        PriceUnavailableError: no price on that date, for the variant, or for a kind of token.
        InvalidInputError: a bad ``variant`` or ``at``.
    """

# ---------------------------------------------------------------------------- preflight

@final
class Preflight:
    """Before the call: input tokens, reserved output, fits or not, least and worst cost."""

    @property
    def model(self) -> str: ...
    @property
    def input_tokens(self) -> int: ...
    @property
    def input_tokens_lower(self) -> int: ...
    @property
    def input_tokens_upper(self) -> int: ...
    @property
    def exact(self) -> bool: ...
    @property
    def relative_error(self) -> float: ...
    @property
    def context_window(self) -> int: ...
    @property
    def model_max_output(self) -> int: ...
    @property
    def max_output(self) -> int | None: ...
    @property
    def reserved_output(self) -> int: ...
    @property
    def fits(self) -> bool: ...
    @property
    def room_left(self) -> int: ...
    @property
    def least_cost(self) -> Cost: ...
    @property
    def worst_cost(self) -> Cost: ...
    @property
    def warnings(self) -> list[dict[str, str]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

def preflight(
    model: str | Model,
    *,
    text: str | None = None,
    messages: Sequence[_MessageLike] | None = None,
    tools: Sequence[_MessageLike] | None = None,
    max_output: int | None = None,
    catalog: Catalog | None = None,
    variant: str | None = None,
    at: str | None = None,
    token_bucket: int | None = None,
) -> Preflight:
    """Counts a ``text`` prompt or chat ``messages``, checks them against ``model``'s limits and
    prices the least and worst case (``max_output`` caps the reply; None reserves the model's
    limit).

    Raises:
        InvalidInputError: neither or both of ``text`` and ``messages``, or a malformed message.
        UnknownModelError / PriceUnavailableError: as :func:`cost`.
    """

# ---------------------------------------------------------------------------- compare

@final
class CompareRow:
    """One model's row of :func:`compare`."""

    @property
    def model(self) -> str: ...
    @property
    def input_tokens(self) -> int: ...
    @property
    def input_tokens_upper(self) -> int: ...
    @property
    def exact(self) -> bool: ...
    @property
    def output_tokens(self) -> int: ...
    @property
    def cost_per_request(self) -> Decimal: ...
    @property
    def cost_per_1k_requests(self) -> Decimal: ...
    @property
    def worst_cost_per_request(self) -> Decimal: ...
    @property
    def fits(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

def compare(
    models: Sequence[str],
    *,
    output_tokens: int,
    text: str | None = None,
    messages: Sequence[_MessageLike] | None = None,
    tools: Sequence[_MessageLike] | None = None,
    catalog: Catalog | None = None,
    variant: str | None = None,
    at: str | None = None,
    token_bucket: int | None = None,
) -> list[CompareRow]:
    """Prices one prompt with ``output_tokens`` of output on each of ``models``, cheapest first.

    Raises:
        InvalidInputError: no models, or neither or both of ``text`` and ``messages``.
        UnknownModelError / PriceUnavailableError: as :func:`cost`.
    """
