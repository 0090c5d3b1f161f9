#!/usr/bin/env python3
"""Sealed records from the course's "Record a case" page: the receiving organisation's side.

  python scripts/records.py keygen --out DIR                       create the organisation's keys, once
  python scripts/records.py open FILE_OR_TEXT --key PRIVATE_KEY    open a sealed record
        [--out DIR] [--json]

The code is plugins/course_plugin/cli/records.py, also run as `course records` (README "The course command").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402,F401 (puts this repository's plugins/ first on sys.path)

_bootstrap.ensure(["cryptography", "yaml", "pydantic"])
from course_plugin.cli.records import *  # noqa: E402,F401,F403 (tests and other scripts use its names)
from course_plugin.cli.records import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
