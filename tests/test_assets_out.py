"""The served course scripts and styles are their sources without comments, and nothing else changes."""

import json
import shutil
import subprocess

import pytest

from course_plugin.assets_out import served
from sitebuild import ROOT

ASSETS = ROOT / "plugins/course_plugin/assets"
NODE_DIR = ROOT / "tests/node"
SCRIPTS = sorted(p for p in ASSETS.rglob("*.js"))
STYLES = sorted(p for p in ASSETS.rglob("*.css"))

TOKENS = ("const acorn = require(process.argv[1]); let src = ''; process.stdin.on('data', d => src += d);"
          "process.stdin.on('end', () => { const out = []; for (const t of acorn.tokenizer(src, {ecmaVersion: 'latest',"
          " sourceType: 'script'})) out.push([t.type.label, t.value === undefined ? null : String(t.value)]);"
          " process.stdout.write(JSON.stringify(out)); });")


def tokens(code: str) -> list:
    node, acorn = shutil.which("node"), NODE_DIR / "node_modules/acorn/dist/acorn.js"
    if not node or not acorn.exists():
        pytest.fail("node and tests/node/node_modules/acorn are needed: run scripts/test.sh (it installs them)")
    done = subprocess.run([node, "-e", TOKENS, str(acorn)], input=code, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_served_script_has_exactly_the_tokens_of_its_source(path):
    source = path.read_text(encoding="utf-8")
    out = served(path.name, source.encode()).decode()
    assert "\n//" not in "\n" + out.replace(" ", "").replace("\t", ""), "a comment line is left"
    assert tokens(out) == tokens(source)
    assert len(out) < len(source) or "//" not in source


@pytest.mark.parametrize("path", STYLES, ids=lambda p: p.name)
def test_served_stylesheet_is_its_source_without_comments(path):
    source = path.read_text(encoding="utf-8")
    out = served(path.name, source.encode()).decode()
    assert "/*" not in out and "*/" not in out
    squash = lambda css: "".join(css.split())   # noqa: E731
    import re
    assert squash(out) == squash(re.sub(r"/\*.*?\*/", "", source, flags=re.S))


def test_the_built_site_serves_the_stripped_files(course_site):
    for path in SCRIPTS + STYLES:
        rel = path.relative_to(ASSETS).as_posix()
        built = course_site / "assets/course" / rel
        if not built.exists():   # offline-only and SCORM-only files are not in the normal site
            continue
        assert built.read_bytes() == served(path.name, path.read_bytes()), rel


def test_a_comment_inside_a_template_literal_line_is_a_known_limit():
    # the rule removes whole-line // comments; the token test above proves no course script has
    # a template literal with a line starting with //
    assert served("x.js", b"a();\n  // note\nb();\n") == b"a();\nb();\n"
    assert served("x.css", b"a{b:c}\n/* note */\nd{e:f}\n") == b"a{b:c}\n\nd{e:f}\n".replace(b"\n\n", b"\n")
