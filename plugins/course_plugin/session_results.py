"""The Session results page's widget (marker ``<!-- course: session-results -->``): README "Session results"."""

from __future__ import annotations

from markupsafe import Markup

from .evaluation.codes import quiz_spec
from .quiz.render import script_json

SESSION_MARKER = "<!-- course: session-results -->"


def session_problem(bank, pre: str, post: str) -> str | None:
    for role, quiz_id in (("session_pre_test", pre), ("session_post_test", post)):
        if quiz_id not in bank.quizzes:
            return (f"the Session results page compares the quizzes set by `{role}` (now {quiz_id!r}), "
                    f"which is not in the quiz bank: set it in mkdocs.yml to an exam quiz id")
    return None


def render_session(env, bank, strings: dict[str, str], pre: str, post: str) -> str:
    specs = {"pre": quiz_spec(bank.quizzes[pre]), "post": quiz_spec(bank.quizzes[post])}
    wanted = {k: v for k, v in strings.items() if k.startswith("session_")}
    count = max(len(specs["pre"]["q"]), len(specs["post"]["q"]))
    return env.get_template("session_results.html").render(
        s=strings, count=count, data=Markup(script_json({"specs": specs, "s": wanted})))
