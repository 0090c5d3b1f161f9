""""Keep this course on this device": the offline copy a learner chooses to make in her browser.

Nothing here runs in a visitor's browser unless she asks: the control (``<!-- course: offline -->``,
``templates/offline_save.html``, ``assets/offline-save.js``) is on two pages only, and it
registers the service worker only after she presses its button. At build time, once every
language is built, this module:

- lists what each language's copy holds (its pages, the files they load, its search index and
  Material's search worker and lunr files, its web app manifest) and measures it;
- writes those sizes into the control ("about 2.4 MB"), per language and for all languages;
- writes ``sw.js`` at the site root (so its scope covers every language), from
  ``serviceworker/sw.js`` with the lists and a version hash of each language's files: when the
  site changes, ``sw.js`` changes and the browser updates the copy;
- writes one web app manifest per language (``manifest.webmanifest``, ``<lang>/manifest.webmanifest``),
  linked by no page: the service worker adds the link to the pages it keeps, so only a learner who
  kept the course is offered to add it to the home screen. In discreet mode its name and icon are
  the neutral ones.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
import posixpath
from posixpath import normpath
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from .quiz.render import script_json

OFFLINE_MARKER = "<!-- course: offline -->"
SW_SOURCE = Path(__file__).parent / "serviceworker" / "sw.js"
SW_FILE = "sw.js"
MANIFEST = "manifest.webmanifest"
BUILD_SLOT = "const BUILD = null; // replaced at build time"
SIZE_SLOT = re.compile(r'(<span data-offline-size="(?P<langs>[a-z_,-]+)">)[^<]*(</span>)')
# the files a copy keeps besides pages: what pages load, and what search fetches when opened
ASSET_SUFFIXES = (".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff2", ".woff")
REFERENCE = re.compile(r'(?:src|href)="([^"]+)"')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def render_control(env, language: str, languages: list[str], names: dict[str, str], links: dict[str, str],
                   strings: dict[str, str]) -> str:
    """The control; its sizes are filled in after the build (:func:`write_copy`).

    ``links`` holds the URLs, relative to the page, of the site root, ``sw.js`` and this language's
    manifest."""
    choices = [{"value": language, "label": strings["offline_choice_one"].replace("{language}", names.get(language, language)),
                "size": language}]
    if len(languages) > 1:
        every = ", ".join(names.get(lang, lang) for lang in languages)
        choices.append({"value": ",".join(languages), "label": strings["offline_choice_all"].replace("{languages}", every),
                        "size": ",".join(languages)})
    wanted = {k: v for k, v in strings.items() if k.startswith(("offline_", "erase_offline_")) or k == "erase_all_nothing"}
    data = {"lang": language, **links, "s": wanted}
    return env.get_template("offline_save.html").render(choices=choices, s=strings, data=Markup(script_json(data)))


def language_prefixes(languages: list[str]) -> dict[str, str]:
    """Folder of each language in the built site: the default (first) at the root."""
    return {lang: "" if i == 0 else f"{lang}/" for i, lang in enumerate(languages)}


def page_files(site: Path, languages: list[str]) -> dict[str, list[str]]:
    """Every built page (``…/index.html``) of each language, as paths inside the site."""
    prefixes = language_prefixes(languages)
    others = tuple(p for p in prefixes.values() if p)
    out: dict[str, list[str]] = {lang: [] for lang in languages}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        lang = next((lang for lang, p in prefixes.items() if p and rel.startswith(p)), languages[0])
        if lang == languages[0] and rel.startswith(others):
            continue
        out[lang].append(rel)
    return out


def _local_file(site: Path, base: str, ref: str, exists: dict[str, bool]) -> str | None:
    """The site file that ``ref`` (written in the file ``base``) names, or None (another host, a page...).

    ``exists`` remembers which paths are files: every page names the same few assets."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("#", "data:", "mailto:", "/")) or not parts.path:
        return None
    path = unquote(parts.path)
    if not path.lower().endswith(ASSET_SUFFIXES):
        return None
    rel = normpath(posixpath.join(posixpath.dirname(base), path))
    if rel.startswith(".."):
        return None
    if rel not in exists:
        exists[rel] = (site / rel).is_file()
    return rel if exists[rel] else None


def references(html: bytes) -> set[bytes]:
    """The values of ``src="…"`` and ``href="…"`` in a page's UTF-8 bytes, as
    ``set(REFERENCE.findall(html))`` finds them (tests/test_fast_paths.py), with ``split`` (four
    times faster on a built page). They differ only where a value itself ends in ``src=`` or
    ``href=`` (then its closing quote also opens one more value here)."""
    found = set()
    for needle in (b'src="', b'href="'):
        for chunk in html.split(needle)[1:]:
            end = chunk.find(b'"')
            if end > 0:   # [^"]+ : a value of at least one character, closed
                found.add(chunk[:end])
    return found


# A page's reference can name an asset only if it ends in an asset suffix or has a query, a
# fragment or an escape before one (most references are links to pages). Checked inline on the
# bytes: a function call per reference costs more than the whole test.
_ASSET_SUFFIXES_B = tuple(suffix.encode() for suffix in ASSET_SUFFIXES)


def asset_files(site: Path, pages: list[str]) -> set[str]:
    """The files those pages load (stylesheets, scripts, images) and what the stylesheets load."""
    found: set[str] = set()
    exists: dict[str, bool] = {}
    for page in pages:
        # the page's bytes, searched as they are: decoding a whole page costs more than the search
        for raw in references((site / page).read_bytes()):
            if raw.lower().endswith(_ASSET_SUFFIXES_B) or b"?" in raw or b"#" in raw or b"%" in raw:
                rel = _local_file(site, page, raw.decode("utf-8", "replace"), exists)
                if rel:
                    found.add(rel)
    for css in [f for f in found if f.endswith(".css")]:
        text = (site / css).read_text(encoding="utf-8", errors="replace")
        found.update(filter(None, (_local_file(site, css, ref, exists) for ref in CSS_URL.findall(text))))
    return found


def search_files(site: Path, language: str, prefix: str, search_languages: list[str]) -> set[str]:
    """What search needs offline: the language's index, Material's worker and its lunr files."""
    out = {f"{prefix}search/search_index.json"} if (site / prefix / "search/search_index.json").is_file() else set()
    out.update(p.relative_to(site).as_posix() for p in site.glob("assets/javascripts/workers/search.*.js")
               if not p.name.endswith(".map"))
    lunr = site / "assets/javascripts/lunr/min"
    wanted = ["lunr.stemmer.support.min.js", "lunr.multi.min.js"] + [
        f"lunr.{lang}.min.js" for lang in search_languages if lang != "en"]
    out.update(f"assets/javascripts/lunr/min/{name}" for name in wanted if (lunr / name).is_file())
    return out


def copy_lists(site: Path, languages: list[str], search_languages: list[str]) -> dict[str, list[str]]:
    """Every file of each language's copy, sorted, as paths inside the site."""
    prefixes = language_prefixes(languages)
    pages = page_files(site, languages)
    out = {}
    for lang in languages:
        files = set(pages[lang]) | asset_files(site, pages[lang]) | search_files(site, lang, prefixes[lang], search_languages)
        if (site / prefixes[lang] / MANIFEST).is_file():
            files.add(prefixes[lang] + MANIFEST)
        out[lang] = sorted(files)
    return out


def measure(site: Path, lists: dict[str, list[str]], langs: list[str]) -> int:
    """Bytes the copy of ``langs`` stores (files shared by languages counted once)."""
    return sum((site / f).stat().st_size for f in sorted({f for lang in langs for f in lists[lang]}))


def format_size(size: int, strings: dict[str, str]) -> str:
    """``about 2.4 MB`` in the page's language (MB = 1,000,000 bytes, as phones count storage)."""
    mb = max(size / 1_000_000, 0.1)
    text = f"{mb:.1f}" if mb < 10 else f"{mb:.0f}"
    return strings["offline_size"].replace("{n}", text.replace(".", strings["offline_decimal"]))


def version(site: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.encode() + b"\0" + hashlib.sha256((site / f).read_bytes()).digest())
    return digest.hexdigest()[:16]


def url_of(path: str) -> str:
    """A file's URL inside the site: pages by their folder (``module-1/``), as the site links them."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def write_manifests(site: Path, languages: list[str], names: dict[str, str], short_names: dict[str, str],
                    icon: str, discreet_titles: dict[str, str] | None) -> None:
    """One web app manifest per language; discreet titles replace the course's names."""
    for lang, prefix in language_prefixes(languages).items():
        depth = "../" * prefix.count("/")
        name = short = names[lang]
        short = short_names[lang]
        if discreet_titles is not None:
            name = short = discreet_titles.get(lang) or next(iter(discreet_titles.values()))
        manifest = {"name": name, "short_name": short, "lang": lang, "start_url": "./", "scope": depth or "./",
                    "display": "standalone", "background_color": "#ffffff", "theme_color": "#3f51b5",
                    "icons": [{"src": depth + icon, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}]}
        target = site / prefix / MANIFEST
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def fill_sizes(site: Path, lists: dict[str, list[str]], pages: dict[str, list[str]],
               strings: dict[str, dict[str, str]]) -> dict[str, int]:
    """Write the measured sizes into every page holding the control; return bytes per choice."""
    sizes: dict[str, int] = {}
    for lang, files in pages.items():
        for page in files:
            path = site / page
            data = path.read_bytes()
            if b"data-offline-size=" not in data:   # two pages hold the control: only they are decoded
                continue
            html = data.decode("utf-8")

            def fill(m: re.Match) -> str:
                langs = m.group("langs").split(",")
                size = sizes.setdefault(m.group("langs"), measure(site, lists, langs))
                return m.group(1) + format_size(size, strings[lang]) + m.group(3)

            path.write_text(SIZE_SLOT.sub(fill, html), encoding="utf-8")
    return sizes


def write_copy(site: Path, languages: list[str], search_languages: list[str], strings: dict[str, dict[str, str]],
               names: dict[str, str], short_names: dict[str, str], icon: str,
               discreet_titles: dict[str, str] | None) -> dict[str, int]:
    """Manifests, sizes and ``sw.js`` for the built site; returns bytes stored per choice."""
    write_manifests(site, languages, names, short_names, icon, discreet_titles)
    lists = copy_lists(site, languages, search_languages)
    # writing the sizes changes only text inside the control: the lists stay true, and
    # version() below reads the files' final contents
    sizes = fill_sizes(site, lists, page_files(site, languages), strings)
    prefixes = language_prefixes(languages)
    build = {"languages": {lang: {"prefix": prefixes[lang], "version": version(site, files),
                                  "manifest": prefixes[lang] + MANIFEST,
                                  "pages": [url_of(f) for f in files if f.endswith(".html")],
                                  "files": [url_of(f) for f in files if not f.endswith(".html")]}
                           for lang, files in lists.items()}}
    source = SW_SOURCE.read_text(encoding="utf-8")
    if BUILD_SLOT not in source:
        raise ValueError(f"{SW_SOURCE}: the line {BUILD_SLOT!r} is missing")
    data = json.dumps(build, ensure_ascii=False, separators=(",", ":"))
    (site / SW_FILE).write_text(source.replace(BUILD_SLOT, f"const BUILD = {data};"), encoding="utf-8")
    return {",".join(langs): measure(site, lists, langs)
            for langs in [[lang] for lang in languages] + ([languages] if len(languages) > 1 else [])} | sizes
