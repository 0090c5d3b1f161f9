"""SCORM 1.2 packages (scripts/scorm.py): the manifest and files, and the runtime in a real LMS.

Both packages are made once by the real command. The browser tests host a SCO as an LMS does:
a page of ours (test-only, never shipped) creates scorm-again's SCORM 1.2 runtime from npm
(tests/node, `dist/scorm12.js`) as `window.API` and shows the SCO's launch page in an iframe,
everything served by a local HTTP server."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import pytest

from conftest import _Server, wait_until
from sitebuild import ROOT
from test_browser_site import bank

sys.path.insert(0, str(ROOT / "plugins"))
from course_plugin.safety import DEFAULT_EXIT_URLS
from course_plugin.quiz.loader import load_bank  # noqa: E402
from course_plugin.site import STORAGE_KEYS  # noqa: E402

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
SCORM12 = ROOT / "tests/node/node_modules/scorm-again/dist/scorm12.js"
KEY = STORAGE_KEYS["progress"]
EXIT = DEFAULT_EXIT_URLS["en"]   # the course sets no exit_url of its own
TITLES = {"en": ("Police Violence against Women Who Use Drugs", "Module I. Recognising violations"),
          "ru": ("Полицейское насилие в отношении женщин, употребляющих наркотики", "Модуль I. Как распознать нарушения")}

# The test LMS: scorm-again as window.API; launch(sco, state) starts a SCO (state: cmi data an
# earlier session left), every LMSCommit is recorded with what the LMS then holds.
LMS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Test LMS</title>
<link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
window.commits = []; window.sets = [];
window.launch = (sco, state) => {
  window.API = new Scorm12API({ logLevel: 5 });
  if (state) API.loadFromJSON(state);
  API.on("LMSCommit", () => commits.push({ status: API.cmi.core.lesson_status, raw: API.cmi.core.score.raw,
    min: API.cmi.core.score.min, max: API.cmi.core.score.max, suspend: API.cmi.suspend_data }));
  API.on("LMSSetValue", (element, value) => sets.push([element, value]));
  const frame = document.createElement("iframe");
  frame.id = "sco"; frame.src = sco; frame.style.cssText = "width:1300px;height:700px";
  document.body.append(frame);
};
</script></head><body></body></html>"""


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scorm")
    run = subprocess.run([sys.executable, str(ROOT / "scripts/scorm.py"), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    zips = {re.match(r"course-scorm12-(\w+)-\d{4}-\d\d-\d\d\.zip$", p.name).group(1): p
            for p in out.glob("course-scorm12-*.zip")}
    assert sorted(zips) == ["en", "ru"], zips
    assert all(p.name in run.stdout for p in zips.values())
    return zips


@pytest.fixture(scope="module")
def lms(packages, tmp_path_factory):
    """The English package unpacked beside the test LMS page, on a local server."""
    if not SCORM12.is_file():
        pytest.fail("scorm-again is missing: run bash scripts/test.sh (npm install in tests/node)")
    root = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(packages["en"]) as zf:
        zf.extractall(root)
    shutil.copy(SCORM12, root / "scorm12.js")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    server = _Server(root)
    yield server.url
    server.close()


# -- the packages -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_manifest_lists_every_file_and_one_sco_per_module(packages, lang):
    with zipfile.ZipFile(packages[lang]) as zf:
        names = set(zf.namelist())
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    assert manifest.tag == f"{{{NS['cp']}}}manifest"
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    orgs = manifest.findall("cp:organizations/cp:organization", namespaces=NS)
    assert len(orgs) == 1
    assert manifest.find("cp:organizations", NS).get("default") == orgs[0].get("identifier")
    assert orgs[0].findtext("cp:title", namespaces=NS) == TITLES[lang][0]
    items = orgs[0].findall("cp:item", NS)
    assert len(items) == 3
    assert items[0].findtext("cp:title", namespaces=NS) == TITLES[lang][1]
    resources = {r.get("identifier"): r for r in manifest.findall("cp:resources/cp:resource", NS)}
    prefix = "" if lang == "en" else "ru/"
    for n, item in enumerate(items, 1):
        sco = resources[item.get("identifierref")]
        assert sco.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
        launch = zipfile.ZipFile(packages[lang]).read(sco.get("href")).decode()
        # the launch page shows the module's first page
        assert f'src="{prefix}module-{n}/index.html"' in launch
        assert f"{prefix}module-{n}/index.html" in names
        for dep in sco.findall("cp:dependency", NS):
            assert dep.get("identifierref") in resources
    hrefs = [f.get("href") for f in manifest.iter(f"{{{NS['cp']}}}file")]
    assert len(hrefs) == len(set(hrefs))
    assert set(hrefs) == names - {"imsmanifest.xml"}
    assert not [n for n in names if "guidebook" in n]
    if lang == "ru":
        assert not [n for n in names if n.endswith(".html") and not n.startswith(("ru/", "launch-", "assets/"))]
    else:
        assert not [n for n in names if n.startswith("ru/")]


LOCAL_REF = re.compile(r'\s(?:href|src)="([^"#][^"]*)"')


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_local_link_of_a_package_stays_inside_it(packages, lang):
    """No link to the guidebook, the other language or anything not in the zip."""
    missing = []
    with zipfile.ZipFile(packages[lang]) as zf:
        names = set(zf.namelist())
        for name in sorted(n for n in names if n.endswith(".html")):
            text = zf.read(name).decode()
            assert 'class="md-select"' not in text, f"{name}: language switcher"
            for ref in LOCAL_REF.findall(text):
                parts = urlsplit(ref)
                if parts.scheme or parts.netloc or ref.startswith(("data:", "javascript:")):
                    continue
                target = (Path(name).parent / unquote(parts.path)).as_posix()
                target = re.sub(r"(^|/)\./", r"\1", target)
                while re.search(r"[^/]+/\.\./", target):
                    target = re.sub(r"[^/.][^/]*/\.\./", "", target, count=1)
                if target.endswith("/") or target == ".":
                    target = (target.rstrip("./") + "/index.html").lstrip("/")
                if target not in names:
                    missing.append(f"{name}: {ref}")
        index = zf.read("search/search_index.js").decode()
        docs = json.loads(index.partition("=")[2])["docs"]
        assert docs and all(d["location"].split("#")[0] in names for d in docs)
    assert not missing, missing[:20]


def test_the_normal_site_has_no_scorm_runtime(course_site):
    assert not (course_site / "assets/course/scorm.js").exists()
    assert "scorm.js" not in (course_site / "module-1/summary/index.html").read_text(encoding="utf-8")


# -- the runtime in a real LMS --------------------------------------------------------------------

def quiz_weights():
    quizzes = load_bank(ROOT / "quizzes", ["en", "ru"], ROOT).quizzes
    flat = [sub for q in quizzes["module-1"].questions for sub in (getattr(q, "questions", None) or [q])]
    return {q.id: q.weight for q in flat}


def answer(frame, quiz, wrong=()):
    """Answer the quiz through its public DOM contract; questions in ``wrong`` wrongly."""
    root = frame.locator(f'[data-quiz="{quiz["id"]}"]')
    for q in quiz["questions"]:
        el = root.locator(f'[data-question="{q["id"]}"]')
        bad = q["id"] in wrong
        if q["type"] == "ordering":
            ids = [o["id"] for o in q["options"]]
            el.evaluate("(el, ids) => { const list = el.querySelector('[data-option]').parentElement;"
                        " ids.forEach(id => list.append(el.querySelector(`[data-option=\"${id}\"]`))); }",
                        ids[::-1] if bad else ids)
            continue
        picks = [o["id"] for o in q["options"] if o["correct"] != bad]
        for oid in picks if q["type"] == "multiple" else picks[:1]:
            el.locator(f'input[value="{oid}"]').check()
    root.locator("button[type=submit]").click()
    res = root.locator("[data-quiz-result]")
    return int(res.get_attribute("data-score")), res.get_attribute("data-passed")


def launch(page, lms, state=None, sco="launch-module-1.html"):
    page.goto(lms + "lms.html")
    page.evaluate("([sco, state]) => launch(sco, state)", [sco, state])
    wait_until(page, "() => API.isInitialized()")
    return course_frame(page, "module-1/index.html")


def course_frame(page, suffix):
    """The frame whose address ends with ``suffix``, once loaded."""
    for _ in range(600):
        frame = next((f for f in page.frames if f.url.endswith(suffix)), None)
        if frame:
            frame.wait_for_load_state()
            return frame
        page.wait_for_timeout(50)   # lets Playwright take in the frames' events (time.sleep would not)
    raise AssertionError([f.url for f in page.frames])


def open_in_sco(page, frame, path):
    frame.goto(frame.url.rsplit("module-1/", 1)[0] + path)
    return course_frame(page, path)


def outside_requests(page, lms):
    seen = []
    page.on("request", lambda r: seen.append(r.url) if not r.url.startswith((lms, "data:", "about:")) else None)
    page.on("response", lambda r: seen.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return seen


def cmi(page, element):
    return page.evaluate(f"() => API.cmi.{element}")


def test_first_launch_is_incomplete_and_all_correct_passes_with_100(page, lms):
    outside = outside_requests(page, lms)
    frame = launch(page, lms)
    assert wait_until(page, "() => commits.length && commits[0].status") == "incomplete"
    frame = open_in_sco(page, frame, "module-1/summary.html")
    assert answer(frame, bank()["module-1"]) == (100, "true")
    last = wait_until(page, "() => commits.length > 1 && commits[commits.length - 1]")
    assert (last["status"], last["raw"], last["min"], last["max"]) == ("passed", "100", "0", "100")
    assert last["suspend"].startswith("1|module-1,100,1,1,")
    assert not outside, outside
    assert not page.console_errors, page.console_errors


def test_one_wrong_answer_gives_its_score_and_below_the_pass_mark_fails(browser, lms):
    quiz, weights = bank()["module-1"], quiz_weights()
    total = sum(weights.values())
    expect = lambda wrong: math.floor(100 * (total - sum(weights[q] for q in wrong)) / total + 0.5)  # noqa: E731
    one = ["torture-elements"]
    several = [q["id"] for q in quiz["questions"] if q["type"] in ("single", "truefalse")][:5]
    assert expect(one) >= quiz["pass_mark"] > expect(several)
    for wrong, status in ((one, "passed"), (several, "failed")):
        context = browser.new_context()   # each learner on a fresh browser
        page = context.new_page()
        frame = open_in_sco(page, launch(page, lms), "module-1/summary.html")
        assert answer(frame, quiz, wrong) == (expect(wrong), str(status == "passed").lower())
        last = wait_until(page, "() => commits.length > 1 && commits[commits.length - 1]")
        assert (last["status"], last["raw"]) == (status, str(expect(wrong)))
        context.close()


def test_the_best_attempt_counts(page, lms):
    quiz = bank()["module-1"]
    frame = open_in_sco(page, launch(page, lms), "module-1/summary.html")
    assert answer(frame, quiz)[0] == 100
    frame.locator(".cq-retry").click()
    frame.locator("[data-quiz-confirm] [data-confirm-yes]").click()   # "Try again" asks first
    worse, _ = answer(frame, quiz, [q["id"] for q in quiz["questions"]])
    assert worse < 100
    wait_until(page, "() => commits[commits.length - 1].suspend.startsWith('1|module-1,100,1,2,')")
    assert (cmi(page, "core.score.raw"), cmi(page, "core.lesson_status")) == ("100", "passed")


def test_closing_and_relaunching_restores_progress_from_suspend_data(browser, lms):
    context = browser.new_context()
    page = context.new_page()
    frame = open_in_sco(page, launch(page, lms), "module-1/summary.html")
    score, _ = answer(frame, bank()["module-1"], ["torture-elements"])
    wait_until(page, "() => commits.length > 1")
    page.evaluate("() => document.getElementById('sco').remove()")   # the LMS closes the SCO
    wait_until(page, "() => API.isTerminated()")
    state = page.evaluate("() => ({ core: { lesson_status: API.cmi.core.lesson_status, score: { raw: API.cmi.core.score.raw } },"
                          " suspend_data: API.cmi.suspend_data })")
    sets = dict(page.evaluate("() => sets"))   # session_time and exit are write-only
    assert re.fullmatch(r"\d{4}:\d\d:\d\d\.\d\d", sets["cmi.core.session_time"])
    assert sets["cmi.core.exit"] == "suspend"
    context.close()

    context = browser.new_context()   # another device: nothing stored in this browser
    page = context.new_page()
    frame = launch(page, lms, state)
    assert page.evaluate("() => API.cmi.core.lesson_status") == "passed"   # not set back to incomplete
    frame = open_in_sco(page, frame, "progress.html")
    row = frame.locator('[data-progress-quiz="module-1"]')
    assert row.get_attribute("data-status") == "passed"
    assert row.locator("[data-cell=best]").inner_text() == f"{score}%"
    assert row.locator("[data-cell=attempts]").inner_text() == "1"
    context.close()


def test_suspend_data_stays_within_4096_characters(page, lms):
    """A store just too big for suspend_data: the session's quiz first, the newest next, exactly
    4,096 characters, and the LMS (which refuses more) accepts it."""
    # "1" + "|module-1,100,1,1,YYYYMMDD" (26) + 100 records of len(id) + 17 = 4096 exactly
    ids = [f"q{n:03d}-" + "x" * (19 if n < 69 else 18) for n in range(100)]
    assert 27 + sum(len(i) + 17 for i in ids) == 4096
    quizzes = {i: {"best": 50, "passed": False, "attempts": 1, "last": "2020-01-01"} for i in ids}
    quizzes["zz-oldest"] = {"best": 50, "passed": False, "attempts": 1, "last": "2019-01-01"}
    page.goto(lms + "lms.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps({"v": 1, "quizzes": quizzes})])
    frame = open_in_sco(page, launch(page, lms), "module-1/summary.html")
    answer(frame, bank()["module-1"])
    data = wait_until(page, "() => commits.length > 1 && API.cmi.suspend_data")
    assert len(data) == 4096
    assert data.startswith("1|module-1,100,1,1,") and "zz-oldest" not in data and all(i in data for i in ids)
    assert page.evaluate("() => API.lmsGetLastError()") == "0"


def test_visit_only_mode_writes_nothing_to_the_device(page, lms):
    page.goto(lms + "lms.html")
    frame = launch(page, lms)
    frame.evaluate("(key) => sessionStorage.setItem(key, 'visit')", STORAGE_KEYS["mode"])
    frame = open_in_sco(page, frame, "module-1/summary.html")
    assert answer(frame, bank()["module-1"]) == (100, "true")
    wait_until(page, "() => commits.length > 1 && API.cmi.core.lesson_status === 'passed'")
    assert frame.evaluate("() => Object.keys(localStorage)") == []


def test_quick_exit_leaves_the_top_window(page, lms):
    page.route(EXIT, lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>ok"))
    frame = launch(page, lms)
    frame.locator(".qx-button").click()
    page.wait_for_url(EXIT)
    assert page.title() == "Weather"


def test_without_an_lms_the_package_works_as_the_site(page, lms):
    page.goto(lms + "launch-module-1.html")   # no API anywhere
    frame = course_frame(page, "module-1/index.html")
    frame = open_in_sco(page, frame, "module-1/summary.html")
    assert answer(frame, bank()["module-1"]) == (100, "true")
    stored = json.loads(frame.evaluate(f"() => localStorage.getItem('{KEY}')"))
    assert stored["quizzes"]["module-1"]["best"] == 100
    assert not page.console_errors, page.console_errors


# -- bad input ----------------------------------------------------------------------------------

def test_an_unknown_language_is_refused_with_the_known_ones(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "scripts/scorm.py"), "--lang", "de", "--out", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "--lang de: not a language of mkdocs.yml (languages: en, ru)" in run.stderr
    assert not list(tmp_path.iterdir())


def test_a_module_without_a_quiz_is_named():
    from course_plugin import scorm

    nav = [{"Home": "index.md"}, {"Module I": ["module-1/index.md", "module-1/summary.md"]},
           {"Module II": ["module-2/index.md"]}, {"Trainer guidebook": ["guidebook/index.md"]}]
    assert scorm.drop_guidebook(nav) == nav[:3]
    with pytest.raises(ValueError, match=r"section 'Module II' is Module 2 but no quiz in quizzes/ has 'module: 2'"):
        scorm.module_scos(nav, {"module-1": (1, 70)}, {})
    scos = scorm.module_scos(nav[:2], {"module-1": (1, 80), "pretest": (None, 0)}, {"Module I": "Модуль I"})
    assert [(s.title, s.launch_page, s.quiz_id, s.pass_mark) for s in scos] == [
        ("Модуль I", "module-1/index.html", "module-1", 80)]
