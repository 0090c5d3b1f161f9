"""Signed certificate tokens: Ed25519 keys, the JSON payload, encoding, signing and checking.

The contract (README, "Certificates") is shared with the site's Verify page, which checks the same
tokens with WebCrypto; both must agree on every rule here. No MkDocs import: the command line,
the plugin and the tests all use this module.

    token = base64url_nopad(payload_bytes) + "." + base64url_nopad(ed25519_signature(payload_bytes))
    payload_bytes = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()

Only that canonical encoding is accepted (re-serialising what was parsed must give the same bytes:
no BOM, spaces, escapes, duplicate keys or ``1.0`` for ``1``), of at most MAX_PAYLOAD_BYTES, with
no field but the known ones, so that Python and the browser cannot read one payload two ways.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..site import course_site

VERSION = 1
ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
# Always used with fullmatch: "$" would also accept a trailing newline ("ABCD-...\n" is not revoked).
ID_PATTERN = re.compile(rf"[{ID_ALPHABET}]{{4}}-[{ID_ALPHABET}]{{4}}-[{ID_ALPHABET}]{{4}}", re.ASCII)
KEY_ID_PATTERN = re.compile(r"[0-9a-f]{8}", re.ASCII)
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
B64URL_PATTERN = re.compile(r"[A-Za-z0-9_-]*", re.ASCII)
REQUIRED = ("v", "id", "n", "d", "l", "s", "k", "t")
OPTIONAL = ("h",)
MAX_PAYLOAD_BYTES = 2048   # a roster's longest name and session take about 800 bytes
MAX_TOKEN_CHARS = (MAX_PAYLOAD_BYTES * 4 + 2) // 3 + 1 + 86   # base64url of both parts and the "."
MIN_HOURS, MAX_HOURS = 0.01, 1000
# Format characters a name may hold: the joiners some scripts need (Persian, Indic, emoji).
ALLOWED_FORMAT = {"\u200c", "\u200d"}

VALID, NOT_VALID, REVOKED = "valid", "not valid", "revoked"


class TokenError(ValueError):
    """A token (or key) that cannot be read; the message says why, in plain words."""


def site_languages(languages=None) -> tuple[str, ...]:
    """The language codes a certificate may have (``l``): the site's, given by the caller (the
    scripts pass those of the mkdocs.yml they read); by default those of this repository's site."""
    return tuple(languages) if languages is not None else tuple(course_site().codes)


# -- base64url without padding -----------------------------------------------------------------
def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict: only A-Z a-z 0-9 - _, no padding, and canonical (re-encoding the bytes gives the
    same text), so no two texts decode to the same bytes: a changed character always matters."""
    if not isinstance(text, str) or not B64URL_PATTERN.fullmatch(text) or len(text) % 4 == 1:
        raise TokenError("not valid base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:  # pragma: no cover - the pattern rules these out
        raise TokenError("not valid base64url") from exc
    if b64url_encode(data) != text:
        raise TokenError("not valid base64url (unused bits are not zero)")
    return data


# -- keys ----------------------------------------------------------------------------------------
def generate_keypair() -> Ed25519PrivateKey:
    """A new Ed25519 private key (its public key is ``key.public_key()``)."""
    return Ed25519PrivateKey.generate()


def _public(key: Ed25519PrivateKey | Ed25519PublicKey) -> Ed25519PublicKey:
    return key.public_key() if isinstance(key, Ed25519PrivateKey) else key


def public_key_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    return _public(key).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public key as published in mkdocs.yml: base64url, no padding, of the 32 raw bytes."""
    return b64url_encode(public_key_raw(key))


def key_id(key: Ed25519PrivateKey | Ed25519PublicKey | bytes | str) -> str:
    """First 8 lowercase hex characters of SHA-256 of the 32 raw public-key bytes."""
    if isinstance(key, str):
        raw = b64url_decode(key)
    elif isinstance(key, bytes):
        raw = key
    else:
        raw = public_key_raw(key)
    return hashlib.sha256(raw).hexdigest()[:8]


def load_public_key(text: str) -> Ed25519PublicKey:
    """A published public key (base64url of 32 raw bytes); TokenError if it is not one."""
    raw = b64url_decode(text.strip()) if isinstance(text, str) else b""
    if len(raw) != 32:
        raise TokenError("not an Ed25519 public key (expected base64url of 32 bytes, without padding)")
    return Ed25519PublicKey.from_public_bytes(raw)


def private_key_pem(key: Ed25519PrivateKey, passphrase: bytes | None = None) -> bytes:
    """PKCS#8 PEM, encrypted with ``passphrase`` when one is given."""
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def load_private_key(pem: bytes, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """Read a PEM private key; TokenError with a plain reason when it is not an Ed25519 key.

    An encrypted key without ``passphrase`` raises :class:`PassphraseNeeded`."""
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase)
    except TypeError as exc:  # encrypted but no passphrase, or a passphrase for a plain key
        if passphrase is None:
            raise PassphraseNeeded("the private key is protected by a passphrase") from exc
        raise TokenError("this private key has no passphrase; do not give one") from exc
    except ValueError as exc:
        raise TokenError("not a readable PEM private key, or a wrong passphrase") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise TokenError("not an Ed25519 private key (create one with: certificates.py keygen)")
    return key


class PassphraseNeeded(TokenError):
    pass


# -- payload -------------------------------------------------------------------------------------
def new_certificate_id() -> str:
    """12 random Crockford base32 characters grouped XXXX-XXXX-XXXX (60 bits)."""
    chars = "".join(secrets.choice(ID_ALPHABET) for _ in range(12))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def normalise_hours(hours: int | float | None) -> int | float | None:
    """Whole numbers of hours as JSON integers (3, not 3.0), so the payload stays short."""
    if hours is None:
        return None
    return int(hours) if float(hours).is_integer() else float(hours)


def build_payload(*, name: str, date: str, language: str, session: str, key: str,
                  hours: int | float | None = None, cert_id: str | None = None,
                  issued: str | None = None, languages=None) -> dict:
    """The payload dict; ``key`` is the key id (8 hex) and ``issued`` defaults to today."""
    payload = {"v": VERSION, "id": cert_id or new_certificate_id(), "n": name, "d": date,
               "l": language, "s": session, "k": key, "t": issued or dt.date.today().isoformat()}
    if hours is not None:
        payload["h"] = normalise_hours(hours)
    problems = payload_problems(payload, languages)
    if problems:
        raise TokenError("; ".join(problems))
    return payload


def encode_payload(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def sign_bytes(private_key: Ed25519PrivateKey, payload_bytes: bytes) -> str:
    """A token for exactly these payload bytes (tests use it to sign malformed payloads)."""
    return b64url_encode(payload_bytes) + "." + b64url_encode(private_key.sign(payload_bytes))


def sign_payload(private_key: Ed25519PrivateKey, payload: dict) -> str:
    return sign_bytes(private_key, encode_payload(payload))


def _is_date(value) -> bool:
    """A real calendar date YYYY-MM-DD, years 0001 to 9999 (so never 0000-01-01)."""
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def forbidden_characters(text: str) -> list[str]:
    """The characters of ``text`` a name or session may not hold, as U+XXXX: control characters
    (Cc: ANSI escapes could rewrite a terminal's output), format characters (Cf, which include the
    bidirectional overrides that reorder what is shown) except ZWNJ and ZWJ, and lone surrogates."""
    found = []
    for ch in text:
        category = unicodedata.category(ch)
        if (category in ("Cc", "Cs") or (category == "Cf" and ch not in ALLOWED_FORMAT)) \
                and f"U+{ord(ch):04X}" not in found:
            found.append(f"U+{ord(ch):04X}")
    return found


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be a name or session (None when it can): see forbidden_characters; it
    must also be in Unicode NFC form (the roster normalises it, so a signed text always is)."""
    bad = forbidden_characters(text)
    if bad:
        return f"holds control or direction-changing characters ({', '.join(bad[:5])})"
    if not unicodedata.is_normalized("NFC", text):
        return "is not in Unicode NFC form"
    return None


def _is_text(value) -> bool:
    return isinstance(value, str) and text_problem(value) is None


def _is_hours(value) -> bool:
    """A whole number of hours as a JSON integer (1-1000), or a fraction (0.01-1000) that is not
    whole: "3.0" is not canonical. Both bounds keep Python's and JavaScript's number texts equal."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 < value <= MAX_HOURS          # never converted to float: 10**400 is just too big
    return (isinstance(value, float) and math.isfinite(value) and not value.is_integer()
            and MIN_HOURS <= value <= MAX_HOURS)


def payload_problems(payload, languages=None) -> list[str]:
    """Every way ``payload`` breaks the field rules (empty when it is well-formed); ``l`` must be
    one of ``languages``, the site's (see site_languages)."""
    languages = site_languages(languages)
    if not isinstance(payload, dict):
        return ["the payload is not a JSON object"]
    problems = [f"field {name!r} is missing" for name in REQUIRED if name not in payload]
    problems += [f"field {name!r} is unknown" for name in sorted(map(str, payload))
                 if name not in REQUIRED + OPTIONAL]
    checks = {
        "v": (lambda x: x == VERSION and isinstance(x, int) and not isinstance(x, bool), f"must be {VERSION}"),
        "id": (lambda x: isinstance(x, str) and bool(ID_PATTERN.fullmatch(x)), "must look like XXXX-XXXX-XXXX"),
        "n": (lambda x: _is_text(x) and x != "", "must be a non-empty text without control characters, in NFC"),
        "d": (_is_date, "must be a date YYYY-MM-DD"),
        "l": (lambda x: isinstance(x, str) and x in languages, "must be one of the site's languages: "
                                                                 + ", ".join(languages)),
        "s": (_is_text, "must be a text without control characters, in NFC"),
        "h": (_is_hours, f"must be a whole number of hours from 1 to {MAX_HOURS}, or a fraction from "
                         f"{MIN_HOURS} to {MAX_HOURS}"),
        "k": (lambda x: isinstance(x, str) and bool(KEY_ID_PATTERN.fullmatch(x)), "must be 8 lowercase hex digits"),
        "t": (_is_date, "must be a date YYYY-MM-DD"),
    }
    for name, (ok, rule) in checks.items():
        if name in payload and not ok(payload[name]):
            problems.append(f"field {name!r} {rule}")
    return problems


# -- reading and checking ---------------------------------------------------------------------
def extract_token(url_or_token: str) -> str:
    """The token of a Verify URL (the part after '#') or a bare token, trimmed."""
    text = (url_or_token or "").strip()
    if "#" in text:
        text = text.split("#", 1)[1]
    return text.strip()


def parse_token(token: str, languages=None) -> tuple[dict, bytes, bytes]:
    """(payload, payload_bytes, signature) of a well-formed token; TokenError otherwise.

    Only the form is checked here, not the signature."""
    if not isinstance(token, str) or token.count(".") != 1:
        raise TokenError("the link is incomplete or damaged (a certificate code has exactly one '.')")
    if len(token) > MAX_TOKEN_CHARS:
        raise TokenError(f"the certificate code is too long ({len(token)} characters; a certificate of "
                         f"this course has at most {MAX_TOKEN_CHARS})")
    body, sig = token.split(".")
    try:
        payload_bytes, signature = b64url_decode(body), b64url_decode(sig)
    except TokenError:
        raise TokenError("the link is damaged (the certificate code is not valid base64url)") from None
    if len(signature) != 64:
        raise TokenError("the link is incomplete or damaged (the signature has the wrong length)")
    if len(payload_bytes) > MAX_PAYLOAD_BYTES:   # unreachable through the token cap; kept as the rule
        raise TokenError(f"the certificate data is longer than {MAX_PAYLOAD_BYTES} bytes")
    try:
        payload = json.loads(payload_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TokenError("the link is damaged (the certificate data cannot be read)") from None
    try:
        canonical = isinstance(payload, dict) and encode_payload(payload) == payload_bytes
    except (UnicodeEncodeError, ValueError, TypeError):   # lone surrogates, huge integers
        canonical = False
    if isinstance(payload, dict) and not canonical:
        raise TokenError("the certificate data is not in the one encoding certificates use "
                         "(it was not made by certificates.py)")
    problems = payload_problems(payload, languages)
    if problems:
        raise TokenError("the certificate data is malformed: " + "; ".join(problems))
    return payload, payload_bytes, signature


@dataclass
class Result:
    status: str                      # VALID, NOT_VALID or REVOKED
    reason: str = ""
    payload: dict | None = None      # the decoded payload when it could be read (trusted only if valid)
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.status == VALID


def verify_token(url_or_token: str, public_keys: list[str], revoked: list[str] = (), languages=None) -> Result:
    """Check a token against the published keys and the revocation list. Never raises on bad input.
    ``languages``: the site's language codes (see site_languages).

    Order: form and fields, then the key id, then the signature, then revocation."""
    warnings, keys = [], {}
    for text in public_keys:
        try:
            keys[key_id(text)] = load_public_key(text)
        except TokenError as exc:
            warnings.append(f"certificate_keys entry {text!r} ignored: {exc}")
    try:
        payload, payload_bytes, signature = parse_token(extract_token(url_or_token), languages)
    except TokenError as exc:
        return Result(NOT_VALID, str(exc), None, warnings)
    key = keys.get(payload["k"])
    if key is None:
        return Result(NOT_VALID, "unknown key", payload, warnings)
    try:
        key.verify(signature, payload_bytes)
    except InvalidSignature:
        return Result(NOT_VALID, "the signature does not match: the certificate was changed or forged",
                      payload, warnings)
    if payload["id"] in set(revoked):
        return Result(REVOKED, "this certificate has been withdrawn", payload, warnings)
    return Result(VALID, "", payload, warnings)
