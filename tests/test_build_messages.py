"""What must fail a build fails it with an error, whatever the log level: `mkdocs build -q`
drops warnings before --strict counts them, so none of these may be a mere warning."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitebuild import MINI_CONFIG, SAMPLE_QUIZ, BuildFailed, build_site, make_site

PAGES = {"en/index.md": "# Home\n\nHello.\n", "ru/index.md": "# Главная\n\nПривет.\n",
         "en/quiz/page.md": "# Quiz page\n\n<!-- quiz: sample -->\n",
         "ru/quiz/page.md": "# Страница теста\n\n<!-- quiz: sample -->\n",
         "en/other.md": "# Other\n", "ru/other.md": "# Другая\n"}   # the sample quiz links there


def quiet_build(cfg, site) -> subprocess.CompletedProcess:
    """A real `mkdocs build -q --strict`, as a person or CI runs it."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(cfg), "-d", str(site)],
                          capture_output=True, text=True, timeout=300, cwd=cfg.parent)


def fails_both_ways(tmp_path, cfg, *expected: str) -> None:
    with pytest.raises(BuildFailed) as err:
        build_site(cfg, tmp_path / "site")
    for text in expected:
        assert text in str(err.value)
    run = quiet_build(cfg, tmp_path / "site-q")
    assert run.returncode != 0, run.stdout + run.stderr
    for text in expected:
        assert text in run.stderr
    assert "Traceback" not in run.stderr


def test_missing_ui_strings_fail_the_build(tmp_path):
    config = MINI_CONFIG.replace("{locale: ru, name: Русский, build: true}", "{locale: de, name: Deutsch, build: true}")
    pages = {"en/index.md": "# Home\n\nHello.\n", "de/index.md": "# Start\n\nHallo.\n"}
    cfg = make_site(tmp_path, pages=pages, quizzes={}, config=config)
    fails_both_ways(tmp_path, cfg, "plugins/course_plugin/strings/de.yml does not exist")


def test_missing_nav_translation_fails_the_build(tmp_path):
    config = MINI_CONFIG + "nav:\n  - Home: index.md\n  - Tests:\n      - quiz/page.md\n"
    config = config.replace("{locale: ru, name: Русский, build: true}",
                            "{locale: ru, name: Русский, build: true, nav_translations: {Home: Главная}}")
    cfg = make_site(tmp_path, pages=PAGES, config=config)
    fails_both_ways(tmp_path, cfg, "languages: ru: nav_translations lacks 'Tests'")


def test_untitled_admonition_without_translation_fails_the_build(tmp_path):
    pages = dict(PAGES)
    pages["ru/index.md"] = "# Главная\n\n!!! note \"Заметка\"\n    С заголовком.\n\n!!! warning\n    Без заголовка.\n"
    pages["en/index.md"] = "# Home\n\n!!! warning\n    Untitled is fine in the default language.\n"
    cfg = make_site(tmp_path, pages=pages)
    fails_both_ways(tmp_path, cfg, "languages: ru: admonition_translations lacks 'warning'",
                    "docs/ru/index.md, line 6")


def test_translated_settings_build(tmp_path):
    config = MINI_CONFIG + "nav:\n  - Home: index.md\n  - Tests:\n      - quiz/page.md\n"
    config = config.replace(
        "{locale: ru, name: Русский, build: true}",
        "{locale: ru, name: Русский, build: true, nav_translations: {Home: Главная, Tests: Тесты}, "
        "admonition_translations: {warning: Внимание}}")
    pages = dict(PAGES)
    pages["ru/index.md"] = "# Главная\n\n!!! warning\n    Без заголовка.\n"
    cfg = make_site(tmp_path, pages=pages, config=config)
    build_site(cfg, tmp_path / "site")
    assert "Тесты" in (tmp_path / "site/ru/index.html").read_text(encoding="utf-8")
    run = quiet_build(cfg, tmp_path / "site-q")
    assert run.returncode == 0, run.stderr


def test_unplaced_quiz_fails_a_strict_build_even_quiet(tmp_path):
    other = SAMPLE_QUIZ.replace("id: sample", "id: lonely").replace("id: s-", "id: l-").replace("id: case", "id: l-case")
    cfg = make_site(tmp_path, pages=PAGES, quizzes={"sample.yml": SAMPLE_QUIZ, "lonely.yml": other})
    fails_both_ways(tmp_path, cfg, "quizzes/lonely.yml: quiz 'lonely' is placed on no page in language 'en'")
