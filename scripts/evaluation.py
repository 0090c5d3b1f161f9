#!/usr/bin/env python3
"""The session's evaluation report from results kept in a spreadsheet (README "Session results").

  python scripts/evaluation.py report RESULTS.csv [--lang en|ru] --out DIR

The code is plugins/course_plugin/cli/evaluation.py, also run as `course evaluation` (README "The course command").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402,F401 (puts this repository's plugins/ first on sys.path)

_bootstrap.ensure(["yaml", "pydantic", "markupsafe"])
from course_plugin.cli.evaluation import *  # noqa: E402,F401,F403 (tests and other scripts use its names)
from course_plugin.cli.evaluation import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
