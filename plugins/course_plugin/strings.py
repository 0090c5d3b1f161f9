"""UI strings: one YAML file per language in ``strings/``; English is the fallback.

A site may keep its own ``<lang>.yml`` files in the folder named by the course option
``strings_dir`` (relative to mkdocs.yml): a file there is used instead of the packaged one, so a
site can add a language without touching the package (README "How to add a language").
"""

from __future__ import annotations

from pathlib import Path

import yaml

STRINGS_DIR = Path(__file__).parent / "strings"
FALLBACK = "en"


def strings_file(language: str, site_dir: Path | None = None) -> Path:
    """The file ``language``'s strings come from: the site's own, else the packaged one."""
    if site_dir is not None and (Path(site_dir) / f"{language}.yml").exists():
        return Path(site_dir) / f"{language}.yml"
    return STRINGS_DIR / f"{language}.yml"


# strings file -> (its modification time and size, strings): read again when the file changes, so
# `mkdocs serve` shows an edited string on its next rebuild
_CACHE: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}


def _load(language: str, site_dir: Path | None = None) -> dict[str, str]:
    path = strings_file(language, site_dir)
    try:
        stat = path.stat()
    except FileNotFoundError:
        _CACHE.pop(str(path), None)
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(str(path))
    if cached is None or cached[0] != stamp:
        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        cached = _CACHE[str(path)] = (stamp, data)
    return cached[1]


def ui_strings(language: str, site_dir: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """Strings for ``language`` with English filling the gaps, and the keys that were missing."""
    base = _load(FALLBACK)
    own = _load(language, site_dir)
    missing = [key for key in base if key not in own]
    return {**base, **{k: v for k, v in own.items() if k in base}}, missing


def string_problems(languages: list[str], site_dir: Path | None = None) -> list[str]:
    """One message per site language whose strings file is missing or lacks keys of English."""
    problems = []
    for language in languages:
        path = f"plugins/course_plugin/strings/{language}.yml"
        if site_dir is not None and (Path(site_dir) / f"{language}.yml").exists():
            path = (Path(site_dir) / f"{language}.yml").as_posix()
        if language != FALLBACK and not strings_file(language, site_dir).exists():
            problems.append(f"{path} does not exist: copy strings/{FALLBACK}.yml there and translate every string")
            continue
        missing = ui_strings(language, site_dir)[1]
        if missing:
            problems.append(f"{path} lacks {', '.join(missing)}: add them (the English text is in "
                            f"strings/{FALLBACK}.yml)")
    return problems
