// Module II record form: fill in, print a clean record, or seal it for an organisation (hpke.js).
// Nothing typed is ever stored: no Web Storage, IndexedDB, cookies or caches; autocomplete is off
// on the form and every field; the form is emptied on the quick exit ("course:exit" from the
// exit code, or a click on [data-exit]), on pagehide and by "Clear the form". Nothing here ever
// delays leaving (no beforeunload). Contract: README "Record a case".
// Plain script wrapped in its own scope (a module online, a classic script offline).
(() => {
"use strict";
const root = document.querySelector("[data-record-root]");
if (!root) return;
const form = root.querySelector("[data-record-form]");
const data = window.CourseCore.widgetData(root); // core.js, loaded first
const S = data.s;
const fields = [...form.querySelectorAll("[data-record-field]")];
const status = form.querySelector("[data-record-status]");
const sheet = root.querySelector("[data-record-print]");
const sealBox = form.querySelector("[data-record-seal-box]");
const sealed = form.querySelector("[data-record-sealed]");
const sealedBox = form.querySelector("[data-record-sealed-box]");
const sealButton = form.querySelector("[data-record-seal]");
const recipient = form.querySelector("[data-record-recipient]");
let unsupported = false;

const values = () => Object.fromEntries(fields.map((el) => [el.dataset.recordField, el.value.trim()]));
const anyValue = () => fields.some((el) => el.value.trim() !== "");
const setState = (state) => { form.dataset.recordState = state; };
const say = (text) => { status.textContent = text; };

// A gate answered "no" shows what to do first and closes the rest of the form until it is changed.
function applyGates() {
  let stopped = false;
  for (const section of form.querySelectorAll("[data-record-section]")) {
    section.hidden = stopped;
    for (const gate of section.querySelectorAll("[data-record-gate]")) {
      const no = gate.value === "no";
      form.querySelector(`[data-record-stop="${gate.dataset.recordField}"]`).hidden = !no;
      if (no) stopped = true;
    }
  }
  form.toggleAttribute("data-record-stopped", stopped);
  for (const el of form.querySelectorAll(".cr-actions button, .cr-actions select")) {
    if (el.hasAttribute("data-record-clear")) continue;
    el.disabled = stopped || (unsupported && el.closest("[data-record-seal-box]") !== null);
  }
  return stopped;
}

function refresh() {
  if (unsupported) setState("unsupported");
  else setState(anyValue() ? "filling" : "empty");
  applyGates();
}

function clearAll(message) {
  form.reset();                                   // every control back to its empty default
  for (const el of fields) el.value = "";
  if (sealed) { sealed.value = ""; sealedBox.hidden = true; }
  sheet.replaceChildren();
  refresh();
  say(message || "");
}

form.addEventListener("input", () => {
  if (sealed && sealed.value) { sealed.value = ""; sealedBox.hidden = true; } // a sealed text is of the old content
  refresh();
  say(form.hasAttribute("data-record-stopped") ? S.record_stopped : "");
});
form.addEventListener("submit", (e) => e.preventDefault()); // never sent anywhere (and CSP: form-action 'none')
form.querySelector("[data-record-clear]").addEventListener("click", () => {
  clearAll(S.record_cleared);
  fields[0].focus();
});

// Emptied when leaving: the quick exit (event and click, in the capture phase so it runs before
// the exit navigates), and pagehide (also when the page goes into the back-forward cache).
const wipe = () => clearAll("");
document.addEventListener("course:exit", wipe);
document.addEventListener("click", (e) => { if (e.target.closest?.("[data-exit]")) wipe(); }, true);
addEventListener("pagehide", wipe);

// -- print -------------------------------------------------------------------------------------
// The printed record is built from the values just before printing and emptied afterwards.
function fillSheet() {
  const v = values();
  const h = document.createElement("h2");
  h.textContent = S.record_print_title;
  const parts = [h];
  for (const section of form.querySelectorAll("[data-record-section]")) {
    const h3 = document.createElement("h3");
    h3.textContent = section.querySelector("legend").textContent;
    const dl = document.createElement("dl");
    for (const el of section.querySelectorAll("[data-record-field]")) {
      const dt = document.createElement("dt");
      dt.textContent = data.labels[el.dataset.recordField];
      const dd = document.createElement("dd");
      dd.dataset.recordPrintField = el.dataset.recordField;
      dd.textContent = el.tagName === "SELECT" && el.value ? el.selectedOptions[0].textContent : (v[el.dataset.recordField] || S.record_print_empty);
      dl.append(dt, dd);
    }
    parts.push(h3, dl);
  }
  sheet.replaceChildren(...parts);
}
addEventListener("beforeprint", fillSheet);
addEventListener("afterprint", () => sheet.replaceChildren());
form.querySelector("[data-record-print-button]").addEventListener("click", () => { fillSheet(); print(); });

// -- sealing -----------------------------------------------------------------------------------
const b64url = (u8) => { let s = ""; for (const b of u8) s += String.fromCharCode(b); return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""); };
const fromB64url = (t) => Uint8Array.from(atob(t.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((t.length + 3) % 4)), (c) => c.charCodeAt(0));

async function sealRecord() {
  if (!anyValue()) { say(S.record_seal_empty); return; }
  const org = data.recipients[Number(recipient.value)];
  const payload = JSON.stringify({ v: data.v, form: data.form, lang: data.lang, fields: values() });
  try {
    const out = await globalThis.CourseHPKE.seal(fromB64url(org.key), data.info, new Uint8Array(0), new TextEncoder().encode(payload));
    sealed.value = data.prefix + b64url(out);
    sealedBox.hidden = false;
    setState("sealed");
    say(S.record_sealed_done);
  } catch {
    say(S.record_seal_failed);
  }
}
if (sealBox) {
  sealButton.addEventListener("click", sealRecord);
  form.querySelector("[data-record-copy]").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(sealed.value); say(S.record_copied); } catch { sealed.select(); say(S.record_copy_failed); }
  });
  form.querySelector("[data-record-download]").addEventListener("click", () => {
    const a = document.createElement("a");
    a.href = "data:text/plain;charset=utf-8," + encodeURIComponent(sealed.value + "\n");
    a.download = "message.txt"; // neutral: says nothing about what it holds
    document.body.append(a);
    a.click();
    a.remove();
  });
  const hpke = globalThis.CourseHPKE;
  (hpke ? hpke.supported() : Promise.resolve(false)).then((ok) => {
    unsupported = !ok;
    form.querySelector("[data-record-unsupported]").hidden = ok;
    refresh();
  });
}
refresh();
})();
