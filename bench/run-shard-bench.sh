#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the shard read/write benchmark with 1 and 2 threads.
#   bench/run-shard-bench.sh [--out DIR] [--threads 1,2] [JMH options, e.g. -wi 3 -i 5 -w 2s -r 2s]
# Writes DIR/shard-io.json (raw JMH) and DIR/shard-io.md (MB/s table); DIR defaults to bench/results.
# Needs the sample data: scripts/fetch-sample-data.sh. Set SKIP_BUILD=1 to reuse an existing jar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -f data/sample/.complete ] && [[ " $* " != *" -p sample="* ]]; then
  echo "no sample data in data/sample: run scripts/fetch-sample-data.sh first" >&2
  exit 1
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -pl bench -am package -Dmaven.test.skip=true
fi
exec java -cp bench/target/benchmarks.jar io.winnow.bench.ShardIoRun "$@"
