"""Safety settings and page parts: the exit URLs, the quick-exit block, the 404 page, the security policy.

The theme overlay (theme.py, overrides/base.html) places the quick exit and the discreet title."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path
from urllib.parse import urlparse


TITLE = re.compile(r"<title>.*?</title>", re.S)


# Where the quick exit goes when mkdocs.yml does not say (README "Quick exit" gives the reasons):
# Wikipedia's main page in the page's language. BBC sites are blocked in Russia and Belarus, Yandex
# in Ukraine; Wikipedia loads without a VPN in every country the course serves, is the same for
# every visitor who is not signed in, and is an ordinary thing to be reading.
DEFAULT_EXIT_URLS = {
    "en": "https://en.wikipedia.org/wiki/Main_Page",
    "ru": "https://ru.wikipedia.org/wiki/%D0%97%D0%B0%D0%B3%D0%BB%D0%B0%D0%B2%D0%BD%D0%B0%D1%8F_"
          "%D1%81%D1%82%D1%80%D0%B0%D0%BD%D0%B8%D1%86%D0%B0",   # Заглавная_страница
}


def exit_urls(option, languages: list[str], site_url: str | None) -> tuple[dict[str, str], list[str]]:
    """The exit URL of each language from the ``exit_url`` option (a string for every language, a
    mapping language -> URL, or None for the defaults), and every problem found, each naming the
    option and the language: an exit must be an absolute https URL away from the course itself."""
    problems: list[str] = []
    if option is None:
        chosen = {lang: DEFAULT_EXIT_URLS.get(lang) for lang in languages}
        where = "exit_url (default)"
    elif isinstance(option, str):
        chosen, where = {lang: option for lang in languages}, "exit_url"
    else:
        chosen, where = {lang: option.get(lang) for lang in languages}, "exit_url"
        for lang in sorted(set(option) - set(languages), key=str):
            problems.append(f"exit_url: {lang!r} is not a language of this site ({', '.join(languages)}); "
                            "fix the language code or remove it")
    own = urlparse(site_url or "")
    own_host, own_path = (own.hostname or "").lower(), own.path or "/"
    urls: dict[str, str] = {}
    for lang, url in chosen.items():
        label = f"{where} for language {lang!r}"
        if url is None:
            problems.append(f"{label}: no exit page is set; add `{lang}: https://...` under exit_url in mkdocs.yml "
                            "(a neutral page in that language, see README \"Quick exit\")")
            continue
        if not isinstance(url, str) or not url.strip():
            problems.append(f"{label}: the exit page must be an absolute https URL, not {url!r}")
            continue
        problem = _exit_url_problem(url, own_host, own_path)
        if problem:
            problems.append(f"{label}: {url!r} {problem}")
        else:
            urls[lang] = url
    return urls, problems


def _exit_url_problem(url: str, own_host: str, own_path: str) -> str | None:
    if any(ch.isspace() or ord(ch) < 32 or ch in "<>\"'`" for ch in url):
        return "contains spaces, quotes or control characters; percent-encode them"
    parts = urlparse(url)
    if parts.scheme != "https" or not parts.hostname:
        return "is not an absolute https URL; write it in full, as in https://en.wikipedia.org/wiki/Main_Page"
    if parts.username or parts.password:
        return "carries a user name or password; remove it"
    path = parts.path or "/"
    if own_host and parts.hostname.lower() == own_host and (path + "/").startswith(own_path.rstrip("/") + "/"):
        return "is a page of this course (site_url); choose a neutral page on another site"
    return None


def quick_exit_parts(env, url: str, strings: dict[str, str]) -> tuple[str, str]:
    """The quick-exit block (link, messages, storage choice) and the header button, for every page."""
    # the strings course.js needs: exit messages, the storage choice and "Erase my data"
    wanted = {k: v for k, v in strings.items() if k.startswith(("exit_press", "exit_leaving", "storage_saved", "erase_"))}
    block = env.get_template("quick_exit.html").render(
        url=url, s=strings, strings_json=json.dumps(wanted, ensure_ascii=False))
    button = env.get_template("exit_button.html").render(url=url, s=strings)
    return block, button


NOT_FOUND_HEADING = re.compile(r"<h1>404 - Not found</h1>")


def not_found_page(html: str, strings: dict[str, str], home: str, script_src: str, other_languages: list[str],
                   discreet: bool = False) -> str:
    """Material's 404 page in the page's language: its title and heading say what happened and a
    link leads home. On the default language's page, ``script_src`` (assets/notfound.js) sends a
    missing address under another language's folder to that language's copy."""
    title, back = escape(strings["not_found"]), escape(strings["not_found_home"])
    if not discreet:   # discreet mode: the neutral title alone (the overlay's htmltitle block)
        html = TITLE.sub(lambda m: m.group(0).replace("<title>", f"<title>{title} - ", 1), html, count=1)
    html = NOT_FOUND_HEADING.sub(lambda m: f'<h1>{title}</h1>\n<p><a href="{escape(home)}">{back}</a></p>', html, count=1)
    if other_languages:
        tag = (f'<script src="{escape(script_src)}" data-base="{escape(home)}" '
               f'data-languages="{escape(" ".join(other_languages))}"></script>')
        html = html.replace("</body>", tag + "\n</body>", 1)
    return html


CSP_BASE = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'none'")


class UnknownInlineScript(ValueError):
    """An inline script that no template of the theme or the plugin writes."""


def inline_script_hashes(html: str, allowed: "TemplateScripts | None" = None) -> list[str]:
    """CSP sources for every executable inline script of this page (JSON data blocks excluded).

    With ``allowed``, a script that no template writes raises :class:`UnknownInlineScript`."""
    out = []
    for attrs, body in _scripts(html):
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue
        if allowed is not None and not allowed.matches(body):
            raise UnknownInlineScript(body)
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in out:
            out.append(source)
    return out


def _scripts(html: str):
    """``(attributes, body)`` of each ``<script>``, as ``<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>``
    (DOTALL) would match, found with plain string searches: that pattern's lazy body steps through
    long scripts one character at a time (tests/test_fast_paths.py checks they agree)."""
    pos = 0
    while True:
        start = html.find("<script", pos)
        if start < 0:
            return
        tag_end = html.find(">", start + 7)
        if tag_end < 0:
            return
        end = html.find("</script>", tag_end + 1)
        if end < 0:
            return
        yield html[start + 7:tag_end], html[tag_end + 1:end]
        pos = end + 9


def add_security_meta(html: str, allowed: "TemplateScripts | None" = None) -> str:
    """A Content-Security-Policy holding this page's inline-script hashes, and no-referrer.

    Computed on the final HTML of each page, so it holds at every depth (Material's first inline
    script differs with the page's depth). With ``allowed``, only the scripts written by those
    templates are hashed; any other raises :class:`UnknownInlineScript`."""
    csp = CSP_BASE.format(hashes=" ".join(inline_script_hashes(html, allowed))).replace("  ", " ")
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            '<meta name="referrer" content="no-referrer">\n')
    return re.sub(r"(<head[^>]*>\s*(?:<meta charset=[^>]*>\s*)?)", lambda m: m.group(1) + meta, html, count=1)


# In a template's inline script, a {{ expression }} stands for a value such as a URL inside a
# string literal: it may not hold a quote, a backslash, a line break or markup, so it cannot end the
# literal. A script with a {% statement %} or {# comment #} is not allowed (none has one today):
# the build then fails naming it, rather than trust a pattern that could match anything.
_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_EXPRESSION_VALUE = r"[^\"'`\\<>\n]*"


class TemplateScripts:
    """The inline scripts that the templates in some folders write, as patterns of their text."""

    def __init__(self, folders: list[Path]):
        patterns = set()
        for folder in folders:
            for path in sorted(Path(folder).rglob("*.html")) if Path(folder).is_dir() else []:
                text = path.read_text(encoding="utf-8", errors="replace")
                if "<script" not in text:
                    continue
                for m in _TEMPLATE_SCRIPT.finditer(text):
                    attrs, body = m.group("attrs"), m.group("body")
                    if "src=" in attrs or "json" in attrs or "{%" in body or "{#" in body:
                        continue
                    parts = _EXPRESSION.split(body)
                    patterns.add(_EXPRESSION_VALUE.join(re.escape(part) for part in parts))
        self.patterns = [re.compile(p, re.S) for p in sorted(patterns)]
        self._seen: dict[str, bool] = {}

    def matches(self, body: str) -> bool:
        if body not in self._seen:
            self._seen[body] = any(p.fullmatch(body) for p in self.patterns)
        return self._seen[body]
