#!/usr/bin/env python3
"""oov_recall.py - recall of gold names the gazetteers know vs. names they do not.

    tests/tools/oov_recall.py GOLD_DIR MENTIONS_CSV ENTITIES_DIR [--types PERSON,ORG,PLACE] [--list]

GOLD_DIR holds NAME.gold.tsv or NAME.mentions.tsv standoff files (columns start, end, type, text,
...); MENTIONS_CSV is dossier's mentions.csv for the same documents; ENTITIES_DIR is the
gazetteer directory dossier ran with (people.tsv, organizations.tsv, places.tsv, words.tsv).

A gold mention is *in the gazetteer* when its text, normalised, is the label, an alias, or (for
people) the surname of a label or alias of any entry in ENTITIES_DIR. Normalising: a word broken
at a line end is joined ("Depart¬ ment", "Peters- burg"), whitespace is collapsed, a leading
"the" and titles (words.tsv class "title", "Mr.", "Gen.") and a trailing possessive are dropped,
diacritics are stripped and case is folded. The test is deliberately simple (no transliteration
folding, no OCR repair), so a name dossier links through its own folding may count as "not in".

Recall is lenient, as score.py's: a gold mention is found when a system mention of the same type
overlaps it, one to one per document and type. Prints, per type and overall, the recall of
in-gazetteer and out-of-gazetteer gold mentions; --list prints the missed out-of-gazetteer ones.
"""
import argparse
import csv
import glob
import os
import re
import sys
import unicodedata

csv.field_size_limit(1 << 30)


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def words(s):
    """Word tokens of a folded string (letters and digits)."""
    return re.findall(r"[^\W_]+", s)


def doc_key(path):
    base = os.path.basename(path)
    for ext in (".gold.tsv", ".mentions.tsv", ".txt", ".html", ".htm", ".xml"):
        if base.endswith(ext):
            return base[: -len(ext)]
    return base


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    return rows[0], rows[1:]


def load_gazetteer(edir):
    """-> (set of folded word tuples that name an entry, set of folded title words)."""
    titles = set()
    wpath = os.path.join(edir, "words.tsv")
    if os.path.exists(wpath):
        _, rows = read_tsv(wpath)
        for r in rows:
            if len(r) > 1 and "title" in r[1].lower().replace(",", "|").split("|"):
                titles.add(fold(r[0]))
    known = set()
    for name in ("people.tsv", "organizations.tsv", "places.tsv"):
        path = os.path.join(edir, name)
        if not os.path.exists(path):
            continue
        _, rows = read_tsv(path)
        for r in rows:
            if len(r) < 3:
                continue
            names = [r[1]] + ([a for a in r[3].split("|") if a.strip()] if len(r) > 3 else [])
            for n in names:
                w = tuple(words(fold(n)))
                if not w:
                    continue
                known.add(w)
                if r[2] == "PERSON" and len(w) > 1 and len(w[-1]) >= 3:
                    known.add(w[-1:])
    return known, titles


def normalise(text, titles):
    t = re.sub(r"[\u00ac\u00ad-]\s+(?=[a-z])", "", text)  # line-end hyphenation
    w = words(fold(t))
    while w and (w[0] == "the" or w[0] in titles):
        w = w[1:]
    if w and w[-1] == "s" and re.search(r"['\u2019]s\s*$", text):
        w = w[:-1]
    return tuple(w)


def read_gold(gold_dir):
    docs = {}
    for path in sorted(glob.glob(os.path.join(gold_dir, "*.gold.tsv")) +
                       glob.glob(os.path.join(gold_dir, "*.mentions.tsv"))):
        with open(path, encoding="utf-8") as f:
            docs[doc_key(path)] = [{"start": int(r["start"]), "end": int(r["end"]), "type": r["type"],
                                    "text": r["text"]}
                                   for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return docs


def read_system(path):
    docs = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            docs.setdefault(doc_key(r["document"]), []).append(
                {"start": int(r["start"]), "end": int(r["end"]), "type": r["type"]})
    return docs


def overlap(a, b):
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def found_flags(gold_rows, sys_rows):
    """Lenient one-to-one matching as score.py does it: which gold rows are found."""
    found = [False] * len(gold_rows)
    used = set()
    order = sorted(range(len(gold_rows)), key=lambda i: gold_rows[i]["start"])
    for i in order:
        g = gold_rows[i]
        cands = [(overlap(g, s), -abs(s["start"] - g["start"]), j) for j, s in enumerate(sys_rows)
                 if j not in used and overlap(g, s)]
        if cands:
            used.add(max(cands)[2])
            found[i] = True
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold_dir")
    ap.add_argument("mentions_csv")
    ap.add_argument("entities_dir")
    ap.add_argument("--types", default="PERSON,ORG,PLACE")
    ap.add_argument("--list", action="store_true", help="print the missed out-of-gazetteer mentions")
    a = ap.parse_args()
    types = [t.strip().upper() for t in a.types.split(",") if t.strip()]
    known, titles = load_gazetteer(a.entities_dir)
    gold, system = read_gold(a.gold_dir), read_system(a.mentions_csv)
    counts = {t: {"in": [0, 0], "out": [0, 0]} for t in types}
    missed = []
    for key, grows in sorted(gold.items()):
        for t in types:
            g = [x for x in grows if x["type"] == t]
            s = [x for x in system.get(key, []) if x["type"] == t]
            for x, hit in zip(g, found_flags(g, s)):
                side = "in" if normalise(x["text"], titles) in known else "out"
                counts[t][side][0] += hit
                counts[t][side][1] += 1
                if side == "out" and not hit:
                    missed.append((key, t, x["text"]))

    def cell(c):
        return "%.3f (%d/%d)" % (c[0] / c[1], c[0], c[1]) if c[1] else "-"
    print("%-8s %-22s %-22s" % ("type", "in gazetteer", "not in gazetteer"))
    tot = {"in": [0, 0], "out": [0, 0]}
    for t in types:
        print("%-8s %-22s %-22s" % (t, cell(counts[t]["in"]), cell(counts[t]["out"])))
        for side in tot:
            tot[side][0] += counts[t][side][0]
            tot[side][1] += counts[t][side][1]
    print("%-8s %-22s %-22s" % ("all", cell(tot["in"]), cell(tot["out"])))
    if a.list:
        for key, t, text in missed:
            print("missed\t%s\t%s\t%s" % (key, t, text.replace("\n", " ")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
