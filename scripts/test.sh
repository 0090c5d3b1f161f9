#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine, then run it.
#   bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium for the real-browser tests (Debian/Ubuntu packages; never a browser download).
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# A font that covers Cyrillic for the whole-course PDF (tests/test_course_pdf.py); Debian's chromium
# usually brings DejaVu in through fontconfig, this makes sure.
if ! fc-list :lang=ru family 2>/dev/null | grep -q .; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq fontconfig fonts-dejavu-core >/dev/null
fi

# The course, its plugin and the test tools in a local virtual environment.
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test]"

# axe-core for the accessibility tests (test-only; never part of the built site).
if [ ! -f tests/node/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq npm >/dev/null
  fi
  (cd tests/node && npm install --no-audit --no-fund --silent)
fi

exec .venv/bin/python -m pytest "$@"
