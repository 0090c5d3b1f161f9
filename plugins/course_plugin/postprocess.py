"""What only the finished HTML of a page allows, in one pass per page (on_post_page).

Everything a template can write is written by the theme overlay (theme.py, overrides/). Left here:
quizzes placed after the search indexer has read the page (it never parses quiz markup), the
handout mark on ``<body>`` (Material's body tag has no block), the SCORM learner page, classic
scripts in the offline copy (for every course script, whoever added it), and, last, the security
policy, which hashes the page's final inline scripts.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from . import integrity, offline, present, scorm
from .safety import TemplateScripts, UnknownInlineScript, add_security_meta


QUICK_EXIT = "data-quick-exit"   # written by the overlay's header block (overrides/base.html)


def finish_page(output: str, where: str, *, quizzes: dict[str, str], handout: bool, scorm_page: bool,
                classic: bool, allowed: TemplateScripts) -> str:
    if QUICK_EXIT not in output:   # safety: a site's override may not drop it (an error, whatever the log level)
        raise PluginError(f"{where}: the built page has no quick exit: a template of the site's custom_dir "
                          "replaces the `header` block of base.html without {{ super() }}; add {{ super() }} "
                          "to that block (README \"Theme overlay\")")
    # the page's markers as written (a plain string search is several times faster than a pattern)
    for marker, quiz_html in quizzes.items():
        output = output.replace(marker, quiz_html)
    if handout:
        output = present.mark_handout(output)
    if scorm_page:
        output = scorm.learner_page(output)
    if classic:
        output = offline.classic_scripts(output)
    return security_meta(output, where, allowed)


def security_meta(output: str, where: str, allowed: TemplateScripts) -> str:
    """The CSP, after checking that nothing outside the Markdown (front matter, titles, a template
    override) put a script, event handler or javascript: URL into the page."""
    found = integrity.scan(output, scripts=False)
    if found:
        raise PluginError(f"{where}: the built page has {found[0].describe()} "
                          f"(in `{found[0].raw[:80]}`: from the page's front matter, a title or a template override)")
    try:
        return add_security_meta(output, allowed)
    except UnknownInlineScript as exc:
        raise PluginError(f"{where}: the built page has an inline script that no template of the theme or the "
                          f"course plugin writes (`{str(exc)[:80]}`): content may not contain scripts; remove it "
                          "from the page's front matter or title") from None
