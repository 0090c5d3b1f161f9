"""UI strings: one YAML file per language in ``strings/``; English is the fallback."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

STRINGS_DIR = Path(__file__).parent / "strings"
FALLBACK = "en"


@lru_cache(maxsize=None)
def _load(language: str) -> dict[str, str]:
    path = STRINGS_DIR / f"{language}.yml"
    if not path.exists():
        return {}
    return yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def ui_strings(language: str) -> tuple[dict[str, str], list[str]]:
    """Strings for ``language`` with English filling the gaps, and the keys that were missing."""
    base = _load(FALLBACK)
    own = _load(language)
    missing = [key for key in base if key not in own]
    return {**base, **{k: v for k, v in own.items() if k in base}}, missing


def string_problems(languages: list[str]) -> list[str]:
    """One message per site language whose strings file is missing or lacks keys of English."""
    problems = []
    for language in languages:
        path = f"plugins/course_plugin/strings/{language}.yml"
        if language != FALLBACK and not (STRINGS_DIR / f"{language}.yml").exists():
            problems.append(f"{path} does not exist: copy strings/{FALLBACK}.yml there and translate every string")
            continue
        missing = ui_strings(language)[1]
        if missing:
            problems.append(f"{path} lacks {', '.join(missing)}: add them (the English text is in "
                            f"strings/{FALLBACK}.yml)")
    return problems
