"""The quiz data model, validated with pydantic.

Structure (ids, correct options, weights) is written once; every human-readable text is a
``Text`` (``texts.py``: one entry per site language, the languages given in the validation context).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from ..texts import Text

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, description="Lower-case letters, digits and hyphens.")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Option(Strict):
    id: Id
    text: Text
    correct: bool = False
    feedback: Text | None = None


class OrderStep(Strict):
    """A step of an ordering question; steps are listed in the correct order."""

    id: Id
    text: Text


class QuestionBase(Strict):
    id: Id
    text: Text
    explanation: Text
    hint: Text | None = None
    weight: Annotated[float, Field(gt=0)] = 1


class ChoiceQuestion(QuestionBase):
    options: list[Option] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_options(self):
        _require_unique([o.id for o in self.options], "option id")
        return self

    def correct_ids(self) -> list[str]:
        return [o.id for o in self.options if o.correct]


class SingleQuestion(ChoiceQuestion):
    type: Literal["single"]

    @model_validator(mode="after")
    def _one_correct(self):
        n = len(self.correct_ids())
        if n != 1:
            raise ValueError(
                f"a single-choice question needs exactly one option with `correct: true` (found {n}); "
                "mark one, or use `type: multiple`"
            )
        return self


class MultipleQuestion(ChoiceQuestion):
    type: Literal["multiple"]
    partial_credit: bool = False

    @model_validator(mode="after")
    def _some_correct(self):
        if not self.correct_ids():
            raise ValueError("no correct option: mark at least one option with `correct: true`")
        return self


class TrueFalseQuestion(QuestionBase):
    type: Literal["truefalse"]
    answer: bool
    feedback_true: Text | None = None
    feedback_false: Text | None = None

    def correct_ids(self) -> list[str]:
        return ["true" if self.answer else "false"]


class OrderingQuestion(QuestionBase):
    type: Literal["ordering"]
    partial_credit: bool = False
    options: list[OrderStep]

    @model_validator(mode="after")
    def _steps(self):
        if len(self.options) < 2:
            raise ValueError(
                f"an ordering question needs at least two steps (found {len(self.options)}): add steps under `options:`"
            )
        _require_unique([o.id for o in self.options], "step id")
        return self

    def correct_ids(self) -> list[str]:
        return [o.id for o in self.options]


Question = Annotated[
    Union[SingleQuestion, MultipleQuestion, TrueFalseQuestion, OrderingQuestion],
    Field(discriminator="type"),
]


class Scenario(Strict):
    """A case text shared by several questions."""

    id: Id
    type: Literal["scenario"]
    title: Text
    text: Text
    questions: list[Question] = Field(min_length=1)


Item = Annotated[
    Union[SingleQuestion, MultipleQuestion, TrueFalseQuestion, OrderingQuestion, Scenario],
    Field(discriminator="type"),
]


class Quiz(Strict):
    id: Id
    title: Text
    module: Annotated[int, Field(ge=1)] | None = None
    intro: Text | None = None
    pass_mark: Annotated[int, Field(ge=0, le=100)] = 70
    shuffle: bool = False
    draw: Annotated[int, Field(ge=1)] | None = None
    exam: bool = False
    attempts: Annotated[int, Field(ge=1)] | None = None
    questions: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_and_pool(self):
        # duplicate question ids are reported by the loader, with their lines, even when other fields fail
        n = len(self.all_questions())
        if self.draw is not None and self.draw > n:
            raise ValueError(f"`draw: {self.draw}` asks for more questions than the quiz has ({n})")
        return self

    def scenarios(self) -> list[Scenario]:
        return [item for item in self.questions if isinstance(item, Scenario)]

    def all_questions(self) -> list:
        """Every answerable question, scenario questions flattened in place."""
        out = []
        for item in self.questions:
            out.extend(item.questions if isinstance(item, Scenario) else [item])
        return out


def _require_unique(ids: list[str], what: str) -> None:
    seen, dup = set(), []
    for i in ids:
        if i in seen and i not in dup:
            dup.append(i)
        seen.add(i)
    if dup:
        raise ValueError(f"duplicate {what} {', '.join(repr(d) for d in dup)}: every {what} must be unique")


def text_fields(model: BaseModel, path: str = ""):
    """``(field path, {language: text})`` for every text of a quiz (or any part of one), in order;
    paths as the loader reports them, e.g. ``questions[2].options[0].text``."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            yield where, value
        elif isinstance(value, BaseModel):
            yield from text_fields(value, where)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from text_fields(item, f"{where}[{i}]")
