"""The donor report of ``scripts/evaluation.py``: one self-contained HTML file (prints on 1-2 sheets).

The same figures, labels and markup attributes as the Session results page (assets/session.js).
"""

from __future__ import annotations

from markupsafe import escape

CSS = """body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:48rem;margin:1.5rem auto;padding:0 1rem;color:#111}
dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.4rem 1rem}dl div{margin:0}
dt{font-size:.8rem}dd{margin:0;font-size:1.2rem;font-weight:700}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #999;padding:.2rem .5rem;text-align:left}svg{width:100%;max-width:36rem;height:auto}
.session-bar-pre{fill:#9fb4d9;background:#9fb4d9}.session-bar-post{fill:#1f3f7a;background:#1f3f7a}
.session-key{display:inline-block;width:.8em;height:.8em;margin-left:.6em;print-color-adjust:exact;-webkit-print-color-adjust:exact}text{font-size:9px}h3{break-after:avoid}
@media print{body{margin:0;max-width:none}table{font-size:9pt}}"""


def chart(f: dict, s: dict) -> str:
    width, top, scale = 40 * len(f["questions"]) + 40, 10, 1.5
    parts = [f'<svg viewBox="0 0 {width} 170" role="img" aria-labelledby="session-chart-title session-chart-desc" '
             f'class="session-chart" data-session-chart="">',
             f'<title id="session-chart-title">{escape(s["session_questions_title"])}</title>',
             f'<desc id="session-chart-desc">{escape(s["session_chart_desc"])}</desc>',
             f'<line x1="30" y1="{top + 150}" x2="{width}" y2="{top + 150}" stroke="currentColor"></line>']
    for v in (50, 100):   # gridlines with their value, as in session.js
        y = top + 150 - v * scale
        parts.append(f'<line x1="30" y1="{y:g}" x2="{width}" y2="{y:g}" stroke="currentColor" stroke-opacity=".25"></line>'
                     f'<text x="28" y="{y + 3:g}" text-anchor="end" aria-hidden="true">{v}%</text>')
    for i, r in enumerate(f["questions"]):
        for j, t in enumerate(("pre", "post")):
            if r[t] is None:
                continue
            h = float(r[t]) * scale
            parts.append(f'<rect x="{34 + 40 * i + 16 * j}" y="{top + 150 - h:g}" width="14" height="{h:g}" '
                         f'class="session-bar session-bar-{t}" data-question="{r["n"]}" data-test="{t}" '
                         f'data-value="{r[t]}"></rect>')
        parts.append(f'<text x="{34 + 40 * i + 15}" y="168" text-anchor="middle" aria-hidden="true">{r["n"]}</text>')
    return "".join(parts) + "</svg>"


def render_report(f: dict, s: dict, lang: str, source: str) -> str:
    num = lambda x: str(x).replace(".", s["session_decimal"])     # shown text only: figures keep the dot
    _pct = lambda x: "—" if x is None else f"{num(x)}%"
    _dash = lambda x: "—" if x is None else num(x)
    of = lambda n, total: s["session_of"].replace("{n}", str(n)).replace("{total}", str(total))
    figures = [
        ("participants", s["session_participants"], str(f["participants"])),
        ("mean-pre", s["session_mean_pre"], f'{_pct(f["pre"]["mean"])} ({f["pre"]["n"]})'),
        ("mean-post", s["session_mean_post"], f'{_pct(f["post"]["mean"])} ({f["post"]["n"]})'),
        ("matched", s["session_matched"], str(f["matched"])),
        ("mean-gain", s["session_mean_gain"], _dash(f["mean_gain"])),
        ("normalised-gain", s["session_normalised_gain"], _dash(f["normalised_gain"])),
        ("passed-pre", f'{s["session_passed"]}: {s["session_test_pre"]}', of(f["pre"]["passed"], f["pre"]["n"])),
        ("passed-post", f'{s["session_passed"]}: {s["session_test_post"]}', of(f["post"]["passed"], f["post"]["n"])),
    ]
    attrs = {"participants": f["participants"], "mean-pre": f["pre"]["mean"], "mean-post": f["post"]["mean"],
             "mean-gain": f["mean_gain"], "normalised-gain": f["normalised_gain"], "matched": f["matched"]}
    out = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f'<title>{escape(s["session_report_title"])}</title><style>{CSS}</style></head><body>',
           '<div data-session-summary ' + " ".join(f'data-{k}="{escape(_blank(v))}"' for k, v in attrs.items()) + ">",
           f'<h1>{escape(s["session_report_title"])}</h1><p>{escape(s["session_report_note"])}</p>',
           f'<p><small>{escape(source)}</small></p><dl class="session-figures">']
    out += [f'<div data-figure="{k}"><dt>{escape(label)}</dt><dd>{escape(value)}</dd></div>' for k, label, value in figures]
    out.append(f'</dl><h2>{escape(s["session_questions_title"])}</h2>{chart(f, s)}<p aria-hidden="true">'
               f'<span class="session-key session-bar-pre"></span> {escape(s["session_before"])} '
               f'<span class="session-key session-bar-post"></span> {escape(s["session_after"])}</p>')
    out.append(f'<table class="session-questions" data-session-questions><thead><tr><th scope="col">{escape(s["session_question"])}'
               f'</th><th scope="col">{escape(s["session_before"])}</th><th scope="col">{escape(s["session_after"])}</th></tr></thead><tbody>')
    for r in f["questions"]:
        cell = lambda t: "—" if r[t] is None else f'{_pct(r[t])} ({r[t + "_right"]}/{r[t + "_n"]})'
        out.append(f'<tr data-session-question="{r["n"]}"><th scope="row">{r["n"]}</th><td data-test="pre">{cell("pre")}</td>'
                   f'<td data-test="post">{cell("post")}</td></tr>')
    out.append(f'</tbody></table><h2>{escape(s["session_missed_title"])}</h2>')
    if f["most_missed"]:
        out.append("<ol data-session-missed>" + "".join(
            f'<li data-question="{n}">{escape(s["session_question"])} {n}: {_pct(f["questions"][n - 1][f["missed_basis"]])}</li>'
            for n in f["most_missed"]) + "</ol>")
    else:
        out.append(f'<p>{escape(s["session_missed_none"])}</p>')
    out.append(f'<h2>{escape(s["session_pairs_title"])}</h2><table class="session-pairs" data-session-pairs><thead><tr>'
               + "".join(f'<th scope="col">{escape(h)}</th>' for h in (s["session_grid_participant"], s["session_test_pre"],
                                                                       s["session_test_post"], s["session_gain"]))
               + "</tr></thead><tbody>")
    for p in f["pairs"]:
        out.append(f'<tr data-participant="{escape(p["participant"])}"><th scope="row">{escape(p["participant"])}</th>'
                   f'<td>{_pct(p["pre"])}</td><td>{_pct(p["post"])}</td><td>{_dash(p["gain"])}</td></tr>')
    out.append("</tbody></table>")
    if f["confidence"]:
        out.append(f'<h2>{escape(s["session_confidence_title"])}</h2><table class="session-confidence" data-session-confidence>'
                   f'<thead><tr><th scope="col">{escape(s["session_question"])}</th><th scope="col">{escape(s["session_before"])}'
                   f'</th><th scope="col">{escape(s["session_after"])}</th></tr></thead><tbody>')
        for r in f["confidence"]:
            label = s["session_confidence_n"].replace("{n}", str(r["n"]))
            out.append(f'<tr><th scope="row">{escape(label)}</th><td>{_dash(r["pre"])}</td><td>{_dash(r["post"])}</td></tr>')
        out.append("</tbody></table>")
    out.append("</div></body></html>\n")
    return "\n".join(out)


def _blank(v) -> str:
    return "" if v is None else str(v)
