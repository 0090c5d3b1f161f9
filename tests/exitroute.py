"""The quick exit in browser tests: its targets answered locally, so that no test ever reaches
another host, and the Russian three-Shift exit's last press."""

from __future__ import annotations

from course_plugin.safety import DEFAULT_EXIT_URLS

EXIT, EXIT_RU = DEFAULT_EXIT_URLS["en"], DEFAULT_EXIT_URLS["ru"]   # the test sites set no exit_url of their own


def answer_exits_locally(page):
    """Route every default exit target of ``page`` to a local stand-in page; returns ``page``."""
    for url in DEFAULT_EXIT_URLS.values():
        page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Wikipedia</title>ok"))
    return page


def third_shift_leaves(page, back_to: str):
    """After two Shift presses on a Russian page: the status asks for one more, the third leaves for
    the Russian exit, and Back returns to ``back_to`` (the exited page is skipped)."""
    assert page.locator(".qx-status").inner_text() == "Shift: нажмите ещё 1 раз, чтобы покинуть страницу."
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_RU)
    page.go_back()
    assert page.url == back_to
