// The site's one 404 page (hosts such as GitHub Pages serve <site>/404.html for every missing
// address) is in the default language: a missing address under another language's folder shows
// that language's copy, <site>/<lang>/404.html, written by the plugin (plugin.on_post_template).
// Plain ES2015 like exit.js, which this page loads first, so the quick exit never waits for it.
(() => {
"use strict";
try {
  var tag = document.currentScript;
  var base = tag.getAttribute("data-base");
  var path = location.pathname;
  (tag.getAttribute("data-languages") || "").split(" ").forEach(function (lang) {
    var folder = base + lang + "/";
    if (lang && path.indexOf(folder) === 0 && path !== folder + "404.html") location.replace(folder + "404.html");
  });
} catch (e) { /* stay on this page */ }
})();
