"""The Listen control (assets/listen.js) and the row of page tools after the title.

The Present button and the Listen control share one row whose height is reserved in CSS
(course.css, "Small screens"), so the page does not shift when either appears."""

from __future__ import annotations

import json

LISTEN_JS = "assets/course/listen.js"


def listen_control(env, strings: dict[str, str]) -> str:
    """The control, hidden until listen.js finds a local voice; the strings it needs in a data attribute."""
    wanted = {k[len("listen_"):]: v for k, v in strings.items() if k.startswith("listen_")}
    return env.get_template("listen.html").render(s=strings, strings_json=json.dumps(wanted, ensure_ascii=False))


def page_tools(*controls: str) -> str:
    return '<div class="page-tools" data-search-exclude>\n' + "\n".join(c for c in controls if c) + "\n</div>"
