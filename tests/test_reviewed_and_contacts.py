"""The `reviewed: YYYY-MM` page date and the help contacts (data/help-contacts.yml): data, checks, builds."""

from datetime import date
from pathlib import Path

import pytest

from course_plugin.contacts.loader import load_contacts, parse_contacts
from course_plugin.contacts.model import KINDS
from course_plugin.reviewed import check_reviewed, front_matter_lines
from course_plugin.site_checks import markdown_files
from course_plugin.strings import ui_strings
from sitebuild import MINI_CONFIG, ROOT, BuildFailed, build_site, make_site

LANGS = ["en", "ru"]
FM = "---\nreviewed: 2026-12\n---\n\n"
REQUIRED = MINI_CONFIG.replace("  - course\n", "  - course:\n      require_reviewed: true\n")


def pages(extra_en=""):
    return {"en/index.md": FM + "# Home\n\nHello.\n" + extra_en, "ru/index.md": FM + "# Главная\n\nПривет.\n" + extra_en,
            "en/other.md": FM + "# Other\n\nB.\n", "ru/other.md": FM + "# Другая\n\nБ.\n"}


# -- reviewed --------------------------------------------------------------------------------------
def test_reviewed_values():
    assert check_reviewed({"reviewed": "2026-12"}, True) == ("2026-12", None)
    assert check_reviewed({}, False) == (None, None)
    for meta in ({}, {"reviewed": "2026-13"}, {"reviewed": "12-2026"}, {"reviewed": date(2026, 12, 1)},
                 {"reviewed": 2026}):
        value, problem = check_reviewed(meta, True)
        assert value is None and "reviewed" in problem and "YYYY-MM" in problem, meta
    assert check_reviewed({"reviewed": "2026-1"}, False)[0] is None   # malformed fails even when optional
    assert front_matter_lines(FM + "# T\n") == 4 and front_matter_lines("# T\n") == 0


def test_month_names_in_both_languages():
    for lang, december in (("en", "December"), ("ru", "декабре")):
        strings, missing = ui_strings(lang)
        assert not missing
        assert strings["reviewed_month_12"] == december
        assert all(strings[f"reviewed_month_{m:02d}"] for m in range(1, 13))
        assert all(strings[f"contact_kind_{k.replace('-', '_')}"] for k in KINDS)


def test_every_course_and_guidebook_page_has_a_reviewed_date():
    import yaml
    folders = [ROOT / "course" / lang for lang in LANGS] + [ROOT / "guidebook" / lang for lang in LANGS]
    files = [p for folder in folders for p in markdown_files(folder)]
    assert len(files) > 80
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n"), path
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert check_reviewed(meta, True)[1] is None, path


def test_reviewed_date_shown_on_every_built_page_in_its_language(course_site):
    pages_ = [p for p in course_site.rglob("index.html") if "assets" not in p.parts and p.parent != course_site / "404"]
    checked = 0
    for page in pages_:
        html = page.read_text(encoding="utf-8")
        if 'class="md-content"' not in html:
            continue
        ru = page.relative_to(course_site).parts[0] == "ru"
        label = "Проверено в декабре 2026 г." if ru else "Checked in December 2026"
        assert f'data-reviewed="2026-12"><time datetime="2026-12">{label}</time>' in html, page
        checked += 1
    assert checked > 80


def test_missing_or_malformed_reviewed_fails_naming_every_file(tmp_path):
    site = pages()
    site["en/other.md"] = "# Other\n\nNo date.\n"
    site["ru/other.md"] = "---\nreviewed: 2026-12-01\n---\n\n# Другая\n"
    with pytest.raises(BuildFailed) as err:
        build_site(make_site(tmp_path, site, quizzes={}, config=REQUIRED), tmp_path / "site")
    msg = str(err.value)
    assert "docs/en/other.md: no `reviewed:` date" in msg
    assert "docs/ru/other.md: `reviewed: 2026-12-01` is not a month" in msg


def test_a_malformed_date_fails_when_dates_are_optional_too(tmp_path):
    """Without require_reviewed a page may have no date, but one that is there must be a month:
    in YAML front matter or in MkDocs' `key: value` first lines alike."""
    from course_plugin.reviewed import missing_reviewed
    files = {"yaml.md": "---\nreviewed: 2026-13\n---\n\n# A\n", "multimarkdown.md": "reviewed: 12.2026\n\n# B\n",
             "none.md": "# C\n\nreviewed: nonsense in the text\n", "good.md": FM + "# D\n", "empty.md": ""}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems = missing_reviewed([tmp_path / name for name in files], tmp_path, required=False)
    assert [p.split(":")[0] for p in problems] == ["multimarkdown.md", "yaml.md"], problems
    assert len(missing_reviewed([tmp_path / name for name in files], tmp_path, required=True)) == 4


def test_quiz_marker_line_counts_the_front_matter(tmp_path):
    site = pages()
    site["en/other.md"] = FM + "# Other\n\n<!-- quiz: nope -->\n"
    with pytest.raises(BuildFailed) as err:
        build_site(make_site(tmp_path, site, quizzes={}, config=REQUIRED), tmp_path / "site")
    assert "docs/en/other.md, line 7: marker names unknown quiz 'nope'" in str(err.value)


# -- help contacts ---------------------------------------------------------------------------------
GOOD = """
countries:
  - id: georgia
    name: {en: Georgia, ru: Грузия}
  - id: nowhere
    name: {en: Nowhere, ru: Нигде}
    find_local: {en: Ask a friend you trust., ru: "Спросите подругу, которой доверяете."}
contacts:
  - country: georgia
    kind: ombudsperson
    name: {en: Public Defender, ru: Народный защитник}
    phone: "1481"
    source: https://www.ombudsman.ge/eng
    checked: 2026-12
  - country: international
    kind: regional
    name: {en: European Court of Human Rights, ru: Европейский суд по правам человека}
    site: https://www.echr.coe.int
    source: https://www.echr.coe.int/Pages/home.aspx?p=applicants/forms
    checked: 2026-11
"""


def test_contact_without_kind_country_source_or_date_is_refused_with_lines():
    text = """countries:
  - id: georgia
    name: {en: Georgia, ru: Грузия}
contacts:
  - name: {en: A, ru: А}
    phone: "112"
  - country: georgia
    kind: ombudsperson
    name: {en: B}
    source: ombudsman.ge
    checked: 2030-01
"""
    data, problems = parse_contacts(text, LANGS, "data/help-contacts.yml", today=date(2026, 12, 1))
    assert data is None
    shown = [str(p) for p in problems]
    for needle in ("line 5 [contacts[0].country]: `country` is missing",
                   "line 5 [contacts[0].kind]: `kind` is missing",
                   "line 5 [contacts[0].source]: `source` is missing",
                   "line 5 [contacts[0].checked]: `checked` is missing",
                   "line 9 [contacts[1].name.ru]: `name` has no 'ru' text",
                   "line 10 [contacts[1].source]: `source` 'ombudsman.ge' is not valid",
                   "line 11 [contacts[1].checked]: `checked` '2030-01' is in the future"):
        assert any(s.startswith("data/help-contacts.yml, " + needle) for s in shown), (needle, shown)


def test_the_course_data_file_is_valid_and_names_every_country_of_the_course():
    data, problems = load_contacts(ROOT / "data/help-contacts.yml", LANGS)
    assert problems == [] and data is not None
    ids = {c.id for c in data.countries}
    assert {"armenia", "belarus", "georgia", "kazakhstan", "kyrgyzstan", "moldova", "russia", "ukraine"} <= ids
    for country in ("kazakhstan", "kyrgyzstan", "moldova", "ukraine", "georgia", "armenia"):
        assert any(c.country == country and c.kind == "ombudsperson" for c in data.contacts), country
    kg = [c for c in data.contacts if c.country == "kyrgyzstan" and c.kind == "npm"]
    assert kg and "3 October 2025" in kg[0].name["en"] and "NCPT" in kg[0].note["en"]
    ge = [c for c in data.contacts if c.country == "georgia" and c.kind == "ombudsperson"][0]
    assert ge.phone == "1481"
    assert {c.kind for c in data.contacts if c.country == "international"} >= {"un", "regional"}


def test_help_contacts_rendered_by_country_in_both_languages(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/help-contacts.yml").write_text(GOOD, encoding="utf-8")
    site = pages("\n<!-- course: help-contacts -->\n")
    build_site(make_site(tmp_path, site, quizzes={}, config=REQUIRED), tmp_path / "site")
    en = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    ru = (tmp_path / "site/ru/index.html").read_text(encoding="utf-8")
    assert "<!-- course: help-contacts -->" not in en + ru
    for html, georgia, kind, checked, fallback in (
            (en, "Georgia", "Ombudsperson", "checked in December 2026", "No local service has been verified"),
            (ru, "Грузия", "Омбудсмен", "проверено в декабре 2026 г.", "Местная служба для этого списка пока не проверена")):
        order = [html.index(f'data-help-country="{c}"') for c in ("georgia", "nowhere", "international")]
        assert order == sorted(order)
        assert f'<h3 id="help-georgia">{georgia}</h3>' in html and kind in html and checked in html
        assert '<a href="tel:1481">1481</a>' in html and 'href="https://www.ombudsman.ge/eng"' in html
        assert fallback in html   # Georgia has no find_local: the generic line
    assert "Ask a friend you trust." in en and "Спросите подругу, которой доверяете." in ru
    assert "checked in November 2026" in en and "проверено в ноябре 2026 г." in ru


def test_bad_contacts_file_fails_the_build_naming_file_and_line(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/help-contacts.yml").write_text(GOOD.replace("    kind: regional\n", ""), encoding="utf-8")
    with pytest.raises(BuildFailed) as err:
        build_site(make_site(tmp_path, pages(), quizzes={}, config=REQUIRED), tmp_path / "site")
    assert "data/help-contacts.yml, line 15 [contacts[1].kind]: `kind` is missing" in str(err.value)


def test_marker_without_a_data_file_fails_naming_the_page(tmp_path):
    with pytest.raises(BuildFailed) as err:
        build_site(make_site(tmp_path, pages("\n<!-- course: help-contacts -->\n"), quizzes={}, config=REQUIRED), tmp_path / "site")
    assert "docs/en/index.md: the help-contacts marker needs data/help-contacts.yml" in str(err.value)
