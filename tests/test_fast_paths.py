"""String searches that replace regular expressions on whole pages (for build speed) find exactly
what the expressions found."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from course_plugin.keep_offline import REFERENCE, references
from course_plugin.mkdocs_bridge import add_anchor_ids
from course_plugin.safety import _scripts
from course_plugin.theme import relative_switcher_links

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)  # what _scripts replaces

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>var __md = {"base": "..", "search": "assets/javascripts/workers/search.js"}</script>
<script src="../assets/javascripts/glightbox.js"></script></head><body>
<header><nav><a href="/course/" hreflang="en" class="md-select__link">English</a>
<a href="/course/ru/" hreflang="ru" class="md-select__link">Русский</a></nav></header>
<div id="a" data-id="b" grid="c" x_id="d"><p>Text with </script> <scripts>x</script> and <script type="application/json">{"a": "</"}</script></p>
<a href="/course/ru/" hreflang="ru" class="md-select__link">in the article: not the switcher</a></div>
<script>alert("<script>")</script>
<script src="../assets/javascripts/bundle.abc123.min.js"></script>
<script>console.log(1)</script>
</body></html>"""


@pytest.mark.parametrize("html", [PAGE, PAGE[:-40], "<script>never closed", "", "<script", "<script a>1</script><script b>2"])
def test_script_finder_equals_the_pattern(html):
    assert list(_scripts(html)) == [(m.group("attrs"), m.group("body")) for m in INLINE_SCRIPT.finditer(html)]


@pytest.mark.parametrize("html", [PAGE, PAGE[:-40], 'src=""href="a"', 'href="a" src="" x="', 'src="a"href="b"', 'href="', 'x src="q" href="',
                                  '<img src="a.png" data-src="b.png"><link href="c.css">', ""])
def test_reference_finder_equals_the_pattern(html):
    assert references(html.encode("utf-8")) == {r.encode("utf-8") for r in REFERENCE.findall(html)}


def test_reference_finder_equals_the_pattern_on_every_built_page(course_site):
    pages = sorted(course_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert references(html.encode("utf-8")) == {r.encode("utf-8") for r in REFERENCE.findall(html)}, path


def test_anchor_ids_equal_the_word_boundary_pattern():
    page = SimpleNamespace(present_anchor_ids=set())
    add_anchor_ids(page, PAGE + 'id="start"' + ' xid="no" -id="yes"')
    assert page.present_anchor_ids == set(re.findall(r'\bid="([^"]+)"', PAGE + ' xid="no" -id="yes"')) | {"start"}
    assert {"a", "b", "yes"} <= page.present_anchor_ids and not {"c", "d", "no"} & page.present_anchor_ids


BUNDLE_TAG = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[^"]*\.js"></script>')


def test_search_loader_goes_before_the_bundle(tmp_path):
    """Written by the theme overlay's scripts block now: right before Material's bundle, once,
    pointing at the page's language's index."""
    from sitebuild import MINI_CONFIG, build_site, make_site
    build_site(make_site(tmp_path, config=MINI_CONFIG.replace("plugins:\n", "plugins:\n  - search\n")), tmp_path / "site")
    sample_site = tmp_path / "site"
    for rel, index in (("index.html", "search/search_index.json"), ("quiz/page/index.html", "../../search/search_index.json"),
                       ("ru/other/index.html", "../search/search_index.json")):
        out = (sample_site / rel).read_text(encoding="utf-8")
        bundle = BUNDLE_TAG.search(out)
        shim = re.search(r'<script src="[^"]*assets/course/search\.js" data-index="([^"]*)"></script>\s*', out)
        assert bundle and shim and shim.end() == bundle.start(), rel
        assert shim.group(1) == index and out.count("course/search.js") == 1, rel


def test_only_the_header_switcher_links_are_made_relative():
    out = relative_switcher_links(PAGE, "https://example.org/course/", "module-1/")
    assert '<a href="../ru/" hreflang="ru" class="md-select__link">Русский' in out
    assert '<a href="../" hreflang="en"' in out
    assert '<a href="/course/ru/" hreflang="ru" class="md-select__link">in the article' in out
