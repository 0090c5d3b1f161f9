"""Texts in every site language: a ``{language: text}`` mapping, as quizzes and the record form
write each human-readable text, so that the translations of one item cannot drift apart.

The languages a text must carry come in the validation context (``{"languages": [...]}``); a
model field typed ``Text`` (or ``Text | None``) is checked wherever it is used.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo


def check_languages(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    """``value`` if it has a non-empty entry for each site language and no other language."""
    languages = (info.context or {}).get("languages") or []
    missing = [lang for lang in languages if not (value.get(lang) or "").strip()]
    if missing:
        raise ValueError(
            "missing translation: add text for "
            + ", ".join(f"`{lang}:`" for lang in missing)
            + " beside the other language(s)"
        )
    unknown = [lang for lang in value if languages and lang not in languages]
    if unknown:
        raise ValueError(
            f"unknown language {', '.join(unknown)}: the site's languages are {', '.join(languages)}"
        )
    return value


Text = Annotated[
    dict[str, str],
    AfterValidator(check_languages),
    Field(description="Markdown text, one entry per site language, e.g. {en: ..., ru: ...}."),
]
