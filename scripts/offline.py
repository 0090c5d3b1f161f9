#!/usr/bin/env python3
"""Make the offline copy: a zip of the whole site that works opened from disk, without internet.

  python scripts/offline.py [--out DIR]

The code is plugins/course_plugin/cli/offline.py, also run as `course offline` (README "The course command").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402,F401 (puts this repository's plugins/ first on sys.path)

if __name__ == "__main__":
    _bootstrap.ensure(["mkdocs", "material", "mkdocs_static_i18n", "course_plugin"])
from course_plugin.cli.offline import *  # noqa: E402,F401,F403 (tests and other scripts use its names)
from course_plugin.cli.offline import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
