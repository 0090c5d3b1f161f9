"""What content may put into a page: no script of its own.

The Content-Security-Policy (safety.add_security_meta) runs only the inline scripts the theme's
and the plugin's templates write. Content (Markdown pages, quiz texts, front matter) may hold
no ``<script>`` element, no event-handler attribute (``onclick=``...) and no ``javascript:`` URL:
each fails the build, named by file and line (or quiz file and field).

The scan reads the HTML the way a browser tokenises tags (quoted attribute values may hold
``>``; character references are decoded; script and style bodies are not markup), with regular
expressions: Python's html.parser takes some 50 ms on a built page, this a few.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from .fences import ANY_INDENT, lines_outside_fences

# a comment, an end tag, or a start tag with its attributes (quoted values may hold ">")
TAG = re.compile(r"<(?:!--.*?-->|/[a-zA-Z][^>]*>|([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>)", re.S)
ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*))?")
MAYBE_UNSAFE = re.compile(r"(?i)(?:^|[\s\"'/])on|[:&]")   # attributes worth parsing one by one
RAW_TEXT = {"script", "style", "textarea", "title"}       # their bodies are text, not tags
RAW_END = {name: re.compile(f"</{name}", re.I) for name in RAW_TEXT}
# attributes a browser follows as a URL (a javascript: URL there runs when followed or loaded)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
             "srcset", "ping", "longdesc", "usemap", "codebase", "manifest", "icon", "lowsrc", "dynsrc"}
# what a URL parser drops before reading the scheme: leading C0 controls and spaces, tabs and newlines anywhere
URL_IGNORED = re.compile(r"[\x00-\x20]")


@dataclass(frozen=True)
class Finding:
    kind: str      # "script", "handler" or "url"
    name: str      # the element (script) or the attribute
    raw: str       # the markup as written, to find it in the source
    offset: int    # where it starts in the scanned HTML

    def describe(self) -> str:
        if self.kind == "script":
            return ("a <script> element: content may not contain scripts (the site's Content-Security-Policy "
                    "runs only the theme's and the course plugin's); remove it")
        if self.kind == "handler":
            return (f"an event-handler attribute `{self.name}=`: content may not contain scripts "
                    "(the site's Content-Security-Policy blocks them); remove it")
        return f"a javascript: URL in `{self.name}=`: content may not contain scripts; link to a page or a web address"


# Cheap searches first (a built page has thousands of tags): only a page where one of them hits
# is tokenised. Each is a superset of what the tokeniser reports.
# on the page's UTF-8 bytes, ASCII lower-cased (str.lower() of a 100 KB page with Cyrillic costs
# more than every search here); preceded by a separator
HANDLER_CANDIDATE = re.compile(rb"on[a-z]+\s*=")
VALUE_CANDIDATE = re.compile(r"=\s*[\"']?[\x00-\x20]*[jJvV&]")   # a value that may start with javascript:
NAME_BEFORE = re.compile(r"([^\s\"'>/=]+)\s*$")


def _may_hold_findings(html: str, scripts: bool) -> bool:
    # a handler or a URL needs an attribute value, so "=": most quiz texts and labels have none
    if "=" not in html and not (scripts and "<script" in html.lower()):
        return False
    lower = html.encode("utf-8", "surrogatepass").lower()
    if scripts and b"<script" in lower:
        return True
    for m in HANDLER_CANDIDATE.finditer(lower):
        if m.start() == 0 or lower[m.start() - 1] in b" \t\n\r\f\"'/":
            return True
    for m in VALUE_CANDIDATE.finditer(html):
        name = NAME_BEFORE.search(html, max(0, m.start() - 20), m.start())
        if name and name.group(1).lower() in URL_ATTRS:
            return True
    return False


def scan(html: str, scripts: bool = True) -> list[Finding]:
    """Every script element (when ``scripts``), event-handler attribute and javascript: URL in ``html``."""
    found: list[Finding] = []
    if not _may_hold_findings(html, scripts):
        return found
    pos = 0
    while True:
        m = TAG.search(html, pos)
        if m is None:
            return found
        pos = m.end()
        name = m.group(1)
        if name is None:        # a comment or an end tag
            continue
        name = name.lower()
        attrs = m.group(2)
        if attrs and MAYBE_UNSAFE.search(attrs):
            found += _attributes(attrs, m.start(2))
        if name in RAW_TEXT:
            if name == "script" and scripts:
                found.append(Finding("script", "script", m.group(0), m.start()))
            end = RAW_END[name].search(html, pos)
            pos = len(html) if end is None else end.start()


def _attributes(attrs: str, offset: int) -> list[Finding]:
    out = []
    for a in ATTR.finditer(attrs):
        name = a.group(1).lower()
        if len(name) > 2 and name.startswith("on"):
            out.append(Finding("handler", name, a.group(0), offset + a.start()))
        elif name in URL_ATTRS and a.group(2):
            value = URL_IGNORED.sub("", html_lib.unescape(a.group(2).strip("\"'"))).lower()
            if value.startswith(("javascript:", "vbscript:")):
                out.append(Finding("url", name, a.group(0), offset + a.start()))
    return out


def source_line(source: str, finding: Finding) -> int | None:
    """The line of ``source`` (Markdown) that wrote ``finding``, skipping fenced code; None if not found."""
    if finding.kind == "script":
        needle = re.compile(r"(?i)<script\b")
    elif finding.kind == "handler":
        needle = re.compile(r"(?i)(?<![\w-])" + re.escape(finding.name) + r"\s*=")
    else:
        value = ATTR.fullmatch(finding.raw).group(2).strip("\"'")
        needle = re.compile(re.escape(value[:40]), re.I)
    return next((number for number, line in lines_outside_fences(source, ANY_INDENT) if needle.search(line)), None)


def page_problems(html: str, read_source, where: str) -> list[str]:
    """Messages for what the rendered Markdown of one page may not contain; ``where`` names its
    file, ``read_source()`` gives its Markdown (read only when something is found)."""
    out = []
    for f in scan(html):
        line = source_line(read_source(), f)
        out.append(f"{where}{f', line {line}' if line else ''}: {f.describe()}")
    return out


def quiz_problems(unsafe: list[tuple[str, Finding]], fields, language: str, where: str) -> list[str]:
    """Messages for what a quiz's texts rendered into; ``fields`` as quiz.model.text_fields gives them."""
    paths = {}
    for path, value in fields:
        paths.setdefault(value.get(language), f"{path}.{language}")
    return [f"{where} [{paths.get(text, '?')}]: {f.describe()}" for text, f in unsafe]
