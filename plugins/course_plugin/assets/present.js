// Presentation mode of module and guidebook pages. Like every course script it runs as a module
// online and as a classic script from file:// (no import/export); no dependency, nothing loaded.
// Slides are the article's own top-level blocks: a new slide starts at each <h2> and at each
// [data-slide-break] (the Markdown marker <!-- slide -->); the title slide is the <h1> and what
// follows it. Nothing is moved or copied: blocks of other slides are only hidden (class pr-off),
// so quizzes keep working and Esc gives the page back exactly as it was.
(() => {
  "use strict";
  const button = document.querySelector("[data-present]");
  const article = button?.closest("article");
  if (!article) return;
  const S = JSON.parse(button.getAttribute("data-strings") || "{}");
  const root = document.documentElement;
  let slides = [], current = 0, active = false, wentFullscreen = false, openedAt = 0;
  let ui, counter, live, panel, presenter = null;

  const fill = window.CourseCore.fill; // core.js, loaded first
  const headingText = (h) => {
    let out = "";
    for (const n of h.childNodes) if (!n.classList?.contains("headerlink")) out += n.textContent;
    return out.trim();
  };
  // "Slide 2 of 9: Title", read out on each slide and shown in the presenter view
  const where = (slide) => fill(S.slide, { n: current + 1, total: slides.length }) + (slide.title ? `: ${slide.title}` : "");

  // -- slides -------------------------------------------------------------------------------------
  function build() {
    slides = [{ els: [], content: false }];
    for (const el of article.children) {
      if (el.classList.contains("pr-ui")) continue;
      let last = slides[slides.length - 1];
      if ((el.tagName === "H2" || el.hasAttribute("data-slide-break")) && last.content) {
        last = { els: [], content: false };
        slides.push(last);
      }
      last.els.push(el);
      if (!el.hidden && !el.hasAttribute("data-slide-break") && !el.classList.contains("pr-bar") && !el.classList.contains("page-tools")) last.content = true;
    }
    let previous = "";
    for (const slide of slides) {
      let h = null;
      for (const el of slide.els) {
        h = el.matches("h1, h2, h3") ? el : el.querySelector("h1, h2, h3");
        if (h) break;
      }
      slide.title = h ? headingText(h) : previous;
      previous = slide.title;
      slide.notes = [];
      for (const el of slide.els) {
        if (el.matches(".trainer")) slide.notes.push(el);
        slide.notes.push(...el.querySelectorAll(".trainer"));
      }
    }
  }

  function show(n) {
    current = Math.max(0, Math.min(n, slides.length - 1));
    reveal(slides[current]);
    counter.textContent = `${current + 1} / ${slides.length}`;
    live.textContent = where(slides[current]);
    window.scrollTo(0, 0);
    const focused = document.activeElement;
    if (!focused || focused === document.body || (article.contains(focused) && focused.closest(".pr-off"))) {
      article.focus({ preventScroll: true });
    }
    renderNotes();
  }

  // -- every slide fits the screen ------------------------------------------------------------------
  // A slide taller (or wider) than the room above the controls is set in smaller type: the whole
  // slide scales together, its admonitions and tables being sized in em (present.css). Below MIN_FIT
  // it would be hard to read from the back of a room, so a slide that does not fit even then is
  // split into continued slides: before the block that would pass the bottom, and inside a block
  // too tall alone (a long list, table or admonition: at its items, rows or paragraphs). Measured
  // when the presentation starts and whenever the window changes size (full screen, projector).
  // Still nothing is moved: a continued slide hides the items of its block that other parts show.
  const MIN_FIT = 0.6;
  const SPLITS = "ul, ol, dl, table, tbody, div, section, details, blockquote, form, fieldset";
  let cont = null, touched = [];
  function reveal(slide) {
    for (const el of touched) el.classList.add("pr-off");
    for (const el of slide.els) {
      for (let e = el; e && e !== article; e = e.parentElement) e.classList.remove("pr-off");
    }
    cont.hidden = !slide.part;
    cont.textContent = slide.part ? fill(S.continued, { title: slide.title }) : "";
    setFit(slide.fit || 1);
  }
  const setFit = (f) => article.style.setProperty("--pr-fit", String(f));
  const shown = (el) => el.getClientRects().length > 0;
  const limit = () => Math.min(innerHeight, ui.getBoundingClientRect().top) - 6;
  function fits() {
    let bottom = 0, wide = root.scrollWidth > root.clientWidth + 1;
    for (const el of article.children) {
      if (el.classList.contains("pr-ui") || !shown(el)) continue;
      bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
      for (const w of el.querySelectorAll(".md-typeset__scrollwrap, pre")) {
        if (shown(w) && w.scrollWidth > w.clientWidth + 1) wide = true;
      }
    }
    return !wide && bottom <= limit();
  }
  // the largest type size (a factor of the slide's own, at most 1) at which the slide fits, or 0
  function fitOf(slide) {
    reveal(slide);
    if (fits()) return 1;
    setFit(MIN_FIT);
    if (!fits()) return 0;
    let lo = MIN_FIT, hi = 1;
    for (let i = 0; i < 6; i++) {
      const mid = (lo + hi) / 2;
      setFit(mid);
      if (fits()) lo = mid; else hi = mid;
    }
    return Math.floor(lo * 100) / 100;
  }
  // the blocks a slide can be cut between: a block taller than the room is replaced by its parts
  function pieces(el, room) {
    const kids = [...el.children].filter(shown);
    if (!shown(el) || el.getBoundingClientRect().height <= room || !el.matches(SPLITS) || !kids.length) return [el];
    touched.push(el);
    const out = [];
    for (const kid of el.children) {
      if (kid.tagName === "THEAD") continue; // a table's header row stays on every part of it
      touched.push(kid);
      out.push(...pieces(kid, room));
    }
    return out;
  }
  // a slide too tall even at MIN_FIT, cut before the piece that would pass the room
  // (slack: room kept for the padding and border of a block cut inside; grows if a part still overflows)
  function split(slide, slack = 0) {
    reveal(slide);
    setFit(MIN_FIT);
    cont.hidden = false;
    cont.textContent = fill(S.continued, { title: slide.title });
    const first = slide.els.find(shown);
    const top = first ? first.getBoundingClientRect().top : 0, room = limit() - top - slack;
    const units = slide.els.flatMap((el) => pieces(el, room));
    const parts = [];
    let part = [], start = null;
    for (const el of units) {
      if (!shown(el)) { part.push(el); continue; }
      const r = el.getBoundingClientRect();
      if (start === null) start = r.top;
      if (part.some(shown) && r.bottom - start > room) {
        parts.push(part);
        part = [];
        start = r.top;
      }
      part.push(el);
    }
    parts.push(part);
    const out = [];
    for (const els of parts) {
      const piece = { els, content: true, title: slide.title, notes: slide.notes, part: 1 };
      piece.fit = fitOf(piece);
      // a lone block is cut inside if it can be (a table's rows): the room measured for the first
      // part can be a little more than a continued part has under its "(continued)" line
      const lone = els.filter(shown);
      const whole = lone.length < 2 && !(lone.length && lone[0].matches(SPLITS) && lone[0].children.length);
      if (piece.fit || whole || slack > 160) {
        piece.fit = piece.fit || MIN_FIT; // one block taller than the screen: it scrolls, never cut off
        out.push(piece);
      } else out.push(...split(piece, slack + 40));
    }
    out.forEach((piece, i) => { piece.part = (slide.part || 0) + i; });
    return out;
  }
  function layout() {
    const keep = slides.length ? slides[current].els.find(shown) : null;
    window.scrollTo(0, 0);
    for (const el of touched) el.classList.remove("pr-off");
    build();
    touched = slides.flatMap((slide) => slide.els);
    const out = [];
    for (const slide of slides) {
      slide.part = 0;
      slide.fit = fitOf(slide);
      if (slide.fit) out.push(slide);
      else out.push(...split(slide));
    }
    slides = out;
    // back to the block that was on screen: the first slide after the title slide that holds it, else the first
    const at = keep ? slides.findIndex((slide, i) => i > 0 && slide.els.some((el) => el === keep || el.contains(keep) || keep.contains(el))) : -1;
    return Math.max(at, 0);
  }
  let relayout = null;
  addEventListener("resize", () => {
    if (!active) return;
    clearTimeout(relayout);
    relayout = setTimeout(() => { if (active) show(layout()); }, 120);
  });

  // -- controls -------------------------------------------------------------------------------------
  const control = (action, label) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  };

  function makeUi() {
    ui = document.createElement("div");
    ui.className = "pr-ui pr-controls";
    ui.setAttribute("role", "group");
    ui.setAttribute("aria-label", S.controls || "Slides");
    counter = document.createElement("span");
    counter.className = "pr-count";
    counter.setAttribute("aria-hidden", "true"); // a visual copy of the live text below
    live = document.createElement("span");
    live.className = "pr-sr";
    live.setAttribute("aria-live", "polite");
    ui.append(control(() => show(current - 1), S.prev), counter,
      control(() => show(current + 1), S.next),
      control(togglePresenter, S.notes), control(stop, S.exit), live);
    panel = document.createElement("aside");
    panel.className = "pr-ui pr-panel";
    panel.setAttribute("aria-label", S.notes);
    panel.hidden = true;
    cont = document.createElement("p");
    cont.className = "pr-ui pr-cont";
    cont.hidden = true;
    article.append(ui, panel);
    article.prepend(cont);
  }

  // -- presenter view: current slide's trainer notes and the next slide's title -------------------
  // Opened as a second window (to drag onto the trainer's own screen); when the browser refuses a
  // window, the same view is a panel beside the slides.
  function renderNotes() {
    let target = presenter && !presenter.closed ? presenter.document.querySelector(".pr-presenter") : null;
    if (!target && panel.hidden) return;
    target = target || panel;
    const doc = target.ownerDocument, slide = slides[current], next = slides[current + 1];
    const add = (parent, tag, text, cls) => {
      const el = doc.createElement(tag);
      if (text) el.textContent = text;
      if (cls) el.className = cls;
      parent.appendChild(el);
      return el;
    };
    target.textContent = "";
    if (doc !== document) add(target, "h1", slides[0].title);
    add(target, "p", where(slide), "pr-p-now");
    add(target, "p", next ? fill(S.next_slide, { title: next.title }) : S.last, "pr-p-next");
    add(target, "h2", S.notes_title);
    const notes = add(target, "div", "", "pr-p-notes");
    if (!slide.notes.length) add(notes, "p", S.no_notes);
    for (const note of slide.notes) {
      const copy = doc.importNode(note, true);
      copy.classList.add("pr-note");
      if (copy.tagName === "DETAILS") copy.open = true;
      for (const el of [copy, ...copy.querySelectorAll("[id]")]) el.removeAttribute("id");
      notes.appendChild(copy);
    }
    add(target, "p", S.keys, "pr-p-keys");
  }

  function openWindow() {
    let w = null;
    try {
      w = window.open("", "pvwud-presenter", "popup,width=760,height=640");
      if (!w?.document?.body) return null;
    } catch { return null; } // blocked or not reachable
    const d = w.document;
    d.title = fill(S.window, { title: document.title });
    d.documentElement.lang = root.lang;
    for (const l of d.head.querySelectorAll("link")) l.remove();
    for (const l of document.querySelectorAll('link[rel="stylesheet"]')) {
      const copy = d.createElement("link");
      copy.rel = "stylesheet";
      copy.href = l.href; // absolute: the new window's address is about:blank
      d.head.appendChild(copy);
    }
    d.body.textContent = "";
    d.body.className = "pr-window";
    const main = d.createElement("main");
    main.className = "md-typeset pr-presenter";
    d.body.appendChild(main);
    d.addEventListener("keydown", onKey); // the same function: adding it again is a no-op
    return w;
  }

  function togglePresenter() {
    if (presenter && !presenter.closed) { presenter.close(); presenter = null; return; }
    if (!panel.hidden) { panel.hidden = true; root.classList.remove("pr-with-panel"); return; }
    openedAt = Date.now(); // browsers may leave full screen when a window opens: that is not "leave"
    presenter = openWindow();
    if (!presenter) { panel.hidden = false; root.classList.add("pr-with-panel"); }
    renderNotes();
  }

  // -- start and stop -------------------------------------------------------------------------------
  function start() {
    if (active) return;
    if (!ui) makeUi();
    active = true;
    root.classList.add("pr-on");
    ui.hidden = false;
    article.setAttribute("tabindex", "-1");
    slides = [];
    layout();
    show(0);
    article.focus({ preventScroll: true });
    if (root.requestFullscreen && document.fullscreenEnabled !== false) {
      // granted is known from the promise: the "fullscreenchange" of entering may come after the
      // browser has already left full screen again (then it must still count as leaving)
      try { root.requestFullscreen().then(() => { if (active) wentFullscreen = true; }, () => { /* refused: the page itself is the stage */ }); }
      catch { /* old browser */ }
    }
  }

  function stop() {
    if (!active) return;
    active = false;
    for (const el of touched) el.classList.remove("pr-off");
    touched = [];
    article.style.removeProperty("--pr-fit");
    cont.hidden = true;
    root.classList.remove("pr-on", "pr-with-panel");
    ui.hidden = true;
    panel.hidden = true;
    article.removeAttribute("tabindex");
    if (presenter && !presenter.closed) presenter.close();
    presenter = null;
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
    wentFullscreen = false;
    button.focus();
  }

  const TYPING = "input, textarea, select, [contenteditable], [contenteditable] *";
  const ACTIVATES = "button, summary, a[href], label";
  // a presentation clicker sends Page Down / Page Up: they go on even from a quiz's radio buttons,
  // but not where they move a caret or a selection
  const CARET = "textarea, select, [contenteditable], [contenteditable] *, input:not([type=radio]):not([type=checkbox])";
  function onKey(e) {
    if (!active || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target?.closest ? e.target : null, k = e.key;
    if (k === "Escape") stop();
    else if ((k === "PageDown" || k === "PageUp") && !t?.matches(CARET)) show(current + (k === "PageDown" ? 1 : -1));
    else if (t?.matches(TYPING)) return; // radios, checkboxes, fields keep their own keys
    else if (k === "ArrowRight" || k === "PageDown" || (k === " " && !e.shiftKey && !t?.closest(ACTIVATES))) show(current + 1);
    else if (k === "ArrowLeft" || k === "PageUp" || (k === " " && e.shiftKey && !t?.closest(ACTIVATES))) show(current - 1);
    else if (k === "Home") show(0);
    else if (k === "End") show(slides.length - 1);
    else if (k === "p" || k === "P") togglePresenter();
    else { e.stopPropagation(); return; } // keep Material's page shortcuts (n, p, s, /) off while presenting
    e.preventDefault();
    e.stopPropagation();
  }

  document.addEventListener("keydown", onKey); // before Material's own listener on window
  document.addEventListener("fullscreenchange", () => {
    if (document.fullscreenElement) wentFullscreen = true;
    else if (active && wentFullscreen && Date.now() - openedAt > 2000) stop(); // the browser's own Esc
    else wentFullscreen = false;
  });
  addEventListener("pagehide", () => { if (presenter && !presenter.closed) presenter.close(); });
  button.addEventListener("click", start);
  button.closest(".pr-bar").hidden = false;
  // Touch devices and narrow screens hide the button (course.css): a trainer brings it back with
  // Alt+Shift+P, which also starts the slides, or with "?present" in the page's address.
  const allow = () => root.classList.add("pr-allow");
  if (/(^|[?&])present(=|&|$)/.test(location.search.slice(1))) allow();
  document.addEventListener("keydown", (e) => {
    if (active || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.code !== "KeyP") return;
    e.preventDefault();
    allow();
    start();
  });
})();
