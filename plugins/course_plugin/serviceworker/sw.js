// The offline copy's service worker (README "Offline, by the learner's choice"). Registered only
// when the learner presses "Keep this course on this device", as <site>/sw.js?languages=en,ru so
// that its scope covers the whole site and the address itself says which languages she chose.
// The build writes this file to the site root with BUILD filled in (keep_offline.py): every page
// and file of each language's copy and a version hash of their contents, so any change to the site
// changes this file and the browser installs the new copy when it is next online.
// Plain script, no dependency, no build step.
(() => {
"use strict";

const BUILD = null; // replaced at build time

const scope = self.registration.scope; // e.g. https://host/police-violence-course/
const asked = (new URL(self.location.href).searchParams.get("languages") || "").split(",");
const languages = asked.filter((lang) => BUILD.languages[lang]);
// one name per site and per version: other sites on the same host keep their own caches
const PREFIX = "pvwud-course.offline:" + new URL(scope).pathname + ":";
const CACHE = PREFIX + languages.map((lang) => lang + "-" + BUILD.languages[lang].version).join("+");
const META = new URL("offline-copy.json", scope).href; // when the copy was made (not a site file)
const pages = new Map(); // page URL -> the manifest its pages link to
for (const lang of languages) {
  for (const page of BUILD.languages[lang].pages) pages.set(new URL(page, scope).href, new URL(BUILD.languages[lang].manifest, scope).pathname);
}
const files = [...new Set(languages.flatMap((lang) => BUILD.languages[lang].files))].map((f) => new URL(f, scope).href);

// Pages are kept with a link to their language's web app manifest: only a learner who kept the
// course is offered to add it to the home screen. The link carries no script: the CSP is unchanged.
async function keepPage(cache, url, manifest) {
  const response = await fetch(url, { cache: "no-cache" }); // never an old copy from the HTTP cache
  if (!response.ok) throw new Error(url + ": " + response.status);
  const html = (await response.text()).replace("</head>", '<link rel="manifest" href="' + manifest + '">\n</head>');
  await cache.put(url, new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
}

async function keepFile(cache, url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(url + ": " + response.status);
  await cache.put(url, response);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    if (!languages.length) throw new Error("no language of this site in " + self.location.search);
    await caches.delete(CACHE); // what a failed attempt left
    const cache = await caches.open(CACHE);
    const jobs = [...[...pages].map(([url, manifest]) => () => keepPage(cache, url, manifest)),
      ...files.map((url) => () => keepFile(cache, url))];
    const worker = async () => { while (jobs.length) await jobs.shift()(); };
    try {
      await Promise.all([worker(), worker(), worker(), worker()]); // a few at a time, for a slow phone
      const meta = { date: new Date().toISOString(), languages, cache: CACHE, files: pages.size + files.length };
      await cache.put(META, new Response(JSON.stringify(meta), { headers: { "Content-Type": "application/json" } }));
    } catch (error) {
      await caches.delete(CACHE); // all or nothing: no half copy stays on the device
      throw error;
    }
    await self.skipWaiting(); // an update replaces the old copy at once
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope)) return; // other hosts go their own way
  const url = new URL(request.url);
  let key = url.origin + url.pathname; // without ?h= (search highlights) and #fragments
  if (key.endsWith("/index.html")) key = key.slice(0, -"index.html".length);
  event.respondWith((async () => {
    // caches.match with a cacheName never creates a cache (after "Erase my data" none may come back)
    const kept = await caches.match(key, { cacheName: CACHE });
    return kept || fetch(request);
  })());
});
})();
