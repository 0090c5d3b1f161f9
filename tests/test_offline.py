"""The offline copy (scripts/offline.py): a zip of the whole site that works from file://.

The zip is made once by the real command, unpacked, and opened from disk in headless Chromium
without any flag that relaxes file:// rules (trainers open it in an ordinary browser)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import wait_until
from sitebuild import ROOT
from test_browser_site import answer, bank

sys.path.insert(0, str(ROOT / "plugins"))
from course_plugin.offline import classic_scripts, local_worker_shim  # noqa: E402
from course_plugin.site import STORAGE_KEYS  # noqa: E402

KEY = STORAGE_KEYS["progress"]
ZIP_BUDGET = 3 * 1024 * 1024  # bytes; the copy travels on USB sticks and by messenger


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run([sys.executable, str(ROOT / "scripts/offline.py"), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    zips = list(out.glob("course-offline-*.zip"))
    assert len(zips) == 1, zips
    assert zips[0].name in run.stdout
    return zips[0]


@pytest.fixture(scope="module")
def offline_root(offline_zip, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(dest)
    return dest / offline_zip.stem


@pytest.fixture
def offline_page(browser):
    """A fresh context; every request and console error is recorded."""
    context = browser.new_context()
    pg = context.new_page()
    pg.requests, pg.console_errors = [], []
    context.on("request", lambda r: pg.requests.append(r.url))
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


# -- the zip -------------------------------------------------------------------------------------
def test_zip_has_one_top_folder_with_index_html_and_stays_small(offline_zip):
    with zipfile.ZipFile(offline_zip) as zf:
        names = zf.namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert tops == {offline_zip.stem}, tops
    rel = {n.split("/", 1)[1] for n in names}
    assert {"index.html", "ru/index.html", "module-1/index.html", "ru/guidebook/using-the-site.html",
            "search/search_index.js", "assets/course/offline/frame-worker.js"} <= rel
    assert not [n for n in rel if n.endswith(".map")], "source maps are not needed offline"
    assert "search/search_index.json" not in rel and "sitemap.xml" not in rel
    lunr = sorted(n.rsplit("/", 1)[1] for n in rel if "/lunr/" in n)
    assert lunr == ["lunr.multi.min.js", "lunr.ru.min.js", "lunr.stemmer.support.min.js"], lunr
    assert re.fullmatch(r"course-offline-\d{4}-\d\d-\d\d\.zip", offline_zip.name)
    assert offline_zip.stat().st_size < ZIP_BUDGET, offline_zip.stat().st_size


def test_pages_link_to_files_and_load_nothing_from_another_host(offline_root):
    pages = list(offline_root.rglob("*.html"))
    assert len(pages) > 60
    for html in pages:
        text = html.read_text(encoding="utf-8")
        where = html.relative_to(offline_root)
        assert "unpkg.com" not in text, where
        assert not re.search(r'<script[^>]*type="module"', text), f"{where}: module scripts fail from file://"
        loads = re.findall(r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="([^"]*)"', text)
        loads += [re.search(r'href="([^"]*)"', tag).group(1) for tag in re.findall(r"<link\b[^>]*>", text)
                  if 'rel="canonical"' not in tag]  # a canonical link names the site, it loads nothing
        assert not [u for u in loads if re.match(r"(https?:)?//|/", u)], f"{where}: loads from elsewhere"
        # links and loads are relative files: a link ending in "/" would open a folder on disk
        for url in re.findall(r'\b(?:src|href)="([^"#?]*)', text):
            if not re.match(r"(https?|mailto|tel):", url):
                assert not url.startswith("/") and not (url and url.endswith("/")), (where, url)


def test_course_scripts_work_as_classic_scripts():
    """Every course script (present and future) must run as a classic script from file://:
    no import/export, no import.meta, and its own scope so top-level names never collide."""
    scripts = sorted((ROOT / "plugins/course_plugin/assets").rglob("*.js"))
    assert scripts
    for js in scripts:
        code = "\n".join(line for line in js.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("//"))
        assert not re.search(r"^\s*(import|export)\b", code, re.M), f"{js.name}: import/export"
        assert "import.meta" not in code and "import(" not in code, js.name
        body = "\n".join(line for line in code.splitlines() if line.strip() and not line.startswith("//"))
        assert body.startswith("(() => {") and body.rstrip().endswith("})();"), f"{js.name}: wrap it in (() => {{ ... }})();"


def test_classic_scripts_rewrites_only_course_module_scripts():
    html = ('<script src="../assets/course/course.js" type="module"></script>'
            '<script type="module" src="assets/course/present.js"></script>'
            '<script type="module" src="other/x.js"></script><script src="assets/javascripts/bundle.js"></script>')
    out = classic_scripts(html)
    assert '<script defer src="../assets/course/course.js">' in out
    assert '<script defer src="assets/course/present.js">' in out
    assert '<script type="module" src="other/x.js">' in out and '<script src="assets/javascripts/bundle.js">' in out
    assert local_worker_shim(["https://unpkg.com/iframe-worker/shim", "a.js"]) == \
        ["a.js", "assets/course/offline/frame-worker.js"]


def test_online_site_is_unchanged(course_site):
    """The offline mode applies to the offline build only."""
    text = (course_site / "module-1" / "summary" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="[^"]*assets/course/course.js" type="module">', text)
    assert not (course_site / "assets/course/offline").exists()
    assert "frame-worker" not in text


# -- in the browser, from file:// -----------------------------------------------------------------
def local_only(pg):
    foreign = [u for u in pg.requests if not u.startswith("file://")]
    assert pg.requests and not foreign, foreign


def test_navigation_language_switch_quiz_and_progress_from_disk(offline_page, offline_root):
    pg = offline_page
    pg.goto((offline_root / "index.html").as_uri())
    pg.locator('.md-content a[href="module-1/index.html"]').first.click()
    pg.wait_for_url((offline_root / "module-1" / "index.html").as_uri())
    assert "Module I" in pg.locator("h1").first.inner_text()
    # course.js runs: Shift once announces the quick exit
    pg.locator("body").press("Shift")
    assert "2" in pg.locator(".qx-status").inner_text()
    # the language switcher leads to the same page in Russian
    pg.locator(".md-select__link[hreflang=ru]").first.dispatch_event("click")
    pg.wait_for_url((offline_root / "ru" / "module-1" / "index.html").as_uri())
    assert pg.get_attribute("html", "lang") == "ru"

    quizzes = bank()
    pg.goto((offline_root / "ru" / "module-1" / "summary.html").as_uri())
    assert answer(pg, quizzes["module-1"]) == ("100", "true")
    stored = json.loads(pg.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored["quizzes"]["module-1"]["passed"] is True
    # progress is kept in this browser's storage for file:// and shown on My progress (both languages)
    pg.goto((offline_root / "ru" / "progress.html").as_uri())
    assert pg.locator('[data-progress-quiz="module-1"] [data-cell=status]').inner_text() == "Пройден"
    pg.goto((offline_root / "progress.html").as_uri())
    assert pg.locator('[data-progress-quiz="module-1"] [data-cell=status]').inner_text() == "Passed"
    link = pg.locator('[data-progress-quiz="module-1"] a').first.get_attribute("href")
    assert link == "module-1/summary.html", link
    local_only(pg)
    assert not pg.console_errors, pg.console_errors


@pytest.mark.parametrize("lang,query,expect", [("", "police", "Module"), ("ru/", "полиция", "Модуль")])
def test_search_works_from_disk(offline_page, offline_root, lang, query, expect):
    pg = offline_page
    pg.goto((offline_root / lang / "index.html").as_uri())
    meta, box = pg.locator(".md-search-result__meta"), pg.locator(".md-search__input")
    box.click()
    # the index is built in the hidden frame after the page loads; a query typed before that is
    # not answered (as online), so type it again until the count of matches shows, as a reader would
    for _ in range(10):
        box.press("Control+a")
        box.press("Backspace")
        pg.keyboard.type(query)
        box.press("End")  # Material reads the query on keyup; Playwright types Cyrillic without key events
        try:
            wait_until(pg, "el => /[1-9]/.test(el.textContent)", meta.element_handle(), timeout=2000)
            break
        except Exception:  # noqa: BLE001 (playwright's TimeoutError): not ready yet
            continue
    assert re.search(r"[1-9]", meta.inner_text()), meta.inner_text()
    pg.locator(".md-search-result__item").first.wait_for()
    assert expect in pg.locator(".md-search-result").inner_text()
    first = pg.locator(".md-search-result__link").first.get_attribute("href")
    assert first.startswith(offline_root.as_uri() + "/") and re.search(r"\.html([?#]|$)", first), first
    pg.locator(".md-search-result__link").first.click()
    pg.wait_for_load_state()
    assert pg.url.startswith("file://") and ".html" in pg.url
    if lang:
        assert pg.get_attribute("html", "lang") == "ru"
    local_only(pg)
    assert not pg.console_errors, pg.console_errors


def test_deadline_helper_works_from_disk(offline_page, offline_root):
    pg = offline_page
    pg.goto((offline_root / "module-3" / "european-court.html").as_uri())
    pg.fill("#cq-deadline-date", "2025-03-14")
    pg.click("form[data-ecthr-deadline] button[type=submit]")
    assert pg.locator("[data-deadline-result]").get_attribute("data-last-day") == "2025-07-14"
    local_only(pg)
    assert not pg.console_errors, pg.console_errors


def test_classic_scripts_option_without_the_offline_plugin(tmp_path):
    """The plugin option alone (for a site served from disk some other way) loads classic scripts."""
    from sitebuild import MINI_CONFIG, build_site, make_site

    config = make_site(tmp_path, config=MINI_CONFIG.replace("  - course\n", "  - course:\n      classic_scripts: true\n"))
    build_site(config, tmp_path / "site")
    for page in ["quiz/page/index.html", "ru/quiz/page/index.html"]:
        text = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert re.search(r'<script defer src="[^"]*assets/course/course.js">', text), page
        assert re.search(r'<script defer src="[^"]*assets/course/quiz.js">', text), page
        assert 'type="module"' not in text and "frame-worker" not in text, page
