"""Nothing in the built site makes the browser load anything from another host by itself."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.I)
# Code in Material's bundle that can fetch from another host, and the condition that activates it.
JS_LOADERS = {
    "api.github.com": "repo_url is set (the repository widget)",
    "/api/v4/projects/": "repo_url points to GitLab",
    "unpkg.com/mermaid": "a page holds a mermaid diagram",
    "unpkg.com/resize-observer-polyfill": "the browser lacks ResizeObserver (all supported browsers have it)",
}
# <link> relations that name a page without the browser fetching it
NON_LOADING_RELS = {"canonical", "alternate", "author", "license", "help", "search", "next", "prev", "me"}
LOADING_ATTRS = {
    "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "frame": ["src"], "source": ["src", "srcset"],
    "video": ["src", "poster"], "audio": ["src"], "track": ["src"], "embed": ["src"], "object": ["data"],
    "input": ["src"], "image": ["href"], "use": ["href"],
}


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        urls = [a.get(n, "") for n in LOADING_ATTRS.get(tag, [])]
        rels = set(a.get("rel", "").lower().split())
        if tag == "link" and rels - NON_LOADING_RELS:
            urls.append(a.get("href", ""))  # stylesheet, icon, preload, preconnect, dns-prefetch, manifest...
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            urls.append(a.get("content", "").partition("url=")[2])
        urls += CSS_URL.findall(a.get("style", ""))
        for url in urls:
            for part in url.split(","):
                part = part.strip().split(" ")[0]
                if EXTERNAL.match(part):
                    self.found.append(f"<{tag}> {part}")

    def handle_data(self, data):
        if self.lasttag == "style":
            self.found += [f"<style> {u}" for u in CSS_URL.findall(data) + CSS_IMPORT.findall(data) if EXTERNAL.match(u)]


def files(site: Path, *suffixes):
    return [p for p in site.rglob("*") if p.suffix in suffixes]


def test_html_loads_nothing_from_another_host(course_site):
    problems = []
    for page in files(course_site, ".html"):
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(course_site)}: {f}" for f in scan.found]
    assert not problems, "\n".join(problems)


def test_css_loads_nothing_from_another_host(course_site):
    problems = []
    for css in files(course_site, ".css"):
        text = css.read_text(encoding="utf-8")
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if EXTERNAL.match(url.strip()):
                problems.append(f"{css.relative_to(course_site)}: {url}")
    assert not problems, "\n".join(problems)


def test_js_external_loaders_are_all_inactive(course_site):
    """Scripts may only mention another host in code paths this site never activates."""
    pages = "\n".join(p.read_text(encoding="utf-8") for p in files(course_site, ".html"))
    unknown = []
    for js in files(course_site, ".js"):
        text = js.read_text(encoding="utf-8")
        for m in re.finditer(r"""(?:fetch|importScripts|import)\(\s*[`'"](https?:)?//|\.src\s*=\s*[`'"](https?:)?//""", text):
            unknown.append(f"{js.relative_to(course_site)}: {text[m.start():m.start() + 80]}")
        for needle in JS_LOADERS:
            if needle in text:
                assert js.name.startswith("bundle."), f"{js}: unexpected loader {needle}"
    assert not unknown, "\n".join(unknown)
    # and the conditions that would activate Material's loaders are absent
    assert 'class="md-source"' not in pages, "repo_url is set: Material would call the GitHub API"
    assert 'class="mermaid"' not in pages, "a mermaid diagram would load mermaid from unpkg.com"


def test_no_google_fonts_or_analytics(course_site):
    for page in files(course_site, ".html"):
        text = page.read_text(encoding="utf-8")
        for bad in ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "google-analytics", "gtag("):
            assert bad not in text, f"{page}: {bad}"
