"""The widget registry (plugins/course_plugin/widgets.py, README "Widgets"): one table of widgets,
one marker form `<!-- course: NAME [arg] -->`, the public `<!-- quiz: ID -->` kept, old markers kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitebuild import BuildFailed, build_site, make_site

from course_plugin import widgets
from course_plugin.widgets import WIDGETS, check_markers, place

PLUGIN = Path(widgets.__file__).parent
LANGUAGES = ("en", "ru")


def test_every_widget_names_a_real_template_strings_scripts_and_styles():
    strings = {lang: yaml.safe_load((PLUGIN / "strings" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGUAGES}
    assert set(WIDGETS) >= {"quiz", "progress", "certificate", "verify", "ecthr-deadline", "paper-checkboxes",
                            "help-contacts", "record-form", "offline", "session-results"}
    for name, w in WIDGETS.items():
        assert w.stage in ("content", "context", "post"), name
        assert (w.render is None) != (w.transform is None) or name == "quiz", name
        if w.template:
            assert (PLUGIN / "templates" / w.template).is_file(), (name, w.template)
        for prefix in w.strings:
            for lang in LANGUAGES:
                assert any(k.startswith(prefix) for k in strings[lang]), (name, prefix, lang)
        for asset in w.scripts + w.styles:
            assert asset.startswith("assets/course/") and (PLUGIN / "assets" / asset.removeprefix("assets/course/")).is_file()


def test_markers_that_name_no_widget_or_misuse_the_argument_are_reported_with_their_line():
    text = ("# Page\n\n<!-- course: progress -->\n<!-- course: progres -->\n`<!-- course: nothing -->`\n"
            "```\n<!-- course: nothing -->\n```\n<!-- course: verify now -->\n<!-- course: quiz -->\n"
            "<!-- course: quiz module-1 -->\n<!-- course: paper-checkboxes -->\n")
    problems = check_markers(text)
    assert [line for line, _ in problems] == [4, 9, 10, 12]
    assert "'<!-- course: progres -->' names no widget (known: certificate, ecthr-deadline, help-contacts, offline, progress, " \
           "quiz, record-form, session-results, verify)" in problems[0][1] and "widgets.py" in problems[0][1]
    assert "takes no argument; write <!-- course: verify -->" in problems[1][1]
    assert "needs an argument" in problems[2][1]


def test_place_draws_new_and_legacy_markers_and_leaves_quizzes_to_their_own_pass():
    html = ('<p>a</p><!-- course: ecthr-deadline --><div class="ecthr-deadline" data-ecthr-deadline></div>'
            '<!-- course: quiz module-1 --><!-- course: progress --><ul><li><input type="checkbox" disabled> x</li></ul>')
    out, used = place(html, "content", lambda w, arg: f"[{w.name}]")
    assert out == ('<p>a</p>[ecthr-deadline][ecthr-deadline]<!-- course: quiz module-1 --><!-- course: progress -->'
                   '<ul><li><span class="task-box" aria-hidden="true"></span> x</li></ul>')
    assert [w.name for w in used] == ["ecthr-deadline"]
    out, used = place(out + "<!-- course: record-form --><!--course:record-form-->", "context", lambda w, arg: f"[{w.name}]")
    assert out.endswith("[progress]<ul><li><span class=\"task-box\" aria-hidden=\"true\"></span> x</li></ul>[record-form]")
    assert [w.name for w in used] == ["progress", "record-form"]   # a second record form is not drawn (its ids)


FM = "---\nreviewed: 2026-11\n---\n"
OTHER = {"en/other.md": "# Other\n\nB.\n", "ru/other.md": "# Другая\n\nБ.\n"}   # the sample quiz links to it


def test_a_misspelt_marker_fails_the_build_naming_the_file_line_and_the_known_widgets(tmp_path):
    pages = {"en/index.md": FM + "# Home\n\nHello.\n\n<!-- course: progess -->\n", "ru/index.md": FM + "# Главная\n\nПривет.\n",
             "en/quiz.md": "# Quiz\n\n<!-- course: quiz sample -->\n", "ru/quiz.md": "# Тест\n\n<!-- quiz: sample -->\n", **OTHER}
    with pytest.raises(BuildFailed) as err:
        build_site(make_site(tmp_path, pages), tmp_path / "site")
    assert "docs/en/index.md, line 8: marker '<!-- course: progess -->' names no widget (known: " in str(err.value)


def test_the_widget_marker_form_places_a_quiz_and_the_old_deadline_marker_still_works(tmp_path):
    pages = {"en/index.md": "# Home\n\n<!-- course: ecthr-deadline -->\n",
             "ru/index.md": '# Главная\n\n<div class="ecthr-deadline" data-ecthr-deadline></div>\n',
             "en/quiz.md": "# Quiz\n\n<!-- course: quiz sample -->\n", "ru/quiz.md": "# Тест\n\n<!-- quiz: sample -->\n", **OTHER}
    build_site(make_site(tmp_path, pages), tmp_path / "site")
    for rel in ("index.html", "ru/index.html"):
        html = (tmp_path / "site" / rel).read_text(encoding="utf-8")
        assert html.count("<form") >= 1 and "data-ecthr-deadline" in html and "course:" not in html.split("<article")[1], rel
        assert "assets/course/deadline.js" in html and "assets/course/quiz.css" in html, rel
    for rel in ("quiz/index.html", "ru/quiz/index.html"):
        html = (tmp_path / "site" / rel).read_text(encoding="utf-8")
        assert 'data-quiz="sample"' in html and "assets/course/quiz.js" in html, rel
