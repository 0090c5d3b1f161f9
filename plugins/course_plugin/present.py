"""Presentation mode and printed handouts: which pages get them, the Present button, slide markers.

The slides themselves are built in the browser (``assets/present.js``) from the rendered article;
this module only prepares the HTML at build time.
"""

from __future__ import annotations

import json
import re
from fnmatch import fnmatch

# an explicit slide break in Markdown, on a line of its own between blocks: <!-- slide -->
SLIDE_MARKER = re.compile(r"<!--\s*slide\s*-->")
SLIDE_BREAK = '<div class="slide-break" data-slide-break></div>'
H1_END = re.compile(r"</h1>")
BODY = re.compile(r"<body\b")


def site_path(src_uri: str, languages: list[str]) -> str:
    """The page's path inside one language (``en/module-1/index.md`` -> ``module-1/index.md``)."""
    first, _, rest = src_uri.partition("/")
    return rest if rest and first in languages else src_uri


def matches(path: str, patterns: list[str]) -> bool:
    return any(fnmatch(path, pattern) for pattern in patterns)


def add_slide_breaks(html: str) -> str:
    """Turn each ``<!-- slide -->`` comment into an element present.js can find.

    A marker inside a code block is escaped text in the HTML, so it is not matched."""
    return SLIDE_MARKER.sub(SLIDE_BREAK, html)


def present_button(env, strings: dict[str, str]) -> str:
    """The Present button, with the strings present.js needs in a data attribute (no inline script)."""
    wanted = {k[len("present_"):]: v for k, v in strings.items() if k.startswith("present_")}
    return env.get_template("present_button.html").render(s=strings, strings_json=json.dumps(wanted, ensure_ascii=False),
                                                         script_url=SCRIPT_URL, style_url=STYLE_URL)


# placeholders in the button rendered once per language, replaced by each page's relative links
SCRIPT_URL, STYLE_URL = "__present_js__", "__present_css__"


def button_for_page(button: str, script_url: str, style_url: str) -> str:
    return button.replace(SCRIPT_URL, script_url, 1).replace(STYLE_URL, style_url, 1)


def add_present_button(html: str, button: str) -> str:
    """Place the button right after the page title (or first, if the page has no ``# Title``)."""
    if H1_END.search(html):
        return H1_END.sub(lambda m: m.group(0) + "\n" + button, html, count=1)
    return button + "\n" + html


def mark_handout(html: str) -> str:
    """Mark a participants' handout page: its trainer notes are left out when printed."""
    return BODY.sub("<body data-handout", html, count=1)
