"""The rule for quiz texts: Markdown only, no raw HTML and nothing that runs.

Checked on the YAML, so `quizzes.py check` reports each case with file, line and field; the
build checks the rendered HTML again (integrity.py), which also catches what only rendering shows.
"""

from __future__ import annotations

import html
import re

import yaml

# Markdown's own uses of "<": an autolink and an e-mail autolink are not raw HTML
AUTOLINK = re.compile(r"<(?:(?:https?|ftp)://|mailto:)[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>", re.I)
# what Markdown passes through as raw HTML: a tag, an end tag, a comment, <!...> or <?...>
RAW_HTML = re.compile(r"<(?:/?[A-Za-z]|!|\?)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
ATTR_LIST_HANDLER = re.compile(r"\{[^{}]*?(?<![\w-])on[a-z]+\s*=", re.I)
SCRIPT_URL = re.compile(r"(?:java|vb)script:", re.I)
URL_IGNORED = re.compile(r"[\x00-\x20]")


def text_problem(text: str) -> tuple[int, str] | None:
    """``(offset, message)`` for the first thing a quiz text may not hold, or None."""
    if "<" not in text and "{" not in text and "&" not in text and "script" not in text.lower():
        return None   # nearly every text: none of the checks below can match
    blanked = CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text) if "`" in text else text
    if "<" in blanked:
        blanked = AUTOLINK.sub(lambda m: " " * len(m.group(0)), blanked)   # code and autolinks are no HTML
        m = RAW_HTML.search(blanked)
        if m:
            snippet = text[m.start():m.start() + 30].split(">")[0] + ">"
            return m.start(), (f"raw HTML `{snippet}` in a quiz text: quiz texts are Markdown only; use Markdown "
                               "for emphasis, links and lists, and write a literal < as `&lt;` or inside `code`")
    m = ATTR_LIST_HANDLER.search(blanked) if "{" in blanked else None
    if m:
        return m.start(), ("an event-handler attribute (`{: on...=}`) in a quiz text: quiz texts may not contain "
                           "scripts; remove it")
    if SCRIPT_URL.search(URL_IGNORED.sub("", html.unescape(blanked))):
        m = re.search(r"(?i)script|&", blanked)
        return (m.start() if m else 0), "a javascript: URL in a quiz text: link to a page or a web address instead"
    return None


def markup_problems(node: yaml.Node, languages: list[str], path: str = ""):
    """``(line, field, message)`` for every quiz text (a mapping of languages to text) that breaks the rule."""
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        is_text = bool(keys) and len(keys) == len(node.value) and set(keys) <= set(languages)
        for key, value in node.value:
            where = f"{path}.{key.value}" if path else str(key.value)
            if is_text and isinstance(value, yaml.ScalarNode) and isinstance(value.value, str):
                found = text_problem(value.value)
                if found:
                    offset, message = found
                    line = value.start_mark.line + 1
                    if value.style in ("|", ">"):   # block scalars: the text starts on the next line
                        line += 1 + value.value.count("\n", 0, offset)
                    yield line, where, message
            else:
                yield from markup_problems(value, languages, where)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from markup_problems(item, languages, f"{path}[{i}]")
