"""The sealed record: X25519 keys, the payload, the text format, and opening it (Python side).

The browser (``assets/hpke.js``, ``assets/record.js``) seals; this module opens, with the
``cryptography`` package's HPKE. Both follow the contract in README ("Record a case"):

    suite    HPKE base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM (RFC 9180)
    info     INFO below; aad empty; one message (sequence number 0)
    text     PREFIX + base64url_nopad(enc || ciphertext)     (enc: the 32-byte encapsulated key)
    payload  UTF-8 JSON {"v": 1, "form": FORM_VERSION, "lang": "en"|"ru", "fields": {FIELD_ID: text}}
    key      base64url_nopad of the 32 raw bytes of the X25519 public key
No MkDocs import: the command line, the plugin and the tests all use this module.
"""

from __future__ import annotations

import json
import re

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from ..certificates.token import TokenError, b64url_decode, b64url_encode

INFO = b"pvwud-course sealed record v1"
PREFIX = "S1."
PAYLOAD_VERSION = 1
ENC_LENGTH, TAG_LENGTH = 32, 16
# the record's language: one of the sealing site's languages, which the receiving side may not
# know (an older copy of the repository), so any well-formed language code (en, ru, pt-BR)
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


class SealError(ValueError):
    """A sealed text, key or payload that cannot be used; the message says why in plain words."""


def _suite():
    try:
        from cryptography.hazmat.primitives import hpke
    except ImportError as exc:  # pragma: no cover - pinned in pyproject.toml
        raise SealError("this `cryptography` has no HPKE: install the project again (pip install -e .)") from exc
    return hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)


# -- keys ---------------------------------------------------------------------------------------
def generate_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def public_key_b64(key: X25519PrivateKey | X25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return b64url_encode(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def load_public_key(text) -> X25519PublicKey:
    """A published key: base64url without padding of 32 raw bytes (43 characters)."""
    if not isinstance(text, str):
        raise SealError("the key must be text: 43 base64url characters")
    try:
        raw = b64url_decode(text.strip())
    except TokenError:
        raise SealError("the key is not base64url text (letters, digits, - and _ only)") from None
    if len(raw) != 32:
        raise SealError(f"the key is {len(raw)} bytes, not 32 (an X25519 public key is 43 base64url characters)")
    return X25519PublicKey.from_public_bytes(raw)


def private_key_pem(key: X25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_private_key(pem: bytes) -> X25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except TypeError:
        raise SealError("the private key has a passphrase, which records.py does not use") from None
    except (ValueError, TypeError):
        raise SealError("not a private key file (expected the PEM file written by `records.py keygen`)") from None
    if not isinstance(key, X25519PrivateKey):
        raise SealError("not an X25519 private key (expected the file written by `records.py keygen`)")
    return key


# -- recipients (the `record_recipients` option) ------------------------------------------------
def check_recipients(entries, languages: list[str], where: str = "mkdocs.yml: plugins > course") -> tuple[list[dict], list[str]]:
    """[{name: {lang: name}, key}] from the option, and every problem found (each naming its entry)."""
    out, problems = [], []
    if not isinstance(entries, list):
        return [], [f"{where} > record_recipients: write a list of {{name: ..., key: ...}} entries (or leave it out)"]
    for i, entry in enumerate(entries):
        here = f"{where} > record_recipients[{i}]"
        if not isinstance(entry, dict) or set(entry) - {"name", "key"} or not {"name", "key"} <= set(entry):
            problems.append(f"{here}: write `{{name: ORGANISATION, key: PUBLIC_KEY}}` (both, nothing else)")
            continue
        name = entry["name"]
        if isinstance(name, str) and name.strip():
            names = {lang: name.strip() for lang in languages}
        elif isinstance(name, dict) and all(isinstance(v, str) and v.strip() for v in name.values()) \
                and set(name) == set(languages):
            names = {lang: name[lang].strip() for lang in languages}
        else:
            problems.append(f"{here} > name: write one name for all languages, or one per language "
                            f"({', '.join(f'{lang}: ...' for lang in languages)})")
            continue
        try:
            load_public_key(entry["key"])
        except SealError as exc:
            problems.append(f"{here} > key: {exc}; paste the line printed by `python scripts/records.py keygen`")
            continue
        out.append({"name": names, "key": entry["key"].strip()})
    return out, problems


# -- the sealed text ------------------------------------------------------------------------------
SEALED_TEXT = re.compile(r"^S1\.[A-Za-z0-9_-]+$")


def sealed_bytes(text: str) -> bytes:
    """enc || ciphertext from the text (line breaks and spaces from copying are ignored)."""
    compact = re.sub(r"\s+", "", text or "")
    if not compact.startswith(PREFIX):
        raise SealError(f"this is not a sealed record: it must start with {PREFIX!r}")
    try:
        data = b64url_decode(compact[len(PREFIX):])
    except TokenError:
        raise SealError("the sealed text is damaged: it has characters that do not belong (or was cut)") from None
    if len(data) < ENC_LENGTH + TAG_LENGTH:
        raise SealError("the sealed text is too short: it was cut; copy all of it")
    return data


def seal(payload: dict, public_key: X25519PublicKey) -> str:
    """The Python twin of the browser's sealing (for tests and tools)."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return PREFIX + b64url_encode(_suite().encrypt(data, public_key, info=INFO))


def open_sealed(text: str, private_key: X25519PrivateKey) -> dict:
    """The payload of a sealed text; SealError if it was changed, cut or sealed to another key."""
    data = sealed_bytes(text)
    try:
        plain = _suite().decrypt(data, private_key, info=INFO)
    except Exception:  # InvalidTag and friends: one honest message for all
        raise SealError("the record cannot be opened with this key: it was changed or cut, "
                        "or it was sealed for another organisation's key") from None
    return check_payload(plain)


def check_payload(plain: bytes) -> dict:
    try:
        payload = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SealError("the record opened but its content is not JSON text") from None
    if (not isinstance(payload, dict) or payload.get("v") != PAYLOAD_VERSION or not isinstance(payload.get("form"), int)
            or not (isinstance(payload.get("lang"), str) and LANGUAGE_CODE.fullmatch(payload["lang"])) or not isinstance(payload.get("fields"), dict)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in payload["fields"].items())):
        raise SealError(f"the record opened but is not a version {PAYLOAD_VERSION} record "
                        "(a newer site? update this repository)")
    return payload
