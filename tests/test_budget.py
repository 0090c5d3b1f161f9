"""Weight budgets (tests/budgets.yml): the quiz engine's browser code, and what a first visit
to every built page downloads, measured in headless Chromium."""

from pageweight import budgets, first_visit, gz, heaviest
from sitebuild import ROOT
from test_every_page_browser import site_pages

ASSETS = ROOT / "plugins/course_plugin/assets"
KB = 1024


def test_quiz_js_and_css_within_budget():
    budget = budgets()["quiz_assets_kb"] * KB
    total = sum(gz((ASSETS / name).read_bytes()) for name in ("quiz.js", "core.js", "quiz.css"))
    assert total <= budget, f"quiz.js + core.js + quiz.css = {total} bytes gzipped, budget {budget} (tests/budgets.yml)"


def test_quiz_assets_are_not_inlined(sample_site):
    html = (sample_site / "quiz/page/index.html").read_text(encoding="utf-8")
    assert "function initQuiz" not in html and "assets/course/quiz.js" in html


def test_every_first_visit_within_budget(browser, course_site, course_server):
    budget = budgets()["first_visit_kb"] * KB
    pages = site_pages(course_site)
    assert len(pages) > 80 and "ru/" in pages
    over, totals = [], {}
    for rel in pages:
        resources = first_visit(browser, course_server + rel)
        assert resources and resources[0].kind == "document", rel
        total = totals[rel] = sum(r.gzipped for r in resources)
        if total > budget:
            over.append(f"/{rel}: {total / KB:.1f} KB gzipped over {len(resources)} requests, budget "
                        f"{budget / KB:.0f} KB (tests/budgets.yml); heaviest: {heaviest(resources, course_server)}")
    assert not over, "\n".join(over)
    # the measurement sees what a page really fetches: Material's bundle and stylesheet at least
    heaviest_page = max(totals, key=totals.get)
    assert totals[heaviest_page] > 50 * KB, (heaviest_page, totals[heaviest_page])
