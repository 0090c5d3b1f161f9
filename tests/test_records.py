"""The record form's data file, the recipients setting and scripts/records.py (no browser)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap

import pytest

from recordsite import build_record_site, make_record_site
from sitebuild import ROOT, BuildFailed, build_site

sys.path.insert(0, str(ROOT / "plugins"))
from course_plugin.record import sealed as sl  # noqa: E402
from course_plugin.record.loader import load_form, parse_form  # noqa: E402

LANGS = ["en", "ru"]


def run_records(*args, cwd=None):
    return subprocess.run([sys.executable, str(ROOT / "scripts/records.py"), *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd)


def test_the_course_form_loads_and_follows_the_checklist():
    form, problems = load_form(ROOT / "forms/record.yml", LANGS, "forms/record.yml")
    assert problems == []
    fields = form.fields()
    # the Module II checklist's parts, safety and consent first, each "no" with what to do first
    gates = [f for f in fields.values() if f.type == "gate"]
    assert {g.id for g in gates} >= {"documenter-safe", "safe-now", "private-space", "consent-record"}
    order = list(fields)
    assert max(order.index(g.id) for g in gates) < order.index("her-words")
    for needed in ("survivor-code", "interview-date", "place-type", "her-words", "officers", "injuries",
                   "health-needs", "witnesses", "evidence-1", "custody-1", "wishes", "referrals", "documenter-notes"):
        assert needed in fields
    assert any("72" in (s.note or {}).get("en", "") for s in form.sections)   # time-critical steps shown
    assert form.practice and form.practice.case == "module-2/cases.md#case-c"
    assert {"survivor-code", "her-words", "wishes"} <= set(form.practice.model)


BAD_FORM = """\
version: one
sections:
  - id: Header
    title: {en: Codes}
    fields:
      - id: code
        type: text
        label: {en: Code, ru: Код}
      - id: code
        type: choise
        label: {en: Place, ru: Место}
  - id: gates
    title: {en: Gates, ru: Шлюзы}
    fields:
      - id: safe
        type: gate
        label: {en: Safe?, ru: Безопасно?}
"""


def test_bad_form_reports_every_problem_with_line_and_field():
    form, problems = parse_form(BAD_FORM, LANGS, "forms/record.yml")
    assert form is None
    text = "\n".join(map(str, problems))
    assert len(problems) >= 5, text
    assert all(p.file == "forms/record.yml" for p in problems)
    assert "line 1 [version]" in text and "whole number" in text
    assert "line 3 [sections[0].id]" in text
    assert "[sections[0].title]" in text and "`ru:`" in text
    assert "[sections[0].fields[1].type]" in text and "text, textarea, date, choice, gate" in text
    assert "[sections[1].fields[0]]" in text and "needs `stop`" in text


def test_duplicate_field_ids_and_model_values_are_refused():
    good = (ROOT / "forms/record.yml").read_text(encoding="utf-8")
    twice = good.replace("      - id: documenter-code\n", "      - id: survivor-code\n", 1)
    _, problems = parse_form(twice, LANGS, "f.yml")
    assert any("'survivor-code' is used twice" in str(p) for p in problems)
    wrong = good.replace("    place-type: drop-in\n", "    place-type: somewhere\n    no-such-field: {en: a, ru: б}\n")
    _, problems = parse_form(wrong, LANGS, "f.yml")
    assert problems and "practice.model" in str(problems[0])


def test_malformed_recipient_key_fails_the_build_naming_the_entry(tmp_path):
    good = sl.public_key_b64(sl.generate_key())
    config = make_record_site(tmp_path, f'[{{name: Org, key: "{good}"}}, {{name: {{en: B, ru: Б}}, key: "abc"}}, '
                                        f'{{name: {{en: only English}}, key: "{good}"}}]')
    with pytest.raises(BuildFailed) as err:
        build_site(config, tmp_path / "site")
    message = str(err.value)
    assert "record_recipients[1] > key" in message and "records.py keygen" in message
    assert "record_recipients[2] > name" in message
    assert "record_recipients[0]" not in message


def test_check_recipients_names():
    key = sl.public_key_b64(sl.generate_key())
    out, problems = sl.check_recipients([{"name": "One", "key": key}, {"name": {"en": "E", "ru": "Р"}, "key": key}], LANGS)
    assert problems == [] and out == [{"name": {"en": "One", "ru": "One"}, "key": key},
                                      {"name": {"en": "E", "ru": "Р"}, "key": key}]
    _, problems = sl.check_recipients([{"name": "X", "key": key + "A"}, "just text"], LANGS)
    assert len(problems) == 2 and "[0] > key" in problems[0] and "[1]:" in problems[1]


def test_built_page_carries_the_contract(tmp_path):
    key = sl.public_key_b64(sl.generate_key())
    site = build_record_site(tmp_path, f'[{{name: {{en: "Org EN", ru: "Орг RU"}}, key: "{key}"}}]')
    html = (site / "ru/module-2/record/index.html").read_text(encoding="utf-8")
    for marker in ('data-record-form data-record-state="empty" autocomplete="off"', 'data-record-field="her-words"',
                   "data-record-recipient", "data-record-seal", "data-record-sealed", "Орг RU", 'href="../cases/#case-c"'):
        assert marker in html, marker
    assert "<!-- course: record-form -->" not in html
    assert "hpke.js" in html and "record.js" in html and "record.css" in html
    data = json.loads(html.split('<script type="application/json" class="cq-data">')[1].split("</script>")[0])
    assert data["info"] == sl.INFO.decode() and data["prefix"] == sl.PREFIX and data["lang"] == "ru"
    assert data["recipients"] == [{"name": "Орг RU", "key": key}]
    other = (site / "index.html").read_text(encoding="utf-8")
    assert "record.js" not in other and "hpke.js" not in other


def test_keygen_private_key_0600_and_never_overwritten(tmp_path):
    result = run_records("keygen", "--out", str(tmp_path / "k"))
    assert result.returncode == 0, result.stderr
    private = tmp_path / "k/record-private-key.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    public = (tmp_path / "k/record-public-key.txt").read_text().strip()
    assert f'key: "{public}"' in result.stdout
    sl.load_public_key(public)
    before = private.read_bytes()
    again = run_records("keygen", "--out", str(tmp_path / "k"))
    assert again.returncode == 1 and "never overwritten" in again.stderr and "Traceback" not in again.stderr
    assert private.read_bytes() == before


def test_open_python_sealed_record_and_clear_errors(tmp_path):
    key = sl.generate_key()
    pem = tmp_path / "k.pem"
    pem.write_bytes(sl.private_key_pem(key))
    pem.chmod(0o600)
    text = sl.seal({"v": 1, "form": 1, "lang": "en", "fields": {"survivor-code": "K-07", "her-words": "a\nb"}},
                   key.public_key())
    file = tmp_path / "message.txt"
    file.write_text(text[:40] + "\n" + text[40:] + "\n")   # line breaks from copying are fine
    ok = run_records("open", str(file), "--key", str(pem), "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == {"survivor-code": "K-07", "her-words": "a\nb"}
    plain = run_records("open", text, "--key", str(pem))
    assert "Survivor's code (never her name):" in plain.stdout and "K-07" in plain.stdout
    for args, says in ((["open", text, "--key", str(tmp_path / "missing.pem")], "cannot read the private key"),
                       (["open", text, "--key", str(file)], "not a private key file"),
                       (["open", "nothing", "--key", str(pem)], "neither a sealed text"),
                       (["open", "S1.%%%%", "--key", str(pem)], "damaged"),
                       (["open", text[:50], "--key", str(pem)], "cut"),
                       (["open", text[:-8], "--key", str(pem)], "cannot be opened"),
                       (["open", text], "required")):
        result = run_records(*args)
        assert result.returncode == 1, args
        assert says in result.stderr and "Traceback" not in result.stderr, result.stderr
    # a record of another version is refused after opening
    odd = sl.seal({"v": 2, "fields": {}}, key.public_key())
    result = run_records("open", odd, "--key", str(pem))
    assert result.returncode == 1 and "version 1" in result.stderr


def test_opening_with_a_readable_key_file_warns(tmp_path):
    key = sl.generate_key()
    pem = tmp_path / "k.pem"
    pem.write_bytes(sl.private_key_pem(key))
    pem.chmod(0o644)
    text = sl.seal({"v": 1, "form": 1, "lang": "ru", "fields": {}}, key.public_key())
    result = run_records("open", text, "--key", str(pem))
    assert result.returncode == 0 and "chmod 600" in result.stderr


def test_a_record_in_any_site_language_opens_and_a_malformed_language_is_refused(tmp_path):
    """The payload's language is one of the sealing site's: a language this copy has no strings
    for opens with the English title and the form's first labels; a value that is no language
    code (it would name a strings file) is refused."""
    key = sl.generate_key()
    pem = tmp_path / "k.pem"
    pem.write_bytes(sl.private_key_pem(key))
    pem.chmod(0o600)
    ru = run_records("open", sl.seal({"v": 1, "form": 1, "lang": "ru", "fields": {"survivor-code": "К-07"}},
                                     key.public_key()), "--key", str(pem), "--out", str(tmp_path / "ru"))
    assert ru.returncode == 0 and ru.stdout.startswith("Запись о случае"), ru.stdout + ru.stderr
    assert "<title>Запись о случае</title>" in (tmp_path / "ru" / "record-001.html").read_text(encoding="utf-8")
    uk = run_records("open", sl.seal({"v": 1, "form": 1, "lang": "uk", "fields": {"survivor-code": "К-07"}},
                                     key.public_key()), "--key", str(pem))
    assert uk.returncode == 0 and uk.stdout.startswith("Incident record (form version 1, uk)"), uk.stdout + uk.stderr
    assert "Survivor's code (never her name):" in uk.stdout
    for lang in ("../../etc/passwd", "", "EN", 7, None):
        odd = sl.seal({"v": 1, "form": 1, "lang": lang, "fields": {}}, key.public_key())
        result = run_records("open", odd, "--key", str(pem))
        assert result.returncode == 1 and "version 1 record" in result.stderr and "Traceback" not in result.stderr, lang
