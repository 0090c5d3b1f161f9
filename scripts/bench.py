#!/usr/bin/env python3
"""Build-time benchmark: a synthetic bilingual course built with and without the course plugin.

    python scripts/bench.py            # N = 10, 100, 1000 pages per language, 5 runs each side
    python scripts/bench.py --quick    # N = 10, 2 runs each side (seconds)
    python scripts/bench.py --sizes 10 100 --runs 3

The code is plugins/course_plugin/cli/bench.py, also run as `course bench` (README "The course command").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402,F401 (puts this repository's plugins/ first on sys.path)

from course_plugin.cli.bench import *  # noqa: E402,F401,F403 (tests and other scripts use its names)
from course_plugin.cli.bench import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
