"""Checks over the source tree that are independent of MkDocs."""

from __future__ import annotations

import os
import re
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


# An admonition or details opening line as mkdocs-static-i18n reads it (its plugin.py): a type,
# optional classes, an optional "title". Without a title, the type's name is shown as the title,
# translated through the language's admonition_translations.
ADMONITION = re.compile(r'^[ \t]*(?:!{3}|\?{3}\+?) ?(?P<type>[\w\-]+(?: +[\w\-]+)*)(?: +"(?P<title>.*?)")? *$', re.M)


def nav_titles(nav) -> list[str]:
    """Every title written in ``nav`` (sections and titled pages), in order, each once."""
    out: list[str] = []

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if title not in out:
                        out.append(str(title))
                    if isinstance(value, list):
                        walk(value)

    walk(nav)
    return out


def translation_problems(languages: list[dict], nav, docs_dir: Path, root: Path | None = None) -> list[str]:
    """What a non-default language lacks in the i18n settings: a ``nav_translations`` entry for
    each title of ``nav`` (unless the language has its own ``nav``), and an
    ``admonition_translations`` entry for each admonition type its pages use without a title.

    ``languages``: dicts with ``locale``, ``default``, ``nav``, ``nav_translations``,
    ``admonition_translations`` (the i18n plugin's language settings)."""
    problems = []
    titles = nav_titles(nav)
    for lang in languages:
        if lang["default"]:
            continue
        locale = lang["locale"]
        where = f"mkdocs.yml, plugins: i18n: languages: {locale}"
        if not lang.get("nav"):
            have = lang.get("nav_translations") or {}
            missing = [t for t in titles if not str(have.get(t) or "").strip()]
            if missing:
                problems.append(f"{where}: nav_translations lacks {', '.join(repr(t) for t in missing)}: "
                                f"add each with its {locale!r} title")
        have = {str(k).lower() for k, v in (lang.get("admonition_translations") or {}).items() if str(v or "").strip()}
        untranslated: dict[str, str] = {}
        for page in markdown_files(docs_dir / locale):
            text = page.read_text(encoding="utf-8")
            if "!!!" not in text and "???" not in text:
                continue
            for m in ADMONITION.finditer(text):
                kind = m.group("type").split()[0].lower()
                if m.group("title") is None and kind not in have and kind not in untranslated:
                    line = text.count("\n", 0, m.start()) + 1
                    untranslated[kind] = f"{_show(page, root)}, line {line}"
        for kind, first in untranslated.items():
            problems.append(f"{where}: admonition_translations lacks {kind!r} (an untitled `{kind}` admonition is "
                            f"on {first}): add `{kind}: <title in {locale}>` there, or give the admonition a title")
    return problems
