"""Problems found in a quiz file, each naming the file, the line, the field and what to do:
pydantic's validation errors explained, and the checks made on the YAML nodes themselves
(duplicate keys, duplicate question ids)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from .model import Quiz


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


# -- error explanation -------------------------------------------------------------------------

_TAGS = {"single", "multiple", "truefalse", "ordering", "scenario"}


def explain(err: dict[str, Any], root: yaml.Node, name: str) -> Problem:
    loc = [part for i, part in enumerate(err["loc"]) if not _is_union_tag(err["loc"], i)]
    line = line_for(root, loc)
    kind = err["type"]
    last = loc[-1] if loc else None
    if kind == "missing":
        msg = f"required field `{last}` is missing: add it"
        if last in ("text", "title", "explanation"):
            msg += " with one entry per language, e.g. `{en: ..., ru: ...}`"
        loc_str = dotted(loc)
    elif kind == "extra_forbidden":
        allowed = _allowed_fields(err["loc"], loc)
        guess = difflib.get_close_matches(str(last), allowed, n=1)
        hint = f"did you mean `{guess[0]}`? " if guess else ""
        msg = f"unknown field `{last}`: {hint}allowed here: {', '.join(allowed)}"
        loc_str = dotted(loc)
    elif kind == "union_tag_invalid" or kind == "union_tag_not_found":
        msg = "`type` must be one of single, multiple, truefalse, ordering, scenario"
        loc_str = dotted(loc + ["type"])
    elif kind == "string_pattern_mismatch":
        msg = f"{err['input']!r} is not a valid id: use lower-case letters, digits and hyphens (e.g. `lawyer-48h`)"
        loc_str = dotted(loc)
    elif kind == "value_error":
        msg = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
        loc_str = dotted(loc)
    else:
        advice = {"bool_parsing": "write `true` or `false`", "bool_type": "write `true` or `false`",
                  "int_parsing": "write a whole number", "int_type": "write a whole number",
                  "string_type": "write text (in quotes if it starts with a special character)",
                  "dict_type": "write one entry per language, e.g. `{en: ..., ru: ...}`",
                  "list_type": "write a list, one item per line starting with `- `"}.get(kind, "")
        msg = f"{err['msg'].rstrip('.')} (got {short(err.get('input'))})" + (f": {advice}" if advice else "")
        loc_str = dotted(loc)
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


def line_for(node: yaml.Node, loc: list) -> int | None:
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


def duplicate_keys(node: yaml.Node, name: str, path: str = ""):
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                yield Problem(name, f"field `{key.value}` is written twice in the same mapping: keep one",
                              key.start_mark.line + 1, (path + "." + key.value).lstrip("."))
            seen.add(key.value)
            yield from duplicate_keys(value, name, (path + "." + str(key.value)).lstrip("."))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from duplicate_keys(item, name, f"{path}[{i}]")


def duplicate_question_ids(root: yaml.Node, name: str):
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


def dotted(loc: list) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
