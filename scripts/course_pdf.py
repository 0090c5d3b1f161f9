#!/usr/bin/env python3
"""Make one PDF of the whole course per language: Modules I–III and the trainer guidebook.

  python scripts/course_pdf.py [--out DIR] [--lang LANG ...]

Writes DIR/course-en.pdf and DIR/course-ru.pdf (DIR defaults to dist/): a title page, a table of
contents with page numbers, then every page of the modules and the guidebook in the order of the
site's navigation, with a PDF outline (bookmarks). Quizzes print as worksheets without answers;
notes for trainers stay (the PDF is for trainers and partners). Needs Chromium (Debian's
`chromium` package, or CHROMIUM_PATH) and a font that covers Cyrillic (Debian `fonts-dejavu-core`).

How: the site is built once (as for the offline copy), each page's article is taken from the
built HTML in Chromium (scripts/pdf/assemble.js), joined into one document styled by
scripts/pdf/course-pdf.css, and printed with Chromium's printToPDF. The page numbers of the
contents come from the outline of a first print and are filled in for the final one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bootstrap import ROOT, ensure  # noqa: E402

HERE = Path(__file__).resolve().parent / "pdf"
INCLUDED = ("module-", "guidebook/")  # nav sections whose pages all live here go into the PDF
REMOVE = ", ".join([
    "script", "button", ".headerlink", "[hidden]", ".md-source-file", ".md-content__button",
    ".cq-qfb", ".cq-fb", ".cq-hint", ".cq-result", ".cq-sr", ".cq-one", ".cq-actions", ".cq-moves",
    "form[data-ecthr-deadline]",
])
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#444;'
          'font-family:\'DejaVu Sans\',\'Liberation Sans\',sans-serif">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


class PdfError(SystemExit):
    def __init__(self, message: str):
        super().__init__(f"error: {message}")


# -- what goes in ---------------------------------------------------------------------------------
def site_settings(config_file: Path) -> dict:
    """Languages (default first, with site name, copyright, nav titles) and the included nav."""
    from mkdocs.utils import yaml_load

    from course_plugin.site import site_from_data

    with open(config_file, encoding="utf-8") as f:
        cfg = yaml_load(f)
    site = site_from_data(cfg, config_file.parent)   # the site's languages: course_plugin/site.py
    langs = [{
        "code": lang.code, "default": lang.default,
        "site_name": lang.settings.get("site_name") or cfg["site_name"],
        "copyright": lang.settings.get("copyright") or cfg.get("copyright", ""),
        "nav": lang.settings.get("nav_translations") or {},
        "strings": site.strings(lang.code),
    } for lang in site.languages]
    sections = []
    for item in cfg.get("nav", []):
        (title, entries), = item.items()
        if not isinstance(entries, list):
            continue
        paths = [e if isinstance(e, str) else next(iter(e.values())) for e in entries]
        if paths and all(isinstance(p, str) and p.startswith(INCLUDED) for p in paths):
            sections.append((title, paths))
    if not sections:
        raise PdfError(f"{config_file}: no nav section of pages under {' or '.join(INCLUDED)}")
    return {"languages": langs, "sections": sections, "site_url": cfg.get("site_url", "")}


def page_url(src: str, lang: dict) -> str:
    """Site-relative URL of a built page (the build uses .html files, not directories)."""
    url = src[:-3] + ".html"
    return url if lang["default"] else f"{lang['code']}/{url}"


def anchor_for(url: str) -> str:
    return "p-" + re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-")


# -- Chromium -------------------------------------------------------------------------------------
def find_chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise PdfError("Chromium not found: install Debian's chromium package "
                   "(sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome")


def check_cyrillic_font() -> None:
    if not shutil.which("fc-list"):
        return  # not fontconfig: trust the system
    out = subprocess.run(["fc-list", ":lang=ru", "family"], capture_output=True, text=True).stdout
    if not out.strip():
        raise PdfError("no font that covers Cyrillic is installed: install one, for example "
                       "sudo apt-get install fonts-dejavu-core")


# -- the document ---------------------------------------------------------------------------------
def same_as_part(part_title: str, page: dict) -> bool:
    """A module's first page often bears the module's title: then the part heading is its heading."""
    return " ".join(page["title"].split()) == " ".join(part_title.split())


def document(lang: dict, settings: dict, parts: list[tuple[str, str, list[dict]]], strings: dict,
             numbers: dict[str, int]) -> str:
    esc = html.escape
    today = dt.date.today().isoformat()
    url = settings["site_url"] + ("" if lang["default"] else f"{lang['code']}/")

    def num(anchor):
        return str(numbers[anchor]) if anchor in numbers else ""

    toc = []
    for part_anchor, title, pages in parts:
        items = "".join(f'<li><div class="entry"><a href="#{p["anchor"]}">{esc(p["title"])}</a>'
                        f'<span class="pg">{num(p["anchor"])}</span></div></li>'
                        for p in pages if not same_as_part(title, p))
        toc.append(f'<li class="part"><div class="entry"><a href="#{part_anchor}">{esc(title)}</a>'
                   f'<span class="pg">{num(part_anchor)}</span></div><ol>{items}</ol></li>')
    body = []
    for part_anchor, title, pages in parts:
        body.append(f'<section class="part" id="{part_anchor}"><h1>{esc(title)}</h1>')
        body += [f'<section class="page" id="{p["anchor"]}">'
                 + ("" if same_as_part(title, p) else f'<h2>{esc(p["title"])}</h2>') + f'{p["body"]}</section>'
                 for p in pages]
        body.append("</section>")
    css = (HERE / "course-pdf.css").read_text(encoding="utf-8")
    return f"""<!doctype html>
<html lang="{lang['code']}">
<head><meta charset="utf-8"><title>{esc(lang['site_name'])}</title><style>{css}</style></head>
<body class="md-typeset">
<section class="cover">
<h1>{esc(lang['site_name'])}</h1>
<p class="subtitle">{esc(strings['pdf_subtitle'])}</p>
<p class="note caution">{esc(strings['pdf_caution'])}</p>
<p class="note">{esc(strings['pdf_quizzes'])}</p>
<p class="note">{esc(strings['pdf_made'].replace('{date}', today).replace('{url}', url))}</p>
<p class="note">{esc(lang['copyright'].strip())}</p>
</section>
<nav class="toc" aria-labelledby="toc-title"><h1 id="toc-title">{esc(strings['pdf_contents'])}</h1>
<ol>{''.join(toc)}</ol></nav>
{''.join(body)}
</body>
</html>"""


def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """(title, 1-based page) of every outline entry, in document order."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                # compared without spaces: Chromium's outline drops the space where a heading wraps
                out.append(("".join(item.title.split()), reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return out


def page_numbers(parts, pdf: bytes) -> dict[str, int]:
    """The page on which each part and page starts, matched in order against the PDF outline."""
    outline = outline_pages(pdf)
    wanted = []
    for part_anchor, title, pages in parts:
        wanted.append((part_anchor, title))
        wanted += [(p["anchor"], p["title"]) for p in pages if not same_as_part(title, p)]
    numbers, i = {}, 0
    for anchor, title in wanted:
        title = "".join(title.split())
        j = next((k for k in range(i, len(outline)) if outline[k][0] == title), None)
        if j is None:
            raise PdfError(f"the PDF outline lacks the heading {title!r} after page {outline[i - 1][1] if i else 1}: "
                           "is the heading empty or hidden on its page?")
        numbers[anchor], i = outline[j][1], j + 1
    for part_anchor, title, pages in parts:
        for p in pages:
            if same_as_part(title, p):
                numbers[p["anchor"]] = numbers[part_anchor]
    return numbers


def make_pdf(browser, site: Path, lang: dict, settings: dict, out: Path) -> Path:
    strings = lang["strings"]
    assemble = (HERE / "assemble.js").read_text(encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        inputs = []
        for src in [s for _, srcs in settings["sections"] for s in srcs]:
            url = page_url(src, lang)
            path = site / url
            if not path.is_file():
                raise PdfError(f"{path}: no built page for {src} in language {lang['code']!r}")
            inputs.append({"url": url, "anchor": anchor_for(url), "html": path.read_text(encoding="utf-8")})
        done = iter(page.evaluate(assemble, [inputs, {"remove": REMOVE, "siteUrl": settings["site_url"],
                                                      "siteDir": site.as_uri() + "/"}]))
        parts = [(f"part-{n}", lang["nav"].get(title, title), [next(done) for _ in srcs])
                 for n, (title, srcs) in enumerate(settings["sections"], 1)]
        doc = site / f"course-{lang['code']}.print.html"
        numbers: dict[str, int] = {}
        for _ in range(3):  # numbers fill the contents without moving anything; check it held
            doc.write_text(document(lang, settings, parts, strings, numbers), encoding="utf-8")
            page.goto(doc.as_uri(), wait_until="load")
            pdf = page.pdf(format="A4", print_background=True, outline=True, tagged=True,
                           display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                           margin={"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"})
            found = page_numbers(parts, pdf)
            if found == numbers:
                break
            numbers = found
        out.write_bytes(pdf)
        return out
    finally:
        context.close()


def make_course_pdfs(out_dir: Path, only: list[str] | None = None, keep_html: bool = False) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from offline import build_site

    chromium = find_chromium()
    check_cyrillic_font()
    settings = site_settings(ROOT / "mkdocs.yml")
    langs = [lang for lang in settings["languages"] if not only or lang["code"] in only]
    if only and len(langs) != len(set(only)):
        known = ", ".join(lang["code"] for lang in settings["languages"])
        raise PdfError(f"unknown language in {only}; the site has {known}")
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory(prefix="course-pdf-") as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True, args=[
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"])
            try:
                for lang in langs:
                    made.append(make_pdf(browser, site, lang, settings, out_dir / f"course-{lang['code']}.pdf"))
                    if keep_html:  # images and styles stay with the temporary site: for layout checks only
                        shutil.copy(site / f"course-{lang['code']}.print.html", out_dir)
            finally:
                browser.close()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the PDFs (default: dist/)")
    parser.add_argument("--lang", action="append", help="only this language (repeatable; default: all)")
    parser.add_argument("--keep-html", action="store_true", help="also keep the printed HTML beside each PDF")
    args = parser.parse_args(argv)
    for path in make_course_pdfs(args.out, args.lang, keep_html=args.keep_html):
        print(f"{path} ({path.stat().st_size / 1024 / 1024:.1f} MB)")
    return 0


if __name__ == "__main__":
    ensure(["mkdocs", "material", "mkdocs_static_i18n", "course_plugin", "playwright", "pypdf"], extra="pdf")
    sys.exit(main())
