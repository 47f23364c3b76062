#!/bin/sh
# t_exports.sh - every export opened by the tools users open it with: the
# GEXF against both official RelaxNG schemas and loaded by networkx and
# graphology-gexf, the DOT rendered by dot (no warning) with its labels
# escaped, graph.svg and report.html parsed as XML and self-contained, the
# CSV files re-read strictly. On the synthetic corpus of test_export (names
# full of quotes, backslashes, &, <, newlines) and on the sample corpus.
BUILD=${BUILD:-build/rel}
SCHEMA=${DOSSIER_SCHEMA:-tests/schema}   # the official schemas, bundled
. "$(dirname "$0")/harness.sh"

# quiet DESCRIPTION COMMAND...: passes when COMMAND succeeds and prints nothing on stderr
quiet() {
  _d=$1; shift
  if "$@" 2>"$T/log" >"$T/out" && [ ! -s "$T/log" ]; then ok; else no "$_d (warnings or failure)"; fi
}
has() { grep -q -F -- "$2" "$1"; }

PY=""
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import networkx' >/dev/null 2>&1; then PY=$p; break; fi
done
NODE_PATH=$(pwd)/build/node_modules
export NODE_PATH

# ---- the outputs: synthetic, and the sample corpus
DOSSIER_EXPORT_DIR=$T/syn "$BUILD/tests/test_export" >"$T/log" 2>&1
check "test_export writes the synthetic outputs" test -f "$T/syn/default/graph.gexf"
dirs="$T/syn/default"
if [ -f "${DOSSIER_ENTITIES:-entities}/people.tsv" ]; then
  check "dossier extract --svg on tests/corpus" ./dossier extract -q --svg -o "$T/corpus" tests/corpus
  check "dossier extract --gexf-version 1.2draft --excel --view full" \
    ./dossier extract -q --gexf-version 1.2draft --excel --view full -o "$T/corpus12" tests/corpus
  dirs="$dirs $T/corpus"
else
  echo "# sample corpus skipped: entities/people.tsv is not in this tree yet"
fi

# ---- GEXF: schemas, networkx, graphology
for d in $dirs; do
  check "$d/graph.gexf validates against GEXF 1.3" \
    xmllint --noout --relaxng "$SCHEMA/gexf-1.3/gexf.rng" "$d/graph.gexf"
done
for f in "$T/syn/gexf12/graph.gexf" "$T/corpus12/graph.gexf"; do
  [ -f "$f" ] || continue
  check "$f validates against GEXF 1.2draft" \
    xmllint --noout --relaxng "$SCHEMA/gexf-1.2draft/gexf.rng" "$f"
done
cat >"$T/nx.py" <<'EOF'
import sys, warnings
warnings.simplefilter("error")
import networkx as nx
for path in sys.argv[1:]:
    g = nx.read_gexf(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    nodes = text.count("<node ")
    assert g.number_of_nodes() == nodes, (path, g.number_of_nodes(), nodes)
    assert g.number_of_edges() >= text.count("<edge "), path
    for n, a in g.nodes(data=True):
        assert "label" in a and "type" in a, (path, n, a)
        if a.get("kind") == "entity":
            assert isinstance(a["mentions"], int), (path, n, a)
EOF
gexfs=""
for f in "$T/syn/default/graph.gexf" "$T/syn/gexf12/graph.gexf" "$T/corpus/graph.gexf" "$T/corpus12/graph.gexf"; do
  [ -f "$f" ] && gexfs="$gexfs $f"
done
if [ -n "$PY" ]; then
  # shellcheck disable=SC2086
  check "networkx reads every graph.gexf without a warning" "$PY" "$T/nx.py" $gexfs
else
  no "networkx: no python3 with networkx (tests/deps.sh installs python3-networkx)"
fi
cat >"$T/gl.js" <<'EOF'
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
for (const path of process.argv.slice(2)) {
  const text = fs.readFileSync(path, 'utf8');
  const g = gexf.parse(Graph, text, {allowUndeclaredAttributes: false, addMissingNodes: false});
  const nodes = (text.match(/<node /g) || []).length;
  if (g.order !== nodes) throw new Error(path + ': ' + g.order + ' nodes, expected ' + nodes);
  g.forEachNode((n, a) => {
    if (!a.label || !a.type) throw new Error(path + ': node ' + n + ' lacks label or type');
  });
}
EOF
if command -v node >/dev/null 2>&1 && [ -f build/node_modules/graphology-gexf/package.json ]; then
  # shellcheck disable=SC2086
  check "graphology-gexf parses every graph.gexf with declared attributes only" node "$T/gl.js" $gexfs
else
  no "graphology-gexf: not installed in build/node_modules (tests/deps.sh installs it)"
fi

# ---- DOT: dot renders every view without a warning; labels escaped
dots="$T/syn/default/graph.dot $T/syn/view-0/graph.dot $T/syn/view-1/graph.dot $T/syn/view-2/graph.dot $T/syn/top2/graph.dot"
[ -f "$T/corpus/graph.dot" ] && dots="$dots $T/corpus/graph.dot $T/corpus12/graph.dot"
i=0
for f in $dots; do
  i=$((i + 1))
  quiet "dot -Tsvg $f" dot -Tsvg -o "$T/dot$i.svg" "$f"
  check "$f: dot's SVG is well-formed XML" xmllint --noout "$T/dot$i.svg"
done
s=$T/dot1.svg
check "DOT: & and < in a name reach the picture as text" has "$s" 'Back\slash &amp; &lt;Sons&gt;'
check "DOT: quotes in a name survive" sh -c "grep -q -e 'Nikolai &quot;Kolya&quot; Bukharin' -e 'Nikolai \"Kolya\" Bukharin' '$s'"
check "DOT: a newline in a name is a line break" sh -c "grep -q '>Line</text>' '$s' && grep -q '>Break</text>' '$s'"
check "DOT: the legend is drawn" has "$s" 'alleged</text>'
check "DOT: alleged relations are dashed" has "$T/syn/default/graph.dot" 'style=dashed'
check "DOT: denied relations are dotted" has "$T/syn/default/graph.dot" 'style=dotted'
check "DOT: a backslash in a tooltip is doubled, not an escape" has "$T/syn/default/graph.dot" 'Back\\slash & <Sons> (person)'

# ---- graph.svg (gvc) and report.html
for d in $dirs; do
  check "$d/graph.svg (rendered through gvc) is well-formed" xmllint --noout "$d/graph.svg"
  check "$d/report.html is well-formed" xmllint --noout "$d/report.html"
  check "$d/report.html shows the diagram inline" has "$d/report.html" '<svg'
  check "$d/report.html loads nothing from the network" \
    sh -c "! grep -q -E -i '(src|href)=\"(https?:)?//|url\\(|<script|<link' '$d/report.html'"
done
check "report.html: timeline rows carry evidence and modality" \
  sh -c "grep -q 'class=\"m m-ALLEGED\"' '$T/syn/default/report.html' && grep -q '<mark>accused</mark>' '$T/syn/default/report.html'"

# ---- CSV: strict re-read, headers, formulas neutralised (sample corpus)
if [ -d "$T/corpus" ] && [ -n "$PY" ]; then
  cat >"$T/csvcheck.py" <<'EOF'
import csv, sys
TJS = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
       "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
       "Media Thumbnail", "Type", "Group", "Background"]
RAW = {"timeline.csv": {"date", "start", "end", "trigger_start", "trigger_end"},
       "entities.csv": {"mentions", "documents", "first_date", "last_date", "born_or_founded",
                        "died_or_dissolved", "Time Interval"},
       "relations.csv": {"Weight", "documents", "first_date", "last_date", "Time Interval"},
       "mentions.csv": {"start", "end", "value"}, "timelinejs.csv": set()}
for d in sys.argv[1:]:
    bom = d.endswith("12")
    for name, raw in RAW.items():
        data = open(f"{d}/{name}", "rb").read()
        assert data.startswith(b"\xef\xbb\xbf") == bom, (d, name, "BOM")
        if bom:
            assert data.split(b"\n", 1)[0].endswith(b"\r"), (d, name, "--excel without CRLF")
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(text.splitlines(keepends=True), strict=True))
        head = rows[0]
        if name == "timelinejs.csv":
            assert head == TJS, head
        for r in rows[1:]:
            assert len(r) == len(head), (d, name, r)
            for col, cell in zip(head, r):
                if col not in raw and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    raise AssertionError(f"{d}/{name}: formula cell in {col}: {cell[:40]}")
    tl = list(csv.DictReader(open(f"{d}/timeline.csv", encoding="utf-8-sig")))
    dated = [r["start"] for r in tl if r["start"]]
    assert dated == sorted(dated), "timeline.csv not in date order"
    assert all(r["start"] for r in tl[:len(dated)]), "undated events before dated ones"
EOF
  check "CSV files re-read strictly, headers, no formula cells, timeline sorted" \
    "$PY" "$T/csvcheck.py" "$T/corpus" "$T/corpus12"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
