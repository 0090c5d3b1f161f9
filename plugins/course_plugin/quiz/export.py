"""Quiz bank exports: the public JSON contract and Moodle GIFT."""

from __future__ import annotations

import re

from .model import OrderingQuestion, Quiz, TrueFalseQuestion


def to_json_data(quizzes: list[Quiz]) -> list[dict]:
    """``[{"id", "pass_mark", "questions": [{"id", "type", "options": [{"id", "correct"}]}]}]``.

    Scenario questions are listed as ordinary questions; an ordering question lists its options
    in the correct order (each ``correct: true``).
    """
    out = []
    for quiz in quizzes:
        questions = []
        for q in quiz.all_questions():
            if isinstance(q, TrueFalseQuestion):
                options = [{"id": "true", "correct": q.answer}, {"id": "false", "correct": not q.answer}]
            elif isinstance(q, OrderingQuestion):
                options = [{"id": o.id, "correct": True} for o in q.options]
            else:
                options = [{"id": o.id, "correct": o.correct} for o in q.options]
            questions.append({"id": q.id, "type": q.type, "options": options})
        out.append({"id": quiz.id, "pass_mark": quiz.pass_mark, "questions": questions})
    return out


# GIFT's special characters (Moodle docs, "GIFT format": ~ = # { } : are escaped with a
# backslash, and so is the backslash itself); a line break is written as \n.
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def _g(text: str) -> str:
    """Escape GIFT's special characters in ``text`` (any text the export writes); keep Markdown
    (GIFT's [markdown] format)."""
    return _GIFT_SPECIAL.sub(r"\\\1", text.strip()).replace("\r\n", "\n").replace("\n", "\\n")


def _no_arrow(text: str) -> str:
    """A matching item is split at its first "->", which GIFT cannot escape: write it as an arrow."""
    return text.replace("->", "\u2192")


def to_gift(quizzes: list[Quiz], language: str) -> str:
    """Moodle GIFT, one category per quiz. Ordering questions become Moodle "matching" items
    (each step matched to its position), the closest type GIFT supports."""
    lines: list[str] = []
    for quiz in quizzes:
        lines.append(f"$CATEGORY: $course$/{quiz.id}\n")
        scenario_text = {}
        for item in quiz.questions:
            if getattr(item, "type", None) == "scenario":
                for q in item.questions:
                    scenario_text[q.id] = _g(item.title[language]) + "\\n\\n" + _g(item.text[language])
        for q in quiz.all_questions():
            stem = _g(q.text[language])
            if q.id in scenario_text:
                stem = scenario_text[q.id] + "\\n\\n" + stem
            explanation = _g(q.explanation[language])
            head = f"::{quiz.id}/{q.id}::[markdown]{stem}"
            if isinstance(q, TrueFalseQuestion):
                body = "{" + ("TRUE" if q.answer else "FALSE") + f"####{explanation}" + "}"
            elif isinstance(q, OrderingQuestion):
                pairs = " ".join(f"={_g(_no_arrow(o.text[language]))} -> {i}" for i, o in enumerate(q.options, start=1))
                body = "{ " + pairs + f" ####{explanation}" + " }"
            elif q.type == "single":
                body = "{ " + " ".join(("=" if o.correct else "~") + _g(o.text[language]) + _fb(o, language)
                                       for o in q.options) + f" ####{explanation}" + " }"
            else:
                n_right = sum(o.correct for o in q.options)
                n_wrong = len(q.options) - n_right
                parts = []
                for o in q.options:
                    weight = _pct(100 / n_right) if o.correct else (_pct(-100 / n_wrong) if n_wrong else "0")
                    parts.append(f"~%{weight}%" + _g(o.text[language]) + _fb(o, language))
                body = "{ " + " ".join(parts) + f" ####{explanation}" + " }"
            lines.append(f"{head} {body}\n")
    return "\n".join(lines)


def _fb(option, language: str) -> str:
    return f" #{_g(option.feedback[language])}" if option.feedback else ""


def _pct(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return text
