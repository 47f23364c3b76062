#!/bin/sh
# Install the Debian packages dossier builds and tests with, when missing.
# As root: apt-get directly; otherwise through sudo; otherwise say what to install.
set -e
PKGS="gcc make pkg-config libgraphviz-dev libxml2-dev libcsv-dev graphviz libxml2-utils"
PKGS="$PKGS ${DOSSIER_TEST_PKGS:-}"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
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
$SUDO apt-get install -y -qq $missing >/dev/null
