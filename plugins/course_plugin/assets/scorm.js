// SCORM 1.2 runtime of the course. Loaded only in the SCORM package (plugin option `scorm`, set
// by scripts/scorm.py): on every course page, before the other course scripts, and in the head of
// each SCO's launch page (plugins/course_plugin/scorm.py explains why there is one). It finds the
// LMS's `API` the way SCORM 1.2 requires, restores the learner's progress from cmi.suspend_data
// into the course's progress store before quiz.js reads it, and reports the module quiz's best
// result. Without an API it does nothing. No call to the LMS may break a page: all are guarded.
(() => { // a scope of its own: classic scripts share the page's global names
"use strict";

const core = window.CourseCore;           // core.js, loaded just before: the progress store and its one validator
const SESSION = "__pvwudScorm";            // the launch page's session, read by the pages in its frame
const LIMIT = 4096;                        // characters of cmi.suspend_data in SCORM 1.2
const root = document.documentElement;

// -- the LMS API --------------------------------------------------------------------------------
// SCORM 1.2 RTE 3.3.6.1: an object named API in this window or a parent, else in the opener's chain.
function apiIn(win) {
  for (let w = win, n = 0; w && n < 12; n++) {
    try { if (w.API && typeof w.API.LMSInitialize === "function") return w.API; } catch { /* another origin */ }
    if (w.parent === w) break;
    w = w.parent;
  }
  return null;
}
function findAPI() {
  let api = apiIn(window);
  for (const opener of [() => window.top.opener, () => window.opener]) {
    if (api) break;
    try { api = apiIn(opener()); } catch { /* unreachable opener */ }
  }
  return api;
}
const call = (api, name, ...args) => { try { return String(api[name](...args)); } catch { return ""; } };
const get = (api, element) => call(api, "LMSGetValue", element);
const set = (api, element, value) => call(api, "LMSSetValue", element, String(value));

// -- the progress store: the core's strict reader and writer (README contract) -------------------
const readProgress = () => core.progress.read();
const valid = core.isResult;

// -- cmi.suspend_data: "1" then one record per quiz, each "|id,best,passed 1/0,attempts,YYYYMMDD" --
// The session's own quiz first, then the most recent; a record that would pass 4,096 characters
// is left out (the course has a handful of quizzes: about 30 characters each).
function encode(all, first) {
  const ids = Object.keys(all).sort((a, b) => (a === first ? -1 : b === first ? 1 : all[b].last.localeCompare(all[a].last)));
  let out = "1";
  for (const id of ids) {
    const r = all[id], rec = `|${id},${r.best},${r.passed ? 1 : 0},${r.attempts},${r.last.replace(/-/g, "")}`;
    if (out.length + rec.length <= LIMIT) out += rec;
  }
  return out;
}
function decode(text) {
  const parts = String(text || "").split("|"), out = {};
  if (parts.shift() !== "1") return out;
  for (const part of parts) {
    const m = /^([a-z0-9][a-z0-9-]*),(\d{1,3}),([01]),(\d{1,6}),(\d{4})(\d\d)(\d\d)$/.exec(part);
    const r = m && { best: Number(m[2]), passed: m[3] === "1", attempts: Number(m[4]), last: `${m[5]}-${m[6]}-${m[7]}` };
    if (r && valid(r)) out[m[1]] = r;
  }
  return out;
}

// The LMS's record joins the store: per quiz the best score, passed once passed, the most
// attempts and the latest date, so neither side loses a result (another SCO may be older).
function restore(api) {
  const saved = decode(get(api, "cmi.suspend_data"));
  if (!Object.keys(saved).length) return;
  const all = readProgress();
  for (const [id, r] of Object.entries(saved)) {
    const o = all[id];
    all[id] = !o ? r : { best: Math.max(o.best, r.best), passed: o.passed || r.passed,
      attempts: Math.max(o.attempts, r.attempts), last: o.last > r.last ? o.last : r.last };
  }
  core.progress.write(all);
}

// -- the session: LMSInitialize ... LMSFinish, held by the launch page --------------------------
const pad = (n) => String(n).padStart(2, "0");
function timespan(ms) { // CMITimespan HHHH:MM:SS.SS
  const cs = Math.max(0, Math.round(ms / 10));
  return `${String(Math.min(9999, Math.floor(cs / 360000))).padStart(4, "0")}:${pad(Math.floor(cs / 6000) % 60)}:` +
    `${pad(Math.floor(cs / 100) % 60)}.${pad(cs % 100)}`;
}
function openSession(api, quiz) {
  const session = { api, quiz, start: Date.now(), open: call(api, "LMSInitialize", "") === "true", done: false };
  if (!session.open) return session;
  const status = get(api, "cmi.core.lesson_status");
  if (status === "" || status === "not attempted") {   // first launch
    set(api, "cmi.core.lesson_status", "incomplete");
    call(api, "LMSCommit", "");
  }
  addEventListener("pagehide", () => finish(session, leavingQuickly));
  return session;
}
function finish(session, quick) {
  if (!session.open || session.done) return;
  session.done = true;
  if (quick()) return;   // the quick exit: nothing may delay it, and every result is committed already
  set(session.api, "cmi.core.session_time", timespan(Date.now() - session.start));
  set(session.api, "cmi.core.exit", "suspend");   // suspend_data comes back on the next launch
  call(session.api, "LMSFinish", "");
}
// course.js marks the page "qx-out" when the quick exit starts (in the launch page: its frame's page)
function leavingQuickly() {
  const inFrame = () => { try { return document.querySelector(".scorm-frame")?.contentDocument?.documentElement; } catch { return null; } };
  return [root, inFrame()].some((el) => el?.classList.contains("qx-out"));
}
function findSession() {
  for (let w = window.parent, n = 0; w && w !== window && n < 12; n++) {
    try { if (w[SESSION]) return w[SESSION]; } catch { /* another origin */ }
    if (w.parent === w) break;
    w = w.parent;
  }
  return null;
}

// What the LMS sees: the score and status of the session's quiz (its best attempt, as on
// My progress) and the progress in suspend_data; committed after each change.
function report(session, id) {
  const all = readProgress(), own = session.quiz || id, r = all[own], api = session.api;
  if (r && id === own) {
    set(api, "cmi.core.score.min", 0);
    set(api, "cmi.core.score.max", 100);
    set(api, "cmi.core.score.raw", r.best);
    set(api, "cmi.core.lesson_status", r.passed ? "passed" : "failed");
  }
  set(api, "cmi.suspend_data", encode(all, own));
  call(api, "LMSCommit", "");
}

const api = findAPI();
if (!api) return;   // no LMS: the pages behave as the normal site
const launch = root.hasAttribute("data-scorm-launch");
let session = launch ? null : findSession();
if (!session) {   // the launch page, or a course page an LMS opened without it
  session = openSession(api, root.dataset.scormQuiz || null);
  if (launch) window[SESSION] = session;
}
if (launch || !session.open) return;
restore(session.api);
new MutationObserver((changes) => {
  const ids = new Set();
  for (const c of changes) {
    const quiz = c.target.closest("[data-quiz]");
    if (quiz && c.target.hasAttribute("data-score")) ids.add(quiz.dataset.quiz);
  }
  for (const id of ids) report(session, id);
}).observe(document.body, { attributes: true, attributeFilter: ["data-score"], subtree: true });   // set by quiz.js
document.addEventListener("course:erased", () => report(session, null));   // "Erase my data" (course.js)
})();
