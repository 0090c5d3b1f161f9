"""The quick exit is reachable in every state of every kind of page, on a touch phone and a laptop:
the control a person sees is the one hit at its centre, and one tap or click leaves."""

from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import pytest

from conftest import wait_until
from exitroute import answer_exits_locally
from course_plugin.safety import DEFAULT_EXIT_URLS

DEVICES = {
    "phone": dict(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, device_scale_factor=2),
    "laptop": dict(viewport={"width": 1366, "height": 768}),
}
PAGE = "module-1/context/"   # a module page: it can be presented

# The exit control that is on top at its own centre, or a description of what covers each one.
HIT = """() => {
  const found = [], covered = [];
  for (const el of document.querySelectorAll('a[data-exit].qx-button, a[data-exit].qx-float')) {
    const r = el.getBoundingClientRect();
    if (getComputedStyle(el).display === 'none' || r.width < 24 || r.height < 24) continue;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    if (top === el || el.contains(top)) found.push([el.className, x, y]);
    else covered.push(el.className + ' covered by ' + (top ? top.tagName + '.' + top.className : 'nothing'));
  }
  return found.length ? found[0] : covered.join('; ') || 'no exit button with an area';
}"""


@pytest.fixture(params=list(DEVICES))
def device(request, browser):
    context = browser.new_context(**DEVICES[request.param])
    pg = context.new_page()
    pg.touch = request.param == "phone"
    yield answer_exits_locally(pg)
    context.close()


def open_drawer(page):
    toggle = page.locator('label.md-header__button[for="__drawer"]')
    if not toggle.is_visible():
        pytest.skip("a laptop shows the navigation beside the page: there is no drawer to open")
    page.tap('label.md-header__button[for="__drawer"]') if page.touch else toggle.click()
    assert page.evaluate("document.getElementById('__drawer').checked")
    settle(page)   # the drawer slides in and the overlay fades in


def open_search(page):
    if page.touch:
        page.tap('label.md-header__button[for="__search"]')
    else:
        page.click(".md-search__input")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("police")
    page.wait_for_timeout(500)   # the results come from the search worker
    settle(page)


def present(page):
    button = page.locator("[data-present]")
    if button.is_visible():
        button.click()   # presentation mode is fetched on first use
    else:                # touch phones hide the trainer's button: a trainer's keyboard shortcut
        page.keyboard.press("Alt+Shift+P")
    wait_until(page, "() => document.documentElement.classList.contains('pr-on')")
    settle(page)


# No CSS transition or animation running, twice a tenth of a second apart: what a fixed pause
# only hopes for on a busy machine.
NOTHING_MOVES = """() => new Promise(done => {
  const still = () => document.getAnimations().every(a => a.playState !== 'running');
  const first = still();
  setTimeout(() => done(first && still()), 100);
})"""


def settle(page):
    wait_until(page, NOTHING_MOVES, timeout=10000)


STATES = {"plain": lambda page: None, "drawer": open_drawer, "search": open_search, "presentation": present}


@pytest.mark.parametrize("state", list(STATES))
def test_exit_is_on_top_and_one_tap_leaves(device, course_server, state):
    page = device
    page.goto(course_server)
    page.goto(course_server + "ru/" + PAGE)
    STATES[state](page)
    hit = page.evaluate(HIT)
    assert isinstance(hit, list), f"{state}: {hit}"
    _, x, y = hit
    page.touchscreen.tap(x, y) if page.touch else page.mouse.click(x, y)
    page.wait_for_url(DEFAULT_EXIT_URLS["ru"])
    page.go_back()
    assert page.url == course_server, "Back skips the page that was left"


def test_search_field_leaves_room_for_the_exit_on_a_phone(browser, course_server):
    context = browser.new_context(**DEVICES["phone"])
    page = context.new_page()
    page.goto(course_server + PAGE)
    page.tap('label.md-header__button[for="__search"]')
    # Measure the field once it has slid in: on a busy machine a fixed pause can catch it mid-way.
    settle(page)
    wait_until(page, FIELD_STILL, timeout=10000)
    layout = page.evaluate(FIELD_AND_BUTTON)
    assert layout["field"] <= layout["button"] + 1, (
        f"the field ends after the button starts, so it runs under the button: {layout}")
    context.close()


# The search field at rest: search open, and the field where it was a tenth of a second ago.
FIELD_STILL = """() => new Promise(done => {
  const field = document.querySelector('.md-search__input');
  const right = () => field.getBoundingClientRect().right;
  const before = right();
  setTimeout(() => done(document.getElementById('__search').checked && right() === before), 100);
})"""
FIELD_AND_BUTTON = """() => ({
  field: document.querySelector('.md-search__input').getBoundingClientRect().right,
  button: document.querySelector('.md-header .qx-button').getBoundingClientRect().left,
  viewport: [innerWidth, visualViewport.width, visualViewport.scale],
  reserved: getComputedStyle(document.querySelector('.md-search__form')).marginRight,
})"""


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """As GitHub Pages serves a project site: under its path, <site>/404.html for anything missing."""
    site: Path
    prefix = "/police-violence-course/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0]
        rel = path[len(self.prefix):] if path.startswith(self.prefix) else "\0missing"
        return str(self.site / rel)

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if "\0" in str(target) or not (target.is_file() or (target / "index.html").is_file()):
            body = (self.site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


@pytest.fixture(scope="module")
def pages_server(course_site):
    handler = type("Handler", (_PagesHandler,), {"site": course_site})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{_PagesHandler.prefix}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("lang, title, home", [("", "Page not found - ", "Go to the course's home page"),
                                               ("ru/", "Страница не найдена - ", "Перейти на главную страницу курса")])
def test_not_found_page_has_the_exit_the_policy_and_the_right_language(device, course_site, pages_server, lang, title, home):
    page = device
    for rel in ("404.html", "ru/404.html"):
        html = (course_site / rel).read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html and "/assets/course/exit.js" in html, rel
    page.goto(pages_server)
    page.goto(pages_server + lang + "module-9/no-such-page/")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == (lang.rstrip("/") or "en")
    assert page.title().startswith(title) and page.locator("article h1").inner_text() == title[:-3]
    assert page.get_by_role("link", name=home).count() == 1
    hit = page.evaluate(HIT)
    assert isinstance(hit, list), hit
    _, x, y = hit
    page.touchscreen.tap(x, y) if page.touch else page.mouse.click(x, y)
    page.wait_for_url(DEFAULT_EXIT_URLS[lang.rstrip("/") or "en"])
    page.go_back()
    assert page.url == pages_server


def test_not_found_page_in_discreet_mode_has_the_neutral_title(tmp_path):
    from sitebuild import MINI_CONFIG, build_site, make_site
    config = MINI_CONFIG.replace("  - course\n", "  - course:\n      discreet: true\n")
    build_site(make_site(tmp_path, config=config), tmp_path / "site")
    for rel, title in (("404.html", "Notes"), ("ru/404.html", "Заметки")):
        html = (tmp_path / "site" / rel).read_text(encoding="utf-8")
        assert f"<title>{title}</title>" in html and "neutral.svg" in html, rel
