#!/usr/bin/env bash
# Set up a local virtual environment, build the course and serve it at
# http://127.0.0.1:8000/police-violence-course/ (MkDocs serves under the path of site_url)
#   bash scripts/serve.sh [mkdocs serve arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e .
exec .venv/bin/mkdocs serve --strict "$@"
