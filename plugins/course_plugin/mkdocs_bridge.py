"""The few places where the plugin reaches into MkDocs internals, kept together.

MkDocs 1.6 is the last release that supports plugins; keeping this contact small makes a
later move (for example to Zensical) one change, not a rewrite.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown as md_lib
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _RelativePathTreeprocessor  # noqa: PLC2701 (pinned mkdocs<2)

from .site import Site, languages_from


def site_from_config(config: MkDocsConfig, strings_dir: str | None = None) -> Site:
    """The site facts (site.py) of a loaded configuration: mkdocs-static-i18n's built languages,
    its default first; ``theme.language`` alone without it."""
    i18n = config.plugins.get("i18n")
    entries = i18n.config.languages if i18n is not None else []
    root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return Site(languages_from(entries, config.theme.get("language")), config.site_url or None,
                (root / strings_dir) if strings_dir else None)


def site_languages(config: MkDocsConfig) -> list[str]:
    """Built language codes, the default first."""
    return site_from_config(config).codes


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language is None:
        return site_languages(config)[0]
    return i18n.current_language


def page_markdown_converter(config: MkDocsConfig, file: File, files: Files):
    """A Markdown-to-HTML function with the site's extensions and MkDocs' link resolution.

    One ``Markdown`` instance per set of extensions is reused for every page (building one costs
    about ten times a short conversion); only the link-resolving step is swapped per page.
    Plain one-line text takes a fast path with exactly the output Markdown would give."""
    key = repr((config["markdown_extensions"], config["mdx_configs"]))
    md = _CONVERTERS.get(key)
    if md is None:
        md = md_lib.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        _CONVERTERS.clear()
        _CONVERTERS[key] = md
    _RelativePathTreeprocessor(file, files, config)._register(md)
    fast = plain_text_is_literal(config["markdown_extensions"], config["mdx_configs"] or {})

    def convert(text: str) -> str:
        if fast and PLAIN_TEXT.fullmatch(text):
            return f"<p>{html.escape(text.strip(), quote=False)}</p>"
        if fast and "_" not in text and STRONG_TEXT.fullmatch(text) and not text[-1].isspace():
            return "<p>" + STRONG.sub(r"<strong>\1</strong>", html.escape(text, quote=False)) + "</p>"
        md.reset()
        return md.convert(text)

    return convert


_CONVERTERS: dict[str, md_lib.Markdown] = {}

# One line of words and ordinary punctuation, starting with a letter: no Markdown syntax (no list,
# heading, emphasis, link, code, HTML, entity, table, admonition...) can be in it.
_PLAIN_CHAR = r"[\w .,;:?!'\"()%/\u2013\u2014\u2019\u201c\u201d\u00ab\u00bb\u2116-]"
PLAIN_TEXT = re.compile(r"[^\W\d_]" + _PLAIN_CHAR + "*")
# The same with **strong** words (the markup of most quiz texts that have any): the pair around
# words of such text, starting and ending with no space. Taken only without "_" (emphasis) and
# with no space at the end (Markdown keeps it there when the line has markup).
_STRONG = r"\*\*(?=[^\s*])(" + _PLAIN_CHAR + r"+?)(?<=[^\s*])\*\*"
STRONG = re.compile(_STRONG)
STRONG_TEXT = re.compile(r"[^\W\d_](?:" + _PLAIN_CHAR + "|" + _STRONG.replace("(" + _PLAIN_CHAR, "(?:" + _PLAIN_CHAR) + ")*")
# Extensions that leave such text as a bare paragraph (abbr does too unless given a glossary).
LITERAL_SAFE = {"abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                "fenced_code", "sane_lists", "nl2br", "pymdownx.details", "pymdownx.superfences",
                "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.mark", "pymdownx.keys", "pymdownx.highlight",
                "pymdownx.inlinehilite", "pymdownx.snippets", "pymdownx.caret", "pymdownx.tilde"}


def plain_text_is_literal(extensions: list, configs: dict) -> bool:
    """Whether every configured extension leaves :data:`PLAIN_TEXT` as a bare ``<p>`` (else no fast path)."""
    names = {e if isinstance(e, str) else "" for e in extensions}
    return names <= LITERAL_SAFE and not (configs.get("abbr") or {}).get("glossary")


def packaged_file(config: MkDocsConfig, uri: str, abs_src_path: str, content: bytes | None = None) -> File:
    """A file of the package in the built site: copied, or ``content`` when given."""
    if content is not None:
        return File.generated(config, uri, content=content)
    return File.generated(config, uri, abs_src_path=abs_src_path)


def offline_build(config: MkDocsConfig) -> bool:
    """Whether Material's ``offline`` plugin is on: the site is built to be opened from disk."""
    return any(type(plugin).__module__.startswith("material.plugins.offline") and plugin.config.enabled
               for plugin in config.plugins.values())


ID_ATTR = re.compile(r'id="([^"]+)"')
WORD_CHAR = re.compile(r"\w")


def add_anchor_ids(page, html: str) -> None:
    """Let MkDocs' link check know the ids of HTML the plugin inserted (e.g. #answer-key-ID)."""
    if getattr(page, "present_anchor_ids", None) is not None:
        # the matches of \bid="..." (a word boundary first, the same as "data-id=" and " id="): the
        # check after the search is ten times faster than \b in the pattern, which defeats the
        # search for the literal prefix
        page.present_anchor_ids.update(m.group(1) for m in ID_ATTR.finditer(html)
                                       if not (m.start() and WORD_CHAR.match(html, m.start() - 1)))


def building_other_language(config: MkDocsConfig) -> bool:
    """True inside the builds mkdocs-static-i18n starts for the non-default languages."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def i18n_language_settings(config: MkDocsConfig) -> list[dict]:
    """The built languages' mkdocs-static-i18n settings that the plugin checks, as plain dicts."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return []
    return [{"locale": lang.locale, "default": bool(lang.default), "nav": lang.nav,
             "nav_translations": lang.nav_translations, "admonition_translations": lang.admonition_translations}
            for lang in i18n.config.languages if lang.build]
