"""Read and check a certificate roster (CSV) before anything is issued.

Every problem is collected, each with the row number a spreadsheet shows (the header is row 1),
so the trainer can fix the whole file in one go. Accepts UTF-8 with or without a byte-order mark,
and both comma and semicolon separators (spreadsheets in Russian locales save with ';').
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .token import LANGUAGES, normalise_hours

REQUIRED_COLUMNS = ("name", "date", "language", "session")
OPTIONAL_COLUMNS = ("hours",)
MAX_NAME = 70       # longer names do not fit the certificate's name line
MAX_SESSION = 160   # nor longer session titles its session line
MAX_HOURS = 1000


@dataclass(frozen=True)
class Participant:
    row: int                       # spreadsheet row number (header = 1)
    name: str
    date: str                      # YYYY-MM-DD
    language: str                  # "en" or "ru"
    session: str
    hours: int | float | None = None


@dataclass
class Roster:
    path: Path
    participants: list[Participant]
    problems: list[str]


def _clean(text: str) -> str:
    """Trim and collapse runs of whitespace (spreadsheets leave stray spaces and line breaks)."""
    return re.sub(r"\s+", " ", text or "").strip()


def _parse_hours(text: str):
    """(hours, problem): '3', '1.5' and '1,5' are fine; empty means no hours."""
    if not text:
        return None, None
    try:
        value = float(text.replace(",", ".")) if re.fullmatch(r"\d+([.,]\d+)?", text) else None
    except ValueError:  # pragma: no cover - the pattern rules this out
        value = None
    if value is None or not 0 < value <= MAX_HOURS:
        return None, f"hours {text!r} is not a number of hours (write e.g. 3 or 1.5, or leave it empty)"
    return normalise_hours(value), None


def _parse_date(text: str):
    if not text:
        return None, "date is empty (write the session date as YYYY-MM-DD, e.g. 2026-03-14)"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            dt.date.fromisoformat(text)
            return text, None
        except ValueError:
            return None, f"date {text!r} does not exist (check the day and month)"
    return None, f"date {text!r} is not in the form YYYY-MM-DD (e.g. 2026-03-14)"


def read_roster(path: Path) -> Roster:
    """Read ``path``; ``problems`` lists everything wrong (empty: the roster can be issued)."""
    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Roster(path, [], [f"{label}: cannot read the file ({exc.strerror})"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return Roster(path, [], [f"{label}, line {line}: the file is not UTF-8 text; save it as "
                                 "'CSV UTF-8' in your spreadsheet program and try again"])
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        return Roster(path, [], [f"{label}: the file is empty; the first row must be the header "
                                 f"{','.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}"])

    header = [cell.strip().lower() for cell in rows[0]]
    problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c and c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if missing:
        problems.append(f"{label}, row 1 (header): missing column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"{label}, row 1 (header): unknown column(s) {', '.join(repr(c) for c in unknown)}")
    if repeated:
        problems.append(f"{label}, row 1 (header): column(s) {', '.join(repeated)} appear more than once")
    if problems:
        problems[-1] += (f"; the header must be {','.join(REQUIRED_COLUMNS)} and optionally "
                         f"{','.join(OPTIONAL_COLUMNS)}, in any order")
        return Roster(path, [], problems)

    participants, seen = [], {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank rows, often left at the end by spreadsheets
        where = f"{label}, row {number}"
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            problems.append(f"{where}: more cells than the header has columns (a stray separator "
                            f"'{delimiter}'? put text that contains it in double quotes)")
            continue
        record = {column: _clean(cells[i]) if i < len(cells) else "" for i, column in enumerate(header)}
        row_problems = []
        name, session = record["name"], record["session"]
        if not name:
            row_problems.append("name is empty")
        elif len(name) > MAX_NAME:
            row_problems.append(f"name is longer than {MAX_NAME} characters")
        date, problem = _parse_date(record["date"])
        if problem:
            row_problems.append(problem)
        language = record["language"].lower()
        if not language:
            row_problems.append(f"language is empty (write {' or '.join(LANGUAGES)})")
        elif language not in LANGUAGES:
            row_problems.append(f"language {record['language']!r} is unknown (write {' or '.join(LANGUAGES)})")
        if not session:
            row_problems.append("session is empty (write the name of the session)")
        elif len(session) > MAX_SESSION:
            row_problems.append(f"session is longer than {MAX_SESSION} characters")
        hours, problem = _parse_hours(record.get("hours", ""))
        if problem:
            row_problems.append(problem)
        if name:
            same = (name.casefold(), record["date"], session.casefold())
            if same in seen:
                row_problems.append(f"repeats row {seen[same]} (same name, date and session)")
            else:
                seen[same] = number
        if row_problems:
            problems.append(f"{where}: " + "; ".join(row_problems))
        else:
            participants.append(Participant(number, name, date, language, session, hours))
    if not participants and not problems:
        problems.append(f"{label}: no participants; add one row per participant below the header")
    return Roster(path, participants, problems)
