"""Print in headless Chromium (print media emulated): clean handouts, quiz worksheets without
answers, and answer keys that mark exactly the correct options of the quiz bank."""

from __future__ import annotations

import pytest

from conftest import _Server
from sitebuild import build_site, make_site
from test_browser_site import bank as export_bank, quiz_pages as find_quiz_pages
from test_every_page_browser import axe_violations

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".qx",
          ".qx-button", ".pr-bar", ".md-top"]
LANGS = ["", "ru/"]


@pytest.fixture(scope="module")
def bank():
    """The quiz bank through its public JSON export (the README contract)."""
    return export_bank()


@pytest.fixture(scope="module")
def quiz_pages(course_site, bank):
    """quiz id -> page path (same in both languages), found in the built site."""
    pages = find_quiz_pages(course_site)
    assert set(pages) == set(bank)
    for qid, path in pages.items():
        html = (course_site / path / "index.html").read_text(encoding="utf-8")
        assert f'data-answer-key="{qid}"' in html, "every quiz has an answer key on its page"
    return pages


def hidden(page, selector) -> bool:
    loc = page.locator(selector)
    return all(not loc.nth(i).is_visible() for i in range(loc.count()))


@pytest.mark.parametrize("path", ["module-1/cases/", "ru/module-2/checklist/", "guidebook/session-plans/",
                                  "ru/guidebook/pre-test/"])
def test_print_hides_the_chrome(page, course_server, path):
    page.goto(course_server + path)
    assert page.locator(".md-header").is_visible() and page.locator("button[data-present]").is_visible()
    page.emulate_media(media="print")
    for sel in CHROME:
        assert page.locator(sel).count(), f"{sel} is on the page"
        assert hidden(page, sel), f"{sel} is printed"
    assert hidden(page, "article .headerlink")
    assert page.locator("article h1").is_visible()
    # sections flow on (no sheet a third full): no forced break, but a heading keeps its first lines
    breaks = page.eval_on_selector_all("article > h2", "hs => hs.map(h => [getComputedStyle(h).breakBefore, getComputedStyle(h).breakAfter])")
    assert breaks and all(b == ["auto", "avoid"] for b in breaks), breaks


def test_trainer_notes_left_out_of_handouts_but_printed_in_the_guidebook(page, course_server):
    page.goto(course_server + "module-1/cases/")
    assert page.locator("article .trainer").first.is_visible()
    page.emulate_media(media="print")
    assert hidden(page, "article .trainer")
    page.goto(course_server + "ru/guidebook/session-plans/")
    assert page.locator("article .trainer").first.is_visible()


LINKS = """\
# Links

Read [the Convention](https://example.org/convention), the [next part](#part) and [another page](../other.md).

## Part {#part}

Text.
"""


@pytest.fixture(scope="module")
def links_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("links")
    pages = {"en/index.md": "# Home\n", "ru/index.md": "# Главная\n", "en/other.md": "# Other\n",
             "ru/other.md": "# Другая\n", "en/module-1/index.md": LINKS, "ru/module-1/index.md": LINKS}
    build_site(make_site(root, pages=pages, quizzes={}), root / "site", strict=False)
    server = _Server(root / "site")
    yield server.url
    server.close()


def test_printed_links_show_their_external_target(page, links_server):
    page.goto(links_server + "module-1/")
    after = "a => getComputedStyle(a, '::after').content"
    assert "example.org" not in page.eval_on_selector('article a[href^="https"]', after)
    page.emulate_media(media="print")
    assert "https://example.org/convention" in page.eval_on_selector('article a[href^="https"]', after)
    assert page.eval_on_selector('article a[href="#part"]', after) in ("none", "normal")
    assert page.eval_on_selector('article a[href*="other"]', after) in ("none", "normal")
    assert page.eval_on_selector("article h2", "h => getComputedStyle(h).breakBefore") == "auto"


def answer_everything_and_submit(page, root):
    for q in root.locator("[data-question]").all():
        boxes = q.locator("input")
        if boxes.count():
            boxes.first.check()
    root.locator("button[type=submit]").click()
    assert root.locator("[data-quiz-result]").get_attribute("data-score") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_worksheets_carry_no_answer(page, course_server, bank, quiz_pages, lang):
    for qid, path in quiz_pages.items():
        page.goto(course_server + lang + path)
        root = page.locator(f'[data-quiz="{qid}"]')
        explanations = [t.strip()[:60] for t in page.locator(f'[data-answer-key="{qid}"] .cq-key-expl > :not(.cq-key-label)').all_text_contents()]
        assert len(explanations) >= len(bank[qid]["questions"])
        answer_everything_and_submit(page, root)          # feedback is on screen now
        assert root.locator(".cq-qfb").first.is_visible()
        page.emulate_media(media="print")
        questions = root.locator("[data-question]")
        assert questions.count() == len(bank[qid]["questions"])
        assert all(questions.nth(i).is_visible() for i in range(questions.count()))
        for sel in (".cq-qfb", ".cq-fb", ".cq-expl", ".cq-verdict", ".cq-answer", ".cq-result", ".cq-hint", "button"):
            assert hidden(page, f'[data-quiz="{qid}"] {sel}'), f"{qid}: {sel} is printed"
        assert hidden(page, f'[data-answer-key="{qid}"]')
        text = root.inner_text()
        for mark in ("✓", "Correct answer", "Правильный ответ", "Correct order", "Правильный порядок"):
            assert mark not in text, f"{qid}: {mark!r} on the worksheet"
        for expl in explanations:
            assert expl not in text, f"{qid}: explanation printed: {expl}"
        # tick boxes print empty, even where an answer was chosen on screen
        looks = root.locator("input").evaluate_all("els => els.map(e => getComputedStyle(e).appearance)")
        assert looks and set(looks) == {"none"}
        for step in root.locator("[data-option]").all():   # ordering: a box to write the number in
            assert step.evaluate("s => getComputedStyle(s, '::before').content") == '""'
        if root.locator("[data-option]").count():
            assert root.locator(".cq-paper").first.is_visible()
        page.emulate_media(media="screen")


@pytest.mark.parametrize("lang", LANGS)
def test_answer_key_marks_exactly_the_correct_options(page, course_server, bank, quiz_pages, lang):
    for qid, path in quiz_pages.items():
        page.goto(course_server + lang + path)
        key = page.locator(f'[data-answer-key="{qid}"]')
        assert not key.is_visible()                          # not on the learner's page
        page.goto(course_server + lang + path + f"#answer-key-{qid}")
        assert key.is_visible() and not page.locator(f'[data-quiz="{qid}"]').is_visible()
        listed = key.locator("[data-key-question]").evaluate_all("els => els.map(e => e.dataset.keyQuestion)")
        assert listed == [q["id"] for q in bank[qid]["questions"]]
        for q in bank[qid]["questions"]:
            item = key.locator(f'[data-key-question="{q["id"]}"]')
            assert item.is_visible()
            opts = item.locator("[data-key-option]")
            got = opts.evaluate_all("els => els.map(e => [e.dataset.keyOption, e.dataset.correct, e.innerText])")
            if q["type"] == "ordering":
                assert [o for o, _, _ in got] == [o["id"] for o in q["options"]], q["id"]
                assert {c for _, c, _ in got} == {"true"}
            else:
                assert sorted(o for o, _, _ in got) == sorted(o["id"] for o in q["options"]), q["id"]
                correct = {o["id"] for o in q["options"] if o["correct"]}
                assert {o for o, c, _ in got if c == "true"} == correct, q["id"]
                for o, c, text in got:     # marked in words, not by colour alone
                    assert ("✓" in text) == (o in correct), (q["id"], o, text)
            assert item.locator(".cq-key-expl").inner_text().strip()
        assert axe_violations(page) == []
        page.emulate_media(media="print")                    # printing this view prints the key
        assert key.is_visible() and not page.locator(f'[data-quiz="{qid}"]').is_visible()
        assert hidden(page, ".md-header") and hidden(page, f'[data-answer-key="{qid}"] .cq-key-back')
        page.emulate_media(media="screen")
        page.click(f'[data-answer-key="{qid}"] .cq-key-back a')
        assert not key.is_visible() and page.locator(f'[data-quiz="{qid}"]').is_visible()
    assert not page.console_errors
