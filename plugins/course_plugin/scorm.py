"""SCORM 1.2 packages of the course, one per language (``scripts/scorm.py`` builds and zips them).

The package is the offline build of the site (``plugins/course_plugin/offline.py``) with the
plugin option ``scorm: true``: every page loads ``assets/course/scorm.js``, the guidebook is left
out (links to it become plain text) and the language switcher is removed (a package holds one
language). This module holds what is SCORM-specific and needs no MkDocs: which modules become
SCOs, their launch pages, the manifest and which built files go into which package.

Why a launch page per SCO instead of launching the module's first page directly: in SCORM 1.2 a
SCO's session is one ``LMSInitialize`` ... ``LMSFinish``, and the LMS refuses a second
``LMSInitialize`` after ``LMSFinish`` (the RTE forbids it; scorm-again and most LMSs enforce
it). The course is many pages, and every link loads a new document. The launch page stays loaded
for the whole session and shows the module's first page in a frame: it opens and closes the
session, and the course pages inside it talk to the same LMS API.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from .safety import add_security_meta

SCORM_JS = "assets/course/scorm.js"
CORE_JS = "assets/course/core.js"   # the browser core scorm.js reads progress with (plugin.CORE_JS)
SCORM_CSS = "assets/course/scorm.css"
NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MODULE_PAGE = re.compile(r"^module-(\d+)/")
GUIDEBOOK = "guidebook/"
# Built files no package uses (as in the offline copy) besides the other languages' pages.
SHARED_DIRS = ("assets/", "search/")

# links to the guidebook, left out of the package: the link text stays, the link goes
GUIDEBOOK_LINK = re.compile(r'<a\b[^>]*\bhref="(?:\.\./)*guidebook/[^"]*"[^>]*>(.*?)</a>', re.S)
# Material's language switcher in the header (one language per package)
SWITCHER = re.compile(r'<div class="md-header__option">\s*<div class="md-select">.*?</ul>\s*</div>\s*</div>\s*</div>',
                      re.S)


@dataclass(frozen=True)
class Sco:
    number: int          # the module's number (quiz ``module:``)
    title: str           # the module's title in the package's language (its nav section)
    launch_page: str     # the module's first page, as built (``module-1/index.html``)
    quiz_id: str         # the module's quiz, whose best result the LMS gets
    pass_mark: int

    @property
    def launch_file(self) -> str:
        return f"launch-module-{self.number}.html"

    @property
    def identifier(self) -> str:
        return f"sco-module-{self.number}"


def drop_guidebook(nav: list) -> list:
    """``nav`` of mkdocs.yml without the sections and pages under ``guidebook/``."""
    def keep(entry) -> bool:
        return GUIDEBOOK not in str(entry)
    out = []
    for entry in nav:
        if isinstance(entry, dict):
            title, value = next(iter(entry.items()))
            if isinstance(value, list):
                value = [e for e in value if keep(e)]
                if not value:
                    continue
            elif not keep(value):
                continue
            out.append({title: value})
        elif keep(entry):
            out.append(entry)
    return out


def module_scos(nav: list, quizzes: dict, translate: dict[str, str]) -> list[Sco]:
    """One SCO per module: a nav section whose first page is ``module-N/...`` and a quiz with
    ``module: N``. ``quizzes`` maps quiz id -> (module number or None, pass mark); ``translate``
    is the language's ``nav_translations``. Raises ValueError naming what is missing."""
    by_module = {module: (qid, mark) for qid, (module, mark) in quizzes.items() if module}
    scos = []
    for entry in nav:
        if not isinstance(entry, dict):
            continue
        title, value = next(iter(entry.items()))
        pages = [p if isinstance(p, str) else next(iter(p.values())) for p in value] if isinstance(value, list) else []
        first = pages[0] if pages and isinstance(pages[0], str) else ""
        m = MODULE_PAGE.match(first)
        if not m:
            continue
        number = int(m.group(1))
        if number not in by_module:
            raise ValueError(f"mkdocs.yml nav: section {title!r} is Module {number} but no quiz in quizzes/ has "
                             f"'module: {number}'; add one (each SCO reports its module quiz)")
        qid, mark = by_module[number]
        scos.append(Sco(number, translate.get(title, title), first[:-3] + ".html", qid, mark))
    if not scos:
        raise ValueError("mkdocs.yml nav: no section starts with a module-N/ page; nothing to package")
    return scos


def launch_page(sco: Sco, lang: str, prefix: str) -> str:
    """The SCO's launch page (see the module docstring): the module's first page in a frame.
    ``prefix`` is the language's folder in the built site (``""`` or ``"ru/"``)."""
    title = html.escape(sco.title)
    page = f"""<!doctype html>
<html lang="{lang}" data-scorm-launch data-scorm-quiz="{html.escape(sco.quiz_id)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<link rel="icon" href="assets/course/favicon.svg">
<link rel="stylesheet" href="{SCORM_CSS}">
<script src="{CORE_JS}"></script>
<script src="{SCORM_JS}"></script>
</head>
<body>
<iframe class="scorm-frame" src="{prefix}{sco.launch_page}" title="{title}"></iframe>
</body>
</html>
"""
    return add_security_meta(page)


def manifest(scos: list[Sco], files: list[str], lang: str, title: str) -> str:
    """imsmanifest.xml (SCORM 1.2 content packaging): one organisation, one item and SCO per
    module, each SCO depending on one asset resource that lists every other file."""
    ET.register_namespace("", NS_CP)
    ET.register_namespace("adlcp", NS_ADLCP)
    cp = lambda tag: f"{{{NS_CP}}}{tag}"  # noqa: E731
    root = ET.Element(cp("manifest"), {"identifier": f"pvwud-course-scorm12-{lang}", "version": "1.0"})
    meta = ET.SubElement(root, cp("metadata"))
    ET.SubElement(meta, cp("schema")).text = "ADL SCORM"
    ET.SubElement(meta, cp("schemaversion")).text = "1.2"
    orgs = ET.SubElement(root, cp("organizations"), {"default": "course"})
    org = ET.SubElement(orgs, cp("organization"), {"identifier": "course"})
    ET.SubElement(org, cp("title")).text = title
    for sco in scos:
        item = ET.SubElement(org, cp("item"), {"identifier": f"item-module-{sco.number}",
                                               "identifierref": sco.identifier, "isvisible": "true"})
        ET.SubElement(item, cp("title")).text = sco.title
        ET.SubElement(item, f"{{{NS_ADLCP}}}masteryscore").text = str(sco.pass_mark)
    resources = ET.SubElement(root, cp("resources"))
    launch = {sco.launch_file for sco in scos}
    for sco in scos:
        res = ET.SubElement(resources, cp("resource"), {"identifier": sco.identifier, "type": "webcontent",
                                                        f"{{{NS_ADLCP}}}scormtype": "sco", "href": sco.launch_file})
        ET.SubElement(res, cp("file"), {"href": sco.launch_file})
        ET.SubElement(res, cp("dependency"), {"identifierref": "course-files"})
    shared = ET.SubElement(resources, cp("resource"), {"identifier": "course-files", "type": "webcontent",
                                                       f"{{{NS_ADLCP}}}scormtype": "asset"})
    for name in files:
        if name not in launch:
            ET.SubElement(shared, cp("file"), {"href": name})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def in_package(rel: str, lang: str, default: str, languages: list[str]) -> bool:
    """Whether the built file ``rel`` belongs to the package of ``lang``: its own pages and the
    shared assets, never another language's pages."""
    if rel.startswith(SHARED_DIRS):
        return True
    others = [f"{x}/" for x in languages if x != default]
    if lang == default:
        return not rel.startswith(tuple(others))
    return rel.startswith(f"{lang}/")


def filter_search_index(text: str, lang: str, default: str, languages: list[str]) -> str:
    """The offline search index (``var __index = {...}``) with only the package's own pages."""
    import json

    head, sep, body = text.partition("=")
    data = json.loads(body.strip().rstrip(";"))
    data["docs"] = [d for d in data.get("docs", [])
                    if in_package(d.get("location", ""), lang, default, languages)]
    return head + sep + " " + json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def learner_page(html_text: str) -> str:
    """A built page of the package: no links to the guidebook, no language switcher."""
    html_text = GUIDEBOOK_LINK.sub(lambda m: m.group(1), html_text)
    return SWITCHER.sub("", html_text, count=1)
