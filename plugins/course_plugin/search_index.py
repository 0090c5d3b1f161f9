"""Search that costs nothing until it is used, with one index per language.

Material's bundle fetches ``search/search_index.json`` and starts its search worker on every
page load; with mkdocs-static-i18n that one index holds the whole text of every language, with
Cyrillic written as ``\\u`` escapes. Here, after the build, the index is split into one file per
language (``search/search_index.json`` for the default language, ``<lang>/search/search_index.json``
for the others), written as UTF-8; each page gets ``assets/course/search.js`` before Material's
bundle, which points the index request at the page's language and holds it, and the worker,
until the learner opens search.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

from . import mkdocs_bridge as bridge

SHIM = "assets/course/search.js"
INDEX = "search/search_index.json"
BUNDLE_NAME = "assets/javascripts/bundle."
BUNDLE_TAG = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[^"]*\.js"></script>')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


def index_path(language: str, default: str) -> str:
    return INDEX if language == default else f"{language}/{INDEX}"


def search_enabled(config: MkDocsConfig) -> bool:
    return any(name in ("search", "material/search") for name in config.plugins)


def lazy_search(html: str, page_url: str, language: str, config: MkDocsConfig) -> str:
    """Put the search loader before Material's bundle, pointing at this language's index."""
    if not search_enabled(config):
        return html
    default = bridge.site_languages(config)[0]
    shim = get_relative_url(SHIM, page_url or "./")
    index = get_relative_url(index_path(language, default), page_url or "./")
    tag = f'<script src="{shim}" data-index="{index}"></script>\n'
    # the first match of BUNDLE_TAG, found by its file name (a string search, not a scan with the pattern)
    at = html.find(BUNDLE_NAME)
    start = html.rfind("<script", 0, at) if at >= 0 else -1
    if start >= 0 and BUNDLE_TAG.match(html, start) and BUNDLE_TAG.match(html, start).end() > at:
        html = html[:start] + tag + html[start:]
    else:
        html = BUNDLE_TAG.sub(lambda m: tag + m.group(0), html, count=1)
    # Material's search dialog has no accessible name: give it the search field's (translated) one
    label = SEARCH_LABEL.search(html)
    if label:
        html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
    return html


def split_index(config: MkDocsConfig) -> dict[str, int]:
    """Rewrite the built search index as one lean file per language; return entries per language.

    Runs once all languages are built (mkdocs-static-i18n builds the other languages, then
    writes the joined index, from the default language's ``on_post_build``)."""
    if not search_enabled(config) or bridge.building_other_language(config):
        return {}
    site = Path(config.site_dir)
    source = site / INDEX
    if not source.exists():
        return {}
    data = json.loads(source.read_text(encoding="utf-8"))
    languages = bridge.site_languages(config)
    default = languages[0]
    docs: dict[str, list] = {lang: [] for lang in languages}
    for entry in data.get("docs", []):
        lang = next((x for x in languages[1:] if entry.get("location", "").startswith(f"{x}/")), default)
        docs[lang].append(entry)
    for lang, entries in docs.items():
        target = site / index_path(lang, default)
        target.parent.mkdir(parents=True, exist_ok=True)
        # the search configuration (languages, separator) is kept whole: pages in one language
        # quote words of the other (names of laws, organisations), and they stay findable
        text = json.dumps({"config": data.get("config", {}), "docs": entries}, ensure_ascii=False,
                          separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
    return {lang: len(entries) for lang, entries in docs.items()}
