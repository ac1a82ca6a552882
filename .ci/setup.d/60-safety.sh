#!/usr/bin/env bash
# safety-filter tests fetch open keyword and domain lists from npm at test time
# (configs/safety/fetch-lists.sh: naughty-words, @2toad/profanity, bad-words-chinese; eth-phishing-detect).
# They need npm and node; the lists themselves are never committed.
set -euo pipefail
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm nodejs
fi
npm --version >/dev/null
