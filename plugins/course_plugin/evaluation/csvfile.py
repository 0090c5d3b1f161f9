"""Results kept in a spreadsheet: the CSV read by ``scripts/evaluation.py`` and exported by the page.

Columns (README "Session results"): ``participant``, ``test`` (pre or post), ``q1`` … ``qN`` (the
question's score: 1 right, 0 wrong, a fraction for partial credit, empty unanswered) and optionally
``c1`` … ``c3`` (confidence ratings 1-5). Commas or semicolons; UTF-8 (with or without BOM) or Windows-1251.
"""

from __future__ import annotations

import csv
import io
import re

from . import codes
from .figures import CONFIDENCE_ITEMS, Entry

TESTS = ("pre", "post")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in, as Excel saves CSV."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1251"), "Windows-1251"


def _number(cell: str):
    cell = cell.strip().replace(",", ".")
    return float(cell) if re.fullmatch(r"\d+(\.\d+)?|\.\d+", cell) else None


def read_results(text: str, specs: dict[str, dict]) -> tuple[list[Entry], list[str]]:
    """Every row checked; every problem as "row N: ..." (row 1 is the header)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return [], ["the file is empty: the first row names the columns (participant, test, q1, q2, …)"]
    header = [h.strip().lower() for h in rows[0]]
    problems = []
    for need in ("participant", "test"):
        if need not in header:
            problems.append(f"row 1: no column `{need}`; the first row names the columns "
                            "(participant, test, q1, q2, …, optionally c1, c2, c3)")
    count = max(len(specs["pre"]["q"]), len(specs["post"]["q"]))
    q_cols = {}
    for i, h in enumerate(header):
        m = re.fullmatch(r"([qc])(\d+)", h)
        if m and m.group(1) == "q" and 1 <= int(m.group(2)) <= count:
            q_cols[int(m.group(2)) - 1] = i
        elif m and m.group(1) == "c" and 1 <= int(m.group(2)) <= CONFIDENCE_ITEMS:
            pass
        elif h not in ("participant", "test", ""):
            problems.append(f"row 1: unknown column `{rows[0][i].strip()}`: use participant, test, q1 … q{count}, "
                            f"c1 … c{CONFIDENCE_ITEMS}")
    if problems:
        return [], problems
    col = {h: i for i, h in enumerate(header)}
    entries, seen = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = lambda name: row[col[name]].strip() if name in col and col[name] < len(row) else ""
        here = []
        who = codes.normalise_participant(cell("participant"))
        if not who or len(who) > codes.PARTICIPANT_MAX:
            here.append(f"`participant` must hold the participant's code (1 to {codes.PARTICIPANT_MAX} letters or digits)")
        test = cell("test").lower()
        if test not in TESTS:
            here.append(f"`test` is {cell('test')!r}: write pre or post")
        scores = []
        n_q = len(specs[test]["q"]) if test in TESTS else count
        for i in range(count):
            raw = row[q_cols[i]].strip() if i in q_cols and q_cols[i] < len(row) else ""
            if i >= n_q:
                if raw:
                    here.append(f"`q{i + 1}`: the {test}-test has {n_q} questions: leave it empty")
                continue
            if raw == "":
                scores.append(None)
                continue
            value = _number(raw)
            if value is None or value > 1:
                here.append(f"`q{i + 1}` is {raw!r}: write 1 (right), 0 (wrong), a fraction such as 0.5, "
                            "or leave it empty (unanswered)")
            scores.append(value)
        confidence = []
        for k in range(CONFIDENCE_ITEMS):
            raw = cell(f"c{k + 1}")
            if raw and raw not in ("1", "2", "3", "4", "5"):
                here.append(f"`c{k + 1}` is {raw!r}: write a rating from 1 to 5 or leave it empty")
            confidence.append(int(raw) if raw in ("1", "2", "3", "4", "5") else None)
        if who and test in TESTS:
            if (who, test) in seen:
                here.append(f"participant {who} has a second {test}-test (the first is row {seen[(who, test)]}): "
                            "keep one")
            else:
                seen[(who, test)] = number
        if here:
            problems += [f"row {number}: {p}" for p in here]
        else:
            entries.append(Entry(who, test, scores, confidence))
    return entries, problems


def _cell(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_results(entries: list[Entry], count: int) -> str:
    """The CSV the page exports: the same columns the command reads."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["participant", "test", *[f"q{i + 1}" for i in range(count)],
                *[f"c{k + 1}" for k in range(CONFIDENCE_ITEMS)]])
    for e in entries:
        w.writerow([e.participant, e.test, *[_cell(s) for s in e.scores], *[""] * (count - len(e.scores)),
                    *[_cell(c) for c in e.confidence]])
    return out.getvalue()
