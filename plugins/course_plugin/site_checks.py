"""Checks over the source tree that are independent of MkDocs."""

from __future__ import annotations

from pathlib import Path


def pages_by_language(docs_dir: Path, languages: list[str]) -> dict[str, set[str]]:
    """Relative paths of the Markdown pages under ``docs_dir/<lang>/`` for each language."""
    out = {}
    for lang in languages:
        root = docs_dir / lang
        out[lang] = {p.relative_to(root).as_posix() for p in root.rglob("*.md")} if root.is_dir() else set()
    return out


def missing_translations(docs_dir: Path, languages: list[str]) -> list[str]:
    """One message per page that exists in some language folder but not in another."""
    pages = pages_by_language(docs_dir, languages)
    every = set().union(*pages.values()) if pages else set()
    problems = []
    for rel in sorted(every):
        have = [lang for lang in languages if rel in pages[lang]]
        for lang in languages:
            if rel not in pages[lang]:
                src = docs_dir / have[0] / rel
                problems.append(
                    f"{src.as_posix()} has no {lang!r} version: create {(docs_dir / lang / rel).as_posix()} "
                    f"(a page must exist in every language; English text must never appear under lang=\"{lang}\")"
                )
    return problems
