#!/usr/bin/env bash
# Prints the directory of the shared real-text test corpora, building them first if needed
# (../shared/corpora/build-corpora.sh: Debian + npm packages, ~5 min, ~2 GB, needs root for apt-get).
#   WINNOW_CORPORA   where they live (default: ../corpora beside the repository)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${WINNOW_CORPORA:-$(cd "$here/.." && pwd)/corpora}"
build="$here/../shared/corpora/build-corpora.sh"
if [ ! -f "$dir/MANIFEST.tsv" ]; then
  if [ ! -f "$build" ]; then
    echo "corpora: $build not found (the shared folder must sit beside the repository)" >&2
    exit 1
  fi
  echo "corpora: building into $dir (about 5 minutes)" >&2
  bash "$build" "$dir" >&2
fi
echo "$dir"
