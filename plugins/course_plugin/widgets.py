"""Small interactive helpers placed in pages by a marker element."""

from __future__ import annotations

import json

from markupsafe import Markup


def render_deadline(env, strings: dict[str, str]) -> str:
    """The ECtHR "last day to apply" helper (``<div class="ecthr-deadline" data-ecthr-deadline></div>``)."""
    wanted = {k: v for k, v in strings.items() if k.startswith("deadline_")}
    data = Markup(json.dumps({"s": wanted}, ensure_ascii=False).replace("</", "<\\/"))
    return env.get_template("deadline.html").render(s=strings, data=data)
