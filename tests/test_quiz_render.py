"""The packaged quiz templates are rendered without autoescaping (for speed, see quiz/render.py):
their output must be exactly what autoescaped rendering gives, for every quiz of the course and
for every kind of question, with UI strings and quiz texts full of characters HTML must escape."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from markupsafe import Markup

from course_plugin.quiz.loader import load_bank, parse_quiz
from course_plugin.quiz.render import QUIZ_TEMPLATES, QuizRenderer, make_environment
from course_plugin.strings import ui_strings

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "ru"]

# every question type and quiz option, with text that must be escaped or is Markdown (a "<" that
# starts no tag: quiz texts may hold no raw HTML, quiz/markup.py)
EVERYTHING = """
id: every-kind
module: 2
title: {en: "Tom & Jerry's < quiz >", ru: "Том & Джерри: <тест>"}
intro: {en: "Read *this* & \\"that\\" < b >first< /b >.", ru: "Прочтите *это* & «то»."}
pass_mark: 80
shuffle: true
draw: 4
exam: true
attempts: 2
questions:
  - id: s1
    type: scenario
    title: {en: "Case < A > & B", ru: "Случай <А> & Б"}
    text: {en: "She was *stopped* at 23:00 & searched.", ru: "Её *остановили* в 23:00 & обыскали."}
    questions:
      - id: s1-q1
        type: single
        text: {en: "Which is \\"right\\"?", ru: "Что «верно»?"}
        explanation: {en: "See [the law](https://example.org/?a=1&b=2).", ru: "См. [закон](https://example.org/?a=1&b=2)."}
        hint: {en: "Think of < rights >.", ru: "Подумайте о <правах>."}
        options:
          - {id: a, text: {en: "A & B", ru: "А & Б"}, feedback: {en: "No: 'A' < is > wrong.", ru: "Нет."}}
          - {id: b, correct: true, text: {en: "`<code>`", ru: "`<код>`"}}
  - id: m1
    type: multiple
    partial_credit: true
    weight: 2
    text: {en: "Pick **all** that apply", ru: "Выберите **все** верные"}
    explanation: {en: "Because.", ru: "Потому что."}
    options:
      - {id: a, correct: true, text: {en: "One <1>", ru: "Один <1>"}}
      - {id: b, correct: true, text: {en: "Two & two", ru: "Два & два"}}
      - {id: c, text: {en: "Three", ru: "Три"}}
  - id: t1
    type: truefalse
    answer: false
    text: {en: "The officer \\"may\\" do it.", ru: "Сотрудник «может» это сделать."}
    explanation: {en: "No.", ru: "Нет."}
    feedback_true: {en: "Not < so >.", ru: "Не <так>."}
    feedback_false: {en: "Right & well.", ru: "Верно & хорошо."}
  - id: o1
    type: ordering
    text: {en: "Put in order", ru: "Расставьте по порядку"}
    explanation: {en: "First things first.", ru: "Сначала главное."}
    options:
      - {id: one, text: {en: "Write < it > down", ru: "Запишите <это>"}}
      - {id: two, text: {en: "Photograph & date", ru: "Сфотографируйте & датируйте"}}
      - {id: three, text: {en: "Tell a lawyer", ru: "Сообщите юристу"}}
"""


def converter():
    md = markdown.Markdown(extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"])

    def convert(text: str) -> str:
        md.reset()
        return md.convert(text)
    return convert


def quizzes():
    bank = load_bank(ROOT / "quizzes", LANGS, ROOT)
    assert not bank.problems and len(bank.quizzes) >= 5
    every, problems = parse_quiz(textwrap.dedent(EVERYTHING), LANGS, "every-kind.yml")
    assert every is not None, problems
    return [*bank.quizzes.values(), every]


def hostile(strings: dict[str, str]) -> dict[str, str]:
    return {key: f"{value} <b>&amp; & \"x\" 'y'</b>" for key, value in strings.items()}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("strings_of", [lambda lang: ui_strings(lang)[0], lambda lang: hostile(ui_strings(lang)[0])],
                         ids=["ui-strings", "strings-to-escape"])
def test_fast_rendering_equals_autoescaped_rendering(lang, strings_of):
    strings = strings_of(lang)
    fast = QuizRenderer(make_environment(), converter(), strings, lang)
    reference = QuizRenderer(make_environment(fast_quiz_templates=False), converter(), strings, lang)
    reference.s = SimpleNamespace(**strings)   # plain strings, escaped by the templates, as before
    for quiz in quizzes():
        assert fast.render(quiz) == reference.render(quiz), quiz.id
    if "<b>" in strings["check_all"]:   # the strings reached the page, escaped
        assert str(Markup.escape(strings["check_all"])) in fast.render(quiz)


def test_only_packaged_quiz_templates_skip_autoescaping(tmp_path):
    env = make_environment()
    assert not any(env.autoescape(name) for name in QUIZ_TEMPLATES)
    assert env.autoescape("progress.html") and env.autoescape("quick_exit.html") and env.autoescape(None)
    (tmp_path / "quiz_key.html").write_text("{{ s.key_title }}", encoding="utf-8")
    env = make_environment(tmp_path)
    assert env.autoescape("quiz_key.html") and not env.autoescape("quiz.html")


def test_script_json_leaves_nothing_markup_like_in_a_script_element():
    import json

    from course_plugin.quiz.render import script_json
    data = {"s": "</script><script>alert(1)</script> <!-- x --> a > b & c \u2028 \u2029", "n": [1, "<b>"]}
    text = script_json(data)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text, bad
    assert json.loads(text) == data
