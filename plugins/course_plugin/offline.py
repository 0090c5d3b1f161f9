"""What the site needs to work when opened from disk (``file://``), as the offline copy is.

Two browser rules shape this (Chromium; Firefox is alike):

- a page opened from ``file://`` has an opaque origin, and module scripts are fetched in CORS
  mode, so ``<script type="module">`` is refused there: every course script is loaded as a
  classic deferred script instead (the scripts are written to work both ways);
- ``new Worker()`` is refused from ``file://``, and Material's search runs in a worker. Material's
  ``offline`` plugin inlines the search index as a script and fixes that with the iframe-worker
  shim fetched from unpkg.com; we never load anything from another host, so the shim is our own
  small one (``assets/offline/``), loaded from the site.
"""

from __future__ import annotations

import re

SCRIPTS_DIR = "assets/course/"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")
SRC = re.compile(r'\ssrc="([^"]*)"')
# what Material's offline plugin adds to config.extra["polyfills"]
UNPKG_WORKER = "unpkg.com/iframe-worker"
WORKER_SHIM = "assets/course/offline/frame-worker.js"


def classic_scripts(html: str) -> str:
    """Load every course script (``assets/course/*.js``, whoever added it) as a classic deferred
    script: same order and timing as a module, and it runs from ``file://``."""
    def fix(m: re.Match) -> str:
        attrs = m.group(1)
        src = SRC.search(attrs)
        if 'type="module"' not in attrs or not src or SCRIPTS_DIR not in src.group(1):
            return m.group(0)
        return f'<script defer src="{src.group(1)}">'

    return SCRIPT_TAG.sub(fix, html)


def local_worker_shim(polyfills: list) -> list:
    """Material's polyfill list with unpkg's iframe-worker replaced by the site's own shim."""
    kept = [p for p in polyfills if UNPKG_WORKER not in str(p)]
    if WORKER_SHIM not in [str(p) for p in kept]:
        kept.append(WORKER_SHIM)
    return kept
