"""The plugin inside a real MkDocs build of a small bilingual site."""

import re

import pytest

from sitebuild import SAMPLE_QUIZ, BuildFailed, build_site, make_site


def read(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def test_quiz_rendered_in_both_languages_with_the_contract(sample_site):
    en, ru = read(sample_site, "quiz/page/index.html"), read(sample_site, "ru/quiz/page/index.html")
    for html, title in ((en, "Sample quiz"), (ru, "Пробный тест")):
        assert 'data-quiz="sample"' in html and title in html
        for qid in ("s-single", "s-multi", "s-tf", "s-order"):
            assert f'data-question="{qid}"' in html
        assert 'value="true"' in html and 'value="false"' in html
        assert len(re.findall(r'data-option="(one|two|three)"', html)) == 3
        assert re.search(r'<form[^>]*>.*<button type="submit"', html, re.S)
        assert "data-quiz-result" in html and 'role="status"' in html
        assert html.count("<fieldset") == 4 and html.count("<legend>") == 4
        assert "<!-- quiz:" not in html
    assert "Выберите <strong>b</strong>" in ru and "Подсказка" in ru and "Проверить ответы" in ru
    # explanation links resolved like any page link, per language
    assert '<a href="../../other/">b</a>' in en and '<a href="../../other/">b</a>' in ru


def test_ordering_never_starts_in_the_correct_order(sample_site):
    html = read(sample_site, "quiz/page/index.html")
    assert re.findall(r'data-option="(\w+)"', html) != ["one", "two", "three"]


def test_assets_only_on_pages_with_a_quiz(sample_site):
    assert "quiz.js" in read(sample_site, "quiz/page/index.html")
    assert "quiz.js" in read(sample_site, "ru/progress/index.html")
    assert "quiz.js" not in read(sample_site, "index.html") and "quiz.css" not in read(sample_site, "ru/other/index.html")
    assert (sample_site / "assets/course/quiz.js").exists() and not (sample_site / "ru/assets/course/quiz.js").exists()


def test_progress_page_lists_quizzes_with_links_in_its_language(sample_site):
    ru = read(sample_site, "ru/progress/index.html")
    assert 'data-progress-quiz="sample"' in ru and '<a href="../quiz/page/">Пробный тест</a>' in ru and "Модуль 1" in ru


def test_unknown_quiz_marker_fails_with_file_and_line(tmp_path):
    cfg = make_site(tmp_path)
    page = tmp_path / "docs/ru/other.md"
    page.write_text("# Другая\n\nТекст\n\n<!-- quiz: nope -->\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as err:
        build_site(cfg, tmp_path / "site")
    assert "ru/other.md, line 5: marker names unknown quiz 'nope'" in str(err.value)


def test_bad_quiz_fails_the_build_with_every_problem(tmp_path):
    bad = SAMPLE_QUIZ.replace("pass_mark: 60", "pass_mark: 160").replace("{id: z, text: {en: Z, ru: Z}}", "{id: z, text: {en: Z}}")
    cfg = make_site(tmp_path, quizzes={"sample.yml": bad, "empty.yml": ""})
    with pytest.raises(BuildFailed) as err:
        build_site(cfg, tmp_path / "site")
    msg = str(err.value)
    assert "3 problem(s) in the quizzes" in msg
    assert "quizzes/sample.yml, line 5 [pass_mark]" in msg
    assert "[questions[1].options[2].text]: missing translation" in msg
    assert "quizzes/empty.yml: the file is empty" in msg


def test_page_missing_in_one_language_fails_naming_the_file(tmp_path):
    cfg = make_site(tmp_path)
    (tmp_path / "docs/en/extra.md").write_text("# Extra\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as err:
        build_site(cfg, tmp_path / "site")
    assert "docs/en/extra.md has no 'ru' version: create docs/ru/extra.md" in str(err.value)


def test_unplaced_quiz_is_a_warning(tmp_path):
    other = SAMPLE_QUIZ.replace("id: sample", "id: lonely").replace("id: s-", "id: l-").replace("id: case", "id: l-case")
    cfg = make_site(tmp_path, quizzes={"sample.yml": SAMPLE_QUIZ, "lonely.yml": other})
    warnings = build_site(cfg, tmp_path / "site", strict=False)
    assert any("quiz 'lonely' is placed on no page in language 'en'" in w for w in warnings)
    assert any("quiz 'lonely' is placed on no page in language 'ru'" in w for w in warnings)
