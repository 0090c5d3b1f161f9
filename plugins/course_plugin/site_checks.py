"""Checks over the source tree that are independent of MkDocs."""

from __future__ import annotations

import os
from pathlib import Path


def pages_by_language(docs_dir: Path, languages: list[str]) -> dict[str, set[str]]:
    """Relative paths of the Markdown pages under ``docs_dir/<lang>/`` for each language."""
    out = {}
    for lang in languages:
        root = docs_dir / lang
        out[lang] = {p.relative_to(root).as_posix() for p in markdown_files(root)}
    return out


def markdown_files(root: Path) -> list[Path]:
    """Every ``*.md`` under ``root``, following symlinked folders (the guidebook joins that way)."""
    found = []
    for folder, _dirs, names in os.walk(root, followlinks=True):
        found += [Path(folder) / n for n in names if n.endswith(".md")]
    return sorted(found)


def missing_translations(docs_dir: Path, languages: list[str], root: Path | None = None) -> list[str]:
    """One message per page that exists in some language folder but not in another.

    Paths in messages are relative to ``root`` (the folder of mkdocs.yml) when given."""
    pages = pages_by_language(docs_dir, languages)
    every = set().union(*pages.values()) if pages else set()
    problems = []
    for rel in sorted(every):
        have = [lang for lang in languages if rel in pages[lang]]
        for lang in languages:
            if rel not in pages[lang]:
                src, dst = _show(docs_dir / have[0] / rel, root), _show(docs_dir / lang / rel, root)
                problems.append(
                    f"{src} has no {lang!r} version: create {dst} "
                    f"(a page must exist in every language; English text must never appear under lang=\"{lang}\")"
                )
    return problems


def _show(path: Path, root: Path | None) -> str:
    try:
        return path.relative_to(root).as_posix() if root else path.as_posix()
    except ValueError:
        return path.as_posix()
