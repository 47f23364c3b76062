#!/bin/sh
# t_exports.sh - every export opened by the tools users open it with: the
# GEXF against both official RelaxNG schemas and loaded the way Gephi's
# users load it (networkx 3 and Debian 12's networkx 2.8, graphology-gexf),
# the DOT rendered by dot (no warning) with its labels escaped, graph.svg
# and report.html parsed as XML and self-contained, the CSV files re-read
# strictly. On the synthetic corpus of test_export (names full of quotes,
# backslashes, &, <, newlines) and on the sample corpus.
BUILD=${BUILD:-build/rel}
SCHEMA=${DOSSIER_SCHEMA:-tests/schema}   # the official schemas, bundled
. "$(dirname "$0")/harness.sh"

# quiet DESCRIPTION COMMAND...: passes when COMMAND succeeds and prints nothing on stderr
quiet() {
  _d=$1; shift
  if "$@" 2>"$T/log" >"$T/out" && [ ! -s "$T/log" ]; then ok; else no "$_d (warnings or failure)"; fi
}
has() { grep -q -F -- "$2" "$1"; }

# Every python with networkx: the one on the PATH (often networkx 3) and
# Debian 12's /usr/bin/python3 with python3-networkx (2.8); PY is the first.
PY="" PYS=""
for p in python3 /usr/bin/python3; do
  v=$("$p" -c 'import networkx; print(networkx.__version__)' 2>/dev/null) || continue
  case " $PYS " in *" $v:"*) continue ;; esac
  PYS="$PYS $v:$p"
  [ -n "$PY" ] || PY=$p
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
# The official 1.2draft RelaxNG includes viz.rng without its namespace, so
# that no viz element in the 1.2draft viz namespace (where Gephi, networkx
# and dossier put them) validates: check against a copy whose include names
# the namespace; the rest of the schema is the official one.
mkdir -p "$T/gexf12-schema"
cp "$SCHEMA"/gexf-1.2draft/*.rng "$T/gexf12-schema/"
sed 's|<include href="viz.rng"/>|<include href="viz.rng" ns="http://www.gexf.net/1.2draft/viz"/>|' \
  "$SCHEMA/gexf-1.2draft/gexf.rng" >"$T/gexf12-schema/gexf.rng"
check "the 1.2draft schema copy differs from the official one in the viz namespace only" \
  sh -c "[ \$(diff '$SCHEMA/gexf-1.2draft/gexf.rng' '$T/gexf12-schema/gexf.rng' | grep -c '^[<>]') = 2 ]"
for f in "$T/syn/gexf12/graph.gexf" "$T/corpus12/graph.gexf"; do
  [ -f "$f" ] || continue
  check "$f validates against GEXF 1.2draft (viz in its namespace)" \
    xmllint --noout --relaxng "$T/gexf12-schema/gexf.rng" "$f"
  check "$f: viz colours in the 1.2draft viz namespace" \
    grep -q 'xmlns:viz="http://www.gexf.net/1.2draft/viz"' "$f"
done
# Gephi: no edge is "mutual" (a SEVERE error); the edges are all directed or
# all undirected (networkx reads no mix); every 1.3 edge has its kind.
for d in $dirs; do
  f=$d/graph.gexf
  check "$f: no mutual edge" sh -c "! grep -q 'type=\"mutual\"' '$f'"
  check "$f: one edge type throughout" \
    sh -c "[ \$(grep -o '<edge [^>]* type=\"[a-z]*\"' '$f' | sed 's/.* type=//' | sort -u | wc -l) -le 1 ]"
  check "$f: every edge carries its kind" \
    sh -c "[ \$(grep -c '<edge ' '$f') = \$(grep -c '<edge [^>]* kind=\"' '$f') ]"
done
cat >"$T/nx.py" <<'EOF'
import sys, warnings
warnings.simplefilter("error")
import networkx as nx
major = int(nx.__version__.split(".")[0])
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if major < 3 and 'version="1.3"' in text:
        continue  # networkx 2.8 reads GEXF up to 1.2draft: --gexf-version 1.2draft is for it
    g = nx.read_gexf(path)
    nodes = text.count("<node ")
    assert g.number_of_nodes() == nodes, (path, g.number_of_nodes(), nodes)
    assert g.number_of_edges() == text.count("<edge "), (path, g.number_of_edges())
    kinds = {}
    for n, a in g.nodes(data=True):
        assert "label" in a and "type" in a, (path, n, a)
        kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
        if a.get("kind") == "entity":
            assert isinstance(a["mentions"], int), (path, n, a)
        else:
            # an event: how many accounts tell it, and whether they disagree
            assert isinstance(a["accounts"], int) and isinstance(a["contested"], bool), (path, n, a)
            assert "color" in a.get("viz", {}), (path, n, "no viz colour")
    assert kinds.get("event", 0) > 0, (path, kinds)
    # entities present in spells taken from their dated events
    spells = [a["spells"] for _, a in g.nodes(data=True) if "spells" in a]
    assert ("<spell " in text) == bool(spells), path
    assert all(s0 <= e0 for s in spells for s0, e0 in s), (path, spells[:3])
EOF
gexfs=""
for f in "$T/syn/default/graph.gexf" "$T/syn/gexf12/graph.gexf" "$T/corpus/graph.gexf" "$T/corpus12/graph.gexf"; do
  [ -f "$f" ] && gexfs="$gexfs $f"
done
if [ -n "$PYS" ]; then
  for vp in $PYS; do
    v=${vp%%:*} p=${vp#*:}
    echo "# networkx $v ($p)"
    # shellcheck disable=SC2086
    check "networkx $v ($p) reads every graph.gexf of its GEXF versions without a warning" "$p" "$T/nx.py" $gexfs
  done
  case "$PYS" in
    *" 2."*) ;;
    *) echo "# no networkx 2.x (Debian 12: apt-get install python3-networkx): checked with$PYS only" ;;
  esac
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
  if (g.type === 'mixed') throw new Error(path + ': mixed directed and undirected edges');
  g.forEachEdge((e, a) => {
    if (!a.relation) throw new Error(path + ': edge ' + e + ' lacks its relation');
    if (text.includes('version="1.3"') && a.kind !== a.relation) throw new Error(path + ': edge ' + e + ' kind ' + a.kind);
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
check "DOT: a backslash in a tooltip stays one backslash in dot's picture" has "$s" 'xlink:title="Back\slash &amp; &lt;Sons&gt; (person)'

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
for d in $dirs; do
  check "$d/report.html: the Contested section comes first" \
    sh -c "grep -o '<h2>[^<]*</h2>' '$d/report.html' | head -n 1 | grep -q '>Contested<'"
done
check "report.html: a contested event's accounts side by side, the denial among them" \
  sh -c "grep -q 'class=\"accounts\"' '$T/syn/default/report.html' && grep -q 'class=\"account denies\"' '$T/syn/default/report.html'"

# ---- CSV: strict re-read, headers, formulas neutralised (sample corpus)
if [ -d "$T/corpus" ] && [ -n "$PY" ]; then
  cat >"$T/csvcheck.py" <<'EOF'
import csv, sys
TJS = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
       "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
       "Media Thumbnail", "Type", "Group", "Background"]
RAW = {"timeline.csv": {"date", "start", "end", "trigger_start", "trigger_end"},
       "events.csv": {"date", "start", "end", "accounts", "documents"},
       "entities.csv": {"mentions", "documents", "first_date", "last_date", "born_or_founded",
                        "died_or_dissolved", "Time Interval"},
       "relations.csv": {"Weight", "documents", "first_date", "last_date", "Time Interval", "Kind"},
       "mentions.csv": {"start", "end", "value"}, "timelinejs.csv": {"Year", "End Year"}}
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
    ev = list(csv.DictReader(open(f"{d}/events.csv", encoding="utf-8-sig")))
    ids = {r["Id"] for r in ev}
    assert len(ids) == len(ev), "events.csv: an Id twice"
    assert all(not r["event"] or r["event"] in ids for r in tl), "timeline.csv: an event not in events.csv"
    assert all(r["contested"] in ("true", "false") for r in ev)
    rel = list(csv.DictReader(open(f"{d}/relations.csv", encoding="utf-8-sig")))
    assert all(r["Kind"] == r["relation"] for r in rel), "relations.csv: Kind is the relation"
    tjs = [r for r in csv.DictReader(open(f"{d}/timelinejs.csv", encoding="utf-8-sig")) if r["Type"] != "title"]
    assert len(tjs) == sum(1 for r in ev if r["date"]), "timelinejs.csv: one slide per dated event"
EOF
  check "CSV files re-read strictly, headers, no formula cells, timeline sorted" \
    "$PY" "$T/csvcheck.py" "$T/corpus" "$T/corpus12"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
