// ECtHR time-limit helper: the last day to apply, four calendar months after the final domestic
// decision (Art. 35(1) ECHR as amended by Protocol No. 15; final decisions from 1 February 2022).
(() => { // a scope of its own: classic scripts share the page's global names
"use strict";

function lastDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const start = new Date(Date.UTC(y, mo, d));
  if (start.getUTCMonth() !== mo || start.getUTCDate() !== d) return null;
  if (iso < "2022-02-01") return { before: true };
  const monthEnd = new Date(Date.UTC(y, mo + 5, 0)).getUTCDate(); // last day of the month 4 months on
  const end = new Date(Date.UTC(y, mo + 4, Math.min(d, monthEnd)));
  return { before: false, iso: end.toISOString().slice(0, 10), date: end };
}

for (const form of document.querySelectorAll("form[data-ecthr-deadline]")) {
  const S = window.CourseCore.widgetData(form).s;
  const out = form.querySelector("[data-deadline-result]");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const r = lastDay(form.elements.decision.value);
    delete out.dataset.lastDay;
    if (!r) { out.textContent = S.deadline_invalid; return; }
    if (r.before) { out.textContent = S.deadline_before; return; }
    const shown = r.date.toLocaleDateString(document.documentElement.lang || "en",
      { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    out.dataset.lastDay = r.iso;
    out.textContent = `${window.CourseCore.fill(S.deadline_result, { date: `${shown} (${r.iso})` })} ${S.deadline_lawyer}`;
  });
}
})();
