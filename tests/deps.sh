#!/bin/sh
# Install the Debian packages dossier builds and tests with, when missing.
# As root: apt-get directly; otherwise through sudo; otherwise say what to install.
set -e
PKGS="gcc make pkg-config libgraphviz-dev libxml2-dev libcsv-dev libjansson-dev graphviz libxml2-utils parallel"
# what the tests check outputs and the man page with: jq reads the .jsonl
# files, mandoc and man-db (groff) lint and render doc/dossier.1
PKGS="$PKGS jq mandoc man-db"
PKGS="$PKGS ${DOSSIER_TEST_PKGS:-}"
# The readers tests/t_exports.sh loads the exports with: networkx (Debian's
# python3-networkx, unless a python3 on the PATH already has it) and node/npm
# for graphology-gexf (installed below into build/node_modules).
if ! python3 -c 'import networkx' >/dev/null 2>&1 && ! /usr/bin/python3 -c 'import networkx' >/dev/null 2>&1; then
  PKGS="$PKGS python3-networkx"
fi
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
# Optional consumers behind their own make targets: DOSSIER_TEST_PKGS="chromium"
# (make test-report) or "libreoffice-calc-nogui" (make test-office).
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
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
if [ -z "$missing" ]; then npm_consumers; exit 0; fi
echo "dossier: installing missing packages:$missing"
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "dossier: cannot install packages (not root, no sudo). Run as root:" >&2
  echo "    apt-get update && apt-get install -y$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=900 $missing >/dev/null
npm_consumers
