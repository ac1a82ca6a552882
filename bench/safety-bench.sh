#!/usr/bin/env bash
# winnow safety: classifier quality on the SpamAssassin mails and per-core throughput of every step,
# with datatrove's keyword method (one Python `re` alternation per language, C4BadWordsFilter) run on
# the same documents and terms in the same run.
#   bench/safety-bench.sh [MB]      MB of HTML manual text in the throughput set (default 24)
# Writes bench/results/safety-classifier.json and safety-throughput.json, then safety.md from them
# (bench/safety-report.py rebuilds the table from the two JSON files).
# Needs the fat jar and the bench jar (SKIP_BUILD=1 reuses them), python3, npm (open lists), the corpora.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mb="${1:-24}"
corpora="$(scripts/corpora.sh)"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -pl cli,bench -am package -DskipTests
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$here/bench/results"
mkdir -p "$results"

echo "== classifier: winnow safety train on jsonl/emails.jsonl (80/20 split by id hash, seed 42)"
bin/winnow safety train --input "$corpora/jsonl/emails.jsonl" --label-field label --positive spam \
  --output "$work/spam.bin" | tee "$work/train.log"
# Across collections: train on the *-1 groups, evaluate on the *-2 groups (other years, other senders).
python3 - "$corpora/jsonl/emails.jsonl" "$work" <<'PY'
import json, sys
src, work = sys.argv[1], sys.argv[2]
with open(f"{work}/groups-1.jsonl", "w") as a, open(f"{work}/groups-2.jsonl", "w") as b:
    for line in open(src, encoding="utf-8"):
        g = json.loads(line)["group"]
        (a if g.endswith("-1") else b).write(line)
PY
bin/winnow safety train --input "$work/groups-1.jsonl" --label-field label --positive spam --test-fraction 0 \
  --output "$work/spam-1.bin" > "$work/train-1.log"
bin/winnow safety eval --model "$work/spam-1.bin" --input "$work/groups-2.jsonl" --label-field label \
  --report "$work/eval-2.json" | tee "$work/eval-2.log"

echo "== throughput set and a 10,000-term list"
for s in ldnoobw 2toad bad-words-chinese; do configs/safety/fetch-lists.sh --source "$s" "$work/npm-$s" >/dev/null; done
python3 - "$corpora" "$work" "$mb" <<'PY'
import json, os, sys, hashlib, re
corpora, work, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
# Documents: HTML manuals (26 languages, many zh), the mails' text, all fortunes.
docs, size = [], 0
for line in open(os.path.join(corpora, "jsonl/html_docs.jsonl"), encoding="utf-8"):
    d = json.loads(line)
    docs.append({"id": d["id"], "text": d["text"], "lang": d.get("lang"), "url": "https://%s.example.org/%s" % (d.get("package", "doc"), d.get("path", ""))})
    size += len(d["text"].encode())
    if size > mb * 1e6:
        break
for f in ("emails.jsonl", "fortunes.jsonl"):
    for line in open(os.path.join(corpora, "jsonl", f), encoding="utf-8"):
        d = json.loads(line)
        docs.append({"id": d["id"], "text": d["text"], "lang": d.get("lang")})
with open(os.path.join(work, "docs.jsonl"), "w", encoding="utf-8") as out:
    for d in docs:
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
# Terms: every term of the three open npm lists, in their language directories, then words of the
# tokenizer corpus (deterministic choice) under any/ until there are 10,000 distinct entries.
lists = os.path.join(work, "lists")
entries = set()
per_lang = {}
for src in ("npm-ldnoobw", "npm-2toad", "npm-bad-words-chinese"):
    root = os.path.join(work, src)
    for lang in sorted(os.listdir(root)):
        p = os.path.join(root, lang, "profanity.txt")
        if not os.path.exists(p):
            continue
        for t in open(p, encoding="utf-8"):
            t = t.strip()
            if t and not t.startswith("#") and (lang, t.lower()) not in entries:
                entries.add((lang, t.lower()))
                per_lang.setdefault(lang, []).append(t)
real = len(entries)
vocab = set()
for line in open(os.path.join(corpora, "tokenizer/tok_5mb.txt"), encoding="utf-8"):
    for w in re.findall(r"[a-z]{5,}", line.lower()):
        vocab.add(w)
pad = sorted(vocab, key=lambda w: hashlib.sha1(w.encode()).hexdigest())[: 10000 - real]
per_lang.setdefault("any", []).extend(pad)
for lang, terms in per_lang.items():
    os.makedirs(os.path.join(lists, lang), exist_ok=True)
    with open(os.path.join(lists, lang, "profanity.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(terms) + "\n")
json.dump({"documents": len(docs), "real_terms": real, "padding_terms": len(pad), "languages": len(per_lang)},
          open(os.path.join(work, "set.json"), "w"))
print(f"{len(docs)} documents; {real} real terms + {len(pad)} corpus words = {real + len(pad)} terms")
PY
# URL categories: MetaMask's 13,752 phishing domains (npm eth-phishing-detect) in the UT1 layout
(cd "$work" && npm pack --silent eth-phishing-detect@1.2.0 >/dev/null && tar xzf eth-phishing-detect-*.tgz)
mkdir -p "$work/ut1/phishing"
python3 -c "import json,sys; print('\n'.join(json.load(open(sys.argv[1]))['blacklist']))" "$work/package/src/config.json" > "$work/ut1/phishing/domains"

echo "== winnow steps, one thread"
java -Xmx3g -cp bench/target/benchmarks.jar io.winnow.bench.safety.SafetyBench "$work/docs.jsonl" "$work/lists" "$work/ut1" \
  "$work/spam.bin" "$work/java.json" 3

echo "== reference: datatrove's C4BadWordsFilter method (Python re, one alternation per language), same terms, every 40th document"
python3 - "$work" <<'PY'
import json, os, re, sys, time
work = sys.argv[1]
lists = os.path.join(work, "lists")
terms = {l: [t.strip().lower() for t in open(os.path.join(lists, l, "profanity.txt"), encoding="utf-8") if t.strip()] for l in os.listdir(lists)}
nob = {"ja", "th", "zh"}
def pattern(lang):
    words = sorted(set(terms.get(lang, []) + terms.get("any", [])), key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(alt if lang in nob else r"(?:\W|^)(" + alt + r")(?:\W|$)")
# A regex alternation of 10,000 words tries each word at each position: too slow for the whole set,
# so the reference reads every 40th document (a sample of the same mix).
docs = [json.loads(l) for i, l in enumerate(open(os.path.join(work, "docs.jsonl"), encoding="utf-8")) if i % 40 == 0]
t0 = time.time()
compiled = {}
for d in docs:
    lang = (d.get("lang") or "en").split("-")[0].split("_")[0].lower()
    if lang not in compiled:
        compiled[lang] = pattern(lang)
build = time.time() - t0
times = []
for p in range(1):
    t0 = time.time()
    hits = 0
    for d in docs:
        lang = (d.get("lang") or "en").split("-")[0].split("_")[0].lower()
        if compiled[lang].search(d["text"].lower()):
            hits += 1
    times.append(time.time() - t0)
best = sorted(times)[0]
size = sum(len(d["text"].encode()) for d in docs)
import platform
json.dump({"python": platform.python_version(), "documents": len(docs), "seconds_per_pass": round(best, 3), "docs_per_s": round(len(docs) / best),
           "mb_per_s": round(size / 1e6 / best, 2), "docs_with_a_match": hits, "compile_seconds": round(build, 2)},
          open(os.path.join(work, "python.json"), "w"))
print(f"python re: {len(docs)/best:.0f} docs/s, {size/1e6/best:.2f} MB/s (one pass over {len(docs)} documents), {hits} documents with a match")
PY

python3 - "$work" "$results" <<'PY'
import json, os, sys, datetime, subprocess
work, outdir = sys.argv[1], sys.argv[2]
rep = json.load(open(os.path.join(work, "spam.bin.json")))
cross = json.load(open(os.path.join(work, "eval-2.json")))
rep1 = json.load(open(os.path.join(work, "spam-1.bin.json")))
j = json.load(open(os.path.join(work, "java.json")))
py = json.load(open(os.path.join(work, "python.json")))
st = json.load(open(os.path.join(work, "set.json")))
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
today = datetime.date.today().isoformat()
rep["inputs"] = ["<corpora>/jsonl/emails.jsonl"]
json.dump({"date": today, "random_split": rep, "across_groups": {"train_groups": "easy-ham-1, hard-ham-1, spam-1",
           "train_documents": rep1["documents"], "eval_groups": "easy-ham-2, spam-2", "metrics": cross["metrics"]}},
          open(os.path.join(outdir, "safety-classifier.json"), "w"), indent=2)
j.update({"date": today, "java_version": java, "set": st, "reference_python_re": py})
json.dump(j, open(os.path.join(outdir, "safety-throughput.json"), "w"), indent=2)
PY
bench/safety-report.py "$results"
