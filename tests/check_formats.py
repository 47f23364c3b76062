#!/usr/bin/env python3
"""check_formats.py TXT_OUT CONV_OUT TXT_DIR CONV_DIR ZIP TGZ - compares what
dossier found in each converted document with what it found in its .txt:
the entities named (entity ids; dates by value), and the event types with
their modalities. Offsets differ and are not compared; how often a name is
mentioned is reported, not required (see KNOWN). Prints PASS/FAIL lines and
'N passed, N failed'."""
import csv
import os
import sys
from collections import Counter

# Differences that remain, and why: (document, format or "*") -> the items
# that may differ (entities as (type, id), dates as ("DATE", value), events
# as (type, modality)), and the reason printed with them. Any other
# difference is a failure.
PDF_LAYOUT = ("in the PDF, lines end where the page width ends them, and a table of space-aligned "
              "columns in the .txt becomes cells that poppler reads column by column: a line break "
              "moves where a date's year is taken from, a sentence broken over lines reads otherwise "
              "('Why not admit...?' is no denied confession), and names broken over two lines too")
# ("DATE", "*") allows any date value to differ.
KNOWN = {
    ("sousa-purges-and-trials", "pdf"): (
        {("DATE", "*"), ("PERSON", "person:l-shil"), ("ORG", "organization:trade")}, PDF_LAYOUT),
    ("trotsky-dewey-thirteenth-session", "pdf"): ({("DATE", "*"), ("CONFESSION", "DENIED")}, PDF_LAYOUT),
}


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def doc_key(path):
    """The .txt a document came from: its base name without extension."""
    base = path.replace(":", "/").split("/")[-1]
    return base.rsplit(".", 1)[0]


def fmt_of(path):
    if ".zip:" in path:
        kind = "zip"
    elif ".tar.gz:" in path:
        kind = "tar.gz"
    else:
        kind = "file"
    return kind, path.rsplit(".", 1)[-1]


def collect(out_dir):
    ents, events = {}, {}
    for m in rows(os.path.join(out_dir, "mentions.csv")):
        item = ("DATE", m["value"]) if m["type"] == "DATE" else (m["type"], m["entity_id"])
        ents.setdefault(m["document"], Counter())[item] += 1
    for e in rows(os.path.join(out_dir, "timeline.csv")):
        events.setdefault(e["document"], Counter())[(e["type"], e["modality"])] += 1
    return ents, events


def main():
    txt_out, conv_out = sys.argv[1], sys.argv[2]
    t_ents, t_events = collect(txt_out)
    c_ents, c_events = collect(conv_out)
    by_txt_ents = {doc_key(k): v for k, v in t_ents.items()}
    by_txt_events = {doc_key(k): v for k, v in t_events.items()}
    docs = rows(os.path.join(conv_out, "documents.csv"))
    passed = failed = 0
    for d in docs:
        path = d["document"]
        kind, fmt = fmt_of(path)
        key = doc_key(path)
        name = "%s (%s%s)" % (key, fmt, "" if kind == "file" else " in " + kind)
        if d["status"] != "read":
            print("FAIL %s: %s %s" % (name, d["status"], d["why"]))
            failed += 1
            continue
        want_e, got_e = by_txt_ents.get(key, Counter()), c_ents.get(path, Counter())
        want_v, got_v = by_txt_events.get(key, Counter()), c_events.get(path, Counter())
        problems = []
        if set(want_e) != set(got_e):
            problems.append("entities only in the .txt: %s; only here: %s" % (
                sorted(set(want_e) - set(got_e)), sorted(set(got_e) - set(want_e))))
        if set(want_v) != set(got_v):
            problems.append("events only in the .txt: %s; only here: %s" % (
                sorted(set(want_v) - set(got_v)), sorted(set(got_v) - set(want_v))))
        differing = (set(want_e) ^ set(got_e)) | (set(want_v) ^ set(got_v))
        allowed, why = KNOWN.get((key, fmt)) or KNOWN.get((key, "*")) or (set(), "")
        differing = {d for d in differing if not (d[0] == "DATE" and ("DATE", "*") in allowed)}
        if problems and differing <= allowed:
            print("KNOWN %s: %s (%s)" % (name, "; ".join(problems), why))
            passed += 1
        elif problems:
            print("FAIL %s: %s" % (name, "; ".join(problems)))
            failed += 1
        else:
            print("PASS %s: the same %d entities and %d event kinds" % (name, len(want_e), len(want_v)))
            passed += 1
        # counts are reported, not required
        if want_e != got_e or want_v != got_v:
            de = sum(((want_e - got_e) + (got_e - want_e)).values())
            dv = sum(((want_v - got_v) + (got_v - want_v)).values())
            print("  note: %d mention(s) and %d event(s) counted differently" % (de, dv))
    n_txt = len(by_txt_ents)
    for fmt in ("pdf", "docx", "odt", "epub"):
        for kind in ("file", "zip", "tar.gz"):
            n = sum(1 for d in docs if fmt_of(d["document"]) == (kind, fmt))
            if n == n_txt:
                passed += 1
            else:
                print("FAIL %s in %s: %d documents, expected %d" % (fmt, kind, n, n_txt))
                failed += 1
    print("%d passed, %d failed" % (passed, failed))


if __name__ == "__main__":
    main()
