"""The quiz command line (check, export, schema) and UI strings."""

import json
import subprocess
import sys

import pytest

from course_plugin import strings as strings_mod
from course_plugin.quiz.export import to_gift, to_json_data
from course_plugin.quiz.loader import parse_quiz
from course_plugin.quiz.schema import quiz_json_schema
from sitebuild import ROOT, SAMPLE_QUIZ

CLI = [sys.executable, str(ROOT / "scripts/quizzes.py")]


@pytest.fixture(scope="module")
def sample():
    quiz, problems = parse_quiz(SAMPLE_QUIZ, ["en", "ru"])
    assert not problems
    return quiz


def test_json_export_contract(sample):
    data = to_json_data([sample])
    assert data[0]["id"] == "sample" and data[0]["pass_mark"] == 60
    qs = {q["id"]: q for q in data[0]["questions"]}
    assert list(qs) == ["s-single", "s-multi", "s-tf", "s-order"]          # scenario questions flattened
    assert qs["s-single"] == {"id": "s-single", "type": "single",
                              "options": [{"id": "a", "correct": False}, {"id": "b", "correct": True}]}
    assert qs["s-tf"]["options"] == [{"id": "true", "correct": False}, {"id": "false", "correct": True}]
    assert [o["id"] for o in qs["s-order"]["options"]] == ["one", "two", "three"]
    assert all(set(q) == {"id", "type", "options"} for q in qs.values())


def test_gift_export_is_moodle_syntax(sample):
    gift = to_gift([sample], "ru")
    assert "$CATEGORY: $course$/sample" in gift
    assert "::sample/s-single::[markdown]Выберите **b** { ~А #Не А. =Б ####Потому что [b](../other.md). }" in gift
    assert "::sample/s-tf::[markdown]Небо зелёное. {FALSE####Нет.}" in gift
    assert "~%50%X ~%50%Y ~%-100%Z" in gift
    assert "=Один -> 1 =Два -> 2 =Три -> 3" in gift


def test_cli_check_and_export_on_the_course():
    check = subprocess.run(CLI + ["check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "0 error(s)" in check.stdout
    out = json.loads(subprocess.run(CLI + ["export", "--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert {"module-1", "module-2", "module-3", "pretest", "posttest"} <= {q["id"] for q in out}
    gift = subprocess.run(CLI + ["export", "--format", "gift", "--lang", "ru"], capture_output=True, text=True, check=True)
    assert "$CATEGORY: $course$/module-1" in gift.stdout


def test_cli_check_reports_a_bad_quiz(tmp_path):
    # the command works on a copy of the project with one broken quiz
    import shutil
    for name in ("mkdocs.yml", "scripts", "plugins", "course", "guidebook", "quizzes"):
        src = ROOT / name
        (shutil.copytree(src, tmp_path / name, symlinks=True) if src.is_dir() else shutil.copy(src, tmp_path / name))
    (tmp_path / "quizzes/broken.yml").write_text("id: broken\ntitle: {en: B}\nquestions: []\n", encoding="utf-8")
    r = subprocess.run([sys.executable, str(tmp_path / "scripts/quizzes.py"), "check"], capture_output=True, text=True)
    assert r.returncode == 1
    assert "quizzes/broken.yml, line 2 [title]: missing translation" in r.stderr
    assert "[questions]" in r.stderr


def test_committed_json_schema_is_in_sync():
    committed = json.loads((ROOT / "quizzes/quiz.schema.json").read_text(encoding="utf-8"))
    assert committed == quiz_json_schema(["en", "ru"]), "run: python scripts/quizzes.py schema --write"
    text = committed["$defs"]["Option"]["properties"]["text"]
    assert text["required"] == ["en", "ru"] and text["additionalProperties"] is False


def test_missing_ui_string_falls_back_to_english(tmp_path, monkeypatch):
    (tmp_path / "en.yml").write_text('a: "A"\nb: "B"\n', encoding="utf-8")
    (tmp_path / "xx.yml").write_text('a: "Ä"\n', encoding="utf-8")
    monkeypatch.setattr(strings_mod, "STRINGS_DIR", tmp_path)
    strings_mod._CACHE.clear()
    try:
        merged, missing = strings_mod.ui_strings("xx")
        assert merged == {"a": "Ä", "b": "B"} and missing == ["b"]
    finally:
        strings_mod._CACHE.clear()


def test_ui_strings_are_read_again_when_their_file_changes(tmp_path, monkeypatch):
    """`mkdocs serve` rebuilds in one process: an edited strings file must show on the next build."""
    import os
    path = tmp_path / "en.yml"
    path.write_text('a: "old"\n', encoding="utf-8")
    monkeypatch.setattr(strings_mod, "STRINGS_DIR", tmp_path)
    assert strings_mod.ui_strings("en")[0] == {"a": "old"}
    path.write_text('a: "new"\n', encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later edit, even on a coarse clock
    assert strings_mod.ui_strings("en")[0] == {"a": "new"}


def test_shipped_languages_have_every_string():
    for lang in ("ru",):
        assert strings_mod.ui_strings(lang)[1] == []
