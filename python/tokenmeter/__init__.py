"""Count, fit and price LLM tokens in-process, before the call.

Everything here is implemented in Rust (``tokenmeter._native``, the same core the Rust crate,
the CLI and the Node and Kotlin/Swift bindings use), so every language gives the same answers.
"""

from tokenmeter._native import (
    Accuracy,
    BudgetExceededError,
    Catalog,
    ChatCount,
    CountUpTo,
    InvalidInputError,
    InvalidUsageError,
    IoError,
    Model,
    PriceUnavailableError,
    Resolved,
    Tokenizer,
    TokenizerLoadError,
    TokenmeterError,
    UnknownEncodingError,
    UnknownModelError,
    __version__,
    count_chat,
    count_tools,
)

__all__ = [
    "Accuracy",
    "BudgetExceededError",
    "Catalog",
    "ChatCount",
    "CountUpTo",
    "InvalidInputError",
    "InvalidUsageError",
    "IoError",
    "Model",
    "PriceUnavailableError",
    "Resolved",
    "Tokenizer",
    "TokenizerLoadError",
    "TokenmeterError",
    "UnknownEncodingError",
    "UnknownModelError",
    "__version__",
    "count_chat",
    "count_tools",
]
