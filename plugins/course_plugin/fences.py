"""Fenced code blocks (``` or ~~~) in Markdown: which lines are outside them.

A fence opens with three or more backticks or tildes and closes with a line of the same
character at least as long; the fence lines themselves are code too. Where a fence may stand is
the caller's choice of pattern (the page scan and the marker search have always differed there).
"""

from __future__ import annotations

import re
from typing import Iterator

# A fence at any indentation: pymdownx.superfences also opens fences nested in list items.
ANY_INDENT = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A fence indented by at most three spaces, as plain CommonMark has it.
COMMONMARK = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def lines_outside_fences(markdown: str, fence_pattern: re.Pattern) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of each line of ``markdown`` outside fenced code blocks, whose
    fences ``fence_pattern`` (ANY_INDENT or COMMONMARK) matches."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        m = fence_pattern.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark
                continue
            if mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
                continue
        if fence is None:
            yield number, line
