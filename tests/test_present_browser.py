"""Presentation mode in headless Chromium: module and guidebook pages as slides, by keyboard."""

from __future__ import annotations

import pytest

from conftest import _Server, wait_until
from sitebuild import build_site, make_site
from test_every_page_browser import axe_violations

# The slides the test expects, computed here independently of present.js: the article's top-level
# blocks, split before each h2 and at each explicit slide break.
EXPECTED_SLIDES = """() => {
  const art = document.querySelector("article");
  const slides = [[]];
  for (const el of art.children) {
    if (el.classList.contains("pr-ui")) continue;
    const last = slides[slides.length - 1];
    const content = last.some(e => !e.hidden && !e.matches("[data-slide-break], .pr-bar"));
    if ((el.tagName === "H2" || el.matches("[data-slide-break]")) && content) slides.push([el]); else last.push(el);
  }
  return slides.map(els => ({
    heading: (els.map(e => e.matches("h1,h2,h3") ? e : e.querySelector("h1,h2,h3")).find(Boolean) || {}).id || null,
    notes: els.flatMap(e => [...(e.matches(".trainer") ? [e] : []), ...e.querySelectorAll(".trainer")])
              .map(n => n.querySelector(".admonition-title, summary").textContent.trim()),
  }));
}"""


# Tall enough that no slide of the course is split into continued slides (test_slides_fit_browser.py
# covers fitting): these tests count the article's own slides.
TALL = {"width": 1920, "height": 4800}


def start(page):
    button = page.locator("button[data-present]")
    assert button.is_visible() and button.evaluate("b => b.tagName") == "BUTTON"
    button.focus()
    page.keyboard.press("Enter")   # a real button: it works from the keyboard
    page.wait_for_selector("html.pr-on")


def counter(page) -> str:
    return page.locator(".pr-count").inner_text()


def heading_visible(page, hid: str) -> bool:
    return page.locator(f"article [id='{hid}']").is_visible()


def check_slide(page, slides, n):
    assert counter(page) == f"{n + 1} / {len(slides)}"
    for i, slide in enumerate(slides):
        if slide["heading"]:
            assert heading_visible(page, slide["heading"]) == (i == n), (i, n, slide)
    assert page.locator(".pr-ui .pr-sr").get_attribute("aria-live") == "polite"
    assert page.locator(".pr-ui .pr-sr").inner_text().startswith(("Slide", "Слайд"))


@pytest.mark.parametrize("path", ["module-1/cases/", "ru/guidebook/session-plans/"])
def test_present_steps_through_slides_by_keyboard(page, course_server, path):
    page.set_viewport_size(TALL)
    page.goto(course_server + path)
    slides = page.evaluate(EXPECTED_SLIDES)
    assert len(slides) >= 3
    start(page)
    # the chrome is gone, the type is large
    for sel in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(sel).first.is_visible(), sel
    assert float(page.eval_on_selector("article", "a => getComputedStyle(a).fontSize")[:-2]) >= 20
    check_slide(page, slides, 0)
    page.keyboard.press("ArrowRight")
    check_slide(page, slides, 1)
    page.keyboard.press("Space")
    check_slide(page, slides, 2)
    page.keyboard.press("ArrowLeft")
    check_slide(page, slides, 1)
    page.keyboard.press("End")
    check_slide(page, slides, len(slides) - 1)
    page.keyboard.press("ArrowRight")                 # no slide after the last
    check_slide(page, slides, len(slides) - 1)
    page.keyboard.press("Home")
    check_slide(page, slides, 0)
    # Material's own "p"/"n" page shortcuts must not leave the page while presenting
    page.keyboard.press("n")
    assert page.url.endswith(path)
    page.keyboard.press("Escape")
    assert page.evaluate("document.documentElement.classList.contains('pr-on')") is False
    assert page.evaluate("document.activeElement.matches('button[data-present]')")
    for slide in slides:
        if slide["heading"]:
            assert heading_visible(page, slide["heading"])
    assert not page.locator(".pr-controls").is_visible()
    assert not page.console_errors


def test_controls_are_buttons_and_the_view_is_accessible(page, course_server):
    page.goto(course_server + "module-1/cases/")
    start(page)
    names = page.locator(".pr-controls button").all_inner_texts()
    assert names == ["Previous", "Next", "Presenter view", "Leave"]
    page.click(".pr-controls button:text('Next')")
    assert counter(page).startswith("2 / ")
    assert axe_violations(page) == []
    page.click(".pr-controls button:text('Leave')")
    assert page.evaluate("document.activeElement.matches('button[data-present]')")


def test_leaving_full_screen_leaves_the_presentation(page, course_server):
    page.goto(course_server + "ru/module-2/storage/")
    start(page)
    wait_until(page, "() => document.fullscreenElement === document.documentElement")
    # what the browser does on its own Esc (it may already have left full screen itself: same outcome)
    page.evaluate("document.fullscreenElement && document.exitFullscreen().catch(() => {})")
    wait_until(page, "() => !document.documentElement.classList.contains('pr-on')")
    assert page.evaluate("document.activeElement.matches('button[data-present]')")
    assert page.locator("button[data-present]").inner_text() == "Презентация"


def test_trainer_notes_hidden_on_slides_and_shown_in_presenter_window(page, course_server):
    page.set_viewport_size(TALL)
    page.goto(course_server + "guidebook/session-plans/")
    slides = page.evaluate(EXPECTED_SLIDES)
    with_notes = [i for i, s in enumerate(slides) if s["notes"]]
    without = [i for i, s in enumerate(slides) if not s["notes"]]
    assert with_notes and without
    start(page)
    with page.context.expect_page() as popup_info:
        page.keyboard.press("p")
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.locator("h1").inner_text() == page.evaluate("document.title").split(" - ")[0]
    assert popup.evaluate("document.documentElement.lang") == "en"
    for n in with_notes + without[:1]:
        page.keyboard.press("Home")
        for _ in range(n):
            page.keyboard.press("ArrowRight")
        assert counter(page).startswith(f"{n + 1} / ")
        notes = page.locator("article .trainer")
        assert all(not notes.nth(i).is_visible() for i in range(notes.count()))   # never on a slide
        shown = popup.locator(".pr-p-notes").inner_text()
        for title in slides[n]["notes"]:
            assert title in shown
        if not slides[n]["notes"]:
            assert "No trainer notes on this slide." in shown
        following = popup.locator(".pr-p-next").inner_text()
        if n + 1 < len(slides):
            title = page.locator(f"[id='{slides[n + 1]['heading']}']").evaluate(
                "h => [...h.childNodes].filter(c => !c.classList?.contains('headerlink')).map(c => c.textContent).join('').trim()")
            assert following == f"Next slide: {title}"
        else:
            assert following == "This is the last slide."
    last = (with_notes + without[:1])[-1]
    popup.keyboard.press("ArrowLeft")   # the presenter window drives the slides too
    assert counter(page).startswith(f"{max(last - 1, 0) + 1} / ")
    with popup.expect_event("close"):     # leaving the presentation closes the presenter window
        page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.matches('button[data-present]')")
    assert not page.console_errors


def test_presenter_view_falls_back_to_a_panel_when_windows_are_blocked(page, course_server):
    page.add_init_script("window.open = () => null")
    page.set_viewport_size(TALL)
    page.goto(course_server + "ru/module-1/cases/")
    slides = page.evaluate(EXPECTED_SLIDES)
    n = next(i for i, s in enumerate(slides) if s["notes"])
    start(page)
    for _ in range(n):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("P")
    panel = page.locator(".pr-panel")
    assert panel.is_visible()
    assert slides[n]["notes"][0] in panel.inner_text() and "Заметки для тренера" in panel.inner_text()
    assert panel.locator(".trainer").first.is_visible()
    assert not page.locator("article > .trainer, article > * .trainer:not(.pr-note)").first.is_visible()
    assert axe_violations(page) == []
    page.keyboard.press("p")
    assert not panel.is_visible()
    page.keyboard.press("Escape")
    assert not panel.is_visible()


def test_quiz_inside_a_slide_keeps_its_keys(page, course_server):
    page.goto(course_server + "module-1/summary/")
    start(page)
    page.keyboard.press("End")
    quiz = page.locator("[data-quiz]")
    assert quiz.is_visible()
    before = counter(page)
    first = quiz.locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")     # moves within the radio group, not to another slide
    assert counter(page) == before
    page.click('[data-quiz] button[type=submit]')
    page.click('[data-quiz-confirm] [data-confirm-yes]')   # unanswered questions: the quiz asks first
    assert quiz.locator("[data-quiz-result]").get_attribute("data-score") is not None
    assert not page.console_errors


def test_only_module_and_guidebook_pages_can_be_presented(course_site):
    def has_button(rel):
        return "data-present" in (course_site / rel / "index.html").read_text(encoding="utf-8")
    for rel in ("module-1", "module-2/checklist", "guidebook", "ru/guidebook/pre-test", "ru/module-3/cases"):
        assert has_button(rel), rel
    for rel in ("", "ru", "safety", "progress", "ru/glossary"):
        assert not has_button(rel), rel
    html = (course_site / "ru/module-1/index.html").read_text(encoding="utf-8")
    assert ">Презентация</button>" in html and "assets/course/present.js" in html
    assert "present.js" not in (course_site / "safety/index.html").read_text(encoding="utf-8")


MARKED = """\
# Slides

Intro.

## First

One.

<!-- slide -->

Still the first section, on a slide of its own.

```markdown
<!-- slide -->
```

!!! trainer "Note for trainers"
    Only for you.

## Second

Two.
"""


@pytest.fixture(scope="module")
def marked_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("marked")
    pages = {"en/index.md": "# Home\n", "ru/index.md": "# Главная\n",
             "en/module-1/index.md": MARKED, "ru/module-1/index.md": MARKED.replace("# Slides", "# Слайды")}
    config = make_site(root, pages=pages, quizzes={})
    build_site(config, root / "site", strict=False)
    server = _Server(root / "site")
    yield server.url, root / "site"
    server.close()


def test_explicit_slide_marker_starts_a_slide(page, marked_server):
    url, site = marked_server
    html = (site / "module-1/index.html").read_text(encoding="utf-8")
    assert html.count("data-slide-break") == 1 and "&lt;!-- slide --&gt;" in html   # not inside code
    page.goto(url + "module-1/")
    start(page)
    assert counter(page) == "1 / 4"
    page.keyboard.press("ArrowRight")
    assert page.locator("text=One.").is_visible() and not page.locator("text=Still the first").is_visible()
    page.keyboard.press("ArrowRight")
    assert page.locator("text=Still the first").is_visible() and not page.locator("text=One.").is_visible()
    assert not page.locator(".trainer").is_visible()
    page.keyboard.press("ArrowRight")
    assert page.locator("text=Two.").is_visible() and counter(page) == "4 / 4"
    assert not page.console_errors


def test_full_screen_left_at_once_still_leaves_the_presentation(page, course_server):
    # full screen left before the browser has told the page it entered (its "fullscreenchange"
    # comes with the next frame): the presentation must end all the same
    page.goto(course_server + "module-2/storage/")
    page.evaluate("""() => { const request = Element.prototype.requestFullscreen;
        Element.prototype.requestFullscreen = function (...args) {
            const granted = request.apply(this, args);
            granted.then(() => document.exitFullscreen().catch(() => {}), () => {});
            return granted; }; }""")
    start(page)
    wait_until(page, "() => !document.documentElement.classList.contains('pr-on') && !document.fullscreenElement")
