#!/bin/sh
# pictures.sh - the README's two pictures, from the sample corpus (make
# pictures): doc/diagram.png, graph.dot drawn by Graphviz, and
# doc/report.png, the top of report.html as headless Chromium shows it.
set -e
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
./dossier extract -q --top 30 -o "$T/out" tests/corpus
# graph.dot names neato; 56 dpi keeps the picture about 1,400 pixels wide
dot -Gdpi=56 -Tpng -o doc/diagram.png "$T/out/graph.dot"
CHROME=""
for c in chromium chromium-browser google-chrome; do
  command -v "$c" >/dev/null 2>&1 && { CHROME=$c; break; }
done
[ -n "$CHROME" ] || { echo "pictures: no chromium (DOSSIER_TEST_PKGS=chromium tests/deps.sh)" >&2; exit 1; }
# as root Chromium needs --no-sandbox; the page is self-contained, so the
# network stays off
"$CHROME" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --disable-extensions --hide-scrollbars \
  --proxy-server=127.0.0.1:9 --user-data-dir="$T/profile" --window-size=1280,2300 \
  --screenshot="$T/report.png" "file://$T/out/report.html" 2>"$T/chrome.log" ||
  { cat "$T/chrome.log" >&2; exit 1; }
cp "$T/report.png" doc/report.png
ls -l doc/diagram.png doc/report.png
