#!/usr/bin/env bash
# Lighthouse on the home page and a quiz page in each language (see scripts/lighthouse.py).
#   bash scripts/lighthouse.sh [--runs N] [--site DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e ".[test]"
if [ ! -x tests/node/node_modules/.bin/lighthouse ]; then
  if ! command -v npm >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq npm >/dev/null
  fi
  (cd tests/node && npm install --no-audit --no-fund --silent)
fi
exec .venv/bin/python scripts/lighthouse.py "$@"
