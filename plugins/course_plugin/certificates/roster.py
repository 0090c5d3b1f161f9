"""Read and check a certificate roster (CSV) before anything is issued.

Every problem is collected, each with the row number a spreadsheet shows (the header is row 1),
so the trainer can fix the whole file in one go. Accepts UTF-8 with or without a byte-order mark,
and both comma and semicolon separators (spreadsheets in Russian locales save with ';').
The CSV is read strictly: a double quote left open, text after a closing quote or a line break
inside a cell is reported, never read on into the following rows (which would drop participants).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .token import MAX_HOURS, normalise_hours, site_languages, text_problem

REQUIRED_COLUMNS = ("name", "date", "language", "session")
OPTIONAL_COLUMNS = ("hours",)
MAX_NAME = 70       # longer names do not fit the certificate's name line
MAX_SESSION = 160   # nor longer session titles its session line
# font_check(text, field) -> the characters of ``text`` the PDF's font for ``field`` ("name" or
# "session") cannot draw (pdf.undrawable_characters); None skips the check.
FontCheck = Callable[[str, str], list]


@dataclass(frozen=True)
class Participant:
    row: int                       # spreadsheet row number (header = 1)
    name: str
    date: str                      # YYYY-MM-DD
    language: str                  # one of the site's languages (site.py)
    session: str
    hours: int | float | None = None


@dataclass
class Roster:
    path: Path
    participants: list[Participant]
    problems: list[str]


def _clean(text: str) -> str:
    """Trim and collapse runs of whitespace (spreadsheets leave stray spaces); NFC, as signed."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text or "").strip())


def _csv_problem(exc: csv.Error) -> str:
    """What the csv module's complaint means for the person who saved the roster."""
    message = str(exc)
    if "field larger than field limit" in message:
        return (f"a cell is longer than {csv.field_size_limit()} characters (a name has at most {MAX_NAME}); "
                "a double quote left open may have run it on into the rows below")
    if "unexpected end of data" in message or "EOF" in message:
        return ("a double quote opened in this row is never closed, so every row below would be read "
                "into one cell; close it, or write a double quote inside a cell as two (\"\")")
    if "expected after" in message:
        return ("text follows a closing double quote; inside a quoted cell write a double quote as two "
                "(\"\"), or remove the stray quote")
    return f"cannot be read as CSV ({message})"


def _records(text: str, delimiter: str, label: str) -> tuple[list[tuple[int, int, list[str]]], list[str]]:
    """([(row, first line, cells)], problems): rows as a spreadsheet numbers them (header = 1).
    Reading stops at the first cell the csv module cannot read: what follows is not trusted."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records, row = [], 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return records, []
        except csv.Error as exc:
            where = f"row {row + 1}" + (f" (line {line} of the file)" if line != row + 1 else "")
            return records, [f"{label}, {where}: {_csv_problem(exc)}. Nothing after it was read."]
        row += 1
        records.append((row, line, cells))


def _parse_hours(text: str):
    """(hours, problem): '3', '1.5' and '1,5' are fine; empty means no hours."""
    if not text:
        return None, None
    try:
        # at most two decimals: the signed payload's rule (token.py) and exact on the certificate
        value = float(text.replace(",", ".")) if re.fullmatch(r"[0-9]{1,4}([.,][0-9]{1,2})?", text) else None
    except ValueError:  # pragma: no cover - the pattern rules this out
        value = None
    if value is None or not 0 < value <= MAX_HOURS:
        return None, (f"hours {text!r} is not a number of hours from 0.01 to {MAX_HOURS} (write e.g. 3 or 1.5, "
                      "or leave it empty)")
    return normalise_hours(value), None


def _parse_date(text: str):
    if not text:
        return None, "date is empty (write the session date as YYYY-MM-DD, e.g. 2026-03-14)"
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            dt.date.fromisoformat(text)  # years 0001-9999: "0000-01-01" does not exist
            return text, None
        except ValueError:
            return None, f"date {text!r} does not exist (check the day and month)"
    return None, f"date {text!r} is not in the form YYYY-MM-DD (e.g. 2026-03-14)"


def _text_problems(field: str, text: str, font_check: FontCheck | None) -> list[str]:
    problem = text_problem(text)
    if problem:
        return [f"{field} {problem}; retype it without them"]
    missing = font_check(text, field) if font_check else []
    if missing:
        shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:5])
        return [f"{field} has characters the certificate's font cannot draw: {shown}; they would print as "
                "empty boxes. Write it in Latin or Cyrillic letters, or install a font that has them"]
    return []


def read_roster(path: Path, font_check: FontCheck | None = None, languages=None) -> Roster:
    """Read ``path``; ``problems`` lists everything wrong (empty: the roster can be issued).
    ``languages``: the site's language codes (default: this repository's, see token.site_languages)."""
    label = str(path)
    languages = site_languages(languages)
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
    records, problems = _records(text, delimiter, label)
    if not records or not any(cell.strip() for cell in records[0][2]):
        return Roster(path, [], problems or [f"{label}: the file is empty; the first row must be the header "
                                             f"{','.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}"])

    header = [cell.strip().lower() for cell in records[0][2]]
    header_problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c and c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if missing:
        header_problems.append(f"{label}, row 1 (header): missing column(s) {', '.join(missing)}")
    if unknown:
        header_problems.append(f"{label}, row 1 (header): unknown column(s) {', '.join(repr(c) for c in unknown)}")
    if repeated:
        header_problems.append(f"{label}, row 1 (header): column(s) {', '.join(repeated)} appear more than once")
    if header_problems:
        header_problems[-1] += (f"; the header must be {','.join(REQUIRED_COLUMNS)} and optionally "
                                f"{','.join(OPTIONAL_COLUMNS)}, in any order")
        return Roster(path, [], header_problems + problems)

    csv_problems, problems = problems, []
    participants, seen = [], {}
    for number, line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # blank rows, often left at the end by spreadsheets
        where = f"{label}, row {number}" + (f" (line {line} of the file)" if line != number else "")
        broken = [header[i] if i < len(header) else f"cell {i + 1}"
                  for i, cell in enumerate(cells) if "\n" in cell or "\r" in cell]
        if broken:
            problems.append(f"{where}: the {', '.join(broken)} cell holds a line break (a double quote left "
                            "open, or a line break typed in the cell); put each cell on one line")
            continue
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
        else:
            row_problems += _text_problems("name", name, font_check)
        date, problem = _parse_date(record["date"])
        if problem:
            row_problems.append(problem)
        language = record["language"].lower()
        if not language:
            row_problems.append(f"language is empty (write {' or '.join(languages)})")
        elif language not in languages:
            row_problems.append(f"language {record['language']!r} is unknown (write {' or '.join(languages)})")
        if not session:
            row_problems.append("session is empty (write the name of the session)")
        elif len(session) > MAX_SESSION:
            row_problems.append(f"session is longer than {MAX_SESSION} characters")
        else:
            row_problems += _text_problems("session", session, font_check)
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
    problems += csv_problems   # the row the reading stopped at comes after the rows read before it
    if not participants and not problems:
        problems.append(f"{label}: no participants; add one row per participant below the header")
    return Roster(path, participants, problems)
