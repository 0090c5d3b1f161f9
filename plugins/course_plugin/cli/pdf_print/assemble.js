// Runs in headless Chromium (scripts/course_pdf.py): turn the built pages of one language into the
// body of one printable document. Input: [{url, anchor, html}] in nav order and options; output:
// [{anchor, title, body}] per page, in the same order. Links between included pages become in-document links,
// links to other pages of the site go to the online site, images load from the built site.
([pages, opts]) => {
  const anchors = new Map(pages.map((p) => [p.url, p.anchor])); // every page of the document
  const BASE = "https://site.invalid/";
  const rename = (el, tag) => {
    const out = el.ownerDocument.createElement(tag);
    for (const a of el.attributes) out.setAttribute(a.name, a.value);
    out.append(...el.childNodes);
    el.replaceWith(out);
  };
  return pages.map((p) => {
    const doc = new DOMParser().parseFromString(p.html, "text/html");
    const art = doc.querySelector("article.md-content__inner") || doc.querySelector("article");
    if (!art) throw new Error(`${p.url}: no <article> in the built page`);
    art.querySelectorAll(opts.remove).forEach((el) => el.remove());
    art.querySelectorAll("details").forEach((el) => el.setAttribute("open", ""));
    art.querySelectorAll("input").forEach((el) => { el.removeAttribute("checked"); el.disabled = true; });
    const h1 = art.querySelector("h1");
    const title = h1 ? h1.textContent.trim() : p.url;
    if (h1) h1.remove();
    // page titles become level 2 under the part's level-1 heading: every heading moves down one
    for (const h of [...art.querySelectorAll("h2, h3, h4, h5")]) rename(h, `h${Number(h.tagName[1]) + 1}`);
    // ids stay unique in one document: prefix them with the page's anchor
    const prefix = (id) => `${p.anchor}--${id}`;
    art.querySelectorAll("[id]").forEach((el) => { el.id = prefix(el.id); });
    art.querySelectorAll("label[for]").forEach((el) => el.setAttribute("for", prefix(el.getAttribute("for"))));
    for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls"]) {
      art.querySelectorAll(`[${attr}]`).forEach((el) =>
        el.setAttribute(attr, el.getAttribute(attr).split(/\s+/).map(prefix).join(" ")));
    }
    for (const a of art.querySelectorAll("a[href]")) {
      const raw = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) continue; // another site, mailto:, tel:
      const u = new URL(raw, BASE + p.url);
      const path = decodeURIComponent(u.pathname.slice(1));
      const target = anchors.get(path);
      if (target) a.setAttribute("href", `#${u.hash ? `${target}--${u.hash.slice(1)}` : target}`);
      else a.setAttribute("href", opts.siteUrl + path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/") + u.hash);
    }
    for (const img of art.querySelectorAll("img[src]")) {
      img.setAttribute("src", new URL(img.getAttribute("src"), opts.siteDir + p.url).href);
    }
    return { anchor: p.anchor, title, body: art.innerHTML };
  });
}
