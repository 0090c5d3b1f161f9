// Inside the hidden frame of frame-worker.js: give the worker script (named in this page's
// #fragment) what a worker has – postMessage to its page, "message" events from it, and
// importScripts – then load it.
(() => {
"use strict";

const workerUrl = decodeURIComponent(location.hash.slice(1));
const page = window.parent;
// The page is another origin (every file:// page is its own), so reply with "*". Material's
// worker reads `parent` only to detect unpkg's shim, which this is not: hide it.
window.postMessage = (data) => page.postMessage(data, "*");
window.parent = undefined;

const load = (src) => new Promise((resolve, reject) => {
  const script = document.createElement("script");
  script.src = src;
  script.onload = resolve;
  script.onerror = () => reject(new Error(`cannot load ${src}`));
  document.head.append(script);
});
// a worker resolves importScripts() against its own URL; in order, one after the other
window.importScripts = (...urls) =>
  urls.reduce((done, url) => done.then(() => load(new URL(url, workerUrl).href)), Promise.resolve());

load(workerUrl).then(() => page.postMessage({ frameWorker: "ready" }, "*"));
})();
