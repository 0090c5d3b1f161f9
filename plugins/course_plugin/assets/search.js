// Search on first use. Loaded before Material's bundle, which on every page load requests the
// search index (an XHR) and starts its search worker. Both wait here until the learner opens
// search (focus in the search field, a click on the search button or a search shortcut), so
// a first visit downloads neither. The index request goes to this page's language
// (data-index), so each language finds only its own pages.
(() => {
  const script = document.currentScript;
  const index = script && script.dataset.index ? new URL(script.dataset.index, location.href).href : null;
  const INDEX_PATH = /\/search\/search_index\.json$/;
  const WORKER_PATH = /\/workers\/search\.[^/]*\.js$/;
  let started = false;
  const waiting = [];
  const whenStarted = (fn) => (started ? fn() : waiting.push(fn));
  const start = () => {
    if (started) return;
    started = true;
    waiting.splice(0).forEach((fn) => fn());
  };

  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const target = new URL(String(url), location.href);
    this.courseSearch = INDEX_PATH.test(target.pathname);
    return open.call(this, method, this.courseSearch && index ? index : url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.courseSearch) return send.apply(this, args);
    whenStarted(() => send.apply(this, args));
  };

  // Material talks to its worker through addEventListener("message") and postMessage only.
  const NativeWorker = window.Worker;
  class LazyWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.queue = [];
      whenStarted(() => {
        this.worker = new NativeWorker(url, options);
        this.worker.addEventListener("message", (e) => this.dispatchEvent(new MessageEvent("message", { data: e.data })));
        this.worker.addEventListener("error", (e) => this.dispatchEvent(new ErrorEvent("error", { message: e.message })));
        this.queue.splice(0).forEach((m) => this.worker.postMessage(m));
      });
    }
    postMessage(message) {
      if (this.worker) this.worker.postMessage(message);
      else this.queue.push(message);
    }
    terminate() {
      if (this.worker) this.worker.terminate();
    }
  }
  window.Worker = function Worker(url, options) {
    const path = new URL(String(url), location.href).pathname;
    return WORKER_PATH.test(path) ? new LazyWorker(url, options) : new NativeWorker(url, options);
  };

  // What counts as opening search. A page reached from a search result (?h= highlights the
  // terms) starts at once: the index is then most likely in the browser's cache already.
  const params = new URLSearchParams(location.search);
  if (params.has("h") || params.has("q")) start();
  const isSearch = (el) => el instanceof Element &&
    !!el.closest('[data-md-component="search-query"], label[for="__search"], #__search, .md-search');
  document.addEventListener("focusin", (e) => isSearch(e.target) && start(), true);
  document.addEventListener("pointerdown", (e) => isSearch(e.target) && start(), true);
  document.addEventListener("change", (e) => e.target && e.target.id === "__search" && start(), true);
  document.addEventListener("keydown", (e) => {
    // Material opens search with f, s or /: start loading together with it
    if (!e.ctrlKey && !e.metaKey && !e.altKey && ["f", "s", "/"].includes(e.key) &&
        !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) start();
  }, true);
})();
