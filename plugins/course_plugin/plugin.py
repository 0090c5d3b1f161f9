"""MkDocs hooks of the course plugin: thin, delegating to the plain modules beside it.

mkdocs-static-i18n builds the site once per language on the same config object, so every hook
here runs once per language: per-build state is reset in ``on_config``.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import mkdocs_bridge as bridge
from . import assets_out
from . import offline
from .config import CourseConfig
from .contacts.loader import load_contacts
from .contacts.render import HELP_CONTACTS_MARKER, render_help_contacts
from .certificate_pages import published_keys
from . import present
from . import listen
from . import keep_offline
from .session_results import render_session, session_problem
from .reviewed import check_reviewed, front_matter_lines, missing_reviewed, render_reviewed
from . import integrity
from .safety import add_security_meta, exit_urls, not_found_page, quick_exit_parts
from .safety import TemplateScripts
from . import postprocess, theme
from .record.loader import load_form
from .record.render import RECORD_MARKER, render_record
from .record.sealed import check_recipients
from . import widgets
from .widgets import OFFLINE_JS, QUIZ_CSS, QUIZ_JS, SESSION_JS, Widget  # noqa: F401  (for widgets still placed here)
from .quiz.loader import QuizBank, load_bank
from .quiz.markers import HTML_MARKER, find_markers
from .quiz.model import text_fields
from .quiz.render import QuizRenderer, make_environment, script_json
from .site import PAGE_DATA_ID
from .site_checks import markdown_files, missing_translations, translation_problems
from . import scorm
from . import search_index
from .strings import string_problems, ui_strings

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
SITE_CSS = "assets/course/course.css"
SITE_JS = "assets/course/course.js"
EXIT_JS = "assets/course/exit.js"   # loaded first, by the overlay's header block (overrides/base.html)
NOTFOUND_JS = "assets/course/notfound.js"
PRESENT_CSS = "assets/course/present.css"
PRESENT_JS = "assets/course/present.js"
# the browser core (storage keys and mode, the strict progress reader, fill()): on every page,
# before every other course script but the quick exit's exit.js (README "Browser core")
CORE_JS = "assets/course/core.js"
RESULTCODE_JS = "assets/course/resultcode.js"   # result codes (README "Results from the room")
# scripts that need another one loaded (and run) before them (core.js is on every page already)
SCRIPT_NEEDS: dict[str, tuple[str, ...]] = {SESSION_JS: (RESULTCODE_JS,)}
NEUTRAL_ICON = "assets/course/neutral.svg"   # discreet mode: theme.favicon


_TEMPLATE_SCRIPTS: dict[tuple, TemplateScripts] = {}


def _template_scripts(folders: tuple) -> TemplateScripts:
    """Read once per process for the same folders (the language builds and `serve` rebuilds)."""
    if folders not in _TEMPLATE_SCRIPTS:
        _TEMPLATE_SCRIPTS[folders] = TemplateScripts([Path(f) for f in folders])
    return _TEMPLATE_SCRIPTS[folders]


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.bank: QuizBank | None = None
        self.contacts, self._contacts_loaded = None, False
        self.record_form, self._record_for = None, None
        self.files: Files | None = None
        self._shared_env, self._env_for = None, None
        self._template_code = theme.SharedTemplateCode()   # the theme compiled once for every language
        self._checked_languages = False
        self._checked_reviewed = False
        self._checked_settings = False
        self._site_names: dict[str, str] = {}   # language -> its site_name (the offline copy's manifest)
        self._not_found_default: str | None = None   # the default language's 404 page, kept for the root
        self._reset()

    def _reset(self):
        self.placements: dict[str, Page] = {}          # quiz id -> page, this language
        self.pages_with_quiz: set[str] = set()
        self.page_scripts: dict[str, list[str]] = {}    # page src -> course scripts it loads (widgets)
        self.page_styles: dict[str, list[str]] = {}     # page src -> course stylesheets it loads
        self.handouts: set[str] = set()
        self.rendered: dict[str, dict[str, str]] = {}  # page -> quiz marker as written -> quiz HTML
        self._to_render: list[tuple[Page, list[tuple[str, str]]]] = []   # page, its (marker, quiz id)s
        self.marker_problems: list[str] = []
        self.page_problems: list[str] = []              # reviewed dates, help-contacts markers
        self.reviewed: dict[str, str] = {}              # page src -> its reviewed: YYYY-MM
        self.integrity_problems: list[str] = []        # scripts, event handlers, javascript: URLs in content
        self.env = None
        self._nav = None   # this page's navigation (on_page_context), for the progress table
        self.language = None
        self.classic = False
        self._string_cache: dict[str, dict[str, str]] = {}
        self._renderer: QuizRenderer | None = None
        self._present_button: dict[str, str] = {}
        self._listen_control: dict[str, str] = {}
        self._site_blocks: dict[str, str] = {}

    # -- configuration ------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        self._reset()
        root = Path(config.config_file_path).parent
        self.docs_label = os.path.relpath(config.docs_dir, root)
        self.site = bridge.site_from_config(config, self.config.strings_dir)   # site.py: languages, storage keys
        languages = self.languages = self.site.codes
        if self.config.check_languages and not self._checked_languages:
            problems = missing_translations(Path(config.docs_dir), languages, root)
            if problems:
                raise PluginError("Pages missing in a language:\n  " + "\n  ".join(problems))
            self._checked_languages = True
        if not self._checked_reviewed:   # every page of every language at once
            files = [p for lang in languages for p in markdown_files(Path(config.docs_dir) / lang)]
            problems = missing_reviewed(files, root, self.config.require_reviewed)
            if problems:
                raise PluginError(f"{len(problems)} page(s) without a valid `reviewed:` date "
                                  "(README \"Currency: the reviewed date\"):\n  " + "\n  ".join(problems))
            self._checked_reviewed = True
        if not self._checked_settings:
            # errors, not warnings: `mkdocs build -q` drops warnings before --strict counts them
            problems = string_problems(languages, self.site.strings_dir) + translation_problems(
                bridge.i18n_language_settings(config), config.nav, Path(config.docs_dir), root)
            if problems:
                raise PluginError("Language settings:\n  " + "\n  ".join(problems))
            self._checked_settings = True
        if self.bank is None:
            self.bank = load_bank(root / self.config.quizzes_dir, languages, root)
            if self.bank.problems:
                raise PluginError(
                    f"{len(self.bank.problems)} problem(s) in the quizzes (see quizzes/README.md for the format):\n  "
                    + "\n  ".join(str(p) for p in self.bank.problems))
        if not self._contacts_loaded:   # once for all languages, like the quiz bank
            path = root / self.config.help_contacts_file
            if path.exists():
                self.contacts, problems = load_contacts(path, languages, os.path.relpath(path, root))
                if problems:
                    raise PluginError(f"{len(problems)} problem(s) in the help contacts (see README \"Help contacts\"):\n  "
                                      + "\n  ".join(str(p) for p in problems))
            self._contacts_loaded = True
        theme.register(config)   # before template_scripts below reads the theme's folders
        if self.config.discreet:   # the neutral tab icon; the title is the overlay's htmltitle block
            config.theme["favicon"] = NEUTRAL_ICON
        if SITE_CSS not in [str(x) for x in config.extra_css]:
            config.extra_css.append(SITE_CSS)
        # core.js first, then scorm.js: it restores progress from the LMS before any course script reads it
        for js in [CORE_JS] + ([scorm.SCORM_JS] if self.config.scorm else []) + [SITE_JS]:
            if js not in [str(x) for x in config.extra_javascript]:
                script = ExtraScriptValue(js)
                script.type = "module"
                config.extra_javascript.append(script)
        self.exit_urls, problems = exit_urls(self.config.exit_url, languages, config.site_url)
        if problems:   # an error, not a warning: it fails the build whatever the log level
            raise PluginError("Quick exit settings:\n  " + "\n  ".join(problems))
        self.cert_keys, problems = published_keys(self.config.certificate_keys, self.config.certificate_revoked)
        if problems:
            raise PluginError("Certificate settings:\n  " + "\n  ".join(problems))
        self.recipients, problems = check_recipients(self.config.record_recipients, languages)
        if problems:
            raise PluginError("Record recipients:\n  " + "\n  ".join(problems))
        form_path = root / self.config.record_form
        if self._record_for != form_path:   # loaded once, like the quiz bank
            self.record_form, problems = (load_form(form_path, languages, self.config.record_form)
                                          if form_path.is_file() else (None, []))
            if problems:
                raise PluginError(f"{len(problems)} problem(s) in the record form (see forms/README.md):\n  "
                                  + "\n  ".join(str(p) for p in problems))
            self._record_for = form_path
        templates = root / self.config.templates_dir
        if self._env_for != templates:   # compiled templates are kept across the language builds
            self._shared_env, self._env_for = make_environment(templates), templates
        self.env = self._shared_env
        self.classic = self.config.classic_scripts or bridge.offline_build(config)
        # the only inline scripts the CSP lets run: those the theme's and the plugin's templates write
        self.template_scripts = _template_scripts((*config.theme.dirs, str(templates), str(Path(__file__).parent / "templates")))
        return config

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built this language's file list
    def on_files(self, files: Files, config: MkDocsConfig):
        if not self.config.enabled:
            return files
        self.language = bridge.current_language(config)
        self._site_names[self.language] = config.site_name
        self.files = files
        offline_build = bridge.offline_build(config)
        if offline_build:  # after every on_config: Material's offline plugin has added its polyfill
            config.extra["polyfills"] = offline.local_worker_shim(config.extra.get("polyfills", []))
        for path in sorted(ASSETS.rglob("*")):
            uri = f"assets/course/{path.relative_to(ASSETS).as_posix()}"
            if path.is_dir() or (uri.startswith("assets/course/offline/") and not offline_build):
                continue
            if uri.startswith("assets/course/scorm.") and not self.config.scorm:
                continue
            if files.get_file_from_path(uri) is None:
                content = assets_out.served(uri, path.read_bytes()) if path.suffix in (".js", ".css") else None
                files.append(bridge.packaged_file(config, uri, str(path), content))
        return files

    # -- pages --------------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return markdown
        src = page.file.src_uri
        label = f"{self.docs_label}/{page.file.src_path}"
        reviewed, problem = check_reviewed(page.meta, self.config.require_reviewed)
        if problem:
            self.page_problems.append(f"{label}: {problem}")
        elif reviewed:
            self.reviewed[src] = reviewed
        seen = set()
        markers = find_markers(markdown)
        widget_problems = widgets.check_markers(markdown) if "course:" in markdown else []
        offset = front_matter_lines(page.file.content_string) if markers or widget_problems else 0   # lines as in the file
        for line, problem in widget_problems:
            self.page_problems.append(f"{label}, line {line + offset}: {problem}")
        for quiz_id, line in markers:
            where = f"{label}, line {line + offset}"
            if quiz_id not in self.bank.quizzes:
                known = ", ".join(sorted(self.bank.quizzes)) or "none"
                self.marker_problems.append(f"{where}: marker names unknown quiz {quiz_id!r} (known quizzes: {known}); "
                                            "fix the id or add quizzes/<file>.yml with that id")
            elif quiz_id in seen:
                self.marker_problems.append(f"{where}: quiz {quiz_id!r} is placed twice on this page: keep one marker")
            elif quiz_id in self.placements and self.placements[quiz_id] is not page:
                other = self.placements[quiz_id].file.src_path
                self.marker_problems.append(f"{where}: quiz {quiz_id!r} is already placed on {other}: "
                                            "a quiz appears on one page per language")
            else:
                self.placements[quiz_id] = page
                seen.add(quiz_id)
        if seen:
            self.pages_with_quiz.add(src)
            if any(self.bank.quizzes[q].exam for q in seen):   # exam quizzes show a result code
                self._use_assets(src, RESULTCODE_JS)
            self._use_widget(src, widgets.WIDGETS["quiz"])
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return html
        self.integrity_problems += integrity.page_problems(
            html, lambda: page.file.content_string, f"{self.docs_label}/{page.file.src_path}")
        html = self._presentation(html, page)
        html = self._place_widgets(html, page, "content")   # help contacts, the deadline helper, tick boxes
        if page.file.src_uri in self.pages_with_quiz:   # rendered in on_env, all at once
            self._to_render.append((page, [(m.group(0), m.group("id")) for m in HTML_MARKER.finditer(html)
                                           if m.group("id") in self.bank.quizzes]))
        return html

    def _render_quizzes(self, config: MkDocsConfig, files: Files) -> None:
        """Every quiz of this language, in one loop once every page's content is made (rendering
        them one after another takes half the time of one per page between Markdown conversions);
        placed in on_post_page, so the search indexer never parses quiz markup."""
        if self._renderer is None:   # one per language; only the Markdown converter is the page's own
            self._renderer = QuizRenderer(self.env, None, self._strings(), self.language)
        renderer = self._renderer
        for page, markers in self._to_render:
            renderer.markdown = bridge.page_markdown_converter(config, page.file, files)
            rendered = self.rendered[page.file.src_uri] = {}
            for marker, quiz_id in markers:
                quiz = self.bank.quizzes[quiz_id]
                rendered[marker] = renderer.render(quiz)
                bridge.add_anchor_ids(page, rendered[marker])   # links to #answer-key-ID are checked like any anchor
                if renderer.unsafe:   # a script, event handler or javascript: URL from the quiz's Markdown
                    self.integrity_problems += integrity.quiz_problems(
                        renderer.unsafe, text_fields(quiz), self.language, self.bank.sources[quiz.id])
                    renderer.unsafe.clear()
        self._to_render = []

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled or not page.content:
            return context
        src = page.file.src_uri
        self._nav = nav   # the progress table orders quizzes as the navigation does
        # progress, certificate, Verify, record form, offline copy, session results: drawn once
        # every page's quizzes are placed
        content = self._place_widgets(page.content, page, "context")
        if src in self.reviewed:
            content += render_reviewed(self.reviewed[src], self._strings())
        page.content = content
        return context

    def _session_results(self, page: Page) -> str:
        pre, post = self.config.session_pre_test, self.config.session_post_test
        problem = session_problem(self.bank, pre, post)
        if problem:
            raise PluginError(f"{self.docs_label}/{page.file.src_path}: {problem}")
        return render_session(self.env, self.bank, self._strings(), pre, post)

    def _offline_control(self, page: Page) -> str:
        base = page.url or "./"
        prefix = keep_offline.language_prefixes(self.languages)[self.language]
        sw = get_relative_url(keep_offline.SW_FILE, base)
        links = {"sw": sw, "root": sw[: -len(keep_offline.SW_FILE)] or "./",
                 "manifest": get_relative_url(prefix + keep_offline.MANIFEST, base)}
        return keep_offline.render_control(self.env, self.language, self.languages, self.site.names, links, self._strings())

    def _record_widget(self, page: Page) -> str:
        if self.record_form is None:
            raise PluginError(f"{self.docs_label}/{page.file.src_path}: the page places the record form "
                              f"({RECORD_MARKER}) but {self.config.record_form} does not exist; write it "
                              "(see forms/README.md) or set the course plugin's `record_form`")
        case_url = None
        practice = self.record_form.practice
        if practice:   # the case page of this language, wherever this build puts it (offline: .html)
            path, _, anchor = practice.case.partition("#")
            src = page.file.src_uri
            folder = src[: len(src) - len(present.site_path(src, self.languages))]
            case = self.files.get_file_from_path(folder + path) if self.files is not None else None
            if case is None:
                raise PluginError(f"{self.config.record_form} [practice.case]: {practice.case!r} names no page of "
                                  f"{self.docs_label}/{folder}; give the case's path inside a language folder, "
                                  "e.g. module-2/cases.md#case-c")
            case_url = get_relative_url(case.url or "./", page.url or "./") + (f"#{anchor}" if anchor else "")
        return render_record(self.env, self.record_form, self.recipients, self.language, self._strings(), case_url)

    def _quiz_links(self, page: Page) -> dict[str, str]:
        """Quiz id -> URL of the page holding it, relative to ``page``."""
        return {qid: get_relative_url(p.url or "./", page.url or "./") for qid, p in self.placements.items()}

    def on_env(self, env, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return env
        if self.marker_problems:
            raise PluginError("Quiz markers:\n  " + "\n  ".join(self.marker_problems))
        self._render_quizzes(config, files)
        if self.page_problems:
            raise PluginError(f"{len(self.page_problems)} page(s) to fix:\n  " + "\n  ".join(self.page_problems))
        if self.integrity_problems:
            raise PluginError("Scripts in content:\n  " + "\n  ".join(dict.fromkeys(self.integrity_problems)))
        unplaced = [f"{source}: quiz {quiz_id!r} is placed on no page in language {self.language!r}; "
                    f"add <!-- quiz: {quiz_id} --> to a page" for quiz_id, source in sorted(self.bank.sources.items())
                    if quiz_id not in self.placements]
        if unplaced and self.config.scorm:   # the learner package leaves out the guidebook and its quizzes
            log.info(f"Left out of the SCORM package ({self.language}): " + ", ".join(
                quiz_id for quiz_id in sorted(self.bank.sources) if quiz_id not in self.placements))
            unplaced = []
        if unplaced and config.strict:   # an error: `-q` would hide the warning from --strict
            raise PluginError("Quizzes placed on no page:\n  " + "\n  ".join(unplaced))
        for message in unplaced:
            log.warning(message)
        self._install_theme(env, config)
        return env

    def _install_theme(self, env, config: MkDocsConfig) -> None:
        """This language's data for the theme overlay's blocks (overrides/base.html)."""
        block, button = quick_exit_parts(self.env, self.exit_urls[self.language], self._strings())
        block = self._site_block() + block   # the site facts (#course-site) before exit.js, which reads them
        title = None
        if self.config.discreet:
            title = self.config.discreet_title.get(self.language) or self._strings()["discreet_title"]
        index = None
        if search_index.search_enabled(config):
            index = search_index.index_path(self.language, self.languages[0])
        data = theme.TemplateData(block, title, index, self.classic, self.page_styles, self.page_scripts)
        theme.install(env, config, data, button, self._template_code)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig):
        if not self.config.enabled:
            return output
        src = page.file.src_uri
        return postprocess.finish_page(
            output, f"{self.docs_label}/{page.file.src_path}", quizzes=self.rendered.pop(src, {}),
            handout=src in self.handouts, scorm_page=self.config.scorm, classic=self.classic,
            allowed=self.template_scripts)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        """``404.html``, which hosts serve for any missing address: the quick exit, the security
        policy, the discreet title, and the page's language. Every language build writes it at the
        root; the root keeps the default language's, each other language's goes to ``<lang>/404.html``
        (the root one sends a missing address under ``<lang>/`` there: assets/notfound.js)."""
        if not self.config.enabled or template_name != "404.html":
            return output
        base = urlparse(config.site_url or "/").path or "/"   # MkDocs links this page from the site root
        base = base if base.endswith("/") else base + "/"
        default = self.language == self.languages[0]
        home = base if default else f"{base}{self.language}/"
        output = not_found_page(output, self._strings(), home, base + NOTFOUND_JS, self.languages[1:] if default else [],
                                discreet=self.config.discreet)
        output = add_security_meta(output, self.template_scripts)   # the quick exit and title: the overlay
        if default:
            self._not_found_default = output
            return output
        if bridge.offline_build(config):   # opened from disk, no server shows a 404 page (scripts/offline.py)
            return self._not_found_default or output
        target = Path(config.site_dir) / self.language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return self._not_found_default or output

    def _use_assets(self, src: str, script: str | None = None, style: str | None = None) -> None:
        """Load ``script`` and ``style`` on this page (once each), written by the overlay's blocks."""
        scripts = (*SCRIPT_NEEDS.get(script, ()), script) if script else ()
        for registry, paths in ((self.page_scripts, scripts), (self.page_styles, (style,) if style else ())):
            for path in paths:
                if path not in registry.setdefault(src, []):
                    registry[src].append(path)

    def _place_widgets(self, html: str, page: Page, stage: str) -> str:
        """Draw this stage's widgets (widgets.WIDGETS) on the page and load their scripts and styles."""
        html, used = widgets.place(html, stage, lambda widget, arg: widget.render(self, page, arg))
        for widget in used:
            self._use_widget(page.file.src_uri, widget)
        return html

    def _use_widget(self, src: str, widget: Widget) -> None:
        for script in widget.scripts:
            self._use_assets(src, script)
        for style in widget.styles:
            self._use_assets(src, style=style)

    def _help_contacts(self, page: Page) -> str:
        if self.contacts is None:
            self.page_problems.append(f"{self.docs_label}/{page.file.src_path}: the help-contacts marker needs "
                                      f"{self.config.help_contacts_file}, which does not exist: create it "
                                      "(README \"Help contacts\") or remove the marker")
            return HELP_CONTACTS_MARKER
        widget = render_help_contacts(self.env, self.contacts, self.language, self._strings())
        bridge.add_anchor_ids(page, widget)   # links to #help-COUNTRY are checked like any anchor
        return widget

    def _presentation(self, html: str, page: Page) -> str:
        """Module and guidebook pages: slide breaks and the Present button; handouts noted."""
        path = present.site_path(page.file.src_uri, self.languages)
        if present.matches(path, self.config.handout_pages):
            self.handouts.add(page.file.src_uri)
        tools = []
        if present.matches(path, self.config.present_pages):
            # present.js and present.css are fetched by course.js when a trainer asks for the slides
            # (the first visit of a learner's phone does not download them: tests/budgets.yml)
            html = present.add_slide_breaks(html)
            if self.language not in self._present_button:  # the same on every page of a language
                self._present_button[self.language] = present.present_button(self.env, self._strings())
            base = page.url or "./"
            tools.append(present.button_for_page(self._present_button[self.language], get_relative_url(PRESENT_JS, base),
                                                 get_relative_url(PRESENT_CSS, base)))
        if present.matches(path, self.config.listen_pages):
            # listen.js itself is fetched by course.js only when the device has a local voice
            if self.language not in self._listen_control:   # the same on every page of a language
                self._listen_control[self.language] = listen.listen_control(self.env, self._strings())
            tools.append(self._listen_control[self.language])
        # one row after the title, its height reserved (course.css): nothing shifts when a tool appears
        return present.add_present_button(html, listen.page_tools(*tools)) if tools else html

    @event_priority(-200)  # after mkdocs-static-i18n has written the joined search index
    def on_post_build(self, config: MkDocsConfig):
        if self.config.enabled:
            search_index.split_index(config)
            if not bridge.building_other_language(config):   # once, every language built
                self._write_offline_copy(config)

    def _write_offline_copy(self, config: MkDocsConfig) -> None:
        search = config.plugins.get("material/search") or config.plugins.get("search")
        search_languages = list(getattr(search, "config", {}).get("lang") or []) if search else []
        strings = {lang: self._strings(lang) for lang in self.languages}
        # each language's neutral title: the setting's, else its strings' (as the overlay's htmltitle)
        discreet = ({lang: self.config.discreet_title.get(lang) or strings[lang]["discreet_title"]
                     for lang in self.languages} if self.config.discreet else None)
        names = {lang: self._site_names.get(lang, config.site_name) for lang in self.languages}
        short = {lang: strings[lang]["offline_app_name"] for lang in self.languages}
        self.offline_sizes = keep_offline.write_copy(
            Path(config.site_dir), self.languages, search_languages, strings, names, short,
            NEUTRAL_ICON if self.config.discreet else "assets/course/favicon.svg", discreet)

    # -- helpers ------------------------------------------------------------------------------
    def _site_block(self) -> str:
        """``<script type="application/json" id="course-site">``: languages, storage keys (site.py)."""
        if self.language not in self._site_blocks:   # the same on every page of a language
            data = script_json(self.site.browser_data(self.language))
            self._site_blocks[self.language] = f'<script type="application/json" id="{PAGE_DATA_ID}">{data}</script>'
        return self._site_blocks[self.language]

    def _strings(self, language: str | None = None) -> dict[str, str]:
        language = language or self.language
        if language not in self._string_cache:
            # a language lacking strings has already failed the build (string_problems in on_config)
            self._string_cache[language] = ui_strings(language, self.site.strings_dir)[0]
        return self._string_cache[language]
