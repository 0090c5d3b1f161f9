#!/usr/bin/env python3
"""Make one PDF of the whole course per language: Modules I–III and the trainer guidebook.

  python scripts/course_pdf.py [--out DIR] [--lang LANG ...]

The code is plugins/course_plugin/cli/pdf.py, also run as `course pdf` (README "The course command").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402,F401 (puts this repository's plugins/ first on sys.path)

if __name__ == "__main__":
    _bootstrap.ensure(["mkdocs", "material", "mkdocs_static_i18n", "course_plugin", "playwright", "pypdf"], extra="pdf")
from course_plugin.cli.pdf import *  # noqa: E402,F401,F403 (tests and other scripts use its names)
from course_plugin.cli.pdf import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
