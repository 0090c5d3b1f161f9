"""A third language is data only (README "How to add a language"): a small site in English,
Russian and Ukrainian, with the Ukrainian strings file written here (the site's own ``strings_dir``),
builds; its quiz, progress and Verify pages work in Ukrainian; a trainer certificate in Ukrainian
is issued (PDF) and verified by Python and by the Verify page under /uk/verify/ in Chromium.
No Python or JavaScript of the plugin names a language."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import _Server, wait_until
from sitebuild import ROOT, SITE_URL, build_site, make_site, site_config

from course_plugin.certificates import token as tk
from course_plugin.site import PAGE_DATA_ID, STORAGE_KEYS, read_site
from course_plugin.strings import STRINGS_DIR

SCRIPT = ROOT / "scripts" / "certificates.py"

LANGUAGES = {"en": "English", "ru": "Русский", "uk": "Українська"}
COURSE_OPTIONS = """
strings_dir: strings
exit_url:
  en: https://en.wikipedia.org/wiki/Main_Page
  ru: https://ru.wikipedia.org/wiki/%D0%97%D0%B0%D0%B3%D0%BB%D0%B0%D0%B2%D0%BD%D0%B0%D1%8F_%D1%81%D1%82%D1%80%D0%B0%D0%BD%D0%B8%D1%86%D0%B0
  uk: https://uk.wikipedia.org/wiki/%D0%93%D0%BE%D0%BB%D0%BE%D0%B2%D0%BD%D0%B0_%D1%81%D1%82%D0%BE%D1%80%D1%96%D0%BD%D0%BA%D0%B0
certificate_keys: ["{key}"]
"""

QUIZ = """
id: trio
title: {en: Three languages, ru: Три языка, uk: Три мови}
pass_mark: 100
questions:
  - id: t-one
    type: single
    text: {en: "Pick **b**", ru: "Выберите **b**", uk: "Оберіть **b**"}
    explanation: {en: "It is b.", ru: "Это b.", uk: "Це b."}
    options:
      - {id: a, text: {en: A, ru: А, uk: А}}
      - {id: b, correct: true, text: {en: B, ru: Б, uk: Б}}
"""

PAGES = {
    "en/index.md": "# Home\n\nHello.\n", "ru/index.md": "# Главная\n\nПривет.\n",
    "uk/index.md": "# Головна\n\nВітаємо.\n",
    "en/quiz.md": "# Quiz\n\n<!-- quiz: trio -->\n", "ru/quiz.md": "# Тест\n\n<!-- quiz: trio -->\n",
    "uk/quiz.md": "# Тест\n\n<!-- quiz: trio -->\n",
    "en/progress.md": "# My progress\n\n<!-- course: progress -->\n",
    "ru/progress.md": "# Мой прогресс\n\n<!-- course: progress -->\n",
    "uk/progress.md": "# Мій поступ\n\n<!-- course: progress -->\n",
    "en/verify.md": "# Verify\n\n<!-- course: verify -->\n", "ru/verify.md": "# Проверка\n\n<!-- course: verify -->\n",
    "uk/verify.md": "# Перевірка\n\n<!-- course: verify -->\n",
}

# Ukrainian for what this test reads (the Verify page, the certificate, dates); every other key
# keeps the English text, as a translator's first draft would
UKRAINIAN = {
    "verify_empty": "Сертифіката для перевірки ще немає. Відкрийте посилання, надруковане на сертифікаті, "
                    "відскануйте його QR-код або вставте посилання нижче.",
    "verify_input_label": "Посилання або код із сертифіката",
    "verify_button": "Перевірити сертифікат",
    "verify_checking": "Перевіряємо…",
    "verify_valid": "Дійсний: цей сертифікат видав тренер цього курсу, і його не змінювали.",
    "verify_invalid": "Недійсний: справжність цього сертифіката не можна підтвердити.",
    "verify_revoked": "Відкликаний: цей сертифікат був справжнім, але його відкликали.",
    "verify_id": "Номер сертифіката", "verify_name": "Ім’я", "verify_session": "Навчальна сесія",
    "verify_date": "Дата сесії", "verify_hours": "Години", "verify_language": "Мова сертифіката",
    "verify_issued": "Дата видачі", "verify_key": "Ключ підпису",
    "cert_course_title": "«Поліцейське насильство щодо жінок, які вживають наркотики»",
    "cert_title_trainer": "Сертифікат", "cert_before_name_trainer": "",
    "cert_after_name_trainer": "за участь у навчальній сесії курсу",
    "cert_session": "Навчальна сесія", "cert_date": "Дата", "cert_duration": "Тривалість",
    "cert_hours_one": "{n} год", "cert_hours_other": "{n} год", "cert_number_trainer": "Сертифікат №",
    "cert_issued": "Дата видачі", "cert_key": "Ключ підпису",
    "cert_verify": "Щоб перевірити справжність сертифіката, відскануйте QR-код або відкрийте це посилання:",
    "cert_qr_label": "QR-код із посиланням для перевірки сертифіката",
    "discreet_title": "Нотатки",
    "date_in_words": "{day} {month} {year} р.", "decimal_separator": ",",
    **{f"date_month_{i:02d}": name for i, name in enumerate(
        ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
         "жовтня", "листопада", "грудня"], start=1)},
}


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def trio(tmp_path_factory):
    """The three-language site (built), a trainer key listed in it, and one issued batch."""
    root = tmp_path_factory.mktemp("trio")
    keys = root / "keys"
    assert run("keygen", "--out", keys).returncode == 0
    public = (keys / "certificate-public-key.txt").read_text().strip()
    config = make_site(root, PAGES, {"trio.yml": QUIZ},
                       site_config(LANGUAGES, COURSE_OPTIONS.format(key=public)))
    english = yaml.safe_load((STRINGS_DIR / "en.yml").read_text(encoding="utf-8"))
    (root / "strings").mkdir()
    (root / "strings" / "uk.yml").write_text(yaml.safe_dump({**english, **UKRAINIAN}, allow_unicode=True),
                                             encoding="utf-8")
    build_site(config, root / "site")
    roster = root / "roster.csv"
    roster.write_text("name,date,language,session,hours\n"
                      "Олена Ґудзь-Їжакевич,2026-03-14,uk,Семінар: документування,1.5\n"
                      "Анна Кузнецова,2026-03-14,ru,Семинар,2\n", encoding="utf-8")
    out = root / "out"
    issued = run("issue", roster, "--key", keys / "certificate-private-key.pem", "--out", out, "--config", config)
    assert issued.returncode == 0, issued.stderr
    with open(out / "issued.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    server = _Server(root / "site")
    yield {"root": root, "config": config, "public": public, "rows": rows, "out": out, "url": server.url}
    server.close()


def test_the_site_model_reads_three_languages(trio):
    site = read_site(trio["config"])
    assert site.codes == ["en", "ru", "uk"] and site.default.code == "en"
    assert site.names["uk"] == "Українська" and site.language("uk").prefix == "uk/"
    assert site.strings("uk")["verify_valid"].startswith("Дійсний")


def test_pages_quiz_and_progress_are_built_in_the_third_language(trio):
    site = trio["root"] / "site"
    quiz = (site / "uk" / "quiz" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="uk"' in quiz and "Оберіть <strong>b</strong>" in quiz and "Три мови" in quiz
    block = re.search(rf'<script type="application/json" id="{PAGE_DATA_ID}">(.*?)</script>', quiz).group(1)
    data = json.loads(block)
    assert data["lang"] == "uk" and data["default"] == "en" and data["storage"]["progress"] == STORAGE_KEYS["progress"]
    assert [lang["code"] for lang in data["languages"]] == ["en", "ru", "uk"]
    assert "Три мови" in (site / "uk" / "progress" / "index.html").read_text(encoding="utf-8")


def test_issued_certificate_in_the_third_language_is_valid_in_python(trio):
    row = next(r for r in trio["rows"] if r["name"].startswith("Олена"))
    assert row["verify_url"].startswith(SITE_URL + "uk/verify/#")
    token = tk.extract_token(row["verify_url"])
    result = tk.verify_token(token, [trio["public"]], languages=["en", "ru", "uk"])
    assert result.valid and result.payload["l"] == "uk" and result.payload["h"] == 1.5
    # the contract: `l` is one of the site's languages; on a site without Ukrainian it is not valid
    other = tk.verify_token(token, [trio["public"]], languages=["en", "ru"])
    assert other.status == tk.NOT_VALID and "'l' must be one of the site's languages: en, ru" in other.reason
    cli = run("verify", row["verify_url"], "--config", trio["config"])
    assert cli.returncode == 0 and "Result: VALID" in cli.stdout and re.search(r"Language:\s+uk", cli.stdout)


def test_the_pdf_is_in_the_third_language(trio):
    row = next(r for r in trio["rows"] if r["name"].startswith("Олена"))
    text = PdfReader(trio["out"] / row["pdf"]).pages[0].extract_text()
    assert "Олена Ґудзь-Їжакевич" in text and "Сертифікат" in text and "за участь у навчальній сесії" in text
    assert "14 березня 2026 р." in text and "1,5 год" in text
    assert row["verify_url"] in re.sub(r"\s+", "", text)


def test_the_verify_page_under_the_third_language_confirms_it(page, trio):
    row = next(r for r in trio["rows"] if r["name"].startswith("Олена"))
    token = tk.extract_token(row["verify_url"])
    page.goto(trio["url"] + "uk/verify/#" + token)
    wait_until(page, "() => !['checking', 'empty'].includes(document.querySelector('[data-verify-result]').dataset.state)")
    result = page.locator("[data-verify-result]")
    text = result.inner_text()
    assert result.get_attribute("data-state") == "valid", text
    assert "Дійсний" in text and "Олена Ґудзь-Їжакевич" in text and "Українська" in text  # the language's own name
    assert page.get_attribute("html", "lang") == "uk"
    # the Russian certificate of the same batch is valid on the Ukrainian page too
    other = next(r for r in trio["rows"] if r["name"].startswith("Анна"))
    page.goto(trio["url"] + "uk/verify/#" + tk.extract_token(other["verify_url"]))
    page.reload()
    wait_until(page, "() => !['checking', 'empty'].includes(document.querySelector('[data-verify-result]').dataset.state)")
    assert result.get_attribute("data-state") == "valid" and "Русский" in result.inner_text()
    assert not page.console_errors


def test_a_quiz_answered_in_the_third_language_is_kept_under_the_sites_key(page, trio):
    page.goto(trio["url"] + "uk/quiz/")
    page.check('[data-question="t-one"] input[value="b"]')
    page.click('[data-quiz="trio"] button[type=submit]')
    assert page.locator("[data-quiz-result]").get_attribute("data-passed") == "true"
    stored = json.loads(page.evaluate("(key) => localStorage.getItem(key)", STORAGE_KEYS["progress"]))
    assert stored["quizzes"]["trio"]["best"] == 100
    page.goto(trio["url"] + "uk/progress/")
    best = '[data-progress-quiz="trio"] [data-cell="best"]'
    wait_until(page, "(sel) => document.querySelector(sel).textContent.includes('100')", best)
    assert "Три мови" in page.locator('[data-progress-quiz="trio"]').inner_text()
    assert not page.console_errors
