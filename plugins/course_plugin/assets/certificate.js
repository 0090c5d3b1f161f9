// Certificate of self-study: reads the quiz progress kept in this browser, says what is still
// missing, and fills the printable sheet. Nothing leaves the device; the typed name is inserted
// as text and never stored. Storage keys are documented in README.md.
(() => { // a scope of its own: offline, course scripts load as classic scripts
"use strict";
  const core = window.CourseCore; // core.js, loaded first: storage, the strict progress reader, fill()
  const NUMBER = core.keys.certificate; // {"number": "S-XXXX-XXXX"}: the same number on every reprint
  const IS_NUMBER = core.number.pattern(2, "S-"); // the certificate alphabet only, as written by newNumber
  const root = document.querySelector("[data-course-certificate]");

  const results = () => core.progress.read(); // only valid results: integer scores 0-100, real dates
  const newNumber = () => {
    const s = core.number.random(8);
    return `S-${s.slice(0, 4)}-${s.slice(4)}`;
  };
  // the number lives beside the progress (this device, or this visit only)
  const certificateNumber = () => {
    const saved = core.readJSON(NUMBER);
    if (saved && typeof saved.number === "string" && IS_NUMBER.test(saved.number)) return saved.number;
    const number = newNumber();
    core.writeJSON(NUMBER, { number }); // blocked: a new number next time
    return number;
  };

  if (root) {
    const data = core.widgetData(root);
    const S = data.s;
    const form = root.querySelector("[data-cert-form]");
    const printButton = root.querySelector("[data-cert-print]");
    const status = root.querySelector("[data-cert-status]");
    const fill = core.fill;

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
      const last = data.quizzes.map((q) => all[q.id]?.last).filter(core.isDate).sort().pop();
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
        score.textContent = fill(own.score, { score: all[q.id].best });
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
