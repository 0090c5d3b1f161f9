"""Offline, by the learner's choice (README "Offline, by the learner's choice"), in headless
Chromium on a 360x740 touch phone: the service worker exists only after she opts in; then the
chosen language works with no server at all (quiz scored and kept, My progress, search, quick
exit); a rebuilt site updates the copy; "Erase my data" leaves no registration and no cache; a
visitor who never opts in gets none of it; nothing ever goes to another host."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import _Server, wait_until
from sitebuild import MINI_CONFIG, ROOT, build_site, make_site
from test_browser_site import answer, bank
from test_every_page_browser import AXE, TAGS
from test_quiz_browser import answer_all_correctly

PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
STATE = "document.querySelector('[data-offline-save]').dataset.offlineState"


@pytest.fixture
def phone(browser):
    """A fresh phone context; every request (the service worker's too) is recorded."""
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    pg.requests, pg.console_errors = [], []
    context.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


def local_only(page, server: str) -> None:
    host = urlsplit(server).netloc
    foreign = [u for u in page.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host]
    assert not foreign, foreign


def keep_copy(page, choice: int = 0, timeout: float = 180_000) -> str:
    """Press "Keep this course on this device" with the choice-th language option; wait for ready."""
    assert page.evaluate(STATE) == "none"
    page.locator("input[name=cq-offline-languages]").nth(choice).check()
    page.locator("[data-offline-keep]").tap()
    state = wait_until(page, f"['ready', 'error'].includes({STATE}) && {STATE}", timeout=timeout)
    assert state == "ready", page.locator("[data-offline-status]").inner_text()
    return page.get_attribute("[data-offline-date]", "data-offline-date")


def registrations(page) -> list[str]:
    return page.evaluate("navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope))")


def cache_names(page, server: str) -> list[str]:
    """The origin's cache names, asked through DevTools: asking from the page could create storage."""
    cdp = page.context.new_cdp_session(page)
    origin = server.rstrip("/")
    try:
        return [c["cacheName"] for c in cdp.send("CacheStorage.requestCacheNames", {"storageKey": origin + "/"})["caches"]]
    finally:
        cdp.detach()


def search(page, word: str) -> list[str]:
    page.locator('label[for="__search"]').first.tap()
    for _ in range(15):   # the index is built on first use: type again until results show
        page.fill('input[name="query"]', word)
        page.keyboard.press("End")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=2000)
            break
        except Exception:  # noqa: BLE001 (playwright's TimeoutError)
            continue
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")


# -- opting in, then no network at all ------------------------------------------------------------
def test_kept_copy_works_with_no_server(phone, course_site):
    server = _Server(course_site)   # its own server: closed below, so nothing can come from the network
    url = server.url
    page = phone
    try:
        page.goto(url + "safety/")
        assert registrations(page) == [] and cache_names(page, url) == []
        sizes = page.locator("[data-offline-size]").all_inner_texts()
        assert all(re.fullmatch(r"about \d+(\.\d)? MB", s) for s in sizes), sizes
        assert page.locator('link[rel="manifest"]').count() == 0
        date = keep_copy(page)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", date), date
        assert page.locator("[data-offline-date]").inner_text().startswith("Copy made on ")
        assert registrations(page) == [url]
        assert page.locator('link[rel="manifest"]').count() == 1
        names = cache_names(page, url)
        assert len(names) == 1 and names[0].startswith("pvwud-course.offline:/:en-"), names
    finally:
        server.close()
    page.context.set_offline(True)

    quiz = bank()["module-1"]
    for path in ("", "module-1/context/", "module-2/interviewing/", "glossary/", "module-1/summary/"):
        page.goto(url + path)
        assert page.get_attribute("html", "lang") == "en"
        assert page.locator("h1").count() == 1
        assert page.locator('link[rel="manifest"]').get_attribute("href") == "/manifest.webmanifest"
    assert answer(page, quiz) == ("100", "true")   # answered and checked, offline

    page.goto(url + "progress/")
    wait_until(page, "document.querySelector('[data-progress-quiz=\"module-1\"] [data-cell=best]').textContent.includes('100')")
    wait_until(page, f"() => ({STATE}) === 'ready'")   # the copy knows its own date, offline too (found asynchronously)
    links = search(page, "detention")
    assert links and all(not link.removeprefix(url).startswith("ru/") for link in links), links
    page.goto(links[0])
    assert page.locator("h1").count() == 1

    # only the chosen language was kept
    with pytest.raises(Exception):
        page.goto(url + "ru/")
    local_only(page, url)
    assert not page.console_errors, page.console_errors


def test_quick_exit_works_the_same_offline(phone, course_server):
    page = phone
    page.goto(course_server + "progress/")
    keep_copy(page)
    page.context.set_offline(True)
    page.goto(course_server + "module-1/context/")
    target = page.locator("[data-exit]").first.get_attribute("href")
    assert not target.startswith(course_server)
    page.locator(".qx-button").tap()
    # offline the neutral page cannot load: the browser's own "no internet" page, named after the
    # target's host, replaces the course (as the target does online)
    host = urlsplit(target).netloc
    shown = wait_until(page, "h => location.href.startsWith('chrome-error:') && document.title === h && document.body.innerText",
                       host, timeout=10_000)
    assert "Police" not in shown and "module" not in shown.lower()


# -- updates, erase, never opted in ----------------------------------------------------------------
PAGES = {
    "en/index.md": "# Home\n\nHello.\n",
    "ru/index.md": "# Главная\n\nПривет.\n",
    "en/safety.md": "# Stay safe\n\n<!-- course: offline -->\n",
    "ru/safety.md": "# Безопасность\n\n<!-- course: offline -->\n",
    "en/quiz/page.md": "# Quiz page\n\n<!-- quiz: sample -->\n",
    "ru/quiz/page.md": "# Страница теста\n\n<!-- quiz: sample -->\n",
    "en/other.md": "# Other\n\nB.\n",
    "ru/other.md": "# Другая\n\nБ.\n",
    "en/progress.md": "# Progress\n\n<!-- course: progress -->\n\n<!-- course: offline -->\n",
    "ru/progress.md": "# Прогресс\n\n<!-- course: progress -->\n\n<!-- course: offline -->\n",
}


@pytest.fixture
def small_site(tmp_path):
    build_site(make_site(tmp_path, pages=PAGES), tmp_path / "site")
    server = _Server(tmp_path / "site")
    yield tmp_path, server.url
    server.close()


def test_copy_of_both_languages_updates_after_a_rebuild(phone, small_site):
    root, url = small_site
    page = phone
    page.goto(url + "ru/safety/")
    first = keep_copy(page, choice=1)   # all languages
    page.context.set_offline(True)
    page.goto(url)
    assert "Hello." in page.locator("article").inner_text()
    page.goto(url + "ru/other/")
    assert "Б." in page.locator("article").inner_text()
    page.context.set_offline(False)

    build_site(make_site(root, pages={**PAGES, "en/index.md": "# Home\n\nHello again.\n"}), root / "site")
    deadline = time.monotonic() + 120
    while True:   # online, every visit lets the browser check sw.js; the page shows the new date when done
        page.goto(url + "ru/safety/")
        wait_until(page, f"{STATE} !== 'none'")
        date = page.get_attribute("[data-offline-date]", "data-offline-date")
        if date and date != first and page.evaluate(STATE) == "ready":
            break
        assert time.monotonic() < deadline, "the copy did not update"
        time.sleep(1)
    page.context.set_offline(True)
    page.goto(url)
    assert "Hello again." in page.locator("article").inner_text()
    page.goto(url + "ru/other/")
    assert "Б." in page.locator("article").inner_text()
    assert len(cache_names(page, url)) == 1, "the old copy must be deleted"
    local_only(page, url)


def test_erase_my_data_removes_the_service_worker_and_every_cache(phone, small_site):
    _, url = small_site
    page = phone
    page.goto(url + "quiz/page/")
    answer_all_correctly(page)
    page.locator('[data-quiz="sample"] button[type=submit]').tap()
    page.goto(url + "progress/")
    keep_copy(page)
    assert registrations(page) and cache_names(page, url)
    page.locator("[data-erase-all]").tap()
    status = page.locator("[data-storage-status]")
    wait_until(page, "el => el.textContent.includes('offline copy')", status.element_handle(), timeout=10_000)
    assert status.inner_text() == ("Erased from this browser: your quiz progress. Also removed: the offline copy "
                                   "of the course (its service worker and the stored pages).")
    assert page.evaluate(STATE) == "none"
    assert registrations(page) == [] and cache_names(page, url) == []
    page.goto(url + "other/")   # the page that was controlled navigates: nothing comes back
    page.goto(url + "progress/")
    assert registrations(page) == [] and cache_names(page, url) == []
    assert page.locator('link[rel="manifest"]').count() == 0
    # erasing again with only the copy kept says just that
    keep_copy(page)
    page.locator("[data-erase-all]").tap()
    wait_until(page, "el => el.textContent.includes('offline copy')", status.element_handle(), timeout=10_000)
    assert status.inner_text() == ("Erased from this browser: the offline copy of the course (its service worker "
                                   "and the stored pages).")
    assert registrations(page) == [] and cache_names(page, url) == []


def test_remove_button_and_russian_texts(phone, small_site):
    _, url = small_site
    page = phone
    page.goto(url + "ru/progress/")
    assert page.locator("[data-offline-keep]").inner_text() == "Сохранить курс на этом устройстве"
    sizes = page.locator("[data-offline-size]").all_inner_texts()
    assert all(re.fullmatch(r"около \d+(,\d)? МБ", s) for s in sizes), sizes
    keep_copy(page)
    assert page.locator("[data-offline-date]").inner_text().startswith("Копия сделана: ")
    assert page.locator("[data-offline-keep]").inner_text() == "Сохранить копию заново с этим выбором"
    page.locator("[data-offline-remove]").tap()
    wait_until(page, f"{STATE} === 'none'")
    assert page.locator("[data-offline-status]").inner_text() == "Офлайн-копия удалена с этого устройства."
    assert not page.locator("[data-offline-remove]").is_visible()
    assert page.evaluate("document.activeElement.matches('[data-offline-keep]')")
    assert registrations(page) == [] and cache_names(page, url) == []


def test_visit_only_mode_asks_for_an_explicit_choice(phone, small_site):
    _, url = small_site
    page = phone
    page.goto(url + "progress/")
    note = page.locator("[data-offline-visit]")
    assert not note.is_visible()
    page.check("#cq-storage-visit")
    assert note.is_visible() and "stays on this device after you close the tab" in note.inner_text()
    page.locator("[data-offline-keep]").tap()
    assert page.locator("[data-offline-status]").inner_text().startswith("Nothing was downloaded.")
    assert page.evaluate("document.activeElement.id") == "cq-offline-visit-ok"
    time.sleep(0.5)
    assert registrations(page) == [] and cache_names(page, url) == [] and page.evaluate(STATE) == "none"
    page.check("#cq-offline-visit-ok")
    keep_copy(page)
    page.goto(url + "quiz/page/")
    answer_all_correctly(page)
    page.locator('[data-quiz="sample"] button[type=submit]').tap()
    assert page.evaluate("Object.keys(localStorage)") == []   # progress still for this visit only


def test_never_opted_in_gets_no_service_worker_cache_or_manifest(phone, course_server, course_site):
    page = phone
    for path in ("", "safety/", "progress/", "module-1/summary/", "ru/", "ru/safety/", "ru/progress/"):
        page.goto(course_server + path, wait_until="networkidle")
        assert page.locator('link[rel="manifest"]').count() == 0, path
    search(page, "полиция")
    assert registrations(page) == [] and cache_names(page, course_server) == []
    assert not [u for u in page.requests if u.endswith(("sw.js", ".webmanifest")) or "sw.js?" in u], page.requests
    local_only(page, course_server)
    # and no built page links a manifest or loads the control's script unless it holds the control
    for html in course_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert 'rel="manifest"' not in text, html
        assert ("offline-save.js" in text) == ("data-offline-save" in text), html


def test_unsupported_browser_says_so(browser, small_site):
    _, url = small_site
    context = browser.new_context(**PHONE)
    context.add_init_script("delete Navigator.prototype.serviceWorker")
    page = context.new_page()
    page.goto(url + "safety/")
    wait_until(page, f"{STATE} === 'unsupported'")
    assert not page.locator("[data-offline-keep]").is_visible()
    assert page.locator("[data-offline-status]").inner_text().startswith("This browser cannot keep the course offline.")
    context.close()


def axe_on_control(page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run({include: [['[data-offline-save]']]}, {runOnly: {type: 'tag', values: tags}})",
                           TAGS)
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("path", ["safety/", "ru/progress/"])
def test_control_is_accessible_in_every_state(phone, course_server, path):
    url = course_server   # the course's own colours
    page = phone
    page.goto(url + path)
    assert axe_on_control(page) == []
    if "progress" in path:   # visit-only: the note and its confirmation are shown too
        page.check("#cq-storage-visit")
        assert axe_on_control(page) == []
        page.check("#cq-offline-visit-ok")
    keep_copy(page)
    assert axe_on_control(page) == []
    for el in page.locator("[data-offline-save] button:visible, [data-offline-save] input:visible").all():
        box = el.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (el.evaluate("e => e.outerHTML"), box)


# -- build ----------------------------------------------------------------------------------------
def test_build_lists_each_language_and_measures_it(course_site):
    import sys
    sys.path.insert(0, str(ROOT / "plugins"))
    from course_plugin import keep_offline

    source = (course_site / "sw.js").read_text(encoding="utf-8")
    build = json.loads(re.search(r"const BUILD = (\{.*?\});\n", source).group(1))["languages"]
    assert set(build) == {"en", "ru"}
    en_pages = {p.parent.relative_to(course_site).as_posix() + "/" for p in course_site.rglob("index.html")
                if not p.relative_to(course_site).as_posix().startswith(("ru/", "assets/"))}
    assert set(build["en"]["pages"]) == {"" if p == "./" else p for p in en_pages}
    assert all(p.startswith("ru/") for p in build["ru"]["pages"]) and len(build["ru"]["pages"]) == len(en_pages)
    for lang, index in (("en", "search/search_index.json"), ("ru", "ru/search/search_index.json")):
        files = build[lang]["files"]
        assert index in files and any("/workers/search." in f for f in files) and "assets/course/quiz.js" in files
        assert all((course_site / f).is_file() for f in files), [f for f in files if not (course_site / f).is_file()]
        assert re.fullmatch(r"[0-9a-f]{16}", build[lang]["version"])
    lists = keep_offline.copy_lists(course_site, ["en", "ru"], ["en", "ru"])
    html = (course_site / "safety/index.html").read_text(encoding="utf-8")
    shown = dict(re.findall(r'data-offline-size="([^"]+)">about ([\d.]+) MB', html))
    assert shown["en"] == f"{keep_offline.measure(course_site, lists, ['en']) / 1e6:.1f}"
    assert shown["en,ru"] == f"{keep_offline.measure(course_site, lists, ['en', 'ru']) / 1e6:.1f}"
    manifest = json.loads((course_site / "ru/manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "ru" and manifest["scope"] == "../" and manifest["start_url"] == "./"


def test_discreet_manifest_has_the_neutral_name_and_icon(tmp_path):
    config = MINI_CONFIG.replace("  - course\n", "  - course:\n      discreet: true\n")
    build_site(make_site(tmp_path, pages=PAGES, config=config), tmp_path / "site")
    for rel, name in (("manifest.webmanifest", "Notes"), ("ru/manifest.webmanifest", "Заметки")):
        manifest = json.loads((tmp_path / "site" / rel).read_text(encoding="utf-8"))
        assert manifest["name"] == manifest["short_name"] == name
        assert [i["src"].rsplit("/", 1)[-1] for i in manifest["icons"]] == ["neutral.svg"]
    source = (tmp_path / "site/sw.js").read_text(encoding="utf-8")
    assert "assets/course/neutral.svg" in source and "Test course" not in source
