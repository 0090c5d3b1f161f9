"""The course's browser files as the site serves them: the sources without their comments.

The comments explain the code to its readers; a learner's phone on a slow network need not
download them (about a third of the gzipped weight of the scripts on a first visit, tests/budgets.yml).
Only what cannot change the code is removed: JavaScript lines that hold nothing but a ``//``
comment (outside template literals, which no course script starts a line inside of), CSS
``/* ... */`` comments, and blank lines. tests/test_assets_out.py checks with a real JavaScript
tokenizer that every served script has exactly the tokens of its source.
"""

from __future__ import annotations

import re

JS_COMMENT_LINE = re.compile(r"^[ \t]*//[^\n]*\n", re.M)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def served(name: str, data: bytes) -> bytes:
    """``data`` of the asset ``name`` as served (unchanged for anything but .js and .css)."""
    if name.endswith(".js"):
        text = JS_COMMENT_LINE.sub("", data.decode("utf-8"))
    elif name.endswith(".css"):
        text = CSS_COMMENT.sub("", data.decode("utf-8"))
    else:
        return data
    return BLANK_LINES.sub("", text).encode("utf-8")
