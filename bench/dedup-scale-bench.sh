#!/usr/bin/env bash
# Scale of `winnow dedup`: DOCS documents made from the shared real corpora (distinct originals plus
# copies with known edit rates, bench/dedup-make-corpus.py), deduplicated by the local engine and by
# the Spark engine in local[2], side by side in one run, each JVM with -Xmx4g.
#   bench/dedup-scale-bench.sh [DOCS]        default 1000000
# Needs: mvn -q -DskipTests package -pl cli,minhash-dedup-spark -am
# Writes bench/results/minhash-scale.md and bench/results/minhash-scale.json. WORK=dir keeps the files;
# REUSE=1 with the same WORK only re-scores the outputs of an earlier run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docs="${1:-1000000}"
corpora="$("$here/scripts/corpora.sh")"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
if [ ! -f "$work/corpus.json" ]; then
  python3 "$here/bench/dedup-make-corpus.py" "$corpora" "$work/in" "$docs" 16 > "$work/corpus.json"
fi
export WINNOW_JAVA_OPTS="-Xmx4g"
run() {
  local name=$1; shift
  rm -rf "${work:?}/$name"
  /usr/bin/time -f '{"wall_s": %e, "user_s": %U, "sys_s": %S, "peak_rss_kb": %M}' -o "$work/$name.time" "$@" > "$work/$name.log" 2>&1
}
if [ "${REUSE:-0}" != 1 ]; then
run local "$here/bin/winnow" dedup -i "$work/in" -o "$work/local" --workers 2 --compression gzip --progress log
run spark "$here/minhash-dedup-spark/bin/winnow-spark" dedup -i "$work/in" -o "$work/spark" --engine spark --workers 2 \
  --compression gzip --progress log --set "spark.master=local[2]"
fi
python3 - "$work" "$here/bench/results" <<'PY'
import glob, gzip, json, os, platform, subprocess, sys
work, results = sys.argv[1], sys.argv[2]
corpus = json.load(open(os.path.join(work, "corpus.json")))
planted = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "planted.tsv"), encoding="utf-8")][1:]

# true Jaccard of every planted pair, with the shared corpora's definition (corpuslib.shingles):
# lowercased whitespace word 5-grams, or character 5-grams when >= 20 % of the characters are CJK
def is_cjk(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3040 <= o <= 0x30FF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF

def shingles(t):
    s = "".join(t.lower().split())
    if s and sum(1 for c in s if is_cjk(c)) >= 0.2 * len(s):
        return {s[i:i + 5] for i in range(max(1, len(s) - 4))}
    w = t.lower().split()
    return {" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))}

need = set()
for cid, oid, rate in planted:
    need.add(cid); need.add(oid)
texts = {}
for f in sorted(glob.glob(os.path.join(work, "in", "*.jsonl"))):
    for line in open(f, encoding="utf-8"):
        d = json.loads(line)
        if d["id"] in need:
            texts[d["id"]] = d["text"]
BINS = [(0.9, 1.01, ">= 0.9"), (0.8, 0.9, "0.8-0.9"), (0.7, 0.8, "0.7-0.8"), (0.5, 0.7, "0.5-0.7"), (0.0, 0.5, "< 0.5")]
true_j = {}
for cid, oid, rate in planted:
    a, b = shingles(texts[cid]), shingles(texts[oid])
    true_j[cid] = len(a & b) / len(a | b) if a | b else 0.0

def outcome(out):
    cluster, kept = {}, set()
    for sub in ("kept", "rejected"):
        for f in sorted(glob.glob(os.path.join(out, sub, "*.jsonl.gz"))):
            with gzip.open(f, "rt", encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    c = (d.get("metadata") or {}).get("dup_cluster")
                    if c is not None:
                        cluster[d["id"]] = c
                    if sub == "kept":
                        kept.add(d["id"])
    return cluster, kept

rows = {}
kept_sets = {}
for engine in ("local", "spark"):
    t = json.load(open(os.path.join(work, engine + ".time")))
    stats = json.load(open(os.path.join(work, engine, "stats.json")))
    cluster, kept = outcome(os.path.join(work, engine))
    kept_sets[engine] = kept
    by_rate, by_j = {}, {}
    for cid, oid, rate in planted:
        found = cluster.get(cid) is not None and cluster.get(cid) == cluster.get(oid)
        r = by_rate.setdefault(rate, [0, 0])
        r[0] += 1
        r[1] += found
        label = next(l for lo, hi, l in BINS if lo <= true_j[cid] < hi)
        q = by_j.setdefault(label, [0, 0])
        q[0] += 1
        q[1] += found
    d = stats["dedup"]
    rows[engine] = {
        "wall_s": t["wall_s"], "cpu_s": round(t["user_s"] + t["sys_s"], 1), "peak_rss_mb": round(t["peak_rss_kb"] / 1024),
        "docs_per_s": round(corpus["docs"] / t["wall_s"]), "kept": len(kept), "removed": d["removed"], "clusters": d["clusters"],
        "candidate_pairs": d["candidate_pairs"], "accepted_pairs": d["accepted_pairs"], "pass_seconds": d["seconds"],
        "planted_found_by_edit_rate": {k: round(v[1] / v[0], 4) for k, v in sorted(by_rate.items(), key=lambda x: float(x[0]))},
        "planted_found_by_true_jaccard": {l: [by_j.get(l, [0, 0])[0], round(by_j[l][1] / by_j[l][0], 4) if by_j.get(l, [0, 0])[0] else None] for _, _, l in BINS},
    }
same = kept_sets["local"] == kept_sets["spark"]
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
res = {"corpus": corpus, "machine": {"cores": os.cpu_count(), "java": java, "load_avg_at_end": os.getloadavg()},
       "heap": "-Xmx4g", "engines": rows, "identical_kept_documents": same}
os.makedirs(results, exist_ok=True)
json.dump(res, open(os.path.join(results, "minhash-scale.json"), "w"), indent=1)
L, S = rows["local"], rows["spark"]
md = [f"# winnow dedup at scale: local engine vs Spark local[2]", "",
      f"{corpus['docs']:,} documents ({corpus['bytes']/1e6:.0f} MB of JSONL in {corpus['shards']} shards): {corpus['originals']:,} distinct texts of the shared "
      f"corpora (Tang/Song poetry, HTML manuals, e-mails, fortunes, man pages, POD) plus {corpus['copies']:,} copies with 0-40 % of their "
      f"words (characters for CJK) replaced. Default settings (preset fineweb, exact verification). {os.cpu_count()} cores, {java}, "
      f"each engine one JVM with -Xmx4g, run one after the other in one run of bench/dedup-scale-bench.sh on a shared, noisy machine "
      f"(load average at the end {os.getloadavg()[0]:.1f}): compare the two engines, not absolute numbers.", "",
      "| engine | wall s | CPU s | docs/s | peak RSS MB | kept | removed | clusters | candidate pairs | accepted |",
      "|---|---|---|---|---|---|---|---|---|---|"]
for e, r in rows.items():
    md.append(f"| {e} | {r['wall_s']:.0f} | {r['cpu_s']:.0f} | {r['docs_per_s']:,} | {r['peak_rss_mb']:,} | {r['kept']:,} | {r['removed']:,} | "
              f"{r['clusters']:,} | {r['candidate_pairs']:,} | {r['accepted_pairs']:,} |")
md += ["", f"Local / Spark wall-time ratio: {S['wall_s'] / L['wall_s']:.2f}x (Spark slower when > 1). "
       f"Identical kept documents: {'yes' if same else 'NO'}.", "",
       "Planted copies found (copy and original end in the same cluster), by edit rate:", "",
       "| edit rate | " + " | ".join(rows) + " |", "|---|" + "---|" * len(rows)]
for rate in L["planted_found_by_edit_rate"]:
    md.append(f"| {float(rate):.0%} | " + " | ".join(f"{rows[e]['planted_found_by_edit_rate'][rate]:.3f}" for e in rows) + " |")
md += ["", "The same planted pairs by their true Jaccard (the shared corpora's shingles: lowercased word 5-grams, character "
       "5-grams for CJK text; short poems lose most of their 5-grams to a single edit, hence the edit-rate rows above):", "",
       "| true Jaccard | pairs | " + " | ".join(rows) + " |", "|---|---|" + "---|" * len(rows)]
for _, _, label in BINS:
    n = L["planted_found_by_true_jaccard"][label][0]
    md.append(f"| {label} | {n:,} | " + " | ".join(
        "-" if rows[e]['planted_found_by_true_jaccard'][label][1] is None else f"{rows[e]['planted_found_by_true_jaccard'][label][1]:.3f}" for e in rows) + " |")
md += ["", "Pass times (s):", "", "| engine | " + " | ".join(sorted(set(k for r in rows.values() for k in r['pass_seconds']))) + " |"]
keys = sorted(set(k for r in rows.values() for k in r['pass_seconds']))
md.append("|---|" + "---|" * len(keys))
for e, r in rows.items():
    md.append(f"| {e} | " + " | ".join(f"{r['pass_seconds'].get(k, 0):.0f}" for k in keys) + " |")
open(os.path.join(results, "minhash-scale.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
PY
