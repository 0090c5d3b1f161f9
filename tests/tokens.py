"""Test-only: sign any certificate payload, defaults filled in (kept out of production code)."""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from course_plugin.certificates.token import VERSION, key_id, new_certificate_id, sign_payload


def make_token(private_key: Ed25519PrivateKey, fields: dict | None = None) -> str:
    """A signed token; ``fields`` override defaults (for tests and the Verify page's tests).

    Defaults: v=1, a random id, n="Test Participant", d=today, l="en", s="Test session",
    k=the key's id, t=today. Pass ``"h": None`` to omit hours. The fields are NOT checked, so
    tests can sign deliberately wrong payloads."""
    today = dt.date.today().isoformat()
    payload = {"v": VERSION, "id": new_certificate_id(), "n": "Test Participant", "d": today,
               "l": "en", "s": "Test session", "k": key_id(private_key), "t": today}
    payload.update(fields or {})
    payload = {k: v for k, v in payload.items() if v is not None}
    return sign_payload(private_key, payload)
