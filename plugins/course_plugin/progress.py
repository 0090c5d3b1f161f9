"""The "My progress" table: every quiz of the course with its module and a link."""

from __future__ import annotations

from markupsafe import Markup

from .quiz.render import script_json

PROGRESS_MARKER = "<!-- course: progress -->"


def render_progress(env, quizzes, placements: dict[str, str], language: str, strings: dict[str, str],
                    course_order: dict[str, int] | None = None) -> str:
    """``placements`` maps quiz id to the URL (relative to the current page) of the page that holds it;
    ``course_order`` maps quiz id to the position of that page in the navigation: quizzes of a module,
    then the others (pre-test before post-test) in the order the course shows them."""
    rows = []
    order = course_order or {}
    ordered = sorted(quizzes.values(), key=lambda q: (q.module is None, q.module or 0, order.get(q.id, len(order)), q.id))
    for quiz in ordered:
        rows.append({"id": quiz.id, "title": quiz.title[language], "module": quiz.module,
                     "url": placements.get(quiz.id), "pass": quiz.pass_mark})
    data = {"s": {k: v for k, v in strings.items() if k.startswith("status_")}}
    return env.get_template("progress.html").render(
        rows=rows, s=strings, data=Markup(script_json(data)))
