"""Shared fixtures: the real course built once, a local HTTP server, headless Chromium."""

from __future__ import annotations

import functools
import os
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from sitebuild import ROOT, build_site, make_site  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def course_site(tmp_path_factory) -> Path:
    """The real course, built with --strict into a temporary directory."""
    site = tmp_path_factory.mktemp("course") / "site"
    warnings = build_site(ROOT / "mkdocs.yml", site, strict=True)
    assert not warnings, warnings
    return site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """A small bilingual site with one quiz of every question type."""
    root = tmp_path_factory.mktemp("sample")
    build_site(make_site(root), root / "site")
    return root / "site"


class _Server:
    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def course_server(course_site):
    server = _Server(course_site)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def sample_server(sample_site):
    server = _Server(sample_site)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: install Debian's chromium package (see .ci/run)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (empty storage) and page; console errors are collected."""
    context = browser.new_context()
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


def wait_until(page, function: str, arg=None, timeout: float = 5000):
    """Poll ``function`` (JS, called with ``arg``) until it returns something truthy.

    Playwright's wait_for_function polls with eval() inside the page, which the site's CSP
    (no 'unsafe-eval') refuses; page.evaluate goes through the DevTools protocol instead."""
    import time
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            value = page.evaluate(function, arg)
        except Exception as error:   # the page is navigating (a quick exit, a reload): look again
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} ms waiting for: {function}")
        time.sleep(0.05)
