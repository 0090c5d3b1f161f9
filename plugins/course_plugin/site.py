"""Site facts in one place: the languages, the default language, site_url and the browser storage keys.

The languages are read once from mkdocs-static-i18n's ``languages`` in ``mkdocs.yml`` (locale,
name, default, build): by :func:`read_site` for the command-line tools (plain YAML, no build) and
by ``mkdocs_bridge.site_from_config`` inside a build. The plugin writes :meth:`Site.browser_data`
into every page as ``<script type="application/json" id="course-site">``, which the browser code
reads. Nothing else lists languages: adding one is data only (README "How to add a language").
No MkDocs import, so that ``certificates/`` and the scripts can use it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Browser storage (README "Privacy: what is stored"): the only keys the course writes.
STORAGE_PREFIX = "pvwud-course."
STORAGE_KEYS = {
    "progress": STORAGE_PREFIX + "progress.v1",        # quiz results (localStorage, or sessionStorage for a visit)
    "mode": STORAGE_PREFIX + "mode",                   # sessionStorage: "visit" keeps data for this visit only
    "certificate": STORAGE_PREFIX + "certificate.v1",  # the self-study certificate's number
    "session_results": STORAGE_PREFIX + "session-results.v1",  # Session results page, kept only on request
}
PAGE_DATA_ID = "course-site"
REPOSITORY_CONFIG = Path(__file__).resolve().parents[2] / "mkdocs.yml"


@dataclass(frozen=True)
class Language:
    code: str                     # the i18n locale, e.g. "en"; also the folder course/<code>/
    name: str                     # its own name, as the language switcher shows it ("Русский")
    default: bool = False
    settings: dict = field(default_factory=dict, compare=False, repr=False)  # the whole i18n entry

    @property
    def prefix(self) -> str:
        """The language's path in the built site: "" for the default language, else "<code>/"."""
        return "" if self.default else f"{self.code}/"


@dataclass(frozen=True)
class Site:
    languages: tuple[Language, ...]   # the built languages, the default first
    site_url: str | None = None
    strings_dir: Path | None = None   # the site's own strings/<lang>.yml (course option strings_dir)

    @property
    def codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    @property
    def default(self) -> Language:
        return self.languages[0]

    @property
    def names(self) -> dict[str, str]:
        return {lang.code: lang.name for lang in self.languages}

    def language(self, code: str) -> Language | None:
        return next((lang for lang in self.languages if lang.code == code), None)

    def strings(self, code: str) -> dict[str, str]:
        from .strings import ui_strings   # strings.py reads files: imported when needed
        return ui_strings(code, self.strings_dir)[0]

    def browser_data(self, current: str) -> dict:
        """What the browser code needs (the page's JSON block ``#course-site``)."""
        return {"lang": current, "default": self.default.code,
                "languages": [{"code": lang.code, "name": lang.name} for lang in self.languages],
                "storage": {"prefix": STORAGE_PREFIX, **STORAGE_KEYS}}


def languages_from(entries, theme_language: str | None = None) -> tuple[Language, ...]:
    """Languages from mkdocs-static-i18n's ``languages`` entries (dicts, or its config objects):
    built ones only, the default first; without i18n, the theme's language alone."""
    langs = []
    for entry in entries or []:
        get = entry.get   # a dict from YAML, or the i18n plugin's config object (a mapping too)
        if get("build", True) is False or not get("locale"):
            continue
        raw = dict(entry.items())
        langs.append(Language(str(get("locale")), str(get("name") or get("locale")), bool(get("default")), raw))
    if langs and not any(lang.default for lang in langs):   # i18n's rule: the first is the default
        langs[0] = Language(langs[0].code, langs[0].name, True, langs[0].settings)
    langs.sort(key=lambda lang: not lang.default)
    if not langs:
        code = theme_language or "en"
        langs = [Language(code, code, True)]
    return tuple(langs)


class _Loader(yaml.SafeLoader):
    """Safe loader that tolerates MkDocs' !ENV and !!python tags (their values are not needed)."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_yaml(mkdocs_yml: Path) -> dict:
    return yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=_Loader) or {}


def plugin_options(data: dict, name: str) -> dict | None:
    """The options of plugin ``name`` in a parsed mkdocs.yml ({} when listed bare, None when absent)."""
    for entry in data.get("plugins") or []:
        key, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if key == name:
            return options or {}
    return None


def site_from_data(data: dict, config_dir: Path) -> Site:
    i18n = plugin_options(data, "i18n") or {}
    course = plugin_options(data, "course") or {}
    strings_dir = course.get("strings_dir")
    return Site(languages_from(i18n.get("languages"), (data.get("theme") or {}).get("language")),
                data.get("site_url") or None, (config_dir / strings_dir) if strings_dir else None)


def read_site(mkdocs_yml: Path) -> Site:
    """The site facts of ``mkdocs.yml``, read without building."""
    mkdocs_yml = Path(mkdocs_yml)
    return site_from_data(load_yaml(mkdocs_yml), mkdocs_yml.parent)


@functools.lru_cache(maxsize=1)
def course_site() -> Site:
    """This repository's site (mkdocs.yml beside plugins/): the default for library calls that are
    given no site, such as ``token.verify_token`` without ``languages``."""
    return read_site(REPOSITORY_CONFIG)
