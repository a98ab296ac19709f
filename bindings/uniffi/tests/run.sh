#!/usr/bin/env bash
# Tests of the uniffi bindings: builds the cdylib and uniffi-bindgen (debug), generates the
# Kotlin, Swift and Python sources, then
#   - Python: runs the conformance vectors through uniffi's generated Python bindings;
#   - Kotlin: compiles ConformanceMain.kt with the generated Kotlin and runs it over JNA;
#   - Swift: checks the generated sources, header and modulemap (swiftc is not installable on
#     this machine, so the Swift code itself is not compiled here; the C header is).
# Needs: kotlinc from `npm ci` in this folder, JNA (Debian libjna-java), Gson (Debian
# libgoogle-gson-java), a JDK, python3, cc. .ci/run installs them on a fresh machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"

target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
out="$target_dir/uniffi-test"
# With CARGO_BUILD_TARGET set (scripts/test-all.sh sets it for one shared build with napi and
# maturin), cargo puts artifacts under target/<triple>/.
build_dir="$target_dir/${CARGO_BUILD_TARGET:+$CARGO_BUILD_TARGET/}debug"
lib="$build_dir/libtokenmeter_uniffi.so"
vectors="$root/tests/vectors"

echo "--- build the cdylib and uniffi-bindgen (debug)"
cargo build -p tokenmeter-uniffi -p uniffi-bindgen

echo "--- generate Kotlin, Swift and Python into $out"
rm -rf "$out"
for lang in kotlin swift python; do
    "$build_dir/uniffi-bindgen" generate --library "$lib" --language "$lang" \
        --out-dir "$out/$lang" --no-format
done

echo "--- Swift: generated files (not compiled: no swiftc on this machine)"
for f in Tokenmeter.swift TokenmeterFFI.h TokenmeterFFI.modulemap; do
    test -s "$out/swift/$f" || { echo "missing or empty: $out/swift/$f" >&2; exit 1; }
done
grep -q 'header "TokenmeterFFI.h"' "$out/swift/TokenmeterFFI.modulemap"
grep -q 'open class Tokenizer: TokenizerProtocol' "$out/swift/Tokenmeter.swift"
grep -q 'enum TokenmeterError: Swift.Error' "$out/swift/Tokenmeter.swift"
# The header as a C translation unit. It uses clang's nullability qualifiers, which gcc lacks.
printf '#include "TokenmeterFFI.h"\n' | cc -fsyntax-only -Wall -Werror \
    -D_Nullable= -D_Nonnull= -D_Null_unspecified= -I"$out/swift" -x c -
# Every C function the Swift code calls must be declared in the header and exported by the library.
missing=0
nm -D --defined-only "$lib" | awk '{print $3}' > "$out/exported.txt"
for sym in $(grep -o 'uniffi_tokenmeter_uniffi_[a-z0-9_]*' "$out/swift/Tokenmeter.swift" | sort -u); do
    grep -q "\b$sym\b" "$out/swift/TokenmeterFFI.h" || { echo "not in header: $sym" >&2; missing=1; }
    grep -qx "$sym" "$out/exported.txt" || { echo "not exported: $sym" >&2; missing=1; }
done
test "$missing" = 0
echo "Swift sources, header and modulemap generated; header compiles as C; symbols match the library"

echo "--- Python: uniffi's generated bindings over the cdylib"
cp "$lib" "$out/python/"
PYTHONPATH="$out/python" python3 "$here/conformance_uniffi.py" "$vectors" "$root"

echo "--- Kotlin: compile and run ConformanceMain.kt over JNA"
kotlinc="$here/node_modules/kotlin-compiler/bin/kotlinc"
if [ ! -x "$kotlinc" ]; then
    (cd "$here" && npm ci --no-audit --no-fund)
fi
jna=/usr/share/java/jna.jar
gson=/usr/share/java/gson.jar
for jar in "$jna" "$gson"; do
    test -f "$jar" || { echo "missing $jar (apt-get install libjna-java libgoogle-gson-java)" >&2; exit 1; }
done
kotlin_src="$(find "$out/kotlin" -name '*.kt')"
"$kotlinc" -nowarn -include-runtime -cp "$jna:$gson" -d "$out/conformance.jar" \
    $kotlin_src "$here/ConformanceMain.kt"
java -Djna.library.path="$(dirname "$lib")" -cp "$out/conformance.jar:$jna:$gson" \
    ConformanceMainKt "$vectors" "$root"
