"""Find quiz markers (``<!-- quiz: QUIZ_ID -->``, or the widget form ``<!-- course: quiz QUIZ_ID -->``)
in Markdown, outside code."""

from __future__ import annotations

import re
from typing import Iterator

from ..fences import COMMONMARK, lines_outside_fences

MARKER = re.compile(r"<!--\s*(?:quiz:|course:\s*quiz\s)\s*(?P<id>[^\s>]*)\s*-->")
# a marker as it survives Markdown rendering (a raw HTML comment, not escaped text)
HTML_MARKER = MARKER
INLINE_CODE = re.compile(r"(`+).+?\1")


def code_free_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of each line holding an HTML comment outside fenced blocks, with
    its inline code removed: where markers count (quizzes and widgets alike)."""
    for number, line in lines_outside_fences(markdown, COMMONMARK):
        if "<!--" in line:
            yield number, INLINE_CODE.sub("", line)


def find_markers(markdown: str) -> list[tuple[str, int]]:
    """Return ``(quiz_id, line)`` for each marker outside fenced blocks and inline code."""
    return [(hit.group("id"), number) for number, line in code_free_lines(markdown) for hit in MARKER.finditer(line)]
