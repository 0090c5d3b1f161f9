// Quick exit: "Exit this page" (button and link), Shift pressed three times, and the "for this visit
// only" storage mode's guard on Material's own settings. Public contract in README.md ("Learner safety").
//
// Loaded first: a plain synchronous script at the top of <body>, before Material's bundle and every
// other course script, so the exit works while the page is still loading and no error elsewhere can
// stop it. Every step is guarded: a failure in one never keeps the page from leaving.
// Baseline: ECMAScript 2015 (Android WebView / Chrome 51+, Safari 10+, Firefox 54+), checked by
// tests/test_exit_script.py with acorn (ecmaVersion 2015): no optional chaining, no `??`, no
// optional catch binding, no class fields, no async, no spread of objects; DOM calls that old
// WebViews lack (Element.closest, KeyboardEvent.key) have fallbacks.
(() => {
"use strict";

var WINDOW_MS = 2000; // the three Shift presses must fall within this time (see README: screen readers)

var doc = document;
var root = doc.documentElement;

// The storage keys from the page's site facts (site.py STORAGE_KEYS): the plugin writes that
// block right before this script, on every page and 404 page. Unreadable: no course key is known.
var KEYS = {};
try { KEYS = JSON.parse(doc.getElementById("course-site").textContent).storage || {}; } catch (e) { /* */ }
var PREFIX = typeof KEYS.prefix === "string" && KEYS.prefix ? KEYS.prefix : null;
var MODE = KEYS.mode;

function box() { return doc.querySelector("[data-quick-exit]"); }

function strings() {
  try { return JSON.parse(box().getAttribute("data-strings")) || {}; } catch (e) { return {}; }
}

function target(link) {
  var url = "";
  try { url = box().getAttribute("data-exit-url") || ""; } catch (e) { /* no block: use the link */ }
  if (!url && link) url = link.getAttribute("href") || "";
  return url || "about:blank";
}

function say(text) {
  try { var out = doc.querySelector(".qx-status"); if (out) out.textContent = text || ""; } catch (e) { /* */ }
}

function session() { try { return window.sessionStorage; } catch (e) { return null; } }
function local() { try { return window.localStorage; } catch (e) { return null; } }

function visitOnly() {
  try { return !!MODE && session().getItem(MODE) === "visit"; } catch (e) { return false; }
}

// Material keeps its settings under "<scope path>.__name" (last tab, palette, ...).
function scopePath() {
  try { if (window.__md_scope) return window.__md_scope.pathname; } catch (e) { /* */ }
  return null;
}
function siteKey(key) {
  var scope = scopePath();
  return (PREFIX !== null && key.indexOf(PREFIX) === 0) || (scope !== null && key.indexOf(scope + ".__") === 0);
}

function forgetSession() {
  var store = session();
  if (!store) return;
  var keys = [];
  for (var i = 0; i < store.length; i++) keys.push(store.key(i));
  keys.forEach(function (key) { if (key !== null && siteKey(key)) store.removeItem(key); });
}

var leaving = false;
function leave(link) {
  if (leaving) return;
  leaving = true;
  var url = target(link);
  try { root.className += " qx-out"; } catch (e) { /* */ }
  say(strings().exit_leaving);
  try { forgetSession(); } catch (e) { /* storage blocked: nothing to forget */ }
  // widgets that hold typed text (the record form) or speech empty themselves on this event
  try { doc.dispatchEvent(new CustomEvent("course:exit")); } catch (e) { /* old browser: they listen to clicks too */ }
  leaveWindow(url);
}

// Inside an LMS the course runs in a frame: leave the whole window (top-level navigation) when the
// browser allows it, and this frame in any case. replace: Back does not return to this page.
function leaveWindow(url) {
  try { if (window.top !== window) window.top.location.replace(url); } catch (e) { /* refused by the LMS's frame */ }
  location.replace(url);
}

function exitLink(node) {
  for (; node && node !== doc; node = node.parentNode) {
    if (node.nodeType === 1 && node.hasAttribute("data-exit")) return node;
  }
  return null;
}

// Capture phase on window: runs before any other click handler of the page can stop it.
window.addEventListener("click", function (e) {
  var link = exitLink(e.target);
  if (link) { e.preventDefault(); leave(link); }
}, true);

// Shift x3: count key-ups of a Shift pressed alone; Shift used as a modifier does not count.
var presses = 0, alone = false, timer = null;
function isShift(e) { return e.key === "Shift" || (e.key === undefined && e.keyCode === 16); }
function reset() { presses = 0; if (timer) clearTimeout(timer); timer = null; say(""); }
window.addEventListener("keydown", function (e) {
  if (isShift(e)) { if (!e.repeat) alone = true; } else { alone = false; reset(); }
}, true);
window.addEventListener("keyup", function (e) {
  if (!isShift(e) || !alone) return;
  alone = false;
  presses += 1;
  if (timer) clearTimeout(timer);
  timer = setTimeout(reset, WINDOW_MS);
  if (presses >= 3) { reset(); leave(null); return; }
  var S = strings();
  say(presses === 1 ? S.exit_press_2 : S.exit_press_1);
}, true);
window.addEventListener("pageshow", function () {
  leaving = false;
  try { root.className = root.className.replace(/(^|\s)qx-out(?=\s|$)/g, ""); } catch (e) { /* */ }
  reset();
});

// On a phone the open search field leaves room for the button (course.css reads --qx-width).
function roomForButton() {
  try {
    var button = doc.querySelector(".md-header .qx-button");
    if (button && button.offsetWidth) root.style.setProperty("--qx-width", (button.offsetWidth + 16) + "px");
  } catch (e) { /* the CSS default applies */ }
}
doc.addEventListener("DOMContentLoaded", roomForButton);
window.addEventListener("resize", roomForButton);

// "For this visit only": Material's settings go to sessionStorage too. Material reads and writes
// them only through the global __md_get / __md_set of its first inline script (which ran before
// this file); its bundle looks those names up at each call, so wrapping them here covers it all.
function guard(name, storageArg) {
  var original = window[name];
  if (typeof original !== "function" || original.courseGuard) return;
  var wrapped = function () {
    var args = Array.prototype.slice.call(arguments);
    var store = args[storageArg];
    if ((store === undefined || store === local()) && visitOnly()) {
      while (args.length < storageArg) args.push(undefined);
      args[storageArg] = session();
    }
    return original.apply(this, args);
  };
  wrapped.courseGuard = true;
  window[name] = wrapped;
}
try { guard("__md_get", 1); guard("__md_set", 2); } catch (e) { /* Material missing: nothing to guard */ }

// and whatever reached localStorage before visit-only mode was chosen moves to this visit's storage
function sweep() {
  if (!visitOnly()) return;
  var from = local(), to = session();
  if (!from || !to) return;
  var keys = [];
  for (var i = 0; i < from.length; i++) keys.push(from.key(i));
  keys.forEach(function (key) {
    if (key === null || !siteKey(key)) return;
    to.setItem(key, from.getItem(key));
    from.removeItem(key);
  });
}
try { sweep(); } catch (e) { /* storage blocked */ }
window.addEventListener("pagehide", function () { try { sweep(); } catch (e) { /* */ } });
})();
