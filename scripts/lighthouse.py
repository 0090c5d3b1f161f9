"""Lighthouse on the built course: the home page and a quiz page in each language.

    bash scripts/lighthouse.sh            # sets up .venv and tests/node, then runs this
    .venv/bin/python scripts/lighthouse.py [--site DIR] [--runs N]

Builds the site (strict) into a temporary folder unless --site is given, serves it on
127.0.0.1 with gzip (as GitHub Pages does), runs Lighthouse (tests/node, Debian's Chromium,
default mobile settings) on each page, prints the four category scores, writes the JSON and
HTML reports to tests/lighthouse-reports/ (git-ignored), and exits 1 if a score is below
its threshold. With --runs N each page is measured N times and the median score is used
(the performance score varies from run to run on a busy machine).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))

from course_plugin.cli.chromium import find_chromium  # noqa: E402 (the course commands' one Chromium)

LIGHTHOUSE = ROOT / "tests/node/node_modules/.bin/lighthouse"
REPORTS = ROOT / "tests/lighthouse-reports"
PAGES = ["", "module-1/summary/", "ru/", "ru/module-1/summary/"]
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 95}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped for clients that accept it (as a production host serves them)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def run_lighthouse(url: str, out: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": find_chromium()}
    cmd = [str(LIGHTHOUSE), url, "--output=json", "--output=html", f"--output-path={out}", "--quiet",
           f"--chrome-flags={CHROME_FLAGS}"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    report = out.with_suffix(".report.json")
    if done.returncode != 0 or not report.exists():
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    return {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse scores of the course's home and quiz pages")
    parser.add_argument("--site", type=Path, help="an already built site (default: build the course now)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median score counts (default 1)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `bash scripts/lighthouse.sh` (it installs tests/node)")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = args.site
        if site is None:
            from sitebuild import build_site
            site = Path(tmp) / "site"
            print("Building the course ...", flush=True)
            build_site(ROOT / "mkdocs.yml", site, strict=True)
        httpd, base = serve(site)
        REPORTS.mkdir(parents=True, exist_ok=True)
        rows, failed = [], []
        try:
            for rel in PAGES:
                name = (rel.strip("/").replace("/", "-") or "home")
                runs = [run_lighthouse(base + rel, REPORTS / f"{name}-{i + 1}") for i in range(args.runs)]
                scores = {c: round(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
                rows.append((rel, scores))
                print(f"  /{rel}: " + ", ".join(f"{c} {scores[c]}" for c in CATEGORIES), flush=True)
                failed += [f"/{rel}: {c} {scores[c]} < {t}" for c, t in THRESHOLDS.items() if scores[c] < t]
        finally:
            httpd.shutdown()
            httpd.server_close()
    print("\n| Page | Performance | Accessibility | Best practices | SEO |")
    print("|---|" + "---:|" * len(CATEGORIES))
    for rel, scores in rows:
        print(f"| /{rel} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/")
    if failed:
        print("Below threshold:\n  " + "\n  ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
