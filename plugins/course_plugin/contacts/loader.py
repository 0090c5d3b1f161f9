"""Load ``data/help-contacts.yml`` and report every problem at once (file, line, field, what to do).

Nothing here raises on bad input: the plugin turns the problems into one PluginError.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from ..quiz.problems import Problem
from .model import INTERNATIONAL, KINDS, Contact, Country, HelpContacts

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ID = re.compile(r"[a-z][a-z0-9-]*")
MONTH = re.compile(r"(\d{4})-(\d{2})")
URL = re.compile(r"https?://[^\s/]+\.[^\s/]+(/\S*)?")
PHONE = re.compile(r"\+?[0-9][0-9 ()-]*[0-9]|[0-9]")
COUNTRY_KEYS = {"id", "name", "find_local"}
CONTACT_KEYS = {"country", "kind", "name", "note", "source", "checked", "phone", "site"}
HOW = "see README \"Help contacts\""


def load_contacts(path: Path, languages: list[str], name: str | None = None,
                  today: date | None = None) -> tuple[HelpContacts | None, list[Problem]]:
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, f"the help-contacts file is missing: create it ({HOW})")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, f"cannot read the file ({exc}); save it as UTF-8 text")]
    return parse_contacts(text, languages, name, today or date.today())


def parse_contacts(text: str, languages: list[str], name: str = "<help contacts>",
                   today: date | None = None) -> tuple[HelpContacts | None, list[Problem]]:
    today = today or date.today()
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(name, f"YAML syntax error: {getattr(exc, 'problem', None) or exc}; check indentation, "
                                    "colons and quotes", mark.line + 1 if mark else None)]
    problems: list[Problem] = []
    check = _Checker(name, languages, problems, today)
    top = check.mapping(root, "", {"countries", "contacts"}, 1)
    if top is None:
        return None, problems
    data = HelpContacts()
    seen: dict[str, int] = {}
    for i, node in enumerate(check.sequence(top.get("countries"), "countries", line_of(root))):
        where = f"countries[{i}]"
        fields = check.mapping(node, where, COUNTRY_KEYS)
        if fields is None:
            continue
        cid = check.text(fields, "id", where, node, pattern=ID,
                         hint="a short lower-case id such as `kazakhstan` (letters, digits, -)")
        fresh = False
        if cid is not None and cid in seen:
            problems.append(Problem(name, f"duplicate country id {cid!r} (first at line {seen[cid]}): "
                                          "give each country one entry", line_of(fields["id"][1]), f"{where}.id"))
        elif cid == INTERNATIONAL:
            problems.append(Problem(name, f"{INTERNATIONAL!r} is reserved for routes open from every country: "
                                          "do not list it under `countries`", line_of(fields["id"][1]), f"{where}.id"))
        elif cid is not None:
            seen[cid], fresh = line_of(node), True
        names = check.texts(fields, "name", where, node)
        find = check.texts(fields, "find_local", where, node, required=False)
        if fresh and names is not None:
            data.countries.append(Country(cid, names, find))
    known = set(seen)
    for i, node in enumerate(check.sequence(top.get("contacts"), "contacts", line_of(root))):
        where = f"contacts[{i}]"
        fields = check.mapping(node, where, CONTACT_KEYS)
        if fields is None:
            continue
        country = check.text(fields, "country", where, node,
                             hint=f"a country id from `countries` or {INTERNATIONAL!r}")
        if country is not None and country != INTERNATIONAL and country not in known:
            problems.append(Problem(name, f"unknown country {country!r}: use one of "
                                          f"{', '.join(sorted(known) + [INTERNATIONAL])}, or add it under `countries`",
                                    line_of(fields["country"][1]), f"{where}.country"))
            country = None
        kind = check.text(fields, "kind", where, node, hint=f"one of: {', '.join(KINDS)}")
        if kind is not None and kind not in KINDS:
            problems.append(Problem(name, f"unknown kind {kind!r}: use one of {', '.join(KINDS)}",
                                    line_of(fields["kind"][1]), f"{where}.kind"))
            kind = None
        names = check.texts(fields, "name", where, node)
        note = check.texts(fields, "note", where, node, required=False)
        source = check.text(fields, "source", where, node, pattern=URL,
                            hint="the address (https://...) of the official page you took the contact from")
        checked = check.month(fields, where, node)
        phone = check.text(fields, "phone", where, node, pattern=PHONE, required=False,
                           hint="digits, spaces, +, - and brackets only, exactly as the official source shows it")
        site = check.text(fields, "site", where, node, pattern=URL, required=False,
                          hint="the service's official address (https://...)")
        if None not in (country, kind, names, source, checked):
            data.contacts.append(Contact(country, kind, names, source, checked, note, phone, site, line_of(node)))
    return (None if problems else data), problems


def line_of(node) -> int | None:
    return node.start_mark.line + 1 if node is not None and getattr(node, "start_mark", None) else None


class _Checker:
    """Field checks that each record a :class:`Problem` and return ``None`` on bad input."""

    def __init__(self, name: str, languages: list[str], problems: list[Problem], today: date):
        self.name, self.languages, self.problems, self.today = name, languages, problems, today

    def _bad(self, message: str, node, field: str | None) -> None:
        self.problems.append(Problem(self.name, message, line_of(node), field or None))

    def mapping(self, node, where: str, allowed: set[str], line: int | None = None):
        """``{key: (key_node, value_node)}``, or None when ``node`` is not a mapping."""
        if not isinstance(node, yaml.MappingNode):
            what = "the file" if not where else where
            self.problems.append(Problem(self.name, f"{what} must be a mapping of `key: value` lines "
                                                    f"({', '.join(sorted(allowed))})", line_of(node) or line, where or None))
            return None
        out = {}
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else None
            field = f"{where}.{k}" if where else k
            if k not in allowed:
                self._bad(f"unknown field {k!r}: allowed here are {', '.join(sorted(allowed))} (a typo?)", key, field)
            elif k in out:
                self._bad(f"{k!r} is given twice: keep one", key, field)
            else:
                out[k] = (key, value)
        return out

    def sequence(self, pair, field: str, line: int | None) -> list:
        if pair is None:
            self.problems.append(Problem(self.name, f"`{field}:` is missing: add a list of entries ({HOW})", line, field))
            return []
        key, node = pair
        if not isinstance(node, yaml.SequenceNode):
            self._bad(f"`{field}` must be a list (each entry starts with `- `)", key, field)
            return []
        return node.value

    def text(self, fields, key: str, where: str, node, *, required: bool = True, pattern=None,
             hint: str = "") -> str | None:
        field = f"{where}.{key}"
        if key not in fields:
            if required:
                self._bad(f"`{key}` is missing: add {hint or 'it'}", node, field)
            return None
        value = fields[key][1]
        if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
            self._bad(f"`{key}` must be one line of text: {hint}", value, field)
            return None
        text = value.value.strip()
        if pattern is not None and not pattern.fullmatch(text):
            self._bad(f"`{key}` {text!r} is not valid: {hint}", value, field)
            return None
        return text

    def texts(self, fields, key: str, where: str, node, *, required: bool = True) -> dict[str, str] | None:
        field = f"{where}.{key}"
        if key not in fields:
            if required:
                self._bad(f"`{key}` is missing: add {{{', '.join(f'{l}: ...' for l in self.languages)}}}", node, field)
            return None
        value = fields[key][1]
        if not isinstance(value, yaml.MappingNode):
            self._bad(f"`{key}` must give the text in every site language: "
                      f"{{{', '.join(f'{l}: ...' for l in self.languages)}}}", value, field)
            return None
        texts = {k.value: v for k, v in value.value if isinstance(k, yaml.ScalarNode)}
        out, ok = {}, True
        for lang in self.languages:
            v = texts.get(lang)
            if not isinstance(v, yaml.ScalarNode) or not v.value.strip():
                self._bad(f"`{key}` has no {lang!r} text: add `{lang}: ...` (every language is shown on its own pages)",
                          v if v is not None else value, f"{field}.{lang}")
                ok = False
            else:
                out[lang] = v.value.strip()
        return out if ok else None

    def month(self, fields, where: str, node) -> str | None:
        text = self.text(fields, "checked", where, node,
                         hint="the month you last checked the contact against its source, as YYYY-MM (for example 2026-12)")
        if text is None:
            return None
        m = MONTH.fullmatch(text)
        if not m or not 1 <= int(m.group(2)) <= 12:
            self._bad(f"`checked` {text!r} is not a month: write YYYY-MM (for example 2026-12)",
                      fields["checked"][1], f"{where}.checked")
            return None
        if (int(m.group(1)), int(m.group(2))) > (self.today.year, self.today.month):
            self._bad(f"`checked` {text!r} is in the future: write the month you really checked it",
                      fields["checked"][1], f"{where}.checked")
            return None
        return text
