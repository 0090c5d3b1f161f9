"""Results from the room (issue 21): result codes, the Session results page and scripts/evaluation.py.

The result code has one implementation per side (evaluation/codes.py, assets/resultcode.js): they
are cross-checked here, Python encoding for the browser and the browser for Python."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from course_plugin.evaluation import codes  # noqa: E402
from course_plugin.site import STORAGE_KEYS  # noqa: E402
from course_plugin.evaluation.csvfile import read_results, write_results  # noqa: E402
from course_plugin.evaluation.figures import Entry, compute  # noqa: E402
from course_plugin.quiz.loader import load_bank  # noqa: E402
from conftest import wait_until  # noqa: E402
from test_every_page_browser import axe_violations  # noqa: E402

BANK = load_bank(ROOT / "quizzes", ["en", "ru"], ROOT)
PRE, POST = codes.quiz_spec(BANK.quizzes["pretest"]), codes.quiz_spec(BANK.quizzes["posttest"])
SPECS = {"pretest": PRE, "posttest": POST}
SESSION = "guidebook/session-results/"


def every_pattern(q: dict) -> list:
    """Every answer a question can receive, in digit order."""
    return [codes._answer(q, d) for d in range(codes.radix(q))]


def all_single_changes(spec: dict) -> list[list]:
    """A base answer set and, for every question, every other answer to it."""
    rnd = random.Random(7)
    base = [rnd.choice(every_pattern(q)) for q in spec["q"]]
    out = [base]
    for i, q in enumerate(spec["q"]):
        for a in every_pattern(q):
            out.append(base[:i] + [a] + base[i + 1:])
    return out


def correct_answer(q: dict):
    return q["c"][0] if q["t"] in ("single", "truefalse") else list(q["c"])


# -- result codes: Python ----------------------------------------------------------------------------
@pytest.mark.parametrize("spec", [PRE, POST], ids=["pretest", "posttest"])
def test_result_codes_round_trip_every_answer_pattern(spec):
    seen = set()
    for answers in all_single_changes(spec):
        code = codes.encode(spec, "Green 14", answers)
        assert len(code) <= 40 and code.startswith(spec["id"].upper() + "-GREEN14-")
        back = codes.decode(SPECS, code)
        assert back.answers == tuple(answers) and back.participant == "GREEN14" and back.quiz == spec["id"]
        assert codes.decode(SPECS, code.lower()).answers == tuple(answers)   # typed in small letters
        seen.add(code)
    assert len(seen) == 1 + sum(codes.radix(q) - 1 for q in spec["q"])       # every pattern its own code


def test_a_typing_error_is_rejected():
    answers = [correct_answer(q) for q in PRE["q"]]
    for who in ("river 27", "Зелёный 14", "Ңөү 3"):
        code = codes.encode(PRE, who, answers)
        for i, ch in enumerate(code):
            if ch == "-":
                continue
            pool = codes.ALPHABET + "АБВЭЮЯЁ" if i > len("PRETEST-") and code.index("-", 8) > i else codes.ALPHABET
            for other in pool:
                wrong = code[:i] + other + code[i + 1:]
                if other == ch or wrong.upper() == code.upper():
                    continue
                with pytest.raises(codes.CodeError):
                    codes.decode(SPECS, wrong)
            if i + 1 < len(code) and code[i + 1] not in ("-", ch):
                swapped = code[:i] + code[i + 1] + ch + code[i + 2:]
                with pytest.raises(codes.CodeError):
                    codes.decode(SPECS, swapped)
    with pytest.raises(codes.CodeError) as e:
        codes.decode(SPECS, "MIDTEST-A-000000-00")
    assert e.value.reason == "test"


# -- the 15 participants of a session ---------------------------------------------------------------
def session_results():
    """12 participants on screen (codes, pre and post), 2 on paper (grid rows, with confidence), 1 pre only."""
    rnd = random.Random(2121)

    def answers(spec, skill):
        return [correct_answer(q) if rnd.random() < skill else rnd.choice(every_pattern(q)) for q in spec["q"]]

    names = [f"Green {n}" for n in range(1, 8)] + ["Река 7", "river27", "Blue 3", "Ёлка 12", "SUN 9"]
    screen = []
    for n, name in enumerate(names):
        screen.append(codes.encode(PRE, name, answers(PRE, 0.3 + 0.03 * n)))
        screen.append(codes.encode(POST, name, answers(POST, 0.6 + 0.03 * n)))
    screen.append(codes.encode(PRE, "Moon 5", answers(PRE, 0.5)))
    paper = []
    for name, conf in (("Paper 1", [(2, 3, 1), (4, 4, 3)]), ("Лист 2", [(1, 2, 2), (3, 5, 4)])):
        for spec, test, skill, c in ((PRE, "pre", 0.4, conf[0]), (POST, "post", 0.8, conf[1])):
            scores = [codes.question_score(q, a) for q, a in zip(spec["q"], answers(spec, skill))]
            paper.append(Entry(codes.normalise_participant(name), test, scores, list(c)))
    entries = []
    for code in screen:
        r = codes.decode(SPECS, code)
        spec = SPECS[r.quiz]
        entries.append(Entry(r.participant, "pre" if r.quiz == "pretest" else "post",
                             [codes.question_score(q, a) for q, a in zip(spec["q"], r.answers)]))
    return screen, paper, entries + paper


def test_fifteen_participants_figures_from_python():
    _, _, entries = session_results()
    f = compute(entries, {"pre": PRE, "post": POST})
    assert f["participants"] == 15 and f["matched"] == 14 and f["pre"]["n"] == 15 and f["post"]["n"] == 14
    # independent recomputation of the headline figures
    pct = {(e.test, e.participant): codes.percent(PRE if e.test == "pre" else POST, e.scores) for e in entries}
    pre = [v for (t, _), v in pct.items() if t == "pre"]
    assert f["pre"]["mean"] == f"{sum(pre) / len(pre) + 1e-9:.1f}"
    gains = [pct[("post", p)] - pct[("pre", p)] for (t, p) in pct if t == "post"]
    assert f["mean_gain"] == f"{sum(gains) / len(gains) + 1e-9:.1f}"
    assert len(f["questions"]) == 10 and f["confidence"][0] == {"n": 1, "pre": "1.5", "post": "3.5", "pre_n": 2, "post_n": 2}


# -- scripts/evaluation.py ----------------------------------------------------------------------------
def run_report(csv_path: Path, out: Path, *extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/evaluation.py"), "report", str(csv_path), "--out", str(out), *extra],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_report_command_reads_excel_encodings(tmp_path, encoding):
    _, _, entries = session_results()
    text = write_results(entries, 10)
    if encoding == "cp1251":
        text = text.replace(",", ";")     # as a Russian-language Excel saves CSV
    path = tmp_path / "results.csv"
    path.write_bytes(text.encode(encoding))
    done = run_report(path, tmp_path / "out", "--lang", "ru")
    assert done.returncode == 0, done.stderr
    assert {"utf-8": "read as UTF-8\n", "utf-8-sig": "read as UTF-8 (BOM)", "cp1251": "read as Windows-1251"}[encoding] in done.stdout
    figures = json.loads((tmp_path / "out/figures.json").read_text(encoding="utf-8"))
    assert figures == json.loads(json.dumps(compute(entries, {"pre": PRE, "post": POST})))
    html = (tmp_path / "out/report.html").read_text(encoding="utf-8")
    assert 'lang="ru"' in html and "Результаты занятия" in html and "ЛИСТ2" in html


def test_report_command_names_every_bad_row_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("participant,test,q1,q2,q3\n"
                    "A1,pre,1,0,1\n"
                    ",pre,1,1,1\n"           # row 3: no participant
                    "A2,during,1,0,1\n"      # row 4: unknown test
                    "A3,post,1,yes,0\n"      # row 5: not a score
                    "A1,pre,0,0,0\n", encoding="utf-8")   # row 6: a second pre-test
    done = run_report(path, tmp_path / "out")
    assert done.returncode == 1
    assert not (tmp_path / "out").exists()
    for row, words in ((3, "participant"), (4, "'during'"), (5, "`q2` is 'yes'"), (6, "first is row 2")):
        assert any(f"row {row}:" in line and words in line for line in done.stderr.splitlines()), (row, done.stderr)
    assert "Traceback" not in done.stderr
    (tmp_path / "cols.csv").write_text("participant,test,question1\nA,pre,1\n", encoding="utf-8")
    done = run_report(tmp_path / "cols.csv", tmp_path / "out")
    assert done.returncode == 1 and "unknown column `question1`" in done.stderr and not (tmp_path / "out").exists()
    # the report's language is one of mkdocs.yml's: another is named with the site's list
    done = run_report(tmp_path / "cols.csv", tmp_path / "out", "--lang", "de")
    assert done.returncode == 1 and "--lang 'de' is not a site language (en, ru)" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


# -- the browser ---------------------------------------------------------------------------------------
def open_session(page, server, lang=""):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(server + lang + SESSION)
    wait_until(page, "() => !!window.courseResultCode && !!document.querySelector('[data-session-grid] tbody tr')")


def test_browser_and_python_codes_agree(page, course_server):
    open_session(page, course_server)
    specs = page.evaluate("() => JSON.parse(document.querySelector('.session-data').textContent).specs")
    assert specs == {"pre": PRE, "post": POST}
    by_id = {PRE["id"]: PRE, POST["id"]: POST}
    for spec in (PRE, POST):
        cases = all_single_changes(spec)
        py = [codes.encode(spec, "Ёлка 12", a) for a in cases]
        js = page.evaluate("([spec, cases]) => cases.map((a) => courseResultCode.encode(spec, 'Ёлка 12', a))", [spec, cases])
        assert js == py
        decoded = page.evaluate("([specs, list]) => list.map((c) => courseResultCode.decode(specs, c))", [by_id, py])
        assert [d["answers"] for d in decoded] == cases and {d["participant"] for d in decoded} == {"ЁЛКА12"}
        scores = page.evaluate("([spec, cases]) => cases.map((a) => spec.q.map((q, i) => courseResultCode.questionScore(q, a[i])))",
                               [spec, cases])
        assert scores == [[codes.question_score(q, x) for q, x in zip(spec["q"], a)] for a in cases]
    code = codes.encode(PRE, "river 27", [correct_answer(q) for q in PRE["q"]])
    typo = code[:-4] + ("1" if code[-4] != "1" else "2") + code[-3:]
    assert page.evaluate("([s, c]) => courseResultCode.decode(s, c)", [by_id, typo]) == {"error": "check"}
    assert page.evaluate("([s, c]) => courseResultCode.decode(s, c)", [by_id, "PRETEST-RIVER27"]) == {"error": "shape"}


def test_exam_quiz_shows_the_result_code_of_the_answers_given(page, course_server):
    page.goto(course_server + "guidebook/pre-test/")
    root = page.locator("[data-quiz=pretest]")
    assert root.locator("[data-result-code]").is_hidden()
    page.fill("input[data-participant-code]", "river 27")
    chosen = {}
    for q in PRE["q"][:6]:
        if q["t"] == "multiple":
            for o in q["o"][:2]:
                root.locator(f'[data-question="{q["id"]}"] input[value="{o}"]').check()
            chosen[q["id"]] = q["o"][:2]
        elif q["t"] != "ordering":
            root.locator(f'[data-question="{q["id"]}"] input[value="{q["o"][-1]}"]').check()
            chosen[q["id"]] = q["o"][-1]
    order = [q for q in PRE["q"] if q["t"] == "ordering"][0]
    root.locator(f'[data-question="{order["id"]}"] [data-option] [data-move="1"]').first.click()
    dom_order = root.locator(f'[data-question="{order["id"]}"] [data-option]').evaluate_all("els => els.map(e => e.dataset.option)")
    root.locator("button[type=submit]").click()
    root.locator("[data-quiz-confirm] [data-confirm-yes]").click()     # "submit with unanswered questions?"
    code = root.locator("[data-result-code]").inner_text()
    assert root.locator("[data-result-code]").is_visible()
    got = codes.decode(SPECS, code)
    assert got.participant == "RIVER27" and got.quiz == "pretest"
    for q, a in zip(PRE["q"], got.answers):
        expected = dom_order if q is order else chosen.get(q["id"], [] if q["t"] == "multiple" else None)
        assert a == expected, q["id"]
    assert "not a proof" in root.locator(".cq-resultcode").inner_text()
    stored = page.evaluate("() => JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage})")
    assert "RIVER" not in stored.upper() and code not in stored          # the participant's code is never kept
    page.fill("input[data-participant-code]", "")                          # no code: no result code, a prompt
    assert root.locator("[data-result-code]").inner_text() == "" and "Write your code" in root.locator(".cq-resultcode").inner_text()
    assert axe_violations(page) == []
    assert not page.console_errors


def fill_session(page, screen, paper):
    page.fill("textarea[data-session-codes]", "\n".join(screen) + "\n\n")
    while page.locator("[data-session-grid] tbody tr").count() < len(paper):
        page.click("[data-session-add]")
    for i, e in enumerate(paper):
        row = page.locator("[data-session-grid] tbody tr").nth(i)
        row.locator('[data-cell="participant"]').fill(e.participant.lower())
        row.locator('[data-cell="test"]').select_option(e.test)
        for n, s in enumerate(e.scores, start=1):
            row.locator(f'[data-cell="q{n}"]').fill("" if s is None else str(int(s)) if s in (0, 1) else str(s).replace(".", ","))
        for k, c in enumerate(e.confidence, start=1):
            row.locator(f'[data-cell="c{k}"]').fill("" if c is None else str(c))


def page_figures(page) -> dict:
    return page.evaluate("""() => {
      const s = document.querySelector('[data-session-summary]');
      const rows = [...s.querySelectorAll('[data-session-question]')].map((tr) => ({n: Number(tr.dataset.sessionQuestion),
        pre: tr.querySelector('[data-test=pre]').textContent, post: tr.querySelector('[data-test=post]').textContent}));
      const bars = [...s.querySelectorAll('rect[data-question]')].map((r) => ({n: Number(r.dataset.question), test: r.dataset.test,
        value: r.dataset.value, height: Number(r.getAttribute('height'))}));
      return {attrs: {...s.dataset}, rows, bars, missed: [...s.querySelectorAll('[data-session-missed] li')].map((li) => Number(li.dataset.question)),
        pairs: [...s.querySelectorAll('[data-session-pairs] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
        chartName: s.querySelector('svg[role=img]') && s.querySelector('svg').getAttribute('aria-labelledby')};
    }""")


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_session_page_computes_the_documented_figures_for_fifteen_participants(page, course_server, tmp_path, lang):
    screen, paper, entries = session_results()
    f = compute(entries, {"pre": PRE, "post": POST})
    open_session(page, course_server, lang)
    before = page.evaluate("() => [Object.keys(localStorage).sort(), Object.keys(sessionStorage).sort()]")
    fill_session(page, screen, paper)
    page.click("button[data-session-compute]")
    got = page_figures(page)
    a = got["attrs"]
    assert (a["participants"], a["meanPre"], a["meanPost"], a["meanGain"]) == ("15", f["pre"]["mean"], f["post"]["mean"], f["mean_gain"])
    assert a["normalisedGain"] == f["normalised_gain"] and a["matched"] == "14"
    assert [r["n"] for r in got["rows"]] == list(range(1, 11))
    sep = "," if lang else "."
    for row, want in zip(got["rows"], f["questions"]):
        assert row["pre"] == f'{want["pre"].replace(".", sep)}% ({want["pre_right"]}/{want["pre_n"]})'
        assert row["post"] == f'{want["post"].replace(".", sep)}% ({want["post_right"]}/{want["post_n"]})'
    # the chart and the table agree: one bar per question and test, its height the share shown in the table
    assert len(got["bars"]) == 20
    for bar in got["bars"]:
        share = f["questions"][bar["n"] - 1][bar["test"]]
        assert bar["value"] == share and abs(bar["height"] - 1.5 * float(share)) < 1e-9
    assert got["missed"] == f["most_missed"] and got["chartName"]
    assert len(got["pairs"]) == 15 and got["pairs"][0][0] == f["pairs"][0]["participant"]
    # the command gives the same figures for the same results (the page's own CSV export)
    with page.expect_download() as dl:
        page.click("[data-session-export]")
    exported = tmp_path / "session.csv"
    dl.value.save_as(exported)
    done = run_report(exported, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "out/figures.json").read_text(encoding="utf-8")) == json.loads(json.dumps(f))
    html = (tmp_path / "out/report.html").read_text(encoding="utf-8")
    assert f'data-mean-pre="{f["pre"]["mean"]}"' in html and f'data-mean-gain="{f["mean_gain"]}"' in html
    # nothing stored unless asked
    assert page.evaluate("() => [Object.keys(localStorage).sort(), Object.keys(sessionStorage).sort()]") == before
    assert axe_violations(page) == []
    assert not page.console_errors


def test_session_page_reports_typos_and_keeps_only_when_asked(page, course_server):
    screen, paper, _ = session_results()
    open_session(page, course_server)
    typo = screen[1][:-1] + ("A" if screen[1][-1] != "A" else "B")
    page.fill("textarea[data-session-codes]", "\n".join([screen[0], typo, "hello", screen[0]]))
    page.click("button[data-session-compute]")
    problems = page.locator("[data-session-problems]").inner_text()
    assert "line 2" in problems and "typing error" in problems and "line 3" in problems and "second" in problems
    assert page.get_attribute("[data-session-summary]", "data-participants") == "1"
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    page.check("[data-session-keep]")
    page.click("button[data-session-compute]")
    assert "PRETEST" in page.evaluate("(key) => localStorage.getItem(key)", STORAGE_KEYS["session_results"])
    page.reload()
    wait_until(page, "() => document.querySelector('[data-session-codes]').value.includes('PRETEST')")
    assert page.is_checked("[data-session-keep]")
    page.click("[data-session-erase]")
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    assert page.input_value("[data-session-codes]") == "" and page.is_hidden("[data-session-summary]")


def test_session_report_prints_on_one_or_two_sheets(page, course_server):
    from pypdf import PdfReader
    screen, paper, _ = session_results()
    open_session(page, course_server)
    fill_session(page, screen, paper)
    page.click("button[data-session-compute]")
    page.emulate_media(media="print")
    assert page.is_hidden("textarea[data-session-codes]") and page.is_visible("[data-session-summary] svg")
    assert page.is_hidden("#collecting")                    # the page around the report is not printed
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert 1 <= len(pdf.pages) <= 2, len(pdf.pages)
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Session results" in text and "Mean score, pre-test" in text
