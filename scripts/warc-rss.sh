#!/usr/bin/env bash
# Bounded memory on a large archive: builds a CC-NEWS-style WARC.gz of at least 1 GB (one gzip
# member per record; request + response records; the NAEB pages repeated under varying target
# URIs and dates) and measures peak RSS and throughput of `newsgraph read` and, unless
# SKIP_INGEST=1, `newsgraph ingest` into a temporary SQLite store, with /usr/bin/time -v; then
# the same peak RSS on an archive of 96 pages of ~6.8 MB each.
#
#   scripts/warc-rss.sh                  # NAEB pages from ../shared/data/extraction/naeb/html
#   NAEB=/path/to/html OUT=/tmp/x TARGET_BYTES=2000000000 scripts/warc-rss.sh
#
# The archive is written under $OUT (default /tmp/newsgraph-warc-rss), never into the
# repository, and reused when it is already there. Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

naeb=${NAEB:-../shared/data/extraction/naeb/html}
out=${OUT:-/tmp/newsgraph-warc-rss}
target=${TARGET_BYTES:-1073741824}
warc="$out/naeb-cc-news.warc.gz"
mkdir -p "$out"

if [ ! -d "$naeb" ]; then
    echo "warc-rss.sh: no NAEB pages at $naeb (set NAEB=...)" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "warc-rss.sh: /usr/bin/time (GNU time) is missing: apt-get install time" >&2
    exit 2
fi

if [ ! -s "$warc" ] || [ "$(stat -c %s "$warc")" -lt "$target" ]; then
    echo "building $warc (>= $target bytes) from $naeb ..." >&2
    python3 - "$naeb" "$warc" "$target" <<'PY'
import gzip, os, sys, uuid, datetime
from multiprocessing import Pool

naeb, path, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(n for n in os.listdir(naeb) if n.endswith(".html"))
pages = [open(os.path.join(naeb, n), "rb").read() for n in names]

def record(kind, uri, date, ctype, block):
    rid = uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}:{uri}")
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    # CC-NEWS writes one gzip member per record, at zlib's default level.
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=6, mtime=0)

def one_pass(p):
    start = datetime.datetime(2024, 1, 1) + datetime.timedelta(hours=p)
    out = []
    for i, (name, page) in enumerate(zip(names, pages)):
        uri = f"https://news{p % 97}.example/{2024 + p // 1000}/{p}/{name[:-5]}.html?pass={p}"
        date = (start + datetime.timedelta(seconds=7 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        host = uri.split("/")[2]
        req = f"GET {uri[len('https://') + len(host):]} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: test\r\n\r\n".encode()
        out.append(record("request", uri, date, "application/http; msgtype=request", req))
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(page)}\r\n\r\n".encode() + page)
        out.append(record("response", uri, date, "application/http; msgtype=response", http))
    return b"".join(out)

info = record("warcinfo", "", "2024-01-01T00:00:00Z", "application/warc-fields",
              b"software: newsgraph scripts/warc-rss.sh\r\nformat: WARC File Format 1.0\r\n")
written, passes = 0, 0
with open(path + ".part", "wb") as f, Pool(2) as pool:
    f.write(info)
    written += len(info)
    p = 0
    while written < target:
        for chunk in pool.imap(one_pass, range(p, p + 4)):
            f.write(chunk)
            written += len(chunk)
            passes += 1
        p += 4
os.rename(path + ".part", path)
print(f"{path}: {written} bytes, {passes} passes over {len(pages)} pages = {passes * len(pages)} responses",
      file=sys.stderr)
PY
fi

cargo build --release -p newsgraph >&2
bin=target/release/newsgraph
size=$(stat -c %s "$warc")
raw=$(python3 -c "
import gzip, sys
n = 0
with gzip.open(sys.argv[1], 'rb') as f:
    while True:
        b = f.read(1 << 24)
        if not b: break
        n += len(b)
print(n)" "$warc")

report() { # name, time file, documents
    local rss secs
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$2")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$2" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    echo "$1: peak RSS $((rss / 1024)) MB; $3 documents in ${secs} s wall:" \
        "$(awk -v d="$3" -v s="$secs" 'BEGIN { printf "%.1f docs/s", d / s }')," \
        "$(awk -v b="$size" -v s="$secs" 'BEGIN { printf "%.1f MB/s compressed", b / 1e6 / s }')," \
        "$(awk -v b="$raw" -v s="$secs" 'BEGIN { printf "%.1f MB/s of WARC", b / 1e6 / s }');" \
        "user $(awk -F': ' '/User time/ {print $2}' "$2") s, system $(awk -F': ' '/System time/ {print $2}' "$2") s"
}

echo "archive: $warc, $size bytes gzip ($raw bytes of WARC)"
echo "machine: $(nproc) cores, $(git rev-parse --short HEAD)"

/usr/bin/time -v -o "$out/read.time" "$bin" read --format jsonl "$warc" 2> "$out/read.stderr" \
    | wc -l > "$out/read.count" || true
report "newsgraph read --format jsonl" "$out/read.time" "$(cat "$out/read.count")"
echo "  $(grep -c . "$out/read.stderr" || true) diagnostic line(s) on stderr ($out/read.stderr)"

if [ "${SKIP_INGEST:-0}" != 1 ]; then
    echo "ingesting (the same archive into a new SQLite store) ..." >&2
    db="$out/ingest.db"
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -v -o "$out/ingest.time" "$bin" ingest --db "$db" "$warc" \
        2> "$out/ingest.stderr" || true
    # Repeated pages have the same text: the store keeps one article per text and updates it.
    n=$(sed -n 's/.*stored \([0-9]*\) article.*/\1/p' "$out/ingest.stderr" | tail -n 1)
    report "newsgraph ingest (SQLite)" "$out/ingest.time" "${n:-0}"
    tail -n 1 "$out/ingest.stderr"
fi

# Large pages: 96 responses of ~6.8 MB (one NAEB page with its paragraphs repeated, just under
# the default --max-bytes of 8 MiB), where a batch of 64 pages would need over 400 MB.
big="$out/large-pages.warc.gz"
if [ ! -s "$big" ]; then
    python3 - "$naeb" "$big" <<'PY'
import gzip, os, sys
naeb, path = sys.argv[1], sys.argv[2]
src = open(os.path.join(naeb, sorted(os.listdir(naeb))[0]), "rb").read()
i, j = src.find(b"<p"), src.rfind(b"</p>") + 4
page = src[:i] + src[i:j] * ((7_000_000 - len(src)) // max(j - i, 1)) + src[j:]
with open(path + ".part", "wb") as f:
    for n in range(96):
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + page.replace(b"</title>", f" {n}</title>".encode(), 1))
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
                f"WARC-Target-URI: https://large.example/{n}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
        f.write(gzip.compress(head + http + b"\r\n\r\n", compresslevel=1, mtime=0))
os.rename(path + ".part", path)
PY
fi
echo "large pages: $big, $(stat -c %s "$big") bytes gzip, 96 pages of $(python3 -c "
import gzip, sys
with gzip.open(sys.argv[1]) as f: print(len(f.read()) // 96)" "$big") bytes"
/usr/bin/time -v -o "$out/large-read.time" "$bin" read --format jsonl "$big" 2> /dev/null | wc -l > /dev/null || true
echo "  newsgraph read: peak RSS $(( $(awk -F': ' '/Maximum resident/ {print $2}' "$out/large-read.time") / 1024 )) MB"
if [ "${SKIP_INGEST:-0}" != 1 ]; then
    rm -f "$out/large.db" "$out/large.db-wal" "$out/large.db-shm"
    /usr/bin/time -v -o "$out/large-ingest.time" "$bin" ingest --quiet --db "$out/large.db" "$big" 2> /dev/null || true
    echo "  newsgraph ingest: peak RSS $(( $(awk -F': ' '/Maximum resident/ {print $2}' "$out/large-ingest.time") / 1024 )) MB"
fi
