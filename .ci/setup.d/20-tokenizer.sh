#!/usr/bin/env bash
# bpe-trainer's compatibility tests compare against real SentencePiece 0.2.2 and Hugging Face tokenizers,
# run through python3, and use Debian's spm_train for the sampling check. Idempotent. This machine's pip
# reaches only the local wheel index, so name it explicitly (the same places /etc/pip.conf lists) in case
# the config is absent.
set -euo pipefail
# Debian's spm_train (0.1.97) checks that our sentence sampler draws as SentencePiece's C++ does
if ! command -v spm_train >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sentencepiece
fi
PY="$(command -v python3)"
if "$PY" -c 'import sentencepiece, tokenizers, sys; sys.exit(0 if sentencepiece.__version__ == "0.2.2" else 1)' 2>/dev/null; then
  echo "20-tokenizer: sentencepiece 0.2.2 and tokenizers already installed"
  exit 0
fi
args=()
[ -d /opt/wheels ] && args+=(--find-links /opt/wheels)
for idx in /opt/pypi/simple /opt/pypi-more/simple; do
  [ -d "$idx" ] && args+=(--extra-index-url "file://$idx")
done
"$PY" -m pip --version >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip; }
# Debian's python3 refuses system-wide installs (PEP 668) unless told so
"$PY" -m pip install --help 2>/dev/null | grep -q -- --break-system-packages && args+=(--break-system-packages)
"$PY" -m pip install -q "${args[@]}" "sentencepiece==0.2.2" tokenizers
"$PY" -c 'import sentencepiece, tokenizers; print("20-tokenizer: sentencepiece", sentencepiece.__version__, "tokenizers", tokenizers.__version__)'
