"""The ECtHR time-limit helper on Module III's European Court page, in headless Chromium."""

import pytest


@pytest.mark.parametrize("decision,last", [
    ("2025-03-14", "2025-07-14"),   # the worked example on the page
    ("2025-10-31", "2026-02-28"),   # no 31 February: the last day of that month
    ("2023-10-31", "2024-02-29"),   # leap year
    ("2022-02-01", "2022-06-01"),   # first day of the four-month rule
    ("2024-09-30", "2025-01-30"),   # across a year end
])
def test_last_day_to_apply(page, course_server, decision, last):
    page.goto(course_server + "module-3/european-court/")
    page.fill("#cq-deadline-date", decision)
    page.click("form[data-ecthr-deadline] button[type=submit]")
    out = page.locator("[data-deadline-result]")
    assert out.get_attribute("data-last-day") == last
    assert "Confirm this date with a lawyer" in out.inner_text()


def test_before_protocol_15_and_russian_ui(page, course_server):
    page.goto(course_server + "ru/module-3/european-court/")
    page.fill("#cq-deadline-date", "2022-01-31")
    page.click("form[data-ecthr-deadline] button[type=submit]")
    out = page.locator("[data-deadline-result]")
    assert out.get_attribute("data-last-day") is None and "шесть месяцев" in out.inner_text()
    page.fill("#cq-deadline-date", "2025-03-14")
    page.click("form[data-ecthr-deadline] button[type=submit]")
    assert "14 июля 2025" in out.inner_text() and "понедельник" in out.inner_text()
    assert not page.console_errors
