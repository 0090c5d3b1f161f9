"""Trainer-issued certificates: tokens, rosters, PDFs and the command line (scripts/certificates.py)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tokens import make_token  # noqa: E402 (tests/ is on sys.path)
from course_plugin.certificates import token as tk
from course_plugin.certificates.roster import read_roster
from course_plugin.sitecfg import read_site_settings

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "certificates.py"
SITE_URL = "https://example.org/course/"

sys.path.insert(0, str(ROOT / "scripts"))
import certificates as cli  # noqa: E402
from certificate_cases import REVOKED_ID, payload_cases  # noqa: E402


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def write_config(path: Path, keys: list[str], revoked: list[str] = (), site_url: str = SITE_URL) -> Path:
    # the site's languages (a certificate's `l` is one of them) come from the i18n plugin's settings
    languages = [{"locale": "en", "default": True, "name": "English"}, {"locale": "ru", "name": "Русский"}]
    config = {"site_name": "Test", "site_url": site_url,
              "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": languages}},
                          {"course": {"certificate_keys": list(keys),
                                      "certificate_revoked": list(revoked)}}]}
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def write_roster(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))
    return path


# -- tokens --------------------------------------------------------------------------------------
def test_token_round_trip_with_cyrillic_follows_the_contract():
    key = tk.generate_keypair()
    raw = tk.public_key_raw(key)
    published = tk.public_key_b64(key)
    assert len(raw) == 32 and "=" not in published and base64.urlsafe_b64decode(published + "=") == raw
    assert tk.key_id(key) == hashlib.sha256(raw).hexdigest()[:8] == tk.key_id(published)

    payload = tk.build_payload(name="Анна Кузнецова", date="2026-03-14", language="ru",
                               session="Семинар: «Права» 3 ч", hours=1.5, key=tk.key_id(key), issued="2026-03-15")
    assert tk.ID_PATTERN.fullmatch(payload["id"]) and payload["v"] == 1 and payload["h"] == 1.5
    token = tk.sign_payload(key, payload)
    body, sig = token.split(".")
    expected_bytes = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    assert base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)) == expected_bytes
    assert "Анна".encode("utf-8") in expected_bytes  # raw UTF-8, not \\u escapes
    key.public_key().verify(base64.urlsafe_b64decode(sig + "=="), expected_bytes)

    parsed, payload_bytes, _signature = tk.parse_token(token)
    assert parsed == payload and payload_bytes == expected_bytes
    result = tk.verify_token(f"{SITE_URL}ru/verify/#{token}", [published])
    assert result.status == tk.VALID and result.payload["n"] == "Анна Кузнецова"


def test_whole_hours_are_json_integers_and_empty_hours_are_omitted():
    key = tk.generate_keypair()
    with_hours = tk.build_payload(name="A", date="2026-01-02", language="en", session="S", hours=3.0,
                                  key=tk.key_id(key))
    assert tk.encode_payload(with_hours).count(b'"h":3,') == 1
    without = tk.build_payload(name="A", date="2026-01-02", language="en", session="S", key=tk.key_id(key))
    assert "h" not in without


def test_every_single_character_change_invalidates_the_token():
    key = tk.generate_keypair()
    keys = [tk.public_key_b64(key)]
    token = make_token(key, {"n": "Ёлка Жукова", "l": "ru", "h": 2})
    assert tk.verify_token(token, keys).valid
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for i, ch in enumerate(token):
        if ch == ".":
            continue
        changed = token[:i] + alphabet[(alphabet.index(ch) + 1) % 64] + token[i + 1:]
        result = tk.verify_token(changed, keys)
        assert result.status == tk.NOT_VALID, (i, changed)


def test_make_token_defaults_and_overrides():
    key = tk.generate_keypair()
    token = make_token(key, {"n": "Test", "h": None})
    payload = tk.parse_token(token)[0]
    assert payload["k"] == tk.key_id(key) and "h" not in payload and payload["n"] == "Test"
    assert tk.verify_token(token, [tk.public_key_b64(key)]).valid


@pytest.mark.parametrize("fields, reason", [
    ({"v": 2}, "'v'"), ({"v": True}, "'v'"), ({"id": "ABCD-EFGH-IJKL"}, "'id'"), ({"n": ""}, "'n'"),
    ({"d": "2026-02-30"}, "'d'"), ({"d": "20260214"}, "'d'"), ({"l": "de"}, "'l'"), ({"s": 5}, "'s'"),
    ({"h": 0}, "'h'"), ({"h": "3"}, "'h'"), ({"h": True}, "'h'"), ({"k": "ABCDEF12"}, "'k'"),
    ({"t": None}, "'t' is missing"), ({"n": None}, "'n' is missing"),
])
def test_signed_but_malformed_payloads_are_not_valid(fields, reason):
    key = tk.generate_keypair()
    result = tk.verify_token(make_token(key, fields), [tk.public_key_b64(key)])
    assert result.status == tk.NOT_VALID and reason in result.reason


def test_non_object_and_non_json_payloads_are_not_valid():
    key = tk.generate_keypair()
    keys = [tk.public_key_b64(key)]
    for body in (b"[1,2]", b"not json", b"\xff\xfe", b'"text"', b"null"):
        result = tk.verify_token(tk.sign_bytes(key, body), keys)
        assert result.status == tk.NOT_VALID and result.payload is None


def test_unknown_key_revoked_and_garbage():
    key, other = tk.generate_keypair(), tk.generate_keypair()
    token = make_token(key)
    cert_id = tk.parse_token(token)[0]["id"]
    assert tk.verify_token(token, [tk.public_key_b64(other)]).reason == "unknown key"
    # several keys (rotation): any configured key whose id matches
    assert tk.verify_token(token, [tk.public_key_b64(other), tk.public_key_b64(key)]).valid
    revoked = tk.verify_token(token, [tk.public_key_b64(key)], [cert_id])
    assert revoked.status == tk.REVOKED and revoked.payload["id"] == cert_id
    # a forged certificate is "not valid", even when it copies a revoked id
    forged = make_token(other, {"id": cert_id, "k": tk.key_id(key)})
    assert tk.verify_token(forged, [tk.public_key_b64(key)], [cert_id]).status == tk.NOT_VALID
    # a broken key in the settings is reported and skipped, never fatal
    result = tk.verify_token(token, ["not-a-key", tk.public_key_b64(key)])
    assert result.valid and "not-a-key" in result.warnings[0]
    garbage = ["", ".", "..", "#", "a.b", "abc", "x" * 5000, "é.é", token + ".x", token.replace(".", ""),
               "https://example.org/verify/", "https://example.org/verify/#", token[:40], token[:-5],
               "=" + token, token + "==", " \n", "%E2%80%8B." + token.split(".")[1]]
    for text in garbage:
        result = tk.verify_token(text, [tk.public_key_b64(key)])
        assert result.status == tk.NOT_VALID and result.reason, text


def test_only_the_canonical_encoding_within_the_cap_and_the_text_rules_is_valid():
    """Each edge case of tests/certificate_cases.py gets its verdict (the Verify page must agree:
    test_certificate_browser.py), with a reason and never an exception."""
    key = tk.generate_keypair()
    for label, body, expected in payload_cases(tk.key_id(key)):
        result = tk.verify_token(tk.sign_bytes(key, body), [tk.public_key_b64(key)], [REVOKED_ID])
        assert result.status == expected, (label, result.reason)
        if expected != tk.VALID:
            assert result.reason and result.payload is None, label


def test_size_cap_is_named_and_base64_length_is_checked_before_decoding():
    key = tk.generate_keypair()
    token = make_token(key, {"s": "S" * 100_000})
    result = tk.verify_token(token, [tk.public_key_b64(key)])
    assert result.status == tk.NOT_VALID and "too long" in result.reason
    assert tk.MAX_TOKEN_CHARS >= len(tk.b64url_encode(b"x" * tk.MAX_PAYLOAD_BYTES)) + 1 + 86


def test_names_with_controls_or_bidi_overrides_cannot_be_signed_but_joiners_can():
    key = tk.generate_keypair()
    common = dict(date="2026-01-02", language="en", session="S", key=tk.key_id(key))
    for bad in ("\x1b[31mA", "A\u202eB", "A\u2066B", "A\u200bB", "A\x00", "A\u0085", "Jose\u0301"):
        with pytest.raises(tk.TokenError, match="'n'"):
            tk.build_payload(name=bad, **common)
        with pytest.raises(tk.TokenError, match="'s'"):
            tk.build_payload(name="A", **{**common, "session": bad})
    assert tk.build_payload(name="Zahra\u200cYasmin", **common)["n"] == "Zahra\u200cYasmin"


def test_extract_token_from_url_or_bare_token():
    assert tk.extract_token("https://x.org/ru/verify/#abc.def ") == "abc.def"
    assert tk.extract_token("  abc.def\n") == "abc.def"


def test_certificate_ids_use_crockford_base32():
    ids = {tk.new_certificate_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", i) for i in ids)


# -- roster --------------------------------------------------------------------------------------
def test_roster_accepts_bom_semicolons_blank_rows_and_quoted_cells(tmp_path):
    path = write_roster(tmp_path / "r.csv",
                        "Name;Date;Language;Session;Hours\r\n"
                        "Анна  Кузнецова ;2026-03-14;RU;\"Семинар; день 1\";1,5\r\n"
                        ";;;;\r\n"
                        "A. K.;2026-03-14;en;Workshop;\r\n", bom=True)
    roster = read_roster(path)
    assert roster.problems == []
    first, second = roster.participants
    assert (first.row, first.name, first.language, first.session, first.hours) == \
        (2, "Анна Кузнецова", "ru", "Семинар; день 1", 1.5)
    assert (second.row, second.hours) == (4, None)


def test_roster_reports_every_bad_row_with_its_number(tmp_path):
    path = write_roster(tmp_path / "r.csv", "\n".join([
        "name,date,language,session,hours",
        "Анна К.,2026-03-14,ru,Семинар,3",          # 2 fine
        ",2026-03-14,ru,Семинар,3",                 # 3 name missing
        "Bea,14.03.2026,en,Workshop,",              # 4 bad date
        "Chloé,2026-03-14,de,Workshop,",            # 5 unknown language
        "анна к.,2026-03-14,ru,семинар,2",          # 6 repeats row 2
        "Dana,2026-03-14,en,Workshop,three",        # 7 bad hours
        "Eve,2026-02-30,en,Workshop,-1",            # 8 impossible date and bad hours
        "Fay,2026-03-14,en,,",                      # 9 session empty
        "Gia,2026-03-14,en,Workshop,2,extra",       # 10 a cell too many
    ]) + "\n")
    roster = read_roster(path)
    text = "\n".join(roster.problems)
    for row, words in [(3, "name is empty"), (4, "'14.03.2026'"), (5, "'de' is unknown"), (6, "repeats row 2"),
                       (7, "'three'"), (8, "does not exist"), (8, "'-1'"), (9, "session is empty"),
                       (10, "more cells")]:
        assert re.search(rf"row {row}: [^\n]*{re.escape(words)}", text), (row, words, text)
    assert "row 2:" not in text
    assert len(roster.problems) == 8


@pytest.mark.parametrize("content, expected", [
    ("", "empty"),
    ("name,date,language,session\n", "no participants"),
    ("name,date,lang,session,notes\nA,2026-01-01,en,S,x\n", "missing column(s) language"),
    ("name,date,lang,session,notes\nA,2026-01-01,en,S,x\n", "unknown column(s) 'lang', 'notes'"),
    ("name,name,date,language,session\n", "name appear more than once"),
])
def test_roster_header_and_empty_file_problems(tmp_path, content, expected):
    roster = read_roster(write_roster(tmp_path / "r.csv", content))
    assert roster.participants == [] and any(expected in p for p in roster.problems), roster.problems


def test_roster_that_is_not_utf8_is_named_with_a_fix(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("name,date,language,session\nАнна,2026-01-01,ru,S\n".encode("cp1251"))
    problems = read_roster(path).problems
    assert len(problems) == 1 and "line 2" in problems[0] and "CSV UTF-8" in problems[0]


def test_roster_is_read_strictly_and_a_line_break_in_a_cell_is_reported_with_its_row(tmp_path):
    # a quote left open runs the session of row 2 on over rows 3 and 4: they must not vanish
    open_quote = read_roster(write_roster(tmp_path / "a.csv", "name,date,language,session\n"
                                          'Anna,2026-03-14,en,"Workshop\nBea,2026-03-14,en,Workshop\n'
                                          'Chloe,2026-03-14,en,Workshop"\nDana,2026-03-14,en,W\n'))
    assert len(open_quote.problems) == 1, open_quote.problems
    assert "row 2:" in open_quote.problems[0] and "session cell holds a line break" in open_quote.problems[0]
    assert [p.name for p in open_quote.participants] == ["Dana"]
    # a quote that is closed with text after it, and one never closed: reading stops there
    stray = read_roster(write_roster(tmp_path / "b.csv", "name,date,language,session\nZoe,2026-03-14,en,W\n"
                                     '"Anna K.,2026-03-14,en,W\nBea,2026-03-14,en,"W, day 2"\n'))
    assert any("row 3:" in p and "closing double quote" in p and "Nothing after it was read" in p
               for p in stray.problems), stray.problems
    never = read_roster(write_roster(tmp_path / "c.csv", 'name,date,language,session\nAnna,2026-03-14,en,"W\n'))
    assert any("row 2:" in p and "never closed" in p for p in never.problems), never.problems


def test_roster_rejects_control_and_bidi_characters_and_normalises_to_nfc(tmp_path):
    roster = read_roster(write_roster(tmp_path / "r.csv", "name,date,language,session\n"
                                      "\x1b[31mAnna,2026-03-14,en,W\n"
                                      "Bea,2026-03-14,en,W \u202eexe.fdp\n"
                                      "Jose\u0301,2026-03-14,en,Cafe\u0301\n"
                                      "Zahra\u200cYasmin,2026-03-14,en,W\n"))
    text = "\n".join(roster.problems)
    assert re.search(r"row 2: name holds control or direction-changing characters \(U\+001B\)", text), text
    assert re.search(r"row 3: session holds control or direction-changing characters \(U\+202E\)", text), text
    assert len(roster.problems) == 2
    assert [(p.name, p.session) for p in roster.participants] == [("Jos\u00e9", "Caf\u00e9"), ("Zahra\u200cYasmin", "W")]


def test_roster_hours_have_at_most_two_decimals_and_at_most_1000(tmp_path):
    roster = read_roster(write_roster(tmp_path / "r.csv", "name,date,language,session,hours\n"
                                      "A,2026-03-14,en,W,0.001\nB,2026-03-14,en,W,1000.5\nC,2026-03-14,en,W,\"0,25\"\n"
                                      "D,0000-01-01,en,W,\n"))
    text = "\n".join(roster.problems)
    assert "row 2: hours '0.001'" in text and "row 3: hours '1000.5'" in text and "row 5: date '0000-01-01'" in text
    assert [p.hours for p in roster.participants] == [0.25]


def _someone_draws(ch: str) -> bool:
    return bool(subprocess.run(["fc-list", f":charset={ord(ch):x}", "file"], capture_output=True,
                               text=True).stdout.strip())


def test_roster_names_a_script_the_pdf_fonts_cannot_draw(tmp_path):
    from course_plugin.certificates.pdf import undrawable_characters

    if _someone_draws("中"):
        pytest.skip("this machine has a font with Chinese characters: they would print")
    roster = read_roster(write_roster(tmp_path / "r.csv", "name,date,language,session\n"
                                      "王秀英,2026-03-14,en,W\nАнна Chloé Ёлкина,2026-03-14,ru,Семинар «Право»\n"),
                         font_check=undrawable_characters)
    assert len(roster.problems) == 1 and "row 2: name has characters the certificate's font cannot draw" \
        in roster.problems[0] and "王 (U+738B)" in roster.problems[0], roster.problems
    assert [p.row for p in roster.participants] == [3]


# -- settings ------------------------------------------------------------------------------------
def test_site_settings_read_certificate_options(tmp_path):
    config = write_config(tmp_path / "mkdocs.yml", ["KEY1", "KEY2"], ["ABCD-EFGH-JKMN"])
    settings = read_site_settings(config)
    assert settings["certificate_keys"] == ["KEY1", "KEY2"]
    assert settings["certificate_revoked"] == ["ABCD-EFGH-JKMN"]
    assert settings["site_url"] == SITE_URL
    repo = read_site_settings(ROOT / "mkdocs.yml")
    assert isinstance(repo["certificate_keys"], list) and repo["site_url"].endswith("/")


def test_slugs_are_ascii_and_safe():
    assert cli.slug("Анна Кузнецова-Щукина") == "anna-kuznetsova-shchukina"
    assert cli.slug("Chloé O'Brien") == "chloe-o-brien"
    assert cli.slug("李") == "participant"
    assert cli.slug("../../etc/passwd") == "etc-passwd"


# -- command line --------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [[], ["keygen"], ["issue"], ["verify"]])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout
    assert len(result.stdout) > 200


def keygen(directory: Path) -> tuple[str, Path]:
    result = run("keygen", "--out", directory)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith('        - "'))
    return line, directory / cli.PRIVATE_NAME


def test_keygen_creates_a_private_key_only_the_owner_reads_and_never_overwrites(tmp_path):
    line, private = keygen(tmp_path / "keys")
    public_file = tmp_path / "keys" / cli.PUBLIC_NAME
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    public = public_file.read_text().strip()
    # the printed line goes under certificate_keys: as it is
    parsed = yaml.safe_load("certificate_keys:\n" + line + "\n")
    assert parsed == {"certificate_keys": [public]}
    key = tk.load_private_key(private.read_bytes())
    assert tk.public_key_b64(key) == public and f"key id {tk.key_id(key)}" in line

    before = private.read_bytes()
    again = run("keygen", "--out", tmp_path / "keys")
    assert again.returncode == 1 and "never overwritten" in again.stderr and "Traceback" not in again.stderr
    assert private.read_bytes() == before and public_file.read_text().strip() == public


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    """A key, a mkdocs.yml listing it, and one issued batch of three certificates."""
    base = tmp_path_factory.mktemp("certs")
    _line, private = keygen(base / "keys")
    public = (base / "keys" / cli.PUBLIC_NAME).read_text().strip()
    config = write_config(base / "mkdocs.yml", [public])
    roster = write_roster(base / "roster.csv",
                          "name,date,language,session,hours\n"
                          "Анна Кузнецова-Щукина,2026-03-14,ru,Полицейское насилие: семинар на 180 минут,3\n"
                          "Chloé Smith,2026-03-14,en,Workshop on documentation,1.5\n"
                          "Жанна Ё.,2026-03-15,ru,Семинар,\n", bom=True)
    out = base / "out"
    result = run("issue", roster, "--key", private, "--out", out, "--config", config)
    assert result.returncode == 0, result.stderr
    return {"base": base, "private": private, "public": public, "config": config, "out": out,
            "roster": roster, "stdout": result.stdout}


def issued_rows(out: Path) -> list[dict]:
    with open(out / "issued.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_issue_writes_one_pdf_per_participant_and_the_list(issued):
    rows = issued_rows(issued["out"])
    with open(issued["out"] / "issued.csv", encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == ["name", "verify_url", "pdf"]
    assert [r["name"] for r in rows] == ["Анна Кузнецова-Щукина", "Chloé Smith", "Жанна Ё."]
    assert [r["pdf"] for r in rows] == ["001-anna-kuznetsova-shchukina.pdf", "002-chloe-smith.pdf", "003-zhanna-e.pdf"]
    assert rows[0]["verify_url"].startswith(SITE_URL + "ru/verify/#")
    assert rows[1]["verify_url"].startswith(SITE_URL + "verify/#")
    assert sorted(p.name for p in issued["out"].iterdir()) == sorted([r["pdf"] for r in rows] + ["issued.csv"])
    payloads = [tk.parse_token(tk.extract_token(r["verify_url"]))[0] for r in rows]
    assert payloads[0]["h"] == 3 and payloads[1]["h"] == 1.5 and "h" not in payloads[2]
    assert payloads[0]["s"] == "Полицейское насилие: семинар на 180 минут"
    assert len({p["id"] for p in payloads}) == 3


def _fonts(reader: PdfReader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            yield from ([d.get_object() for d in font["/DescendantFonts"]] if "/DescendantFonts" in font else [font])


def test_pdfs_are_one_page_with_embedded_fonts_names_and_the_link(issued):
    for row in issued_rows(issued["out"]):
        reader = PdfReader(issued["out"] / row["pdf"])
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 210)
        text = reader.pages[0].extract_text()
        assert row["name"] in text
        assert row["verify_url"] in re.sub(r"\s+", "", text)  # the printed link, wrapped over lines
        cert_id = tk.parse_token(tk.extract_token(row["verify_url"]))[0]["id"]
        assert cert_id in text
        fonts = list(_fonts(reader))
        assert fonts and all(any(k in f["/FontDescriptor"] for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                             for f in fonts)
    ru = PdfReader(issued["out"] / "001-anna-kuznetsova-shchukina.pdf").pages[0].extract_text()
    assert "Сертификат" in ru and "14 марта 2026 г." in ru and "3 ч" in ru
    en = PdfReader(issued["out"] / "002-chloe-smith.pdf").pages[0].extract_text()
    assert "Certificate of participation" in en and "14 March 2026" in en and "1.5 hours" in en


def test_verify_each_issued_certificate(issued):
    for row in issued_rows(issued["out"]):
        result = run("verify", row["verify_url"], "--config", issued["config"])
        assert result.returncode == 0, result.stdout + result.stderr
        payload = tk.parse_token(tk.extract_token(row["verify_url"]))[0]
        for value in (payload["id"], row["name"], payload["d"], payload["s"], payload["k"], payload["t"]):
            assert value in result.stdout
        assert "Result: VALID" in result.stdout
    # a bare token works as well
    token = tk.extract_token(issued_rows(issued["out"])[0]["verify_url"])
    assert run("verify", token, "--config", issued["config"]).returncode == 0


def test_verify_tampered_revoked_unknown_key_and_garbage(issued, tmp_path):
    url = issued_rows(issued["out"])[1]["verify_url"]
    token = tk.extract_token(url)
    i = token.index(".") - 10
    tampered = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1:]
    result = run("verify", tampered, "--config", issued["config"])
    assert result.returncode == 1 and "NOT VALID" in result.stdout

    cert_id = tk.parse_token(token)[0]["id"]
    revoked = write_config(tmp_path / "revoked.yml", [issued["public"]], [cert_id])
    result = run("verify", url, "--config", revoked)
    assert result.returncode == 2 and "REVOKED" in result.stdout and cert_id in result.stdout

    other = tk.public_key_b64(tk.generate_keypair())
    unknown = write_config(tmp_path / "other.yml", [other])
    result = run("verify", url, "--config", unknown)
    assert result.returncode == 1 and "unknown key" in result.stdout

    for garbage in ["nonsense", url[:-30], url + "x", "https://example.org/verify/#", "a.b.c", "😀.😀"]:
        result = run("verify", garbage, "--config", issued["config"])
        assert result.returncode == 1 and "NOT VALID" in result.stdout, garbage
        assert "Traceback" not in result.stderr


# -- hostile input on the command line -------------------------------------------------------------
def test_verify_never_prints_terminal_codes_and_never_a_traceback(issued, tmp_path):
    key = cli.read_private_key(issued["private"])
    fake = make_token(key, {"n": "\x1b[2K\r\x1b[1AResult: VALID", "l": "en"})
    result = run("verify", fake, "--config", issued["config"])
    assert result.returncode == 1 and "\x1b" not in result.stdout + result.stderr
    assert "Result: NOT VALID" in result.stdout and "Result: VALID" not in result.stdout
    # a valid certificate whose name holds a line separator: printed escaped
    odd = make_token(key, {"n": "Anna\u2028Result: REVOKED", "l": "en"})
    result = run("verify", odd, "--config", issued["config"])
    assert result.returncode == 0 and "\u2028" not in result.stdout and "Anna\\u{2028}Result" in result.stdout
    good = tk.encode_payload(tk.build_payload(name="A", date="2026-01-02", language="en", session="S", hours=3,
                                              key=tk.key_id(key)))
    for body in (good.replace(b'"h":3', b'"h":1' + b"0" * 400), b"[" * 20_000, b"[" * 1500 + b"]" * 1500):
        result = run("verify", tk.sign_bytes(key, body), "--config", issued["config"])
        assert result.returncode == 1 and "Result: NOT VALID" in result.stdout, result.stderr
        assert "Traceback" not in result.stderr


def test_a_roster_cell_over_the_csv_limit_is_a_clear_error(issued, tmp_path):
    roster = write_roster(tmp_path / "r.csv", "name,date,language,session\nA,2026-01-01,en,S\n"
                          f"{'B' * 140_000},2026-01-01,en,S\n")
    result = run("issue", roster, "--key", issued["private"], "--out", tmp_path / "out", "--config", issued["config"])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "row 3: a cell is longer than 131072 characters" in result.stderr
    assert not (tmp_path / "out").exists()


def test_issued_csv_neutralises_formulas_and_issue_shows_progress(issued, tmp_path):
    names = ["=HYPERLINK(\"http://x\")", "+7 999", "-Anna", "@SUM(A1)", "Ольга"]
    roster = write_roster(tmp_path / "r.csv", "name,date,language,session\n" + "".join(
        f'"{n.replace(chr(34), chr(34) * 2)}",2026-01-01,en,S\n' for n in names))
    out = tmp_path / "out"
    result = run("issue", roster, "--key", issued["private"], "--out", out, "--config", issued["config"])
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if re.fullmatch(r"[0-9]+/5", line)] == \
        ["1/5", "2/5", "3/5", "4/5", "5/5"]
    rows = issued_rows(out)
    assert [r["name"] for r in rows] == ["'" + n for n in names[:4]] + ["Ольга"]
    # the signed name is the name itself
    assert [tk.parse_token(tk.extract_token(r["verify_url"]))[0]["n"] for r in rows] == names
    assert sorted(p.name for p in out.iterdir()) == sorted([r["pdf"] for r in rows] + ["issued.csv"])
    assert cli.spreadsheet_cell("\tA") == "'\tA" and cli.spreadsheet_cell("\rA") == "'\rA"
    assert cli.spreadsheet_cell("A=1") == "A=1" and cli.spreadsheet_cell("") == ""


@pytest.mark.parametrize("existing", [False, True])
def test_an_interrupted_batch_leaves_nothing_behind(issued, tmp_path, monkeypatch, capsys, existing):
    from course_plugin.certificates import pdf

    out = tmp_path / "out"
    if existing:
        out.mkdir()
        (out / "notes.txt").write_text("mine")
    roster = write_roster(tmp_path / "r.csv", "name,date,language,session\nA,2026-01-01,en,S\n"
                          "B,2026-01-01,en,S\nC,2026-01-01,en,S\n")
    real, calls = pdf.certificate_pdf, []

    def interrupted(payload, url, *strings):
        calls.append(sorted(p.name for p in out.iterdir()))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(payload, url, *strings)

    monkeypatch.setattr(pdf, "certificate_pdf", interrupted)
    code = cli.main(["issue", str(roster), "--key", str(issued["private"]), "--out", str(out),
                     "--config", str(issued["config"])])
    assert code == cli.EXIT_ERROR and "interrupted" in capsys.readouterr().err
    # while it ran, the PDFs made so far sat in one hidden folder inside --out
    assert all(len([n for n in names if n.startswith(".incomplete-batch-")]) == 1 for names in calls)
    assert not any(n.endswith(".pdf") for names in calls for n in names)
    if existing:
        assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    else:
        assert not out.exists()


def test_issue_refuses_to_overwrite_a_batch(issued):
    before = {p.name: p.read_bytes() for p in issued["out"].iterdir()}
    result = run("issue", issued["roster"], "--key", issued["private"], "--out", issued["out"],
                 "--config", issued["config"])
    assert result.returncode == 1 and "issued.csv already exists" in result.stderr
    assert {p.name: p.read_bytes() for p in issued["out"].iterdir()} == before


def test_issue_refuses_a_key_the_site_does_not_list(issued, tmp_path):
    config = write_config(tmp_path / "mkdocs.yml", [tk.public_key_b64(tk.generate_keypair())])
    roster = write_roster(tmp_path / "r.csv", "name,date,language,session\nA,2026-01-01,en,S\n")
    result = run("issue", roster, "--key", issued["private"], "--out", tmp_path / "out", "--config", config)
    assert result.returncode == 1 and "not in certificate_keys" in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_roster_issues_nothing_and_names_every_bad_row(issued, tmp_path):
    roster = write_roster(tmp_path / "bad.csv", "\n".join([
        "name,date,language,session,hours",
        "Анна К.,2026-03-14,ru,Семинар,3",
        ",2026-03-14,ru,Семинар,",
        "Bea,2026/03/14,en,Workshop,",
        "Chloé,2026-03-14,fr,Workshop,",
        "Анна К.,2026-03-14,ru,Семинар,3",
        "Dana,2026-03-14,en,Workshop,3h",
    ]) + "\n")
    out = tmp_path / "out"
    result = run("issue", roster, "--key", issued["private"], "--out", out, "--config", issued["config"])
    assert result.returncode == 1 and "Nothing was issued" in result.stderr
    for row in (3, 4, 5, 6, 7):
        assert f"row {row}:" in result.stderr, (row, result.stderr)
    assert "row 2:" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_issue_needs_a_usable_key_and_site_url(issued, tmp_path):
    roster = write_roster(tmp_path / "r.csv", "name,date,language,session\nA,2026-01-01,en,S\n")
    not_a_key = tmp_path / "key.pem"
    not_a_key.write_text("hello")
    result = run("issue", roster, "--key", not_a_key, "--out", tmp_path / "out", "--config", issued["config"])
    assert result.returncode == 1 and "key.pem" in result.stderr and "Traceback" not in result.stderr
    no_url = write_config(tmp_path / "nourl.yml", [issued["public"]], site_url="")
    result = run("issue", roster, "--key", issued["private"], "--out", tmp_path / "out", "--config", no_url)
    assert result.returncode == 3 and "site_url" in result.stderr
    assert not (tmp_path / "out").exists()


def test_site_url_override_and_group_readable_key_warning(issued, tmp_path):
    private = tmp_path / "key.pem"
    private.write_bytes(issued["private"].read_bytes())
    os.chmod(private, 0o644)
    roster = write_roster(tmp_path / "r.csv", "name,date,language,session\nA,2026-01-01,ru,S\n")
    result = run("issue", roster, "--key", private, "--out", tmp_path / "out", "--config", issued["config"],
                 "--site-url", "https://mirror.example.net/pv")
    assert result.returncode == 0, result.stderr
    assert "chmod 600" in result.stderr
    assert issued_rows(tmp_path / "out")[0]["verify_url"].startswith("https://mirror.example.net/pv/ru/verify/#")


def test_the_longest_name_and_session_a_roster_allows_still_fit_one_page():
    from course_plugin.certificates import pdf
    from course_plugin.certificates.roster import MAX_NAME, MAX_SESSION

    key = tk.generate_keypair()
    name = " ".join(["Ящшщжфыв"] * 10)[:MAX_NAME]           # wide Cyrillic letters
    session = ("Полицейское насилие в отношении женщин " * 6)[:MAX_SESSION]
    payload = tk.build_payload(name=name, date="2026-12-31", language="ru", session=session, hours=999.5,
                               key=tk.key_id(key))
    url = f"{SITE_URL}ru/verify/#{tk.sign_payload(key, payload)}"
    reader = PdfReader(io.BytesIO(pdf.certificate_pdf(payload, url)))
    assert len(reader.pages) == 1
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    assert re.sub(r"\s+", "", name) in text and url in text


def test_certificate_html_carries_fields_for_the_browser_and_a_labelled_qr_code():
    from course_plugin.certificates import pdf

    key = tk.generate_keypair()
    payload = tk.build_payload(name="<b>Ann</b>", date="2026-01-02", language="en", session="S", hours=1,
                               key=tk.key_id(key))
    url = f"{SITE_URL}verify/#{tk.sign_payload(key, payload)}"
    html = pdf.certificate_html(payload, url)
    assert "&lt;b&gt;Ann&lt;/b&gt;" in html and "<b>Ann" not in html          # autoescaped
    for field in ("name", "date", "number", "session", "hours", "issued", "key_id", "verify_url"):
        assert f'data-cert-field="{field}"' in html
    assert re.search(r'role="img" aria-label="QR code[^"]*"><svg', html)
    assert "1 hour<" in html and "http" not in html.replace(url, "").replace("http://www.w3.org/2000/svg", "")


def test_self_study_form_of_the_shared_template():
    from course_plugin.certificates.pdf import _environment
    from course_plugin.strings import ui_strings

    t = ui_strings("ru")[0]
    html = _environment().get_template("certificate.html").render(
        kind="self-study", t=t, cert={"name": "Анна", "date": "1 мая 2026 г.", "number": "AB12", "lang": "ru",
                                      "modules": [{"title": "Модуль I", "score": 90}]})
    assert "Запись о самостоятельном обучении" in html and "лучший результат 90%" in html
    assert "<svg" not in html and 'data-cert-field="modules"' in html and "Проверить её подлинность онлайн нельзя" in html
    assert 'data-cert-field="verify_url"' not in html
