"""Make the offline copy: a zip of the whole site that works opened from disk, without internet.

  course offline [--out DIR]        (or: python scripts/offline.py [--out DIR])

Writes DIR/course-offline-YYYY-MM-DD.zip (DIR defaults to dist/). Unzip it anywhere and open
course-offline-YYYY-MM-DD/index.html in a browser: both languages, quizzes and progress (kept in
that browser) and search work from file://, and no page loads anything from the network.

The copy is the site built with Material's `offline` plugin added (links to .../index.html, the
search index as a script) and the course plugin's file:// mode (see plugins/course_plugin/offline.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import zipfile
from pathlib import Path

from .build import build_site
from .project import ROOT

# Files of the built site a copy opened from disk never uses.
UNUSED_SUFFIXES = (".map",)
UNUSED_FILES = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json",
                "404.html"}  # only a web server shows it; its links are absolute
LUNR_DIR = "assets/javascripts/lunr/"


def needed_lunr_files(site_dir: Path) -> set[str]:
    """The lunr-languages files Material's search worker imports for this site's languages."""
    import json
    import re

    langs: list[str] = []
    for index in (site_dir / "search").glob("search_index.js*"):
        text = index.read_text(encoding="utf-8")
        m = re.search(r'"lang"\s*:\s*(\[[^\]]*\])', text)
        if m:
            langs = json.loads(m.group(1))
            break
    names = {f"{LUNR_DIR}min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if names or len(langs) > 1:
        names |= {f"{LUNR_DIR}min/lunr.stemmer.support.min.js", f"{LUNR_DIR}min/lunr.multi.min.js"}
    if "ja" in langs:
        names.add(f"{LUNR_DIR}tinyseg.js")
    if {"hi", "th"} & set(langs):
        names.add(f"{LUNR_DIR}wordcut.js")
    return names


def kept_files(site_dir: Path) -> list[str]:
    """The built files a copy opened from disk uses (paths relative to ``site_dir``, sorted)."""
    keep_lunr = needed_lunr_files(site_dir)
    out = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_dir() or rel.endswith(UNUSED_SUFFIXES) or rel in UNUSED_FILES:
            continue
        if rel.startswith(LUNR_DIR) and rel not in keep_lunr:
            continue
        out.append(rel)
    return out


def make_zip(site_dir: Path, zip_path: Path, top: str) -> int:
    """Zip ``site_dir`` under one top folder, leaving out what a copy from disk never uses."""
    files = kept_files(site_dir)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel in files:
            zf.write(site_dir / rel, f"{top}/{rel}")
    return len(files)


def make_offline_copy(out_dir: Path, today: dt.date | None = None) -> Path:
    """Build the offline site and write ``out_dir/course-offline-YYYY-MM-DD.zip``; return its path."""
    top = f"course-offline-{(today or dt.date.today()).isoformat()}"
    out_dir.mkdir(parents=True, exist_ok=True)
    zip_path = out_dir / f"{top}.zip"
    with tempfile.TemporaryDirectory(prefix="course-offline-") as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        if not (site / "index.html").is_file() or not (site / "search" / "search_index.js").is_file():
            raise SystemExit(f"error: the offline build in {site} lacks index.html or search/search_index.js")
        make_zip(site, zip_path, top)
    return zip_path


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the zip (default: dist/)")
    args = parser.parse_args(argv)
    zip_path = make_offline_copy(args.out)
    size = zip_path.stat().st_size
    print(f"Offline copy: {zip_path} ({size / 1024 / 1024:.1f} MB). Unzip it and open index.html "
          f"in the folder {zip_path.stem}/.")
    return 0

