"""The course's theme overlay (``overrides/``): what every page carries, written by templates.

The overlay goes into ``config.theme.dirs`` right after a site's own ``custom_dir``, so a site's
overrides win, and it holds only ``base.html``: Material's ``base.html`` (reached as
``course-theme/base.html``) with the course's blocks. A site's ``main.html`` extends ``base.html``
as Material documents, so it gets the quick exit, the discreet title and the page's assets too.
The templates read this language's data from the ``course`` global (:class:`TemplateData`) and
use two filters for the theme's own fragments: ``course_drop_alternates`` (the head's hreflang
links) and ``course_header`` (the exit button, relative switcher links, the search dialog's name).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from urllib.parse import urlparse

from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader, PrefixLoader
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url


OVERLAY = Path(__file__).parent / "overrides"
THEME_PREFIX = "course-theme"
ALTERNATE_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')
HEADER_NAV_END = re.compile(r"(</nav>\s*</header>)")
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


def register(config: MkDocsConfig) -> None:
    """Put the overlay right after the site's custom_dir or, without one, right before the theme's
    own folder (other plugins, such as i18n's sitemap, may have put folders first), once."""
    dirs = config.theme.dirs
    if str(OVERLAY) in dirs:
        return
    custom = config.theme.custom_dir
    paths = [Path(d) for d in dirs]
    if custom and Path(custom) in paths:
        at = paths.index(Path(custom)) + 1
    else:
        at = next((i for i, d in enumerate(paths) if (d / "base.html").is_file()), 0)
    dirs.insert(at, str(OVERLAY))


def theme_base_dir(config: MkDocsConfig) -> str | None:
    """The theme folder whose base.html the overlay extends: the first after the overlay."""
    dirs = config.theme.dirs
    after = dirs[dirs.index(str(OVERLAY)) + 1:] if str(OVERLAY) in dirs else dirs
    return next((d for d in after if (Path(d) / "base.html").is_file()), None)


class TemplateData:
    """The ``course`` template global of one language build."""

    def __init__(self, quick_exit: str, discreet_title: str | None, search_index: str | None, classic: bool,
                 styles: dict[str, list[str]], scripts: dict[str, list[str]]):
        self.quick_exit, self.discreet_title = quick_exit, discreet_title
        self.search_index, self.classic = search_index, classic
        self._styles, self._scripts = styles, scripts   # page src -> paths, filled as pages are read

    def page_styles(self, page) -> list[str]:
        return self._styles.get(page.file.src_uri, []) if page and getattr(page, "file", None) else []

    def page_scripts(self, page) -> list[str]:
        return self._scripts.get(page.file.src_uri, []) if page and getattr(page, "file", None) else []


def drop_alternates(head: str) -> str:
    return ALTERNATE_LINK.sub("", head)


def header(html: str, button: str, site_url: str | None, page) -> str:
    """Material's header with the exit button at the end of its bar, the language switcher's links
    relative (so the site works at any address and from disk) and a name for the search dialog."""
    html = HEADER_NAV_END.sub(lambda m: button + m.group(1), html, count=1)
    if page is not None and getattr(page, "url", None) is not None:
        html = relative_switcher_links(html, site_url, page.url)
    label = SEARCH_LABEL.search(html)
    if label:   # Material's search dialog has no accessible name: give it the search field's one
        html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
    return html


SWITCH_LINK = re.compile(r'(<a href=")(/[^"]*)(" hreflang="[^"]*" class="md-select__link">)')


def relative_switcher_links(html: str, site_url: str | None, page_url: str) -> str:
    """mkdocs-static-i18n links the home page's language switcher by absolute path under
    ``site_url``; make those links relative so the site works at any address and from disk."""
    prefix = urlparse(site_url or "/").path or "/"

    def fix(m: re.Match) -> str:
        path = m.group(2)
        if not path.startswith(prefix):
            return m.group(0)
        target = path[len(prefix):] or "./"
        return m.group(1) + get_relative_url(target, page_url or "./") + m.group(3)

    # the switcher is in the header: the rest of the page is not searched
    end = html.find("</header>")
    if end < 0:
        return SWITCH_LINK.sub(fix, html)
    return SWITCH_LINK.sub(fix, html[:end]) + html[end:]


class SharedTemplateCode(BytecodeCache):
    """Compiled theme templates shared by the builds of one run, in memory (Jinja's bytecode cache).

    mkdocs-static-i18n builds each language with a new template environment, which compiles every
    template of the theme again (a third of a second per language for Material's); ``mkdocs serve``
    does so at every rebuild. The compiled code depends only on the template's source and on the
    environment's settings, so both are in the key: a changed template or setting compiles anew.
    """

    def __init__(self):
        self._code: dict[str, tuple[str, object]] = {}

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = self.get_cache_key(name, filename) + "|" + _code_settings(environment)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self._code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)


def _code_settings(env) -> str:
    """What of an environment the generated code depends on (syntax, whitespace, escaping, and the
    filters and tests that exist, which the compiler checks)."""
    escape = env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape)
    settings = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
                env.is_async, escape, env.finalize is None, sorted(env.extensions), sorted(env.filters), sorted(env.tests))
    return hashlib.sha1(repr(settings).encode("utf-8")).hexdigest()


def install(env, config: MkDocsConfig, data: TemplateData, button: str, code: SharedTemplateCode | None = None) -> None:
    """Give this build's template environment the theme's base under its prefix, the ``course``
    global, the two filters and (``code``) the compiled templates of the run's other builds."""
    base = theme_base_dir(config)
    if base is not None and not isinstance(env.loader, ChoiceLoader):
        env.loader = ChoiceLoader([env.loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(base)})])
    env.globals["course"] = data
    env.filters["course_drop_alternates"] = drop_alternates
    env.filters["course_header"] = lambda html, page=None: header(html, button, config.site_url, page)
    if code is not None and env.bytecode_cache is None:
        env.bytecode_cache = code
