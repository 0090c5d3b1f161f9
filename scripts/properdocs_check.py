#!/usr/bin/env python3
"""Build the course with ProperDocs as well as MkDocs and check that every page is the same.

  python scripts/properdocs_check.py [--keep DIR]

MkDocs 1.6.1 is the last 1.x release and Material reaches end of life on 5 May 2027. ProperDocs is
a maintained drop-in fork of MkDocs 1.x that runs Material, mkdocs-static-i18n and our plugin
unchanged (it answers ``import mkdocs`` itself). This script keeps the move to it one command:

1. sets up ``.venv-properdocs`` (once) with ProperDocs and the project (``.[properdocs]``);
2. builds the site with ``mkdocs build --strict`` (``.venv``) and ``properdocs build --strict``;
3. compares every file of the two sites. The only expected difference is the ``generator`` meta
   line, which names the generator (and so the page hashes in ``sw.js``); anything else is listed
   and the script exits with 1.

``--keep DIR`` leaves both sites in DIR/mkdocs and DIR/properdocs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = "Scripts" if os.name == "nt" else "bin"
PROPERDOCS_VENV = ROOT / ".venv-properdocs"
MKDOCS_VENV = ROOT / ".venv"

# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2"> names the generator:
# the one line that differs by design.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# sitemap.xml.gz embeds its compression time; sw.js (the offline copy's service worker) holds a
# hash of each language's pages, which differ by the generator line above
SKIP = {"sitemap.xml.gz", "sw.js"}


def ensure_venv(venv: Path, extra: str, command: str) -> Path:
    """``venv`` with the project installed (``.[extra]``); returns the path of ``command`` in it."""
    exe = venv / BIN / command
    if exe.exists():
        return exe
    if not (venv / BIN / "python").exists():
        print(f"Setting up {venv.name} (once) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    target = f".[{extra}]" if extra else "."
    print(f"Installing the project into {venv.name} ({target}) ...", file=sys.stderr)
    subprocess.run([str(venv / BIN / "python"), "-m", "pip", "install", "-q", "-e", target], check=True, cwd=ROOT)
    return exe


def build(command: Path, site_dir: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([str(command), "build", "--strict", "-q", "-d", str(site_dir)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"error: `{command.name} build --strict` failed:\n{done.stdout}{done.stderr}")


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ between the sites ``a`` and ``b`` beyond the generator line."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"only in the MkDocs build: {f}" for f in sorted(files_a - files_b)]
    out += [f"only in the ProperDocs build: {f}" for f in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        if Path(name).name in SKIP:
            continue
        data_a, data_b = (a / name).read_bytes(), (b / name).read_bytes()
        if data_a == data_b:
            continue
        if name.endswith(".html") and GENERATOR.sub(b"", data_a) == GENERATOR.sub(b"", data_b):
            continue
        out.append(f"differs: {name}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="leave both built sites in this folder")
    args = parser.parse_args(argv)
    mkdocs = ensure_venv(MKDOCS_VENV, "", "mkdocs")
    properdocs = ensure_venv(PROPERDOCS_VENV, "properdocs", "properdocs")
    work = Path(tempfile.mkdtemp(prefix="properdocs-check-"))
    out = args.keep or work
    try:
        build(mkdocs, out / "mkdocs")
        build(properdocs, out / "properdocs")
        found = differences(out / "mkdocs", out / "properdocs")
        pages = sum(1 for _ in (out / "mkdocs").rglob("*.html"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if found:
        print("ProperDocs and MkDocs builds differ:\n  " + "\n  ".join(found))
        return 1
    print(f"ProperDocs and MkDocs build the same site: {pages} HTML pages identical apart from the generator line.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
