#!/usr/bin/env python3
"""Trainer-issued certificates that anyone can check on the site's Verify page.

  python scripts/certificates.py keygen --out DIR                       create your signing keys, once
  python scripts/certificates.py issue ROSTER.csv --key PRIVATE_KEY --out DIR   one PDF per participant
  python scripts/certificates.py verify URL_OR_TOKEN                   check a certificate offline

The code is plugins/course_plugin/cli/certificates.py, also run as `course certificates` (README "The course command").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402,F401 (puts this repository's plugins/ first on sys.path)

from course_plugin.cli.certificates import *  # noqa: E402,F401,F403 (tests and other scripts use its names)
from course_plugin.cli.certificates import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
