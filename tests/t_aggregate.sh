#!/bin/sh
# t_aggregate.sh - accounts aggregated into events, through the CLI, on
# three short documents of our own (tests/aggregate/): one arrest asserted,
# alleged and denied in three documents, in three wordings of its date, is
# one contested event; one man's arrests in 1923 and 1937, and the trial
# of two men and that of a third in the same month, stay apart; 'after his
# arrest' is the arrest told just before it. The same
# events for -j 2 and for the documents extracted as three shards and
# merged.
. "$(dirname "$0")/harness.sh"
D=./dossier
A=tests/aggregate
check "extract the three documents" $D extract -q -o "$T/one" $A
check "-j 2" $D extract -q -j 2 -o "$T/j2" $A
for f in a-chronicle b-prosecutor c-defence; do
  check "shard $f" $D extract -q --partial "$T/$f.part" "$A/$f.txt"
done
check "merge the shards" $D merge -q -o "$T/merged" "$T/b-prosecutor.part" "$T/c-defence.part" "$T/a-chronicle.part"
for f in events.csv timeline.csv graph.gexf timelinejs.csv report.html; do
  check "$f: the same bytes with -j 2" cmp "$T/one/$f" "$T/j2/$f"
  check "$f: the same bytes from shards merged in any order" cmp "$T/one/$f" "$T/merged/$f"
done

if ! command -v python3 >/dev/null 2>&1; then
  no "python3 is needed to read the CSV files"
  echo "$pass passed, $fail failed"
  exit 1
fi
cat >"$T/events.py" <<'EOF'
import csv, sys
d = sys.argv[1]
ev = list(csv.DictReader(open(f"{d}/events.csv", encoding="utf-8")))
tl = list(csv.DictReader(open(f"{d}/timeline.csv", encoding="utf-8")))
def events(type_, patient):
    return [r for r in ev if r["type"] == type_ and patient in r["patients"].split("; ")]
def expect(cond, what):
    print(("ok " if cond else "FAIL ") + what)
arrest = events("ARREST", "Nikolai Bukharin")
expect(len(arrest) == 1, "Bukharin's arrest is one event (%d)" % len(arrest))
if arrest:
    a = arrest[0]
    expect(a["accounts"] == "3" and a["documents"] == "3", "told by 3 accounts in 3 documents")
    expect(a["modalities"] == "ASSERTED 1; ALLEGED 1; DENIED 1", "asserted, alleged, denied: " + a["modalities"])
    expect(a["contested"] == "true", "contested")
    expect(a["date"] == "1937-02-27", "dated by its most precise account: " + a["date"])
    expect(a["headline"] == "Arrest of Nikolai Bukharin", "headline: " + a["headline"])
    expect("Andrey Vyshinsky" in a["sources"], "its sources name the prosecutor: " + a["sources"])
    mine = [r for r in tl if r["event"] == a["Id"]]
    expect(sorted(r["modality"] for r in mine) == ["ALLEGED", "ASSERTED", "DENIED"],
           "timeline.csv: its three accounts point to it")
rykov = events("ARREST", "Alexei Rykov")
expect(sorted(r["date"] for r in rykov) == ["1923", "1937"], "Rykov's arrests of 1923 and 1937 are two events")
after = [r for r in tl if r["type"] == "ARREST" and r["trigger"] == "arrest" and "Alexei Rykov" in r["patients"]]
r37 = [r["Id"] for r in rykov if r["date"] == "1937"]
expect(len(after) == 1 and r37 and after[0]["event"] == r37[0],
       "'After his arrest' is the arrest of 1937 told just before it")
trials = [r for r in ev if r["type"] == "TRIAL"]
expect(len(trials) == 2 and len({r["Id"] for r in trials}) == 2,
       "the trial of Bukharin and Rykov is not the trial of Yagoda (%d trials)" % len(trials))
expect(all(not r["event"] or r["event"] in {e["Id"] for e in ev} for r in tl), "every event column names an event")
EOF
python3 "$T/events.py" "$T/one" >"$T/py.out" 2>&1
while IFS= read -r line; do
  case $line in
    ok\ *) ok ;;
    FAIL\ *) no "${line#FAIL }" ;;
    *) no "events.py: $line" ;;
  esac
done <"$T/py.out"
check "report.html: the arrest is first among the contested" \
  sh -c "grep -o '<h3>[^<]*</h3>' '$T/one/report.html' | head -n 1 | grep -q 'Arrest of Nikolai Bukharin'"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
