#!/usr/bin/env bash
# The shared real-text corpora (../shared/corpora/build-corpora.sh; ~5 min, ~2 GB) used by the
# cleaning, ingest, dedup and tokenizer tests. Tests would build them on demand; doing it here
# keeps the build log readable.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
scripts/corpora.sh
