"""Render a trainer-issued certificate (templates/certificate.html + assets/certificate.css) as a PDF.

WeasyPrint lays out the HTML and embeds subsets of the fonts it used (DejaVu on Debian, which
covers Cyrillic); the QR code is inline SVG from segno. WeasyPrint is imported only when a PDF is
made, so the rest of the plugin never needs Pango.
"""

from __future__ import annotations

import functools
import subprocess
import unicodedata
from pathlib import Path

import segno
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..strings import ui_strings

PACKAGE = Path(__file__).resolve().parent.parent
CSS_PATH = PACKAGE / "assets" / "certificate.css"

class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing."""


# The fonts certificate.css asks for, as fontconfig patterns: the name line, and every other text.
FONT_PATTERNS = {"name": "DejaVu Serif,Noto Serif,Liberation Serif,Georgia,serif:bold",
                 "session": "DejaVu Sans,Noto Sans,Liberation Sans,Arial,sans-serif"}


def _fontconfig(*args: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise PdfUnavailable(f"cannot ask fontconfig which fonts are installed ({exc}); install fontconfig "
                             "(Debian/Ubuntu: sudo apt-get install fontconfig fonts-dejavu-core)") from None


@functools.lru_cache(maxsize=None)
def _font_characters(pattern: str) -> frozenset[int]:
    """The code points of the font file fontconfig (and so Pango, and WeasyPrint) picks for ``pattern``."""
    from fontTools.ttLib import TTFont, TTLibError

    path = _fontconfig("fc-match", "--format=%{file}", pattern).strip()
    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap() or ())
    except (OSError, TTLibError, AssertionError) as exc:
        raise PdfUnavailable(f"cannot read the certificate font {path!r} ({exc})") from None


@functools.lru_cache(maxsize=4096)
def _some_font_has(codepoint: int) -> bool:
    """Pango falls back to any installed font with the character: does fontconfig know one?"""
    return bool(_fontconfig("fc-list", f":charset={codepoint:x}", "file").strip())


def undrawable_characters(text: str, field: str) -> list[str]:
    """The distinct characters of ``text`` that no installed font can draw where ``field`` ("name",
    "session") is printed: they would come out as empty boxes. Joiners (ZWJ, ZWNJ) draw nothing."""
    first_choice = _font_characters(FONT_PATTERNS[field])
    missing = []
    for ch in dict.fromkeys(text):
        if ord(ch) in first_choice or unicodedata.category(ch) == "Cf":
            continue
        if not _some_font_has(ord(ch)):
            missing.append(ch)
    return missing


def format_date(iso: str, strings: dict[str, str]) -> str:
    """'2026-03-14' in words, as the language's strings say: ``date_in_words`` ("{day} {month}
    {year}"; Russian adds "г.") with ``date_month_MM`` (Russian: genitive, "14 марта 2026 г.")."""
    year, month, day = iso.split("-")
    return (strings["date_in_words"].replace("{day}", str(int(day)))
            .replace("{month}", strings[f"date_month_{month}"]).replace("{year}", str(int(year))))


def format_hours(hours: int | float | None, strings: dict[str, str]) -> str:
    if hours is None:
        return ""
    number = f"{hours:g}".replace(".", strings["decimal_separator"])
    key = "cert_hours_one" if hours == 1 else "cert_hours_other"
    return strings[key].replace("{n}", number)


def qr_svg(url: str) -> Markup:
    """The verify URL as an inline SVG QR code, error correction M, with the standard quiet zone."""
    qr = segno.make_qr(url, error="m", boost_error=False)
    return Markup(qr.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff"))


@functools.lru_cache(maxsize=None)   # one per process: compiling the template again for each
def _environment() -> Environment:   # certificate of a batch cost about 5 % of its time
    return Environment(loader=PackageLoader("course_plugin", "templates"),
                       autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)


def certificate_context(payload: dict, verify_url: str, strings: dict[str, str] | None = None) -> dict:
    """Template variables (``kind``, ``cert``, ``t``) of a signed payload (see token.py); ``strings``
    of its language (default: the packaged strings/<l>.yml; the scripts pass ``Site.strings``)."""
    lang = payload["l"]
    strings = strings if strings is not None else ui_strings(lang)[0]
    cert = {
        "name": payload["n"], "date": format_date(payload["d"], strings), "number": payload["id"],
        "lang": lang, "session": payload["s"], "hours": format_hours(payload.get("h"), strings),
        "issued": format_date(payload["t"], strings), "key_id": payload["k"],
        "verify_url": verify_url, "qr_svg": qr_svg(verify_url), "modules": [],
    }
    return {"kind": "trainer", "cert": cert, "t": strings}


def certificate_html(payload: dict, verify_url: str, strings: dict[str, str] | None = None) -> str:
    """A complete HTML document of one certificate, its CSS inline (no file or network access)."""
    context = certificate_context(payload, verify_url, strings)
    body = _environment().get_template("certificate.html").render(**context)
    css = CSS_PATH.read_text(encoding="utf-8")
    title = f'{context["t"]["cert_title_trainer"]} {payload["id"]}'
    return (f'<!doctype html>\n<html lang="{payload["l"]}"><head><meta charset="utf-8">'
            f'<title>{Markup.escape(title)}</title><style>{css}</style></head>\n'
            f'<body style="margin:0">{body}</body></html>\n')


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango is not installed
        raise PdfUnavailable(
            f"cannot make PDFs: {exc}. Install WeasyPrint's system libraries "
            "(Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core) "
            "and the project with: bash scripts/test.sh --co -q") from exc
    # url_fetcher refuses every fetch: the document is self-contained, nothing may be loaded.
    def no_fetch(url, *args, **kwargs):
        raise ValueError(f"certificate must not load {url}")
    document = HTML(string=html, url_fetcher=no_fetch, base_url=str(PACKAGE))
    return document.write_pdf()


def certificate_pdf(payload: dict, verify_url: str, strings: dict[str, str] | None = None) -> bytes:
    """The PDF of one signed certificate."""
    return html_to_pdf(certificate_html(payload, verify_url, strings))
