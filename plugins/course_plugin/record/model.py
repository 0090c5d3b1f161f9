"""The record form's data model (``forms/record.yml``), validated with pydantic.

Structure (ids, types, options) is written once; every text is a ``Text`` (``texts.py``), as in quizzes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, model_validator

from ..quiz.model import Id, Strict
from ..texts import Text, check_languages

FieldType = Literal["text", "textarea", "date", "choice", "gate"]
GATE_OPTIONS = ("yes", "no")   # a gate is a yes/no question; "no" stops the form


class Choice(Strict):
    id: Id
    text: Text


class FormField(Strict):
    id: Id
    type: FieldType
    label: Text
    hint: Text | None = None
    options: list[Choice] | None = None
    stop: Text | None = None
    rows: int = Field(default=4, ge=2, le=20)

    @model_validator(mode="after")
    def _fits_type(self):
        if self.type == "choice" and not self.options:
            raise ValueError(f"field {self.id!r} is a choice: give it `options` (a list of {{id, text}})")
        if self.type != "choice" and self.options:
            raise ValueError(f"field {self.id!r} has `options` but is of type {self.type}: "
                             "use `type: choice` or remove `options`")
        if self.type == "gate" and self.stop is None:
            raise ValueError(f"gate {self.id!r} needs `stop`: what to do first when the answer is no")
        if self.type != "gate" and self.stop is not None:
            raise ValueError(f"field {self.id!r} has `stop` but only a `type: gate` field stops the form")
        return self

    def option_ids(self) -> list[str]:
        if self.type == "gate":
            return list(GATE_OPTIONS)
        return [o.id for o in self.options or []]


class Section(Strict):
    id: Id
    title: Text
    note: Text | None = None
    fields: list[FormField] = Field(min_length=1)


class Practice(Strict):
    case: str = Field(pattern=r"^[\w./-]+\.md(#[\w-]+)?$",
                      description="The case's page inside a language folder, e.g. module-2/cases.md#case-c.")
    title: Text
    # a text per field, or a choice's option id; RecordForm checks each against its field
    model: dict[str, dict[str, str] | str]


class RecordForm(Strict):
    version: int = Field(ge=1, description="The form's version, sent in the sealed payload.")
    sections: list[Section] = Field(min_length=1)
    practice: Practice | None = None

    @model_validator(mode="after")
    def _ids_and_model(self, info: ValidationInfo):
        seen: set[str] = set()
        for section in self.sections:
            for f in section.fields:
                if f.id in seen:
                    raise ValueError(f"field id {f.id!r} is used twice: every field id must be unique")
                seen.add(f.id)
        if self.practice:
            fields = self.fields()
            for key, value in self.practice.model.items():
                f = fields.get(key)
                if f is None:
                    raise ValueError(f"practice.model names unknown field {key!r}: use one of the field ids")
                if f.type in ("choice", "gate"):
                    if value not in f.option_ids():
                        raise ValueError(f"practice.model.{key} must be one of {', '.join(f.option_ids())}")
                elif isinstance(value, str):
                    raise ValueError(f"practice.model.{key}: write one entry per language, e.g. `{{en: ..., ru: ...}}`")
                else:
                    check_languages(value, info)
        return self

    def fields(self) -> dict[str, FormField]:
        return {f.id: f for s in self.sections for f in s.fields}
