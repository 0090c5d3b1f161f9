"""The session figures from pre-test and post-test results (README "Session results").

Same definitions as assets/session.js: the page and ``scripts/evaluation.py`` must agree to the
last digit, so every figure is computed from integers and rounded half up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from . import codes

CONFIDENCE_ITEMS = 3        # the guidebook's confidence sheet: three ratings from 1 to 5


@dataclass
class Entry:
    participant: str         # normalised (codes.normalise_participant)
    test: str                # "pre" or "post"
    scores: list             # per question: 0..1, or None when unanswered
    confidence: list = field(default_factory=lambda: [None] * CONFIDENCE_ITEMS)


def tenths(num: int, den: int) -> str:
    """num / den to one decimal, half up, from integers only."""
    t = (20 * num + den) // (2 * den)
    sign = "-" if t < 0 else ""
    return f"{sign}{abs(t) // 10}.{abs(t) % 10}"


def hundredths(num: int, den: int) -> str:
    t = (200 * num + den) // (2 * den)
    sign = "-" if t < 0 else ""
    return f"{sign}{abs(t) // 100}.{abs(t) % 100:02d}"


def compute(entries: list[Entry], specs: dict[str, dict]) -> dict:
    """``specs`` maps "pre" and "post" to codes.quiz_spec() of the two tests."""
    pct = {}
    by_test = {"pre": {}, "post": {}}
    for e in entries:
        by_test[e.test][e.participant] = e
        pct[(e.test, e.participant)] = codes.percent(specs[e.test], e.scores)
    out = {"participants": len({e.participant for e in entries})}
    for test in ("pre", "post"):
        values = [pct[(test, p)] for p in by_test[test]]
        passed = sum(1 for v in values if v >= specs[test]["pass"])
        out[test] = {"n": len(values), "mean": tenths(sum(values), len(values)) if values else None,
                     "passed": passed}
    pairs = []
    for p in sorted(set(by_test["pre"]) | set(by_test["post"])):
        pre, post = pct.get(("pre", p)), pct.get(("post", p))
        pairs.append({"participant": p, "pre": pre, "post": post,
                      "gain": post - pre if pre is not None and post is not None else None})
    matched = [x for x in pairs if x["gain"] is not None]
    out["pairs"] = pairs
    out["matched"] = len(matched)
    if matched:
        s_pre, s_post = sum(x["pre"] for x in matched), sum(x["post"] for x in matched)
        out["mean_gain"] = tenths(s_post - s_pre, len(matched))
        room = 100 * len(matched) - s_pre
        out["normalised_gain"] = hundredths(s_post - s_pre, room) if room else None
    else:
        out["mean_gain"] = out["normalised_gain"] = None
    count = max(len(specs["pre"]["q"]), len(specs["post"]["q"]))
    questions = []
    for i in range(count):
        row = {"n": i + 1}
        for test in ("pre", "post"):
            done = [e for e in by_test[test].values() if i < len(e.scores)]
            right = sum(1 for e in done if e.scores[i] == 1)
            row[test] = tenths(100 * right, len(done)) if done else None
            row[test + "_right"], row[test + "_n"] = right, len(done)
        questions.append(row)
    out["questions"] = questions
    # most missed: lowest share correct after the session (before it, when there is no post-test)
    basis = "post" if by_test["post"] else "pre"
    ranked = sorted(questions, key=lambda r: (Fraction(r[basis + "_right"], r[basis + "_n"]) if r[basis + "_n"] else 2, r["n"]))
    out["most_missed"] = [r["n"] for r in ranked[:3] if r[basis + "_n"] and r[basis + "_right"] < r[basis + "_n"]]
    out["missed_basis"] = basis
    confidence = []
    for k in range(CONFIDENCE_ITEMS):
        row = {"n": k + 1}
        for test in ("pre", "post"):
            vals = [e.confidence[k] for e in by_test[test].values() if e.confidence[k] is not None]
            row[test] = tenths(sum(vals), len(vals)) if vals else None
            row[test + "_n"] = len(vals)
        confidence.append(row)
    out["confidence"] = confidence if any(r["pre_n"] or r["post_n"] for r in confidence) else []
    return out
