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

# Pango for WeasyPrint (certificate PDFs) and a font with Cyrillic for every PDF (certificates,
# the whole-course PDF printed by Chromium).
CERT_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-dejavu-core"
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s $CERT_PACKAGES >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq $CERT_PACKAGES >/dev/null
fi

# The course, its plugin and the test tools in a local virtual environment.
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test]"

# Test-only npm tools (never part of the built site or a package): axe-core for accessibility,
# gift-pegjs to read the GIFT export back, scorm-again as the SCORM tests' LMS, acorn for the quick
# exit's syntax baseline. Installed again whenever one of them is missing.
need_npm=0
for f in axe-core/axe.min.js gift-pegjs/package.json scorm-again/dist/scorm12.js acorn/dist/acorn.js; do
  [ -f "tests/node/node_modules/$f" ] || need_npm=1
done
if [ "$need_npm" = 1 ]; then
  if ! command -v npm >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq npm >/dev/null
  fi
  (cd tests/node && npm install --no-audit --no-fund --silent)
fi

exec .venv/bin/python -m pytest "$@"
