"""What a first visit to a page downloads, measured in headless Chromium.

A fresh browser context (empty cache) loads the page and waits for the network to be idle;
every response is recorded (documents, styles, scripts, fonts, images, fetch/XHR such as the
search index, and the scripts a web worker imports) and its body gzipped with Python's gzip at
level 6, the level web servers commonly use.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

import yaml

BUDGETS_FILE = Path(__file__).parent / "budgets.yml"
GZIP_LEVEL = 6


def budgets() -> dict:
    return yaml.safe_load(BUDGETS_FILE.read_text(encoding="utf-8"))


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


@dataclass
class Resource:
    url: str
    kind: str
    raw: int
    gzipped: int


def first_visit(browser, url: str, quiet_ms: int = 250, limit_ms: int = 10000) -> list[Resource]:
    """Load ``url`` in a fresh context and return every response it caused, gzipped sizes.

    Waits for the load event, then until no request has been in flight for ``quiet_ms``
    (Playwright's "networkidle" waits a fixed 500 ms; this is as strict and faster)."""
    context = browser.new_context()   # empty cache and storage, as on a first visit
    responses, in_flight = [], set()
    context.on("request", lambda r: in_flight.add(r))
    context.on("requestfinished", lambda r: in_flight.discard(r))
    context.on("requestfailed", lambda r: in_flight.discard(r))
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        quiet = waited = 0
        while quiet < quiet_ms and waited < limit_ms:
            page.wait_for_timeout(50)
            waited += 50
            quiet = 0 if in_flight else quiet + 50
        out = []
        for r in responses:
            if 300 <= r.status < 400:
                continue
            body = r.body()
            out.append(Resource(r.url, r.request.resource_type, len(body), _gz_cached(r.url, body)))
        return out
    finally:
        context.close()


_GZ: dict[tuple[str, int], int] = {}


def _gz_cached(url: str, body: bytes) -> int:
    key = (url, len(body))
    if key not in _GZ:
        _GZ[key] = gz(body)
    return _GZ[key]


def heaviest(resources: list[Resource], base: str, n: int = 6) -> str:
    top = sorted(resources, key=lambda r: -r.gzipped)[:n]
    return ", ".join(f"{r.url.removeprefix(base) or '/'} {r.gzipped / 1024:.1f} KB ({r.kind})" for r in top)
