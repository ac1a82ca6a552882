#!/usr/bin/env bash
# mixture's cross-check reads and writes Megatron .bin/.idx files with an independent numpy implementation
# of the published layout (mixture/src/test/resources/.../megatron_layout.py). Idempotent; pip reaches only
# the local wheel index here, so name it explicitly (as /etc/pip.conf does) in case the config is absent.
set -euo pipefail
PY="$(command -v python3)"
if "$PY" -c 'import numpy' 2>/dev/null; then
  echo "30-mixture: numpy $("$PY" -c 'import numpy; print(numpy.__version__)') already installed"
  exit 0
fi
args=()
[ -d /opt/wheels ] && args+=(--find-links /opt/wheels)
for idx in /opt/pypi/simple /opt/pypi-more/simple; do
  [ -d "$idx" ] && args+=(--extra-index-url "file://$idx")
done
if "$PY" -m pip --version >/dev/null 2>&1; then
  "$PY" -m pip install --help 2>/dev/null | grep -q -- --break-system-packages && args+=(--break-system-packages)
  "$PY" -m pip install -q "${args[@]}" numpy || true
fi
if ! "$PY" -c 'import numpy' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy
fi
"$PY" -c 'import numpy; print("30-mixture: numpy", numpy.__version__)'
