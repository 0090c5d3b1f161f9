"""The quick exit's own script (assets/exit.js): its syntax baseline, that it works with every other
script of the page broken, and that "for this visit only" keeps Material's settings off the device."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import _Server
from exitroute import EXIT, EXIT_RU, answer_exits_locally, third_shift_leaves
from sitebuild import MINI_CONFIG, ROOT, build_site, make_site

from course_plugin.site import STORAGE_KEYS

EXIT_JS = ROOT / "plugins/course_plugin/assets/exit.js"
NODE_DIR = ROOT / "tests/node"

# A site with what Material stores: linked content tabs and a palette toggle.
TABS_CONFIG = MINI_CONFIG.replace("  font: false\n", """  font: false
  features: [content.tabs.link]
  palette:
    - scheme: default
      toggle: {icon: material/brightness-4, name: Dark}
    - scheme: slate
      toggle: {icon: material/brightness-7, name: Light}
""").replace("markdown_extensions: [admonition, attr_list, md_in_html, toc]",
             "markdown_extensions: [admonition, attr_list, md_in_html, toc, pymdownx.superfences, "
             "{pymdownx.tabbed: {alternate_style: true}}]")
TABS = '=== "First"\n\n    One.\n\n=== "Second"\n\n    Two.\n'


@pytest.fixture(scope="module")
def tabs_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("exit-tabs")
    pages = {
        "en/index.md": "# Home\n\n" + TABS, "ru/index.md": "# Главная\n\n" + TABS,
        "en/other.md": "# Other\n\nB.\n", "ru/other.md": "# Другая\n\nБ.\n",
        "en/quiz/page.md": "# Quiz page\n\n<!-- quiz: sample -->\n",
        "ru/quiz/page.md": "# Страница теста\n\n<!-- quiz: sample -->\n",
        "en/progress.md": "# Progress\n\n<!-- course: progress -->\n",
        "ru/progress.md": "# Прогресс\n\n<!-- course: progress -->\n",
    }
    build_site(make_site(root, pages=pages, config=TABS_CONFIG), root / "site")
    server = _Server(root / "site")
    yield server.url
    server.close()


@pytest.fixture
def exit_page(page):
    return answer_exits_locally(page)


# -- syntax baseline --------------------------------------------------------------------------
def _parse_es2015(code: str) -> subprocess.CompletedProcess:
    node = shutil.which("node") or shutil.which("nodejs")
    acorn = NODE_DIR / "node_modules/acorn/dist/acorn.js"
    if not node or not acorn.exists():
        pytest.fail("node and tests/node/node_modules/acorn are needed: run scripts/test.sh (it installs them)")
    check = ("const acorn = require(process.argv[1]); let src = ''; process.stdin.on('data', d => src += d);"
             "process.stdin.on('end', () => { try { acorn.parse(src, {ecmaVersion: 2015, sourceType: 'script'}); }"
             " catch (e) { console.error(e.message); process.exit(1); } });")
    return subprocess.run([node, "-e", check, str(acorn)], input=code, capture_output=True, text=True, timeout=60)


def test_exit_script_parses_as_ecmascript_2015():
    result = _parse_es2015(EXIT_JS.read_text(encoding="utf-8"))
    assert result.returncode == 0, f"exit.js uses syntax newer than ES2015: {result.stderr.strip()}"


@pytest.mark.parametrize("newer", ["a?.b;", "a ?? b;", "try {} catch {}", "class A { x = 1 }", "async function f() {}",
                                   "const o = {...p};", "2 ** 3;"])
def test_the_syntax_check_rejects_newer_syntax(newer):
    assert _parse_es2015(newer).returncode == 1, newer


# -- the exit with everything else broken -----------------------------------------------------
BROKEN = "throw new Error('broken on purpose');"


def break_other_scripts(page, how: str):
    """Every script of the page but exit.js throws (or is missing); Material's bundle included."""
    def handle(route):
        url = route.request.url
        if not url.split("?")[0].endswith(".js") or url.split("?")[0].endswith("/assets/course/exit.js"):
            return route.fallback()
        if how == "throw":
            return route.fulfill(status=200, content_type="text/javascript", body=BROKEN)
        return route.fulfill(status=404, content_type="text/plain", body="missing")
    page.route("**/*.js*", handle)


@pytest.mark.parametrize("how", ["throw", "missing"])
def test_exit_works_when_every_other_script_is_broken(exit_page, sample_server, how):
    page = exit_page
    break_other_scripts(page, how)
    page.goto(sample_server)
    page.goto(sample_server + "ru/quiz/page/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    third_shift_leaves(page, back_to=sample_server)
    page.goto(sample_server + "quiz/page/")
    page.click(".qx-button")
    page.wait_for_url(EXIT)


def test_course_script_with_a_query_string_still_erases(page, sample_server):
    """A script address carrying ?v=... (a cache buster, a proxy) once stopped course.js at its first line."""
    def add_query(route):
        response = route.fetch()
        body = response.text().replace('assets/course/course.js"', 'assets/course/course.js?v=2"')
        route.fulfill(response=response, body=body)
    page.route(sample_server + "progress/", add_query)
    page.goto(sample_server + "progress/")
    assert "course.js?v=2" in page.content()
    page.evaluate("(key) => localStorage.setItem(key, '{}')", STORAGE_KEYS["progress"])
    page.click("[data-erase-all]")
    assert page.locator("[data-storage-status]").inner_text().startswith("Erased from this browser")
    assert page.console_errors == []


def test_shift_presses_spread_over_more_than_two_seconds_do_not_leave(exit_page, sample_server):
    """A screen-reader user pauses speech with a lone Shift: presses far apart never add up to an exit."""
    page = exit_page
    page.goto(sample_server + "other/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(2300)
    assert page.locator(".qx-status").inner_text() == ""
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == sample_server + "other/"
    page.wait_for_timeout(2300)
    # another key between presses starts the count again
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == sample_server + "other/"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT)


# -- "for this visit only": nothing of the site on the device ---------------------------------
def test_visit_only_keeps_material_settings_off_the_device_and_exit_forgets_them(exit_page, tabs_server):
    page = exit_page
    page.goto(tabs_server)
    page.get_by_text("Second", exact=True).first.click()       # chosen before visit-only mode: moved off later
    assert any(k.endswith(".__tabs") for k in page.evaluate("Object.keys(localStorage)"))
    page.goto(tabs_server + "progress/")
    page.check("#cq-storage-visit")
    assert page.evaluate("Object.keys(localStorage)") == []
    page.goto(tabs_server)
    page.get_by_text("First", exact=True).first.click()
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()   # dark palette
    page.goto(tabs_server + "quiz/page/")
    page.check('[data-question="s-single"] input[value="b"]')
    page.click('[data-quiz="sample"] button[type=submit]')
    page.click('[data-quiz-confirm] [data-confirm-yes]')
    page.goto(tabs_server + "ru/")
    assert page.evaluate("Object.keys(localStorage)") == []
    session = page.evaluate("Object.keys(sessionStorage)")
    assert {STORAGE_KEYS["mode"], STORAGE_KEYS["progress"]} <= set(session)
    assert any(k.endswith(".__tabs") for k in session) and any(k.endswith(".__palette") for k in session)
    # the choices of this visit still apply: the tab chosen last and the dark palette
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert json.loads(page.evaluate("sessionStorage.getItem(Object.keys(sessionStorage).find(k => k.endsWith('.__tabs')))"))[0] == "First"
    page.click(".qx-button")
    page.wait_for_url(EXIT_RU)
    # what the exit left, read from a file of the same origin that runs none of the site's scripts
    page.goto(tabs_server + "assets/course/favicon.svg")
    assert page.evaluate("Object.keys(localStorage)") == []
    assert page.evaluate("Object.keys(sessionStorage)") == []
