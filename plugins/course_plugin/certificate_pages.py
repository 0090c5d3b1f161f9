"""The Certificate page (a record of self-study) and the Verify page (trainer certificates).

Both are widgets placed by a marker on a page; everything they need travels in a JSON block, and
the browser code (``assets/certificate.js``, ``assets/verify.js``) does the rest on the device.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from markupsafe import Markup

from .quiz.render import script_json

CERTIFICATE_MARKER = "<!-- course: certificate -->"
VERIFY_MARKER = "<!-- course: verify -->"
CERT_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def key_id(raw: bytes) -> str:
    """The key id printed on certificates: first 8 hex digits of SHA-256 of the raw public key."""
    return hashlib.sha256(raw).hexdigest()[:8]


def published_keys(keys: list, revoked: list, where: str = "mkdocs.yml: plugins > course") -> tuple[dict[str, str], list[str]]:
    """Check the configured keys and revocations; return ({key id: key}, problems)."""
    out, problems = {}, []
    for i, key in enumerate(keys):
        label = f"{where} > certificate_keys[{i}]"
        raw = None
        if isinstance(key, str) and re.fullmatch(r"[A-Za-z0-9_-]{43}", key.strip()):
            try:
                raw = base64.urlsafe_b64decode(key.strip() + "=")
            except (binascii.Error, ValueError):
                raw = None
        if raw is None or len(raw) != 32:
            problems.append(f"{label}: {str(key)[:60]!r} is not an Ed25519 public key (43 base64url characters); "
                            "paste the line printed by `python scripts/certificates.py keygen`")
            continue
        out[key_id(raw)] = key.strip()
    for i, cert_id in enumerate(revoked):
        if not isinstance(cert_id, str) or not CERT_ID.match(cert_id.strip()):
            problems.append(f"{where} > certificate_revoked[{i}]: {cert_id!r} is not a certificate id "
                            "(XXXX-XXXX-XXXX, as printed on the certificate)")
    return out, problems


def render_verify(env, keys: dict[str, str], revoked: list[str], strings: dict[str, str]) -> str:
    data = {"keys": keys, "revoked": sorted({r.strip() for r in revoked}), "languages": LANGUAGE_NAMES,
            "s": {k: v for k, v in strings.items() if k.startswith("verify_")}}
    return env.get_template("verify.html").render(s=strings, data=Markup(script_json(data)))


def render_certificate(env, quizzes, links: dict[str, str], languages: list[str],
                       strings_by_language: dict[str, dict[str, str]], language: str,
                       site_url: str) -> str:
    """The self-study widget: the module quizzes to pass, the form, and one sheet per language."""
    modules = sorted((q for q in quizzes.values() if q.module is not None), key=lambda q: (q.module, q.id))
    strings = strings_by_language[language]
    rows = [{"id": q.id, "module": q.module, "title": q.title[language], "url": links.get(q.id),
             "pass": q.pass_mark} for q in modules]
    sheets = []
    for lang in languages:
        t = strings_by_language[lang]
        cert = {"kind": "self-study", "lang": lang, "name": "", "date": "", "number": "", "site_url": site_url,
                "modules": [{"id": q.id, "title": q.title[lang], "label": t["module_n"].replace("{n}", str(q.module)),
                             "score": ""} for q in modules]}
        sheets.append({"lang": lang, "html": Markup(env.get_template("certificate.html").render(
            kind="self-study", cert=cert, t=t))})
    data = {"quizzes": [{"id": r["id"], "module": r["module"], "pass": r["pass"]} for r in rows],
            "s": {k: v for k, v in strings.items() if k.startswith("selfcert_")}}
    return env.get_template("certificate_page.html").render(
        rows=rows, sheets=sheets, languages=[(lang, LANGUAGE_NAMES.get(lang, lang)) for lang in languages],
        language=language, s=strings, data=Markup(script_json(data)))
