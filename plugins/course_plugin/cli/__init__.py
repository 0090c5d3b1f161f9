"""The `course` command: the course's tools as subcommands (installed with the package).

    course quizzes check|export|schema     course certificates keygen|issue|verify
    course offline                          course pdf
    course scorm                            course records keygen|open
    course evaluation report                course bench

Each subcommand is a module here with a ``main(argv, prog)``; ``python scripts/NAME.py`` runs the
same module. They share one site build (build.py) and one Chromium (chromium.py), and work on the
course repository named by project.py.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

# name: (module, what it does, modules it needs beyond the package's dependencies, extra that has them)
COMMANDS = {
    "quizzes": ("quizzes", "check and export the quizzes without building the site", (), ""),
    "certificates": ("certificates", "trainer-issued certificates: keygen, issue, verify", (), ""),
    "offline": ("offline", "the offline copy: a zip of the whole site that works from disk", (), ""),
    "pdf": ("pdf", "one PDF of the whole course per language", ("playwright", "pypdf"), "pdf"),
    "scorm": ("scorm", "the SCORM 1.2 packages, one zip per language", (), ""),
    "records": ("records", "sealed records of the Record a case page: keygen, open", (), ""),
    "evaluation": ("evaluation", "the session's evaluation report from a results CSV", (), ""),
    "bench": ("bench", "build-time benchmark with and without the course plugin", (), ""),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: course COMMAND [options]   (course COMMAND --help for its options)", "", "commands:"]
    lines += [f"  {name:<{width}}  {summary}" for name, (_, summary, _, _) in COMMANDS.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        sys.stderr.write(usage())
        return 2
    if argv[0] in ("-h", "--help"):
        sys.stdout.write(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        sys.stderr.write(usage() + f"course: error: unknown command {name!r}\n")
        return 2
    module, _, needs, extra = COMMANDS[name]
    missing = [m for m in needs if importlib.util.find_spec(m) is None]
    if missing:
        sys.stderr.write(f"course {name}: error: {', '.join(missing)} missing; install them with: "
                         f"pip install 'pvwud-course[{extra}]' (or pip install -e '.[{extra}]' in the repository)\n")
        return 1
    return importlib.import_module(f"{__name__}.{module}").main(rest, prog=f"course {name}")
