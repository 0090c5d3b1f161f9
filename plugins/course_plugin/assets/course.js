// Where progress is kept (on this device or for this visit only) and "Erase my data".
// The quick exit is not here: it lives in exit.js, loaded first, so nothing in this file can stop it.
// Plain script on the browser core (core.js, loaded first); a module online, a classic script offline (see plugin.py).
// Storage keys are documented in README.md.
(() => { // a scope of its own: classic scripts share the page's global names
"use strict";

const core = window.CourseCore;
const { prefix: PREFIX, mode: MODE, progress: PROGRESS, certificate: CERTIFICATE } = core.keys;
const box = document.querySelector("[data-quick-exit]");
let S = {};
try { S = JSON.parse(box.dataset.strings); } catch { /* no block: messages stay empty */ }

// Material keeps its settings under "<scope>.__name"; its scope is the site's root path. Found
// from Material's own global, else from this file's address (<site>/assets/course/course.js),
// compared by path so that a query string or fragment on the address changes nothing.
const scriptRoot = () => {
  for (const s of document.scripts) {
    try {
      const url = new URL(s.src, location.href);
      if (url.pathname.endsWith("/assets/course/course.js")) return new URL("../../", url).pathname;
    } catch { /* no src */ }
  }
  return null;
};
const ROOT = (window.__md_scope && window.__md_scope.pathname) || scriptRoot() || "/";
const materialKey = (key) => key.startsWith(ROOT) && key.includes(".__"); // Material: "<scope>.__palette" etc.

const stores = () => { try { return [localStorage, sessionStorage]; } catch { return []; } };
const visitOnly = core.visitOnly;

// -- where progress is kept, and "Erase my data" ----------------------------------------------
const say = (root, text) => { const out = root.querySelector("[data-storage-status]"); if (out) out.textContent = text; };
for (const root of document.querySelectorAll("[data-storage-choice]")) {
  const visit = visitOnly();
  root.querySelector(`input[value=${visit ? "visit" : "device"}]`).checked = true;
  root.addEventListener("change", (e) => {
    const wantVisit = e.target.value === "visit";
    try {
      const [local, session] = [localStorage, sessionStorage];
      const from = wantVisit ? local : session, to = wantVisit ? session : local;
      // the course's own keys and Material's (last tab, palette): visit-only leaves nothing on the device
      for (const key of Object.keys(from)) {
        if (key !== PROGRESS && key !== CERTIFICATE && !materialKey(key)) continue;
        to.setItem(key, from.getItem(key));
        from.removeItem(key);
      }
      wantVisit ? session.setItem(MODE, "visit") : session.removeItem(MODE);
    } catch { /* storage blocked: nothing is kept anyway */ }
    say(root, wantVisit ? S.storage_saved_visit : S.storage_saved_device);
  });
  root.querySelector("[data-erase-all]")?.addEventListener("click", () => {
    let progress = false, mode = false, certificate = false, theme = 0;
    for (const store of stores()) {
      for (const key of Object.keys(store)) {
        if (key === PROGRESS) progress = true;
        else if (key === MODE) mode = true;
        else if (key === CERTIFICATE) certificate = true;
        else if (materialKey(key)) theme += 1;
        else if (!key.startsWith(PREFIX)) continue;
        store.removeItem(key);
      }
    }
    const items = [progress && S.erase_item_progress, mode && S.erase_item_mode, certificate && S.erase_item_certificate,
      theme && core.fill(S.erase_item_theme, { n: theme })].filter(Boolean);
    root.querySelector("input[value=device]").checked = true;
    say(root, items.length ? core.fill(S.erase_all_done, { items: items.join(", ") }) : S.erase_all_nothing);
    document.dispatchEvent(new CustomEvent("course:erased"));
  });
}

// -- scripts fetched only when they can be used ----------------------------------------------------
// Listen (listen.js) is offered only with a voice that runs on the device for the page's language;
// without one (most first visits, every headless browser) the script is never downloaded
// (first-visit budget, tests/budgets.yml). It is fetched from beside this file.
const courseScript = () => {
  for (const s of document.scripts) {
    try { if (new URL(s.src, location.href).pathname.endsWith("/assets/course/course.js")) return s.src; } catch { /* no src */ }
  }
  return null;
};
const fetched = new Set();
const fetchScript = (name) => {
  const base = courseScript();
  if (!base || fetched.has(name)) return;
  fetched.add(name);
  const script = document.createElement("script");
  script.src = new URL(name, base).href; // a classic script: every course script works as one
  document.head.appendChild(script);
};
// Presentation mode (present.js, present.css) is a trainer's tool: fetched when she asks for it with
// the Present button or Alt+Shift+P. On touch devices and narrow screens the button is hidden
// (course.css) unless "?present" is in the page's address.
const presentButton = document.querySelector("[data-present][data-script]");
if (presentButton) {
  const html = document.documentElement;
  let asked = false;
  const present = () => {
    if (asked) return;
    asked = true;
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = presentButton.dataset.style;
    document.head.appendChild(style);
    const script = document.createElement("script");
    script.src = presentButton.dataset.script; // a classic script: every course script works as one
    // the slides are measured to fit the screen: start them once the styles apply, not only the script
    const loaded = (el) => new Promise((done) => { el.onload = el.onerror = done; });
    Promise.all([loaded(style), loaded(script)]).then(() => presentButton.click()); // present.js listens now
    document.head.appendChild(script);
  };
  presentButton.addEventListener("click", (e) => { if (!asked) { e.preventDefault(); present(); } });
  document.addEventListener("keydown", (e) => {
    if (asked || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.code !== "KeyP") return;
    e.preventDefault();
    html.classList.add("pr-allow");
    present();
  });
  if (/(^|[?&])present(=|&|$)/.test(location.search.slice(1))) html.classList.add("pr-allow");
  presentButton.closest(".pr-bar").hidden = false;
}

const listenBox = document.querySelector("[data-listen]");
const synth = window.speechSynthesis;
if (listenBox && synth && typeof synth.getVoices === "function") {
  const lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
  const check = () => {
    let voices = [];
    try { voices = synth.getVoices() || []; } catch { /* none */ }
    if (voices.some((v) => v && v.localService === true && String(v.lang || "").toLowerCase().replace("_", "-").split("-")[0] === lang)) {
      fetchScript("listen.js");
    }
  };
  check();
  if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", check);
  else synth.onvoiceschanged = check; // listen.js takes the handler over once it runs
}

// Wide tables scroll sideways on small screens: make each such region reachable by keyboard.
const focusScrollers = () => {
  for (const el of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0; else el.removeAttribute("tabindex");
  }
};
addEventListener("load", () => setTimeout(focusScrollers, 0));
addEventListener("resize", focusScrollers);
})();
