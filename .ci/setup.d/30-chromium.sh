#!/usr/bin/env bash
# Headless Chromium renders the HTML report in the end-to-end tests.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  }
fi
