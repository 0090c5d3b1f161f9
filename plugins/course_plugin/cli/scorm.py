"""Make the SCORM 1.2 packages: one zip per language, for Moodle or another LMS.

  course scorm [--lang LANG] [--out DIR]        (or: python scripts/scorm.py ...)

Writes DIR/course-scorm12-LANG-YYYY-MM-DD.zip for each language of mkdocs.yml (or only LANG;
DIR defaults to dist/): imsmanifest.xml at the root, one organisation titled in the package's
language, one SCO per module reporting its quiz's score and status. The pages are the offline
copy's build (course offline) with the course plugin's `scorm` option, without the trainer
guidebook. See README "Using the course in Moodle".
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import zipfile
from pathlib import Path

from .build import build_site
from .offline import kept_files
from .project import ROOT


def package_name(lang: str, today: dt.date) -> str:
    return f"course-scorm12-{lang}-{today.isoformat()}.zip"


def i18n_entries(raw: dict) -> dict[str, dict]:
    """Each language's entry of the i18n plugin in mkdocs.yml (site_name, nav_translations)."""
    for plugin in raw.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return {x["locale"]: x for x in (plugin["i18n"] or {}).get("languages") or []}
    return {}


def build_learner_site(site: Path, nav: list) -> None:
    """The whole bilingual site for the packages: offline build, scorm option, no guidebook."""
    # the guidebook symlinks inside each language folder; links to its pages are info-level in
    # MkDocs (excluded target) and become plain text (course_plugin.scorm.learner_page)
    build_site(site, course_options={"scorm": True}, nav=nav, exclude_docs="/*/guidebook/\n")


def write_package(site: Path, zip_path: Path, lang: str, languages: list[str], entry: dict, raw: dict,
                  scos) -> list[str]:
    """Zip the package of ``lang`` from the built ``site``; return the files it holds."""
    from course_plugin import scorm

    default = languages[0]
    prefix = "" if lang == default else f"{lang}/"
    files = [rel for rel in kept_files(site) if scorm.in_package(rel, lang, default, languages)]
    launch = {sco.launch_file: scorm.launch_page(sco, lang, prefix) for sco in scos}
    names = sorted(launch) + files
    title = entry.get("site_name") or raw.get("site_name") or "Course"
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("imsmanifest.xml", scorm.manifest(scos, names, lang, title))
        for name, text in launch.items():
            zf.writestr(name, text)
        for rel in files:
            if rel == "search/search_index.js":   # the package's own pages only
                text = (site / rel).read_text(encoding="utf-8")
                zf.writestr(rel, scorm.filter_search_index(text, lang, default, languages))
            else:
                zf.write(site / rel, rel)
    return ["imsmanifest.xml", *names]


def make_packages(out_dir: Path, langs: list[str] | None = None, today: dt.date | None = None) -> list[Path]:
    """Build once and write one package per language; return the zip paths."""
    from course_plugin import scorm
    from course_plugin.quiz.loader import load_bank
    from course_plugin.sitecfg import read_site_settings

    today = today or dt.date.today()
    settings = read_site_settings(ROOT / "mkdocs.yml")
    raw, languages = settings["raw"], settings["languages"]
    entries = i18n_entries(raw)
    unknown = [x for x in langs or [] if x not in languages]
    if unknown:
        raise SystemExit(f"error: --lang {', '.join(unknown)}: not a language of mkdocs.yml "
                         f"(languages: {', '.join(languages)})")
    bank = load_bank(ROOT / settings["quizzes_dir"], languages, ROOT)
    if bank.problems:
        raise SystemExit("error: problems in the quizzes; run: python scripts/quizzes.py check")
    quizzes = {qid: (q.module, q.pass_mark) for qid, q in bank.quizzes.items()}
    nav = scorm.drop_guidebook(raw.get("nav") or [])
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with tempfile.TemporaryDirectory(prefix="course-scorm-") as tmp:
        site = Path(tmp) / "site"
        build_learner_site(site, nav)
        for lang in langs or languages:
            entry = entries.get(lang, {})
            try:
                scos = scorm.module_scos(nav, quizzes, entry.get("nav_translations") or {})
            except ValueError as e:
                raise SystemExit(f"error: {e}") from None
            zip_path = out_dir / package_name(lang, today)
            write_package(site, zip_path, lang, languages, entry, raw, scos)
            paths.append(zip_path)
    return paths


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", action="append", help="only this language (may be repeated; default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the zips (default: dist/)")
    args = parser.parse_args(argv)
    for path in make_packages(args.out, args.lang):
        print(f"SCORM 1.2 package: {path} ({path.stat().st_size / 1024 / 1024:.1f} MB). "
              "Upload it to the LMS as a SCORM package (README: Using the course in Moodle).")
    return 0

