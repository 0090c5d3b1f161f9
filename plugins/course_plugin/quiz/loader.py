"""Load quiz YAML files and report every authoring mistake at once.

Each problem becomes a :class:`Problem` (problems.py) naming the file, the line (where the YAML
gives one), the field and what to do; the YAML is parsed once into nodes and data (yaml_nodes.py).
Nothing here raises on bad input: callers decide how to report.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from .markup import markup_problems
from .model import Quiz
from .problems import Problem, duplicate_keys, duplicate_question_ids, explain
from .yaml_nodes import compose, construct

__all__ = ["Problem", "QuizBank", "load_bank", "load_quiz_file", "parse_quiz"]


@dataclass
class QuizBank:
    """Every valid quiz by id, where it came from, and the problems found."""

    quizzes: dict[str, Quiz] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_bank(quiz_dir: Path, languages: list[str], root: Path | None = None) -> QuizBank:
    """Load and validate every ``*.yml`` / ``*.yaml`` file in ``quiz_dir``."""
    # The bank is many small long-lived objects: while it grows, the cyclic garbage collector
    # scans it again and again (40 % of the loading time for 1000 quizzes). It is paused for the
    # load only; any reference cycle made meanwhile is collected once it runs again.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_bank(quiz_dir, languages, root)
    finally:
        if paused:
            gc.enable()


def _load_bank(quiz_dir: Path, languages: list[str], root: Path | None) -> QuizBank:
    bank = QuizBank()
    root = root or quiz_dir.parent
    files = sorted([*quiz_dir.glob("*.yml"), *quiz_dir.glob("*.yaml")])
    question_owner: dict[str, str] = {}
    for path in files:
        name = _display(path, root)
        quiz, problems = load_quiz_file(path, languages, name)
        bank.problems.extend(problems)
        if quiz is None:
            continue
        if quiz.id in bank.quizzes:
            bank.problems.append(Problem(name, f"duplicate quiz id {quiz.id!r}: {bank.sources[quiz.id]} "
                                               "already uses it; give this quiz another `id`", 1, "id"))
            continue
        clash = False
        for q in quiz.all_questions():
            other = question_owner.get(q.id)
            if other is not None:
                clash = True
                bank.problems.append(Problem(name, f"duplicate question id {q.id!r}: quiz {other!r} already uses it; "
                                                   "question ids must be unique across all quizzes (for example, prefix "
                                                   "them with the quiz id)", None, "questions.id"))
        if clash:
            continue
        for q in quiz.all_questions():
            question_owner[q.id] = quiz.id
        bank.quizzes[quiz.id] = quiz
        bank.sources[quiz.id] = name
    return bank


def load_quiz_file(path: Path, languages: list[str], name: str | None = None) -> tuple[Quiz | None, list[Problem]]:
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, f"cannot read the file ({exc}); save it as UTF-8 text")]
    return parse_quiz(text, languages, name)


def parse_quiz(text: str, languages: list[str], name: str = "<quiz>") -> tuple[Quiz | None, list[Problem]]:
    try:
        node = compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(name, f"YAML syntax error: {problem}; check indentation, colons and quotes "
                                    "(text containing ': ' or starting with a special character needs quotes)", line)]
    if node is None:
        return None, [Problem(name, "the file is empty: write a quiz (see quizzes/README.md) or delete the file")]
    data, plain = construct(node)  # from the same node tree: the file is parsed once
    # a duplicate key shows as a shorter dict; the full check (with lines) runs only then
    problems = [] if plain else list(duplicate_keys(node, name))
    problems += duplicate_question_ids(node, name)
    problems += [Problem(name, message, line, where) for line, where, message in markup_problems(node, languages)]
    if not isinstance(data, dict):
        return None, [Problem(name, "a quiz file must be a mapping with `id`, `title` and `questions` at the top level",
                              node.start_mark.line + 1)]
    try:
        quiz = Quiz.model_validate(data, context={"languages": languages})
    except ValidationError as exc:
        problems.extend(explain(err, node, name) for err in exc.errors(include_url=False))
        return None, problems
    if problems:
        return None, problems
    return quiz, []


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
