#!/usr/bin/env bash
# Throughput of `winnow clean` (default config) on real corpora, 1 and 2 workers, in one run.
#   bench/clean-bench.sh [MB]       MB of input to use (default 48)
# Writes bench/results/clean.md and bench/results/clean.json. Needs the fat jar (mvn -q -DskipTests package).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-48}"
corpora="$("$here/scripts/corpora.sh")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
# English and Chinese manual pages (html_docs: 26 languages) plus Chinese man pages, cut into 8 shards.
python3 - "$corpora" "$work/in" "$mb" <<'PY'
import json, sys, os
corpora, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
limit = int(mb * 1e6)
files = [os.path.join(corpora, "jsonl", f) for f in ("html_docs.jsonl", "manpages_zh.jsonl")]
docs = []
size = 0
per_file = limit // len(files)
for f in files:
    got = 0
    for line in open(f, encoding="utf-8"):
        d = json.loads(line)
        rec = {"id": d["id"], "text": d["text"], "source": d.get("source"), "lang": d.get("lang")}
        s = json.dumps(rec, ensure_ascii=False)
        docs.append(s)
        got += len(s.encode())
        if got >= per_file:
            break
    size += got
shards = [open(os.path.join(out, f"part-{i}.jsonl"), "w", encoding="utf-8") for i in range(8)]
for i, s in enumerate(docs):
    shards[i % 8].write(s + "\n")
for f in shards:
    f.close()
print(f"{len(docs)} documents, {size/1e6:.1f} MB")
PY
results=()
for w in 1 2; do
  /usr/bin/time -v -o "$work/time-$w" "$here/bin/winnow" clean -i "$work/in" -o "$work/out-$w" --workers "$w" --progress off > "$work/log-$w" 2>&1
  wall=$(python3 -c "import json;print(json.load(open('$work/out-$w/stats.json'))['wall_seconds'])")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time-$w")
  results+=("$w $wall $rss")
done
python3 - "$work" "$here/bench/results" "${results[@]}" <<'PY'
import json, sys, os, datetime, platform, subprocess
work, outdir = sys.argv[1], sys.argv[2]
rows = []
for r in sys.argv[3:]:
    w, wall, rss = r.split()
    st = json.load(open(os.path.join(work, f"out-{w}", "stats.json")))
    t = st["totals"]
    mb = t["input_bytes"] / 1e6
    rows.append({"workers": int(w), "wall_seconds": float(wall), "peak_rss_mb": int(rss) / 1024,
                 "docs_in": t["docs_in"], "docs_kept": t["docs_kept"], "input_mb": mb,
                 "docs_per_s": t["docs_in"] / float(wall), "mb_per_s": mb / float(wall),
                 "steps": {s["name"]: round(s["seconds"], 2) for s in st["steps"]}})
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
res = {"date": datetime.date.today().isoformat(), "java": java, "cpus": os.cpu_count(), "runs": rows}
json.dump(res, open(os.path.join(outdir, "clean.json"), "w"), indent=2)
with open(os.path.join(outdir, "clean.md"), "w") as f:
    f.write(f"# winnow clean throughput (default config)\n\n{res['date']}, {java}, {os.cpu_count()} cores (shared, noisy machine: compare ratios).\n")
    f.write(f"Input: {rows[0]['input_mb']:.1f} MB, {rows[0]['docs_in']:,} documents: Debian HTML manuals (26 languages) and Chinese man pages from ../shared/corpora, 8 shards.\n\n")
    f.write("| workers | wall s | docs/s | MB/s | docs/s per core | peak RSS MB | kept |\n|---|---|---|---|---|---|---|\n")
    for r in rows:
        f.write(f"| {r['workers']} | {r['wall_seconds']:.1f} | {r['docs_per_s']:.0f} | {r['mb_per_s']:.2f} | {r['docs_per_s']/r['workers']:.0f} | {r['peak_rss_mb']:.0f} | {r['docs_kept']:,} |\n")
    if len(rows) == 2:
        f.write(f"\nSpeed-up with 2 workers: {rows[0]['wall_seconds']/rows[1]['wall_seconds']:.2f}x. Identical output for both runs is tested elsewhere (worker-count independence).\n")
    f.write("\nStep time (summed over workers, seconds, 1-worker run):\n\n| step | s |\n|---|---|\n")
    for k, v in rows[0]["steps"].items():
        f.write(f"| {k} | {v} |\n")
    f.write("\nNo side-by-side reference: datatrove (Python) is not installable on this offline machine.\n")
print(open(os.path.join(outdir, "clean.md")).read())
PY
