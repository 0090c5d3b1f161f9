"""The course builds the same with ProperDocs (the maintained MkDocs 1.x fork) as with MkDocs."""

import subprocess
import sys

from sitebuild import ROOT


def test_properdocs_builds_the_same_site():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "properdocs_check.py")], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "identical apart from the generator line" in done.stdout


def test_the_check_sees_a_difference(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from properdocs_check import differences
    a, b = tmp_path / "a", tmp_path / "b"
    for site in (a, b):
        (site / "x").mkdir(parents=True)
    (a / "x" / "index.html").write_text('<meta name="generator" content="mkdocs-1.6.1">\n<p>one</p>')
    (b / "x" / "index.html").write_text('<meta name="generator" content="mkdocs-ProperDocs 1.6.7">\n<p>one</p>')
    assert differences(a, b) == []
    (b / "x" / "index.html").write_text('<meta name="generator" content="mkdocs-ProperDocs 1.6.7">\n<p>two</p>')
    (b / "extra.js").write_text("")
    assert differences(a, b) == ["only in the ProperDocs build: extra.js", "differs: x/index.html"]
