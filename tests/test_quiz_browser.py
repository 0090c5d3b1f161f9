"""Quizzes in headless Chromium against a built site: scoring, feedback, keyboard, progress."""

import json

import pytest

from course_plugin.site import STORAGE_KEYS

KEY = STORAGE_KEYS["progress"]


def answer_all_correctly(page):
    page.check('[data-question="s-single"] input[value="b"]')
    page.check('[data-question="s-multi"] input[value="x"]')
    page.check('[data-question="s-multi"] input[value="y"]')
    page.check('[data-question="s-tf"] input[value="false"]')
    order_steps(page, "s-order", ["one", "two", "three"])


def order_steps(page, qid, wanted):
    """Reorder an ordering question with its own Move buttons until the DOM order is ``wanted``."""
    for target, oid in enumerate(wanted):
        while True:
            current = page.eval_on_selector_all(f'[data-question="{qid}"] [data-option]', "els => els.map(e => e.dataset.option)")
            pos = current.index(oid)
            if pos == target:
                break
            page.click(f'[data-question="{qid}"] [data-option="{oid}"] [data-move="-1"]')


def result(page):
    el = page.locator("[data-quiz-result]")
    return el.get_attribute("data-score"), el.get_attribute("data-passed"), el.inner_text()


def test_all_correct_scores_100_and_passes(page, sample_server):
    page.goto(sample_server + "quiz/page/")
    answer_all_correctly(page)
    page.click('[data-quiz="sample"] button[type=submit]')
    score, passed, text = result(page)
    assert (score, passed) == ("100", "true")
    assert "100%" in text and "You have passed this quiz." in text
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored["v"] == 1 and stored["quizzes"]["sample"]["best"] == 100 and stored["quizzes"]["sample"]["passed"] is True
    assert not page.console_errors


def test_wrong_answer_shows_its_feedback_and_does_not_pass(page, sample_server):
    page.goto(sample_server + "quiz/page/")
    page.check('[data-question="s-single"] input[value="a"]')
    page.click("button[type=submit]")
    page.click("[data-quiz-confirm] [data-confirm-yes]")
    score, passed, text = result(page)
    assert passed == "false" and int(score) < 60
    q = page.locator('[data-question="s-single"]')
    assert q.locator('[data-feedback-for="a"]').is_visible() and "A is not it." in q.inner_text()
    assert q.locator(".cq-verdict").inner_text() == "Not correct."
    assert "Because" in q.locator(".cq-expl").inner_text()
    assert "Questions not answered: 2." in text  # s-multi and s-tf left blank; ordering is always answered
    # retry clears the attempt, once confirmed
    page.click(".cq-retry")
    page.click("[data-quiz-confirm] [data-confirm-yes]")
    assert page.locator("[data-quiz-result]").get_attribute("data-score") is None
    assert not page.is_checked('[data-question="s-single"] input[value="a"]')


def test_partial_multiple_is_all_or_nothing_by_default(page, sample_server):
    page.goto(sample_server + "quiz/page/")
    page.check('[data-question="s-multi"] input[value="x"]')
    page.click('[data-question="s-multi"] .cq-check-one')
    assert page.locator('[data-question="s-multi"] .cq-verdict').inner_text() == "Not correct."


def test_quiz_completed_by_keyboard_alone(page, sample_server):
    page.goto(sample_server + "quiz/page/")
    page.locator('[data-question="s-single"] input[value="a"]').focus()
    page.keyboard.press("ArrowDown")                      # radios: arrows move and select
    assert page.is_checked('[data-question="s-single"] input[value="b"]')
    page.locator('[data-question="s-multi"] input[value="x"]').focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.locator('[data-question="s-tf"] input[value="true"]').focus()
    page.keyboard.press("ArrowDown")
    # ordering: move with the buttons, using Enter on the focused button
    for _ in range(6):
        order = page.eval_on_selector_all('[data-question="s-order"] [data-option]', "els => els.map(e => e.dataset.option)")
        if order == ["one", "two", "three"]:
            break
        wrong = next(i for i, oid in enumerate(["one", "two", "three"]) if order[i] != oid)
        target = ["one", "two", "three"][wrong]
        page.locator(f'[data-option="{target}"] [data-move="-1"]').focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.dataset.move") in ("-1", "1")  # focus stays on a move button
    assert "now in position" in page.locator(".cq-sr").inner_text()
    page.locator('[data-quiz="sample"] button[type=submit]').focus()
    page.keyboard.press("Enter")
    assert result(page)[:2] == ("100", "true")
    assert page.evaluate("document.activeElement.hasAttribute('data-quiz-summary')")  # the score at the top of the quiz


def test_reload_keeps_progress_and_other_language_shows_it(page, sample_server):
    page.goto(sample_server + "quiz/page/")
    answer_all_correctly(page)
    page.click("button[type=submit]")
    page.reload()
    page.goto(sample_server + "ru/progress/")
    row = page.locator('[data-progress-quiz="sample"]')
    assert row.locator("[data-cell=status]").inner_text() == "Пройден"
    assert row.locator("[data-cell=best]").inner_text() == "100%"
    assert row.locator("[data-cell=attempts]").inner_text() == "1"
    page.click("[data-erase-all]")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    assert row.locator("[data-cell=status]").inner_text() == "Не начат"
    assert page.locator("[data-storage-status]").inner_text() == "Стёрто из этого браузера: ваш прогресс в тестах."


def test_corrupt_storage_is_ignored(page, sample_server):
    page.goto(sample_server + "progress/")
    for junk in ["{not json", '{"v":1,"quizzes":{"sample":{"best":"<b>x</b>","passed":1}}}', '[1,2]', '{"v":99}']:
        page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(junk)})")
        page.reload()
        assert page.locator('[data-progress-quiz="sample"] [data-cell=status]').inner_text() == "Not started"
    assert not page.console_errors


def test_russian_ui_on_ru_pages(page, sample_server):
    page.goto(sample_server + "ru/quiz/page/")
    assert page.get_attribute("html", "lang") == "ru"
    page.click("button[type=submit]")
    assert page.locator("[data-quiz-confirm] .cq-confirm-text").inner_text() == "Вопросов без ответа: 3 из 4. Всё равно проверить ответы?"
    page.click("[data-quiz-confirm] [data-confirm-yes]")
    text = page.locator("[data-quiz-result]").inner_text()
    assert "Ваш результат" in text and "Проходной балл пока не набран" in text
    assert page.locator('[data-question="s-order"] [data-move="-1"]').first.inner_text() == "Выше"
