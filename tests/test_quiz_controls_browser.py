"""Quiz controls as a person meets them, on a laptop and on a touch phone: only the control that
applies is shown, an attempt is checked once, and nothing is cleared or checked half-answered
without asking first (in the page: a native dialog would block the quick exit)."""

from __future__ import annotations

import json

import pytest

from conftest import _Server
from sitebuild import build_site, make_site

from course_plugin.site import STORAGE_KEYS

KEY = STORAGE_KEYS["progress"]
QUIZ = '[data-quiz="sample"]'
SUBMIT = QUIZ + " button[type=submit]"
RETRY = QUIZ + " .cq-retry"
CONFIRM = QUIZ + " [data-quiz-confirm]"
YES, NO = CONFIRM + " [data-confirm-yes]", CONFIRM + " [data-confirm-no]"

DEVICES = {
    "laptop": dict(viewport={"width": 1366, "height": 768}),
    "phone": dict(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, device_scale_factor=2),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("quiz-controls")
    pages = {
        "en/index.md": "# Home\n\nHello.\n", "ru/index.md": "# Главная\n\nПривет.\n",
        "en/other.md": "# Other\n\nB.\n", "ru/other.md": "# Другая\n\nБ.\n",
        "en/quiz/page.md": "# Quiz page\n\n<!-- quiz: sample -->\n",
        "ru/quiz/page.md": "# Страница теста\n\n<!-- quiz: sample -->\n",
        "en/certificate.md": "# Certificate\n\n<!-- course: certificate -->\n",
        "ru/certificate.md": "# Сертификат\n\n<!-- course: certificate -->\n",
    }
    build_site(make_site(root, pages=pages), root / "site")
    server = _Server(root / "site")
    yield server.url
    server.close()


@pytest.fixture(params=list(DEVICES))
def device(request, browser):
    context = browser.new_context(**DEVICES[request.param])
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.touch = request.param == "phone"
    yield pg
    context.close()


def press(page, selector):
    """What a person does: a tap on the phone, a click on the laptop."""
    page.tap(selector) if page.touch else page.click(selector)


def shown(page, selector) -> bool:
    """Seen on screen: displayed and with an area (not the hidden attribute, which CSS can override)."""
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                           " return getComputedStyle(e).display !== 'none' && r.width > 0 && r.height > 0; }")


def answer_all(page, single="b"):
    page.check(f'[data-question="s-single"] input[value="{single}"]')
    page.check('[data-question="s-multi"] input[value="x"]')
    page.check('[data-question="s-tf"] input[value="false"]')


def attempts(page):
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw)["quizzes"]["sample"]["attempts"] if raw else 0


def test_only_the_control_that_applies_is_shown(device, site):
    page = device
    page.goto(site + "quiz/page/")
    assert shown(page, SUBMIT) and not shown(page, RETRY) and not shown(page, CONFIRM)
    answer_all(page)
    press(page, SUBMIT)
    assert page.get_attribute(QUIZ + " [data-quiz-result]", "data-score") is not None
    assert not shown(page, SUBMIT) and shown(page, RETRY)
    assert page.errors == []


def test_an_attempt_is_checked_once(device, site):
    page = device
    page.goto(site + "quiz/page/")
    answer_all(page, single="a")
    press(page, SUBMIT)
    assert attempts(page) == 1
    # Enter in a field (implicit submission) or a script's requestSubmit(): not a second attempt
    page.evaluate(f"document.querySelector('{QUIZ} form').requestSubmit()")
    page.evaluate(f"document.querySelector('{SUBMIT}').click()")
    assert attempts(page) == 1
    assert not shown(page, CONFIRM)


def test_try_again_asks_before_clearing(device, site):
    page = device
    page.goto(site + "quiz/page/")
    answer_all(page, single="a")
    press(page, SUBMIT)
    press(page, RETRY)
    assert shown(page, CONFIRM) and not shown(page, RETRY) and not shown(page, SUBMIT)
    assert page.inner_text(CONFIRM + " .cq-confirm-text") == "Start again? This clears all your answers to this quiz."
    assert page.evaluate("document.activeElement.hasAttribute('data-confirm-no')"), "focus starts on the safe choice"
    press(page, NO)
    assert not shown(page, CONFIRM) and shown(page, RETRY)
    assert page.is_checked('[data-question="s-single"] input[value="a"]')
    assert page.get_attribute(QUIZ + " [data-quiz-result]", "data-score") is not None
    press(page, RETRY)
    press(page, YES)
    assert not page.is_checked('[data-question="s-single"] input[value="a"]')
    assert page.get_attribute(QUIZ + " [data-quiz-result]", "data-score") is None
    assert shown(page, SUBMIT) and not shown(page, RETRY) and not shown(page, CONFIRM)
    answer_all(page)
    press(page, SUBMIT)
    assert attempts(page) == 2


def test_unanswered_questions_ask_first(device, site):
    page = device
    page.goto(site + "ru/quiz/page/")
    page.check('[data-question="s-single"] input[value="b"]')
    press(page, SUBMIT)
    assert shown(page, CONFIRM) and not shown(page, SUBMIT)
    assert page.inner_text(CONFIRM + " .cq-confirm-text") == "Вопросов без ответа: 2 из 4. Всё равно проверить ответы?"
    assert page.inner_text(YES) == "Всё равно проверить" and page.inner_text(NO) == "Вернуться к вопросам"
    assert page.get_attribute(QUIZ + " [data-quiz-result]", "data-score") is None and attempts(page) == 0
    press(page, NO)
    assert not shown(page, CONFIRM) and shown(page, SUBMIT)
    assert page.evaluate("document.activeElement.closest('[data-question]').dataset.question") == "s-multi"
    press(page, SUBMIT)
    press(page, YES)
    assert page.get_attribute(QUIZ + " [data-quiz-result]", "data-score") is not None and attempts(page) == 1
    assert not shown(page, SUBMIT) and not shown(page, CONFIRM)


def test_self_study_certificate_print_button_is_hidden_until_ready(device, site):
    page = device
    page.goto(site + "certificate/")
    assert not shown(page, "[data-cert-form]") and not shown(page, "[data-cert-print]")
    passed = {"v": 1, "quizzes": {"sample": {"best": 100, "passed": True, "attempts": 1, "last": "2026-12-01"}}}
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(passed))})")
    page.reload()
    assert shown(page, "[data-cert-form]"), "every module quiz passed: the form is offered"
    assert not shown(page, "[data-cert-print]"), "nothing to print before the certificate is made"
    press(page, "[data-cert-form] button[type=submit]")
    assert shown(page, "[data-cert-print]")
