#!/usr/bin/env python3
"""Make the SCORM 1.2 packages: one zip per language, for Moodle or another LMS.

  python scripts/scorm.py [--lang LANG] [--out DIR]

The code is plugins/course_plugin/cli/scorm.py, also run as `course scorm` (README "The course command").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402,F401 (puts this repository's plugins/ first on sys.path)

if __name__ == "__main__":
    _bootstrap.ensure(["mkdocs", "material", "mkdocs_static_i18n", "course_plugin"])
from course_plugin.cli.scorm import *  # noqa: E402,F401,F403 (tests and other scripts use its names)
from course_plugin.cli.scorm import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
