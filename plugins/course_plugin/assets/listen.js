// "Listen": reads the page aloud with the browser's own speech synthesis, in the page's language,
// from the heading she is at, with pause and stop. Public contract in README.md ("Listen").
//
// Offered only with a voice that runs on the device (SpeechSynthesisVoice.localService): a network
// voice would send the text she is reading to a third party. Voices load asynchronously, so the
// control stays hidden until "voiceschanged" brings a local voice for the page's language.
// The quick exit stops speech at once: exit.js dispatches "course:exit" and marks <html> with the
// class "qx-out" before it leaves, and a click on [data-exit] is seen here first (capture phase).
(() => {
"use strict";

const box = document.querySelector("[data-listen]");
const synth = window.speechSynthesis;
if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;

const root = document.documentElement;
const S = JSON.parse(box.dataset.strings || "{}");
const play = box.querySelector("[data-listen-play]");
const pause = box.querySelector("[data-listen-pause]");
const stopButton = box.querySelector("[data-listen-stop]");
const article = document.querySelector("article.md-content__inner") || document.querySelector(".md-content");
const pageLang = (root.lang || "en").toLowerCase();
const primary = (tag) => String(tag || "").toLowerCase().replace("_", "-").split("-")[0];

// -- the voice ------------------------------------------------------------------------------------
let voice = null;
function pickVoice() {
  let voices = [];
  try { voices = synth.getVoices() || []; } catch { /* none */ }
  const mine = voices.filter((v) => v && v.localService === true && primary(v.lang) === primary(pageLang));
  return mine.find((v) => v.default) || mine.find((v) => String(v.lang).toLowerCase() === pageLang) || mine[0] || null;
}
function updateVoice() {
  voice = pickVoice();
  box.hidden = !voice;
  if (!voice && state !== "idle") stop();
}

// -- what is read -----------------------------------------------------------------------------------
// Each chunk is the text of one block (heading, paragraph, list item, cell ...), read in page order.
const BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,summary,pre,legend,label,blockquote,.admonition-title";
const SKIP = "script,style,template,button,input,select,textarea,.headerlink,.page-tools,[aria-hidden=true],[hidden]," +
  ".cq-data,.md-source-file,.page-reviewed,.slide-break,.footnote-ref"; // footnote numbers are not read
const HEADINGS = "h1,h2,h3,h4";

function chunks(from) {
  const out = [];
  if (!article) return out;
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let current = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(SKIP) || !parent.getClientRects().length) continue;
    const block = parent.closest(BLOCKS) || parent;
    if (!node.nodeValue.trim()) { if (current && current.el === block) current.text += " "; continue; } // the space between two words
    if (from && block !== from && !(from.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (!current || current.el !== block) { current = { el: block, text: "" }; out.push(current); }
    current.text += node.nodeValue;
  }
  for (const c of out) c.text = c.text.replace(/\s+/g, " ").trim();
  return out.filter((c) => c.text);
}

// The heading she is at: the last one above a line a third of the way down the screen.
function startHeading() {
  if (!article) return null;
  const line = innerHeight / 3;
  let at = null;
  for (const h of article.querySelectorAll(HEADINGS)) {
    if (h.closest(SKIP) || !h.getClientRects().length) continue;
    if (h.getBoundingClientRect().top <= line) at = h; else break;
  }
  return at;
}

// -- speaking ---------------------------------------------------------------------------------------
let state = "idle", queue = [], index = 0, run = 0;
function setState(next) {
  state = next;
  box.dataset.listenState = next;
  play.hidden = next !== "idle";
  pause.hidden = stopButton.hidden = next === "idle";
  pause.textContent = next === "paused" ? S.resume : S.pause;
  for (const el of article ? article.querySelectorAll(".ls-now") : []) if (next === "idle") el.classList.remove("ls-now");
}
function mark(el) {
  for (const old of article.querySelectorAll(".ls-now")) old.classList.remove("ls-now");
  if (el) el.classList.add("ls-now");
}
function speakNext(token) {
  if (token !== run || state === "idle") return;
  if (index >= queue.length) { stop(); play.focus(); return; }
  const chunk = queue[index++];
  const u = new window.SpeechSynthesisUtterance(chunk.text);
  u.lang = voice.lang || pageLang;
  u.voice = voice;
  u.addEventListener("start", () => { if (token === run) mark(chunk.el); });
  u.addEventListener("end", () => speakNext(token));
  u.addEventListener("error", (e) => { if (token === run && e.error !== "interrupted" && e.error !== "canceled") stop(); });
  synth.speak(u);
}
function start() {
  if (!voice) return;
  cancelSpeech();
  queue = chunks(startHeading());
  index = 0;
  run += 1;
  if (!queue.length) return;
  setState("speaking");
  speakNext(run);
  pause.focus();
}
function cancelSpeech() { try { synth.cancel(); } catch { /* nothing to stop */ } }
function stop() {
  run += 1; // the utterances of this run no longer chain
  cancelSpeech();
  setState("idle");
}

play.addEventListener("click", start);
pause.addEventListener("click", () => {
  if (state === "speaking") { synth.pause(); setState("paused"); }
  else if (state === "paused") { synth.resume(); setState("speaking"); }
});
stopButton.addEventListener("click", () => { stop(); play.focus(); });

// The quick exit: cancel before anything else runs (capture), and whenever <html> gets "qx-out".
const exitNow = () => { run += 1; cancelSpeech(); };
document.addEventListener("click", (e) => { if (e.target && e.target.closest && e.target.closest("[data-exit]")) exitNow(); }, true);
new MutationObserver(() => { if (root.classList.contains("qx-out")) exitNow(); })
  .observe(root, { attributes: true, attributeFilter: ["class"] });
document.addEventListener("course:exit", exitNow); // exit.js, before it leaves
addEventListener("pagehide", exitNow);

// Below the title row the control floats at the foot of the screen, so that she can start from the
// heading she is reading (the title row keeps its place: nothing shifts).
const row = box.closest(".page-tools");
if (row && "IntersectionObserver" in window) {
  new IntersectionObserver((entries) => { box.classList.toggle("ls-float", !entries[entries.length - 1].isIntersecting); })
    .observe(row);
}

setState("idle");
updateVoice();
if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", updateVoice);
else synth.onvoiceschanged = updateVoice;
})();
