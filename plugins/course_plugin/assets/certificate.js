// Certificate of self-study: reads the quiz progress kept in this browser, says what is still
// missing, and fills the printable sheet. Nothing leaves the device; the typed name is inserted
// as text and never stored. Storage keys are documented in README.md.
(() => { // a scope of its own: offline, course scripts load as classic scripts
"use strict";
  const progress = globalThis.pvwudCourseProgress; // progress.js, loaded first: the strict reader
  const NUMBER = progress.keys.certificate; // {"number": "S-XXXX-XXXX"}: the same number on every reprint
  const root = document.querySelector("[data-course-certificate]");

  const store = progress.storage; // the number lives beside the progress
  const readJSON = (key) => { try { return JSON.parse(store()?.getItem(key) ?? "null"); } catch { return null; } };
  const results = () => progress.read(); // only valid results: integer scores 0-100, real dates
  // Crockford base32 without look-alike letters, from the browser's random source.
  const newNumber = () => {
    const abc = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    const s = Array.from(bytes, (b) => abc[b % 32]).join("");
    return `S-${s.slice(0, 4)}-${s.slice(4)}`;
  };
  const certificateNumber = () => {
    const saved = readJSON(NUMBER);
    if (saved && typeof saved.number === "string" && /^S-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(saved.number)) return saved.number;
    const number = newNumber();
    try { store()?.setItem(NUMBER, JSON.stringify({ number })); } catch { /* blocked: a new number next time */ }
    return number;
  };

  if (root) {
    const data = JSON.parse(root.querySelector(".cq-data").textContent);
    const S = data.s;
    const form = root.querySelector("[data-cert-form]");
    const printButton = root.querySelector("[data-cert-print]");
    const status = root.querySelector("[data-cert-status]");
    const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

    const refresh = () => {
      const all = results();
      let missing = 0;
      for (const q of data.quizzes) {
        const r = all[q.id];
        const li = root.querySelector(`[data-cert-quiz="${q.id}"]`);
        const passed = !!(r && r.passed === true);
        if (!passed) missing += 1;
        li.hidden = passed;
        li.querySelector("[data-cert-quiz-status]").textContent = passed
          ? fill(S.selfcert_status_passed, { score: r.best })
          : r ? fill(S.selfcert_status_tried, { score: r.best, pass: q.pass })
            : S.selfcert_status_missing;
      }
      const unlocked = missing === 0;
      root.dataset.certState = unlocked ? "unlocked" : "locked";
      root.querySelector("[data-cert-locked]").hidden = unlocked;
      form.hidden = !unlocked;
      if (!unlocked) hideSheets();
      else if (!status.textContent) status.textContent = S.selfcert_unlocked;
      return { all, unlocked };
    };

    const hideSheets = () => {
      for (const s of root.querySelectorAll("[data-cert-sheet]")) s.hidden = true;
      printButton.hidden = true;
      document.documentElement.classList.remove("cq-cert-ready");
    };

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const { all, unlocked } = refresh();
      if (!unlocked) return;
      const lang = form.querySelector("input[name=cq-cert-lang]:checked")?.value ?? document.documentElement.lang;
      const sheet = root.querySelector(`[data-cert-sheet="${lang}"]`) ?? root.querySelector("[data-cert-sheet]");
      const last = data.quizzes.map((q) => all[q.id]?.last).filter(progress.isDate).sort().pop();
      const when = last ? new Date(`${last}T12:00:00`) : new Date();
      const set = (el, field, value) => { for (const x of el.querySelectorAll(`[data-cert-field="${field}"]`)) x.textContent = value; };
      set(sheet, "name", form.querySelector("#cq-cert-name").value.trim()); // text, never HTML
      set(sheet, "date", new Intl.DateTimeFormat(sheet.lang, { dateStyle: "long" }).format(when));
      set(sheet, "number", certificateNumber());
      const own = data.sheets[sheet.lang];
      sheet.querySelector('[data-cert-field="modules"]').replaceChildren(...data.quizzes.map((q) => {
        const li = document.createElement("li");
        const title = document.createElement("span");
        const score = document.createElement("span");
        title.dataset.certField = "module-title";
        score.dataset.certField = "module-score";
        title.textContent = own.titles[q.id];
        score.textContent = own.score.replace("{score}", all[q.id].best);
        li.append(title, ": ", score);
        return li;
      }));
      for (const s of root.querySelectorAll("[data-cert-sheet]")) s.hidden = s !== sheet;
      printButton.hidden = false;
      document.documentElement.classList.add("cq-cert-ready"); // print shows only the sheet
      status.textContent = S.selfcert_ready;
      printButton.focus();
    });
    printButton.addEventListener("click", () => print());
    // Progress may change in another tab (a quiz passed) or be erased on this page's site.
    addEventListener("storage", refresh);
    document.addEventListener("course:erased", refresh);
    refresh();
  }
})();
