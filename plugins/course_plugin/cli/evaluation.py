"""The session's evaluation report from results kept in a spreadsheet (README "Session results").

  course evaluation report RESULTS.csv [--lang LANG] --out DIR
  (or: python scripts/evaluation.py ...)

Reads the CSV (columns participant, test, q1 … qN, optionally c1 … c3; UTF-8 with or without BOM, or
Windows-1251; commas or semicolons), reports every bad row at once with its row number and writes
nothing until the file is clean. Then writes DIR/report.html (the donor report, the same figures as
the Session results page) and DIR/figures.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from course_plugin.evaluation.codes import quiz_spec
from course_plugin.evaluation.csvfile import decode_bytes, read_results
from course_plugin.evaluation.figures import compute
from course_plugin.evaluation.report import render_report
from course_plugin.quiz.loader import load_bank
from course_plugin.sitecfg import read_site_settings
from course_plugin.strings import ui_strings

from .project import ROOT


def cmd_report(args) -> int:
    settings = read_site_settings(ROOT / "mkdocs.yml")
    if args.lang is None:
        args.lang = settings["languages"][0]
    elif args.lang not in settings["languages"]:
        print(f"error: --lang {args.lang!r} is not a site language ({', '.join(settings['languages'])})", file=sys.stderr)
        return 1
    course = next((next(iter(e.values())) or {} for e in settings["raw"].get("plugins") or []
                   if isinstance(e, dict) and "course" in e), {})
    pre, post = args.pre or course.get("session_pre_test", "pretest"), args.post or course.get("session_post_test", "posttest")
    bank = load_bank(ROOT / settings["quizzes_dir"], settings["languages"], ROOT)
    if bank.problems:
        for p in bank.problems:
            print("error:", p, file=sys.stderr)
        return 1
    for quiz_id in (pre, post):
        if quiz_id not in bank.quizzes:
            print(f"error: no quiz {quiz_id!r} in {settings['quizzes_dir']}/ (known: {', '.join(sorted(bank.quizzes))}); "
                  "use --pre / --post", file=sys.stderr)
            return 1
    path = Path(args.results)
    try:
        data = path.read_bytes()
    except OSError as e:
        print(f"error: cannot read {path}: {e.strerror}", file=sys.stderr)
        return 1
    text, encoding = decode_bytes(data)
    print(f"{path}: read as {encoding}")
    specs = {"pre": quiz_spec(bank.quizzes[pre]), "post": quiz_spec(bank.quizzes[post])}
    entries, problems = read_results(text, specs)
    if problems:
        print(f"error: {path}: {len(problems)} problem(s); nothing was written "
              "(README \"Session results\" describes the columns):", file=sys.stderr)
        for p in problems:
            print(f"  {path}, {p}", file=sys.stderr)
        return 1
    if not entries:
        print(f"error: {path}: no results in the file (a header row and one row per test taken)", file=sys.stderr)
        return 1
    figures = compute(entries, specs)
    strings, _ = ui_strings(args.lang)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.html").write_text(render_report(figures, strings, args.lang, path.name), encoding="utf-8")
    (out / "figures.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{figures['participants']} participant(s), {figures['matched']} matched pair(s): "
          f"mean pre {figures['pre']['mean']}%, mean post {figures['post']['mean']}%, mean gain {figures['mean_gain']}")
    print(f"wrote {out / 'report.html'} and {out / 'figures.json'}")
    return 0


def main(argv=None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="the evaluation report of a session from a results CSV")
    rep.add_argument("results", help="the results CSV")
    rep.add_argument("--lang", help="language of the report: one of mkdocs.yml (default: the site's default language)")
    rep.add_argument("--out", required=True, help="folder for report.html and figures.json")
    rep.add_argument("--pre", help="the pre-test's quiz id (default: session_pre_test in mkdocs.yml, or pretest)")
    rep.add_argument("--post", help="the post-test's quiz id (default: session_post_test in mkdocs.yml, or posttest)")
    args = parser.parse_args(argv)
    return cmd_report(args)

