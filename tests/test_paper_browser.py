"""Paper for a session (issue 21), printed by Chromium's printToPDF: handouts without the
discussion answers, sheet counts within the README figures, the worksheet view
(PAGE#worksheet-QUIZ_ID) and the one-page answer grid (PAGE#answer-grid-QUIZ_ID)."""

from __future__ import annotations

import io
import re

import pytest

from conftest import _Server
from sitebuild import MINI_CONFIG, build_site, make_site
from test_browser_site import bank as export_bank, quiz_pages as find_quiz_pages
from test_every_page_browser import axe_violations

pypdf = pytest.importorskip("pypdf")

# The sheet counts README records ("Paper for a session"): printed A4, as a trainer prints them.
SHEETS = {"ru/module-1/violations/": 7, "module-1/violations/": 6, "ru/guidebook/pre-test/": 3,
          "guidebook/pre-test/": 3, "ru/guidebook/pre-test/#worksheet-pretest": 2, "module-1/cases/": 4}


def pdf(page, url) -> "pypdf.PdfReader":
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def bank():
    return export_bank()


@pytest.fixture(scope="module")
def quiz_pages(course_site):
    return find_quiz_pages(course_site)


@pytest.mark.parametrize("path, most", SHEETS.items())
def test_printed_pages_waste_no_sheets(page, course_server, path, most):
    sheets = pdf(page, course_server + path).pages
    assert len(sheets) <= most, f"{path}: {len(sheets)} sheets (README: {most})"
    # and no sheet is left nearly empty, except the last one
    for n, sheet in enumerate(sheets[:-1], start=1):
        assert len(words(sheet.extract_text())) > 600, f"{path}: sheet {n} is nearly empty"


@pytest.mark.parametrize("path", ["module-1/cases/", "ru/module-2/cases/", "module-3/cases/", "ru/module-3/cases/"])
def test_handouts_leave_out_the_discussion_answers(page, course_server, path):
    page.goto(course_server + path)
    answers = page.eval_on_selector_all(".stop + details", """ds => ds.map(d =>
        [...d.children].filter(c => c.tagName !== 'SUMMARY').map(c => c.textContent).join(' '))""")
    assert len(answers) >= 5
    text = words(" ".join(p.extract_text() for p in pdf(page, course_server + path).pages))
    assert ("Stop and think" in text) or ("Остановитесь и подумайте" in text)
    for answer in answers:
        for sentence in re.split(r"(?<=[.!?])\s+", words(answer))[:3]:
            probe = sentence[:40]
            if len(probe) >= 25:
                assert words(probe) not in text, f"{path}: a discussion answer is printed: {probe}"
    page.emulate_media(media="print")
    looks = page.eval_on_selector_all(".stop + details", """ds => ds.map(d => [getComputedStyle(d).display,
        parseFloat(getComputedStyle(d.previousElementSibling, '::after').height)])""")
    assert all(display == "none" and lines >= 60 for display, lines in looks), looks   # lines to write on


DISCUSSED = """\
# Case

!!! stop "Stop and think"
    What would you do?

??? note "Discussion"
    The trainer's answer: ask her first.
"""


@pytest.fixture(scope="module")
def case_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("case")
    pages = {"en/index.md": "# Home\n", "ru/index.md": "# Главная\n",
             "en/module-1/index.md": DISCUSSED, "ru/module-1/index.md": DISCUSSED,
             "en/guidebook/index.md": DISCUSSED, "ru/guidebook/index.md": DISCUSSED}
    config = MINI_CONFIG.replace("md_in_html, toc]", "md_in_html, toc, pymdownx.details]")
    assert config != MINI_CONFIG
    build_site(make_site(root, pages=pages, quizzes={}, config=config), root / "site", strict=False)
    server = _Server(root / "site")
    yield server.url
    server.close()


def test_trainer_pages_keep_the_discussion_and_no_chevron_prints(page, case_server):
    handout = words(" ".join(p.extract_text() for p in pdf(page, case_server + "module-1/").pages))
    trainer = pdf(page, case_server + "guidebook/")
    page.emulate_media(media="print")
    assert page.eval_on_selector("summary", "s => getComputedStyle(s, '::after').display") == "none"
    assert page.eval_on_selector(".stop", "s => getComputedStyle(s, '::after').content") in ("none", "normal")
    assert "What would you do?" in handout and "ask her first" not in handout
    assert "Discussion" in words(" ".join(p.extract_text() for p in trainer.pages))


def correct_letters(page, qid, q) -> str:
    """The letters printed beside the correct options of ``q`` on the worksheet (print media)."""
    letters = []
    for option in q["options"]:
        if option["correct"]:
            label = page.locator(f'[data-quiz="{qid}"] [data-question="{q["id"]}"] input[value="{option["id"]}"] + label')
            letters.append(label.locator(".cq-letter").inner_text().rstrip(")"))
    return ", ".join(sorted(letters))


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_answer_grid_gives_the_printed_letters_of_the_correct_options_on_one_sheet(page, course_server, bank,
                                                                                  quiz_pages, lang):
    for qid, path in quiz_pages.items():
        url = course_server + lang + path
        page.goto(url)
        grid = page.locator(f'[data-answer-grid="{qid}"]')
        assert not grid.is_visible()
        page.emulate_media(media="print")
        assert not grid.is_visible()                       # never printed on the worksheet
        expected = {}
        for q in bank[qid]["questions"]:
            if q["type"] == "ordering":                     # the number of each printed step, top to bottom
                rank = {o["id"]: i for i, o in enumerate(q["options"], start=1)}
                shown = page.locator(f'[data-quiz="{qid}"] [data-question="{q["id"]}"] [data-option]')
                expected[q["id"]] = " – ".join(str(rank[o]) for o in shown.evaluate_all("els => els.map(e => e.dataset.option)"))
            else:
                expected[q["id"]] = correct_letters(page, qid, q)
                assert expected[q["id"]], (qid, q["id"])
        page.emulate_media(media=None)   # back to the default: page.pdf() prints with print media again
        page.goto(url + f"#answer-grid-{qid}")
        assert grid.is_visible() and not page.locator(f'[data-quiz="{qid}"]').is_visible()
        rows = grid.locator("[data-grid-question]").evaluate_all("rs => rs.map(r => [r.dataset.gridQuestion, r.dataset.answer])")
        assert [r for r, _ in rows] == [q["id"] for q in bank[qid]["questions"]]
        for q_id, answer in rows:
            got = answer if " – " in answer else ", ".join(sorted(answer.split(", ")))
            assert got == expected[q_id], (qid, q_id, answer, expected[q_id])
        assert axe_violations(page) == []
        assert len(pdf(page, url + f"#answer-grid-{qid}").pages) == 1, f"{qid}: the grid is not one sheet"


def test_worksheet_view_prints_the_questions_alone(page, course_server, bank, quiz_pages):
    for qid, path in quiz_pages.items():
        for lang in ("", "ru/"):
            url = course_server + lang + path + f"#worksheet-{qid}"
            page.goto(url)
            quiz = page.locator(f'[data-quiz="{qid}"]')
            assert quiz.is_visible()
            others = page.eval_on_selector_all("article > *", """els => els.filter(e =>
                !e.matches('.cq-ws, .cq, :has(.cq)') && e.getClientRects().length).map(e => e.tagName + ' ' + e.textContent.slice(0, 40))""")
            assert others == [], (qid, others)
            page.emulate_media(media="print")
            questions = quiz.locator("[data-question]")
            assert questions.count() == len(bank[qid]["questions"])
            assert all(questions.nth(i).is_visible() for i in range(questions.count()))
            assert not page.locator(f'[data-answer-key="{qid}"]').is_visible()
            assert not page.locator(f'[data-answer-grid="{qid}"]').is_visible()
            page.emulate_media(media=None)
        text = words(" ".join(p.extract_text() for p in pdf(page, url).pages))
        assert "Проверено" not in text and "Вопрос 1" in text
