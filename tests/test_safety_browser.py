"""Quick exit, where progress is kept, erasing data and discreet mode, in headless Chromium."""

import pytest

from exitroute import EXIT, EXIT_RU, answer_exits_locally, third_shift_leaves
from sitebuild import MINI_CONFIG, build_site, make_site

from course_plugin.site import STORAGE_KEYS

KEY = STORAGE_KEYS["progress"]


@pytest.fixture
def exit_page(page):
    return answer_exits_locally(page)


def test_exit_button_leaves_and_back_does_not_return(exit_page, sample_server):
    page = exit_page
    page.goto(sample_server)
    page.goto(sample_server + "quiz/page/")
    page.click(".qx-button")
    page.wait_for_url(EXIT)
    page.go_back()
    assert page.url == sample_server, "Back must skip the page that was exited"
    assert "qx-out" not in (page.get_attribute("html", "class") or "")


def test_exit_link_is_first_after_the_skip_link(exit_page, sample_server):
    page = exit_page
    page.goto(sample_server + "ru/quiz/page/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className")
    if "md-skip" in first:
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('qx-skip')")
    assert page.evaluate("document.activeElement.textContent").startswith("Быстро покинуть страницу")
    page.keyboard.press("Enter")
    page.wait_for_url(EXIT_RU)


def test_shift_three_times_leaves_with_localised_status(exit_page, sample_server):
    page = exit_page
    page.goto(sample_server)
    page.goto(sample_server + "ru/other/")
    page.keyboard.press("Shift+KeyA")          # Shift used as a modifier does not count
    page.keyboard.press("Shift")
    assert page.locator(".qx-status").inner_text() == "Shift: нажмите ещё 2 раза, чтобы покинуть страницу."
    page.keyboard.press("Shift")
    third_shift_leaves(page, back_to=sample_server)


def answer_and_submit(page, server):
    page.goto(server + "quiz/page/")
    page.check('[data-question="s-single"] input[value="b"]')
    page.click('[data-quiz="sample"] button[type=submit]')
    page.click('[data-quiz-confirm] [data-confirm-yes]')   # the other questions are left unanswered


def test_visit_only_keeps_local_storage_empty(page, sample_server):
    page.goto(sample_server + "progress/")
    page.check("#cq-storage-visit")
    assert "for this visit only" in page.locator("[data-storage-status]").inner_text()
    answer_and_submit(page, sample_server)
    assert page.evaluate("Object.keys(localStorage)") == []
    page.goto(sample_server + "ru/progress/")
    assert page.is_checked("#cq-storage-visit")
    assert page.locator('[data-progress-quiz="sample"] [data-cell=attempts]').inner_text() == "1"
    # switching back moves the progress onto the device
    page.check("#cq-storage-device")
    assert KEY in page.evaluate("Object.keys(localStorage)")


def test_erase_my_data_leaves_no_key_of_the_site(page, sample_server):
    answer_and_submit(page, sample_server)
    page.goto(sample_server + "progress/")
    scope = page.evaluate("__md_scope.pathname")
    page.evaluate(f"localStorage.setItem('{scope}.__palette', '{{}}'); sessionStorage.setItem('{scope}.__tabs', '[]');"
                  "localStorage.setItem('someone-else', 'x')")
    page.click("[data-erase-all]")
    text = page.locator("[data-storage-status]").inner_text()
    assert text == "Erased from this browser: your quiz progress, the theme's settings (2)."
    assert page.evaluate("Object.keys(localStorage)") == ["someone-else"]
    assert page.evaluate("Object.keys(sessionStorage)") == []
    page.click("[data-erase-all]")
    assert page.locator("[data-storage-status]").inner_text() == "This site had nothing stored in this browser."


def test_discreet_mode_titles_and_icon(tmp_path, page, sample_server):
    config = MINI_CONFIG.replace("  - course\n", "  - course:\n      discreet: true\n")
    build_site(make_site(tmp_path, config=config), tmp_path / "site")
    for rel, title in (("index.html", "Notes"), ("quiz/page/index.html", "Notes"), ("ru/other/index.html", "Заметки")):
        html = (tmp_path / "site" / rel).read_text(encoding="utf-8")
        assert f"<title>{title}</title>" in html
        assert 'rel="icon" href="' in html and "neutral.svg" in html
