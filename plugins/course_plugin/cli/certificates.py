"""Trainer-issued certificates that anyone can check on the site's Verify page.

  course certificates keygen --out DIR                       create your signing keys, once
  course certificates issue ROSTER.csv --key PRIVATE_KEY --out DIR   one PDF per participant
  course certificates verify URL_OR_TOKEN                   check a certificate offline
  (or: python scripts/certificates.py ...)

Each command has --help. README, "Certificates", describes the roster, the keys and the contract.
Exit codes: 0 done (verify: valid); 1 error (verify: not valid); 2 verify: revoked;
3 wrong command line, or mkdocs.yml cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

from course_plugin.certificates import token as tk
from course_plugin.certificates.roster import read_roster
from course_plugin.sitecfg import read_site_settings

from .keyfiles import Failure, create_exclusive, read_private_pem, refuse_existing, write_key_pair
from .project import ROOT

PRIVATE_NAME = "certificate-private-key.pem"
PUBLIC_NAME = "certificate-public-key.txt"
ISSUED_NAME = "issued.csv"
EXIT_OK, EXIT_ERROR, EXIT_REVOKED, EXIT_USAGE = 0, 1, 2, 3

TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia", "i", "i", "ie", "g", "u"]))


class Parser(argparse.ArgumentParser):
    """Usage errors exit 3, so that 2 keeps meaning "revoked" for verify."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def warn(message: str):
    print(f"warning: {message}", file=sys.stderr)


def printable(value) -> str:
    """``value`` as text safe for a terminal: control, format and separator characters (which could
    move the cursor, recolour or reorder what was printed before) are shown as \\u escapes."""
    return "".join(ch if unicodedata.category(ch)[0] != "C" and unicodedata.category(ch) not in ("Zl", "Zp")
                   else f"\\u{{{ord(ch):04x}}}" for ch in str(value))


def spreadsheet_cell(text: str) -> str:
    """OWASP's advice against CSV injection: a cell a spreadsheet would read as a formula
    (= + - @, or a tab or carriage return first) starts with a single quote instead."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def slug(name: str, limit: int = 40) -> str:
    """A file-name-safe ASCII form of a name: Cyrillic transliterated, other marks dropped."""
    text = "".join(TRANSLIT.get(ch, ch) for ch in name.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:limit].rstrip("-") or "participant"


def load_settings(config: Path) -> dict:
    if not config.is_file():
        raise Failure(f"{config}: no such file; run from the course repository or pass --config mkdocs.yml",
                      EXIT_USAGE)
    try:
        return read_site_settings(config)
    except Exception as exc:  # YAML syntax errors and the like: report, never a traceback
        raise Failure(f"{config}: cannot be read ({exc})", EXIT_USAGE) from None


# -- keygen --------------------------------------------------------------------------------------
def cmd_keygen(args) -> int:
    out = Path(args.out)
    private_path, public_path = out / PRIVATE_NAME, out / PUBLIC_NAME
    refuse_existing(private_path, public_path)
    passphrase = None
    if args.passphrase:
        passphrase = getpass.getpass("Passphrase for the new private key: ").encode("utf-8")
        if not passphrase:
            raise Failure("the passphrase is empty; run again without --passphrase for a key without one")
        if getpass.getpass("The same passphrase again: ").encode("utf-8") != passphrase:
            raise Failure("the two passphrases differ; nothing was created")
    key = tk.generate_keypair()
    public, kid = tk.public_key_b64(key), tk.key_id(key)
    write_key_pair(private_path, tk.private_key_pem(key, passphrase), public_path, public)
    today = dt.date.today().isoformat()
    print(f"Created your private key {private_path} (only you can read it) and public key {public_path}.")
    print("Keep the private key secret: anyone who has it can issue certificates in your name.")
    print()
    print("To let the Verify page accept your certificates, add this line under `certificate_keys:` of the")
    print("`course` plugin in mkdocs.yml (or send it to the people who maintain the site), then publish the site:")
    print()
    print(f'        - "{public}"  # key id {kid}, created {today}')
    return EXIT_OK


# -- issue ---------------------------------------------------------------------------------------
def read_private_key(path: Path):
    pem = read_private_pem(path, PRIVATE_NAME)
    try:
        return tk.load_private_key(pem)
    except tk.PassphraseNeeded:
        if not sys.stdin.isatty():
            raise Failure(f"{path}: the private key has a passphrase; run issue in a terminal to type it") from None
        try:
            return tk.load_private_key(pem, getpass.getpass(f"Passphrase for {path}: ").encode("utf-8"))
        except tk.TokenError as exc:
            raise Failure(f"{path}: {exc}") from None
    except tk.TokenError as exc:
        raise Failure(f"{path}: {exc}") from None


def site_base(url: str | None, source: str) -> str:
    if not url:
        raise Failure(f"{source} has no site_url; set it in mkdocs.yml or pass --site-url "
                      "https://example.org/course/", EXIT_USAGE)
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or "#" in url or "?" in url:
        raise Failure(f"site URL {url!r} (from {source}) is not a web address like https://example.org/course/",
                      EXIT_USAGE)
    return url if url.endswith("/") else url + "/"


def verify_url(base: str, language, token: str) -> str:
    """The Verify page of the certificate's language (a site.Language: the default language's is
    at the site's root, the others' under <code>/)."""
    return f"{base}{language.prefix}verify/#{token}"


def move_into_place(staging: Path, out: Path, names: list[str], moved: list[Path]):
    """Move the finished batch from ``staging`` to ``out``: the PDFs, then issued.csv last, so a
    folder with an issued.csv holds the whole batch. Never replaces a file; ``moved`` collects
    what is in place, for the caller to take back if the move is interrupted."""
    for name in names + [ISSUED_NAME]:
        try:
            os.link(staging / name, out / name)   # fails if the name exists: nothing is replaced
        except FileExistsError:
            raise
        except OSError:                          # no hard links here (FAT, some network drives)
            if (out / name).exists():
                raise FileExistsError(0, "exists", str(out / name)) from None
            os.replace(staging / name, out / name)
        moved.append(out / name)


def cmd_issue(args) -> int:
    from course_plugin.certificates.pdf import PdfUnavailable, certificate_pdf, undrawable_characters

    config = Path(args.config)
    settings = load_settings(config)
    site = settings["site"]   # the site's languages and strings (course_plugin/site.py)
    base = site_base(args.site_url, "--site-url") if args.site_url else site_base(settings["site_url"], str(config))
    try:
        roster = read_roster(Path(args.roster), font_check=undrawable_characters, languages=site.codes)
    except PdfUnavailable as exc:
        raise Failure(f"{exc}. Nothing was issued.") from None
    if roster.encoding:   # Excel's plain "CSV" on a Russian-language Windows is Windows-1251, not UTF-8
        print(f"{args.roster}: read as {roster.encoding} text", file=sys.stderr)
    if roster.problems:
        for problem in roster.problems:
            print(f"error: {problem}", file=sys.stderr)
        n = len(roster.problems)
        raise Failure(f"{n} line{'s' if n != 1 else ''} of the roster with problems (above); fix them all and "
                      "run again. Nothing was issued.")
    key = read_private_key(Path(args.key))
    public, kid = tk.public_key_b64(key), tk.key_id(key)
    if public not in settings["certificate_keys"]:
        message = (f"the public key of {args.key} (key id {kid}) is not in certificate_keys in {config}, so "
                   "the Verify page would reject these certificates. Add the line that keygen printed "
                   f"(the key is in {PUBLIC_NAME}) to mkdocs.yml and publish the site")
        if not args.allow_unlisted_key:
            raise Failure(message + "; or pass --allow-unlisted-key to issue test certificates anyway. "
                          "Nothing was issued.")
        warn(message)

    out = Path(args.out)
    issued_path = out / ISSUED_NAME
    if issued_path.exists():
        raise Failure(f"{issued_path} already exists: {out} holds an earlier batch, which is never "
                      "overwritten. Choose a new --out folder for each batch. Nothing was issued.")
    width = max(3, len(str(len(roster.participants))))
    names = [f"{i:0{width}d}-{slug(p.name)}.pdf" for i, p in enumerate(roster.participants, start=1)]
    existing = [name for name in names if (out / name).exists()]
    if existing:
        raise Failure(f"{out} already holds {', '.join(existing)}; choose a new --out folder. Nothing was issued.")

    # Everything is written into a hidden folder inside --out and moved into place at the end: an
    # error or Ctrl+C leaves no half batch (the folder is removed; after a crash delete it by hand).
    created_out = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".incomplete-batch-", dir=out))
    except OSError as exc:
        raise Failure(f"{exc.filename or out}: cannot write ({exc.strerror})") from None
    today = dt.date.today().isoformat()
    total, rows, moved, done = len(roster.participants), [], [], False
    try:
        for number, (participant, name) in enumerate(zip(roster.participants, names), start=1):
            try:
                payload = tk.build_payload(name=participant.name, date=participant.date,
                                           language=participant.language, session=participant.session,
                                           hours=participant.hours, key=kid, issued=today,
                                           languages=site.codes)
            except tk.TokenError as exc:  # the roster check should have caught it: say which row
                raise Failure(f"{args.roster}, row {participant.row}: {exc}. Nothing was issued.") from None
            url = verify_url(base, site.language(participant.language), tk.sign_payload(key, payload))
            try:
                create_exclusive(staging / name, certificate_pdf(payload, url, site.strings(participant.language)),
                                 0o644)
            except PdfUnavailable as exc:
                raise Failure(f"{exc}. Nothing was issued.") from None
            rows.append((participant, url, name))
            print(f"{number}/{total}", file=sys.stderr, flush=True)
        table = io.StringIO(newline="")
        writer = csv.writer(table, lineterminator="\r\n")
        writer.writerow(["name", "verify_url", "pdf"])
        writer.writerows([spreadsheet_cell(participant.name), url, name] for participant, url, name in rows)
        # UTF-8 with a byte-order mark, so that spreadsheet programs show Cyrillic names correctly
        create_exclusive(staging / ISSUED_NAME, table.getvalue().encode("utf-8-sig"), 0o600)
        move_into_place(staging, out, names, moved)
        done = True
    except FileExistsError as exc:
        raise Failure(f"{exc.filename} appeared while the batch was made; choose a new --out folder") from None
    except OSError as exc:
        raise Failure(f"{exc.filename or out}: cannot write ({exc.strerror}). Nothing was issued.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not done:
            for path in moved:   # a move cut short: take back what this run put in place
                path.unlink(missing_ok=True)
            if created_out:
                try:
                    out.rmdir()   # only if empty: never removes anything else
                except OSError:
                    pass

    for participant, _url, name in rows:
        print(f"{out / name}  ({participant.language}) {printable(participant.name)}")
    print(f"Issued {len(rows)} certificate(s) into {out}; the list with their Verify links is {issued_path}.")
    return EXIT_OK


# -- verify --------------------------------------------------------------------------------------
def cmd_verify(args) -> int:
    config = Path(args.config)
    settings = load_settings(config)
    keys, revoked = settings["certificate_keys"], settings["certificate_revoked"]
    if not keys:
        warn(f"{config} lists no certificate_keys: no certificate can be valid")
    for entry in revoked:
        if not tk.ID_PATTERN.fullmatch(entry):
            warn(f"certificate_revoked entry {printable(repr(entry))} in {config} is not a certificate id "
                 "like ABCD-EFGH-JKMN")
    result = tk.verify_token(args.certificate, keys, revoked, languages=settings["site"].codes)
    for message in result.warnings:
        warn(f"{config}: {printable(message)}")
    payload = result.payload
    if payload:
        note = "" if result.status != tk.NOT_VALID else "  (NOT confirmed: see the result)"
        rows = [("Certificate", payload["id"] + note), ("Name", payload["n"]), ("Date", payload["d"]),
                ("Language", payload["l"]), ("Session", payload["s"]),
                ("Hours", f"{payload['h']:g}" if "h" in payload else "-"),
                ("Key id", payload["k"]), ("Issued", payload["t"])]
        for label, value in rows:
            print(f"{label + ':':<13}{printable(value)}")  # the payload is not trusted: no terminal codes
    if result.status == tk.VALID:
        print("Result: VALID - signed with a key listed in the site settings, and not withdrawn.")
        return EXIT_OK
    if result.status == tk.REVOKED:
        print(f"Result: REVOKED - {result.reason}.")
        return EXIT_REVOKED
    print(f"Result: NOT VALID - {result.reason}.")
    return EXIT_ERROR


def main(argv=None, prog: str = "certificates.py") -> int:
    parser = Parser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    config_help = "the site settings with the public keys and site_url (default: mkdocs.yml of this repository)"

    keygen = sub.add_parser("keygen", help="create an Ed25519 signing key pair, once",
                            description="Create an Ed25519 key pair: DIR/" + PRIVATE_NAME + " (readable by you "
                            "only, never overwritten) and DIR/" + PUBLIC_NAME + ". Prints the line to add to "
                            "mkdocs.yml so that the Verify page accepts your certificates.")
    keygen.add_argument("--out", required=True, metavar="DIR", help="folder for the two key files (created if needed)")
    keygen.add_argument("--passphrase", action="store_true",
                        help="protect the private key with a passphrase (asked for now and on every issue)")
    keygen.set_defaults(func=cmd_keygen)

    issue = sub.add_parser("issue", help="make one signed PDF certificate per participant of a roster",
                           description="Check ROSTER.csv (columns name, date, language, session and optional "
                           "hours; every problem is listed with its row number and nothing is issued until "
                           "there are none), then write DIR/NNN-name.pdf per participant and DIR/" + ISSUED_NAME
                           + " (name, verify_url, pdf). DIR must not hold an earlier batch.")
    issue.add_argument("roster", metavar="ROSTER.csv", help="the roster, CSV in UTF-8 or Windows-1251 (comma or semicolon separated)")
    issue.add_argument("--key", required=True, metavar="PRIVATE_KEY", help=f"your private key file ({PRIVATE_NAME})")
    issue.add_argument("--out", required=True, metavar="DIR", help="a new folder for this batch (created if needed)")
    issue.add_argument("--site-url", metavar="URL", help="the site's address (default: site_url of mkdocs.yml)")
    issue.add_argument("--config", default=str(ROOT / "mkdocs.yml"), metavar="MKDOCS_YML", help=config_help)
    issue.add_argument("--allow-unlisted-key", action="store_true",
                       help="issue even though the key is not in certificate_keys (test certificates only)")
    issue.set_defaults(func=cmd_issue)

    verify = sub.add_parser("verify", help="check a certificate offline (exit 0 valid, 1 not valid, 2 revoked)",
                            description="Check a certificate against the public keys and the revocation list "
                            "in mkdocs.yml, without any network access. Prints its details and the result. "
                            "Exit 0: valid; 1: not valid; 2: revoked; 3: wrong command line or settings.")
    verify.add_argument("certificate", metavar="URL_OR_TOKEN",
                        help="the link printed on the certificate (or in its QR code), or just the part after '#'")
    verify.add_argument("--config", default=str(ROOT / "mkdocs.yml"), metavar="MKDOCS_YML", help=config_help)
    verify.set_defaults(func=cmd_verify)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Failure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("\ninterrupted; nothing more was written", file=sys.stderr)
        return EXIT_ERROR

