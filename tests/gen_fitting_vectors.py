#!/usr/bin/env python3
"""Writes tests/vectors/{truncate,fit,pack,prune,redact}.json for the fitting operations.

Token counts come from OpenAI's tiktoken (PyPI), run offline: point TIKTOKEN_CACHE_DIR at a
folder holding the rank files that tiktoken-rs embeds, named by the SHA-1 of their URL (see
/work/shared/BUILD-NOTES.md). Grapheme clusters come from the `regex` module's \\X.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install tiktoken regex
    TIKTOKEN_CACHE_DIR=/tmp/tkcache /tmp/v/bin/python tests/gen_fitting_vectors.py

Each expectation is computed here from those references, by the rule the Rust docs state,
never by running tokenmeter. Where a rule has no outside reference (prune's markdown and
dedupe passes), the case states properties (`contains` / `not_contains`) instead of an output.
"""

import hashlib
import ipaddress
import json
import os
import sys

import regex
import tiktoken

ROOT = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(ROOT, "vectors")
ENC = tiktoken.get_encoding("o200k_base")
PEERS = f"tiktoken {tiktoken.__version__} (o200k_base), regex {regex.__version__} (\\X graphemes), Python {sys.version.split()[0]}"


def count(text):
    return len(ENC.encode(text, disallowed_special=()))


def write(op, about, cases):
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), f"duplicate ids in {op}"
    with open(os.path.join(OUT, f"{op}.json"), "w", encoding="utf-8") as f:
        json.dump({"about": about, "op": op, "cases": cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")


# --- truncate ------------------------------------------------------------------------------

def graphemes(text):
    """Byte offsets of grapheme boundaries, including 0 and len."""
    out, at = [0], 0
    for g in regex.findall(r"\X", text):
        at += len(g.encode())
        out.append(at)
    return set(out)


def spans(text):
    ids = ENC.encode(text, disallowed_special=())
    at, out = 0, []
    for t in ids:
        n = len(ENC.decode_single_token_bytes(t))
        out.append((at, at + n))
        at += n
    return out


def head_cut(text, budget):
    """The candidate (token end on a grapheme boundary) where the kept prefix fits and the next
    candidate does not. Returns None when counts are not monotone around the answer (skip)."""
    b = text.encode()
    g = graphemes(text)
    cands = [0] + sorted({e for _, e in spans(text) if e in g})
    fits = [count(b[:c].decode()) <= budget for c in cands]
    transitions = [i for i in range(len(cands)) if fits[i] and (i + 1 == len(cands) or not fits[i + 1])]
    if len(transitions) != 1:
        return None
    c = cands[transitions[0]]
    return c


def tail_cut(text, budget):
    b = text.encode()
    g = graphemes(text)
    cands = [len(b)] + sorted({s for s, _ in spans(text) if s in g}, reverse=True)
    fits = [count(b[c:].decode()) <= budget for c in cands]
    transitions = [i for i in range(len(cands)) if fits[i] and (i + 1 == len(cands) or not fits[i + 1])]
    if len(transitions) != 1:
        return None
    return cands[transitions[0]]


def truncate_cases():
    texts = {
        "english": "The quick brown fox jumps over the lazy dog. " * 6,
        "accents": "Crème brûlée, naïve façade, São Paulo, Zürich, Ærøskøbing. " * 4,
        "emoji": "Family 👨‍👩‍👧‍👦 flag 🏳️‍🌈 thumbs 👍🏽 and keycap 1️⃣ done. " * 3,
        "cjk": "東京は日本の首都です。大阪は商業の中心地です。京都には多くの寺があります。" * 3,
        "combining": "e\u0301 a\u0308 o\u0302 n\u0303 " * 12,
        "code": "fn main() {\n    let x = vec![1, 2, 3];\n    println!(\"{:?}\", x);\n}\n" * 4,
        "devanagari": "नमस्ते दुनिया, यह एक परीक्षण है। " * 5,
    }
    cases = []
    for name, text in texts.items():
        for budget in (1, 3, 10, 25, 60):
            for keep in ("head", "tail"):
                cut = head_cut(text, budget) if keep == "head" else tail_cut(text, budget)
                if cut is None:
                    continue
                b = text.encode()
                kept = b[:cut].decode() if keep == "head" else b[cut:].decode()
                cases.append({
                    "id": f"{keep}-{name}-{budget}",
                    "input": {"encoding": "o200k_base", "text": text, "budget": budget, "keep": keep},
                    "expect": {"text": kept, "tokens": count(kept), "truncated": kept != text},
                })
    cases.append({"id": "fits-unchanged", "input": {"encoding": "o200k_base", "text": "hello world", "budget": 2, "keep": "both"},
                  "expect": {"text": "hello world", "tokens": 2, "truncated": False}})
    for name in ("english", "emoji", "cjk"):
        for budget in (12, 40):
            cases.append({
                "id": f"both-{name}-{budget}",
                "input": {"encoding": "o200k_base", "text": texts[name], "budget": budget, "keep": "both", "marker": " [...] "},
                "expect": {"max_tokens": budget, "marker": " [...] ", "ends_preserved": True},
            })
    cases.append({"id": "zero-budget", "input": {"encoding": "o200k_base", "text": "abc", "budget": 0, "keep": "head"}, "error": "INVALID_INPUT"})
    cases.append({"id": "bad-keep", "input": {"encoding": "o200k_base", "text": "abc", "budget": 5, "keep": "middle"}, "error": "INVALID_INPUT"})
    cases.append({"id": "marker-too-big", "input": {"encoding": "o200k_base", "text": "x " * 50, "budget": 2, "keep": "both", "marker": " and a marker longer than the budget "}, "error": "BUDGET_EXCEEDED"})
    about = (
        "truncate: input {encoding, text, budget, keep: head|tail|both, marker?}. For head/tail the expected "
        "text is the kept prefix/suffix ending on a token boundary (tiktoken's token byte spans) that is also a "
        "grapheme boundary (\\X), such that it fits the budget and the next such boundary does not; cases where "
        "prefix counts are not monotone around the answer are skipped. tokens = tiktoken's count of the kept text. "
        "For both, the split between head and tail is tokenmeter's own rule, so the case states properties: "
        "tokens <= max_tokens, the text is input[..h] + marker + input[t..]. Peers: " + PEERS
    )
    write("truncate", about, cases)


# --- fit -----------------------------------------------------------------------------------

def message_cost(m):
    """OpenAI cookbook rule (3 per message, 1 per name) plus tokenmeter's documented estimate for
    tool calls: 3 + name + arguments per call."""
    n = 3 + count(m["role"])
    if m.get("content") is not None:
        n += count(m["content"])
    if m.get("name"):
        n += count(m["name"]) + 1
    for c in m.get("tool_calls", []):
        n += 3 + count(c["function"]["name"]) + count(c["function"]["arguments"])
    return n


def fit_reference(messages, budget):
    last_user = max((i for i, m in enumerate(messages) if m["role"] == "user"), default=None)
    pinned = {i for i, m in enumerate(messages) if m["role"] in ("system", "developer") or i == last_user}
    units, taken = [], set()
    for i, m in enumerate(messages):
        if i in pinned or i in taken:
            continue
        unit = [i]
        taken.add(i)
        ids = {c["id"] for c in m.get("tool_calls", [])}
        if ids:
            for j in range(i + 1, len(messages)):
                if messages[j]["role"] != "tool":
                    break
                if messages[j].get("tool_call_id") in ids and j not in pinned:
                    unit.append(j)
                    taken.add(j)
        units.append(unit)
    used = 3 + sum(message_cost(messages[i]) for i in pinned)
    if used > budget:
        return None
    keep = set(pinned)
    for unit in reversed(units):
        c = sum(message_cost(messages[i]) for i in unit)
        if used + c > budget:
            break
        used += c
        keep |= set(unit)
    kept = sorted(keep)
    return kept, 3 + sum(message_cost(messages[i]) for i in kept)


def fit_cases():
    def call(id_, name, args):
        return {"id": id_, "type": "function", "function": {"name": name, "arguments": args}}
    history = [
        {"role": "system", "content": "You are a support agent for a bicycle shop. Answer briefly."},
        {"role": "user", "content": "My order 5521 has not arrived. Can you check where it is?"},
        {"role": "assistant", "content": None, "tool_calls": [call("call_1", "order_status", "{\"order\":5521}")]},
        {"role": "tool", "tool_call_id": "call_1", "content": "{\"status\":\"in transit\",\"carrier\":\"DHL\",\"eta\":\"2026-12-05\"}"},
        {"role": "assistant", "content": "Your order is in transit with DHL and should arrive on December 5."},
        {"role": "user", "content": "Can I change the delivery address to my office at 12 Harbour Street?"},
        {"role": "assistant", "content": None, "tool_calls": [call("call_2", "carrier_lookup", "{\"carrier\":\"DHL\"}"), call("call_3", "address_check", "{\"street\":\"12 Harbour Street\"}")]},
        {"role": "tool", "tool_call_id": "call_2", "content": "{\"redirect\":true,\"fee\":0}"},
        {"role": "tool", "tool_call_id": "call_3", "content": "{\"valid\":true}"},
        {"role": "assistant", "content": "Yes, DHL can redirect it to 12 Harbour Street at no cost."},
        {"role": "user", "content": "Great, please do that."},
    ]
    full = 3 + sum(message_cost(m) for m in history)
    cases = []
    for budget in (40, 60, 80, 100, 120, 140, 160, full - 1, full):
        ref = fit_reference(history, budget)
        base = {"id": f"support-{budget}", "input": {"model": "gpt-4o", "messages": history, "tools": [], "budget": budget}}
        if ref is None:
            base["error"] = "BUDGET_EXCEEDED"
        else:
            base["expect"] = {"kept": ref[0], "tokens": ref[1]}
        cases.append(base)
    cases.append({"id": "zero-budget", "input": {"model": "gpt-4o", "messages": history, "tools": [], "budget": 0}, "error": "INVALID_INPUT"})
    cases.append({"id": "empty-history", "input": {"model": "gpt-4o", "messages": [], "tools": [], "budget": 100}, "error": "INVALID_INPUT"})
    about = (
        "fit: input {model, messages (OpenAI shape), tools, budget}; expect {kept: input indices, tokens}. "
        "Reference: this generator's implementation of the documented rule (system messages and the last user "
        "message pinned; assistant tool calls grouped with their results; newest units kept while they fit) with "
        "per-message costs from the OpenAI cookbook rule (3 per message + role + content, 3 to prime the reply) and "
        "tokenmeter's documented tool-call estimate (3 + name + arguments per call), all counted by tiktoken. "
        "Peers: " + PEERS
    )
    write("fit", about, cases)


# --- pack ----------------------------------------------------------------------------------

def pack_reference(sections, budget, sep="\n\n"):
    levels = sorted({s["priority"] for s in sections}, reverse=True)
    best = None
    for k in range(1, len(levels) + 1):
        cutoff = levels[k - 1]
        inc = sorted((i for i, s in enumerate(sections) if s["priority"] >= cutoff), key=lambda i: (sections[i]["position"], i))
        text = sep.join(sections[i]["text"] for i in inc)
        if count(text) > budget:
            break
        best = (cutoff, inc, text)
    return best


def pack_cases():
    sections = [
        {"text": "You are a helpful assistant for the Acme knowledge base.", "priority": 100, "position": 0},
        {"text": "Article: Resetting your password. Open Settings, choose Security, then Reset password.", "priority": 40, "position": 2},
        {"text": "Article: Two-factor authentication. Install an authenticator app and scan the code.", "priority": 30, "position": 3},
        {"text": "Article: Billing cycles. Invoices are issued on the first day of each month.", "priority": 10, "position": 4},
        {"text": "Earlier conversation: the user asked about invoices last week.", "priority": 20, "position": 1},
        {"text": "Question: I forgot my password and my phone is lost. What now?", "priority": 90, "position": 5},
    ]
    cases = []
    for budget in (20, 30, 45, 60, 75, 90, 200):
        ref = pack_reference(sections, budget)
        c = {"id": f"kb-{budget}", "input": {"encoding": "o200k_base", "sections": sections, "budget": budget}}
        if ref is None:
            c["error"] = "BUDGET_EXCEEDED"
        else:
            c["expect"] = {"cutoff": ref[0], "included": ref[1], "text": ref[2], "tokens": count(ref[2])}
        cases.append(c)
    # Sections that start with a newline or spaces: joined, they merge with the separator, so
    # the sum of their separate counts overestimates the prompt (pack once stopped a level short).
    ws_texts = ["a", "bfe", "\na a uaa", "agvavcsa bba aaxc eaa", "\na", "\nbldc kf qac abf",
                "cbbd qebc a bsfhmbf", "\na", "\nanb a a auh"]
    ws = [{"text": t, "priority": 0, "position": 0} for t in ws_texts] + [{"text": "  uafcbd", "priority": 1, "position": 0}]
    full = count("\n\n".join(s["text"] for s in ws))
    for budget in (full, full - 1):
        ref = pack_reference(ws, budget)
        cases.append({"id": f"whitespace-edged-{budget}", "input": {"encoding": "o200k_base", "sections": ws, "budget": budget},
                      "expect": {"cutoff": ref[0], "included": ref[1], "text": ref[2], "tokens": count(ref[2])}})
    cases.append({"id": "zero-budget", "input": {"encoding": "o200k_base", "sections": sections, "budget": 0}, "error": "INVALID_INPUT"})
    about = (
        "pack: input {encoding, sections: [{text, priority, position}], budget}, separator \"\\n\\n\"; expect "
        "{cutoff, included (input indices in prompt order), text, tokens}. Reference: brute force over priority "
        "cutoffs, highest first, keeping the lowest cutoff whose joined prompt (sections with priority >= cutoff "
        "in position order) has at most budget tokens by tiktoken. Peers: " + PEERS
    )
    write("pack", about, cases)


# --- prune ---------------------------------------------------------------------------------

def prune_cases():
    api = {"id": 1347, "title": "Found a bug", "user": {"login": "octocat", "id": 1}, "labels": [{"name": "bug", "color": "f29513"}, {"name": "ui", "color": "c5def5"}], "state": "open", "body": "I'm having a problem with this.\n"}
    pretty = json.dumps(api, indent=2, ensure_ascii=False) + "\n"
    minified = json.dumps(api, separators=(",", ":"), ensure_ascii=False)
    cases = [
        {"id": "json-minify", "input": {"encoding": "o200k_base", "passes": ["json"], "text": pretty},
         "expect": {"text": minified, "tokens_before": count(pretty), "tokens_after": count(minified)}},
        {"id": "json-not-json", "input": {"encoding": "o200k_base", "passes": ["json"], "text": "not { json"},
         "expect": {"text": "not { json", "tokens_before": count("not { json"), "tokens_after": count("not { json")}},
        {"id": "json-table", "input": {"encoding": "o200k_base", "passes": ["json_table"], "text": json.dumps(api["labels"], indent=2)},
         "expect": {"text": json.dumps({"columns": ["name", "color"], "rows": [["bug", "f29513"], ["ui", "c5def5"]]}, separators=(",", ":"))}},
        {"id": "markdown", "input": {"encoding": "o200k_base", "passes": ["markdown"], "text": "# Title\n\nSome **bold** and [a link](https://example.com).\n\n- item one\n- item `two`\n"},
         "expect": {"contains": ["Title", "Some bold and a link.", "- item one", "- item two"], "not_contains": ["**", "](", "https://example.com", "`", "#"]}},
        {"id": "dedupe-log", "input": {"encoding": "o200k_base", "passes": ["dedupe"], "text": "".join(f"2026-12-03T10:00:{i:02d} INFO worker-{i} heartbeat ok\n" for i in range(20)) + "2026-12-03T10:01:00 ERROR disk full\n"},
         "expect": {"contains": ["2026-12-03T10:00:00 INFO worker-0 heartbeat ok", "ERROR disk full", "[19 similar lines omitted]"], "not_contains": ["worker-7 "]}},
        {"id": "dedupe-quoted-reply", "input": {"encoding": "o200k_base", "passes": ["dedupe", "whitespace"], "text": "Thanks, that fixed it.\n\nOn Tue, Dec 1, 2026 at 9:14 AM Support <help@example.com> wrote:\n> Please clear the cache and restart the app.\n>\n\nPlease clear the cache and restart the app.\n"},
         "expect": {"contains": ["Thanks, that fixed it.", "Please clear the cache and restart the app."], "not_contains": ["> Please", "wrote:"]}},
        {"id": "whitespace", "input": {"encoding": "o200k_base", "passes": ["whitespace"], "text": "a   b\t c  \r\n\r\n\r\n  indented\u00a0x\n"},
         "expect": {"text": "a b c\n\n  indented x\n", "tokens_after": count("a b c\n\n  indented x\n")}},
        {"id": "unknown-pass", "input": {"encoding": "o200k_base", "passes": ["json", "zip"], "text": "x"}, "error": "INVALID_INPUT"},
    ]
    about = (
        "prune: input {encoding, passes: [names], text}; expect {text?, tokens_before?, tokens_after?, contains?, "
        "not_contains?}. json expectations are Python's json.dumps(separators=(',', ':')) of the parsed input (same "
        "key order; inputs have no floats whose spelling Python would change); whitespace follows the documented "
        "rules; markdown and dedupe have no outside reference, so their cases state properties of the output. "
        "Token counts by tiktoken. Peers: " + PEERS
    )
    write("prune", about, cases)


# --- redact --------------------------------------------------------------------------------

def luhn(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch)
        if i % 2:
            v = v * 2 - 9 if v * 2 > 9 else v * 2
        s += v
    return s % 10 == 0


def iban_ok(s):
    s = s.replace(" ", "")
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def expect(parts):
    """(text, redacted text, mapping) for (text, kind or None) parts joined by spaces. A new
    placeholder is numbered after the highest of its kind so far, skipping any that the input
    already holds; a kind ending in "." marks a value followed by a full stop."""
    text = " ".join(t for t, _ in parts)
    counters, seen, out_words, mapping = {}, {}, [], []
    for word, kind in parts:
        if kind is None:
            out_words.append(word)
            continue
        suffix = ""
        if kind.endswith("."):
            kind, word, suffix = kind[:-1], word[:-1], "."
        if word not in seen:
            n = counters.get(kind, 0) + 1
            while f"<{kind}_{n}>" in text:
                n += 1
            counters[kind] = n
            seen[word] = f"<{kind}_{n}>"
            mapping.append({"placeholder": seen[word], "kind": kind, "value": word})
        out_words.append(seen[word] + suffix)
    return text, " ".join(out_words), mapping


def redact_cases():
    # (text, kind or None). Kinds are confirmed here by Python's own checks.
    parts = [
        ("Contact", None), ("maria.garcia@example.es", "EMAIL"), ("or", None), ("+34 912 345 678", "PHONE"),
        ("about card", None), ("4012 8888 8888 1881", "CARD"), ("(not", None), ("4012 8888 8888 1882)", None),
        ("and account", None), ("DE89 3704 0044 0532 0130 00", "IBAN"), ("(typo:", None), ("DE89 3704 0044 0532 0130 02)", None),
        ("from host", None), ("203.0.113.7", "IP"), ("or", None), ("2001:db8::1", "IP"),
        ("on 2026-12-03 at 10:15:00; again", None), ("maria.garcia@example.es.", "EMAIL."),
    ]
    assert luhn("4012888888881881") and not luhn("4012888888881882")
    assert iban_ok("DE89 3704 0044 0532 0130 00") and not iban_ok("DE89 3704 0044 0532 0130 02")
    ipaddress.ip_address("203.0.113.7"), ipaddress.ip_address("2001:db8::1")
    text, expected, mapping = expect(parts)
    cases = [
        {"id": "mixed-pii", "input": {"encoding": "o200k_base", "text": text},
         "expect": {"text": expected, "mapping": mapping, "restored": text,
                    "tokens_before": count(text), "tokens_after": count(expected)}},
        {"id": "custom-pattern", "input": {"encoding": "o200k_base", "text": "Ticket TCK-2291 reopened by TCK-2291 owner", "patterns": {"TICKET": "TCK-[0-9]+"}},
         "expect": {"text": "Ticket <TICKET_1> reopened by <TICKET_1> owner", "restored": "Ticket TCK-2291 reopened by TCK-2291 owner"}},
        {"id": "bad-pattern", "input": {"encoding": "o200k_base", "text": "x", "patterns": {"BAD": "("}}, "error": "INVALID_INPUT"},
    ]
    # An IBAN right before an upper-case word or a number is still an IBAN (mod-97 on the IBAN
    # alone; the longer run fails it).
    assert iban_ok("DE89370400440532013000") and iban_ok("GB82 WEST 1234 5698 7654 32")
    assert not iban_ok("DE89 3704 0044 0532 0130 00 BIC COBADEFFXX")
    # A placeholder-like string already in the input is never issued: restore gives the input back.
    # `::` in code is not an address (no digit), the hosts are (Python's ipaddress).
    for a in ("::1", "2001:db8::1"):
        ipaddress.ip_address(a)
    for name, parts in [
        ("iban-before-word-or-number", [
            ("IBAN", None), ("DE89 3704 0044 0532 0130 00", "IBAN"), ("BIC COBADEFFXXX, or", None),
            ("DE89370400440532013000", "IBAN"), ("EUR today;", None), ("GB82 WEST 1234 5698 7654 32", "IBAN"),
            ("SWIFT: NWBKGB2L", None)]),
        ("placeholder-in-input", [
            ("literal <EMAIL_1> and <IP_1> then", None), ("ana@example.com", "EMAIL"), ("at", None),
            ("203.0.113.7", "IP")]),
        ("double-colon-in-code", [
            ("foo :: Int -> Int; use ::std::fmt; a::b; Foo::bar() but", None), ("::1", "IP"), ("and", None),
            ("2001:db8::1", "IP"), ("are hosts", None)]),
    ]:
        text, expected_text, mapping = expect(parts)
        cases.append({"id": name, "input": {"encoding": "o200k_base", "text": text},
                      "expect": {"text": expected_text, "mapping": mapping, "restored": text}})
    about = (
        "redact: input {encoding, text, patterns?: {LABEL: regex}}; expect {text, mapping?, restored, tokens_before?, "
        "tokens_after?}. The text is built from parts whose kind this generator confirms independently (Luhn, ISO "
        "13616 mod-97, Python's ipaddress); placeholders are numbered per kind in order of first appearance, skipping any the input "
        "already holds; "
        "restored is the original. Token counts by tiktoken. Peers: " + PEERS
    )
    write("redact", about, cases)


if __name__ == "__main__":
    truncate_cases()
    fit_cases()
    pack_cases()
    prune_cases()
    redact_cases()
    print("wrote", ", ".join(f"{op}.json" for op in ("truncate", "fit", "pack", "prune", "redact")))
