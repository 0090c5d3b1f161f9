"""The `course` command (course_plugin.cli), installed with the package, and the scripts that wrap it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from course_plugin.cli import COMMANDS  # noqa: E402

# the console script pip wrote for [project.scripts], beside this environment's python
COURSE = Path(sys.executable).parent / ("course.exe" if os.name == "nt" else "course")


def course(*args, cwd=None, env=None):
    if not COURSE.exists():
        pytest.fail(f"{COURSE} is missing: install the project (bash scripts/test.sh runs pip install -e '.[test]')")
    return subprocess.run([str(COURSE), *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_the_package_installs_the_course_command():
    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "course"]
    assert ep.value == "course_plugin.cli:main"


def test_course_help_lists_every_command():
    done = course("--help")
    assert done.returncode == 0, done.stderr
    assert set(COMMANDS) == {"quizzes", "certificates", "offline", "pdf", "scorm", "records", "evaluation", "bench"}
    for name, (_, summary, _, _) in COMMANDS.items():
        assert f"  {name}" in done.stdout and summary in done.stdout


def test_course_quizzes_runs_the_same_code_as_the_script(tmp_path):
    # from another folder: the command finds the course repository it is installed from
    check = course("quizzes", "check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "quiz(zes)" in check.stdout and "0 error(s)" in check.stdout
    exported = course("quizzes", "export", "--format", "json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    script = subprocess.run([sys.executable, str(ROOT / "scripts/quizzes.py"), "export", "--format", "json"],
                            capture_output=True, text=True, check=True)
    assert exported.stdout == script.stdout
    assert {"module-1", "pretest", "posttest"} <= {q["id"] for q in json.loads(exported.stdout)}


def test_python_scripts_quizzes_check_still_works():
    done = subprocess.run([sys.executable, str(ROOT / "scripts/quizzes.py"), "check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "0 error(s)" in done.stdout


def test_subcommand_usage_names_the_course_command():
    done = course("records", "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: course records")
    script = subprocess.run([sys.executable, str(ROOT / "scripts/records.py"), "--help"], capture_output=True, text=True)
    assert script.returncode == 0 and script.stdout.startswith("usage: records.py")


def test_unknown_command_is_a_clear_error():
    done = course("quizes", "check")
    assert done.returncode == 2
    assert "course: error: unknown command 'quizes'" in done.stderr and "Traceback" not in done.stderr
    assert "quizzes" in done.stderr   # the list of commands comes with it


def test_course_root_names_another_course(tmp_path):
    for name in ("mkdocs.yml", "course", "guidebook", "quizzes"):
        src = ROOT / name
        (shutil.copytree(src, tmp_path / name, symlinks=True) if src.is_dir() else shutil.copy(src, tmp_path / name))
    (tmp_path / "quizzes/broken.yml").write_text("id: broken\ntitle: {en: B}\nquestions: []\n", encoding="utf-8")
    done = course("quizzes", "check", env={**os.environ, "COURSE_ROOT": str(tmp_path)})
    assert done.returncode == 1
    assert "quizzes/broken.yml, line 2 [title]: missing translation" in done.stderr and "Traceback" not in done.stderr


def test_commands_share_one_site_build_and_one_chromium():
    from course_plugin.cli import bench, build, chromium, offline, pdf, scorm

    assert offline.build_site is scorm.build_site is pdf.build_site is build.build_site
    assert pdf.launch is chromium.launch
    # the benchmark's timed build in its own process is the same helper, without the file:// changes
    assert "course_plugin.cli.build import build_site" in Path(bench.__file__).read_text(encoding="utf-8")
