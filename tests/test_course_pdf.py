"""The whole-course PDF (scripts/course_pdf.py): one per language, made once by the real command."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from sitebuild import ROOT

pypdf = pytest.importorskip("pypdf")

LANGS = {
    "en": {"title": "Police Violence against Women Who Use Drugs", "contents": "Contents",
           "parts": ["Module I. Recognising violations", "Module II. Evidence and documentation",
                     "Module III. Access to justice", "Trainer guidebook"],
           "text": ["Using the site in sessions", "Keep this document safely"],
           "answers": ["Correct answer:", "Correct order:", "Check answers"]},
    "ru": {"title": "Полицейское насилие в отношении женщин, употребляющих наркотики", "contents": "Содержание",
           "parts": ["Модуль I. Как распознать нарушения", "Модуль II. Доказательства и документирование",
                     "Модуль III. Доступ к правосудию", "Руководство для тренеров"],
           "text": ["Как использовать сайт на занятиях", "Храните этот документ надёжно"],
           "answers": ["Правильный ответ:", "Правильный порядок:", "Проверить ответы"]},
}


def flat(text: str) -> str:
    """Text without whitespace or ligatures: PDF text extraction breaks lines where the layout does."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    run = subprocess.run([sys.executable, str(ROOT / "scripts/course_pdf.py"), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    found = {lang: out / f"course-{lang}.pdf" for lang in LANGS}
    for path in found.values():
        assert path.is_file() and str(path) in run.stdout
    return found


@pytest.fixture(scope="module")
def texts(pdfs) -> dict[str, list[str]]:
    return {lang: [p.extract_text() for p in pypdf.PdfReader(path).pages] for lang, path in pdfs.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_text_is_the_whole_course_in_its_language(pdfs, texts, lang):
    want = LANGS[lang]
    pages = texts[lang]
    assert 60 <= len(pages) <= 600, len(pages)
    whole = flat("\n".join(pages))
    for phrase in want["parts"] + want["text"]:
        assert flat(phrase) in whole, phrase
    for phrase in want["answers"]:  # worksheets without answers, no screen-only controls
        assert flat(phrase) not in whole, phrase
    if lang == "ru":
        letters = re.findall(r"[A-Za-zА-Яа-яЁё]", whole)
        assert sum("А" <= c <= "я" or c in "Ёё" for c in letters) / len(letters) > 0.8
        assert flat(LANGS["en"]["parts"][0]) not in whole
    reader = pypdf.PdfReader(pdfs[lang])
    assert reader.metadata.title == want["title"]
    assert flat(want["title"]) in flat(pages[0])


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded_and_covers_cyrillic(pdfs, lang):
    fonts = {}
    for page in pypdf.PdfReader(pdfs[lang]).pages:
        for ref in (page["/Resources"].get_object().get("/Font") or {}).values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            fonts[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any(re.search(r"DejaVu|Liberation|Noto", name) for name in fonts), fonts


@pytest.mark.parametrize("lang", LANGS)
def test_contents_page_numbers_point_at_the_headings(pdfs, texts, lang):
    pages = texts[lang]
    toc_start = next(i for i, t in enumerate(pages) if t.lstrip().startswith(LANGS[lang]["contents"]))
    assert toc_start == 1, "the contents follow the title page"
    first_part = int(re.search(r"^" + re.escape(LANGS[lang]["parts"][0]) + r"\s+(\d+)$", pages[toc_start], re.M).group(1))
    entries = []
    for text in pages[toc_start:first_part - 1]:  # the contents end where the first part begins
        entries += re.findall(r"^(.+?)\s+(\d+)$", text, re.M)
    entries = [(title, int(n)) for title, n in entries if not re.fullmatch(r"\d+ / \d+", f"{title} {n}")]
    titles = [t for t, _ in entries]
    assert all(part in titles for part in LANGS[lang]["parts"]), titles
    assert len(entries) >= 35, entries
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] > toc_start + 1
    for title, n in entries:
        assert flat(title) in flat(pages[n - 1]), f"{title!r} not on page {n}"
    # the outline (bookmarks) lists the parts too
    outline = [flat(item.title) for item in pypdf.PdfReader(pdfs[lang]).outline if not isinstance(item, list)]
    assert all(flat(part) in outline for part in LANGS[lang]["parts"]), outline


def test_links_between_pages_stay_inside_the_pdf(pdfs):
    reader = pypdf.PdfReader(pdfs["en"])
    internal = external = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            action = a.get("/A")
            if "/Dest" in a or (action is not None and action.get_object().get("/S") == "/GoTo"):
                internal += 1
            elif action is not None and action.get_object().get("/S") == "/URI":
                uri = str(action.get_object()["/URI"])
                assert not uri.startswith("file:"), uri
                external += 1
    assert internal > 40 and external > 0, (internal, external)
