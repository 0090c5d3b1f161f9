"""The Moodle GIFT export read back with a real GIFT parser (gift-pegjs, tests/node): every
question of every quiz of the course, its type, its texts and its correct answers survive, in
both languages, and so does text full of GIFT's special characters."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from course_plugin.quiz.export import to_gift
from course_plugin.quiz.loader import load_bank, parse_quiz
from course_plugin.quiz.model import OrderingQuestion, Scenario, TrueFalseQuestion
from sitebuild import ROOT

PARSER = ROOT / "tests/node/gift_parse.js"
LANGS = ["en", "ru"]


def parse_gift(text: str) -> list[dict]:
    out = subprocess.run(["node", str(PARSER)], input=text, capture_output=True, text=True, timeout=60,
                         cwd=PARSER.parent)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def expected_stem(quiz, q, lang: str) -> str:
    for item in quiz.questions:
        if isinstance(item, Scenario) and q in item.questions:
            return f"{item.title[lang]}\n\n{item.text[lang]}\n\n{q.text[lang]}"
    return q.text[lang]


def check_round_trip(quizzes, parsed: list[dict], lang: str) -> int:
    """Compare the parsed GIFT with the bank; return the number of questions checked."""
    entries = iter(parsed)
    checked = 0
    for quiz in quizzes:
        category = next(entries)
        assert category == {"type": "Category", "title": f"$course$/{quiz.id}"}
        for q in quiz.all_questions():
            got = next(entries)
            where = f"{quiz.id}/{q.id} ({lang})"
            assert got["title"] == f"{quiz.id}/{q.id}", where
            assert got["stem"] == {"format": "markdown", "text": expected_stem(quiz, q, lang)}, where
            assert got["globalFeedback"]["text"] == q.explanation[lang], where
            if isinstance(q, TrueFalseQuestion):
                assert got["type"] == "TF" and got["isTrue"] is q.answer, where
            elif isinstance(q, OrderingQuestion):
                assert got["type"] == "Matching", where
                steps = [o.text[lang].replace("->", "\u2192") for o in q.options]
                assert [p["subquestion"]["text"] for p in got["matchPairs"]] == steps, where
                assert [p["subanswer"] for p in got["matchPairs"]] == [str(i) for i in range(1, len(steps) + 1)], where
            else:
                assert got["type"] == "MC", where
                choices = got["choices"]
                assert [c["text"]["text"] for c in choices] == [o.text[lang] for o in q.options], where
                assert [(c["feedback"] or {}).get("text") for c in choices] == \
                       [o.feedback[lang] if o.feedback else None for o in q.options], where
                if q.type == "single":
                    right = [c["text"]["text"] for c in choices if c["isCorrect"]]
                else:   # weighted: the correct options share +100 %, the wrong ones -100 %
                    right = [c["text"]["text"] for c in choices if (c["weight"] or 0) > 0]
                    assert sum(c["weight"] for c in choices if c["weight"] > 0) == pytest.approx(100), where
                assert right == [o.text[lang] for o in q.options if o.correct], where
            checked += 1
    assert next(entries, None) is None
    return checked


@pytest.mark.parametrize("lang", LANGS)
def test_course_gift_export_reads_back_whole(lang):
    bank = load_bank(ROOT / "quizzes", LANGS, ROOT)
    assert not bank.problems
    quizzes = [bank.quizzes[k] for k in sorted(bank.quizzes)]
    out = subprocess.run([sys.executable, str(ROOT / "scripts/quizzes.py"), "export", "--format", "gift",
                          "--lang", lang], capture_output=True, text=True, check=True)
    n = check_round_trip(quizzes, parse_gift(out.stdout), lang)
    assert n == sum(len(q.all_questions()) for q in quizzes) >= 50


# every text the export writes holds every GIFT special character (and "->", which splits a
# matching item and cannot be escaped)
NASTY = r'Case B: {a} ~b =c #d \e -> f'
SPECIAL_QUIZ = f"""
id: special
title: {{en: 'T', ru: 'Т'}}
questions:
  - id: sc
    type: scenario
    title: {{en: '{NASTY}', ru: '{NASTY}'}}
    text: {{en: '{NASTY}', ru: '{NASTY}'}}
    questions:
      - id: one
        type: single
        text: {{en: '{NASTY} 1', ru: '{NASTY} 1'}}
        explanation: {{en: '{NASTY} x', ru: '{NASTY} x'}}
        options:
          - {{id: a, text: {{en: '{NASTY} a', ru: '{NASTY} a'}}, feedback: {{en: '{NASTY} fa', ru: '{NASTY} fa'}}}}
          - {{id: b, correct: true, text: {{en: '{NASTY} b', ru: '{NASTY} b'}}}}
  - id: many
    type: multiple
    text: {{en: '{NASTY} 2', ru: '{NASTY} 2'}}
    explanation: {{en: '{NASTY} y', ru: '{NASTY} y'}}
    options:
      - {{id: a, correct: true, text: {{en: '{NASTY} a', ru: '{NASTY} a'}}}}
      - {{id: b, correct: true, text: {{en: '{NASTY} b', ru: '{NASTY} b'}}, feedback: {{en: '{NASTY} fb', ru: '{NASTY} fb'}}}}
      - {{id: c, text: {{en: '{NASTY} c', ru: '{NASTY} c'}}}}
  - id: tf
    type: truefalse
    answer: true
    text: {{en: "{NASTY} 3\\n\\nsecond paragraph", ru: '{NASTY} 3'}}
    explanation: {{en: '{NASTY} z', ru: '{NASTY} z'}}
  - id: steps
    type: ordering
    text: {{en: '{NASTY} 4', ru: '{NASTY} 4'}}
    explanation: {{en: '{NASTY} w', ru: '{NASTY} w'}}
    options:
      - {{id: one, text: {{en: '{NASTY} s1', ru: '{NASTY} s1'}}}}
      - {{id: two, text: {{en: '{NASTY} s2', ru: '{NASTY} s2'}}}}
"""


def test_every_gift_special_character_is_escaped_in_every_text():
    quiz, problems = parse_quiz(SPECIAL_QUIZ, LANGS)
    assert not problems, problems
    for lang in LANGS:
        assert check_round_trip([quiz], parse_gift(to_gift([quiz], lang)), lang) == 4
