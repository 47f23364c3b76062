#!/bin/sh
# Install the Debian packages dossier builds and tests with, when missing.
# As root: apt-get directly; otherwise through sudo; otherwise say what to install.
set -e
PKGS="gcc make pkg-config libgraphviz-dev libxml2-dev libcsv-dev libjansson-dev libutf8proc-dev graphviz libxml2-utils parallel"
# what the tests check outputs and the man page with: jq reads the .jsonl
# files, mandoc and man-db (groff) lint and render doc/dossier.1
PKGS="$PKGS jq mandoc man-db"
# the readers of PDF (poppler-glib) and of zip/tar, DOCX, ODT, EPUB (libarchive);
# python3 writes the test inputs of those formats (tests/mkdocs.py); linking
# libdossier.a statically (pkg-config --static) needs libarchive's Libs.private
PKGS="$PKGS libpoppler-glib-dev libarchive-dev python3 libacl1-dev libzstd-dev liblz4-dev"
PKGS="$PKGS ${DOSSIER_TEST_PKGS:-}"
# The readers tests/t_exports.sh loads the exports with: networkx (Debian's
# python3-networkx, 2.8 on Debian 12, for /usr/bin/python3, whatever networkx
# a python3 on the PATH has: both are checked) and node/npm for
# graphology-gexf (installed below into build/node_modules).
# python3-networkx without its recommends (matplotlib, scipy...): reading
# GEXF needs none of them.
LEAN=""
if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c 'import networkx' >/dev/null 2>&1; then
  LEAN="python3-networkx"
elif ! python3 -c 'import networkx' >/dev/null 2>&1; then
  LEAN="python3-networkx"
fi
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
# Optional consumers behind their own make targets: DOSSIER_TEST_PKGS="chromium"
# (make test-report) or "libreoffice-calc-nogui" (make test-office).
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=""
for p in $PKGS; do installed "$p" || missing="$missing $p"; done
lean=""
for p in $LEAN; do installed "$p" || lean="$lean $p"; done
# graphology + graphology-gexf and followthemoney's model from the npm
# registry into build/node_modules, pinned by tests/package-lock.json.
npm_consumers() {
  [ -f build/node_modules/graphology-gexf/package.json ] &&
    [ -f build/node_modules/@alephdata/followthemoney/package.json ] && return 0
  command -v npm >/dev/null 2>&1 || return 0
  mkdir -p build
  cp tests/package.json tests/package-lock.json build/
  echo "dossier: installing graphology, graphology-gexf and @alephdata/followthemoney into build/node_modules"
  (cd build && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    echo "dossier: npm ci failed: the graphology and followthemoney checks in make test will fail" >&2
}
if [ -z "$missing$lean" ]; then npm_consumers; exit 0; fi
echo "dossier: installing missing packages:$missing$lean"
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "dossier: cannot install packages (not root, no sudo). Run as root:" >&2
  echo "    apt-get update && apt-get install -y$missing${lean:+ && apt-get install -y --no-install-recommends$lean}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
[ -z "$missing" ] || $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=900 $missing >/dev/null
[ -z "$lean" ] || $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=900 $lean >/dev/null
npm_consumers
