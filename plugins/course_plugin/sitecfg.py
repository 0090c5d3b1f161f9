"""Read the few settings the command-line scripts need from mkdocs.yml, without building."""

from __future__ import annotations

from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    """Safe loader that tolerates MkDocs' !ENV and !!python tags (their values are not needed)."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_settings(mkdocs_yml: Path) -> dict:
    data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader) or {}
    languages, course = [], {}
    for entry in data.get("plugins") or []:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name == "i18n":
            langs = (options or {}).get("languages") or []
            default = [x["locale"] for x in langs if x.get("default")]
            languages = default + [x["locale"] for x in langs if not x.get("default") and x.get("build", True)]
        elif name == "course":
            course = options or {}
    if not languages:
        languages = [(data.get("theme") or {}).get("language", "en")]
    return {"languages": languages, "docs_dir": data.get("docs_dir", "docs"),
            "quizzes_dir": course.get("quizzes_dir", "quizzes"),
            "site_url": data.get("site_url") or None,
            # trainer-issued certificates (scripts/certificates.py): accepted public keys, withdrawn ids
            "certificate_keys": _string_list(course.get("certificate_keys")),
            "certificate_revoked": _string_list(course.get("certificate_revoked")),
            "raw": data}


def _string_list(value) -> list[str]:
    """A YAML list option as a list of strings (absent or empty: []; a lone string: [it])."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        value = [value]
    return [str(item).strip() for item in value if item is not None and str(item).strip()]
