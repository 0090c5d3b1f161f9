"""Find quiz markers (``<!-- quiz: QUIZ_ID -->``, or the widget form ``<!-- course: quiz QUIZ_ID -->``)
in Markdown, outside code."""

from __future__ import annotations

import re
from typing import Iterator

MARKER = re.compile(r"<!--\s*(?:quiz:|course:\s*quiz\s)\s*(?P<id>[^\s>]*)\s*-->")
# a marker as it survives Markdown rendering (a raw HTML comment, not escaped text)
HTML_MARKER = MARKER
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+).+?\1")


def code_free_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of each line holding an HTML comment outside fenced blocks, with
    its inline code removed: where markers count (quizzes and widgets alike)."""
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
        yield number, INLINE_CODE.sub("", line)


def find_markers(markdown: str) -> list[tuple[str, int]]:
    """Return ``(quiz_id, line)`` for each marker outside fenced blocks and inline code."""
    return [(hit.group("id"), number) for number, line in code_free_lines(markdown) for hit in MARKER.finditer(line)]
