"""Page-level safety features added to the built HTML: quick exit and discreet mode."""

from __future__ import annotations

import json
import re

HEADER_NAV_END = re.compile(r"(</nav>\s*</header>)")
TITLE = re.compile(r"<title>.*?</title>", re.S)
ICON = re.compile(r'<link rel="icon" href="[^"]*">')


def add_quick_exit(html: str, env, url: str, strings: dict[str, str]) -> str:
    """The exit link first in the tab order (after the skip link) and the button in the sticky header."""
    # the strings course.js needs: exit messages, the storage choice and "Erase my data"
    wanted = {k: v for k, v in strings.items() if k.startswith(("exit_press", "exit_leaving", "storage_saved", "erase_"))}
    block = env.get_template("quick_exit.html").render(
        url=url, s=strings, strings_json=json.dumps(wanted, ensure_ascii=False))
    button = env.get_template("exit_button.html").render(url=url, s=strings)
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
