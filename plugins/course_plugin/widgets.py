"""Small interactive helpers placed in pages by a marker element."""

from __future__ import annotations

import re

from markupsafe import Markup

from .quiz.render import script_json


def render_deadline(env, strings: dict[str, str]) -> str:
    """The ECtHR "last day to apply" helper (``<div class="ecthr-deadline" data-ecthr-deadline></div>``)."""
    wanted = {k: v for k, v in strings.items() if k.startswith("deadline_")}
    data = Markup(script_json({"s": wanted}))
    return env.get_template("deadline.html").render(s=strings, data=data)


TASK_CHECKBOX = re.compile(r'<input type="checkbox" disabled(?:="disabled")?\s*/?>')
TASK_CHECKED = re.compile(r'<input type="checkbox" disabled(?:="disabled")? checked(?:="checked")?\s*/?>')


def paper_checkboxes(html: str) -> str:
    """Task-list items are tick boxes of printable forms, not controls: draw them as boxes.

    A disabled, unlabelled checkbox is an unnamed form control to a screen reader."""
    html = TASK_CHECKED.sub('<span class="task-box task-box--ticked" aria-hidden="true">✓</span>', html)
    return TASK_CHECKBOX.sub('<span class="task-box" aria-hidden="true"></span>', html)
