"""Load ``forms/record.yml`` and report every authoring mistake at once (file, line, field, what to do)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from ..quiz.problems import Problem, dotted, duplicate_keys, line_for, short
from ..quiz.yaml_nodes import FastLoader
from .model import RecordForm

ADVICE = {"string_type": "write text (in quotes if it starts with a special character)",
          "dict_type": "write one entry per language, e.g. `{en: ..., ru: ...}`",
          "list_type": "write a list, one item per line starting with `- `",
          "int_parsing": "write a whole number", "int_type": "write a whole number",
          "literal_error": "use one of: text, textarea, date, choice, gate"}


def load_form(path: Path, languages: list[str], name: str | None = None) -> tuple[RecordForm | None, list[Problem]]:
    name = name or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return None, [Problem(name, f"cannot read the record form ({exc.strerror or exc}); "
                                    "create it (see forms/README.md) or set the course plugin's `record_form`")]
    except UnicodeDecodeError:
        return None, [Problem(name, "the file is not UTF-8 text: save it as UTF-8")]
    return parse_form(text, languages, name)


def parse_form(text: str, languages: list[str], name: str = "<record form>") -> tuple[RecordForm | None, list[Problem]]:
    try:
        node = yaml.compose(text.encode("utf-8", "surrogatepass"), Loader=FastLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(name, f"YAML syntax error: {getattr(exc, 'problem', None) or exc}; check indentation, "
                                    "colons and quotes", mark.line + 1 if mark else None)]
    if node is None:
        return None, [Problem(name, "the file is empty: write the form (see forms/README.md)")]
    problems = list(duplicate_keys(node, name))
    data = yaml.load(text, Loader=FastLoader)
    if not isinstance(data, dict):
        return None, [Problem(name, "the form must be a mapping with `version` and `sections`", 1)]
    try:
        form = RecordForm.model_validate(data, context={"languages": languages})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = list(err["loc"])
            kind, last = err["type"], (loc[-1] if loc else None)
            if kind == "missing":
                msg = f"required field `{last}` is missing: add it"
            elif kind == "extra_forbidden":
                msg = f"unknown field `{last}`: check the spelling (forms/README.md lists the fields)"
            elif kind == "string_pattern_mismatch":
                msg = f"{err['input']!r} is not valid here: ids use lower-case letters, digits and hyphens"
            elif kind == "value_error":
                msg = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
            else:
                advice = ADVICE.get(kind)
                msg = f"{err['msg'].rstrip('.')} (got {short(err.get('input'))})" + (f": {advice}" if advice else "")
            # a union (text or option id) reports once per member: keep the first
            loc = [p for p in loc if p not in ("str", "dict[str,str]")]
            problem = Problem(name, msg, line_for(node, loc), dotted(loc) or None)
            if problem not in problems:
                problems.append(problem)
        return None, problems
    if problems:
        return None, problems
    return form, []
