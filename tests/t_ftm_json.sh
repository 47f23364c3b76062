#!/bin/sh
# t_ftm_json.sh - the outputs for the tools investigative newsrooms run
# (issue 21): entities.ftm.json loaded line by line by followthemoney's own
# JavaScript library and held to its model (tests/check_ftm.js), and the
# --json files (events.jsonl, accounts.jsonl, entities.jsonl,
# mentions.jsonl) read by jq: one object a line, the CSVs' fields under the
# same names and with the same values (events.csv's, timeline.csv's...),
# numbers as numbers, each event joined to its accounts. On the sample corpus and on the
# synthetic corpus of test_export (names full of quotes, backslashes,
# line breaks and formula starts). Same input, same bytes, for any -j and
# for merged shards.
BUILD=${BUILD:-build/rel}
. "$(dirname "$0")/harness.sh"
D=./dossier
NODE_PATH=$(pwd)/build/node_modules
export NODE_PATH
JSONL="events.jsonl accounts.jsonl entities.jsonl mentions.jsonl"
has() { grep -q -F -- "$2" "$1"; }

check "extract --ftm --json on the sample corpus" $D extract -q --ftm --json -o "$T/a" tests/corpus
DOSSIER_EXPORT_DIR=$T/syn "$BUILD/tests/test_export" >"$T/log" 2>&1
check "test_export writes the synthetic outputs with --ftm --json" \
  sh -c "[ -f '$T/syn/default/events.jsonl' ] && [ -f '$T/syn/default/entities.ftm.json' ]"

# ---- entities.ftm.json: followthemoney's model
for d in "$T/a" "$T/syn/default"; do
  if [ -f "$NODE_PATH/@alephdata/followthemoney/package.json" ]; then
    check "entities.ftm.json ($d): every line loads and fits FtM's model; its Events are events.jsonl's events" \
      node tests/check_ftm.js "$d/entities.ftm.json" "$d/events.jsonl" "$d/accounts.jsonl"
  else
    no "@alephdata/followthemoney is not installed (tests/deps.sh installs it into build/node_modules)"
  fi
done
F=$T/a/entities.ftm.json
count() { jq -c "select($1)" "$F" | wc -l; }
check "FtM: people as Person" test "$(count '.schema=="Person"')" -gt 10
check "FtM: organisations as Organization" test "$(count '.schema=="Organization"')" -gt 5
check "FtM: places as Address" test "$(count '.schema=="Address" and .properties.full')" -gt 5
check "FtM: the documents as PlainText, named as the other outputs name them" \
  test "$(count '.schema=="PlainText" and .properties.name==["tests/corpus/bukharin-trial-qa.txt"]')" = 1
check "FtM: one entity per line in entities.csv" test "$(count '.schema=="Person" or .schema=="Organization" or .schema=="Address"')" = "$(($(wc -l < "$T/a/entities.csv") - 1))"
check "FtM: one Event per event in events.csv, none per account" \
  test "$(count '.schema=="Event"')" = "$(jq -s length "$T/a/events.jsonl")" -a "$(jq -s length "$T/a/events.jsonl")" -lt "$(jq -s length "$T/a/accounts.jsonl")"
check "FtM: events with their date" test "$(count '.schema=="Event" and .properties.date')" -gt 100
check "FtM: ranges and decades as startDate/endDate" test "$(count '.schema=="Event" and .properties.startDate and .properties.endDate')" -gt 0
check "FtM: a season as the days it spans, the EDTF value a note" \
  test "$(count '.schema=="Event" and (.properties.startDate[0]|length)==10 and any(.properties.notes[]; test("^date .EDTF.: [0-9]{4}-2[1-4]"))')" -gt 0
check "FtM: involved and organizer participants" test "$(count '.schema=="Event" and .properties.involved and .properties.organizer')" -gt 10
check "FtM: every contested event of events.jsonl says so in its summary and keywords" \
  test "$(count '.schema=="Event" and (.properties.summary[0]|startswith("contested: ")) and (.properties.keywords|index("contested"))')" = "$(jq -s 'map(select(.contested))|length' "$T/a/events.jsonl")"
check "FtM: an event told by several documents has them all as proof" \
  test "$(count '.schema=="Event" and (.properties.proof|length) > 1')" -gt 0
check "FtM: events point at their documents (proof) and place (addressEntity)" \
  test "$(count '.schema=="Event" and .properties.proof and .properties.addressEntity')" -gt 0
check "FtM: Mentions tie documents to the people named there" test "$(count '.schema=="Mention" and .properties.resolved')" -gt 100
check "FtM: ids are the outputs' own" has "$F" '{"id":"person-nikolai-bukharin","schema":"Person"'
S=$T/syn/default/entities.ftm.json
check "FtM (synthetic): a line break in a name stays in the value" has "$S" '"name":["Line\nBreak"]'
check "FtM (synthetic): quotes in a document's path stay in its name" has "$S" '"name":["docs/trial \"1938\".txt"]'
ev() { jq -c "select(.schema==\"Event\" and .properties.recordId==[\"$1\"]) | $2" "$S"; }
check "FtM (synthetic): a month range becomes startDate/endDate, the EDTF value a note" \
  test "$(ev 'event:arrest:genrikh-yagoda:1937-03/1937-04' '[.properties.startDate, .properties.endDate, (.properties.notes|index("date (EDTF): 1937-03/1937-04") != null)]')" = '[["1937-03"],["1937-04"],true]'
check "FtM (synthetic): a date BC is no FtM date, but a note" \
  test "$(ev 'event:assassination:gaius-julius-caesar:-0043-03-15' '[.properties.date, .properties.startDate, (.properties.notes|index("date (EDTF): -0043-03-15") != null)]')" = '[null,null,true]'
C='event:conspiracy:back-slash+1:1937'
check "FtM (synthetic): a contested event: its modalities and sources in words" \
  test "$(ev "$C" '.properties.summary')" = '["contested: alleged 1, denied 1; sources: Andrey Vyshinsky; Nikolai \"Kolya\" Bukharin"]'
check "FtM (synthetic): a contested event: one note per account, who says what where" \
  test "$(ev "$C" '[.properties.notes[]|select(startswith("ALLEGED") or startswith("DENIED"))]')" = '["ALLEGED by Andrey Vyshinsky in docs/b.txt: Vyshinsky said that Bukharin plotted with Back\\slash in 1937.","DENIED by Nikolai \"Kolya\" Bukharin in docs/trial \"1938\".txt: Bukharin denied that he had plotted with Back\\slash."]'
check "FtM (synthetic): a contested event: why, and its two documents as proof" \
  test "$(ev "$C" '[(.properties.notes|index("contested: some accounts deny it") != null), (.properties.proof|length), (.properties.keywords|index("contested") != null)]')" = '[true,2,true]'
check "FtM (synthetic): an account that anchors no event is no Event" \
  sh -c "! jq -c 'select(.schema==\"Event\")' '$S' | grep -q 'A trial was prepared in spring 1938'"
check "FtM (synthetic): its id is made of the event's Id" \
  test "$(ev "$C" '.id')" = '"event-conspiracyQ3Aback-slashQ2B1Q3A1937"'
# an event told 120 times: its first 100 accounts in the notes, the rest counted
mkdir -p "$T/many"
i=1; while [ $i -le 120 ]; do echo "Report $i says that Nikolai Bukharin was arrested in February 1937."; i=$((i + 1)); done >"$T/many/reports.txt"
$D extract -q --ftm --json -o "$T/many/out" "$T/many/reports.txt"
check "FtM: an event of 120 accounts is one Event" test "$(jq -c 'select(.schema=="Event")' "$T/many/out/entities.ftm.json" | wc -l)" = 1
check "FtM: an event of 120 accounts: 100 notes of accounts and one that counts the rest" \
  test "$(jq -c 'select(.schema=="Event") | [(.properties.notes|length), (.properties.notes[-1]|startswith("and 20 more accounts: "))]' "$T/many/out/entities.ftm.json")" = '[101,true]'
if [ -f "$NODE_PATH/@alephdata/followthemoney/package.json" ]; then
  check "FtM: an event of 120 accounts fits FtM's model and its event" \
    node tests/check_ftm.js "$T/many/out/entities.ftm.json" "$T/many/out/events.jsonl" "$T/many/out/accounts.jsonl"
fi

# ---- the .jsonl files: jq reads them, the CSVs' fields and values
for d in "$T/a" "$T/syn/default"; do
  for f in $JSONL; do
    check "$f ($d): jq reads every line" jq -e -c . "$d/$f"
    check "$f ($d): one object a line" sh -c "[ \"\$(jq -c 'objects' '$d/$f' | wc -l)\" = \"\$(wc -l < '$d/$f')\" ]"
  done
done
check "accounts.jsonl: numbers are numbers" sh -c "jq -e -s 'all(.[]; (.trigger_start|type)==\"number\" and (.trigger_end|type)==\"number\")' '$T/a/accounts.jsonl' >/dev/null"
check "events.jsonl: counts are numbers, contested a boolean, account_ids a list of strings" \
  sh -c "jq -e -s 'length > 0 and all(.[]; (.accounts|type)==\"number\" and (.documents|type)==\"number\" and (.contested|type)==\"boolean\" and (.account_ids|type)==\"array\" and all(.account_ids[]; type==\"string\"))' '$T/a/events.jsonl' >/dev/null"
check "mentions.jsonl: offsets are numbers" sh -c "jq -e -s 'all(.[]; (.start|type)==\"number\" and (.end|type)==\"number\")' '$T/a/mentions.jsonl' >/dev/null"
check "entities.jsonl: counts are numbers" sh -c "jq -e -s 'all(.[]; (.mentions|type)==\"number\" and (.documents|type)==\"number\")' '$T/a/entities.jsonl' >/dev/null"
check "jq: who alleges what, straight from accounts.jsonl" sh -c "jq -r 'select(.modality==\"ALLEGED\" and .source!=\"\") | .source' '$T/a/accounts.jsonl' | grep -q ."
# the README's jq examples, as written there (out/ being the sample corpus's
# outputs): each runs and prints something
sed -n '/jq answers questions directly/,/^## /p' README.md | sed -n 's/^    //p' |
  awk -v dir="$T/readme-jq" '/^jq /{n++} n{print > (dir "." n)}'
n=0
for f in "$T"/readme-jq.*; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  check "README's jq example $n runs on the outputs and prints something" \
    sh -c "cd '$T' && rm -f out && ln -s a out && sh '$f' >'$f.out' && [ -s '$f.out' ]"
done
check "README: its jq examples were found (got $n)" test "$n" -ge 4
check "README: a jq example reads events.jsonl, another accounts.jsonl" \
  sh -c "cat '$T'/readme-jq.[0-9] | grep -q 'out/events.jsonl' && cat '$T'/readme-jq.[0-9] | grep -q 'out/accounts.jsonl'"
# the first: the contested events with who tells them
jq -r 'select(.contested) | [.date, .headline, .modalities, .sources] | @tsv' "$T/a/events.jsonl" >"$T/contested.tsv"
check "jq: the contested events with their sources, straight from events.jsonl" \
  test "$(wc -l <"$T/contested.tsv")" = "$(jq -s 'map(select(.contested)) | length' "$T/a/events.jsonl")" -a -s "$T/contested.tsv"
check "jq: a contested event names a source that denies it" grep -q 'DENIED [0-9]' "$T/contested.tsv"
cat >"$T/same.py" <<'PY'
# same.py CSV JSONL [KEY...]: the JSON lines hold the CSV's rows, field for
# field: the same names in the same order (then the KEYs, which the CSV
# has not), the same values (text without the spreadsheet's neutralising
# apostrophe), numbers as JSON numbers, true and false as JSON booleans.
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
objs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
head, rows = rows[0], rows[1:]
extra = sys.argv[3:]
bad = 0
def fail(msg):
    global bad
    bad += 1
    if bad <= 10: print(msg)
if len(rows) != len(objs): fail(f"{len(rows)} rows, {len(objs)} lines")
for i, (r, o) in enumerate(zip(rows, objs)):
    if list(o.keys()) != head + extra: fail(f"line {i+1}: keys {list(o.keys())} != {head + extra}")
    for k, cell in zip(head, r):
        v = o.get(k)
        if isinstance(v, bool):
            if ("true" if v else "false") != cell: fail(f"line {i+1}: {k}: {v} != {cell!r}")
        elif not isinstance(v, (str, int)): fail(f"line {i+1}: {k}: {v!r}")
        elif isinstance(v, int):
            if str(v) != cell: fail(f"line {i+1}: {k}: {v} != {cell!r}")
        elif v != cell and not (cell == "'" + v and v[:1] in ("=", "+", "-", "@", "\t", "\r")):
            fail(f"line {i+1}: {k}: {v!r} != {cell!r}")
sys.exit(1 if bad else 0)
PY
cat >"$T/join.py" <<'PY'
# join.py EVENTS ACCOUNTS: each event's account_ids are the event_ids of the
# accounts whose `event` is its Id, in document order (as timeline.csv
# joins them), as many as its `accounts`, each account in one event at
# most; the accounts with an empty `event` in none, the others in one
# that events.jsonl has.
import json, sys
events = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
accounts = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
of = {}
for a in accounts: of.setdefault(a["event"], []).append(a)
for v in of.values(): v.sort(key=lambda a: (a["document"].encode(), a["trigger_start"], a["event_id"]))
bad = 0
def fail(msg):
    global bad
    bad += 1
    if bad <= 10: print(msg)
seen = set()
for e in events:
    ids = e["account_ids"]
    if len(ids) != e["accounts"]: fail(f"{e['Id']}: {len(ids)} account_ids, accounts {e['accounts']}")
    want = [a["event_id"] for a in of.get(e["Id"], [])]
    if ids != want: fail(f"{e['Id']}: account_ids {ids} != {want}")
    if seen & set(ids): fail(f"{e['Id']}: an account of another event too")
    seen |= set(ids)
    docs = {a["document"] for a in accounts if a["event"] == e["Id"]}
    if len(docs) != e["documents"]: fail(f"{e['Id']}: {len(docs)} documents, documents {e['documents']}")
ids = {e["Id"] for e in events}
for a in accounts:
    if not a["event"] and a["event_id"] in seen: fail(f"{a['event_id']}: no event, yet listed")
    if a["event"] and a["event"] not in ids: fail(f"{a['event_id']}: event {a['event']} is not in events.jsonl")
if not any(len(e["account_ids"]) > 1 for e in events): fail("no event has two accounts: the join is not tested")
sys.exit(1 if bad else 0)
PY
for d in "$T/a" "$T/syn/default"; do
  check "events.jsonl holds events.csv, then account_ids ($d)" python3 "$T/same.py" "$d/events.csv" "$d/events.jsonl" account_ids
  check "accounts.jsonl holds timeline.csv ($d)" python3 "$T/same.py" "$d/timeline.csv" "$d/accounts.jsonl"
  check "entities.jsonl holds entities.csv ($d)" python3 "$T/same.py" "$d/entities.csv" "$d/entities.jsonl"
  check "mentions.jsonl holds mentions.csv ($d)" python3 "$T/same.py" "$d/mentions.csv" "$d/mentions.jsonl"
  check "events.jsonl's account_ids join accounts.jsonl's event ($d)" python3 "$T/join.py" "$d/events.jsonl" "$d/accounts.jsonl"
done
check "jsonl text keeps a leading '=' (JSON is no spreadsheet)" sh -c "jq -r .charge '$T/syn/default/accounts.jsonl' | grep -q '^=HYPERLINK'"

# ---- without --json and --ftm: neither; same bytes for any -j and for shards
$D extract -q -o "$T/b" tests/corpus
check "without --json: no .jsonl files" sh -c "! ls '$T/b' | grep -q jsonl"
check "without --ftm: no entities.ftm.json" test ! -e "$T/b/entities.ftm.json"
$D extract -q --ftm -o "$T/b2" tests/corpus
check "--ftm alone: entities.ftm.json all the same" cmp -s "$T/a/entities.ftm.json" "$T/b2/entities.ftm.json"
$D extract -q --ftm --json -j 2 -o "$T/c" tests/corpus
$D extract -q --partial "$T/p1" tests/corpus/bukharin-*.txt tests/corpus/trotsky-dewey-thirteenth-session.txt
$D extract -q --partial "$T/p2" tests/corpus/case-of-bukharin-intro.txt tests/corpus/sousa-purges-and-trials.txt
$D merge -q --ftm --json -o "$T/m" "$T/p2" "$T/p1"
for f in entities.ftm.json $JSONL; do
  check "$f: -j 2 gives the same bytes" cmp -s "$T/a/$f" "$T/c/$f"
  check "$f: merged shards give the bytes of one run" cmp -s "$T/a/$f" "$T/m/$f"
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
