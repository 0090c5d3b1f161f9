// Offline copy only (file://), where browsers refuse `new Worker()`. Material's search runs in a
// worker; here that worker runs in a hidden <iframe> (frame.html beside this file) instead, and
// the two talk by postMessage exactly as a page and a worker do. Loaded before Material's bundle.
(() => {
"use strict";

if (location.protocol !== "file:") return;
const FRAME = new URL("frame.html", document.currentScript.src).href;

class FrameWorker extends EventTarget {
  #frame;
  #queue = [];
  #ready = false;

  constructor(url) {
    super();
    const frame = this.#frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.title = "search";
    frame.setAttribute("aria-hidden", "true");
    frame.src = `${FRAME}#${encodeURIComponent(new URL(url, location.href).href)}`;
    addEventListener("message", (e) => {
      if (e.source !== frame.contentWindow) return;
      if (e.data && e.data.frameWorker === "ready") {
        this.#ready = true;
        for (const data of this.#queue.splice(0)) frame.contentWindow.postMessage(data, "*");
      } else {
        this.dispatchEvent(new MessageEvent("message", { data: e.data }));
      }
    });
    (document.body || document.documentElement).append(frame);
  }

  postMessage(data) {
    if (this.#ready) this.#frame.contentWindow.postMessage(data, "*");
    else this.#queue.push(data);
  }

  terminate() { this.#frame.remove(); }
}

window.Worker = FrameWorker;
})();
