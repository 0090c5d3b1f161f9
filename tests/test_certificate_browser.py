"""Certificates in headless Chromium on the built course: the Verify page and the self-study page."""

from __future__ import annotations

import io
import json
import re

import pytest

from conftest import _Server, wait_until
from sitebuild import ROOT, build_site

from tokens import make_token  # noqa: E402 (tests/ is on sys.path)
from course_plugin.certificates.token import (generate_keypair, key_id, public_key_b64, sign_bytes,
                                              verify_token)
from certificate_cases import payload_cases
from course_plugin.site import STORAGE_KEYS

PROGRESS = STORAGE_KEYS["progress"]
MODULE_QUIZZES = ["module-1", "module-2", "module-3"]
REVOKED_ID = "7KQ2-M9XD-3HTA"


def _fields(**extra):
    base = {"id": "AB12-CD34-EF56", "n": "Анна-Мария O'Neil <b>bold</b>", "d": "2026-03-14", "l": "ru",
            "s": "Семинар: полицейское насилие", "h": 3, "t": "2026-03-15"}
    base.update(extra)
    return base


@pytest.fixture(scope="module")
def keys():
    private = generate_keypair()
    other = generate_keypair()
    return {"private": private, "other": other}


@pytest.fixture(scope="module")
def cert_site(tmp_path_factory, keys):
    """The real course, built with a test public key and one revoked id in its configuration."""
    root = tmp_path_factory.mktemp("certsite")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: course", f"docs_dir: {ROOT / 'course'}", 1)
    text = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", text)
    assert "certificate_keys: []" in text and "certificate_revoked: []" in text
    text = text.replace("certificate_keys: []", f'certificate_keys: ["{public_key_b64(keys["private"])}"]\n'
                                                 f"      quizzes_dir: {ROOT / 'quizzes'}\n"
                                                 f"      help_contacts_file: {ROOT / 'data' / 'help-contacts.yml'}\n"
                                                 f"      record_form: {ROOT / 'forms' / 'record.yml'}")
    text = text.replace("certificate_revoked: []", f'certificate_revoked: ["{REVOKED_ID}"]')
    config = root / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    build_site(config, root / "site", strict=True)
    server = _Server(root / "site")
    yield server.url
    server.close()


def verify_state(page, url):
    page.goto(url)
    result = page.locator("[data-verify-result]")
    wait_until(page, "() => document.querySelector('[data-verify-result]').dataset.state !== 'checking'")
    return result.get_attribute("data-state"), result.inner_text()


def test_signed_certificate_shows_valid_with_details_as_text(page, cert_site, keys):
    token = make_token(keys["private"], _fields())
    state, text = verify_state(page, cert_site + "ru/verify/#" + token)
    assert state == "valid", text
    assert "Действителен" in text
    assert "Анна-Мария O'Neil <b>bold</b>" in text  # the name is text, not markup
    assert page.locator("[data-verify-details] b").count() == 0
    assert "AB12-CD34-EF56" in text and "2026-03-14" in text and "Семинар: полицейское насилие" in text
    assert not page.console_errors


def test_english_page_and_a_pasted_link(page, cert_site, keys):
    token = make_token(keys["private"], _fields(l="en", n="Jane Doe"))
    state, _ = verify_state(page, cert_site + "verify/")
    assert state == "empty"
    page.fill("#cq-verify-input", f"https://example.org/verify/#{token[:40]}\n{token[40:]}")  # line break from copying
    page.click("[data-verify-form] button[type=submit]")
    wait_until(page, "() => document.querySelector('[data-verify-result]').dataset.state === 'valid'")
    assert "Jane Doe" in page.locator("[data-verify-result]").inner_text()


def test_browser_and_python_agree_on_every_kind_of_token(browser, cert_site, keys):
    """The Verify page and `certificates.py verify` (token.verify_token) give the same verdicts."""
    good = make_token(keys["private"], _fields(l="en"))
    tokens = [good, make_token(keys["private"], _fields(id=REVOKED_ID)), make_token(keys["other"], _fields())]
    tokens += [good[:i] + _flip(good[i]) + good[i + 1:] for i in range(0, len(good), 9)]
    last = good[-1]
    tokens.append(good[:-1] + chr(ord(last) + 1 if last not in "z9_-" else ord("A")))  # unused trailing bits
    for bad in ({"n": ""}, {"h": 0}, {"h": "3"}, {"d": "2026-02-30"}, {"l": "de"}, {"v": 2}, {"id": "ab12-cd34-ef56"}):
        tokens.append(make_token(keys["private"], _fields(**bad)))
    tokens.append(sign_bytes(keys["private"], b"[1,2,3]"))
    tokens.append(sign_bytes(keys["private"], b"\xff\xfe not utf-8"))
    # the edge cases of the contract, each with the verdict both sides must reach
    cases = payload_cases(key_id(keys["private"]))
    tokens += [sign_bytes(keys["private"], body) for _label, body, _verdict in cases]
    labels = [""] * (len(tokens) - len(cases)) + [label for label, _body, _verdict in cases]
    expected = {"valid": "valid", "not valid": "invalid", "revoked": "revoked"}
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(cert_site + "verify/")
        python = [expected[verify_token(t, [public_key_b64(keys["private"])], [REVOKED_ID]).status] for t in tokens]
        assert python[-len(cases):] == [expected[verdict] for _label, _body, verdict in cases]
        for token, label, verdict in zip(tokens, labels, python):
            page.evaluate("""t => { const out = document.querySelector('[data-verify-result]');
                                    out.dataset.state = 'checking'; location.hash = t; }""", token)
            wait_until(page, "() => document.querySelector('[data-verify-result]').dataset.state !== 'checking'")
            state = page.locator("[data-verify-result]").get_attribute("data-state")
            assert state == verdict, (label, token[:60])
        assert not errors
    finally:
        context.close()


def test_an_oversized_link_says_it_is_too_long_without_an_error(page, cert_site, keys):
    state, text = verify_state(page, cert_site + "verify/#" + make_token(keys["private"], _fields(s="S" * 120_000)))
    assert state == "invalid" and "too long" in text
    assert not page.console_errors


def test_details_stack_on_a_narrow_phone_and_sit_side_by_side_on_a_laptop(browser, cert_site, keys):
    token = make_token(keys["private"], _fields(l="en"))
    for width, height, stacked in ((320, 640, True), (1366, 768, False)):
        context = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 400,
                                      is_mobile=width < 400)
        page = context.new_page()
        try:
            assert verify_state(page, cert_site + "verify/#" + token)[0] == "valid"
            boxes = page.evaluate("""() => [...document.querySelectorAll('[data-verify-details] dd')].map((dd) => {
                const r = dd.getBoundingClientRect(), label = dd.previousElementSibling.getBoundingClientRect();
                return {width: r.width, right: r.right, below: r.top >= label.bottom - 1};
            })""")
            assert len(boxes) == 8
            for box in boxes:
                assert box["width"] >= 200 and box["right"] <= width, (width, box)
                assert box["below"] == stacked, (width, box)
        finally:
            context.close()


def _flip(ch: str) -> str:
    return "B" if ch != "B" else "C"


@pytest.mark.parametrize("where", ["payload", "signature"])
def test_one_changed_character_is_not_valid(page, cert_site, keys, where):
    token = make_token(keys["private"], _fields())
    i = 10 if where == "payload" else len(token) - 10
    tampered = token[:i] + _flip(token[i]) + token[i + 1:]
    state, text = verify_state(page, cert_site + "ru/verify/#" + tampered)
    assert state == "invalid", text
    assert "Недействителен" in text
    assert page.locator("[data-verify-details]").is_hidden()
    assert not page.console_errors


@pytest.mark.parametrize("fragment", ["garbage", "a.b.c", "%%%", "eyJ2IjoxfQ.AAAA", "....", "x" * 5000, "Zm9v.", ".Zm9v"])
def test_garbage_and_truncated_fragments_are_not_valid_and_never_throw(page, cert_site, keys, fragment):
    state, _ = verify_state(page, cert_site + "verify/#" + fragment)
    assert state == "invalid"
    assert not page.console_errors


def test_truncated_token_and_unknown_key(page, cert_site, keys):
    token = make_token(keys["private"], _fields())
    assert verify_state(page, cert_site + "verify/#" + token[: len(token) // 2])[0] == "invalid"
    foreign = make_token(keys["other"], _fields())
    state, text = verify_state(page, cert_site + "verify/#" + foreign)
    assert state == "invalid" and "not signed with a key of this course" in text


def test_revoked_certificate_shows_revoked(page, cert_site, keys):
    token = make_token(keys["private"], _fields(id=REVOKED_ID))
    state, text = verify_state(page, cert_site + "verify/#" + token)
    assert state == "revoked", text
    assert REVOKED_ID in text


def test_browser_without_ed25519_cannot_verify_rather_than_not_valid(browser, cert_site, keys):
    context = browser.new_context()
    # Simulate an older engine (e.g. Samsung Internet on Chromium 136) whose WebCrypto lacks Ed25519.
    context.add_init_script("""
      const real = crypto.subtle.importKey.bind(crypto.subtle);
      crypto.subtle.importKey = (format, key, algo, ...rest) =>
        (algo && (algo === 'Ed25519' || algo.name === 'Ed25519'))
          ? Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'))
          : real(format, key, algo, ...rest);
    """)
    page = context.new_page()
    try:
        state, text = verify_state(page, cert_site + "verify/#" + make_token(keys["private"], _fields()))
        assert state == "unsupported", text
        assert "Cannot verify in this browser" in text
    finally:
        context.close()


# -- certificate of self-study -------------------------------------------------------------------

def _progress(passed: dict[str, int]):
    quizzes = {qid: {"best": best, "passed": best >= 70, "attempts": 1, "last": f"2026-11-{10 + i:02d}"}
               for i, (qid, best) in enumerate(passed.items())}
    return json.dumps({"v": 1, "quizzes": quizzes})


def _open_with_progress(page, url, value):
    page.goto(url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PROGRESS, value])
    page.reload()


def test_self_study_page_is_locked_and_says_what_is_missing(page, course_server):
    _open_with_progress(page, course_server + "certificate/", _progress({"module-1": 90, "module-2": 40}))
    root = page.locator("[data-course-certificate]")
    assert root.get_attribute("data-cert-state") == "locked"
    assert page.locator("[data-cert-form]").is_hidden()
    missing = page.locator("[data-cert-locked] li:visible")
    assert missing.count() == 2, missing.all_inner_texts()
    assert missing.nth(0).get_attribute("data-cert-quiz") == "module-2"
    assert "best score 40%, pass mark 70%" in missing.nth(0).inner_text()
    assert missing.nth(1).get_attribute("data-cert-quiz") == "module-3" and "not started" in missing.nth(1).inner_text()
    assert page.locator('[data-cert-quiz="module-1"]').is_hidden()
    assert not page.console_errors


def test_self_study_unlocks_prints_one_page_and_keeps_the_name_as_text(page, course_server):
    _open_with_progress(page, course_server + "certificate/",
                        _progress({"module-1": 90, "module-2": 80, "module-3": 100}))
    assert page.locator("[data-course-certificate]").get_attribute("data-cert-state") == "unlocked"
    page.fill("#cq-cert-name", "<img src=x onerror=alert(1)> Ольга К.")
    page.check("#cq-cert-lang-ru")
    page.click("[data-cert-form] button[type=submit]")
    sheet = page.locator('[data-cert-sheet="ru"]')
    assert sheet.is_visible() and page.locator('[data-cert-sheet="en"]').is_hidden()
    text = sheet.inner_text()
    assert "<img src=x onerror=alert(1)> Ольга К." in text and sheet.locator("img").count() == 0
    assert "90%" in text and "80%" in text and "100%" in text
    assert "запись о самостоятельном обучении" in text.lower()
    number = sheet.locator('[data-cert-field="number"]').inner_text()
    assert re.fullmatch(r"S-[0-9A-Z]{4}-[0-9A-Z]{4}", number)
    assert "12 ноября 2026" in text  # the last quiz passed
    # the same number on a reprint
    page.reload()
    page.check("#cq-cert-lang-ru")
    page.fill("#cq-cert-name", "Ольга К.")
    page.click("[data-cert-form] button[type=submit]")
    assert page.locator('[data-cert-sheet="ru"] [data-cert-field="number"]').inner_text() == number
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 841.9) < 2 and abs(float(box.height) - 595.3) < 2  # A4 landscape, in points
    extracted = reader.pages[0].extract_text()
    assert "Ольга К." in extracted and "Полицейское насилие" in extracted
    assert "Exit this page" not in extracted and "Покинуть страницу" not in extracted
    assert not page.console_errors


def test_self_study_empty_name_is_allowed_and_english_sheet(page, course_server):
    _open_with_progress(page, course_server + "ru/certificate/",
                        _progress({"module-1": 70, "module-2": 75, "module-3": 88}))
    page.check("#cq-cert-lang-en")
    page.click("[data-cert-form] button[type=submit]")
    sheet = page.locator('[data-cert-sheet="en"]')
    assert sheet.is_visible()
    assert sheet.locator('[data-cert-field="name"]').inner_text() == ""
    assert "record of self-study" in sheet.inner_text().lower() and "88%" in sheet.inner_text()


def test_self_study_and_my_progress_ignore_stored_values_that_break_the_rules(page, course_server):
    """One strict reader (the browser core, assets/core.js) for both pages: a text as score, an impossible date,
    a score over 100 count as no result, shown as 'not started', never printed."""
    quizzes = {"module-1": {"best": "100 (verified by the trainer)", "passed": True, "attempts": 1, "last": "2026-11-10"},
               "module-2": {"best": 90, "passed": True, "attempts": 1, "last": "2026-99-99"},
               "module-3": {"best": 101, "passed": True, "attempts": 1, "last": "2026-11-12"}}
    _open_with_progress(page, course_server + "certificate/", json.dumps({"v": 1, "quizzes": quizzes}))
    assert page.locator("[data-course-certificate]").get_attribute("data-cert-state") == "locked"
    missing = page.locator("[data-cert-locked] li:visible")
    assert missing.count() == 3 and all("not started" in t for t in missing.all_inner_texts()), missing.all_inner_texts()
    assert "verified" not in page.locator("[data-course-certificate]").inner_text()
    page.goto(course_server + "progress/")
    for qid in MODULE_QUIZZES:
        assert page.locator(f'[data-progress-quiz="{qid}"]').get_attribute("data-status") == "not-started", qid
    assert not page.console_errors


def test_self_study_with_valid_progress_and_a_foreign_entry_still_prints(page, course_server):
    value = json.loads(_progress({"module-1": 90, "module-2": 80, "module-3": 100}))
    value["quizzes"]["__proto__"] = {"best": 100, "passed": True, "attempts": 1, "last": "9999-12-31"}
    value["quizzes"]["other"] = {"best": 100, "passed": True, "attempts": 1, "last": "0000-01-01"}
    _open_with_progress(page, course_server + "certificate/", json.dumps(value))
    assert page.locator("[data-course-certificate]").get_attribute("data-cert-state") == "unlocked"
    page.check("#cq-cert-lang-en")
    page.click("[data-cert-form] button[type=submit]")
    sheet = page.locator('[data-cert-sheet="en"]')
    assert sheet.is_visible() and "November 12, 2026" in sheet.inner_text()
    assert not page.console_errors
