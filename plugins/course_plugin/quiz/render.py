"""Render a quiz to accessible HTML with Jinja2 templates (overridable by a site)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader
from markupsafe import Markup

from ..integrity import Finding, scan
from ..evaluation.codes import quiz_spec
from .model import OrderingQuestion, Quiz, Scenario, TrueFalseQuestion

# The quiz templates are filled only with HTML-safe values: Markdown output and UI strings as
# ``Markup``, ids validated as ``[a-z0-9-]`` and numbers. So the packaged ones are rendered without
# autoescaping, which halves their cost (a 10-question quiz has some 500 ``{{ }}``); the output is
# the same as autoescaped (tests/test_quiz_render.py checks it for every quiz). Every other template,
# and a site's own copy of a quiz template, is autoescaped.
QUIZ_TEMPLATES = frozenset({"quiz.html", "quiz_question.html", "quiz_key.html"})


def make_environment(override_dir: Path | None = None, fast_quiz_templates: bool = True) -> Environment:
    loaders = [PackageLoader("course_plugin", "templates")]
    overridden = set()
    if override_dir is not None and override_dir.is_dir():
        loaders.insert(0, FileSystemLoader(str(override_dir)))
        overridden = {name for name in QUIZ_TEMPLATES if (override_dir / name).is_file()}
    unescaped = QUIZ_TEMPLATES - overridden if fast_quiz_templates else frozenset()
    # auto_reload off: a build makes a new environment, so templates need no stat() at every include
    return Environment(loader=ChoiceLoader(loaders), autoescape=lambda name: name not in unescaped,
                       trim_blocks=True, lstrip_blocks=True, auto_reload=False)


class QuizRenderer:
    """Turns a validated :class:`Quiz` into HTML for one language.

    ``markdown`` converts a Markdown string to HTML with the site's own extensions.
    """

    def __init__(self, env: Environment, markdown: Callable[[str], str], strings: dict[str, str], language: str):
        self.env = env
        self.markdown = markdown
        self.strings = strings
        self.language = language
        # Templates read ``s.key``, ``item.number``...: Jinja tries attribute access first, which on a
        # dict raises (and catches) an AttributeError every time; plain attributes are found at once.
        # The strings are escaped here, once (autoescaping leaves Markup as it is).
        self.s = SimpleNamespace(**{key: Markup.escape(value) for key, value in strings.items()})
        # (source text, finding) for each script, event handler or javascript: URL that a quiz
        # text's Markdown produced (see integrity.py); the caller reports them and fails the build
        self.unsafe: list[tuple[str, Finding]] = []

    def _convert(self, text: str) -> str:
        html = self.markdown(text)
        self.unsafe.extend((text, f) for f in scan(html))
        return html

    def text(self, value: dict[str, str] | None) -> Markup:
        if not value:
            return _EMPTY
        return Markup(self._convert(value[self.language]))

    def inline(self, value: dict[str, str] | None) -> Markup:
        """Markdown rendered for a label or legend: a single paragraph is unwrapped."""
        if not value:
            return _EMPTY
        html = self._convert(value[self.language]).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    def render(self, quiz: Quiz) -> str:
        blocks = []
        number = 0
        for item in quiz.questions:
            group = item.questions if isinstance(item, Scenario) else [item]
            rendered = []
            for q in group:
                number += 1
                rendered.append(self._question(quiz, q, number))
            if isinstance(item, Scenario):
                scenario = SimpleNamespace(id=item.id, title=self.inline(item.title), text=self.text(item.text))
                blocks.append(SimpleNamespace(scenario=scenario, questions=rendered))
            else:
                blocks.append(SimpleNamespace(scenario=None, questions=rendered))
        title = self.inline(quiz.title)
        html = self.env.get_template("quiz.html").render(
            quiz=quiz, title=title, intro=self.text(quiz.intro), blocks=blocks, s=self.s,
            data=Markup(script_json(self._data(quiz))))
        # The trainer's answer key, rendered from the same bank beside the quiz (outside [data-quiz],
        # so quiz.js never sees it). It is hidden until the URL targets it (#answer-key-ID): pure
        # CSS, so it works without JavaScript, from disk and in print.
        key = self.env.get_template("quiz_key.html").render(quiz=quiz, title=title, blocks=blocks, s=self.s)
        return html + "\n" + key

    def _question(self, quiz: Quiz, q, number: int) -> SimpleNamespace:
        # each option text is converted once and reused by the question, its answer and the key
        if isinstance(q, TrueFalseQuestion):
            options = [
                SimpleNamespace(id="true", text=self._tf_label(True), feedback=self.text(q.feedback_true)),
                SimpleNamespace(id="false", text=self._tf_label(False), feedback=self.text(q.feedback_false)),
            ]
            correct_labels = [self._tf_label(q.answer)]
            key_options = [SimpleNamespace(id=o.id, text=o.text, correct=o.id in q.correct_ids())
                           for o in options]
        elif isinstance(q, OrderingQuestion):
            steps = [SimpleNamespace(id=o.id, text=self.inline(o.text), feedback=_EMPTY) for o in q.options]
            options = _shuffled_not_identity(steps, f"{quiz.id}/{q.id}")
            correct_labels = [o.text for o in steps]   # the steps in the correct order
            key_options = [SimpleNamespace(id=o.id, text=o.text, correct=True) for o in steps]
        else:
            options = [SimpleNamespace(id=o.id, text=self.inline(o.text), feedback=self.text(o.feedback))
                       for o in q.options]
            correct_labels = [o.text for o, authored in zip(options, q.options) if authored.correct]
            # the key lists the options as authored, correct ones marked
            key_options = [SimpleNamespace(id=o.id, text=o.text, correct=authored.correct)
                           for o, authored in zip(options, q.options)]
        return SimpleNamespace(key_options=key_options, q=q, number=number, legend=self.inline(q.text),
                               hint=self.text(q.hint), explanation=self.text(q.explanation), options=options,
                               correct_labels=correct_labels, dom_id=f"cq-{quiz.id}-{q.id}")

    def _tf_label(self, value: bool) -> Markup:
        return Markup.escape(self.strings["true" if value else "false"])

    def _data(self, quiz: Quiz) -> dict:
        """What the browser needs to score: the key, weights and the UI strings."""
        questions = {}
        for q in quiz.all_questions():
            questions[q.id] = {"t": q.type, "c": q.correct_ids(), "w": q.weight,
                               "p": bool(getattr(q, "partial_credit", False))}
        strings = {k: self.strings[k] for k in BROWSER_STRINGS}
        data = {"id": quiz.id, "pass": quiz.pass_mark, "module": quiz.module, "q": questions, "s": strings}
        if quiz.exam:   # what the result code needs (README "Result codes")
            data["spec"] = quiz_spec(quiz)
        return data


_EMPTY = Markup("")

# the UI strings quiz.js uses (the rest are rendered into the HTML at build time)
BROWSER_STRINGS = ("question_n", "correct", "incorrect", "partial", "unanswered", "score", "passed", "not_passed",
                   "unanswered_count", "attempts_left", "no_attempts", "moved", "retry_confirm", "retry_confirm_yes",
                   "retry_confirm_no", "unanswered_confirm", "unanswered_confirm_yes", "unanswered_confirm_no",
                   "result_code_need_code")


def _shuffled_not_identity(items: list, seed: str) -> list:
    """A stable shuffle (same output every build) that never shows the correct order."""
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    if shuffled == items:
        shuffled = items[1:] + items[:1]
    return shuffled


# Inside <script type="application/json"> nothing may look like markup: "<" could close the
# element or open "<!--" (which changes how the HTML parser reads the rest), so "<", ">" and "&"
# are written as JSON escapes; U+2028/2029 are escaped too, in case the text is ever read as a
# JavaScript literal. JSON.parse gives back the same strings.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: dict) -> str:
    """``data`` as JSON safe to place inside a ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
