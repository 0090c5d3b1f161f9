"""Read the few settings the command-line scripts need from mkdocs.yml, without building."""

from __future__ import annotations

from pathlib import Path

from .site import load_yaml, plugin_options, site_from_data


def read_site_settings(mkdocs_yml: Path) -> dict:
    mkdocs_yml = Path(mkdocs_yml)
    data = load_yaml(mkdocs_yml)
    course = plugin_options(data, "course") or {}
    site = site_from_data(data, mkdocs_yml.parent)   # languages, site_url: site.py is their one reader
    return {"site": site, "languages": site.codes, "docs_dir": data.get("docs_dir", "docs"),
            "quizzes_dir": course.get("quizzes_dir", "quizzes"),
            "site_url": site.site_url,
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
