"""Build-time benchmark: a synthetic bilingual course built with and without the course plugin.

    course bench                       # N = 10, 100, 1000 pages per language, 5 runs each side
    course bench --quick               # N = 10, 2 runs each side (seconds)
    course bench --sizes 10 100 --runs 3
    course bench --course              # this repository's own course (mkdocs.yml), 5 runs each side
    (or: python scripts/bench.py ...)

For each N, a temporary course with N pages per language (English and Russian), each holding a
10-question quiz, is built (a) with the plugin and (b) with ``course: {enabled: false}`` on the
same pages (the quiz markers stay plain HTML comments). Runs alternate with / without, each in a
fresh Python process; only ``build()`` is timed (not interpreter start-up or imports).
With ``--course``, the repository's own course is built the same two ways instead (mkdocs.yml as
written, not strict, and with ``course: {enabled: false}`` added to the plugin's options).
The table gives median build times (CPU time of the build process, which other load on the machine
disturbs less than wall-clock time, with wall-clock time beside it), the plugin's share of the build
and the CPU time per page per language.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PLUGINS = Path(__file__).resolve().parents[2]   # the folder that holds course_plugin

LANGUAGES = ("en", "ru")
# The nav of a large course: pages in sections of 10, sections in modules of 10 (N = 1000: 10
# modules). Material draws every top-level module open on every page (navigation.sections)
# and, with navigation.prune, only the open section's pages: the nav grows with the number of
# modules and sections, not of pages, as it would on a real course of that size.
PAGES_PER_SECTION = 10
SECTIONS_PER_MODULE = 10
QUESTIONS = 10

CONFIG = """\
site_name: Benchmark course
site_url: https://example.org/bench/
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.sections, navigation.prune]
plugins:
  - search:
      lang: [en, ru]
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      reconfigure_material: true
      reconfigure_search: false
      languages:
        - {locale: en, default: true, name: English, build: true}
        - {locale: ru, name: Русский, build: true}
  - course
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
"""

TEXT = {
    "en": ("Police officers must respect the rights of every person they stop, search or detain. "
           "Write down what happened, when and where, who was present and what was said. "),
    "ru": ("Сотрудники полиции обязаны соблюдать права каждого человека, которого они останавливают, "
           "досматривают или задерживают. Запишите, что произошло, когда и где, кто присутствовал и что было сказано. "),
}
HEADINGS = {"en": ("Overview", "Your rights", "What you can do", "Evidence", "Safety", "Remember"),
            "ru": ("Обзор", "Ваши права", "Что вы можете сделать", "Доказательства", "Безопасность", "Запомните")}
ADMONITION = {"en": '!!! do "What you can do"', "ru": '!!! do "Что вы можете сделать"'}


def page_markdown(lang: str, number: int) -> str:
    """About 8 KB of Markdown in English, the length of a median course page, and a quiz marker."""
    title = f"{'Page' if lang == 'en' else 'Страница'} {number}"
    text = TEXT[lang]
    parts = [f"# {title}\n", text * 2 + "\n"]
    for heading in HEADINGS[lang]:
        parts.append(f"## {heading}\n\n{text * 4}\n\n{text * 3}\n\n- {text[:60]}\n- {text[60:120]}\n- {text[:90]}\n")
    parts.append(f"{ADMONITION[lang]}\n\n    {text}\n")
    parts.append("| A | B |\n|---|---|\n" + f"| {text[:40]} | {text[40:80]} |\n" * 3)
    parts.append(f"<!-- quiz: q{number:04d} -->\n")
    return "\n".join(parts)


def quiz_yaml(number: int) -> str:
    lines = [f"id: q{number:04d}", "title: {en: \"Quiz %d\", ru: \"Тест %d\"}" % (number, number), "questions:"]
    for q in range(1, QUESTIONS + 1):
        lines += [
            f"  - id: q{number:04d}-{q}",
            "    type: single",
            # like the course's own bank, where about one text in ten has Markdown markup
            (f"    text: {{en: \"Question {q}: which is **right**?\", ru: \"Вопрос {q}: что **верно**?\"}}" if q == 1 else
             f"    text: {{en: \"Question {q}: which of these is right?\", ru: \"Вопрос {q}: что из этого верно?\"}}"),
            "    explanation: {en: \"Because the law says so.\", ru: \"Потому что так сказано в законе.\"}",
            "    options:",
            "      - {id: a, text: {en: \"First\", ru: \"Первый\"}}",
            "      - {id: b, correct: true, text: {en: \"Second\", ru: \"Второй\"}}",
            "      - {id: c, text: {en: \"Third\", ru: \"Третий\"}}",
        ]
    return "\n".join(lines) + "\n"


def make_course(root: Path, pages: int) -> Path:
    """Write the synthetic course into ``root``; return its config file (the plugin on)."""
    for number in range(1, pages + 1):
        section = (number - 1) // PAGES_PER_SECTION + 1
        module = (section - 1) // SECTIONS_PER_MODULE + 1
        for lang in LANGUAGES:
            path = root / "docs" / lang / f"module-{module:02d}" / f"section-{section:03d}" / f"page-{number:04d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page_markdown(lang, number), encoding="utf-8")
        (root / "quizzes").mkdir(exist_ok=True)
        (root / "quizzes" / f"q{number:04d}.yml").write_text(quiz_yaml(number), encoding="utf-8")
    for lang, title in (("en", "Home"), ("ru", "Главная")):
        (root / "docs" / lang / "index.md").write_text(f"# {title}\n\n{TEXT[lang]}\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


def time_build(config_file: Path, site_dir: Path, disable_plugin: bool = False) -> tuple[float, float]:
    """Build once in a fresh Python process (``disable_plugin``: with ``course: {enabled: false}``
    added); return the wall-clock and CPU seconds ``build()`` took."""
    child = ("import sys; sys.path.insert(0, sys.argv[1]); "
             "from course_plugin.cli.bench import _child; _child(sys.argv[2], sys.argv[3], sys.argv[4] == '1')")
    out = subprocess.run([sys.executable, "-c", child, str(PLUGINS), str(config_file), str(site_dir),
                          "1" if disable_plugin else "0"], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"build of {config_file} failed:\n{out.stderr[-3000:]}")
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def _child(config_file: str, site_dir: str, disable_plugin: bool = False) -> None:
    import logging

    from course_plugin.cli.build import build_site

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    elapsed, cpu = build_site(Path(site_dir), Path(config_file), {"enabled": False} if disable_plugin else None,
                              offline=False, strict=False)
    print(f"{elapsed:.4f} {cpu:.4f}")


@dataclass
class Row:
    """Timings of one size: (wall, CPU) seconds per build, with and without the plugin."""
    pages: int
    with_plugin: list[tuple[float, float]]
    without_plugin: list[tuple[float, float]]
    label: str = ""   # what was built, when not the synthetic course

    def median(self, plugin: bool, cpu: bool = True) -> float:
        return statistics.median(t[int(cpu)] for t in (self.with_plugin if plugin else self.without_plugin))

    @property
    def overhead(self) -> float:
        """The plugin's share of the build's CPU time: (with - without) / with."""
        return (self.median(True) - self.median(False)) / self.median(True)

    def ms_per_page(self, plugin: bool) -> float:
        """CPU milliseconds per page per language."""
        return 1000 * self.median(plugin) / (self.pages * len(LANGUAGES))


def measure(pages: int, runs: int, workdir: Path | None = None, log=print) -> Row:
    with tempfile.TemporaryDirectory(prefix=f"bench-{pages}-", dir=workdir) as tmp:
        root = Path(tmp)
        config = make_course(root, pages)
        return _runs(Row(pages, [], []), runs,
                     lambda enabled: time_build(config, root / f"site-{int(enabled)}", disable_plugin=not enabled),
                     f"N={pages}", log)


def measure_course(config_file: Path, runs: int, workdir: Path | None = None, log=print) -> Row:
    """This course's own build (``config_file``), with the plugin and with it disabled."""
    from ..site_checks import markdown_files
    from ..sitecfg import read_site_settings

    settings = read_site_settings(config_file)   # the default language's pages (the guidebook's too)
    pages = len(markdown_files(config_file.parent / settings["docs_dir"] / settings["languages"][0]))
    with tempfile.TemporaryDirectory(prefix="bench-course-", dir=workdir) as tmp:
        root = Path(tmp)
        return _runs(Row(pages, [], [], label=f"{pages} (this course)"), runs,
                     lambda enabled: time_build(config_file, root / f"site-{int(enabled)}", disable_plugin=not enabled),
                     "course", log)


def _runs(row: Row, runs: int, build, name: str, log) -> Row:
    for run in range(runs):
        # interleaved, and the order alternates so neither side always runs on a warm cache
        order = (True, False) if run % 2 == 0 else (False, True)
        for enabled in order:
            wall, cpu = build(enabled)
            (row.with_plugin if enabled else row.without_plugin).append((wall, cpu))
            log(f"  {name} run {run + 1}/{runs} {'with' if enabled else 'without'} plugin: "
                f"{wall:.2f} s wall, {cpu:.2f} s CPU")
    return row


COLUMNS = ("Pages per language", "With plugin: median CPU s (wall s)", "Without: median CPU s (wall s)",
           "Plugin overhead", "CPU ms per page per language (with / without)", "Runs each")


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    for r in rows:
        cells = [r.label or str(r.pages), f"{r.median(True):.2f} ({r.median(True, cpu=False):.2f})",
                 f"{r.median(False):.2f} ({r.median(False, cpu=False):.2f})", f"{100 * r.overhead:.1f} %",
                 f"{r.ms_per_page(True):.1f} / {r.ms_per_page(False):.1f}", str(len(r.with_plugin))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        ram = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, IndexError, ValueError):
        pass
    from importlib.metadata import version
    versions = ", ".join(f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n"))
    return f"{os.cpu_count()} CPUs ({cpu}){ram}; Python {platform.python_version()}; {versions}"


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small run: N = 10, 2 runs each side")
    parser.add_argument("--sizes", type=int, nargs="+", help="pages per language (default 10 100 1000; none with --course)")
    parser.add_argument("--runs", type=int, help="builds per side and size (default 5)")
    parser.add_argument("--course", action="store_true",
                        help="also build this repository's own course (mkdocs.yml) both ways")
    parser.add_argument("--json", type=Path, help="also write the raw timings to this file")
    args = parser.parse_args(argv)
    if args.sizes is not None:
        sizes = args.sizes
    elif args.quick:
        sizes = [10]
    else:   # --course alone builds only the course
        sizes = [] if args.course else [10, 100, 1000]
    runs = args.runs or (2 if args.quick else 5)
    print(f"Machine: {machine()}", flush=True)
    log = lambda s: print(s, file=sys.stderr, flush=True)   # noqa: E731
    rows = []
    for n in sizes:
        rows.append(measure(n, runs, log=log))
    if args.course:
        from .project import ROOT
        rows.append(measure_course(ROOT / "mkdocs.yml", runs, log=log))
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=1), encoding="utf-8")
    return 0

