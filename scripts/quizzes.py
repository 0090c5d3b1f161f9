#!/usr/bin/env python3
"""Check and export the course's quizzes without building the site.

  python scripts/quizzes.py check                      validate every quiz and every page marker
  python scripts/quizzes.py export --format json       the bank as JSON (public contract, see README)
  python scripts/quizzes.py export --format gift --lang ru   Moodle GIFT for import into Moodle
  python scripts/quizzes.py schema [--write]           the JSON Schema of quiz files (quizzes/quiz.schema.json)

The code is plugins/course_plugin/cli/quizzes.py, also run as `course quizzes` (README "The course command").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402,F401 (puts this repository's plugins/ first on sys.path)

from course_plugin.cli.quizzes import *  # noqa: E402,F401,F403 (tests and other scripts use its names)
from course_plugin.cli.quizzes import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
