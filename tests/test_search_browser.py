"""Search in headless Chromium: nothing is downloaded until it is used, and each language's
search finds that language's pages only."""

import json

import pytest


def index_or_worker(url: str) -> bool:
    return "search_index.json" in url or "/workers/search." in url or "/lunr/" in url


# CEDAW is written in Latin letters on pages of both languages: one joined index would mix them
@pytest.mark.parametrize("lang, word, other", [("", "CEDAW", "ru/"), ("", "detention", "ru/"),
                                               ("ru/", "CEDAW", None), ("ru/", "задержание", None)])
def test_search_loads_on_first_use_and_finds_this_language_only(page, course_server, lang, word, other):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(course_server + lang + "module-1/", wait_until="networkidle")
    assert not [u for u in requests if index_or_worker(u)], "search was downloaded before it was used"

    page.click('input[name="query"]')
    # The index is fetched and built on first use; a query typed before it is ready can be lost
    # (as online: the learner types again). Type again until results show, for up to 30 s.
    for _ in range(15):
        page.fill('input[name="query"]', word)
        page.keyboard.press("End")  # a real key event: fill() alone sends none for Cyrillic
        try:
            page.wait_for_selector(".md-search-result__item", timeout=2000)
            break
        except Exception:
            continue
    page.wait_for_selector(".md-search-result__item", timeout=1000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    assert links
    for link in links:
        path = link.removeprefix(course_server)
        if lang:
            assert path.startswith(lang), f"{word!r} on /{lang} found another language's page: {link}"
        else:
            assert not path.startswith(other), f"{word!r} on / found another language's page: {link}"
    assert course_server + lang + "search/search_index.json" in requests
    assert not page.console_errors


def test_each_language_has_a_lean_index_of_its_own(course_site):
    en = (course_site / "search/search_index.json").read_bytes()
    ru = (course_site / "ru/search/search_index.json").read_bytes()
    assert b"\\u04" not in ru and "задержание".encode() in ru       # UTF-8, not \u escapes
    en_docs, ru_docs = json.loads(en)["docs"], json.loads(ru)["docs"]
    assert en_docs and ru_docs
    assert not [d for d in en_docs if d["location"].startswith("ru/")]
    assert all(d["location"].startswith("ru/") for d in ru_docs)
    # quizzes are not indexed: their explanations would give the answers away
    assert not [d for d in en_docs + ru_docs if "cq-" in d["text"] or "Check answers" in d["text"]]


def test_search_dialog_is_named_in_the_page_language(course_site):
    """Material's search dialog has no accessible name (Lighthouse: aria-dialog-name)."""
    for rel, name in (("index.html", "Search"), ("ru/module-1/index.html", "Поиск")):
        html = (course_site / rel).read_text(encoding="utf-8")
        assert f'role="dialog" aria-label="{name}"' in html, rel
        assert html.index("assets/course/search.js") < html.index("assets/javascripts/bundle.")
