"""The exit target (`exit_url`): per language, checked at build time, a bad value fails the build."""

from __future__ import annotations

import subprocess
import sys

import pytest

from course_plugin.safety import DEFAULT_EXIT_URLS, exit_urls
from sitebuild import MINI_CONFIG, BuildFailed, build_site, make_site

LANGS = ["en", "ru"]
SITE = "https://example.org/course/"


def config_with(exit_lines: str) -> str:
    return MINI_CONFIG.replace("  - course\n", "  - course:\n" + exit_lines)


def test_defaults_are_per_language_https_and_pass_the_check():
    urls, problems = exit_urls(None, LANGS, SITE)
    assert problems == [] and urls == DEFAULT_EXIT_URLS
    assert urls["en"] != urls["ru"] and all(u.startswith("https://") for u in urls.values())


def test_one_string_for_every_language_still_works():
    urls, problems = exit_urls("https://www.example.com/weather", LANGS, SITE)
    assert problems == [] and urls == {"en": "https://www.example.com/weather", "ru": "https://www.example.com/weather"}


@pytest.mark.parametrize("value, expected", [
    ("www.google.kz", "exit_url for language 'en': 'www.google.kz' is not an absolute https URL"),
    ("", "exit_url for language 'en': the exit page must be an absolute https URL, not ''"),
    ("   ", "exit_url for language 'en': the exit page must be an absolute https URL"),
    ("http://example.com/", "is not an absolute https URL"),
    ("javascript:alert(1)", "is not an absolute https URL"),
    ("//example.com/x", "is not an absolute https URL"),
    ("https://example.org/course/", "is a page of this course (site_url)"),
    ("https://EXAMPLE.org/course/ru/other/", "is a page of this course (site_url)"),
    ("https://example.com/a b", "contains spaces"),
    ("https://user:pw@example.com/", "user name or password"),
])
def test_bad_values_are_named_with_option_and_language(value, expected):
    urls, problems = exit_urls(value, LANGS, SITE)
    assert problems and expected in problems[0], problems
    assert "exit_url for language 'en'" in problems[0]


def test_same_host_outside_the_course_path_is_allowed():
    assert exit_urls("https://example.org/weather/", LANGS, SITE)[1] == []
    assert exit_urls("https://example.org/courses-other/", LANGS, SITE)[1] == []


def test_mapping_must_cover_every_language_and_only_the_site_languages():
    _, problems = exit_urls({"en": "https://example.com/", "rus": "https://example.com/ru"}, LANGS, SITE)
    assert any("'rus' is not a language of this site" in p for p in problems)
    assert any("exit_url for language 'ru': no exit page is set" in p for p in problems)
    _, problems = exit_urls(None, ["en", "uk"], SITE)
    assert problems == ["exit_url (default) for language 'uk': no exit page is set; add `uk: https://...` under "
                        "exit_url in mkdocs.yml (a neutral page in that language, see README \"Quick exit\")"]


def test_per_language_urls_reach_the_pages(tmp_path):
    config = config_with("      exit_url:\n        en: https://en.example.com/weather\n        ru: https://ru.example.com/pogoda\n")
    build_site(make_site(tmp_path, config=config), tmp_path / "site")
    en = (tmp_path / "site/quiz/page/index.html").read_text(encoding="utf-8")
    ru = (tmp_path / "site/ru/quiz/page/index.html").read_text(encoding="utf-8")
    assert 'data-exit-url="https://en.example.com/weather"' in en and 'class="qx-button" href="https://en.example.com/weather"' in en
    assert 'data-exit-url="https://ru.example.com/pogoda"' in ru and "en.example.com" not in ru


@pytest.mark.parametrize("line", ['      exit_url: www.google.kz\n', '      exit_url: ""\n'])
def test_a_bad_exit_url_fails_the_build(tmp_path, line):
    with pytest.raises(BuildFailed) as info:
        build_site(make_site(tmp_path, config=config_with(line)), tmp_path / "site")
    assert "Quick exit settings" in str(info.value) and "exit_url for language 'en'" in str(info.value)


def test_a_bad_exit_url_fails_a_quiet_build_too(tmp_path):
    """`mkdocs build -q` neither prints nor counts warnings: the check is an error."""
    config = make_site(tmp_path, config=config_with("      exit_url: www.google.kz\n"))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config),
                          "-d", str(tmp_path / "site")], capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    assert "exit_url for language 'en': 'www.google.kz' is not an absolute https URL" in run.stderr + run.stdout
    assert "Traceback" not in run.stderr
