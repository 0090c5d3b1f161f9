"""Load quiz YAML files and report every authoring mistake at once.

Each problem becomes a :class:`Problem` naming the file, the line (where the YAML gives one),
the field and what to do. Nothing here raises on bad input: callers decide how to report.
"""

from __future__ import annotations

import difflib
import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .markup import markup_problems
from .model import Quiz, Scenario


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        what = f" [{self.field}]" if self.field else ""
        return f"{where}{what}: {self.message}"


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
        node = yaml.compose(_as_bytes(text), Loader=_FastLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(name, f"YAML syntax error: {problem}; check indentation, colons and quotes "
                                    "(text containing ': ' or starting with a special character needs quotes)", line)]
    if node is None:
        return None, [Problem(name, "the file is empty: write a quiz (see quizzes/README.md) or delete the file")]
    data, plain = _construct(node)  # from the same node tree: the file is parsed once
    # a duplicate key shows as a shorter dict; the full check (with lines) runs only then
    problems = [] if plain else list(_duplicate_keys(node, name))
    problems += _duplicate_question_ids(node, name)
    problems += [Problem(name, message, line, where) for line, where, message in markup_problems(node, languages)]
    if not isinstance(data, dict):
        return None, [Problem(name, "a quiz file must be a mapping with `id`, `title` and `questions` at the top level",
                              node.start_mark.line + 1)]
    try:
        quiz = Quiz.model_validate(data, context={"languages": languages})
    except ValidationError as exc:
        problems.extend(_explain(err, node, name) for err in exc.errors(include_url=False))
        return None, problems
    if problems:
        return None, problems
    return quiz, []


# libyaml's parser when PyYAML has it (about ten times faster); it yields the same nodes and marks
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _as_bytes(text: str) -> str | bytes:
    """UTF-8 bytes: libyaml reads them about twice as fast as a ``str`` (same nodes, same line marks)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: let PyYAML report them
        return text


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _construct(node: yaml.Node) -> tuple[Any, bool]:
    """Python data from the node tree, as PyYAML's ``SafeConstructor`` builds it, and whether
    the document is plain: no mapping lost a duplicate key and every key is a string.

    Plain mappings, sequences and strings (nearly every node of a quiz) are built directly;
    any other node (numbers, booleans, merge keys, ...) goes to ``SafeConstructor``. A document
    whose aliases make it recursive goes to ``SafeConstructor`` whole."""
    state = _State(yaml.constructor.SafeConstructor())
    try:
        return _build(node, state), state.plain
    except _Recursive:
        return yaml.constructor.SafeConstructor().construct_document(node), False


class _Recursive(Exception):
    pass


class _State:
    def __init__(self, constructor: yaml.constructor.SafeConstructor):
        self.constructor = constructor
        self.active: set[int] = set()   # the mappings and sequences being built (recursion check)
        self.plain = True


def _build(node: yaml.Node, state: _State) -> Any:
    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    is_map = (tag == _MAP and isinstance(node, yaml.MappingNode)
              and not any(k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value))
    if not is_map and not (tag == _SEQ and isinstance(node, yaml.SequenceNode)):
        if isinstance(node, yaml.ScalarNode):
            return state.constructor.construct_object(node, deep=True)
        state.plain = False
        return state.constructor.construct_document(node)
    if id(node) in state.active:
        raise _Recursive
    state.active.add(id(node))
    try:
        if not is_map:
            return [_build(child, state) for child in node.value]
        out = {}
        for key, value in node.value:
            if not (key.tag == _STR and isinstance(key, yaml.ScalarNode)):
                state.plain = False
            key_data = _build(key, state)
            try:
                hash(key_data)
            except TypeError:  # as SafeConstructor: an unhashable key is a construction error
                return state.constructor.construct_document(node)
            out[key_data] = _build(value, state)
        if len(out) < len(node.value):
            state.plain = False
        return out
    finally:
        state.active.discard(id(node))


# -- error explanation -------------------------------------------------------------------------

_TAGS = {"single", "multiple", "truefalse", "ordering", "scenario"}


def _explain(err: dict[str, Any], root: yaml.Node, name: str) -> Problem:
    loc = [part for i, part in enumerate(err["loc"]) if not _is_union_tag(err["loc"], i)]
    line = _line_for(root, loc)
    kind = err["type"]
    last = loc[-1] if loc else None
    if kind == "missing":
        msg = f"required field `{last}` is missing: add it"
        if last in ("text", "title", "explanation"):
            msg += " with one entry per language, e.g. `{en: ..., ru: ...}`"
        loc_str = _dotted(loc)
    elif kind == "extra_forbidden":
        allowed = _allowed_fields(err["loc"], loc)
        guess = difflib.get_close_matches(str(last), allowed, n=1)
        hint = f"did you mean `{guess[0]}`? " if guess else ""
        msg = f"unknown field `{last}`: {hint}allowed here: {', '.join(allowed)}"
        loc_str = _dotted(loc)
    elif kind == "union_tag_invalid" or kind == "union_tag_not_found":
        msg = "`type` must be one of single, multiple, truefalse, ordering, scenario"
        loc_str = _dotted(loc + ["type"])
    elif kind == "string_pattern_mismatch":
        msg = f"{err['input']!r} is not a valid id: use lower-case letters, digits and hyphens (e.g. `lawyer-48h`)"
        loc_str = _dotted(loc)
    elif kind == "value_error":
        msg = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
        loc_str = _dotted(loc)
    else:
        advice = {"bool_parsing": "write `true` or `false`", "bool_type": "write `true` or `false`",
                  "int_parsing": "write a whole number", "int_type": "write a whole number",
                  "string_type": "write text (in quotes if it starts with a special character)",
                  "dict_type": "write one entry per language, e.g. `{en: ..., ru: ...}`",
                  "list_type": "write a list, one item per line starting with `- `"}.get(kind, "")
        msg = f"{err['msg'].rstrip('.')} (got {_short(err.get('input'))})" + (f": {advice}" if advice else "")
        loc_str = _dotted(loc)
    return Problem(name, msg, line, loc_str or None)


def _is_union_tag(loc: tuple, i: int) -> bool:
    # pydantic puts the discriminator value in the location of a tagged-union member
    return isinstance(loc[i], str) and loc[i] in _TAGS and i > 0 and isinstance(loc[i - 1], int)


def _allowed_fields(raw_loc: tuple, loc: list) -> list[str]:
    model: type[BaseModel] | None = Quiz
    from . import model as m

    by_tag = {"single": m.SingleQuestion, "multiple": m.MultipleQuestion, "truefalse": m.TrueFalseQuestion,
              "ordering": m.OrderingQuestion, "scenario": m.Scenario}
    parts = list(raw_loc[:-1])
    owner = None
    for part in parts:
        if isinstance(part, str) and part in by_tag:
            owner = by_tag[part]
        elif part == "options" and owner is not None:
            owner = m.OrderStep if owner is m.OrderingQuestion else m.Option
    model = owner or model
    return sorted(model.model_fields)


def _line_for(node: yaml.Node, loc: list) -> int | None:
    """1-based line of the deepest YAML node that the error location reaches."""
    current, line = node, node.start_mark.line
    for part in loc:
        nxt = None
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if key.value == str(part):
                    nxt, line = value, key.start_mark.line  # the key's line reads best
                    break
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int) and part < len(current.value):
            nxt = current.value[part]
            line = nxt.start_mark.line
        if nxt is None:
            break
        current = nxt
    return line + 1


def _duplicate_keys(node: yaml.Node, name: str, path: str = ""):
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                yield Problem(name, f"field `{key.value}` is written twice in the same mapping: keep one",
                              key.start_mark.line + 1, (path + "." + key.value).lstrip("."))
            seen.add(key.value)
            yield from _duplicate_keys(value, name, (path + "." + str(key.value)).lstrip("."))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, name, f"{path}[{i}]")


def _duplicate_question_ids(root: yaml.Node, name: str):
    """Question and scenario ids must be unique within a quiz (checked on the raw YAML)."""
    seen: dict[str, int] = {}

    def walk(seq: yaml.Node, path: str):
        if not isinstance(seq, yaml.SequenceNode):
            return
        for i, item in enumerate(seq.value):
            if not isinstance(item, yaml.MappingNode):
                continue
            fields = {k.value: v for k, v in item.value}
            ident = fields.get("id")
            if isinstance(ident, yaml.ScalarNode):
                line = ident.start_mark.line + 1
                if ident.value in seen:
                    yield Problem(name, f"duplicate question id {ident.value!r} (first used on line {seen[ident.value]}): "
                                        "every question id must be unique", line, f"{path}[{i}].id")
                else:
                    seen[ident.value] = line
            if "questions" in fields:
                yield from walk(fields["questions"], f"{path}[{i}].questions")

    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "questions":
                yield from walk(value, "questions")


def _dotted(loc: list) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
