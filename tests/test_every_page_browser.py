"""Every built page in both languages, in headless Chromium: axe-core (WCAG 2.2 AA) finds no
violation, the console stays clean (CSP included), and no request leaves the local server."""

from pathlib import Path

import pytest

from sitebuild import ROOT

AXE = ROOT / "tests/node/node_modules/axe-core/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `bash scripts/test.sh` (it installs tests/node)")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))   # evaluate, not a <script>: the CSP forbids that
    # a person sees the page once its transitions (Material's fading "Back to top" button) are over
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def site_pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
                  for p in site.rglob("index.html"))


def test_every_page_is_accessible_private_and_error_free(browser, course_site, course_server):
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    problems = []
    pages = site_pages(course_site)
    assert len(pages) > 40
    for rel in pages:
        page.goto(course_server + rel, wait_until="load")
        problems += [f"/{rel}: {v}" for v in axe_violations(page)]
    context.close()
    foreign = sorted({u for u in requests if not u.startswith(course_server) and not u.startswith("data:")})
    assert not foreign, foreign
    assert not errors, "\n".join(errors[:20])
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_quiz_page_accessible_before_and_after_answering(page, course_server, lang):
    page.goto(course_server + lang + "module-1/summary/")
    assert axe_violations(page) == []
    page.locator('[data-quiz] input[type=radio]').first.check()
    page.locator('[data-quiz] .cq-check-one').first.click()
    page.click('[data-quiz] button[type=submit]')
    page.click('[data-quiz-confirm] [data-confirm-yes]')   # most questions are left unanswered: the quiz asks first
    assert page.locator("[data-quiz-result]").get_attribute("data-score") is not None
    assert axe_violations(page) == []
    assert not page.console_errors
