// "Keep this course on this device" ([data-offline-save], README "Offline, by the learner's
// choice"): registers the site's service worker only when the learner presses the button, shows
// the copy's state and date, removes it on request and on "Erase my data". Loaded only on the pages
// that hold the control. Until she presses the button nothing is stored: looking for an existing
// copy uses getRegistration(), which creates nothing; caches are opened only when a copy exists.
// Plain script, no dependency (a module online, a classic script offline: see plugin.py).
(() => {
"use strict";

const core = window.CourseCore; // core.js, loaded first: the storage keys and mode
const visitOnly = core.visitOnly; // "visit": progress kept for this visit only (course.js)

for (const root of document.querySelectorAll("[data-offline-save]")) setUp(root);

function setUp(root) {
  const data = core.widgetData(root);
  if (!data.s) return; // no readable data: the control stays as built
  const S = data.s;
  const scope = new URL(data.root, location.href);
  const PREFIX = core.keys.prefix + "offline:" + scope.pathname + ":"; // as in serviceworker/sw.js (no page, no core)
  const META = new URL("offline-copy.json", scope).href;
  const status = root.querySelector("[data-offline-status]");
  const dateOut = root.querySelector("[data-offline-date]");
  const keep = root.querySelector("[data-offline-keep]");
  const remove = root.querySelector("[data-offline-remove]");
  const visitBox = root.querySelector("[data-offline-visit]");
  const visitOk = root.querySelector("[data-offline-visit-ok]");

  const setState = (state, text) => {
    root.dataset.offlineState = state;
    if (text !== undefined) status.textContent = text;
    remove.hidden = state !== "ready";
    keep.hidden = state === "unsupported";
    keep.disabled = state === "saving";
    keep.textContent = state === "ready" ? S.offline_keep_again : S.offline_keep;
  };
  const showVisit = () => { visitBox.hidden = !visitOnly(); };
  showVisit();
  document.addEventListener("change", (e) => { if (e.target.closest("[data-storage-choice]")) showVisit(); });

  const supported = "serviceWorker" in navigator && "caches" in window && window.isSecureContext &&
    /^https?:$/.test(location.protocol);
  if (!supported) { setState("unsupported", S.offline_unsupported); return; }

  const ours = (reg) => reg.scope === scope.href;
  const copies = async () => (await caches.keys()).filter((name) => name.startsWith(PREFIX));

  // The copy's date, from the copy itself (written last, so a copy with a date is complete)
  async function readCopy() {
    for (const name of await copies()) {
      const meta = await caches.match(META, { cacheName: name });
      if (meta) return meta.json();
    }
    return null;
  }
  const linkManifest = (on) => {
    let link = document.querySelector('link[rel="manifest"]');
    if (on && !link) {
      link = document.createElement("link");
      link.rel = "manifest";
      link.href = new URL(data.manifest, location.href).pathname;
      document.head.append(link);
    } else if (!on && link) link.remove();
  };
  async function showReady() {
    const meta = await readCopy();
    if (!meta) return false;
    const when = new Date(meta.date);
    dateOut.dataset.offlineDate = meta.date;
    dateOut.textContent = S.offline_date.replace("{date}",
      new Intl.DateTimeFormat(data.lang, { dateStyle: "long", timeStyle: "short" }).format(when));
    dateOut.hidden = false;
    setState("ready", S.offline_ready);
    linkManifest(true);
    return true;
  }

  const settled = (worker) => new Promise((resolve) => {
    const check = () => {
      if (worker.state === "activated" || worker.state === "redundant") { worker.removeEventListener("statechange", check); resolve(worker.state); }
    };
    worker.addEventListener("statechange", check);
    check();
  });

  async function save() {
    if (visitOnly() && !visitOk.checked) { // the copy outlives the visit: an explicit choice
      status.textContent = S.offline_visit_needed;
      visitOk.focus();
      return;
    }
    const choice = root.querySelector("input[name=cq-offline-languages]:checked");
    const url = new URL(data.sw, location.href);
    url.searchParams.set("languages", choice ? choice.value : data.lang);
    setState("saving", S.offline_saving);
    try {
      const reg = await navigator.serviceWorker.register(url.pathname + url.search, { scope: scope.pathname });
      const worker = reg.installing || reg.waiting;
      if (worker && (await settled(worker)) === "redundant") throw new Error("install failed");
      if (!worker) await reg.update().catch(() => {});
      if (!(await showReady())) throw new Error("no copy");
    } catch {
      const reg = await navigator.serviceWorker.getRegistration(scope.pathname);
      if (reg && ours(reg) && !reg.active) await reg.unregister(); // nothing half-made stays behind
      setState("error", S.offline_error);
    }
  }

  // Unregister the site's service worker and delete every cache of this site; how many were found.
  async function removeAll() {
    let found = 0;
    for (const reg of await navigator.serviceWorker.getRegistrations()) {
      if (reg.scope.startsWith(scope.href)) { await reg.unregister(); found += 1; }
    }
    for (const name of await copies()) { await caches.delete(name); found += 1; }
    linkManifest(false);
    dateOut.hidden = true;
    delete dateOut.dataset.offlineDate;
    return found;
  }

  root.addEventListener("submit", (e) => { e.preventDefault(); save(); });
  remove.addEventListener("click", async () => {
    await removeAll();
    setState("none", S.offline_removed);
    keep.focus();
  });
  // "Erase my data" (course.js) has removed the stored keys and said so: add the offline copy
  document.addEventListener("course:erased", async () => {
    if (!(await removeAll())) return;
    setState("none", "");
    const out = document.querySelector("[data-storage-status]");
    if (!out) return;
    const before = out.textContent.trim();
    out.textContent = !before || before === S.erase_all_nothing ? S.erase_offline_only : before + " " + S.erase_offline_done;
  });

  (async () => {
    const reg = await navigator.serviceWorker.getRegistration(scope.pathname);
    if (reg && ours(reg)) {
      if (!(await showReady())) setState("none", "");
      if (navigator.onLine) reg.update().catch(() => {}); // a changed site updates the copy
    } else setState("none", "");
  })().catch(() => setState("none", ""));
}
})();
