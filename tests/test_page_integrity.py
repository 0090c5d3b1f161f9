"""Content cannot run a script: the CSP trusts only the inline scripts written by the theme's and
the plugin's templates, and a script, event handler or javascript: URL in a page, a quiz text or
front matter fails the build, naming where it is."""

from __future__ import annotations

import subprocess
import sys

import pytest

from course_plugin.quiz.loader import parse_quiz
from sitebuild import ROOT, SAMPLE_QUIZ, BuildFailed, build_site, make_site

PAGES = {"en/index.md": "# Home\n\nHello.\n", "ru/index.md": "# Главная\n\nПривет.\n",
         "en/other.md": "# Other\n", "ru/other.md": "# Другая\n",
         "en/quiz/page.md": "# Quiz page\n\n<!-- quiz: sample -->\n",
         "ru/quiz/page.md": "# Страница теста\n\n<!-- quiz: sample -->\n"}


def build_error(tmp_path, pages=None, quizzes=None) -> str:
    cfg = make_site(tmp_path, pages={**PAGES, **(pages or {})}, quizzes=quizzes)
    with pytest.raises(BuildFailed) as err:
        build_site(cfg, tmp_path / "site")
    return str(err.value)


@pytest.mark.parametrize("markdown, line, what", [
    ("# Home\n\nText.\n\n<script>alert(1)</script>\n", 5, "a <script> element"),
    ("# Home\n\n<img src=\"x.png\" alt=\"\" onerror=\"alert(1)\">\n", 3, "`onerror=`"),
    ("# Home\n\n[Go](javascript:alert(1))\n", 3, "a javascript: URL in `href=`"),
    ("# Home\n\n[Go](&#106;avascript:alert(1))\n", 3, "a javascript: URL in `href=`"),
    ("# Home\n\nSome text\n{: onclick=\"alert(1)\" }\n", 4, "`onclick=`"),
])
def test_script_in_a_page_fails_the_build_naming_file_and_line(tmp_path, markdown, line, what):
    msg = build_error(tmp_path, {"ru/index.md": "```html\n<script>shown as code</script>\n```\n\n" + markdown})
    assert f"docs/ru/index.md, line {line + 4}: " in msg and what in msg, msg


def test_front_matter_script_fails_the_build(tmp_path):
    msg = build_error(tmp_path, {"en/other.md": "---\ntitle: '<img src=x onerror=alert(1)>'\n---\n\n# Other\n"})
    # the title is drawn in the nav of every page: the first page built names it
    assert ".md: the built page has an event-handler attribute `onerror=`" in msg and "onerror=alert(1)" in msg, msg


def test_quiz_text_with_a_script_url_fails_the_build_naming_the_field(tmp_path):
    quiz = SAMPLE_QUIZ.replace('hint: {en: "Not a", ru: "Не a"}',
                               'hint: {en: "See [this](&#x6A;avascript&colon;alert(1))", ru: "Не a"}')
    msg = build_error(tmp_path, quizzes={"sample.yml": quiz})
    assert "quizzes/sample.yml" in msg and "[questions[0].hint.en]" in msg and "javascript: URL" in msg, msg


@pytest.mark.parametrize("text, message", [
    ("Pick <script>alert(1)</script>", "raw HTML `<script>`"),
    ("Pick <b>this</b>", "raw HTML `<b>`"),
    ("Pick <!-- hidden -->", "raw HTML `<!-- hidden -->`"),
    ("Pick [b](javascript:alert(1))", "javascript: URL"),
    ("Pick [b](#x){: onclick=\\\"alert(1)\\\" }", "event-handler attribute"),
])
def test_quiz_check_rejects_html_and_scripts_with_line_and_field(text, message):
    quiz = SAMPLE_QUIZ.replace('text: {en: "Pick **b**", ru: "Выберите **b**"}', f'text: {{en: "{text}", ru: "Выберите"}}')
    _, problems = parse_quiz(quiz, ["en", "ru"], "quizzes/x.yml")
    assert [str(p) for p in problems if message in str(p)], problems
    assert str(problems[0]).startswith("quizzes/x.yml, line 9 [questions[0].text.en]: ")


def test_quiz_texts_may_use_markdown_autolinks_code_and_a_literal_less_than():
    quiz = SAMPLE_QUIZ.replace('text: {en: "Pick **b**", ru: "Выберите **b**"}',
                               'text: {en: "See <https://www.ohchr.org/> and `<b>`; 1 < 2", ru: "Напишите <info@example.org>"}')
    _, problems = parse_quiz(quiz, ["en", "ru"], "quizzes/x.yml")
    assert problems == []


def test_course_quizzes_pass_the_check():
    out = subprocess.run([sys.executable, str(ROOT / "scripts/quizzes.py"), "check"], capture_output=True, text=True)
    assert out.returncode == 0 and "0 error(s)" in out.stdout, out.stderr


def test_csp_hashes_only_template_scripts(tmp_path):
    """A clean build: every inline script in every page is one the templates write, and is hashed."""
    from course_plugin.safety import inline_script_hashes
    cfg = make_site(tmp_path, pages=PAGES)
    build_site(cfg, tmp_path / "site")
    for page in (tmp_path / "site").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        hashes = inline_script_hashes(html)
        assert hashes and all(h in html.split("Content-Security-Policy", 1)[1].split(">", 1)[0] for h in hashes)


def test_only_scripts_the_templates_write_are_trusted(tmp_path):
    from course_plugin.safety import TemplateScripts, UnknownInlineScript, add_security_meta
    (tmp_path / "base.html").write_text('<head></head><script>var u=new URL("{{ base_url }}",location)</script>'
                                        '<script type="application/json">{{ data }}</script>', encoding="utf-8")
    allowed = TemplateScripts([tmp_path])
    page = '<html><head></head><body><script>var u=new URL("../..",location)</script>{}</body></html>'
    assert "sha256-" in add_security_meta(page.format(""), allowed)
    for bad in ('<script>alert(1)</script>', '<script>var u=new URL("",location);alert(1)</script>',
                '<script>var u=new URL("",alert(1),"",location)</script>'):
        with pytest.raises(UnknownInlineScript):
            add_security_meta(page.format(bad), allowed)
