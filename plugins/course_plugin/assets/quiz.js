// Course quizzes and the "My progress" table. Plain script: no dependency, no build step.
// Public contract (see README): [data-quiz], [data-question], input value = option id,
// ordering steps [data-option] in DOM order, [data-quiz-result][data-score][data-passed].
(() => { // a scope of its own: classic scripts share the page's global names
"use strict";

// Stored progress: read and written by the browser core (core.js, loaded first), one set of strict rules.
const core = window.CourseCore;
const progress = core.progress;
const readProgress = () => progress.read();

function saveResult(id, score, passed) {
  const all = readProgress();
  const old = all[id] || { best: 0, passed: false, attempts: 0 };
  const d = new Date();
  const last = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  all[id] = { best: Math.max(old.best, score), passed: old.passed || passed, attempts: old.attempts + 1, last };
  progress.write(all);
  return all[id];
}

const fill = core.fill;
const shuffle = (a) => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };

// Score of one question between 0 and 1 (rules documented in quizzes/README.md).
function score(el, key) {
  if (key.t === "ordering") {
    const order = [...el.querySelectorAll("[data-option]")].map((s) => s.dataset.option);
    const right = order.filter((id, i) => id === key.c[i]).length;
    return right === key.c.length ? 1 : key.p ? right / key.c.length : 0;
  }
  const chosen = [...el.querySelectorAll("input:checked")].map((i) => i.value);
  if (!chosen.length) return null;
  if (key.t === "multiple") {
    const good = chosen.filter((c) => key.c.includes(c)).length, bad = chosen.length - good;
    if (!bad && good === key.c.length) return 1;
    return key.p ? Math.max(0, (good - bad) / key.c.length) : 0;
  }
  return chosen.length === 1 && chosen[0] === key.c[0] ? 1 : 0;
}

function initQuiz(root) {
  const data = core.widgetData(root);
  const S = data.s, form = root.querySelector("form"), result = root.querySelector("[data-quiz-result]");
  const retry = root.querySelector(".cq-retry"), submit = form.querySelector("button[type=submit]");
  const live = root.querySelector(".cq-sr"), limit = Number(root.dataset.attempts) || 0;
  const exam = root.dataset.exam === "true";
  const questions = [...root.querySelectorAll("[data-question]")];
  const initial = new Map(questions.map((q) => [q, [...q.querySelectorAll("[data-option]")]]));
  let active = questions;

  if (root.dataset.shuffle === "true") {
    for (const box of root.querySelectorAll(".cq-options")) box.append(...shuffle([...box.children]));
  }
  const draw = Number(root.dataset.draw);
  if (draw && draw < questions.length) {
    const keep = new Set(shuffle([...questions]).slice(0, draw));
    active = questions.filter((q) => keep.has(q));
    for (const q of questions) if (!keep.has(q)) { q.hidden = true; q.disabled = true; }
    for (const sec of root.querySelectorAll(".cq-scenario")) sec.hidden = !sec.querySelector("[data-question]:not([hidden])");
  }
  active.forEach((q, i) => { q.querySelector(".cq-n").textContent = fill(S.question_n, { n: i + 1 }); });

  const reveal = (q) => {
    const s = score(q, data.q[q.dataset.question]);
    const box = q.querySelector(".cq-qfb"), verdict = q.querySelector(".cq-verdict");
    verdict.textContent = s === null ? S.unanswered : s === 1 ? S.correct : s > 0 ? S.partial : S.incorrect;
    box.className = "cq-qfb " + (s === 1 ? "cq-ok" : s > 0 ? "cq-part" : "cq-no");
    for (const fb of q.querySelectorAll(".cq-fb")) fb.hidden = !q.querySelector(`input[value="${fb.dataset.feedbackFor}"]:checked`);
    box.hidden = false;
    return s;
  };

  root.addEventListener("click", (e) => {
    const move = e.target.closest("[data-move]");
    if (move && !move.closest("fieldset").disabled) {
      const step = move.closest("[data-option]"), list = step.parentElement, dir = Number(move.dataset.move);
      const other = dir < 0 ? step.previousElementSibling : step.nextElementSibling;
      if (!other) return;
      dir < 0 ? list.insertBefore(step, other) : list.insertBefore(other, step);
      const steps = [...list.children];
      const edge = (dir < 0 && !step.previousElementSibling) || (dir > 0 && !step.nextElementSibling);
      (edge ? step.querySelector(`[data-move="${-dir}"]`) : move).focus();
      live.textContent = fill(S.moved, { step: step.querySelector(".cq-step-text").textContent, pos: steps.indexOf(step) + 1, total: steps.length });
    }
    const one = e.target.closest(".cq-check-one");
    if (one && !exam) reveal(one.closest("[data-question]"));
  });

  // Exam quizzes: the result code of the submitted answers (README "Result codes"), never stored.
  const codeBox = root.querySelector(".cq-resultcode"), who = root.querySelector("input[data-participant-code]");
  let submitted = null;
  const answersNow = () => data.spec.q.map((q) => {
    const el = root.querySelector(`[data-question="${q.id}"]`);
    if (q.t === "ordering") return el && !el.hidden ? [...el.querySelectorAll("[data-option]")].map((s) => s.dataset.option) : q.o;
    const chosen = el && !el.hidden ? [...el.querySelectorAll("input:checked")].map((i) => i.value) : [];
    return q.t === "multiple" ? chosen : chosen[0] ?? null;
  });
  const showCode = () => {
    if (!codeBox || !submitted || !window.courseResultCode) return;
    const code = window.courseResultCode.encode(data.spec, who ? who.value : "", submitted);
    codeBox.querySelector("[data-result-code]").textContent = code || "";
    codeBox.querySelector(".cq-resultcode-need").textContent = code ? "" : S.result_code_need_code;
    codeBox.hidden = false;
  };
  who?.addEventListener("input", showCode);

  const used = () => readProgress()[data.id]?.attempts || 0;
  const lockIfSpent = () => {
    if (limit && used() >= limit) { submit.disabled = true; retry.hidden = true; return true; }
    return false;
  };
  if (lockIfSpent()) result.textContent = fill(S.no_attempts, { n: limit });

  // One attempt is checked once: "open" until it is submitted, again after "Try again".
  let open = true;
  const confirmBox = root.querySelector("[data-quiz-confirm]");
  const actions = submit.parentElement;
  let onYes = null, onNo = null;
  // A question asked in the page (a native confirm() would block the quick exit): the action
  // buttons step aside until it is answered; focus starts on the choice that changes nothing.
  const ask = (text, yes, no, ifYes, ifNo) => {
    confirmBox.querySelector(".cq-confirm-text").textContent = text;
    confirmBox.querySelector("[data-confirm-yes]").textContent = yes;
    confirmBox.querySelector("[data-confirm-no]").textContent = no;
    onYes = ifYes; onNo = ifNo;
    actions.hidden = true; confirmBox.hidden = false;
    confirmBox.querySelector("[data-confirm-no]").focus();
  };
  const answer = (yes) => {
    const then = yes ? onYes : onNo;
    onYes = onNo = null;
    confirmBox.hidden = true; actions.hidden = false;
    if (then) then();
  };
  confirmBox.addEventListener("click", (e) => {
    if (e.target.closest("[data-confirm-yes]")) answer(true);
    else if (e.target.closest("[data-confirm-no]")) answer(false);
  });

  const check = () => {
    if (!open || lockIfSpent()) return;
    open = false;
    let points = 0, total = 0, blank = 0;
    const revisit = [];
    for (const q of active) {
      const s = reveal(q), w = data.q[q.dataset.question].w;
      if (s === null) blank++;
      if (s !== 1) revisit.push(q);
      points += (s || 0) * w; total += w;
      q.disabled = true;
    }
    const pct = Math.round((100 * points) / total), passed = pct >= data.pass;
    saveResult(data.id, pct, passed);
    const left = limit ? limit - used() : Infinity;
    result.dataset.score = String(pct);
    result.dataset.passed = String(passed);
    result.textContent = [fill(S.score, { score: pct, pass: data.pass }), passed ? S.passed : S.not_passed,
      blank ? fill(S.unanswered_count, { n: blank }) : "",
      left === Infinity ? "" : left > 0 ? fill(S.attempts_left, { n: left }) : fill(S.no_attempts, { n: limit })].filter(Boolean).join(" ");
    submit.hidden = true;
    retry.hidden = !(left > 0);
    summarize(result.textContent, revisit);
    if (data.spec) { submitted = answersNow(); showCode(); }
  };

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!open || !confirmBox.hidden || lockIfSpent()) return;
    const blank = active.filter((q) => score(q, data.q[q.dataset.question]) === null);
    if (!blank.length) { check(); return; }
    ask(fill(S.unanswered_confirm, { n: blank.length, total: active.length }), S.unanswered_confirm_yes,
        S.unanswered_confirm_no, check, () => { (blank[0].querySelector("input") || submit).focus(); });
  });

  // After checking: the score at the top of the quiz, focus there, and each question to revisit linked.
  const summary = root.querySelector("[data-quiz-summary]");
  const summarize = (text, revisit) => {
    summary.querySelector(".cq-summary-score").textContent = text;
    const box = summary.querySelector(".cq-revisit"), list = box.querySelector("ul");
    list.replaceChildren(...revisit.map((q) => {
      const li = document.createElement("li"), a = document.createElement("a");
      a.href = "#" + q.id;
      a.textContent = `${q.querySelector(".cq-n").textContent}: ${q.querySelector(".cq-verdict").textContent}`;
      li.append(a);
      return li;
    }));
    box.hidden = !revisit.length;
    summary.hidden = false;
    summary.focus();
  };
  // a link to a question moves focus to its legend (inside a checked, disabled fieldset it is still focusable)
  summary.addEventListener("click", (e) => {
    const link = e.target.closest("a[href^='#']"), q = link && root.querySelector(`[id="${link.hash.slice(1)}"]`);
    if (!q) return;
    e.preventDefault();
    const legend = q.querySelector("legend");
    legend.tabIndex = -1;
    legend.focus();
  });

  const restart = () => {
    form.reset();
    for (const q of active) {
      q.disabled = false;
      q.querySelector(".cq-qfb").hidden = true;
      q.querySelectorAll(".cq-fb").forEach((f) => { f.hidden = true; });
      q.querySelector(".cq-order")?.append(...initial.get(q));
    }
    delete result.dataset.score; delete result.dataset.passed;
    result.textContent = "";
    summary.hidden = true;
    submitted = null;
    if (codeBox) { codeBox.hidden = true; codeBox.querySelector("[data-result-code]").textContent = ""; }
    submit.hidden = false; retry.hidden = true;
    open = true;
    (active[0].querySelector("input, button") || submit).focus();
  };
  retry.addEventListener("click", () => {
    if (open || lockIfSpent()) return;
    ask(S.retry_confirm, S.retry_confirm_yes, S.retry_confirm_no, restart, () => retry.focus());
  });
}

function initProgress(root) {
  const S = core.widgetData(root).s;
  const paint = () => {
    const all = readProgress();
    for (const row of root.querySelectorAll("[data-progress-quiz]")) {
      const r = all[row.dataset.progressQuiz], cell = (n) => row.querySelector(`[data-cell=${n}]`);
      row.dataset.status = r ? (r.passed ? "passed" : "tried") : "not-started";
      cell("status").textContent = r ? (r.passed ? S.status_passed : S.status_tried) : S.status_not_started;
      cell("best").textContent = r ? `${r.best}%` : "—";
      cell("attempts").textContent = r ? String(r.attempts) : "0";
      cell("last").textContent = r ? r.last : "—";
    }
  };
  paint();
  document.addEventListener("course:erased", paint); // "Erase my data" (course.js) empties the store
}

document.querySelectorAll("[data-quiz]").forEach(initQuiz);
document.querySelectorAll("[data-course-progress]").forEach(initProgress);
})();
