"""Which course repository the commands work on (its mkdocs.yml, quizzes/, forms/, dist/)."""

from __future__ import annotations

import os
from pathlib import Path


def course_root() -> Path:
    """COURSE_ROOT if set; else the repository this package sits in (a source checkout or an
    editable install, as scripts/*.py always were); else the current folder."""
    if os.environ.get("COURSE_ROOT"):
        return Path(os.environ["COURSE_ROOT"]).resolve()
    here = Path(__file__).resolve().parents[3]   # <repo>/plugins/course_plugin/cli/project.py
    if (here / "mkdocs.yml").is_file() and (here / "plugins" / "course_plugin").is_dir():
        return here
    return Path.cwd()


ROOT = course_root()
