#!/usr/bin/env bash
# `winnow safety` (configs/safety/default.yaml: URL lists, keyword lists, PII redaction, upsampling) on the
# local engine (2 worker threads) and on the Spark engine in local[2], same input, same machine, alternating
# runs so both see the same load. Spark's numbers include starting and stopping its session, as a user
# pays them; the stage's own seconds (stats.json wall_seconds) are listed beside the process times.
#   bench/spark-engine-bench.sh [MB] [REPEATS]     input MB (default 128) in 8 shards; runs per engine (default 3)
# Writes bench/results/spark-engine.md. Needs the jars: mvn -q -DskipTests package -pl cli,spark-engine,minhash-dedup-spark -am
# (SKIP_BUILD=1 skips that).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mb="${1:-128}"
repeats="${2:-3}"
corpora="$(scripts/corpora.sh)"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -DskipTests package -pl cli,spark-engine,minhash-dedup-spark -am
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
# Debian HTML manuals (26 languages) and the SpamAssassin mails (addresses, phone numbers), 8 shards.
python3 - "$corpora" "$work/in" "$mb" <<'PY'
import json, sys, os
corpora, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
per_file = int(mb * 1e6) // 2
docs = []
for f in ("html_docs.jsonl", "emails.jsonl"):
    got = 0
    for line in open(os.path.join(corpora, "jsonl", f), encoding="utf-8"):
        d = json.loads(line)
        s = json.dumps({"id": d["id"], "text": d["text"], "lang": d.get("lang")}, ensure_ascii=False)
        docs.append(s)
        got += len(s.encode())
        if got >= per_file:
            break
shards = [open(os.path.join(out, "part-%d.jsonl" % i), "w", encoding="utf-8") for i in range(8)]
for i, s in enumerate(docs):
    shards[i % 8].write(s + "\n")
for s in shards:
    s.close()
print(len(docs), "documents,", sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out)), "bytes")
PY

load() { cut -d' ' -f1-3 /proc/loadavg; }
rows="$work/rows.tsv"
: > "$rows"
for r in $(seq 1 "$repeats"); do
  for engine in local spark; do
    out="$work/out-$engine-$r"
    before="$(load)"
    t0=$(date +%s.%N)
    if [ "$engine" = local ]; then
      bin/winnow safety -i "$work/in" -o "$out" -c configs/safety/default.yaml -w 2 --progress off > "$work/log" 2>&1
    else
      WINNOW_JAVA_OPTS="-Dspark.master=local[2]" spark-engine/bin/winnow-spark safety -i "$work/in" -o "$out" \
        -c configs/safety/default.yaml -w 2 --engine spark --progress off > "$work/log" 2>&1
    fi
    t1=$(date +%s.%N)
    stage="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); t=s["totals"]; print(s["wall_seconds"], t["docs_in"], t["docs_kept"], t["docs_rejected"], t["input_bytes"])' "$out/stats.json")"
    session="$(grep -o 'ready in [0-9.]* s' "$work/log" | head -n 1 | cut -d' ' -f3 || true)"
    digest="$(cd "$out" && for f in kept/* rejected/*; do [ -f "$f" ] && { echo "$f"; zstdcat "$f" | md5sum; }; done | md5sum | cut -c1-12)"
    echo -e "$engine\t$r\t$(echo "$t1 - $t0" | bc)\t$stage\t$before\t$(load)\t$digest\t${session:-0}" | tee -a "$rows"
    rm -rf "$out"
  done
done

python3 - "$rows" "$here/bench/results/spark-engine.md" "$mb" "$repeats" <<'PY'
import sys, statistics, subprocess, datetime, os
rows_file, out, mb, repeats = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
rows = [l.rstrip("\n").split("\t") for l in open(rows_file) if l.strip()]
by = {}
for engine, rep, wall, stage, before, after, digest, session in rows:
    secs, docs_in, kept, rejected, in_bytes = stage.split()
    by.setdefault(engine, []).append(dict(rep=rep, wall=float(wall), stage=float(secs), docs=int(docs_in), kept=int(kept),
                                          rejected=int(rejected), bytes=int(in_bytes), before=before, after=after, digest=digest,
                                          session=float(session)))
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
med = {e: (statistics.median(r["wall"] for r in v), statistics.median(r["stage"] for r in v),
          statistics.median(r["stage"] - r["session"] for r in v)) for e, v in by.items()}
l, s = by["local"][0], by["spark"][0]
same = len({r["digest"] for v in by.values() for r in v}) == 1
with open(out, "w") as f:
    f.write("# Spark engine: `winnow safety` on the local engine and on Spark local[2]\n\n")
    f.write(f"{datetime.date.today()}, {java}, {os.cpu_count()} cores shared with other sessions (load averages below): "
            "compare the ratios, not the absolute times.\n\n")
    f.write(f"Input: {l['docs']:,} real documents, {l['bytes']/1e6:.1f} MB in 8 shards (Debian HTML manuals in 26 languages and the "
            f"SpamAssassin mails). Stage: `configs/safety/default.yaml` (URL lists, keyword lists, PII redaction, upsampling); "
            f"{l['kept']:,} kept, {l['rejected']:,} rejected. Local: `bin/winnow safety -w 2`. Spark: `spark-engine/bin/winnow-spark safety "
            f"--engine spark` with `spark.master=local[2]`. {repeats} runs per engine, alternating.\n\n")
    f.write("| engine | run | process s | stage s (stats.json) | of which Spark start | load before | load after |\n|---|---|---|---|---|---|---|\n")
    for r in sorted(rows, key=lambda x: (x[1], x[0])):
        e, rep = r[0], r[1]
        x = next(y for y in by[e] if y["rep"] == rep)
        f.write(f"| {e} | {rep} | {x['wall']:.1f} | {x['stage']:.1f} | {x['session']:.1f} | {x['before']} | {x['after']} |\n")
    f.write("\n| | local (median) | spark local[2] (median) | spark / local |\n|---|---|---|---|\n")
    f.write(f"| process seconds | {med['local'][0]:.1f} | {med['spark'][0]:.1f} | {med['spark'][0]/med['local'][0]:.2f} |\n")
    f.write(f"| stage seconds | {med['local'][1]:.1f} | {med['spark'][1]:.1f} | {med['spark'][1]/med['local'][1]:.2f} |\n")
    f.write(f"| stage seconds without Spark's start | {med['local'][2]:.1f} | {med['spark'][2]:.1f} | {med['spark'][2]/med['local'][2]:.2f} |\n")
    f.write(f"| MB/s (stage) | {l['bytes']/1e6/med['local'][1]:.2f} | {l['bytes']/1e6/med['spark'][1]:.2f} | |\n\n")
    f.write(("Every run wrote the same kept/ and rejected/ files (one digest over all of them: `%s`).\n\n" % l["digest"]) if same
            else "**The runs did not all write the same files** (digests: %s).\n\n" % sorted({r['digest'] for v in by.values() for r in v}))
    start = statistics.median(r["session"] for r in by["spark"])
    f.write(f"Reading: a Spark run pays for starting its session (median {start:.1f} s here, before the first task) and then runs "
            f"the same shard tasks as the local engine, one per shard on {os.cpu_count()} task slots; without the start it took "
            f"{med['spark'][2]/med['local'][2]:.2f}x the local engine's time. On one machine Spark buys nothing but the start-up cost; "
            "it is for inputs that outgrow one machine, where the same tasks spread over the cluster's cores.\n\n")
    f.write("Reproduce: `bench/spark-engine-bench.sh` (builds the jars; `SKIP_BUILD=1` reuses them).\n")
print(open(out).read())
PY
