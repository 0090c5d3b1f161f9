"""Build MkDocs sites through MkDocs' own API (as `mkdocs build --strict` does)."""

from __future__ import annotations

import logging
import shutil
import textwrap
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """The build aborted; the message holds every error MkDocs logged."""


def build_site(config_file: Path, site_dir: Path, strict: bool = True, **overrides) -> list[str]:
    """Build into ``site_dir``; return the warnings logged (strict builds raise on any)."""
    records: list[str] = []
    errors: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.ERROR:
                errors.append(record.getMessage())
            elif record.levelno >= logging.WARNING:
                records.append(record.getMessage())

    handler = Catch()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        cfg = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        except (Abort, SystemExit) as exc:
            raise BuildFailed("\n".join(errors + records) or str(exc)) from exc
        finally:
            cfg.plugins.on_shutdown()
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return records


SITE_URL = "https://example.org/course/"


def site_config(languages: dict[str, str] | None = None, course: str = "") -> str:
    """The mkdocs.yml of a small test site: ``languages`` as {locale: name}, the first the default
    (English and Russian if not given); ``course`` the course plugin's options as YAML lines (none:
    its defaults). Tests that need another setting change the text this returns."""
    languages = languages or {"en": "English", "ru": "Русский"}
    locales = "".join(f"        - {{locale: {code}, {'default: true, ' if i == 0 else ''}name: {name}, build: true}}\n"
                      for i, (code, name) in enumerate(languages.items()))
    plugin = "  - course\n"
    if course:
        plugin = "  - course:\n" + textwrap.indent(textwrap.dedent(course).strip("\n"), " " * 6) + "\n"
    return f"""
site_name: Test course
site_url: {SITE_URL}
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
{locales}{plugin}markdown_extensions: [admonition, attr_list, md_in_html, toc]
"""


MINI_CONFIG = site_config()

SAMPLE_QUIZ = """
id: sample
module: 1
title: {en: Sample quiz, ru: Пробный тест}
pass_mark: 60
questions:
  - id: s-single
    type: single
    text: {en: "Pick **b**", ru: "Выберите **b**"}
    explanation: {en: "Because [b](../other.md).", ru: "Потому что [b](../other.md)."}
    hint: {en: "Not a", ru: "Не a"}
    options:
      - {id: a, text: {en: A, ru: А}, feedback: {en: "A is not it.", ru: "Не А."}}
      - {id: b, correct: true, text: {en: B, ru: Б}}
  - id: s-multi
    type: multiple
    text: {en: Pick x and y, ru: Выберите x и y}
    explanation: {en: Both., ru: Оба.}
    options:
      - {id: x, correct: true, text: {en: X, ru: X}}
      - {id: y, correct: true, text: {en: Y, ru: Y}}
      - {id: z, text: {en: Z, ru: Z}}
  - id: s-tf
    type: truefalse
    answer: false
    text: {en: The sky is green., ru: Небо зелёное.}
    explanation: {en: It is not., ru: Нет.}
  - id: case
    type: scenario
    title: {en: A case, ru: Случай}
    text: {en: Someone did something., ru: Кто-то что-то сделал.}
    questions:
      - id: s-order
        type: ordering
        text: {en: Order these, ru: По порядку}
        explanation: {en: One two three., ru: Раз два три.}
        options:
          - {id: one, text: {en: One, ru: Один}}
          - {id: two, text: {en: Two, ru: Два}}
          - {id: three, text: {en: Three, ru: Три}}
"""


def make_site(tmp: Path, pages: dict[str, str] | None = None, quizzes: dict[str, str] | None = None,
              config: str = MINI_CONFIG) -> Path:
    """Write a small bilingual site into ``tmp`` and return its mkdocs.yml."""
    pages = pages if pages is not None else {
        "en/index.md": "# Home\n\nHello.\n",
        "ru/index.md": "# Главная\n\nПривет.\n",
        "en/other.md": "# Other\n\nB.\n",
        "ru/other.md": "# Другая\n\nБ.\n",
        "en/quiz/page.md": "# Quiz page\n\n<!-- quiz: sample -->\n",
        "ru/quiz/page.md": "# Страница теста\n\n<!-- quiz: sample -->\n",
        "en/progress.md": "# Progress\n\n<!-- course: progress -->\n",
        "ru/progress.md": "# Прогресс\n\n<!-- course: progress -->\n",
    }
    quizzes = quizzes if quizzes is not None else {"sample.yml": SAMPLE_QUIZ}
    for rel, text in pages.items():
        p = tmp / "docs" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp / "quizzes").mkdir(exist_ok=True)
    for name, text in quizzes.items():
        (tmp / "quizzes" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp / "mkdocs.yml"


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True, dirs_exist_ok=True)
