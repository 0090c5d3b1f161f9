"""Find quiz markers (``<!-- quiz: QUIZ_ID -->``) in Markdown, outside code."""

from __future__ import annotations

import re

MARKER = re.compile(r"<!--\s*quiz:\s*(?P<id>[^\s>]*)\s*-->")
# a marker as it survives Markdown rendering (a raw HTML comment, not escaped text)
HTML_MARKER = MARKER
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+).+?\1")


def find_markers(markdown: str) -> list[tuple[str, int]]:
    """Return ``(quiz_id, line)`` for each marker outside fenced blocks and inline code."""
    found: list[tuple[str, int]] = []
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        m = FENCE.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark
                continue
            if mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
                continue
        if fence is not None or "<!--" not in line:
            continue
        for hit in MARKER.finditer(INLINE_CODE.sub("", line)):
            found.append((hit.group("id"), number))
    return found
