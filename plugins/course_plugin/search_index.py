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
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from . import mkdocs_bridge as bridge

SHIM = "assets/course/search.js"
INDEX = "search/search_index.json"


def index_path(language: str, default: str) -> str:
    return INDEX if language == default else f"{language}/{INDEX}"


def search_enabled(config: MkDocsConfig) -> bool:
    return any(name in ("search", "material/search") for name in config.plugins)


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
