#!/bin/sh
# check_report.sh - report.html in headless Chromium (make test-report; not
# part of make test: chromium is a 300 MB install). The page must load with
# the network off, its DOM must hold the inline diagram and the timeline,
# and a screenshot must show the diagram (node colours on screen). The
# screenshots are kept in build/report-*.png for a human to look at.
BUILD=${BUILD:-build/rel}
. "$(dirname "$0")/harness.sh"

CHROME=""
for c in chromium chromium-browser google-chrome; do
  command -v "$c" >/dev/null 2>&1 && { CHROME=$c; break; }
done
if [ -z "$CHROME" ]; then
  echo "FAIL no chromium (DOSSIER_TEST_PKGS=chromium tests/deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
# as root Chromium needs --no-sandbox; nothing may reach the network
chrome() {
  "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-extensions --hide-scrollbars \
    --proxy-server=127.0.0.1:9 --user-data-dir="$T/profile" "$@" 2>>"$T/chrome.log"
}

DOSSIER_EXPORT_DIR=$T/syn "$BUILD/tests/test_export" >/dev/null 2>&1
reports="syn:$T/syn/default/report.html"
if [ -f "${DOSSIER_ENTITIES:-entities}/people.tsv" ] && ./dossier extract -q -o "$T/corpus" tests/corpus; then
  reports="$reports corpus:$T/corpus/report.html"
fi

cat >"$T/png.py" <<'EOF'
# Count the pixels of the diagram's node colours in a PNG (no imaging library).
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w, h, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and interlace == 0 and ctype in (2, 6)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = 4 if ctype == 6 else 3
raw, stride = zlib.decompress(idat), w * bpp
prev, rows, i = bytearray(stride), [], 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
want = {(0xcf, 0xe2, 0xf3): "person", (0xd9, 0xea, 0xd3): "organisation"}
seen = {}
for r in rows:
    for x in range(0, stride, bpp):
        k = tuple(r[x:x + 3])
        if k in want: seen[want[k]] = seen.get(want[k], 0) + 1
print(w, h, seen)
sys.exit(0 if seen.get("person", 0) > 2000 else 1)
EOF

mkdir -p build
for spec in $reports; do
  name=${spec%%:*}
  f=${spec#*:}
  check "$name: chromium loads report.html" chrome --dump-dom "file://$f"
  cp "$T/log" "$T/dom.html"
  check "$name: the DOM holds the inline diagram" grep -q '<svg' "$T/dom.html"
  check "$name: the DOM holds the diagram's nodes" grep -q 'class="node"' "$T/dom.html"
  check "$name: the DOM holds the timeline" grep -q -e 'id="timeline"' -e 'No events were found' "$T/dom.html"
  check "$name: chromium takes a screenshot" chrome --window-size=1400,1600 --screenshot="$T/$name.png" "file://$f"
  cp "$T/$name.png" "build/report-$name.png" 2>/dev/null
  if command -v python3 >/dev/null 2>&1; then
    check "$name: the screenshot shows the diagram (node colours on screen)" python3 "$T/png.py" "$T/$name.png"
  fi
done
if grep -q -i -E 'ERR_(PROXY|NAME|INTERNET|CONNECTION)' "$T/chrome.log" 2>/dev/null; then
  no "report.html tried to reach the network"
  grep -i -E 'ERR_' "$T/chrome.log" | head -n 5
else
  ok
fi
echo "screenshots: build/report-*.png"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
