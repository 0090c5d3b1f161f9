"""The one Chromium the commands use: Debian's chromium (or CHROMIUM_PATH), never a download."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]


class ChromiumMissing(SystemExit):
    def __init__(self):
        super().__init__("error: Chromium not found: install Debian's chromium package "
                         "(sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome")


def find_chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise ChromiumMissing()


def launch(playwright, executable: str | None = None):
    """Headless Chromium through Playwright (``playwright`` is the object of sync_playwright())."""
    return playwright.chromium.launch(executable_path=executable or find_chromium(), headless=True, args=ARGS)
