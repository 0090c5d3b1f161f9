"""The browser core (assets/core.js, README "Browser core"): one frozen global, loaded after the
quick exit and before every other course script, the one place for the storage keys, fill(), the
strict progress validator and the certificate alphabet; site facts read from #course-site."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import wait_until

ASSETS = Path(__file__).resolve().parents[1] / "plugins" / "course_plugin" / "assets"
PROGRESS = "pvwud-course.progress.v1"
CERTIFICATE = "pvwud-course.certificate.v1"
TODAY = "2026-11-12"


def _progress(scores: dict[str, int]) -> str:
    return json.dumps({"v": 1, "quizzes": {q: {"best": s, "passed": s >= 70, "attempts": 1, "last": TODAY}
                                          for q, s in scores.items()}})


def _course_scripts(page) -> list[str]:
    return page.evaluate("""() => [...document.scripts].map((s) => s.getAttribute('src') || '')
        .filter((src) => src.includes('assets/course/')).map((src) => src.split('/').pop())""")


def test_one_frozen_core_after_the_quick_exit_and_before_every_course_script(page, course_server):
    for path in ("module-1/summary/", "module-3/european-court/", "certificate/", "progress/", "verify/", "module-2/record/", ""):
        page.goto(course_server + path)
        scripts = _course_scripts(page)
        # exit.js first; then core.js before every script but the search loader (which needs nothing)
        assert scripts[0] == "exit.js" and scripts.count("core.js") == 1 and "progress.js" not in scripts, (path, scripts)
        before = scripts[1:scripts.index("core.js")]
        assert set(before) <= {"search.js"}, (path, scripts)
        assert len(scripts) > scripts.index("core.js") + 1, (path, scripts)
    assert page.evaluate("""() => Object.isFrozen(window.CourseCore) && Object.isFrozen(CourseCore.keys)
        && Object.isFrozen(CourseCore.progress) && Object.isFrozen(CourseCore.site)""")
    # without a #course-site block the core falls back to its constants (the README contract)
    has_block = page.evaluate("() => !!document.getElementById('course-site')")
    if not has_block:
        assert page.evaluate("() => CourseCore.keys") == {
            "prefix": "pvwud-course.", "progress": PROGRESS, "mode": "pvwud-course.mode", "certificate": CERTIFICATE}
    assert page.evaluate("() => CourseCore.fill('{n} of {total}, {x}', {n: 1, total: 3})") == "1 of 3, {x}"
    assert page.evaluate("() => CourseCore.fill('{constructor}', {})") == "{constructor}"
    assert not page.console_errors


def test_course_scripts_take_the_storage_keys_from_the_site_facts(page, course_server):
    """A page whose #course-site block names other keys: My progress reads them, the quiz writes
    them, and nothing is read from or written to the constants' keys."""
    facts = {"lang": "en", "default": "en", "languages": [{"code": "en", "name": "English"}],
             "storage": {"prefix": "site-x.", "progress": "site-x.progress", "mode": "site-x.mode",
                         "certificate": "site-x.certificate"}}
    block = f'<script type="application/json" id="course-site">{json.dumps(facts)}</script>'

    def inject(route):
        response = route.fetch()
        body = response.text().replace("<head>", "<head>" + block, 1)
        route.fulfill(response=response, body=body)

    page.route(re.compile(r".*/(progress|module-1/summary)/$"), inject)
    page.goto(course_server + "progress/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["site-x.progress", _progress({"module-1": 90})])
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PROGRESS, _progress({"module-2": 95})])
    page.reload()
    assert page.evaluate("() => CourseCore.keys.progress") == "site-x.progress"
    row = lambda qid: page.locator(f'[data-progress-quiz="{qid}"]')  # noqa: E731
    assert row("module-1").get_attribute("data-status") == "passed"
    assert row("module-2").get_attribute("data-status") == "not-started"   # the constant's key is not read
    # a quiz result goes to the site's key
    page.goto(course_server + "module-1/summary/")
    quiz = page.locator("[data-quiz]").first
    quiz.locator("input").first.check()
    quiz.locator("button[type=submit]").click()
    if quiz.locator("[data-confirm-yes]").is_visible():
        quiz.locator("[data-confirm-yes]").click()
    wait_until(page, "() => document.querySelector('[data-quiz-result]').dataset.score !== undefined")
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('site-x.progress'))")
    qid = quiz.get_attribute("data-quiz")
    assert stored["quizzes"][qid]["attempts"] == 2   # the one stored above, and this one
    assert json.loads(page.evaluate("(k) => localStorage.getItem(k)", PROGRESS))["quizzes"].get(qid) is None
    assert not page.console_errors


def test_a_stored_self_study_number_outside_the_certificate_alphabet_is_replaced(page, course_server):
    """Crockford base32 has no I, L, O, U: a hand-edited number with them is not printed."""
    page.goto(course_server + "certificate/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PROGRESS, _progress({"module-1": 90, "module-2": 80, "module-3": 100})])
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [CERTIFICATE, json.dumps({"number": "S-IL0U-OOOO"})])
    page.reload()
    page.check("#cq-cert-lang-en")
    page.click("[data-cert-form] button[type=submit]")
    number = page.locator('[data-cert-sheet="en"] [data-cert-field="number"]').inner_text()
    assert number != "S-IL0U-OOOO"
    assert re.fullmatch(r"S-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}", number), number
    assert json.loads(page.evaluate("(k) => localStorage.getItem(k)", CERTIFICATE)) == {"number": number}
    assert not page.console_errors


def test_the_one_progress_validator_is_strict(page, course_server):
    page.goto(course_server + "progress/")
    good = {"best": 90, "passed": True, "attempts": 2, "last": "2026-02-28"}
    cases = [good, {**good, "last": "2026-02-30"}, {**good, "last": "0000-01-01"}, {**good, "best": 90.5},
             {**good, "best": "90"}, {**good, "attempts": 0}, {**good, "passed": "true"}, None, [], {**good, "best": 101}]
    assert page.evaluate("(cases) => cases.map((c) => CourseCore.isResult(c))", cases) == [True] + [False] * 9
    # write() keeps only valid results, so nothing the reader would refuse reaches the store
    page.evaluate("(cases) => CourseCore.progress.write({a: cases[0], b: cases[1]})", cases)
    assert json.loads(page.evaluate("(k) => localStorage.getItem(k)", PROGRESS)) == {"v": 1, "quizzes": {"a": good}}


def test_widget_data_is_read_one_way(page, course_server):
    """CourseCore.widgetData: a widget's JSON block as a frozen object, {} when missing or junk."""
    page.goto(course_server + "module-1/summary/")
    assert page.evaluate("""() => {
        const quiz = document.querySelector("[data-quiz]"), data = CourseCore.widgetData(quiz);
        return Object.isFrozen(data) && typeof data.s === "object" && typeof data.id === "string";
    }""")
    assert page.evaluate("() => CourseCore.widgetData(document, '#course-site').lang") == "en"
    junk = page.evaluate("""() => ["{", "null", "[1]", "3", ""].map((text) => {
        const box = document.createElement("div"), block = document.createElement("script");
        block.type = "application/json"; block.className = "cq-data"; block.textContent = text;
        box.append(block);
        const data = CourseCore.widgetData(box);
        return Object.isFrozen(data) && Object.keys(data).length;
    }).concat(CourseCore.widgetData(document.body, ".no-such-block").constructor === Object)""")
    assert junk == [0, 0, 0, 0, 0, True]
    assert not page.console_errors


def test_shared_facts_are_written_only_in_the_core():
    """The storage keys, the placeholder rule and the certificate alphabet have one home: core.js
    (exit.js, the independent quick exit, keeps its own prefix on purpose)."""
    for path in sorted(ASSETS.glob("*.js")):
        if path.name in ("core.js", "exit.js"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "pvwud-course." not in text, f"{path.name} spells a storage key: use CourseCore.keys"
        assert r"\{(\w+)\}" not in text, f"{path.name} has its own fill(): use CourseCore.fill"
        assert "HJKMNP" not in text and "0123456789ABCDEFGH" not in text, f"{path.name} has its own certificate alphabet"
        assert "pvwudCourseProgress" not in text and 'getItem("pvwud' not in text, path.name
        assert 'querySelector(".cq-data").textContent' not in text, f"{path.name} reads its data itself: use CourseCore.widgetData"
