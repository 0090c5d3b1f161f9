"""Check and export the course's quizzes without building the site.

  course quizzes check                      validate every quiz and every page marker
  course quizzes export --format json       the bank as JSON (public contract, see README)
  course quizzes export --format gift --lang ru   Moodle GIFT for import into Moodle
  course quizzes schema [--write]           the JSON Schema of quiz files (quizzes/quiz.schema.json)
  (or: python scripts/quizzes.py ...)
"""

from __future__ import annotations

import argparse
import json
import sys

from course_plugin.quiz.export import to_gift, to_json_data
from course_plugin.quiz.loader import load_bank
from course_plugin.quiz.markers import find_markers
from course_plugin.quiz.schema import quiz_json_schema
from course_plugin.site_checks import markdown_files
from course_plugin.sitecfg import read_site_settings

from .project import ROOT

SCHEMA_PATH = ROOT / "quizzes" / "quiz.schema.json"


def cmd_check(args) -> int:
    settings = read_site_settings(ROOT / "mkdocs.yml")
    bank = load_bank(ROOT / settings["quizzes_dir"], settings["languages"], ROOT)
    problems = [str(p) for p in bank.problems]
    docs = ROOT / settings["docs_dir"]
    placed: dict[str, set[str]] = {lang: set() for lang in settings["languages"]}
    for lang in settings["languages"]:
        for page in markdown_files(docs / lang):
            for quiz_id, line in find_markers(page.read_text(encoding="utf-8")):
                where = f"{page.relative_to(ROOT)}, line {line}"
                if quiz_id not in bank.quizzes and not any(quiz_id in p for p in problems):
                    problems.append(f"{where}: marker names unknown quiz {quiz_id!r}; fix the id or add the quiz")
                placed[lang].add(quiz_id)
    warnings = [f"{bank.sources[q]}: quiz {q!r} is placed on no page in language {lang!r}"
                for lang, ids in placed.items() for q in sorted(set(bank.quizzes) - ids)]
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    for p in problems:
        print("error:", p, file=sys.stderr)
    n_q = sum(len(q.all_questions()) for q in bank.quizzes.values())
    print(f"{len(bank.quizzes)} quiz(zes), {n_q} question(s); {len(problems)} error(s), {len(warnings)} warning(s)")
    return 1 if problems else 0


def cmd_export(args) -> int:
    settings = read_site_settings(ROOT / "mkdocs.yml")
    bank = load_bank(ROOT / settings["quizzes_dir"], settings["languages"], ROOT)
    if bank.problems:
        for p in bank.problems:
            print("error:", p, file=sys.stderr)
        return 1
    quizzes = [bank.quizzes[k] for k in sorted(bank.quizzes)]
    if args.format == "json":
        print(json.dumps(to_json_data(quizzes), ensure_ascii=False, indent=2))
    else:
        lang = args.lang or settings["languages"][0]
        if lang not in settings["languages"]:
            print(f"error: --lang {lang!r} is not a site language ({', '.join(settings['languages'])})", file=sys.stderr)
            return 2
        sys.stdout.write(to_gift(quizzes, lang))
    return 0


def cmd_schema(args) -> int:
    settings = read_site_settings(ROOT / "mkdocs.yml")
    text = json.dumps(quiz_json_schema(settings["languages"]), ensure_ascii=False, indent=2) + "\n"
    if args.write:
        SCHEMA_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_PATH.relative_to(ROOT)}")
    else:
        sys.stdout.write(text)
    return 0


def main(argv=None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate all quizzes and page markers").set_defaults(func=cmd_check)
    exp = sub.add_parser("export", help="print the quiz bank as JSON or Moodle GIFT")
    exp.add_argument("--format", choices=["json", "gift"], default="json")
    exp.add_argument("--lang", help="language of the GIFT text (default: the site's default language)")
    exp.set_defaults(func=cmd_export)
    sch = sub.add_parser("schema", help="print (or --write) the JSON Schema of quiz files")
    sch.add_argument("--write", action="store_true", help=f"write {SCHEMA_PATH.relative_to(ROOT)}")
    sch.set_defaults(func=cmd_schema)
    args = parser.parse_args(argv)
    return args.func(args)

