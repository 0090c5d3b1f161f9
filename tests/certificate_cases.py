"""Signed payloads on the edge of the certificate contract, shared by the Python tests and the
Verify page cross-check: each is (label, payload bytes, expected verdict), and both sides must
reach that verdict. Every payload is signed with a valid key, so only the payload rules decide."""

from __future__ import annotations

import json

from course_plugin.certificates import token as tk

REVOKED_ID = "7KQ2-M9XD-3HTA"


def _payload(key_id: str, **fields) -> dict:
    payload = {"v": 1, "id": "AB12-CD34-EF56", "n": "Анна Кузнецова", "d": "2026-03-14", "l": "ru",
               "s": "Семинар", "h": 3, "k": key_id, "t": "2026-03-15"}
    payload.update(fields)
    return {k: v for k, v in payload.items() if v is not None}


def payload_cases(key_id: str) -> list[tuple[str, bytes, str]]:
    canonical = lambda **fields: tk.encode_payload(_payload(key_id, **fields))  # noqa: E731
    good = canonical()
    cases = [
        ("canonical", good, tk.VALID),
        ("zwj and zwnj in a name", canonical(n="Zahra\u200cYasmin \U0001F469\u200d\U0001F4BB"), tk.VALID),
        ("fractional hours", canonical(h=0.5), tk.VALID),
        ("most hours", canonical(h=1000), tk.VALID),
        ("byte-order mark", b"\xef\xbb\xbf" + good, tk.NOT_VALID),
        ("v as 1.0", good.replace(b'"v":1', b'"v":1.0'), tk.NOT_VALID),
        ("h as 3.0", good.replace(b'"h":3', b'"h":3.0'), tk.NOT_VALID),
        ("h as 3e0", good.replace(b'"h":3', b'"h":3e0'), tk.NOT_VALID),
        ("h of 1 and 400 zeros", good.replace(b'"h":3', b'"h":1' + b"0" * 400), tk.NOT_VALID),
        ("h too small", canonical(h=1e-07), tk.NOT_VALID),
        ("h too big", canonical(h=1000.5), tk.NOT_VALID),
        ("spaces", json.dumps(_payload(key_id), ensure_ascii=False, sort_keys=True).encode(), tk.NOT_VALID),
        ("escaped Cyrillic", json.dumps(_payload(key_id), separators=(",", ":"), sort_keys=True).encode(),
         tk.NOT_VALID),
        ("keys not sorted", json.dumps(_payload(key_id), ensure_ascii=False, separators=(",", ":")).encode(),
         tk.NOT_VALID),
        ("duplicate name", b'{"n":"Mallory",' + good[1:], tk.NOT_VALID),
        ("unknown field", canonical(x="y"), tk.NOT_VALID),
        ("__proto__ field", b'{"__proto__":{"n":"x"},' + good[1:], tk.NOT_VALID),
        ("year 0000", canonical(d="0000-01-01"), tk.NOT_VALID),
        ("month 99", canonical(t="2026-99-99"), tk.NOT_VALID),
        ("revoked id with a trailing newline", canonical(id=REVOKED_ID + "\n"), tk.NOT_VALID),
        ("key id with a trailing newline", good.replace(key_id.encode(), key_id.encode() + b"\\n"), tk.NOT_VALID),
        ("date with a trailing newline", canonical(d="2026-03-14\n"), tk.NOT_VALID),
        ("non-ASCII digits in a date", canonical(d="２０２６-03-14"), tk.NOT_VALID),
        ("ANSI escape in a name", canonical(n="\x1b[2K\rResult: VALID"), tk.NOT_VALID),
        ("right-to-left override in a session", canonical(s="Семинар \u202efdp.exe"), tk.NOT_VALID),
        ("not NFC", canonical(n="Jose\u0301"), tk.NOT_VALID),
        ("lone surrogate", good.replace("Анна".encode(), b"\\ud800"), tk.NOT_VALID),
        ("over the size cap", canonical(s="S" * 100_000), tk.NOT_VALID),
        ("exactly the size cap", canonical(s="S" * (tk.MAX_PAYLOAD_BYTES - len(good) + len("Семинар".encode()))),
         tk.VALID),
        ("just over the size cap", canonical(s="S" * (tk.MAX_PAYLOAD_BYTES - len(good) + len("Семинар".encode()) + 1)),
         tk.NOT_VALID),
        ("1,500 nested [", b"[" * 1500 + b"]" * 1500, tk.NOT_VALID),
        ("20,000 nested [", b"[" * 20_000, tk.NOT_VALID),
    ]
    return cases
