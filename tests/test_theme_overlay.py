"""The course's theme overlay (overrides/base.html) and a site's own custom_dir overrides."""

from __future__ import annotations

from pathlib import Path

from conftest import _Server
import pytest
from sitebuild import MINI_CONFIG, BuildFailed, build_site, make_site

from course_plugin import theme

SITE_MAIN = """{% extends "base.html" %}
{% block announce %}<p id="site-news">Site news from the site's own main.html</p>{% endblock %}
{% block htmltitle %}<title>Own title</title>{% endblock %}
"""
SITE_FOOTER = '<footer class="md-footer"><p id="site-footer">The site\'s own footer partial</p></footer>\n'


def _site_with_custom_dir(tmp_path: Path) -> Path:
    config = MINI_CONFIG.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    mkdocs_yml = make_site(tmp_path, config=config)
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "overrides" / "main.html").write_text(SITE_MAIN, encoding="utf-8")
    (tmp_path / "overrides" / "partials" / "footer.html").write_text(SITE_FOOTER, encoding="utf-8")
    return mkdocs_yml


def test_overlay_comes_right_after_the_sites_custom_dir(tmp_path):
    from mkdocs.config import load_config
    cfg = load_config(config_file=str(_site_with_custom_dir(tmp_path)))
    cfg.plugins.on_startup(command="build", dirty=False)
    cfg = cfg.plugins.on_config(cfg)
    dirs = [Path(d) for d in cfg.theme.dirs]
    at = dirs.index(tmp_path / "overrides")   # i18n puts its sitemap folder before it
    assert dirs[at + 1] == theme.OVERLAY
    assert (dirs[at + 2] / "base.html").is_file() and dirs[at + 2].parent.name == "material"
    cfg.plugins.on_config(cfg)   # the next language's build: registered once
    assert [Path(d) for d in cfg.theme.dirs].count(theme.OVERLAY) == 1


def test_sites_own_overrides_keep_working_with_the_quick_exit(tmp_path, page):
    build_site(_site_with_custom_dir(tmp_path), tmp_path / "site")
    server = _Server(tmp_path / "site")
    try:
        page.set_viewport_size({"width": 1366, "height": 768})
        for path, exit_label in (("quiz/page/", "Exit this page"), ("ru/other/", None)):
            page.goto(server.url + path)
            # the site's main.html block and partial are used ...
            assert page.title() == "Own title"
            assert page.locator("#site-news").is_visible()
            assert page.locator("#site-footer").count() == 1
            # ... and the overlay's blocks still give the quick exit, its script, the page's assets
            assert page.evaluate("document.querySelector('[data-quick-exit]') !== null")
            assert page.evaluate("[...document.scripts].some(s => s.src.endsWith('assets/course/exit.js'))")
            box = page.locator(".qx-button").bounding_box()
            hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.qx-button') !== null",
                                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
            assert hit, f"{path}: the header's exit button is covered"
            if exit_label:
                assert page.locator(".qx-button").inner_text() == exit_label
                # the quiz page's own stylesheet and script (written by the overlay's blocks)
                assert page.evaluate("[...document.styleSheets].some(s => (s.href || '').endsWith('course/quiz.css'))")
                assert page.evaluate("[...document.scripts].some(s => s.src.endsWith('course/quiz.js'))")
        assert not page.console_errors
    finally:
        server.close()


def test_an_override_that_drops_the_quick_exit_fails_the_build(tmp_path):
    mkdocs_yml = _site_with_custom_dir(tmp_path)
    (tmp_path / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block header %}<header>Own header</header>{% endblock %}\n', encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(mkdocs_yml, tmp_path / "site")
    message = str(failed.value)
    assert "docs/en/index.md: the built page has no quick exit" in message and "{{ super() }}" in message
