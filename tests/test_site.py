"""The real course site: both languages, lang attributes, the switcher, a clean strict build."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from course_plugin.site_checks import markdown_files
from sitebuild import ROOT

DOCS = ROOT / "course"
LANGS = ["en", "ru"]


def page_urls(lang: str) -> list[str]:
    """Site-relative directory URL of every Markdown page of a language (guidebook symlink included)."""
    urls = []
    for md in markdown_files(DOCS / lang):
        rel = md.relative_to(DOCS / lang).with_suffix("").as_posix()
        rel = rel[: -len("index")] if rel.endswith("index") else rel + "/"
        urls.append(rel)
    return urls


def built(site: Path, lang: str, url: str) -> Path:
    prefix = "" if lang == "en" else f"{lang}/"
    return site / prefix / url / "index.html"


def test_sections_and_pages_exist_in_both_languages(course_site):
    en, ru = page_urls("en"), page_urls("ru")
    assert en == ru
    for section in ("", "module-1/", "module-2/", "module-3/", "guidebook/", "glossary/", "progress/", "safety/", "about/"):
        assert section in en, f"section {section or 'home'} is missing"
    for lang in LANGS:
        for url in en:
            assert built(course_site, lang, url).exists(), f"{lang}: /{url} was not built"


def test_html_lang_is_right_on_every_page(course_site):
    for lang in LANGS:
        for url in page_urls(lang):
            html = built(course_site, lang, url).read_text(encoding="utf-8")
            assert re.search(rf'<html lang="{lang}"', html), f"{lang}/{url}: wrong <html lang>"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.switch, self.nav = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switch.append((a.get("hreflang"), a.get("href")))


def test_language_switcher_stays_on_the_same_page(course_site):
    for lang in LANGS:
        for url in page_urls(lang):
            page = built(course_site, lang, url)
            parser = _Links()
            parser.feed(page.read_text(encoding="utf-8"))
            targets = dict(parser.switch)
            assert set(targets) == set(LANGS), f"{lang}/{url}: switcher offers {targets}"
            base = "http://x/" + ("" if lang == "en" else f"{lang}/") + url
            for other, href in targets.items():
                resolved = urlparse(urljoin(base, href)).path.lstrip("/")
                expected = ("" if other == "en" else f"{other}/") + url
                assert resolved == expected, f"{lang}/{url}: switch to {other} goes to /{resolved}, not /{expected}"
                assert (course_site / resolved / "index.html").exists()


def test_russian_pages_carry_no_english_theme_or_admonition_text(course_site):
    english_titles = re.compile(r'<p class="admonition-title">(Note|Abstract|Info|Tip|Success|Question|Warning|'
                                r'Failure|Danger|Bug|Example|Quote)</p>')
    for url in page_urls("ru"):
        html = built(course_site, "ru", url).read_text(encoding="utf-8")
        assert not english_titles.search(html), f"ru/{url}: an admonition has a default English title"
        assert 'placeholder="Search"' not in html and "Back to top" not in html and ">Previous<" not in html
        assert "Module I. Recognising" not in html and "Trainer guidebook<" not in html, f"ru/{url}: English navigation"


def test_site_names_per_language(course_site):
    en = (course_site / "index.html").read_text(encoding="utf-8")
    ru = (course_site / "ru/index.html").read_text(encoding="utf-8")
    assert "Police Violence against Women Who Use Drugs" in en
    assert "Полицейское насилие в отношении женщин, употребляющих наркотики" in ru


def test_guidebook_joins_the_site_in_both_languages(course_site):
    for lang in LANGS:
        for md in (ROOT / "guidebook" / lang).glob("*.md"):
            url = "guidebook/" + ("" if md.stem == "index" else md.stem + "/")
            assert built(course_site, lang, url).exists()
