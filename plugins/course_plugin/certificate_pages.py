"""The Certificate page (a record of self-study) and the Verify page (trainer certificates).

Both are widgets placed by a marker on a page; everything they need travels in a JSON block, and
the browser code (``assets/certificate.js``, ``assets/verify.js``) does the rest on the device.
"""

from __future__ import annotations

from markupsafe import Markup

from .certificates.token import ID_PATTERN, TokenError, key_id, load_public_key
from .quiz.render import script_json

CERTIFICATE_MARKER = "<!-- course: certificate -->"
VERIFY_MARKER = "<!-- course: verify -->"


def published_keys(keys: list, revoked: list, where: str = "mkdocs.yml: plugins > course") -> tuple[dict[str, str], list[str]]:
    """Check the configured keys and revocations; return ({key id: key}, problems)."""
    out, problems = {}, []
    for i, key in enumerate(keys):
        try:
            load_public_key(key)
        except (TokenError, AttributeError):
            problems.append(f"{where} > certificate_keys[{i}]: {str(key)[:60]!r} is not an Ed25519 public key "
                            "(43 base64url characters); paste the line printed by "
                            "`python scripts/certificates.py keygen`")
            continue
        out[key_id(key.strip())] = key.strip()
    for i, cert_id in enumerate(revoked):
        if not isinstance(cert_id, str) or not ID_PATTERN.fullmatch(cert_id.strip()):
            problems.append(f"{where} > certificate_revoked[{i}]: {cert_id!r} is not a certificate id "
                            "(XXXX-XXXX-XXXX, as printed on the certificate)")
    return out, problems


def render_verify(env, keys: dict[str, str], revoked: list[str], strings: dict[str, str]) -> str:
    # the accepted languages and their names come from the page's site facts (#course-site, site.py)
    data = {"keys": keys, "revoked": sorted({r.strip() for r in revoked}),
            "s": {k: v for k, v in strings.items() if k.startswith("verify_")}}
    return env.get_template("verify.html").render(s=strings, data=Markup(script_json(data)))


def render_certificate(env, quizzes, links: dict[str, str], languages: list[str],
                       strings_by_language: dict[str, dict[str, str]], language: str,
                       names: dict[str, str] | None = None) -> str:
    """The self-study widget: the module quizzes to pass, the form, and one sheet per language."""
    modules = sorted((q for q in quizzes.values() if q.module is not None), key=lambda q: (q.module, q.id))
    strings = strings_by_language[language]
    rows = [{"id": q.id, "module": q.module, "title": q.title[language], "url": links.get(q.id),
             "pass": q.pass_mark} for q in modules]
    sheets, sheet_data = [], {}
    for lang in languages:
        t = strings_by_language[lang]
        cert = {"lang": lang, "name": "", "date": "", "number": "", "modules": []}
        sheets.append({"lang": lang, "html": Markup(env.get_template("certificate.html").render(
            kind="self-study", cert=cert, t=t, heading_level=2))})
        # the browser fills the sheet in its own language, whatever the page's language
        sheet_data[lang] = {"titles": {q.id: q.title[lang] for q in modules}, "score": t["cert_module_score"]}
    data = {"quizzes": [{"id": r["id"], "module": r["module"], "pass": r["pass"]} for r in rows],
            "sheets": sheet_data, "s": {k: v for k, v in strings.items() if k.startswith("selfcert_")}}
    return env.get_template("certificate_page.html").render(
        rows=rows, sheets=sheets, languages=[(lang, (names or {}).get(lang, lang)) for lang in languages],
        language=language, s=strings, data=Markup(script_json(data)))
