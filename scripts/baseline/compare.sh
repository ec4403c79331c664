#!/usr/bin/env bash
# Side by side on the same input and the same core: `newsgraph bench --json` and the
# spaCy + textacy baseline (scripts/baseline/spacy_textacy.py), then the ratio of their
# speeds. Needs .venv from scripts/baseline/setup.sh. Extra arguments (e.g. --naeb PATH,
# --input DIR) go to both.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
py="$root/.venv/bin/python"
if [ ! -x "$py" ]; then
    echo "compare.sh: no .venv; run scripts/baseline/setup.sh first" >&2
    exit 2
fi
# Both on the same single core when taskset is there (util-linux).
pin=()
if command -v taskset >/dev/null; then
    pin=(taskset -c 0)
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo build --release --quiet -p newsgraph
# bench exits 1 when it finds no quotation; still compare what it measured.
"${pin[@]}" target/release/newsgraph bench --json "$@" >"$out/newsgraph.json" || echo "compare.sh: newsgraph bench exited $?" >&2
"${pin[@]}" "$py" scripts/baseline/spacy_textacy.py --json "$@" >"$out/baseline.json" || echo "compare.sh: baseline exited $?" >&2
python3 - "$out/newsgraph.json" "$out/baseline.json" <<'PY'
import json, sys
ng, bl = (json.load(open(p)) for p in sys.argv[1:3])
if ng["bytes"] != bl["bytes"] or ng["docs"] != bl["docs"]:
    sys.exit(f"compare.sh: inputs differ: newsgraph {ng['docs']} docs / {ng['bytes']} bytes, "
             f"baseline {bl['docs']} docs / {bl['bytes']} bytes")
print(f"machine: {ng['machine']}, 1 thread; {ng['docs']} docs, {ng['bytes']} bytes, {ng['words']} words")
print(f"{'':24}{'docs/s':>12}{'words/s':>14}{'MB/s':>10}{'quotes':>8}")
for name, r in (("newsgraph", ng), ("spaCy + textacy", bl)):
    print(f"{name:24}{r['docs_per_s']:12.1f}{r['words_per_s']:14.0f}{r['mb_per_s']:10.3f}{r['quotes']:8}")
print(f"baseline: {bl['tool']}; textacy refused {bl['docs_bailed']} documents (unbalanced quotation marks)")
print(f"newsgraph / baseline: {ng['words_per_s'] / bl['words_per_s']:.0f}x (words/s)")
PY
