// Presentation mode of module and guidebook pages. Like every course script it runs as a module
// online and as a classic script from file:// (no import/export); no dependency, nothing loaded.
// Slides are the article's own top-level blocks: a new slide starts at each <h2> and at each
// [data-slide-break] (the Markdown marker <!-- slide -->); the title slide is the <h1> and what
// follows it. Nothing is moved or copied: blocks of other slides are only hidden (class pr-off),
// so quizzes keep working and Esc gives the page back exactly as it was.
(() => {
  "use strict";
  var button = document.querySelector("[data-present]");
  var article = button && button.closest("article");
  if (!article) return;
  var S = JSON.parse(button.getAttribute("data-strings") || "{}");
  var root = document.documentElement;
  var slides = [], current = 0, active = false, wentFullscreen = false, openedAt = 0;
  var ui, counter, live, panel, presenter = null;

  var fill = window.CourseCore.fill; // core.js, loaded first
  var headingText = function (h) {
    var out = "";
    h.childNodes.forEach(function (n) { if (!(n.classList && n.classList.contains("headerlink"))) out += n.textContent; });
    return out.trim();
  };

  // -- slides -------------------------------------------------------------------------------------
  function build() {
    slides = [{ els: [], content: false }];
    Array.prototype.forEach.call(article.children, function (el) {
      if (el.classList.contains("pr-ui")) return;
      var last = slides[slides.length - 1];
      if ((el.tagName === "H2" || el.hasAttribute("data-slide-break")) && last.content) {
        last = { els: [], content: false };
        slides.push(last);
      }
      last.els.push(el);
      if (!el.hidden && !el.hasAttribute("data-slide-break") && !el.classList.contains("pr-bar") && !el.classList.contains("page-tools")) last.content = true;
    });
    var previous = "";
    slides.forEach(function (slide) {
      var h = null;
      slide.els.some(function (el) { h = el.matches("h1, h2, h3") ? el : el.querySelector("h1, h2, h3"); return h; });
      slide.title = h ? headingText(h) : previous;
      previous = slide.title;
      slide.notes = [];
      slide.els.forEach(function (el) {
        if (el.matches(".trainer")) slide.notes.push(el);
        el.querySelectorAll(".trainer").forEach(function (n) { slide.notes.push(n); });
      });
    });
  }

  function show(n) {
    current = Math.max(0, Math.min(n, slides.length - 1));
    slides.forEach(function (slide, i) {
      slide.els.forEach(function (el) { el.classList.toggle("pr-off", i !== current); });
    });
    var slide = slides[current];
    counter.textContent = (current + 1) + " / " + slides.length;
    live.textContent = fill(S.slide, { n: current + 1, total: slides.length }) + (slide.title ? ": " + slide.title : "");
    window.scrollTo(0, 0);
    var focused = document.activeElement;
    if (!focused || focused === document.body || (article.contains(focused) && focused.closest(".pr-off"))) {
      article.focus({ preventScroll: true });
    }
    renderNotes();
  }

  // -- controls -------------------------------------------------------------------------------------
  function control(action, label) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }

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
    ui.append(control(function () { show(current - 1); }, S.prev), counter,
      control(function () { show(current + 1); }, S.next),
      control(togglePresenter, S.notes), control(stop, S.exit), live);
    panel = document.createElement("aside");
    panel.className = "pr-ui pr-panel";
    panel.setAttribute("aria-label", S.notes);
    panel.hidden = true;
    article.append(ui, panel);
  }

  // -- presenter view: current slide's trainer notes and the next slide's title -------------------
  // Opened as a second window (to drag onto the trainer's own screen); when the browser refuses a
  // window, the same view is a panel beside the slides.
  function renderNotes() {
    var target = presenter && !presenter.closed ? presenter.document.querySelector(".pr-presenter") : null;
    if (!target && panel.hidden) return;
    target = target || panel;
    var doc = target.ownerDocument, slide = slides[current], next = slides[current + 1];
    var add = function (parent, tag, text, cls) {
      var el = doc.createElement(tag);
      if (text) el.textContent = text;
      if (cls) el.className = cls;
      parent.appendChild(el);
      return el;
    };
    target.textContent = "";
    if (doc !== document) add(target, "h1", slides[0].title);
    add(target, "p", fill(S.slide, { n: current + 1, total: slides.length }) + (slide.title ? ": " + slide.title : ""), "pr-p-now");
    add(target, "p", next ? fill(S.next_slide, { title: next.title }) : S.last, "pr-p-next");
    add(target, "h2", S.notes_title);
    var notes = add(target, "div", "", "pr-p-notes");
    if (!slide.notes.length) add(notes, "p", S.no_notes);
    slide.notes.forEach(function (note) {
      var copy = doc.importNode(note, true);
      copy.classList.add("pr-note");
      if (copy.tagName === "DETAILS") copy.open = true;
      [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[id]"))).forEach(function (el) { el.removeAttribute("id"); });
      notes.appendChild(copy);
    });
    add(target, "p", S.keys, "pr-p-keys");
  }

  function openWindow() {
    var w = null;
    try {
      w = window.open("", "pvwud-presenter", "popup,width=760,height=640");
      if (!w || !w.document || !w.document.body) return null;
    } catch (e) { return null; } // blocked or not reachable
    var d = w.document;
    d.title = fill(S.window, { title: document.title });
    d.documentElement.lang = root.lang;
    d.head.querySelectorAll("link").forEach(function (l) { l.remove(); });
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var copy = d.createElement("link");
      copy.rel = "stylesheet";
      copy.href = l.href; // absolute: the new window's address is about:blank
      d.head.appendChild(copy);
    });
    d.body.textContent = "";
    d.body.className = "pr-window";
    var main = d.createElement("main");
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
    build();
    active = true;
    root.classList.add("pr-on");
    ui.hidden = false;
    article.setAttribute("tabindex", "-1");
    show(0);
    article.focus({ preventScroll: true });
    if (root.requestFullscreen && document.fullscreenEnabled !== false) {
      try { root.requestFullscreen().catch(function () { /* refused: the page itself is the stage */ }); }
      catch (e) { /* old browser */ }
    }
  }

  function stop() {
    if (!active) return;
    active = false;
    slides.forEach(function (slide) { slide.els.forEach(function (el) { el.classList.remove("pr-off"); }); });
    root.classList.remove("pr-on", "pr-with-panel");
    ui.hidden = true;
    panel.hidden = true;
    article.removeAttribute("tabindex");
    if (presenter && !presenter.closed) presenter.close();
    presenter = null;
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    wentFullscreen = false;
    button.focus();
  }

  var TYPING = "input, textarea, select, [contenteditable], [contenteditable] *";
  var ACTIVATES = "button, summary, a[href], label";
  function onKey(e) {
    if (!active || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target && e.target.closest ? e.target : null, k = e.key;
    if (k === "Escape") stop();
    else if (t && t.matches(TYPING)) return; // radios, checkboxes, fields keep their own keys
    else if (k === "ArrowRight" || k === "PageDown" || (k === " " && !e.shiftKey && !(t && t.closest(ACTIVATES)))) show(current + 1);
    else if (k === "ArrowLeft" || k === "PageUp" || (k === " " && e.shiftKey && !(t && t.closest(ACTIVATES)))) show(current - 1);
    else if (k === "Home") show(0);
    else if (k === "End") show(slides.length - 1);
    else if (k === "p" || k === "P") togglePresenter();
    else { e.stopPropagation(); return; } // keep Material's page shortcuts (n, p, s, /) off while presenting
    e.preventDefault();
    e.stopPropagation();
  }

  document.addEventListener("keydown", onKey); // before Material's own listener on window
  document.addEventListener("fullscreenchange", function () {
    if (document.fullscreenElement) wentFullscreen = true;
    else if (active && wentFullscreen && Date.now() - openedAt > 2000) stop(); // the browser's own Esc
    else wentFullscreen = false;
  });
  addEventListener("pagehide", function () { if (presenter && !presenter.closed) presenter.close(); });
  button.addEventListener("click", start);
  button.closest(".pr-bar").hidden = false;
  // Touch devices and narrow screens hide the button (course.css): a trainer brings it back with
  // Alt+Shift+P, which also starts the slides, or with "?present" in the page's address.
  function allow() { root.classList.add("pr-allow"); }
  if (/(^|[?&])present(=|&|$)/.test(location.search.slice(1))) allow();
  document.addEventListener("keydown", function (e) {
    if (active || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.code !== "KeyP") return;
    e.preventDefault();
    allow();
    start();
  });
})();
