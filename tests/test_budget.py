"""Weight budget of the quiz engine's browser code (issue: at most 8 KB gzipped, JS + CSS)."""

import gzip

from sitebuild import ROOT

ASSETS = ROOT / "plugins/course_plugin/assets"
QUIZ_BUDGET = 8 * 1024


def gz(name: str) -> int:
    return len(gzip.compress((ASSETS / name).read_bytes(), compresslevel=9))


def test_quiz_js_and_css_within_budget():
    total = gz("quiz.js") + gz("quiz.css")
    assert total <= QUIZ_BUDGET, f"quiz.js + quiz.css = {total} bytes gzipped, budget {QUIZ_BUDGET}"


def test_quiz_assets_are_not_inlined(sample_site):
    html = (sample_site / "quiz/page/index.html").read_text(encoding="utf-8")
    assert "function initQuiz" not in html and "assets/course/quiz.js" in html
