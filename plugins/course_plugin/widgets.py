"""The widget registry: every interactive block the plugin places in pages, in one table.

A widget is placed by one marker form, ``<!-- course: NAME [arg] -->`` (README "Widgets"), or, for
quizzes, by the public ``<!-- quiz: ID -->`` (``<!-- course: quiz ID -->`` is the same). Each entry
says which template draws it, which UI-string keys it reads, which course scripts and styles the
page then loads, and when it is drawn:

- ``content``: in ``on_page_content``, before search indexing, so its text is searchable;
- ``context``: in ``on_page_context``, once every page's quizzes are placed (progress, certificate);
- ``post``: quizzes only, placed in ``on_post_page`` so the search indexer never parses them.

The plugin (plugin.py) calls :func:`place` once per stage and :func:`check_markers` on the Markdown;
what a widget draws comes from its ``render(build, page, arg)``, where ``build`` is the plugin's
per-language state (``env``, ``language``, ``bank``...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from .certificate_pages import render_certificate, render_verify
from .progress import render_progress
from .quiz.markers import code_free_lines
from .quiz.render import script_json

ASSETS = "assets/course/"
QUIZ_JS, QUIZ_CSS = ASSETS + "quiz.js", ASSETS + "quiz.css"
DEADLINE_JS = ASSETS + "deadline.js"
CERTIFICATE_JS, CERTIFICATE_CSS = ASSETS + "certificate.js", ASSETS + "certificate.css"
VERIFY_JS = ASSETS + "verify.js"
HPKE_JS, RECORD_JS, RECORD_CSS = ASSETS + "hpke.js", ASSETS + "record.js", ASSETS + "record.css"
OFFLINE_JS = ASSETS + "offline-save.js"   # "Keep this course on this device"
SESSION_JS, SESSION_CSS = ASSETS + "session.js", ASSETS + "session.css"   # (resultcode.js first: plugin.SCRIPT_NEEDS)

# <!-- course: NAME --> or <!-- course: NAME ARG -->; NAME lower-case letters, digits and "-"
MARKER = re.compile(r"<!--\s*course:\s*(?P<name>[^\s>]*)(?:\s+(?P<arg>[^\s>]+))?\s*-->")
NAME = re.compile(r"[a-z][a-z0-9-]*\Z")


@dataclass(frozen=True)
class Widget:
    name: str                              # NAME of <!-- course: NAME -->
    stage: str                             # "content", "context" or "post" (see the module docstring)
    template: str | None                   # templates/<template> that draws it
    strings: tuple[str, ...]               # prefixes of the strings/<lang>.yml keys it reads
    scripts: tuple[str, ...] = ()          # course scripts the page then loads (after core.js), in order
    styles: tuple[str, ...] = ()
    render: Callable | None = None         # (build, page, arg) -> HTML
    arg: bool = False                      # takes an argument (<!-- course: NAME ARG -->)
    once: bool = False                     # only the first marker of a page is drawn (ids inside)
    legacy: tuple[str, ...] = ()           # older markers, still drawn as written (kept for existing pages)
    transform: Callable | None = None      # no marker: (html) -> html over every page of this stage


def _deadline(build, page, arg) -> str:
    """The ECtHR "last day to apply" helper."""
    strings = build._strings()
    wanted = {k: v for k, v in strings.items() if k.startswith("deadline_")}
    return build.env.get_template("deadline.html").render(s=strings, data=Markup(script_json({"s": wanted})))


def _progress(build, page, arg) -> str:
    nav = build._nav   # quizzes in the order of their pages in the navigation
    position = {p.file.src_uri: i for i, p in enumerate(nav.pages)} if nav else {}
    order = {qid: position.get(p.file.src_uri, len(position)) for qid, p in build.placements.items()}
    return render_progress(build.env, build.bank.quizzes, build._quiz_links(page), build.language, build._strings(),
                           order)


def _verify(build, page, arg) -> str:
    return render_verify(build.env, build.cert_keys, build.config.certificate_revoked, build._strings())


def _certificate(build, page, arg) -> str:
    strings = {lang: build._strings(lang) for lang in build.languages}
    return render_certificate(build.env, build.bank.quizzes, build._quiz_links(page), build.languages, strings,
                              build.language, build.site.names)


WIDGETS: dict[str, Widget] = {w.name: w for w in (
    # quizzes: markers checked in on_page_markdown, drawn by quiz/render.py (plugin.py places them)
    Widget("quiz", "post", "quiz.html", ("question_", "correct", "partial", "incorrect", "unanswered", "score",
                                          "passed", "not_passed", "attempts_", "no_attempts", "retry_", "moved"),
           (QUIZ_JS,), (QUIZ_CSS,), arg=True),
    Widget("progress", "context", "progress.html", ("progress_", "status_", "storage_", "erase_"),
           (QUIZ_JS,), (QUIZ_CSS,), _progress),                       # quiz.js fills the table
    Widget("verify", "context", "verify.html", ("verify_",), (VERIFY_JS,), (), _verify),
    Widget("certificate", "context", "certificate_page.html", ("selfcert_", "cert_"),
           (CERTIFICATE_JS,), (CERTIFICATE_CSS,), _certificate),
    Widget("record-form", "context", "record.html", ("record_",), (HPKE_JS, RECORD_JS), (RECORD_CSS,),
           lambda build, page, arg: build._record_widget(page), once=True),
    Widget("offline", "context", "offline_save.html", ("offline_",), (OFFLINE_JS,), (QUIZ_CSS,),   # quiz.css: radios
           lambda build, page, arg: build._offline_control(page), once=True),
    Widget("session-results", "context", "session_results.html", ("session_",), (SESSION_JS,), (SESSION_CSS,),
           lambda build, page, arg: build._session_results(page), once=True),
    Widget("help-contacts", "content", "help_contacts.html", ("help_", "contact_"), (), (),
           lambda build, page, arg: build._help_contacts(page)),
    Widget("ecthr-deadline", "content", "deadline.html", ("deadline_",), (DEADLINE_JS,), (QUIZ_CSS,), _deadline,
           legacy=('<div class="ecthr-deadline" data-ecthr-deadline></div>',)),
    # no marker: every Markdown task list ("- [ ] ...") is drawn as a printable form's tick boxes
    Widget("paper-checkboxes", "content", None, (), transform=lambda html: paper_checkboxes(html)),
)}
MARKED = sorted(name for name, w in WIDGETS.items() if w.transform is None)   # names a marker may give


def check_markers(markdown: str) -> list[tuple[int, str]]:
    """(line, what to do) for each ``<!-- course: ... -->`` marker outside code that names no widget
    or gives an argument to one that takes none (or none to one that needs it)."""
    problems = []
    for number, line in code_free_lines(markdown):
        for m in MARKER.finditer(line):
            name, arg = m.group("name"), m.group("arg")
            widget = WIDGETS.get(name)
            if widget is None or widget.transform is not None:
                known = ", ".join(MARKED)
                problems.append((number, f"marker {m.group(0)!r} names no widget (known: {known}); fix the name, "
                                         "or register the widget in plugins/course_plugin/widgets.py (README \"Widgets\")"))
            elif arg and not widget.arg:
                problems.append((number, f"marker {m.group(0)!r}: the {name} widget takes no argument; "
                                         f"write <!-- course: {name} -->"))
            elif widget.arg and not arg:
                problems.append((number, f"marker {m.group(0)!r}: the {name} widget needs an argument, "
                                         f"e.g. <!-- course: {name} ID -->"))
    return problems


def place(html: str, stage: str, render: Callable[[Widget, str | None], str]) -> tuple[str, list[Widget]]:
    """Draw every marker (and legacy marker) of this ``stage``'s widgets in ``html`` with
    ``render(widget, arg)``; returns the new HTML and the widgets drawn, in page order."""
    used: list[Widget] = []

    def draw(widget: Widget, arg: str | None) -> str:
        if widget.once and widget in used:
            return ""
        used.append(widget)
        return render(widget, arg)

    if "<!--" in html and "course:" in html:   # most pages have no marker: skip the pattern
        def sub(m: re.Match) -> str:
            widget = WIDGETS.get(m.group("name"))
            if widget is None or widget.stage != stage or widget.render is None or widget.name == "quiz":
                return m.group(0)
            return draw(widget, m.group("arg"))
        html = MARKER.sub(sub, html)
    for widget in WIDGETS.values():
        if widget.stage != stage:
            continue
        if widget.transform is not None:
            html = widget.transform(html)
        for old in widget.legacy:
            if old in html:
                html = html.replace(old, draw(widget, None))
    return html, list(dict.fromkeys(used))


TASK_CHECKBOX = re.compile(r'<input type="checkbox" disabled(?:="disabled")?\s*/?>')
TASK_CHECKED = re.compile(r'<input type="checkbox" disabled(?:="disabled")? checked(?:="checked")?\s*/?>')


def paper_checkboxes(html: str) -> str:
    """Task-list items are tick boxes of printable forms, not controls: draw them as boxes.

    A disabled, unlabelled checkbox is an unnamed form control to a screen reader."""
    html = TASK_CHECKED.sub('<span class="task-box task-box--ticked" aria-hidden="true">✓</span>', html)
    return TASK_CHECKBOX.sub('<span class="task-box" aria-hidden="true"></span>', html)
