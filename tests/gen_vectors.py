#!/usr/bin/env python3
"""Writes the conformance vectors in tests/vectors/ from reference implementations.

This script is the only writer of expectations that come from a reference:
  - count.json     OpenAI's `tiktoken` (PyPI), every bundled encoding
  - chat.json      the OpenAI cookbook's counting rule ("How to count tokens with tiktoken"),
                   re-implemented here on top of `tiktoken`, checked against the prompt_tokens
                   the cookbook notebook prints from the OpenAI API
  - hf_count.json  Hugging Face `tokenizers` (PyPI) on tests/data/tiny-bpe.tokenizer.json
  - resolve.json   hand-written: the catalog's name-resolution contract (real provider id forms)
  - errors.json    hand-written: bad input and the error code every binding must raise

It runs offline: tiktoken reads its rank files from a temporary TIKTOKEN_CACHE_DIR filled with
the files tiktoken-rs embeds (~/.cargo/registry/src/*/tiktoken-rs-0.12*/assets/), stored under
the SHA-1 hex of the URL tiktoken would fetch, after checking the SHA-256 that tiktoken expects.

Usage:
    python -m venv /tmp/venv && /tmp/venv/bin/pip install -r tests/requirements.txt
    /tmp/venv/bin/python tests/gen_vectors.py
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import pathlib
import shutil
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent
REPO = ROOT.parent
VECTORS = ROOT / "vectors"
TINY_TOKENIZER = "tests/data/tiny-bpe.tokenizer.json"

# The URL tiktoken 0.14 fetches for each rank file and the SHA-256 it expects
# (tiktoken_ext/openai_public.py); the file name is the one tiktoken-rs embeds.
RANK_FILES = {
    "r50k_base.tiktoken": (
        "https://openaipublic.blob.core.windows.net/encodings/r50k_base.tiktoken",
        "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
    ),
    "p50k_base.tiktoken": (
        "https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken",
        "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
    ),
    "cl100k_base.tiktoken": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base.tiktoken": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}

ENCODINGS = ["o200k_base", "o200k_harmony", "cl100k_base", "p50k_base", "p50k_edit", "r50k_base"]


def prepare_tiktoken_cache() -> str:
    """Fills a temporary tiktoken cache from tiktoken-rs's assets; returns the folder."""
    candidates = sorted(glob.glob(os.path.expanduser("~/.cargo/registry/src/*/tiktoken-rs-0.12*/assets")))
    if not candidates:
        sys.exit("tiktoken-rs 0.12 is not in ~/.cargo/registry; run `cargo fetch` first")
    assets = pathlib.Path(candidates[-1])
    cache = tempfile.mkdtemp(prefix="tiktoken-cache-")
    for name, (url, sha256) in RANK_FILES.items():
        data = (assets / name).read_bytes()
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            sys.exit(f"{assets / name}: SHA-256 {actual}, tiktoken expects {sha256}")
        key = hashlib.sha1(url.encode()).hexdigest()
        (pathlib.Path(cache) / key).write_bytes(data)
    os.environ["TIKTOKEN_CACHE_DIR"] = cache
    return cache


# ---------------------------------------------------------------------------------------------
# count.json
# ---------------------------------------------------------------------------------------------

SPECIAL_TEXT = (
    "Before <|endoftext|> middle <|fim_prefix|>a<|fim_middle|>b<|fim_suffix|> "
    "<|endofprompt|> <|startoftext|><|start|>user<|message|>hi<|end|>"
    "<|start|>assistant<|channel|>final<|constrain|>json<|message|>{}<|return|><|call|>"
    " <|reserved_200500|> <|endoftext|>"
)

TEXTS: list[tuple[str, str]] = [
    ("empty", ""),
    ("english", "The quick brown fox jumps over the lazy dog. It wasn't the fox's fault!"),
    ("english-paragraph",
     "Tokenizers split text into pieces before merging bytes. Counting them exactly matters "
     "when a prompt must fit a context window, and when every token is billed."),
    ("source-rust",
     "fn main() {\n    let v: Vec<u32> = (0..10).map(|x| x * 2).collect();\n"
     "    println!(\"{:?}\", v);\n}\n"),
    ("source-python",
     "def fib(n: int) -> int:\n\tif n < 2:\n\t\treturn n\n\treturn fib(n - 1) + fib(n - 2)\n\n"
     "print([fib(i) for i in range(10)])  # 0, 1, 1, 2, ...\n"),
    ("source-json", '{"id": 42, "tags": ["a", "b"], "nested": {"ok": true, "v": null}}'),
    ("cjk-japanese", "お誕生日おめでとう。東京は日本の首都です。カタカナとひらがな。"),
    ("cjk-chinese", "我们今天去公园散步，天气非常好。机器学习模型需要大量数据。"),
    ("cjk-korean", "안녕하세요. 오늘 날씨가 정말 좋네요. 한국어 토큰화 테스트입니다."),
    ("arabic", "مرحبا بالعالم. اللغة العربية تكتب من اليمين إلى اليسار، وفيها تشكيل مثل: كَتَبَ."),
    ("hindi", "नमस्ते दुनिया। हिन्दी देवनागरी लिपि में लिखी जाती है, जैसे क्षत्रिय और ज्ञान।"),
    ("cyrillic-greek", "Привет, мир! Съешь же ещё этих мягких французских булок. Καλημέρα κόσμε."),
    ("thai-hebrew", "สวัสดีครับ ภาษาไทยไม่มีช่องว่างระหว่างคำ שלום עולם"),
    ("emoji", "I love 🦀 and 🐍! 👍🏽 👋🏿 🇯🇵 🇺🇳"),
    ("emoji-zwj", "👨‍👩‍👧‍👦 👩🏽‍💻 🏳️‍🌈 🧑‍🤝‍🧑 👁️‍🗨️ ❤️‍🔥"),
    ("combining-marks", "e\u0301 a\u0300\u0323 n\u0303o Z\u0351\u0358\u0360a\u0334l\u0335g\u0336o\u0337 "
     "Ho\u0308lle d\u0327"),
    ("nfc-vs-nfd", "café café Ångström Ångström"),
    ("whitespace-spaces", "a" + " " * 40 + "b" + " " * 7),
    ("whitespace-tabs-newlines", "\t\t\tindented\n\n\n\n  \n\t\nend\n\n"),
    ("whitespace-crlf", "line one\r\nline two\r\n\r\n\r\n  \r\nlast\r"),
    ("whitespace-unicode", "a\u00a0b\u2003c\u3000d\u2009e\u200bf\u2028g\u0085h\ufeffi  \u00a0 \u3000\u3000j"),
    ("whitespace-only", " \n \t \r\n   "),
    ("digits-long", "1234567890" * 8),
    ("digits-mixed", "In 2024, 3.14159 x 10^23 = 314159265358979323846264 and 007 + 1,000,000."),
    ("contractions", "It's they'll we've I'm you'd she's can't WE'LL IT'S They'Re o'clock"),
    ("contractions-unicode", "it’s they’ll WE’LL ſ ſt ﬁ ﬀ and ſhe'S"),
    ("punctuation", "!!!??? ... --- *** ((( ))) <<< >>> /// \\\\\\ ``` ''' \"\"\" ~~~ ###"),
    ("url-path", "https://example.com/a/b/c?x=1&y=2#frag C:\\Users\\me\\file.txt /usr/share/dict"),
    ("special-strings", SPECIAL_TEXT),
    ("special-partial", "<|endoftext| <|endoftext <| endoftext |> <|endoftext|><|endoftext|>"),
    ("long-word", "Pneumonoultramicroscopicsilicovolcanoconiosis" * 12),
    ("long-repeated-char", "a" * 300),
    ("mixed-scripts", "Hello мир 世界 عالم दुनिया 🌍 123 — “quotes” «guillemets» ‘single’"),
]


# Longer real text that nobody here wrote, read from a Debian 12 machine at generation time
# (the excerpts are stored in the vectors): (id, path, license that allows shipping the excerpt).
REAL_TEXTS = [
    ("real-prose-apache-license", "/usr/share/common-licenses/Apache-2.0", "the Apache License 2.0 text itself"),
    ("real-code-python-textwrap", "/usr/lib/python3.11/textwrap.py", "PSF License 2.0"),
    ("real-code-c-zlib-header", "/usr/include/zlib.h", "zlib License"),
]
REAL_CHARS = 3000


def real_texts() -> list[tuple[str, str]]:
    out = []
    for text_id, path, _ in REAL_TEXTS:
        text = pathlib.Path(path).read_text(encoding="utf-8")[:REAL_CHARS]
        out.append((text_id, text))
    return out


def gen_count(tiktoken) -> dict:
    cases = []
    texts = TEXTS + real_texts()
    for enc_name in ENCODINGS:
        enc = tiktoken.get_encoding(enc_name)
        for text_id, text in texts:
            variants = [False, True] if text_id.startswith("special") else [False]
            for allow in variants:
                if allow:
                    ids = enc.encode(text, allowed_special="all")
                else:
                    ids = enc.encode(text, disallowed_special=())
                assert enc.decode(ids) == text or allow, (enc_name, text_id)
                suffix = "-allow-special" if allow else ""
                cases.append({
                    "id": f"{enc_name}/{text_id}{suffix}",
                    "input": {"encoding": enc_name, "text": text, "allow_special": allow},
                    "expect": {"tokens": len(ids), "ids": ids},
                })
    return {
        "about": (
            f"Expected ids from OpenAI's tiktoken {tiktoken.__version__} (PyPI), rank files "
            "verified by the SHA-256 tiktoken expects: allow_special false is "
            "encode(text, disallowed_special=()) (special-token text is ordinary text), "
            "allow_special true is encode(text, allowed_special=\"all\"). tokens = len(ids). The real-* "
            "texts are the first 3000 characters of files on a Debian 12 machine: "
            + "; ".join(f"{i}: {p} ({lic})" for i, p, lic in REAL_TEXTS) + ". "
            "Written by tests/gen_vectors.py; do not edit by hand."
        ),
        "op": "count",
        "cases": cases,
    }


# ---------------------------------------------------------------------------------------------
# chat.json
# ---------------------------------------------------------------------------------------------

# The published figures: prompt_tokens printed by the cookbook notebook from the OpenAI API
# (openai/openai-cookbook, examples/How_to_count_tokens_with_tiktoken.ipynb, sections 6 and 7).
COOKBOOK_MESSAGES = [
    {"role": "system",
     "content": "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
    {"role": "system", "name": "example_user", "content": "New synergies will help drive top-line growth."},
    {"role": "system", "name": "example_assistant", "content": "Things working well together will increase revenue."},
    {"role": "system", "name": "example_user",
     "content": "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
    {"role": "system", "name": "example_assistant",
     "content": "Let's talk later when we're less busy about how to do better."},
    {"role": "user",
     "content": "This late pivot means we don't have time to boil the ocean for the client deliverable."},
]
COOKBOOK_PUBLISHED = {"gpt-3.5-turbo": 129, "gpt-4-0613": 129, "gpt-4": 129, "gpt-4o": 124, "gpt-4o-mini": 124}

WEATHER_TOOLS = [{
    "type": "function",
    "function": {
        "name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                "unit": {"type": "string", "description": "The unit of temperature to return",
                         "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["location"],
        },
    },
}]
WEATHER_MESSAGES = [
    {"role": "system", "content": "You are a helpful assistant that can answer to questions about the weather."},
    {"role": "user", "content": "What's the weather like in San Francisco?"},
]
WEATHER_PUBLISHED = {"gpt-3.5-turbo": 105, "gpt-4": 105, "gpt-4o": 101, "gpt-4o-mini": 101}

CHAT_ENCODING = {
    "gpt-3.5-turbo": "cl100k_base", "gpt-3.5-turbo-0125": "cl100k_base", "gpt-3.5-turbo-0301": "cl100k_base",
    "gpt-4": "cl100k_base", "gpt-4-0613": "cl100k_base", "gpt-4-turbo": "cl100k_base",
    "gpt-4o": "o200k_base", "gpt-4o-mini": "o200k_base", "gpt-4o-2024-08-06": "o200k_base",
    "gpt-4.1": "o200k_base", "gpt-5": "o200k_base", "o3": "o200k_base",
}


def part_text(content) -> str:
    """String content as is; a list of text parts as their texts joined without separators."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(p["text"] for p in content)


def cookbook_messages(enc, messages, per_message=3, per_name=1) -> int:
    """The cookbook's num_tokens_from_messages rule: per-message framing, the tokens of every
    field's value, one more per name, and 3 to prime the reply."""
    total = 0
    for m in messages:
        total += per_message
        for key, value in m.items():
            total += len(enc.encode(part_text(value), disallowed_special=()))
            if key == "name":
                total += per_name
    return total + 3


def cookbook_tools(enc, tools, func_init) -> int:
    """The cookbook's num_tokens_for_tools formula (tool part only)."""
    if not tools:
        return 0
    n = 0
    for t in tools:
        f = t["function"]
        n += func_init
        desc = f.get("description", "")
        desc = desc[:-1] if desc.endswith(".") else desc
        n += len(enc.encode(f"{f['name']}:{desc}"))
        props = f.get("parameters", {}).get("properties", {})
        if props:
            n += 3
            for key, p in props.items():
                n += 3
                if "enum" in p:
                    n -= 3
                    for item in p["enum"]:
                        n += 3 + len(enc.encode(item))
                pdesc = p.get("description", "")
                pdesc = pdesc[:-1] if pdesc.endswith(".") else pdesc
                n += len(enc.encode(f"{key}:{p.get('type', '')}:{pdesc}"))
    return n + 12


def gen_chat(tiktoken) -> dict:
    cases = []

    def enc_for(model):
        return tiktoken.get_encoding(CHAT_ENCODING[model])

    for model, published in COOKBOOK_PUBLISHED.items():
        computed = cookbook_messages(enc_for(model), COOKBOOK_MESSAGES)
        if computed != published:
            sys.exit(f"cookbook messages {model}: computed {computed}, published {published}")
        cases.append({
            "id": f"cookbook-jargon/{model}",
            "note": f"cookbook section 6; the OpenAI API reported prompt_tokens {published}",
            "input": {"model": model, "messages": COOKBOOK_MESSAGES, "tools": []},
            "expect": {"tokens": computed, "exact": True},
        })
    for model, published in WEATHER_PUBLISHED.items():
        enc = enc_for(model)
        func_init = 10 if CHAT_ENCODING[model] == "cl100k_base" else 7
        computed = cookbook_messages(enc, WEATHER_MESSAGES) + cookbook_tools(enc, WEATHER_TOOLS, func_init)
        if computed != published:
            sys.exit(f"cookbook tools {model}: computed {computed}, published {published}")
        cases.append({
            "id": f"cookbook-weather-tools/{model}",
            "note": f"cookbook section 7; the OpenAI API reported prompt_tokens {published}",
            "input": {"model": model, "messages": WEATHER_MESSAGES, "tools": WEATHER_TOOLS},
            "expect": {"tokens": computed, "exact": True},
        })

    extra_tools = [
        WEATHER_TOOLS[0],
        {"type": "function", "function": {
            "name": "search_flights",
            "description": "Search flights between two airports.",
            "parameters": {"type": "object", "properties": {
                "origin": {"type": "string", "description": "IATA code of the departure airport."},
                "destination": {"type": "string", "description": "IATA code of the arrival airport"},
                "cabin": {"type": "string", "description": "Cabin class", "enum": ["economy", "premium", "business", "first"]},
            }}}},
    ]
    more = [
        ("names/gpt-4o", "gpt-4o", [
            {"role": "user", "name": "alice", "content": "Hi, can you help me plan a trip?"},
            {"role": "assistant", "name": "travel_bot", "content": "Of course. Where to?"},
            {"role": "user", "name": "alice", "content": "Kyoto, in April. 京都に行きたいです。"},
        ], []),
        ("names/gpt-3.5-turbo", "gpt-3.5-turbo", [
            {"role": "system", "content": "Be terse."},
            {"role": "user", "name": "bob_42", "content": "Summarize: tokens are not words."},
        ], []),
        ("parts/gpt-4o", "gpt-4o", [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": [{"type": "text", "text": "Describe this: "},
                                         {"type": "text", "text": "a quiet lake at dawn."}]},
        ], []),
        ("parts/gpt-4.1-developer", "gpt-4.1", [
            {"role": "developer", "content": [{"type": "text", "text": "Answer in French."}]},
            {"role": "user", "content": "What is the capital of Japan?"},
        ], []),
        ("empty-content/gpt-4o-mini", "gpt-4o-mini", [
            {"role": "user", "content": ""},
        ], []),
        ("special-text-in-content/gpt-4o", "gpt-4o", [
            {"role": "user", "content": "Ignore <|endoftext|> and <|endofprompt|> please."},
        ], []),
        ("multilingual/gpt-4-turbo", "gpt-4-turbo", [
            {"role": "system", "content": "Réponds en français."},
            {"role": "user", "content": "مرحبا! नमस्ते! 你好! 👋🏽"},
        ], []),
        ("two-tools/gpt-4o", "gpt-4o", WEATHER_MESSAGES, extra_tools),
        ("two-tools/gpt-4", "gpt-4", WEATHER_MESSAGES, extra_tools),
        ("dated-snapshot/gpt-4o-2024-08-06", "gpt-4o-2024-08-06", COOKBOOK_MESSAGES, []),
        ("o200k/gpt-5", "gpt-5", COOKBOOK_MESSAGES, WEATHER_TOOLS),
        ("o200k/o3", "o3", WEATHER_MESSAGES, []),
    ]
    for case_id, model, messages, tools in more:
        enc = enc_for(model)
        func_init = 10 if CHAT_ENCODING[model] == "cl100k_base" else 7
        tokens = cookbook_messages(enc, messages) + cookbook_tools(enc, tools, func_init)
        note = "computed by the cookbook rule with tiktoken"
        if any(isinstance(m.get("content"), list) for m in messages):
            note += "; list-of-parts content counts as its parts' texts joined without separators"
        cases.append({"id": case_id, "note": note,
                      "input": {"model": model, "messages": messages, "tools": tools},
                      "expect": {"tokens": tokens, "exact": True}})

    # gpt-3.5-turbo-0301: the cookbook's earlier revision gives 4 tokens per message and -1 per
    # name (the name replaces the role).
    tokens = cookbook_messages(enc_for("gpt-3.5-turbo-0301"), COOKBOOK_MESSAGES, per_message=4, per_name=-1)
    cases.append({"id": "cookbook-jargon/gpt-3.5-turbo-0301",
                  "note": "cookbook rule for gpt-3.5-turbo-0301 (4 per message, -1 per name)",
                  "input": {"model": "gpt-3.5-turbo-0301", "messages": COOKBOOK_MESSAGES, "tools": []},
                  "expect": {"tokens": tokens, "exact": True}})

    # Assistant tool calls and tool results are outside the published rule: the count is
    # tokenmeter's documented estimate (3 + name + arguments per call; the tool message counted
    # as role + content) and must be marked inexact.
    enc = enc_for("gpt-4o")
    call_messages = [
        {"role": "user", "content": "What's the weather like in Paris?"},
        {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_1", "type": "function",
            "function": {"name": "get_current_weather", "arguments": "{\"location\": \"Paris, FR\"}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "{\"temperature\": 18, \"unit\": \"celsius\"}"},
    ]
    plain = [{k: v for k, v in m.items() if k in ("role", "content", "name")} for m in call_messages]
    tokens = cookbook_messages(enc, plain)
    for m in call_messages:
        for call in m.get("tool_calls", []):
            tokens += 3 + len(enc.encode(call["function"]["name"])) + len(enc.encode(call["function"]["arguments"]))
    tokens += cookbook_tools(enc, WEATHER_TOOLS, 7)
    cases.append({"id": "tool-calls-estimate/gpt-4o",
                  "note": "not covered by OpenAI's published rule: tokenmeter's documented estimate "
                          "(cookbook rule for role/content, plus 3 + name + arguments per tool call), "
                          "computed with tiktoken; exact must be false",
                  "input": {"model": "gpt-4o", "messages": call_messages, "tools": WEATHER_TOOLS},
                  "expect": {"tokens": tokens, "exact": False}})

    # Errors.
    cases.append({"id": "error/empty-messages", "input": {"model": "gpt-4o", "messages": [], "tools": []},
                  "error": "INVALID_INPUT"})
    cases.append({"id": "error/unknown-model",
                  "input": {"model": "gpt-99-ultra", "messages": WEATHER_MESSAGES, "tools": []},
                  "error": "UNKNOWN_MODEL"})
    cases.append({"id": "error/message-without-role",
                  "input": {"model": "gpt-4o", "messages": [{"role": "", "content": "hi"}], "tools": []},
                  "error": "INVALID_INPUT"})
    cases.append({"id": "error/tool-parameters-not-object",
                  "input": {"model": "gpt-4o", "messages": WEATHER_MESSAGES,
                            "tools": [{"type": "function", "function": {"name": "f", "parameters": "nope"}}]},
                  "error": "INVALID_INPUT"})

    return {
        "about": (
            "Prompt tokens of chat requests. Input {model, messages, tools}: the model is resolved "
            "in the catalog and counted with its tokenizer and chat framing. Expectations come from "
            "the OpenAI cookbook 'How to count tokens with tiktoken' rule (num_tokens_from_messages: "
            "3 per message, 1 per name, 3 reply priming; num_tokens_for_tools: func_init 7 for "
            "gpt-4o/gpt-4o-mini (o200k) and 10 for gpt-3.5-turbo/gpt-4 (cl100k), prop_init 3, "
            "prop_key 3, enum_init -3, enum_item 3, func_end 12) re-implemented in tests/gen_vectors.py "
            f"on OpenAI's tiktoken {tiktoken.__version__}. The cookbook-* cases equal the "
            "prompt_tokens the notebook printed from the OpenAI API (129/124 and 105/101); the "
            "generator refuses to write if they differ. Do not edit by hand."
        ),
        "op": "chat",
        "cases": cases,
    }


# ---------------------------------------------------------------------------------------------
# resolve.json (hand-written contract)
# ---------------------------------------------------------------------------------------------

RESOLVE = [
    # (id, name, expected model id or None for UNKNOWN_MODEL, why)
    ("openai-id", "gpt-4o", "gpt-4o", "canonical id"),
    ("openai-id-case", "GPT-4o", "gpt-4o", "ids are case-insensitive"),
    ("openai-id-whitespace", "  gpt-4o-mini \n", "gpt-4o-mini", "surrounding whitespace ignored"),
    ("openai-dated-listed", "gpt-4o-2024-11-20", "gpt-4o", "dated snapshot listed as an alias"),
    ("openai-dated-own-price", "gpt-4o-2024-08-06", "gpt-4o-2024-08-06", "a snapshot priced apart from its base in the past has its own entry"),
    ("openai-dated-own-entry", "gpt-4o-2024-05-13", "gpt-4o-2024-05-13", "a snapshot with its own entry wins"),
    ("openai-dated-unlisted", "gpt-4.1-mini-2099-01-01", "gpt-4.1-mini", "unlisted ISO-dated snapshot falls back to its base"),
    ("openai-4digit-snapshot", "gpt-4-0613", "gpt-4", "legacy 4-digit snapshot"),
    ("openai-0301-own-entry", "gpt-3.5-turbo-0301", "gpt-3.5-turbo-0301", "0301 has its own chat framing"),
    ("openai-latest", "chatgpt-4o-latest", "chatgpt-4o-latest", "-latest name with its own entry: priced apart from gpt-4o"),
    ("openai-latest-alias", "grok-4-latest", "grok-4", "-latest alias"),
    ("openai-gpt5-dated", "gpt-5-2025-08-07", "gpt-5", "dated GPT-5"),
    ("openai-o3", "o3-2025-04-16", "o3", "dated o-series"),
    ("openai-prefix", "openai/gpt-4o-mini", "gpt-4o-mini", "LiteLLM/OpenRouter style prefix"),
    ("azure-prefix", "azure/gpt-4o", "gpt-4o", "LiteLLM Azure prefix"),
    ("azure-prefix-dated", "azure/gpt-4o-2024-11-20", "gpt-4o", "prefix plus dated snapshot"),
    ("openrouter-prefix", "openrouter/openai/gpt-4.1", "gpt-4.1", "stacked routing prefixes"),
    ("finetune", "ft:gpt-4o-mini-2024-07-18:org::abc123", "gpt-4o-mini", "fine-tune of a dated base"),
    ("finetune-suffix", "ft:gpt-3.5-turbo-0125:my-org:custom-suffix:9aBcDeF", "gpt-3.5-turbo", "fine-tune with org and suffix"),
    ("finetune-41", "ft:gpt-4.1-2025-04-14:acme:support-bot:BvX1abcd", "gpt-4.1", "fine-tune of gpt-4.1"),
    ("embedding", "text-embedding-3-small", "text-embedding-3-small", "embedding model"),
    ("gpt-oss-hf-id", "openai/gpt-oss-120b", "gpt-oss-120b", "Hugging Face repo id of gpt-oss"),
    ("anthropic-id", "claude-sonnet-4-5", "claude-sonnet-4-5", "Anthropic alias id"),
    ("anthropic-dated", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "Anthropic dated id"),
    ("anthropic-3-5-dated", "claude-3-5-sonnet-20241022", "claude-3-5-sonnet", "Anthropic 3.5 dated id"),
    ("anthropic-3-5-latest", "claude-3-5-sonnet-latest", "claude-3-5-sonnet", "Anthropic -latest alias"),
    ("anthropic-prefix", "anthropic/claude-opus-4-1-20250805", "claude-opus-4-1", "LiteLLM anthropic/ prefix"),
    ("bedrock-id", "anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet", "Bedrock model id"),
    ("bedrock-us-profile", "us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet", "Bedrock cross-region inference profile"),
    ("bedrock-eu-profile", "eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet", "Bedrock EU profile"),
    ("bedrock-global-profile", "global.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5", "Bedrock global profile"),
    ("bedrock-sonnet-4", "anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4", "Bedrock Claude Sonnet 4"),
    ("bedrock-haiku-3", "anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku", "Bedrock Claude 3 Haiku"),
    ("bedrock-litellm", "bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku", "LiteLLM bedrock/ prefix"),
    ("bedrock-llama", "meta.llama3-1-70b-instruct-v1:0", "llama-3.1-70b-instruct", "Bedrock Llama 3.1"),
    ("bedrock-llama-profile", "us.meta.llama3-3-70b-instruct-v1:0", "llama-3.3-70b-instruct", "Bedrock Llama 3.3 profile"),
    ("bedrock-mistral", "mistral.mistral-large-2407-v1:0", "mistral-large-2411", "Bedrock Mistral Large 2407"),
    ("bedrock-deepseek-r1", "us.deepseek.r1-v1:0", "deepseek-reasoner", "Bedrock DeepSeek-R1 profile (vendor not repeated in the name)"),
    ("bedrock-llama4", "meta.llama4-scout-17b-instruct-v1:0", "llama-4-scout-17b-16e-instruct", "Bedrock Llama 4 Scout"),
    ("openrouter-claude-dotted", "anthropic/claude-sonnet-4.5", "claude-sonnet-4-5", "OpenRouter spells Claude versions with dots"),
    ("openrouter-claude-3-5-dotted", "openrouter/anthropic/claude-3.5-sonnet", "claude-3-5-sonnet", "OpenRouter Claude 3.5 Sonnet"),
    ("openrouter-claude-opus-dotted", "anthropic/claude-opus-4.1", "claude-opus-4-1", "OpenRouter Claude Opus 4.1"),
    ("vertex-claude", "claude-sonnet-4@20250514", "claude-sonnet-4", "Vertex AI Claude id"),
    ("vertex-claude-v2", "claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet", "Vertex AI Claude 3.5 Sonnet v2"),
    ("vertex-claude-prefixed", "vertex_ai/claude-opus-4-1@20250805", "claude-opus-4-1", "LiteLLM vertex_ai/ prefix"),
    ("vertex-gemini", "vertex_ai/gemini-2.5-pro", "gemini-2.5-pro", "LiteLLM vertex_ai/ Gemini"),
    ("gemini-api-models", "models/gemini-2.5-flash", "gemini-2.5-flash", "Gemini API resource name"),
    ("gemini-litellm", "gemini/gemini-2.0-flash-001", "gemini-2.0-flash", "LiteLLM gemini/ plus version suffix alias"),
    ("gemini-preview", "gemini-2.5-flash-preview-05-20", "gemini-2.5-flash", "Gemini preview alias"),
    ("mistral-latest", "mistral-large-latest", "mistral-large-2411", "Mistral -latest alias"),
    ("mistral-prefix", "mistral/mistral-small-latest", "mistral-small-2503", "LiteLLM mistral/ prefix"),
    ("deepseek-chat", "deepseek-chat", "deepseek-chat", "DeepSeek API id"),
    ("deepseek-prefix", "deepseek/deepseek-reasoner", "deepseek-reasoner", "LiteLLM deepseek/ prefix"),
    ("llama-hf-id", "meta-llama/Llama-3.3-70B-Instruct", "llama-3.3-70b-instruct", "Hugging Face repo id"),
    ("llama-hf-meta-id", "meta-llama/Meta-Llama-3.1-8B-Instruct", "llama-3.1-8b-instruct", "Hugging Face repo id (Meta- prefix)"),
    ("qwen-hf-id", "Qwen/Qwen3-32B", "qwen3-32b", "Hugging Face repo id"),
    ("grok-dated", "grok-4-0709", "grok-4", "xAI dated id"),
    ("grok-prefix", "xai/grok-3-mini", "grok-3-mini", "LiteLLM xai/ prefix"),
    ("unknown", "gpt-99-ultra", None, "no such model"),
    ("unknown-empty", "", None, "empty name"),
    ("unknown-provider-only", "anthropic/", None, "a prefix alone is not a model"),
    ("unknown-bedrock", "anthropic.claude-9-opus-20300101-v1:0", None, "well-formed Bedrock id of no model"),
    ("unknown-finetune-base", "ft:davinci-999:org::x", None, "fine-tune of an unknown base"),
    ("unknown-dotted-claude", "anthropic/claude-sonnet-9.9", None, "a dotted Claude name of no model"),
]


def gen_resolve() -> dict:
    cases = []
    for case_id, name, model, why in RESOLVE:
        case = {"id": case_id, "note": why, "input": {"name": name}}
        if model is None:
            case["error"] = "UNKNOWN_MODEL"
        else:
            case["expect"] = {"model": model}
        cases.append(case)
    return {
        "about": (
            "Catalog name resolution. Input {name}; expect {model: canonical id} or error "
            "UNKNOWN_MODEL. Hand-written contract (tests/gen_vectors.py RESOLVE): the names follow "
            "the providers' own id formats (OpenAI model and fine-tune ids, Anthropic API ids, "
            "Amazon Bedrock model ids and cross-region inference profiles, Vertex AI "
            "`name@date` ids, Gemini API `models/` names, LiteLLM/OpenRouter routing prefixes, "
            "Hugging Face repo ids)."
        ),
        "op": "resolve",
        "cases": cases,
    }


# ---------------------------------------------------------------------------------------------
# hf_count.json
# ---------------------------------------------------------------------------------------------

HF_TEXTS = [
    ("english", "The quick brown fox jumps over the lazy dog."),
    ("code", "def wrap(text, width=70):\n    return TextWrapper(width=width).wrap(text)\n"),
    ("json", '{"key": [1, 2.5, "three"], "ok": true}'),
    ("empty", ""),
    ("whitespace", "  \t\n\r\n    leading and trailing   "),
    ("cjk", "東京は日本の首都です。我们今天去公园。"),
    ("arabic-hindi", "مرحبا بالعالم नमस्ते दुनिया"),
    ("emoji-zwj", "👨‍👩‍👧‍👦 👩🏽‍💻 🏳️‍🌈"),
    ("nfd-input", "cafe\u0301 A\u030angstro\u0308m"),
    ("digits", "3.14159265358979 1234567890 2024-12-03"),
    ("special-strings", "start <|endoftext|> mid <|pad|><|sep|> end"),
    ("special-adjacent", "<|endoftext|><|endoftext|>x<|sep|>"),
    ("long-word", "Pneumonoultramicroscopicsilicovolcanoconiosis" * 8),
]


def gen_hf_count(tokenizers) -> dict:
    path = REPO / TINY_TOKENIZER
    cases = []
    for allow in (False, True):
        tok = tokenizers.Tokenizer.from_file(str(path))
        tok.no_truncation()
        tok.no_padding()
        # allow_special false: special-token text is split like ordinary text.
        tok.encode_special_tokens = not allow
        for text_id, text in HF_TEXTS:
            if allow and not text_id.startswith("special"):
                continue
            enc = tok.encode(text, add_special_tokens=False)
            suffix = "-allow-special" if allow else ""
            cases.append({
                "id": f"tiny-bpe/{text_id}{suffix}",
                "input": {"tokenizer_file": TINY_TOKENIZER, "text": text, "allow_special": allow},
                "expect": {"tokens": len(enc.ids), "ids": enc.ids},
            })
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return {
        "about": (
            f"Counts and ids of a tokenizer.json from Hugging Face tokenizers {tokenizers.__version__} "
            f"(PyPI): Tokenizer.from_file, truncation and padding off, encode(text, "
            "add_special_tokens=False); allow_special false sets encode_special_tokens=True "
            "(special-token text is split as ordinary text), true leaves it False. tokenizer_file is "
            f"relative to the repository root; {TINY_TOKENIZER} has SHA-256 {sha} "
            "(made by tests/make_tiny_tokenizer.py). Written by tests/gen_vectors.py."
        ),
        "op": "hf_count",
        "cases": cases,
    }


# ---------------------------------------------------------------------------------------------
# errors.json (hand-written contract)
# ---------------------------------------------------------------------------------------------

def gen_errors() -> dict:
    chat = lambda cid, js, code, why: {  # noqa: E731
        "id": cid, "note": why, "input": {"op": "chat", "model": "gpt-4o", "chat_json": js}, "error": code}
    cases = [
        {"id": "count/unknown-encoding", "note": "not a bundled encoding",
         "input": {"op": "count", "encoding": "o300k_base", "text": "hi"}, "error": "UNKNOWN_ENCODING"},
        {"id": "count/empty-encoding", "note": "empty encoding name",
         "input": {"op": "count", "encoding": "", "text": "hi"}, "error": "UNKNOWN_ENCODING"},
        {"id": "count/encoding-wrong-case", "note": "encoding names are exact",
         "input": {"op": "count", "encoding": "O200K_BASE", "text": "hi"}, "error": "UNKNOWN_ENCODING"},
        {"id": "model/unknown", "note": "unknown model names the nearest ids",
         "input": {"op": "model", "model": "gpt-4o-ultra-max"}, "error": "UNKNOWN_MODEL"},
        {"id": "model/typo", "note": "a typo is still an error, never a silent default",
         "input": {"op": "model", "model": "claud-sonet-4"}, "error": "UNKNOWN_MODEL"},
        {"id": "estimate/unknown-profile", "note": "no such estimate profile",
         "input": {"op": "estimate", "profile": "no-such-provider"}, "error": "INVALID_INPUT"},
        chat("chat/not-json", "{\"messages\": [", "INVALID_INPUT", "truncated JSON"),
        chat("chat/not-array-or-object", "42", "INVALID_INPUT", "a number is not a chat request"),
        chat("chat/message-without-role", "[{\"content\": \"hi\"}]", "INVALID_INPUT", "role is required"),
        chat("chat/content-wrong-type", "[{\"role\": \"user\", \"content\": 5}]", "INVALID_INPUT",
             "content must be a string or a list of parts"),
        chat("chat/part-without-type", "[{\"role\": \"user\", \"content\": [{\"text\": \"hi\"}]}]",
             "INVALID_INPUT", "a content part needs a type"),
        chat("chat/object-without-messages", "{\"tools\": []}", "INVALID_INPUT", "messages is required"),
        chat("chat/empty-array", "[]", "INVALID_INPUT", "at least one message"),
        chat("chat/tool-without-function", "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": [{\"type\": \"function\"}]}",
             "INVALID_INPUT", "a tool needs a function"),
        {"id": "hf/not-json", "note": "bytes that are not JSON",
         "input": {"op": "hf_bytes", "tokenizer_json": "this is not a tokenizer"}, "error": "TOKENIZER_LOAD"},
        {"id": "hf/empty", "note": "empty bytes",
         "input": {"op": "hf_bytes", "tokenizer_json": ""}, "error": "TOKENIZER_LOAD"},
        {"id": "hf/empty-object", "note": "JSON that is not a tokenizer",
         "input": {"op": "hf_bytes", "tokenizer_json": "{}"}, "error": "TOKENIZER_LOAD"},
        {"id": "hf/unknown-model-type", "note": "a model type tokenizers does not know",
         "input": {"op": "hf_bytes", "tokenizer_json": "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, "
                   "\"added_tokens\": [], \"normalizer\": null, \"pre_tokenizer\": null, \"post_processor\": null, "
                   "\"decoder\": null, \"model\": {\"type\": \"NoSuchModel\", \"vocab\": {}}}"},
         "error": "TOKENIZER_LOAD"},
        {"id": "hf/truncated-file-text", "note": "the shipped tokenizer cut in half",
         "input": {"op": "hf_bytes", "tokenizer_json": (REPO / TINY_TOKENIZER).read_text()[:5000]},
         "error": "TOKENIZER_LOAD"},
        {"id": "hf/missing-file", "note": "a path that does not exist",
         "input": {"op": "hf_file", "tokenizer_file": "tests/data/no-such-tokenizer.json"}, "error": "TOKENIZER_LOAD"},
        {"id": "hf/directory", "note": "a directory is not a tokenizer file",
         "input": {"op": "hf_file", "tokenizer_file": "tests/data"}, "error": "TOKENIZER_LOAD"},
        {"id": "decode/id-out-of-range", "note": "a token id outside the vocabulary",
         "input": {"op": "decode", "encoding": "cl100k_base", "ids": [15339, 999999]}, "error": "INVALID_INPUT"},
    ]
    return {
        "about": (
            "Bad input and the error code every binding must raise (Error::code()). Hand-written "
            "contract. Input {op, ...}: op count {encoding, text}: count with that encoding name; "
            "model {model}: resolve in the bundled catalog; estimate {profile}: estimate tokenizer; "
            "chat {model, chat_json}: parse the raw JSON text as a chat request, then count it; "
            "hf_bytes {tokenizer_json}: load a tokenizer from those UTF-8 bytes; hf_file "
            "{tokenizer_file}: load from a path relative to the repository root; decode "
            "{encoding, ids}."
        ),
        "op": "errors",
        "cases": cases,
    }


def write(name: str, doc: dict) -> None:
    ids = [c["id"] for c in doc["cases"]]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"{name}: duplicate case ids {sorted(dup)}")
    VECTORS.mkdir(parents=True, exist_ok=True)
    path = VECTORS / name
    # One case per line: compact, and a regenerated file diffs case by case.
    head = {k: v for k, v in doc.items() if k != "cases"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "cases": [']
    lines += [json.dumps(c, ensure_ascii=False) + "," for c in doc["cases"]]
    lines[-1] = lines[-1][:-1]
    lines.append("]}")
    text = "\n".join(lines) + "\n"
    if json.loads(text) != doc:
        sys.exit(f"{name}: formatting changed the document")
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)} ({len(doc['cases'])} cases)")


def main() -> None:
    cache = prepare_tiktoken_cache()
    try:
        import tiktoken
        import tokenizers

        write("count.json", gen_count(tiktoken))
        write("chat.json", gen_chat(tiktoken))
        write("resolve.json", gen_resolve())
        write("hf_count.json", gen_hf_count(tokenizers))
        write("errors.json", gen_errors())
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
