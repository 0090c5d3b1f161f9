"""The few places where the plugin reaches into MkDocs internals, kept together.

MkDocs 1.6 is the last release that supports plugins; keeping this contact small makes a
later move (for example to Zensical) one change, not a rewrite.
"""

from __future__ import annotations

import re

import markdown as md_lib
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _RelativePathTreeprocessor  # noqa: PLC2701 (pinned mkdocs<2)


def site_languages(config: MkDocsConfig) -> list[str]:
    """Built languages from mkdocs-static-i18n, default first; ``[theme.language]`` without it."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [config.theme.get("language", "en")]
    langs = [lang.locale for lang in i18n.config.languages if lang.build]
    default = i18n.default_language
    return [default] + [lang for lang in langs if lang != default]


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language is None:
        return site_languages(config)[0]
    return i18n.current_language


def page_markdown_converter(config: MkDocsConfig, file: File, files: Files):
    """A Markdown-to-HTML function with the site's extensions and MkDocs' link resolution."""
    md = md_lib.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
    _RelativePathTreeprocessor(file, files, config)._register(md)

    def convert(text: str) -> str:
        md.reset()
        return md.convert(text)

    return convert


def packaged_file(config: MkDocsConfig, uri: str, abs_src_path: str) -> File:
    return File.generated(config, uri, abs_src_path=abs_src_path)


def offline_build(config: MkDocsConfig) -> bool:
    """Whether Material's ``offline`` plugin is on: the site is built to be opened from disk."""
    return any(type(plugin).__module__.startswith("material.plugins.offline") and plugin.config.enabled
               for plugin in config.plugins.values())


ID_ATTR = re.compile(r'\bid="([^"]+)"')


def add_anchor_ids(page, html: str) -> None:
    """Let MkDocs' link check know the ids of HTML the plugin inserted (e.g. #answer-key-ID)."""
    if getattr(page, "present_anchor_ids", None) is not None:
        page.present_anchor_ids.update(ID_ATTR.findall(html))
