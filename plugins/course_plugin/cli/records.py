"""Sealed records from the course's "Record a case" page: the receiving organisation's side.

  course records keygen --out DIR                       create the organisation's keys, once
  course records open FILE_OR_TEXT --key PRIVATE_KEY    open a sealed record
        [--out DIR] [--json]
  (or: python scripts/records.py ...)

keygen writes DIR/record-private-key.pem (readable by you only, never overwritten) and
DIR/record-public-key.txt, and prints the entry for `record_recipients` in mkdocs.yml.
open reads a sealed text (or a file holding one, such as the downloaded message.txt), checks it
and prints the record; --out DIR also writes DIR/record-NNN.html in the record's language;
--json prints the fields as JSON (keyed by field id) instead. README "Record a case" has the
format. Exit codes: 0 done; 1 any error (the message says what to do).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path

from course_plugin.record import sealed as sl
from course_plugin.record.loader import load_form
from course_plugin.strings import ui_strings

from .keyfiles import Failure, create_exclusive, read_private_pem, refuse_existing, write_key_pair
from .project import ROOT

PRIVATE_NAME = "record-private-key.pem"
PUBLIC_NAME = "record-public-key.txt"
FORM = ROOT / "forms" / "record.yml"
EXIT_OK, EXIT_ERROR = 0, 1


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def cmd_keygen(args) -> int:
    out = Path(args.out)
    private_path, public_path = out / PRIVATE_NAME, out / PUBLIC_NAME
    refuse_existing(private_path, public_path)
    key = sl.generate_key()
    public = sl.public_key_b64(key)
    write_key_pair(private_path, sl.private_key_pem(key), public_path, public)
    print(f"Created the private key {private_path} (only you can read it) and the public key {public_path}.")
    print("Keep the private key secret and backed up: only it opens the records sealed for you; "
          "whoever has it can read them.")
    print()
    print("Add this entry under `record_recipients:` of the `course` plugin in mkdocs.yml (or send it to the")
    print("people who maintain the site), with your organisation's name, then publish the site:")
    print()
    print(f'        - {{name: "YOUR ORGANISATION", key: "{public}"}}')
    return EXIT_OK


def read_private_key(path: Path):
    pem = read_private_pem(path, PRIVATE_NAME)
    try:
        return sl.load_private_key(pem)
    except sl.SealError as exc:
        raise Failure(f"{path}: {exc}") from None


def read_sealed(source: str) -> str:
    """The sealed text itself, or the text of the file it names."""
    if source.strip().startswith(sl.PREFIX):
        return source
    path = Path(source)
    if not path.is_file():
        raise Failure(f"{source[:60]!r} is neither a sealed text (it starts with {sl.PREFIX!r}) nor a file; "
                      "pass the downloaded file or paste the whole text in quotes")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Failure(f"{path}: cannot read it as text ({exc})") from None


def labels_for(lang: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Field labels and section titles (with their field ids) from forms/record.yml, in ``lang``."""
    form, _ = load_form(FORM, []) if FORM.is_file() else (None, [])
    if form is None:
        return {}, {}
    labels = {f.id: f.label.get(lang) or next(iter(f.label.values())) for f in form.fields().values()}
    sections = {(s.title.get(lang) or next(iter(s.title.values()))): [f.id for f in s.fields] for s in form.sections}
    return labels, sections


def record_title(lang: str) -> str:
    """The record's title in its language (the print title of the form), English when the
    language has no strings here."""
    return ui_strings(lang)[0]["record_print_title"]


def record_html(payload: dict) -> str:
    lang, fields = payload["lang"], payload["fields"]
    labels, sections = labels_for(lang)
    known = {fid for ids in sections.values() for fid in ids}
    others = [fid for fid in fields if fid not in known]
    if others:
        sections = {**sections, "…": others}
    e = html.escape
    parts = [f'<!doctype html>\n<html lang="{e(lang)}"><head><meta charset="utf-8"><title>{e(record_title(lang))}'
             '</title><style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}'
             'dt{font-weight:700;margin-top:.5rem}dd{margin-left:1rem;white-space:pre-wrap}'
             'h2{border-bottom:1px solid #000}@page{size:A4;margin:15mm}</style></head><body>',
             f"<h1>{e(record_title(lang))}</h1>", f"<p>form version {payload['form']}</p>"]
    for title, ids in sections.items():
        parts.append(f"<h2>{e(title)}</h2><dl>")
        for fid in ids:
            if fid in fields:
                parts.append(f"<dt>{e(labels.get(fid, fid))}</dt><dd>{e(fields[fid]) or '–'}</dd>")
        parts.append("</dl>")
    parts.append("</body></html>\n")
    return "".join(parts)


def record_text(payload: dict) -> str:
    labels, _ = labels_for(payload["lang"])
    lines = [f"{record_title(payload['lang'])} (form version {payload['form']}, {payload['lang']})", ""]
    for fid, value in payload["fields"].items():
        if value:
            lines += [f"{labels.get(fid, fid)}:", *(f"    {line}" for line in value.splitlines()), ""]
    return "\n".join(lines)


def cmd_open(args) -> int:
    key = read_private_key(Path(args.key))
    text = read_sealed(args.sealed)
    try:
        payload = sl.open_sealed(text, key)
    except sl.SealError as exc:
        raise Failure(str(exc)) from None
    if args.json:
        print(json.dumps(payload["fields"], ensure_ascii=False, indent=2))
    else:
        print(record_text(payload))
    if args.out:
        out = Path(args.out)
        try:
            out.mkdir(parents=True, exist_ok=True)
            for n in range(1, 1000):
                path = out / f"record-{n:03d}.html"
                try:
                    create_exclusive(path, record_html(payload).encode("utf-8"), 0o600)
                    break
                except FileExistsError:
                    continue
            else:
                raise Failure(f"{out} already holds 999 records; use another --out folder")
        except OSError as exc:
            raise Failure(f"{exc.filename or out}: cannot write ({exc.strerror})") from None
        print(f"Wrote {path} (readable by you only). Print it to PDF from a browser if you need a PDF.",
              file=sys.stderr)
    return EXIT_OK


def main(argv=None, prog: str = "records.py") -> int:
    parser = Parser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    keygen = sub.add_parser("keygen", help="create the organisation's X25519 key pair, once",
                            description=f"Create DIR/{PRIVATE_NAME} (readable by you only, never overwritten) and "
                                        f"DIR/{PUBLIC_NAME}; print the entry for record_recipients in mkdocs.yml.")
    keygen.add_argument("--out", required=True, metavar="DIR", help="folder for the two key files (created if needed)")
    keygen.set_defaults(func=cmd_keygen)
    opener = sub.add_parser("open", help="open a sealed record with the organisation's private key",
                            description="Open a sealed record (the text, or a file holding it). A record that was "
                                        "changed, cut or sealed for another key is refused.")
    opener.add_argument("sealed", metavar="FILE_OR_TEXT", help="the sealed text (starts with S1.) or a file holding it")
    opener.add_argument("--key", required=True, metavar="PRIVATE_KEY", help=f"the private key file ({PRIVATE_NAME})")
    opener.add_argument("--out", metavar="DIR", help="also write the record as DIR/record-NNN.html")
    opener.add_argument("--json", action="store_true", help="print the fields as JSON, keyed by field id")
    opener.set_defaults(func=cmd_open)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Failure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return EXIT_ERROR

