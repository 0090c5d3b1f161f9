"""Slides that fit the screen (issue 21): every slide of every module and guidebook page, in
presentation mode at 1366x768 (a trainer's laptop) and 1920x1080 (a projector), shows all its text
inside the window, above and clear of the slide controls and the quick exit; admonitions and
tables scale with the slide; a slide too tall is split into continued slides; Page Down (what a
presentation clicker sends) goes on, even from a quiz's radio buttons."""

from __future__ import annotations

import pytest

from conftest import _Server, wait_until
from sitebuild import build_site, make_site
from test_present_browser import start

LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}

# Everything a person sees on the current slide: every non-blank text node's boxes (an element's
# own text, so a clipped or off-screen line counts), with the boxes of the slide controls and of a
# visible quick exit. Checked against the window: inside it, and no text under a control.
SLIDE_TEXT = """() => {
  const art = document.querySelector("article");
  const boxes = (el) => el && el.getClientRects().length ? [el.getBoundingClientRect()] : [];
  const controls = [...document.querySelectorAll(".pr-controls, .qx-float, .qx-button, .ls-float")].flatMap(boxes)
    .filter(r => r.width && r.height).map(r => [r.left, r.top, r.right, r.bottom]);
  const walk = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
  const bad = [];
  let lines = 0;
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim() || n.parentElement.closest(".pr-controls, .pr-sr, .pr-panel")) continue;
    if (!n.parentElement.checkVisibility({visibilityProperty: true})) continue;   // e.g. inside a closed <details>
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (!r.width || !r.height) continue;
      lines++;
      const out = r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1;
      const covered = controls.some(([l, t, rr, b]) => r.left < rr && r.right > l && r.top < b && r.bottom > t);
      if (out || covered) bad.push([n.textContent.trim().slice(0, 50), out ? "outside" : "under a control",
                                    Math.round(r.top), Math.round(r.bottom)]);
    }
  }
  const size = parseFloat(getComputedStyle(art).fontSize);
  return {lines, bad: bad.slice(0, 5), size, scroll: scrollY, count: document.querySelector(".pr-count").textContent};
}"""


def presentable_pages(site) -> list[str]:
    """Every built page with a Present button (module and guidebook pages), both languages."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        if "data-present" in html.read_text(encoding="utf-8"):
            pages.append(html.parent.relative_to(site).as_posix() + "/")
    return pages


def check_every_slide(page, url):
    page.goto(url)
    start(page)
    total = int(page.locator(".pr-count").inner_text().split(" / ")[1])
    seen = []
    for n in range(total):
        state = page.evaluate(SLIDE_TEXT)
        assert state["count"] == f"{n + 1} / {total}", (url, state["count"])
        seen.append(state)
        assert state["lines"], f"{url}: slide {n + 1} shows no text"
        assert not state["bad"], f"{url}: slide {n + 1} does not fit: {state['bad']}"
        assert state["size"] >= 16, f"{url}: slide {n + 1} set in {state['size']}px type"
        assert state["scroll"] == 0
        page.keyboard.press("PageDown")
    page.keyboard.press("Escape")
    return seen


@pytest.fixture(scope="module")
def pages(course_site):
    found = presentable_pages(course_site)
    assert len(found) >= 40 and any(p.startswith("ru/guidebook/") for p in found), found
    return found


def test_every_slide_fits_a_laptop_screen(browser, course_server, pages):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    scaled = 0
    for path in pages:
        scaled += sum(s["size"] < 27.5 for s in check_every_slide(page, course_server + path))
    assert scaled, "no slide of the course needed smaller type: the check would not see a tall one"
    assert not page.console_errors
    context.close()


def test_every_slide_fits_a_projector_screen(browser, course_server, pages):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    for path in pages:
        if not path.startswith("ru/"):      # the Russian texts are longer: the laptop test has them
            continue
        check_every_slide(page, course_server + path)
    context.close()


def test_admonition_and_table_text_scale_with_the_slide(page, course_server):
    page.set_viewport_size(LAPTOP)
    page.goto(course_server + "module-1/violations/")
    start(page)
    ratios = []
    for _ in range(int(page.locator(".pr-count").inner_text().split(" / ")[1])):
        ratios += page.evaluate("""() => {
          const art = parseFloat(getComputedStyle(document.querySelector("article")).fontSize);
          return [...document.querySelectorAll("article .admonition p, article details p, article td")]
            .filter(e => e.getClientRects().length).map(e => [e.tagName, parseFloat(getComputedStyle(e).fontSize) / art]);
        }""")
        page.keyboard.press("PageDown")
    assert any(t == "TD" for t, _ in ratios) and any(t == "P" for t, _ in ratios)
    for tag, ratio in ratios:
        assert ratio >= (0.8 if tag == "P" else 0.7), (tag, ratio)   # Material's own: .64rem, about 0.46


LONG = "# Long page\n\nIntro.\n\n## A very long section\n\n" + "".join(
    f"Paragraph {i}: " + "words that fill the line and more words to make it wrap around once. " * 3 + "\n\n"
    for i in range(1, 41)) + "## After\n\nThe end.\n"


@pytest.fixture(scope="module")
def long_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("long")
    pages = {"en/index.md": "# Home\n", "ru/index.md": "# Главная\n", "en/module-1/index.md": LONG,
             "ru/module-1/index.md": LONG.replace("# Long page", "# Длинная страница")}
    build_site(make_site(root, pages=pages, quizzes={}), root / "site", strict=False)
    server = _Server(root / "site")
    yield server.url
    server.close()


@pytest.mark.parametrize("lang, word", [("", "(continued)"), ("ru/", "(продолжение)")])
def test_a_slide_too_tall_is_split_into_continued_slides(browser, long_server, lang, word):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    slides = check_every_slide(page, long_server + lang + "module-1/")
    assert len(slides) >= 4                  # title, the long section in several parts, "After"
    page.goto(long_server + lang + "module-1/")
    start(page)
    shown, labels = [], []
    for _ in slides:
        shown += page.evaluate("""() => [...document.querySelectorAll("article > p")]
            .filter(p => p.getClientRects().length).map(p => p.textContent.split(":")[0])""")
        labels.append(page.locator(".pr-cont").inner_text() if page.locator(".pr-cont").is_visible() else "")
        page.keyboard.press("PageDown")
    paragraphs = [f"Paragraph {i}" for i in range(1, 41)]
    assert [p for p in shown if p.startswith("Paragraph")] == paragraphs     # each once, in order
    continued = [label for label in labels if label]
    assert continued and all(label.endswith(word) and "A very long section" in label for label in continued)
    assert not labels[0] and not labels[-1]
    # a lower window (the same width, so the same type: less room) splits again, keeping the slide in view
    page.keyboard.press("Home")
    before = page.locator(".pr-count").inner_text()
    page.set_viewport_size({"width": LAPTOP["width"], "height": 500})
    wait_until(page, "n => +document.querySelector('.pr-count').textContent.split(' / ')[1] > n",
               int(before.split(" / ")[1]))
    assert page.locator(".pr-count").inner_text().startswith("1 / ")
    assert not page.evaluate(SLIDE_TEXT)["bad"]
    context.close()


def test_page_down_goes_on_from_a_quiz_and_page_up_goes_back(page, course_server):
    page.set_viewport_size(LAPTOP)
    page.goto(course_server + "module-1/summary/")
    start(page)
    total = int(page.locator(".pr-count").inner_text().split(" / ")[1])
    while not page.locator("[data-quiz] input[type=radio]").first.is_visible():
        page.keyboard.press("PageDown")
    at = page.locator(".pr-count").inner_text()
    page.locator("[data-quiz] input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")          # still moves within the radio group
    assert page.locator(".pr-count").inner_text() == at
    page.keyboard.press("PageUp")             # a clicker's "back"
    n = int(at.split(" / ")[0])
    assert page.locator(".pr-count").inner_text() == f"{n - 1} / {total}"
    page.keyboard.press("PageDown")
    assert page.locator(".pr-count").inner_text() == at


@pytest.mark.parametrize("viewport", [LAPTOP, PROJECTOR])
def test_quick_exit_stays_reachable_on_slides(page, course_server, viewport):
    # the exit target is answered locally: no test ever reaches another host
    page.route(lambda url: not url.startswith(course_server),
               lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>ok"))
    page.set_viewport_size(viewport)
    page.goto(course_server + "ru/module-1/cases/")
    start(page)
    page.keyboard.press("PageDown")
    hit = page.evaluate("""() => {
      const shown = e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden"
        && e.getBoundingClientRect().left >= 0;
      return [...document.querySelectorAll("[data-exit]")].map(e => { if (!shown(e)) return false;
        const r = e.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!at && (at === e || e.contains(at)); });
    }""")
    assert True in hit, "no quick exit a person can click on a slide"
    # the one a person sees and can hit (the skip link "Exit this page now" waits off-screen for focus)
    page.locator("[data-exit]").nth(hit.index(True)).click()
    page.wait_for_url(lambda u: "/module-1/cases/" not in u, timeout=10000)
