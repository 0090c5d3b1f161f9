"""The real course in headless Chromium: every request stays on the local server."""

import json
import subprocess
import sys

import pytest

from sitebuild import ROOT


def visit(page, url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="networkidle")
    return requests


@pytest.mark.parametrize("path,lang", [("", "en"), ("ru/", "ru")])
def test_home_page_requests_are_all_local(page, course_server, path, lang):
    requests = visit(page, course_server + path)
    assert requests, "no request recorded"
    foreign = [u for u in requests if not u.startswith(course_server) and not u.startswith("data:")]
    assert not foreign, foreign
    assert page.get_attribute("html", "lang") == lang
    assert not page.console_errors, page.console_errors


def test_language_switcher_goes_to_the_same_page_in_russian(page, course_server):
    page.goto(course_server + "module-1/")
    page.locator(".md-select__link[hreflang=ru]").first.dispatch_event("click")
    page.wait_for_url(course_server + "ru/module-1/")
    assert page.get_attribute("html", "lang") == "ru"


def bank():
    out = subprocess.run([sys.executable, str(ROOT / "scripts/quizzes.py"), "export", "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    return {q["id"]: q for q in json.loads(out)}


def answer(page, quiz, correct=True):
    """Answer every question of an exported quiz through the public DOM contract."""
    root = page.locator(f'[data-quiz="{quiz["id"]}"]')
    for q in quiz["questions"]:
        el = root.locator(f'[data-question="{q["id"]}"]')
        if el.get_attribute("hidden") is not None:
            continue
        if q["type"] == "ordering":
            wanted = [o["id"] for o in q["options"]]
            if not correct:
                wanted = wanted[::-1]
            el.evaluate("(el, ids) => { const list = el.querySelector('[data-option]').parentElement;"
                        " ids.forEach(id => list.append(el.querySelector(`[data-option=\"${id}\"]`))); }", wanted)
            continue
        picks = [o["id"] for o in q["options"] if o["correct"] == correct]
        if q["type"] != "multiple":
            picks = picks[:1]
        for oid in picks:
            el.locator(f'input[value="{oid}"]').check()
    root.locator("button[type=submit]").click()
    res = root.locator("[data-quiz-result]")
    return res.get_attribute("data-score"), res.get_attribute("data-passed")


def quiz_pages(course_site):
    """quiz id -> site-relative URL of the English page that holds it."""
    found = {}
    for html in course_site.rglob("index.html"):
        rel = html.parent.relative_to(course_site).as_posix()
        if rel.startswith("ru"):
            continue
        text = html.read_text(encoding="utf-8")
        for qid in set(__import__("re").findall(r'data-quiz="([^"]+)"', text)):
            found[qid] = "" if rel == "." else rel + "/"
    return found


def test_every_course_quiz_scores_100_when_all_correct(page, course_site, course_server):
    pages = quiz_pages(course_site)
    quizzes = bank()
    assert set(pages) == set(quizzes), "every quiz must be placed on a page"
    for qid, quiz in quizzes.items():
        page.goto(course_server + pages[qid])
        assert answer(page, quiz) == ("100", "true"), qid
    assert not page.console_errors, page.console_errors


def test_course_quiz_wrong_answers_do_not_pass_and_show_in_russian_progress(page, course_site, course_server):
    quizzes = bank()
    pages = quiz_pages(course_site)
    qid = sorted(q for q in quizzes if q.startswith("module"))[0] if any(q.startswith("module") for q in quizzes) else sorted(quizzes)[0]
    page.goto(course_server + "ru/" + pages[qid])
    score, passed = answer(page, quizzes[qid], correct=False)
    assert passed == "false" and int(score) < quizzes[qid]["pass_mark"]
    page.goto(course_server + "ru/progress/")
    assert page.locator(f'[data-progress-quiz="{qid}"] [data-cell=status]').inner_text() == "Были попытки, пока не пройден"
