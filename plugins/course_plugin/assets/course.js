// Site-wide safety code: quick exit (button, link, Shift x3), where progress is kept, erase.
// Plain script, no dependency (a module online, a classic script offline: see plugin.py). Storage keys are documented in README.md.
(() => { // a scope of its own: classic scripts share the page's global names
"use strict";

// the storage keys from the page's site facts (site.py STORAGE_KEYS); never stops the quick exit
const KEYS = (() => { try { return JSON.parse(document.getElementById("course-site").textContent).storage; } catch { return {}; } })();
const PREFIX = KEYS.prefix ?? "\0"; // "\0": no key starts with it, so nothing else is touched
const MODE = KEYS.mode;
const PROGRESS = KEYS.progress;
const CERTIFICATE = KEYS.certificate; // the self-study certificate's number
// this file lives in <site>/assets/course/ (found by its tag: a classic script has no import.meta)
const ROOT = new URL("../../", document.querySelector("script[src$=\"assets/course/course.js\"]").src).pathname;
const box = document.querySelector("[data-quick-exit]");
const S = box ? JSON.parse(box.dataset.strings) : {};
const target = box?.dataset.exitUrl || "about:blank";

const stores = () => { try { return [localStorage, sessionStorage]; } catch { return []; } };
const visitOnly = () => { try { return sessionStorage.getItem(MODE) === "visit"; } catch { return false; } };

// -- quick exit -------------------------------------------------------------------------------
const status = document.querySelector(".qx-status");
function leave() {
  document.documentElement.classList.add("qx-out");
  if (status) status.textContent = S.exit_leaving;
  if (visitOnly()) try { for (const k of Object.keys(sessionStorage)) if (k.startsWith(PREFIX)) sessionStorage.removeItem(k); } catch { /* */ }
  location.replace(target); // replace: Back does not return to this page
}
document.addEventListener("click", (e) => {
  if (e.target.closest("[data-exit]")) { e.preventDefault(); leave(); }
});
let presses = 0, alone = false, timer;
document.addEventListener("keydown", (e) => { alone = e.key === "Shift" && !e.repeat ? true : e.key === "Shift" ? alone : false; });
document.addEventListener("keyup", (e) => {
  if (e.key !== "Shift" || !alone) return;
  presses += 1;
  clearTimeout(timer);
  timer = setTimeout(() => { presses = 0; if (status) status.textContent = ""; }, 5000);
  if (presses >= 3) { presses = 0; leave(); return; }
  if (status) status.textContent = presses === 1 ? S.exit_press_2 : S.exit_press_1;
});
addEventListener("pageshow", () => { document.documentElement.classList.remove("qx-out"); presses = 0; if (status) status.textContent = ""; });

// -- where progress is kept, and "Erase my data" ----------------------------------------------
const say = (root, text) => { const out = root.querySelector("[data-storage-status]"); if (out) out.textContent = text; };
for (const root of MODE ? document.querySelectorAll("[data-storage-choice]") : []) {
  const visit = visitOnly();
  root.querySelector(`input[value=${visit ? "visit" : "device"}]`).checked = true;
  root.addEventListener("change", (e) => {
    const wantVisit = e.target.value === "visit";
    try {
      const [local, session] = [localStorage, sessionStorage];
      const from = wantVisit ? local : session, to = wantVisit ? session : local;
      for (const key of [PROGRESS, CERTIFICATE]) {
        const data = from.getItem(key);
        if (data !== null) to.setItem(key, data);
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
        else if (key.startsWith(ROOT) && key.includes(".__")) theme += 1; // Material: "<scope>.__palette" etc.
        else if (!key.startsWith(PREFIX)) continue;
        store.removeItem(key);
      }
    }
    const items = [progress && S.erase_item_progress, mode && S.erase_item_mode, certificate && S.erase_item_certificate,
      theme && S.erase_item_theme.replace("{n}", theme)].filter(Boolean);
    root.querySelector("input[value=device]").checked = true;
    say(root, items.length ? S.erase_all_done.replace("{items}", items.join(", ")) : S.erase_all_nothing);
    document.dispatchEvent(new CustomEvent("course:erased"));
  });
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
