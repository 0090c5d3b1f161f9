"""Every authoring mistake is reported with file, line, field and what to do; all in one run."""

import textwrap
from pathlib import Path

import pytest

from course_plugin.quiz.loader import load_bank, parse_quiz
from course_plugin.quiz.markers import find_markers

LANGS = ["en", "ru"]

GOOD_Q = """
  - id: q1
    type: single
    text: {en: a, ru: б}
    explanation: {en: a, ru: б}
    options:
      - {id: a, correct: true, text: {en: a, ru: б}}
      - {id: b, text: {en: a, ru: б}}
"""


def problems_of(yaml_text: str):
    quiz, problems = parse_quiz(textwrap.dedent(yaml_text), LANGS, "quizzes/x.yml")
    return quiz, [str(p) for p in problems]


def quiz_with(questions: str, head: str = "id: x\ntitle: {en: T, ru: Т}\n") -> str:
    return head + "questions:" + questions


def test_valid_quiz_loads():
    quiz, problems = problems_of(quiz_with(GOOD_Q))
    assert problems == [] and quiz.id == "x" and quiz.pass_mark == 70 and quiz.attempts is None


def test_a_text_written_as_null_is_left_out():
    """`hint: ~` means no hint (as quiz.schema.json allows); the language check once crashed on it."""
    quiz, problems = problems_of(quiz_with(GOOD_Q.replace("    explanation:", "    hint: ~\n    explanation:"),
                                           "id: x\ntitle: {en: T, ru: Т}\nintro: null\n"))
    assert problems == [] and quiz.intro is None and quiz.questions[0].hint is None


def test_yaml_syntax_error_names_line():
    _, problems = problems_of("id: x\ntitle: {en: T, ru: Т\nquestions: []\n")
    assert len(problems) == 1
    assert problems[0].startswith("quizzes/x.yml, line 3") and "YAML syntax error" in problems[0]


def test_empty_file():
    _, problems = problems_of("   \n# only a comment\n")
    assert problems == ["quizzes/x.yml: the file is empty: write a quiz (see quizzes/README.md) or delete the file"]


def test_misspelt_field_suggests_the_right_one():
    _, problems = problems_of(quiz_with(GOOD_Q.replace("explanation:", "explanaton:")))
    joined = "\n".join(problems)
    assert "line 7 [questions[0].explanaton]: unknown field `explanaton`: did you mean `explanation`?" in joined
    assert "[questions[0].explanation]: required field `explanation` is missing" in joined


def test_missing_required_field_and_wrong_type_reported_together():
    text = "id: x\npass_mark: lots\nquestions:" + GOOD_Q
    _, problems = problems_of(text)
    assert any("[title]: required field `title` is missing" in p for p in problems)
    assert any("line 2 [pass_mark]" in p and "write a whole number" in p for p in problems)


def test_missing_translation_names_the_language():
    _, problems = problems_of(quiz_with(GOOD_Q.replace("{id: b, text: {en: a, ru: б}}", "{id: b, text: {en: a}}")))
    assert problems == ["quizzes/x.yml, line 10 [questions[0].options[1].text]: missing translation: "
                        "add text for `ru:` beside the other language(s)"]


def test_no_correct_option():
    _, problems = problems_of(quiz_with(GOOD_Q.replace("correct: true, ", "")))
    assert len(problems) == 1 and "line 4 [questions[0]]" in problems[0] and "exactly one option with `correct: true` (found 0)" in problems[0]
    _, problems = problems_of(quiz_with(GOOD_Q.replace("correct: true, ", "").replace("type: single", "type: multiple")))
    assert "no correct option: mark at least one option with `correct: true`" in problems[0]


def test_truefalse_answer_must_be_an_existing_option():
    # true/false questions have exactly the options `true` and `false`; any other answer is an error
    q = """
  - id: tf
    type: truefalse
    answer: maybe
    text: {en: a, ru: б}
    explanation: {en: a, ru: б}
"""
    _, problems = problems_of(quiz_with(q))
    assert len(problems) == 1 and "line 6 [questions[0].answer]" in problems[0] and "write `true` or `false`" in problems[0]


def test_ordering_needs_two_steps():
    q = """
  - id: o
    type: ordering
    text: {en: a, ru: б}
    explanation: {en: a, ru: б}
    options:
      - {id: a, text: {en: a, ru: б}}
"""
    _, problems = problems_of(quiz_with(q))
    assert "an ordering question needs at least two steps (found 1)" in problems[0]


def test_unknown_type_and_duplicate_ids_within_a_quiz():
    q = GOOD_Q + GOOD_Q + "\n  - id: essay\n    type: essay\n"
    _, problems = problems_of(quiz_with(q))
    joined = "\n".join(problems)
    assert "line 12 [questions[1].id]: duplicate question id 'q1' (first used on line 4)" in joined
    assert "[questions[2].type]: `type` must be one of single, multiple, truefalse, ordering, scenario" in joined


def test_duplicate_yaml_key():
    _, problems = problems_of("id: x\nid: y\ntitle: {en: T, ru: Т}\nquestions:" + GOOD_Q)
    assert problems == ["quizzes/x.yml, line 2 [id]: field `id` is written twice in the same mapping: keep one"]


def test_bank_reports_all_files_and_cross_file_duplicates(tmp_path: Path):
    d = tmp_path / "quizzes"
    d.mkdir()
    (d / "a.yml").write_text(quiz_with(GOOD_Q), encoding="utf-8")
    (d / "b.yml").write_text(quiz_with(GOOD_Q), encoding="utf-8")                        # same quiz id
    (d / "c.yml").write_text(quiz_with(GOOD_Q, "id: c\ntitle: {en: T, ru: Т}\n"), encoding="utf-8")  # same question id
    (d / "d.yml").write_text("", encoding="utf-8")
    (d / "e.yml").write_text("id: [\n", encoding="utf-8")
    bank = load_bank(d, LANGS, tmp_path)
    text = [str(p) for p in bank.problems]
    assert any(t.startswith("quizzes/b.yml, line 1 [id]: duplicate quiz id 'x': quizzes/a.yml already uses it") for t in text)
    assert any(t.startswith("quizzes/c.yml [questions.id]: duplicate question id 'q1': quiz 'x' already uses it") for t in text)
    assert any(t.startswith("quizzes/d.yml: the file is empty") for t in text)
    assert any(t.startswith("quizzes/e.yml, line 2: YAML syntax error") for t in text)
    assert list(bank.quizzes) == ["x"]


def test_draw_larger_than_pool():
    _, problems = problems_of(quiz_with(GOOD_Q, "id: x\ndraw: 5\ntitle: {en: T, ru: Т}\n"))
    assert "`draw: 5` asks for more questions than the quiz has (1)" in problems[0]


@pytest.mark.parametrize("text,expected", [
    ("<!-- quiz: a -->\n", [("a", 1)]),
    ("x\n```\n<!-- quiz: b -->\n```\n<!-- quiz: c -->\n", [("c", 5)]),
    ("~~~md\n<!-- quiz: b -->\n~~~\n", []),
    ("Write `<!-- quiz: b -->` to place a quiz.\n", []),
    ("````\n```\n<!-- quiz: b -->\n```\n````\n<!--quiz:d-->", [("d", 6)]),
])
def test_markers_outside_code_only(text, expected):
    assert find_markers(text) == expected
