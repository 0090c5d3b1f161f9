// Quiz progress kept in this browser (README: pvwud-course.progress.v1), read with one set of
// strict rules by quiz.js and certificate.js, which load after this file. Anything corrupt,
// foreign or hand-edited ("best": "100 (verified)", "last": "2026-99-99") is ignored, never shown.
(() => { // a scope of its own: offline, course scripts load as classic scripts
"use strict";
// the storage keys come from the page's site facts (site.py STORAGE_KEYS; README "Privacy")
const KEYS = (() => { try { return JSON.parse(document.getElementById("course-site").textContent).storage; } catch { return {}; } })();
const KEY = KEYS.progress;
const MODE_KEY = KEYS.mode; // sessionStorage: "visit" keeps progress for this visit only

const storage = () => {
  if (!KEY || !MODE_KEY) return null; // no site facts on this page: nothing is read or stored
  try { return sessionStorage.getItem(MODE_KEY) === "visit" ? sessionStorage : localStorage; }
  catch { return null; }
};
// a real calendar date YYYY-MM-DD, years 0001-9999 (the rule of the certificate contract)
const isDate = (v) => {
  if (typeof v !== "string" || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v) || v.startsWith("0000")) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const isResult = (r) => r !== null && typeof r === "object" && Number.isInteger(r.best) && r.best >= 0
  && r.best <= 100 && Number.isInteger(r.attempts) && r.attempts > 0 && typeof r.passed === "boolean" && isDate(r.last);

// {quiz id: {best, passed, attempts, last}} of the valid results; a prototype-free object, so a
// stored id such as "__proto__" is only a name.
function read() {
  const out = Object.create(null);
  try {
    const data = JSON.parse(storage()?.getItem(KEY) ?? "null");
    if (!data || data.v !== 1 || !data.quizzes || typeof data.quizzes !== "object" || Array.isArray(data.quizzes)) return out;
    for (const [id, r] of Object.entries(data.quizzes)) {
      if (isResult(r)) out[id] = { best: r.best, passed: r.passed, attempts: r.attempts, last: r.last };
    }
  } catch { /* unreadable: start afresh */ }
  return out;
}

function write(quizzes) {
  try { storage()?.setItem(KEY, JSON.stringify({ v: 1, quizzes })); } catch { /* full or blocked */ }
}

globalThis.pvwudCourseProgress = Object.freeze({ storage, read, write, isDate, isResult, keys: KEYS });
})();
