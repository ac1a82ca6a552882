#!/usr/bin/env python3
"""Builds the near-dup scale corpus for bench/dedup-scale-bench.sh from the shared real corpora.

Originals: every distinct text of chinese_poetry, html_docs, emails, fortunes, manpages_zh and
perl_pod. Copies: random originals with a known share of their units (words, or characters for
CJK text) replaced by other units of the same document, at rates 0 (exact), 1, 2, 5, 10, 20 and
40 %. Everything is shuffled with a fixed seed and written as plain JSONL shards, plus
planted.tsv (copy id, original id, edit rate).

usage: dedup-make-corpus.py CORPORA OUT_DIR [TOTAL_DOCS] [SHARDS]
"""
import hashlib
import json
import os
import random
import sys

corpora, out = sys.argv[1], sys.argv[2]
total = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
nshards = int(sys.argv[4]) if len(sys.argv) > 4 else 16
rng = random.Random(20261126)
RATES = [0.0, 0.01, 0.02, 0.05, 0.10, 0.20, 0.40]


def cjk(text):
    n = sum(1 for c in text if '\u4e00' <= c <= '\u9fff' or '\u3040' <= c <= '\u30ff')
    return n >= 0.2 * max(1, sum(1 for c in text if not c.isspace()))


originals = []
seen = set()
for name in ("chinese_poetry", "html_docs", "emails", "fortunes", "manpages_zh", "perl_pod"):
    with open(os.path.join(corpora, "jsonl", name + ".jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            t = d.get("text") or ""
            if len(t.strip()) < 20:
                continue
            h = hashlib.md5(t.encode()).digest()
            if h in seen:
                continue
            seen.add(h)
            originals.append((d["id"], t))
            if len(originals) >= total:
                break
    if len(originals) >= total:
        break

n_copies = max(0, total - len(originals))


def edit(text, rate):
    if rate == 0:
        return text
    if cjk(text):
        units = list(text)
        idx = [i for i, c in enumerate(units) if not c.isspace()]
        pool = [units[i] for i in idx]
        for i in rng.sample(idx, max(1, int(len(idx) * rate))):
            units[i] = rng.choice(pool)
        return "".join(units)
    units = text.split(" ")
    for i in rng.sample(range(len(units)), max(1, int(len(units) * rate))):
        units[i] = rng.choice(units) + rng.choice("aeiou")
    return " ".join(units)


docs = [{"id": i, "text": t, "source": "original"} for i, t in originals]
planted = []
for k in range(n_copies):
    oid, t = originals[rng.randrange(len(originals))]
    rate = rng.choice(RATES)
    cid = f"copy-{k:07d}"
    docs.append({"id": cid, "text": edit(t, rate), "source": "copy"})
    planted.append((cid, oid, rate))
rng.shuffle(docs)
os.makedirs(out, exist_ok=True)
files = [open(os.path.join(out, f"part-{i:03d}.jsonl"), "w", encoding="utf-8") for i in range(nshards)]
size = 0
for i, d in enumerate(docs):
    s = json.dumps(d, ensure_ascii=False) + "\n"
    size += len(s.encode())
    files[i % nshards].write(s)
for f in files:
    f.close()
with open(os.path.join(out, "..", "planted.tsv"), "w", encoding="utf-8") as f:
    f.write("copy_id\toriginal_id\tedit_rate\n")
    for c, o, r in planted:
        f.write(f"{c}\t{o}\t{r}\n")
print(json.dumps({"docs": len(docs), "originals": len(originals), "copies": n_copies, "bytes": size, "shards": nshards}))
