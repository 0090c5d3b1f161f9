"""Run a project script with the project's own Python environment (``.venv``).

The scripts are thin wrappers around the modules of ``course_plugin.cli`` (the `course` command):
importing this puts this repository's ``plugins/`` first on ``sys.path``, so that a script always
runs the package beside it.

``python scripts/offline.py`` and ``python scripts/course_pdf.py`` work with any Python 3.10+: when
the modules they need are missing, this creates ``.venv`` (as ``scripts/serve.sh`` does), installs
the project into it and runs the script again with ``.venv/bin/python``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))


def ensure(modules: list[str], extra: str = "") -> None:
    """Make sure ``modules`` import; otherwise set up .venv and re-run this script with it."""
    if all(importlib.util.find_spec(m) is not None for m in modules):
        return
    in_venv = Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()
    if in_venv and os.environ.get("COURSE_BOOTSTRAPPED"):
        sys.exit(f"error: {', '.join(modules)} still missing after installing the project into .venv; "
                 f"run: {VENV_PYTHON} -m pip install -e '.{extra and f'[{extra}]'}'")
    if not VENV_PYTHON.exists():
        print("Setting up .venv (once) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(ROOT / ".venv")], check=True)
    probe = "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in sys.argv[1:]))"
    if in_venv or subprocess.run([str(VENV_PYTHON), "-c", probe, *modules]).returncode != 0:
        target = f".[{extra}]" if extra else "."
        print(f"Installing the project into .venv ({target}) ...", file=sys.stderr)
        subprocess.run([str(VENV_PYTHON), "-m", "pip", "install", "-q", "-e", target], check=True, cwd=ROOT)
    os.environ["COURSE_BOOTSTRAPPED"] = "1"
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
