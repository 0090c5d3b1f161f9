"""The ``reviewed: YYYY-MM`` front-matter date: when a page's facts were last checked.

Every page states it (plugin option ``require_reviewed``); it is shown at the end of the page in the
page's language. Month names live in strings/<lang>.yml (``reviewed_month_01`` ...), in the form
the phrase needs (Russian: prepositional, «в декабре»).
"""

from __future__ import annotations

import re

from pathlib import Path

from mkdocs.utils.meta import META_RE, YAML_RE, get_data

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
FIELD = "reviewed"


def check_reviewed(meta: dict, required: bool) -> tuple[str | None, str | None]:
    """``(value, problem)``: the YYYY-MM value, or what is wrong with it and what to do."""
    if FIELD not in meta:
        if not required:
            return None, None
        return None, (f"no `{FIELD}:` date in the front matter: add `---`, `{FIELD}: YYYY-MM` (the month the "
                      "page's facts were last checked) and `---` as the first lines of the file")
    value = meta[FIELD]
    text = value if isinstance(value, str) else str(value)
    if not isinstance(value, str) or not MONTH.fullmatch(text.strip()):
        return None, (f"`{FIELD}: {text}` is not a month: write `{FIELD}: YYYY-MM`, for example `{FIELD}: 2026-12` "
                      "(year and month only, month 01-12)")
    return text.strip(), None


def month_phrase(value: str, strings: dict[str, str], key: str) -> str:
    """``strings[key]`` with ``{month}`` and ``{year}`` filled from ``value`` (YYYY-MM)."""
    year, month = value.split("-")
    return strings[key].replace("{month}", strings[f"reviewed_month_{month}"]).replace("{year}", year)


def render_reviewed(value: str, strings: dict[str, str]) -> str:
    return (f'<p class="page-reviewed" data-reviewed="{value}">'
            f'<time datetime="{value}">{month_phrase(value, strings, "reviewed")}</time></p>')


def front_matter_lines(source: str) -> int:
    """How many lines of ``source`` MkDocs' YAML front matter (and the blank lines after it) takes (0 without it): the Markdown a
    plugin sees starts after them, so line numbers in messages add this."""
    m = YAML_RE.match(source)
    if not m:
        return 0
    end = m.end()
    while source.startswith("\n", end):   # MkDocs strips the blank lines after it too
        end += 1
    return source.count("\n", 0, end)


def missing_reviewed(files: list[Path], root: Path, required: bool) -> list[str]:
    """One message per page file (symlinks resolved, paths relative to ``root``) whose date is
    missing or malformed: the whole site is checked at once, not one language build at a time."""
    problems = []
    for path in sorted({p.resolve() for p in files}):
        try:
            if not required:   # then only a date that is there can be wrong: most pages have no front matter
                with open(path, encoding="utf-8") as handle:
                    first = handle.readline(4096).rstrip("\r\n")
                # get_data finds meta only after a first line `---` (YAML) or `key: value` (MultiMarkdown)
                if not (first.startswith("---") or META_RE.match(first)):
                    continue
            meta = get_data(path.read_text(encoding="utf-8"))[1]
        except (OSError, UnicodeDecodeError):
            continue   # MkDocs reports unreadable pages itself
        problem = check_reviewed(meta, required)[1]
        if problem:
            try:
                shown = path.relative_to(root.resolve()).as_posix()
            except ValueError:
                shown = path.as_posix()
            problems.append(f"{shown}: {problem}")
    return problems
