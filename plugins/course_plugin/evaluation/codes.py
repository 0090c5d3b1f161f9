"""Result codes: one exam-mode quiz attempt as a short text a participant can read aloud.

Format (README "Result codes"): ``QUIZID-PARTICIPANT-ANSWERS-CC``, for example
``PRETEST-GREEN14-0K3QZ9-7M``. The browser twin is assets/resultcode.js; keep them in step.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"      # Crockford base32: no I, L, O, U
LOOKALIKE = {"I": "1", "L": "1", "O": "0"}         # read as Crockford does
PRIME = 1021                                       # the largest prime below 32 * 32: two check characters
PARTICIPANT_MAX = 20


class CodeError(ValueError):
    """A text that is not a valid result code; the message says why, for the trainer."""

    def __init__(self, reason: str, **details):
        super().__init__(reason)
        self.reason, self.details = reason, details


@dataclass(frozen=True)
class Result:
    quiz: str
    participant: str
    answers: tuple             # per question: option id or None; list of ids (multiple, ordering)


def quiz_spec(quiz) -> dict:
    """What both sides need to encode, decode and score a quiz: the JSON given to the browser."""
    questions = []
    for q in quiz.all_questions():
        options = ["true", "false"] if q.type == "truefalse" else [o.id for o in q.options]
        questions.append({"id": q.id, "t": q.type, "o": options, "c": q.correct_ids(), "w": q.weight,
                          "p": bool(getattr(q, "partial_credit", False))})
    return {"id": quiz.id, "pass": quiz.pass_mark, "q": questions}


def radix(q: dict) -> int:
    n = len(q["o"])
    return {"single": n + 1, "truefalse": 3, "multiple": 2 ** n, "ordering": math.factorial(n)}[q["t"]]


def normalise_participant(text: str) -> str:
    """Upper case, letters and digits only: "green 14" and "Green-14" are the same participant."""
    text = unicodedata.normalize("NFC", text).upper()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _digit(q: dict, answer) -> int:
    o = q["o"]
    if q["t"] in ("single", "truefalse"):
        return 0 if answer is None else o.index(answer) + 1
    if q["t"] == "multiple":
        return sum(1 << o.index(a) for a in set(answer))
    perm = [o.index(a) for a in answer]          # ordering: the rank of the permutation (Lehmer code)
    if sorted(perm) != list(range(len(o))):
        raise ValueError(f"{q['id']}: an ordering answer lists every step once")
    rank = 0
    for i, p in enumerate(perm):
        rank = rank * (len(o) - i) + sum(1 for later in perm[i + 1:] if later < p)
    return rank


def _answer(q: dict, d: int):
    o = q["o"]
    if q["t"] in ("single", "truefalse"):
        return None if d == 0 else o[d - 1]
    if q["t"] == "multiple":
        return [x for k, x in enumerate(o) if d >> k & 1]
    left, out, n = list(o), [], len(o)
    digits = []
    for i in range(n):                            # undo the Lehmer rank, last position first
        digits.append(d % (i + 1))
        d //= i + 1
    for k in reversed(digits):
        out.append(left.pop(k))
    return out


def _width(spec: dict) -> int:
    total = math.prod(radix(q) for q in spec["q"])
    width = 1
    while 32 ** width < total:
        width += 1
    return width


def _value(ch: str) -> int:
    cp = ord(ch)
    return cp - 0x400 + 0x80 if 0x400 <= cp < 0x500 else cp   # Cyrillic apart from ASCII modulo the prime


def check(body: str) -> str:
    h = 0
    for ch in body:
        h = (h * 3 + _value(ch)) % PRIME
    return ALPHABET[h // 32] + ALPHABET[h % 32]


def encode(spec: dict, participant: str, answers) -> str:
    who = normalise_participant(participant)
    if not who or len(who) > PARTICIPANT_MAX:
        raise ValueError(f"the participant's code needs 1 to {PARTICIPANT_MAX} letters or digits")
    if len(answers) != len(spec["q"]):
        raise ValueError(f"{spec['id']} has {len(spec['q'])} questions, {len(answers)} answers given")
    number = 0
    for q, a in zip(spec["q"], answers):
        number = number * radix(q) + _digit(q, a)
    width, chars = _width(spec), []
    for _ in range(width):
        chars.append(ALPHABET[number % 32])
        number //= 32
    body = f"{spec['id'].upper()}-{who}-{''.join(reversed(chars))}"
    return f"{body}-{check(body)}"


def _crockford(text: str) -> str:
    return "".join(LOOKALIKE.get(ch, ch) for ch in text)


def decode(specs: dict[str, dict], text: str) -> Result:
    """``specs`` maps quiz id to quiz_spec(); raises CodeError naming what is wrong."""
    parts = [p for p in unicodedata.normalize("NFC", text).strip().upper().replace(" ", "-").split("-") if p]
    if len(parts) < 4:
        raise CodeError("shape")
    quiz_id, who = "-".join(parts[:-3]).lower(), parts[-3]
    digits, cc = _crockford(parts[-2]), _crockford(parts[-1])
    spec = specs.get(quiz_id)
    if spec is None:
        raise CodeError("test", test=quiz_id)
    if normalise_participant(who) != who or len(who) > PARTICIPANT_MAX:
        raise CodeError("shape")
    if len(digits) != _width(spec) or any(ch not in ALPHABET for ch in digits + cc) or len(cc) != 2:
        raise CodeError("shape")
    body = f"{spec['id'].upper()}-{who}-{digits}"
    if check(body) != cc:
        raise CodeError("check")
    number = 0
    for ch in digits:
        number = number * 32 + ALPHABET.index(ch)
    answers = []
    for q in reversed(spec["q"]):
        r = radix(q)
        answers.append(_answer(q, number % r))
        number //= r
    if number:
        raise CodeError("check")     # a value no answer pattern gives: a typing error the check missed
    return Result(spec["id"], who, tuple(reversed(answers)))


def question_score(q: dict, answer) -> float | None:
    """Between 0 and 1, None when unanswered: the rules of quiz.js (quizzes/README.md)."""
    c = q["c"]
    if q["t"] == "ordering":
        right = sum(1 for a, b in zip(answer, c) if a == b)
        return 1 if right == len(c) else right / len(c) if q["p"] else 0
    chosen = [answer] if q["t"] in ("single", "truefalse") and answer is not None else list(answer or [])
    if not chosen:
        return None
    if q["t"] == "multiple":
        good = sum(1 for x in chosen if x in c)
        bad = len(chosen) - good
        if not bad and good == len(c):
            return 1
        return max(0, (good - bad) / len(c)) if q["p"] else 0
    return 1 if len(chosen) == 1 and chosen[0] == c[0] else 0


def percent(spec: dict, scores) -> int:
    """The quiz's score as quiz.js shows it: weighted, rounded half up (Math.round)."""
    points = total = 0
    for q, s in zip(spec["q"], scores):
        points += (s or 0) * q["w"]
        total += q["w"]
    x = 100 * points / total
    n = math.floor(x)
    return n + 1 if x - n >= 0.5 else n      # exactly JavaScript's Math.round
