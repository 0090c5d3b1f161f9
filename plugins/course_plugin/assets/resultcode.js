// Result codes (README "Result codes"): one exam-mode quiz attempt as QUIZID-PARTICIPANT-ANSWERS-CC.
// The Python twin is plugins/course_plugin/evaluation/codes.py; keep them in step (tests cross-check).
// Loaded before quiz.js and session.js; shared through window.courseResultCode (no import offline).
(() => { // a scope of its own: classic scripts share the page's global names
"use strict";

const ALPHABET = window.CourseCore.number.ALPHABET; // Crockford base32: no I, L, O, U (core.js, loaded first)
const LOOKALIKE = { I: "1", L: "1", O: "0" };
const PRIME = 1021; // the largest prime below 32 * 32: two check characters
const PARTICIPANT_MAX = 20;

const fact = (n) => { let f = 1n; for (let i = 2n; i <= BigInt(n); i++) f *= i; return f; };
const radix = (q) => {
  const n = q.o.length;
  return q.t === "single" ? BigInt(n + 1) : q.t === "truefalse" ? 3n : q.t === "multiple" ? 1n << BigInt(n) : fact(n);
};
const normalise = (text) => [...text.normalize("NFC").toUpperCase()].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).join("");
const width = (spec) => {
  const total = spec.q.reduce((p, q) => p * radix(q), 1n);
  let w = 1;
  while (32n ** BigInt(w) < total) w++;
  return w;
};
const value = (ch) => { const cp = ch.codePointAt(0); return cp >= 0x400 && cp < 0x500 ? cp - 0x400 + 0x80 : cp; };
function check(body) {
  let h = 0;
  for (const ch of body) h = (h * 3 + value(ch)) % PRIME;
  return ALPHABET[Math.floor(h / 32)] + ALPHABET[h % 32];
}

function digit(q, a) {
  if (q.t === "single" || q.t === "truefalse") return a == null ? 0n : BigInt(q.o.indexOf(a) + 1);
  if (q.t === "multiple") return [...new Set(a)].reduce((s, x) => s + (1n << BigInt(q.o.indexOf(x))), 0n);
  const perm = a.map((x) => q.o.indexOf(x)); // ordering: the rank of the permutation (Lehmer code)
  let rank = 0n;
  perm.forEach((p, i) => { rank = rank * BigInt(q.o.length - i) + BigInt(perm.slice(i + 1).filter((l) => l < p).length); });
  return rank;
}
function answer(q, d) {
  if (q.t === "single" || q.t === "truefalse") return d === 0n ? null : q.o[Number(d) - 1];
  if (q.t === "multiple") return q.o.filter((x, k) => (d >> BigInt(k)) & 1n);
  const left = [...q.o], digits = [];
  for (let i = 0; i < q.o.length; i++) { digits.push(Number(d % BigInt(i + 1))); d /= BigInt(i + 1); }
  return digits.reverse().map((k) => left.splice(k, 1)[0]);
}

function encode(spec, participant, answers) {
  const who = normalise(participant);
  if (!who || [...who].length > PARTICIPANT_MAX) return null;
  let n = 0n;
  spec.q.forEach((q, i) => { n = n * radix(q) + digit(q, answers[i]); });
  let chars = "";
  for (let i = 0; i < width(spec); i++) { chars = ALPHABET[Number(n % 32n)] + chars; n /= 32n; }
  const body = `${spec.id.toUpperCase()}-${who}-${chars}`;
  return `${body}-${check(body)}`;
}

// specs: quiz id -> spec. Returns {quiz, participant, answers} or {error: "shape" | "test" | "check", test}.
function decode(specs, text) {
  const parts = text.normalize("NFC").trim().toUpperCase().replaceAll(" ", "-").split("-").filter(Boolean);
  if (parts.length < 4) return { error: "shape" };
  const id = parts.slice(0, -3).join("-").toLowerCase(), who = parts.at(-3);
  const fix = (s) => [...s].map((ch) => LOOKALIKE[ch] || ch).join("");
  const digits = fix(parts.at(-2)), cc = fix(parts.at(-1));
  const spec = Object.hasOwn(specs, id) ? specs[id] : null;
  if (!spec) return { error: "test", test: id };
  if (normalise(who) !== who || [...who].length > PARTICIPANT_MAX) return { error: "shape" };
  if (digits.length !== width(spec) || cc.length !== 2 || ![...digits + cc].every((ch) => ALPHABET.includes(ch))) return { error: "shape" };
  const body = `${spec.id.toUpperCase()}-${who}-${digits}`;
  if (check(body) !== cc) return { error: "check" };
  let n = 0n;
  for (const ch of digits) n = n * 32n + BigInt(ALPHABET.indexOf(ch));
  const answers = [];
  for (const q of [...spec.q].reverse()) { const r = radix(q); answers.unshift(answer(q, n % r)); n /= r; }
  if (n) return { error: "check" };
  return { quiz: spec.id, participant: who, answers };
}

// Between 0 and 1, null when unanswered: the rules of quiz.js (quizzes/README.md).
function questionScore(q, a) {
  const c = q.c;
  if (q.t === "ordering") {
    const right = a.filter((x, i) => x === c[i]).length;
    return right === c.length ? 1 : q.p ? right / c.length : 0;
  }
  const chosen = q.t === "multiple" ? [...(a || [])] : a == null ? [] : [a];
  if (!chosen.length) return null;
  if (q.t === "multiple") {
    const good = chosen.filter((x) => c.includes(x)).length, bad = chosen.length - good;
    if (!bad && good === c.length) return 1;
    return q.p ? Math.max(0, (good - bad) / c.length) : 0;
  }
  return chosen.length === 1 && chosen[0] === c[0] ? 1 : 0;
}
// The quiz's score as quiz.js shows it: weighted, rounded half up.
function percent(spec, scores) {
  let points = 0, total = 0;
  spec.q.forEach((q, i) => { points += (scores[i] || 0) * q.w; total += q.w; });
  return Math.round((100 * points) / total);
}

window.courseResultCode = { encode, decode, normalise, questionScore, percent, PARTICIPANT_MAX };
})();
