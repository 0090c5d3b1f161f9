"""Page-level safety features added to the built HTML: quick exit and discreet mode."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import urlparse

from mkdocs.utils import get_relative_url

HEADER_NAV_END = re.compile(r"(</nav>\s*</header>)")
TITLE = re.compile(r"<title>.*?</title>", re.S)
ICON = re.compile(r'<link rel="icon" href="[^"]*">')


def quick_exit_parts(env, url: str, strings: dict[str, str]) -> tuple[str, str]:
    """The quick-exit block (link, messages, storage choice) and the header button, for every page."""
    # the strings course.js needs: exit messages, the storage choice and "Erase my data"
    wanted = {k: v for k, v in strings.items() if k.startswith(("exit_press", "exit_leaving", "storage_saved", "erase_"))}
    block = env.get_template("quick_exit.html").render(
        url=url, s=strings, strings_json=json.dumps(wanted, ensure_ascii=False))
    button = env.get_template("exit_button.html").render(url=url, s=strings)
    return block, button


def insert_quick_exit(html: str, block: str, button: str, script_src: str) -> str:
    """The exit link first in the tab order (after the skip link), the button in the sticky header,
    and ``assets/course/exit.js`` right after the link: a plain synchronous script, so the exit
    works before anything else on the page has loaded, and no other script can stop it."""
    block += f'<script src="{script_src}"></script>'
    anchor = '<div data-md-component="announce">'
    if anchor in html:
        html = html.replace(anchor, block + anchor, 1)
    else:
        html = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + block, html, count=1)
    return HEADER_NAV_END.sub(lambda m: button + m.group(1), html, count=1)


def neutral_tab(html: str, title: str, icon_url: str) -> str:
    """Discreet mode: a neutral browser-tab title and icon on every page."""
    html = TITLE.sub(lambda m: f"<title>{title}</title>", html, count=1)
    return ICON.sub(lambda m: f'<link rel="icon" href="{icon_url}">', html, count=1)


CSP_BASE = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'none'")


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources for every executable inline script of this page (JSON data blocks excluded)."""
    out = []
    for attrs, body in _scripts(html):
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue
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


def add_security_meta(html: str) -> str:
    """A Content-Security-Policy holding this page's inline-script hashes, and no-referrer.

    Computed on the final HTML of each page, so it holds at every depth (Material's first inline
    script differs with the page's depth)."""
    csp = CSP_BASE.format(hashes=" ".join(inline_script_hashes(html))).replace("  ", " ")
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            '<meta name="referrer" content="no-referrer">\n')
    return re.sub(r"(<head[^>]*>\s*(?:<meta charset=[^>]*>\s*)?)", lambda m: m.group(1) + meta, html, count=1)


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
