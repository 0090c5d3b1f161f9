"""The build benchmark (scripts/bench.py) and the build-speed shortcuts it led to."""

import re
import subprocess
import sys

import random

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402

from course_plugin import mkdocs_bridge as bridge  # noqa: E402
from course_plugin.site_checks import markdown_files  # noqa: E402


def test_quick_benchmark_prints_a_table_of_both_builds():
    out = subprocess.run([sys.executable, str(ROOT / "scripts/bench.py"), "--sizes", "3", "--runs", "1"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith("Machine: ") and "mkdocs-material" in lines[0]
    assert lines[1] == "| " + " | ".join(bench.COLUMNS) + " |"
    row = lines[3].strip("|").split("|")
    assert len(row) == len(bench.COLUMNS) and row[0].strip() == "3" and row[-1].strip() == "1"
    assert re.fullmatch(r" -?\d+\.\d % ", row[3])
    assert "with plugin" in out.stderr and "without plugin" in out.stderr


def test_the_course_itself_is_measured_with_and_without_the_plugin(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "scripts/bench.py"), "--course", "--runs", "1"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = [line.strip("|").split("|") for line in out.stdout.strip().splitlines()[3:]]
    pages = len(markdown_files(ROOT / "course/en"))   # the guidebook's pages too (a symlinked folder)
    assert pages > 40
    assert [r[0].strip() for r in rows] == [f"{pages} (this course)"]   # the course alone, no synthetic sizes
    assert re.fullmatch(r" -?\d+\.\d % ", rows[0][3])
    assert "course run 1/1 with plugin" in out.stderr and "course run 1/1 without plugin" in out.stderr


def test_the_plugin_can_be_disabled_for_the_course_build(tmp_path):
    for disable in (False, True):
        bench.time_build(ROOT / "mkdocs.yml", tmp_path / str(disable), disable_plugin=disable)
        html = (tmp_path / str(disable) / "module-1/summary/index.html").read_text(encoding="utf-8")
        assert ("data-quiz=" in html) is not disable
        assert ("data-quick-exit" in html) is not disable


def test_synthetic_course_builds_with_quizzes_only_when_the_plugin_is_on(tmp_path):
    config = bench.make_course(tmp_path, 2)
    assert len(list((tmp_path / "quizzes").glob("*.yml"))) == 2
    for enabled in (True, False):
        wall, cpu = bench.time_build(config, tmp_path / f"site{enabled}", disable_plugin=not enabled)  # in its own process
        assert wall > 0 and cpu > 0
        for lang in ("", "ru/"):
            html = (tmp_path / f"site{enabled}" / lang / "module-01/section-001/page-0002/index.html").read_text(encoding="utf-8")
            assert ('data-quiz="q0002"' in html) is enabled
            assert html.count("data-question=") == (10 if enabled else 0)


def _texts(node, out):
    if isinstance(node, dict):
        if node and set(node) <= {"en", "ru"} and all(isinstance(v, str) for v in node.values()):
            out.extend(node.values())
        for v in node.values():
            _texts(v, out)
    elif isinstance(node, list):
        for v in node:
            _texts(v, out)
    return out


TRICKY = ["First", "Second one.", "It's \"quoted\" – and (so) on: 70% / 30%", "Права № 5, «кавычки»",
          "1. a list", "- item", "**bold**", "a *b* c", "x_y_z", "a & b", "a < b", "# heading", "Term\n: def",
          "line  \ntwo", "  spaced  ", "a `code` b", "[link](x.md)", "HTML", "a -- b", "Мария: нет!",
          # the **strong** fast path
          "Which is **not** right?", "что **верно**?", "a**b**c", "x **y** ", "a ** b **", "a **b **", "a **_x_**",
          "a **b_c** d", "word **72 hours**.", "a **b** **c**", "a ****", "a **b*c**", "a **b**\nc", "a **(b)** «c»"]


def test_plain_text_fast_path_matches_markdown_exactly(tmp_path):
    """Every quiz text of the course, and tricky strings, convert as full Markdown would."""
    cfg = load_config(config_file=str(ROOT / "mkdocs.yml"))
    assert bridge.plain_text_is_literal(cfg["markdown_extensions"], cfg["mdx_configs"] or {})
    texts = TRICKY[:]
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        texts = _texts(yaml.safe_load(path.read_text(encoding="utf-8")), texts)
    assert len(texts) > 500
    file = File("index.md", str(ROOT / "course/en"), str(tmp_path), True)
    fast = bridge.page_markdown_converter(cfg, file, Files([file]))
    import markdown
    slow = markdown.Markdown(extensions=cfg["markdown_extensions"], extension_configs=cfg["mdx_configs"] or {})
    used = 0
    for text in texts:
        slow.reset()
        assert fast(text) == slow.convert(text), text
        used += bool(bridge.PLAIN_TEXT.fullmatch(text))
    assert used > len(texts) / 2   # the fast path is really taken
    assert sum(bool(bridge.STRONG_TEXT.fullmatch(t)) and not bridge.PLAIN_TEXT.fullmatch(t) for t in texts) >= 10
    # and strong text built at random from its pieces, spaces and stars in every place
    rng = random.Random(7)
    atoms = ["a", "Я", "1", " ", "  ", "**", "*", ".", "'", '"', "(", ")", ":", "«", "–", "word", "%", "/"]
    taken = 0
    for _ in range(20000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 9)))
        if bridge.STRONG_TEXT.fullmatch(text) and not bridge.PLAIN_TEXT.fullmatch(text):
            taken += 1
            slow.reset()
            assert fast(text) == slow.convert(text), text
    assert taken > 20


@pytest.mark.parametrize("extensions, configs", [(["smarty"], {}), (["pymdownx.emoji"], {}),
                                                 (["abbr"], {"abbr": {"glossary": "x.md"}})])
def test_no_fast_path_with_extensions_that_change_plain_text(extensions, configs):
    assert not bridge.plain_text_is_literal(["toc", *extensions], configs)
