"""A small bilingual site with the Module II record form and a test organisation's key."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitebuild import MINI_CONFIG, ROOT, build_site, make_site

from course_plugin.safety import DEFAULT_EXIT_URLS  # noqa: E402

EXIT = DEFAULT_EXIT_URLS["en"]   # the test sites set no exit_url of their own
RECORD_PAGES = {
    "en/index.md": "# Home\n\nHello.\n",
    "ru/index.md": "# Главная\n\nПривет.\n",
    "en/module-2/cases.md": "# Cases\n\n## Case C {#case-c}\n\nK-07.\n",
    "ru/module-2/cases.md": "# Случаи\n\n## Случай В {#case-c}\n\nК-07.\n",
    "en/module-2/record.md": "# Record a case\n\nIntro.\n\n<!-- course: record-form -->\n",
    "ru/module-2/record.md": "# Записать случай\n\nВступление.\n\n<!-- course: record-form -->\n",
}


def record_config(recipients_yaml: str) -> str:
    """MINI_CONFIG with the course plugin's record_recipients set (YAML flow text)."""
    return MINI_CONFIG.replace("  - course\n", f"  - course:\n      record_recipients: {recipients_yaml}\n")


def make_record_site(tmp: Path, recipients_yaml: str) -> Path:
    config = make_site(tmp, pages=RECORD_PAGES, quizzes={}, config=record_config(recipients_yaml))
    (tmp / "forms").mkdir(exist_ok=True)
    shutil.copy(ROOT / "forms" / "record.yml", tmp / "forms" / "record.yml")
    return config


def build_record_site(tmp: Path, recipients_yaml: str) -> Path:
    build_site(make_record_site(tmp, recipients_yaml), tmp / "site")
    return tmp / "site"
