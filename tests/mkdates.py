#!/usr/bin/env python3
"""mkdates.py SEED DIR NDOCS: random text dense in the dates scan's words.

Sentences of tokens drawn from entities/dates.tsv's words, the small words
around dates ("the", "that", "a", "of", "and"), numbers of every length,
ordinals, dotted dates, eras and punctuation, in every order: the oracle
test (t_dates.sh) runs the dates scan that tries every word against the one
with its shortcuts over it, so the order of words must not be one a test
writer thought of. Same SEED, same bytes."""
import os
import random
import sys

seed, out, ndocs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
here = os.path.dirname(os.path.abspath(__file__))
words = []
with open(os.path.join(here, '..', 'entities', 'dates.tsv'), encoding='utf-8') as f:
    for line in f:
        if line.startswith('#') or line.startswith('word\t') or not line.strip():
            continue
        words.append(line.split('\t')[0])
small = ("the that this a an one two in of and or on at from to until by since during between after before "
         "ago later earlier same next last day week month year century decade half part latter end beginning "
         "middle early late mid was were had been arrested tried shot").split()
punct = [".", ",", "-", "\u2013", "\u2014", "/", "'", "(", ")", ":", ";", "\u201c", "\u201d", "\u2019", "\""]
other = ["Moscow", "Stalin", "B.C.", "A.D.", "BC", "AD", "B", "C", "A", "D", "No", "p", "pp", "St", "Easter",
         "Christmas", "Monday", "May", "March"]


def number():
    r = rng.random()
    if r < 0.3:
        return str(rng.randint(1, 31))
    if r < 0.5:
        return str(rng.randint(100, 999))
    if r < 0.8:
        return str(rng.randint(1000, 2030))
    if r < 0.9:
        return "%d%s" % (rng.randint(1, 31), rng.choice(["st", "nd", "rd", "th"]))
    return "%d.%d.%d" % (rng.randint(1, 31), rng.randint(1, 12), rng.randint(1800, 2020))


def token():
    r = rng.random()
    w = (rng.choice(words) if r < 0.40 else rng.choice(small) if r < 0.62 else number() if r < 0.80
         else rng.choice(punct) if r < 0.92 else rng.choice(other))
    return w[:1].upper() + w[1:] if rng.random() < 0.15 else w


def sentence():
    text = ""
    for t in (token() for _ in range(rng.randint(3, 18))):
        glued = (t in ".,:;)" and rng.random() < 0.8) or (t in "/-" and rng.random() < 0.5) or rng.random() < 0.1
        text += t if not text or glued else " " + t
    return text[:1].upper() + text[1:] + rng.choice([".", ".", "?", "!", ""])


os.makedirs(out, exist_ok=True)
for d in range(ndocs):
    with open(os.path.join(out, "r%03d.txt" % d), "w", encoding="utf-8") as f:
        for _ in range(40):
            f.write(" ".join(sentence() for _ in range(rng.randint(1, 6))) + "\n\n")
