#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the ingest benchmarks, writing into DIR (default bench/results):
#   ingest-extraction-quality.{json,md}  winnow vs boilerpipe, per language, WARC pages and PDFs
#   ingest-langid.{json,md}              language-ID accuracy on unambiguous pages vs Optimaize alone
#   ingest-throughput.{json,md}          WARC MB/s and docs/s, 1 and 2 workers
# Needs the shared corpora (scripts/corpora.sh; WINNOW_CORPORA to point elsewhere). SKIP_BUILD=1 reuses the jar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-bench/results}"
export WINNOW_CORPORA="${WINNOW_CORPORA:-$(bash scripts/corpora.sh)}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -pl bench -am package -DskipTests
fi
for b in ExtractionQuality LanguageAccuracy IngestThroughput; do
  echo "== $b" >&2
  java -Xmx4g -cp bench/target/benchmarks.jar "io.winnow.bench.ingest.$b" "$out"
done
