// The browser core: what every course script shares, once (README "Browser core"): site facts
// (#course-site, else the constants below), where data is kept, the one strict progress validator,
// fill() and the certificate alphabet, as one frozen global, window.CourseCore. Loaded before every
// course script but exit.js (the quick exit depends on nothing). Module online, classic offline.
(() => { // a scope of its own: classic scripts share the page's global names
"use strict";

// used when the page has no (readable) #course-site block
const PREFIX = "pvwud-course.";
const FALLBACK = {
  lang: document.documentElement.lang || "en",
  default: "en",
  languages: [{ code: "en", name: "English" }, { code: "ru", name: "Русский" }],
  storage: { prefix: PREFIX, progress: PREFIX + "progress.v1", mode: PREFIX + "mode", certificate: PREFIX + "certificate.v1" },
};

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
// a widget's build-time JSON (its .cq-data block, or sel), frozen; {} if missing or junk
const widgetData = (root, sel = ".cq-data") => {
  let v;
  try { v = JSON.parse(root.querySelector(sel).textContent); } catch { /* {} */ }
  return Object.freeze(isObject(v) ? v : {});
};
const readSite = () => {
  const data = widgetData(document, "#course-site");
  const languages = Array.isArray(data.languages) && data.languages.length
    && data.languages.every((l) => isObject(l) && typeof l.code === "string" && l.code && typeof l.name === "string")
    ? data.languages.map((l) => Object.freeze({ code: l.code, name: l.name })) : FALLBACK.languages;
  const storage = { ...FALLBACK.storage };
  if (isObject(data.storage)) { // only whole, usable keys replace the constants
    for (const k of Object.keys(storage)) if (typeof data.storage[k] === "string" && data.storage[k]) storage[k] = data.storage[k];
  }
  return Object.freeze({
    lang: typeof data.lang === "string" && data.lang ? data.lang : FALLBACK.lang,
    default: typeof data.default === "string" && data.default ? data.default : languages[0].code,
    languages: Object.freeze(languages),
    storage: Object.freeze(storage),
  });
};
const site = readSite();
const keys = site.storage;

// sessionStorage[mode] === "visit": "for this visit only", nothing reaches localStorage
const visitOnly = () => { try { return sessionStorage.getItem(keys.mode) === "visit"; } catch { return false; } };
const storage = () => {
  try { return visitOnly() ? sessionStorage : localStorage; } catch { return null; } // blocked: nothing kept
};
const readJSON = (key) => { try { return JSON.parse(storage()?.getItem(key) ?? "null"); } catch { return null; } };
const writeJSON = (key, value) => {
  try { storage()?.setItem(key, JSON.stringify(value)); return true; } catch { return false; } // full or blocked
};

// "{n} of {total}" with {n: 1, total: 3}; an unknown {name} is left as written
const fill = (text, vars = {}) => String(text ?? "").replace(/\{(\w+)\}/g, (m, k) => (Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m));

// a real calendar date YYYY-MM-DD, years 0001-9999 (the rule of the certificate contract)
const isDate = (v) => {
  if (typeof v !== "string" || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v) || v.startsWith("0000")) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
// one quiz's result: {best: integer 0-100, passed: boolean, attempts: integer >= 1, last: date}
const isResult = (r) => isObject(r) && Number.isInteger(r.best) && r.best >= 0 && r.best <= 100
  && Number.isInteger(r.attempts) && r.attempts > 0 && typeof r.passed === "boolean" && isDate(r.last);

// {quiz id: result} of the valid results only (a hand-edited "best": "100 (verified)" is never
// shown); prototype-free, so a stored id "__proto__" is only a name
const readProgress = () => {
  const out = Object.create(null);
  const data = readJSON(keys.progress);
  if (!isObject(data) || data.v !== 1 || !isObject(data.quizzes)) return out;
  for (const [id, r] of Object.entries(data.quizzes)) {
    if (isResult(r)) out[id] = { best: r.best, passed: r.passed, attempts: r.attempts, last: r.last };
  }
  return out;
};
// only valid results are written, so nothing this file would refuse ever reaches the store
const writeProgress = (quizzes) => {
  const valid = {};
  for (const [id, r] of Object.entries(quizzes || {})) if (isResult(r)) valid[id] = r;
  return writeJSON(keys.progress, { v: 1, quizzes: valid });
};

// Crockford base32 (no I, L, O, U): self-study numbers S-XXXX-XXXX, trainer ids XXXX-XXXX-XXXX (token.py)
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUP = `[${ALPHABET}]{4}`;
const numberPattern = (groups, prefix = "") => new RegExp(`^${prefix}${Array(groups).fill(GROUP).join("-")}$`);
// 32 divides 256: no bias
const randomCode = (n) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => ALPHABET[b % 32]).join("");

window.CourseCore = Object.freeze({
  site, keys, visitOnly, storage, readJSON, writeJSON, widgetData, fill, isDate, isResult,
  progress: Object.freeze({ read: readProgress, write: writeProgress }),
  number: Object.freeze({ ALPHABET, pattern: numberPattern, random: randomCode }),
});
})();
