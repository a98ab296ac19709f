"""Conformance vectors through uniffi's generated Python bindings: a second check of the FFI
layer that the Kotlin and Swift bindings share (same scaffolding, same lowering of records).

Run by bindings/uniffi/tests/run.sh with PYTHONPATH pointing at the generated
`tokenmeter_uniffi.py` and the cdylib copied beside it:

    python3 conformance_uniffi.py <tests/vectors> <repo root>

Prints one line per failure, then "N passed, N failed"; exits 1 on any failure.
"""

import json
import sys
from pathlib import Path

import tokenmeter_uniffi as tm

ERRORS = {
    "UNKNOWN_MODEL": tm.TokenmeterError.UnknownModel,
    "UNKNOWN_ENCODING": tm.TokenmeterError.UnknownEncoding,
    "BUDGET_EXCEEDED": tm.TokenmeterError.BudgetExceeded,
    "INVALID_INPUT": tm.TokenmeterError.InvalidInput,
    "TOKENIZER_LOAD": tm.TokenmeterError.TokenizerLoad,
    "PRICE_UNAVAILABLE": tm.TokenmeterError.PriceUnavailable,
    "INVALID_USAGE": tm.TokenmeterError.InvalidUsage,
    "IO": tm.TokenmeterError.Io,
}


class CheckFailed(Exception):
    pass


def check(ok, detail):
    if not ok:
        raise CheckFailed(detail)


passed = 0
failed = 0
skipped = []


def case(case_id, body):
    global passed, failed
    try:
        body()
        passed += 1
    except CheckFailed as e:
        failed += 1
        print(f"FAIL {case_id}: {e}")
    except Exception as e:  # an unexpected exception fails the case, it does not stop the run
        failed += 1
        print(f"FAIL {case_id}: unexpected {type(e).__name__}: {e}")


def expect_error(code, body):
    cls = ERRORS[code]
    try:
        body()
    except tm.TokenmeterError as e:
        check(isinstance(e, cls), f"expected {code}, got {type(e).__name__}: {e}")
        check(str(e).strip() != "", f"{code} without a message")
        return e
    raise CheckFailed(f"expected {code}, nothing was raised")


# ---- JSON -> records ---------------------------------------------------------------------------

PARTS = {"text": tm.ContentPart.TEXT, "input_text": tm.ContentPart.INPUT_TEXT,
         "output_text": tm.ContentPart.OUTPUT_TEXT}


def content(value):
    if value is None:
        return None
    if isinstance(value, str):
        return tm.Content.TEXT(text=value)
    return tm.Content.PARTS(parts=[PARTS[p["type"]](text=p.get("text", "")) for p in value])


def message(m):
    calls = [tm.ToolCall(id=c.get("id", ""), kind=c.get("type", "function"),
                         function=tm.FunctionCall(name=c["function"]["name"],
                                                  arguments=c["function"].get("arguments", "")))
             for c in m.get("tool_calls", [])]
    return tm.Message(role=m.get("role", ""), content=content(m.get("content")), name=m.get("name"),
                      tool_calls=calls, tool_call_id=m.get("tool_call_id"))


def tool(t):
    f = t["function"]
    params = f.get("parameters")
    return tm.Tool(kind=t.get("type", "function"), function=tm.FunctionDef(
        name=f["name"], description=f.get("description"),
        parameters_json=None if params is None else json.dumps(params)))


# ---- one function per vector file --------------------------------------------------------------

catalog = tm.Catalog.bundled()
_tokenizers = {}


def tokenizer(encoding, allow):
    key = (encoding, allow)
    if key not in _tokenizers:
        _tokenizers[key] = tm.Tokenizer.from_encoding(encoding).with_allow_special(allow)
    return _tokenizers[key]


def run_count(name, cases, root):
    for c in cases:
        inp = c["input"]
        cid = f"{name}/{c['id']}"
        allow = inp.get("allow_special", False)
        if "error" in c:
            case(cid, lambda: expect_error(c["error"], lambda: tokenizer(inp["encoding"], allow).count(inp["text"])))
            continue

        def body(inp=inp, c=c, allow=allow):
            tok = tokenizer(inp["encoding"], allow)
            text, want = inp["text"], c["expect"]
            # Cold (the thread's piece cache emptied), then warm: the same count.
            tm.clear_thread_cache()
            check(tok.count(text) == want["tokens"], f"count {tok.count(text)} != {want['tokens']}")
            check(tok.count(text) == want["tokens"], f"warm count {tok.count(text)} != {want['tokens']}")
            check(tok.encode(text) == want["ids"], "ids differ")
            # decode(encode(t)) == t for ordinary text; with specials allowed, o200k_harmony's
            # id 200018 has two names (<|endofprompt|> and <|reserved_200018|>), so no identity.
            if not allow:
                check(tok.decode(want["ids"]) == text, "decode(ids) != text")
            up = tok.count_up_to(text, want["tokens"])
            check(not up.exceeded and up.tokens == want["tokens"], f"count_up_to(count) = {up}")
            if want["tokens"] > 0:
                up = tok.count_up_to(text, want["tokens"] - 1)
                check(up.exceeded and up.tokens > want["tokens"] - 1, f"count_up_to(count - 1) = {up}")
        case(cid, body)


def run_hf_count(name, cases, root):
    for c in cases:
        inp = c["input"]

        def body(inp=inp, c=c):
            tok = tm.Tokenizer.from_hf_file(str(root / inp["tokenizer_file"])).with_allow_special(
                inp.get("allow_special", False))
            if "error" in c:
                expect_error(c["error"], lambda: tok.count(inp["text"]))
                return
            check(tok.count(inp["text"]) == c["expect"]["tokens"], f"count {tok.count(inp['text'])}")
            check(tok.encode(inp["text"]) == c["expect"]["ids"], "ids differ")
        case(f"{name}/{c['id']}", body)


def run_chat(name, cases, root):
    for c in cases:
        inp = c["input"]

        def body(inp=inp, c=c):
            messages = [message(m) for m in inp["messages"]]
            tools = [tool(t) for t in inp.get("tools", [])]
            if "error" in c:
                expect_error(c["error"], lambda: catalog.count_chat(inp["model"], messages, tools))
                return
            got = catalog.count_chat(inp["model"], messages, tools)
            check(got.tokens == c["expect"]["tokens"], f"tokens {got.tokens} != {c['expect']['tokens']}")
            check(got.exact == c["expect"]["exact"], f"exact {got.exact} != {c['expect']['exact']}")
            parsed = tm.parse_chat(json.dumps({"messages": inp["messages"], "tools": inp.get("tools", [])}))
            check(parsed.messages == messages, "parse_chat gives other messages than the records")
        case(f"{name}/{c['id']}", body)


def run_resolve(name, cases, root):
    for c in cases:
        def body(c=c):
            if "error" in c:
                expect_error(c["error"], lambda: catalog.resolve(c["input"]["name"]))
                return
            got = catalog.resolve(c["input"]["name"])
            check(got.model.id == c["expect"]["model"], f"resolved to {got.model.id}")
        case(f"{name}/{c['id']}", body)


def run_errors(name, cases, root):
    ops = {
        "count": lambda i: tm.Tokenizer.from_encoding(i["encoding"]).count(i.get("text", "")),
        "model": lambda i: catalog.get(i["model"]),
        "estimate": lambda i: tm.Tokenizer.estimate(i["profile"]),
        "chat": lambda i: (lambda r: catalog.count_chat(i["model"], r.messages, r.tools))(
            tm.parse_chat(i["chat_json"])),
        "hf_bytes": lambda i: tm.Tokenizer.from_hf_bytes(i["tokenizer_json"].encode("utf-8")),
        "hf_file": lambda i: tm.Tokenizer.from_hf_file(str(root / i["tokenizer_file"])),
        "decode": lambda i: tm.Tokenizer.from_encoding(i["encoding"]).decode(i["ids"]),
    }
    for c in cases:
        cid = f"{name}/{c['id']}"
        op = ops.get(c["input"].get("op"))
        if op is None or "error" not in c:
            skipped.append(f"{cid} (op {c['input'].get('op')} not wrapped yet)")
            continue
        case(cid, lambda c=c, op=op: expect_error(c["error"], lambda: op(c["input"])))


RUNNERS = {"count": run_count, "hf_count": run_hf_count, "chat": run_chat,
           "resolve": run_resolve, "errors": run_errors}


def main():
    vectors = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/vectors")
    root = Path(sys.argv[2] if len(sys.argv) > 2 else ".")

    def message_names_input():
        e = expect_error("UNKNOWN_ENCODING", lambda: tm.Tokenizer.from_encoding("o300k_base"))
        check("o300k_base" in str(e), f"message does not name the input: {e}")
    case("surface/error-message-names-the-input", message_names_input)

    # The core's rustdoc examples (truncate.rs, cost.rs) through the Python FFI layer.
    tok = tm.Tokenizer.from_encoding("o200k_base")

    def truncate_example():
        cut = tok.truncate("one two three four five", tm.TruncateOptions(budget=3))
        check(cut.text == "one two three" and cut.tokens == 3, f"truncate gave {cut}")
        expect_error("INVALID_INPUT", lambda: tok.truncate("x", tm.TruncateOptions(budget=0)))
    case("surface/truncate", truncate_example)

    def cost_example():
        usage = tm.usage_from_json(json.dumps({"type": "message", "usage": {
            "input_tokens": 50, "cache_read_input_tokens": 10000, "cache_creation_input_tokens": 3000,
            "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000},
            "output_tokens": 400}}))
        cost = catalog.cost("us.anthropic.claude-sonnet-4-5-20250929-v1:0", usage,
                            tm.CostOptions(variant="batch", at="2025-10-10"))
        from decimal import Decimal
        check(Decimal(cost.total) == Decimal("0.01245"), f"total {cost.total}")
        check(sum(Decimal(line.amount) for line in cost.lines) == Decimal(cost.total), "lines do not add up")
    case("surface/cost", cost_example)

    files = sorted(vectors.glob("*.json")) if vectors.is_dir() else []
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        run = RUNNERS.get(doc.get("op", f.stem))
        if run is None:
            skipped.append(f"{f.name} (op {doc.get('op')}: not run by this runner; ConformanceMain.kt runs it)")
            continue
        run(f.stem, doc["cases"], root)
    for op in RUNNERS:
        if not (vectors / f"{op}.json").exists():
            print(f"note: {vectors / (op + '.json')} not present")
    if skipped:
        print("skipped: " + "; ".join(skipped))
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
