// Verify page: checks a trainer-issued certificate in this browser with WebCrypto (Ed25519)
// against the public keys and revocation list published with the site. The certificate travels
// in the URL fragment (#...), which browsers never send to a server; nothing leaves the device.
// Token format (README "Certificates"): base64url(payload JSON) "." base64url(signature).
(() => { // a scope of its own: offline, course scripts load as classic scripts
"use strict";
  const root = document.querySelector("[data-course-verify]");
  if (root) {
    const core = window.CourseCore; // core.js, loaded first: widget data, site facts, the certificate alphabet, isDate
    const data = core.widgetData(root);
    const S = data.s;
    // the site's languages (code -> own name) from the page's site facts (site.py): "l" is one of them
    const LANGUAGES = new Map(core.site.languages.map((lang) => [lang.code, lang.name]));
    const out = root.querySelector("[data-verify-result]");
    const headline = out.querySelector("[data-verify-headline]");
    const reasonEl = out.querySelector("[data-verify-reason]");
    const details = out.querySelector("[data-verify-details]");
    const CERT_ID = core.number.pattern(3); // XXXX-XXXX-XXXX; no "m" flag: "$" is the very end

    const toBase64url = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join("")).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    // Strict and canonical, as in token.py: a text whose bytes re-encode differently (unused
    // trailing bits set) is refused, so changing any character of a token always matters.
    const fromBase64url = (text) => {
      if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) throw new Error("not base64url");
      const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
      const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      if (toBase64url(bytes) !== text) throw new Error("not canonical base64url");
      return bytes;
    };
    // The same rules as course_plugin/certificates/token.py (README "Public contract of certificates").
    const MAX_PAYLOAD_BYTES = 2048;
    const MAX_TOKEN_CHARS = Math.floor((MAX_PAYLOAD_BYTES * 4 + 2) / 3) + 1 + 86;
    const FIELDS = ["d", "h", "id", "k", "l", "n", "s", "t", "v"]; // sorted, as the canonical encoding
    const isDate = core.isDate; // a real calendar date, years 0001-9999
    // No control characters (Cc), format characters (Cf: bidirectional overrides) except ZWNJ and
    // ZWJ, or lone surrogates (Cs); NFC form, as the roster writes it.
    const FORBIDDEN = /[\p{Cc}\p{Cs}\p{Cf}]/u;
    const isText = (v) => typeof v === "string" && v.normalize("NFC") === v
      && !FORBIDDEN.test(v.replace(/[\u200c\u200d]/g, ""));
    // whole hours 1-1000 (written as integers), fractions 0.01-1000
    const isHours = (v) => typeof v === "number" && Number.isFinite(v) && v <= 1000 && (Number.isInteger(v) ? v > 0 : v >= 0.01);
    const wellFormed = (p) => p !== null && typeof p === "object" && !Array.isArray(p)
      && Object.keys(p).every((k) => FIELDS.includes(k)) && p.v === 1
      && typeof p.id === "string" && CERT_ID.test(p.id) && isText(p.n) && p.n !== ""
      && isDate(p.d) && typeof p.l === "string" && LANGUAGES.has(p.l) && isText(p.s)
      && (p.h === undefined || isHours(p.h))
      && typeof p.k === "string" && /^[0-9a-f]{8}$/.test(p.k) && isDate(p.t);
    // Exactly the bytes token.py writes for what was parsed: json.dumps(sort_keys, no spaces,
    // raw UTF-8). This refuses a BOM (TextDecoder drops it), escapes, spaces, duplicate keys, 1.0.
    const canonical = (p, bytes) => {
      const sorted = {};
      for (const k of Object.keys(p).sort()) sorted[k] = p[k];
      const again = new TextEncoder().encode(JSON.stringify(sorted));
      return again.length === bytes.length && again.every((b, i) => b === bytes[i]);
    };

    // A link, a bare token, or either with line breaks from copying: keep what follows "#".
    const tokenOf = (text) => {
      const s = text.replace(/\s+/g, "");
      const hash = s.indexOf("#");
      return hash >= 0 ? s.slice(hash + 1) : s;
    };

    async function check(token) {
      const parts = token.split(".");
      if (parts.length !== 2) return { state: "invalid", reason: S.verify_reason_format };
      if (token.length > MAX_TOKEN_CHARS) return { state: "invalid", reason: S.verify_reason_too_long };
      let bytes, signature, payload;
      try {
        bytes = fromBase64url(parts[0]);
        signature = fromBase64url(parts[1]);
      } catch {
        return { state: "invalid", reason: S.verify_reason_format };
      }
      if (signature.length !== 64) return { state: "invalid", reason: S.verify_reason_format };
      try {
        payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      } catch {
        return { state: "invalid", reason: S.verify_reason_format };
      }
      if (payload !== null && typeof payload === "object" && !Array.isArray(payload) && !canonical(payload, bytes)) {
        return { state: "invalid", reason: S.verify_reason_format };
      }
      if (!wellFormed(payload)) return { state: "invalid", reason: S.verify_reason_fields };
      const key = data.keys[payload.k];
      if (!key) return { state: "invalid", reason: S.verify_reason_key };
      let publicKey;
      try {
        publicKey = await crypto.subtle.importKey("raw", fromBase64url(key), { name: "Ed25519" }, false, ["verify"]);
      } catch {
        return { state: "unsupported" }; // no WebCrypto here, or no Ed25519 in it
      }
      let ok;
      try {
        ok = await crypto.subtle.verify({ name: "Ed25519" }, publicKey, signature, bytes);
      } catch {
        return { state: "unsupported" };
      }
      if (!ok) return { state: "invalid", reason: S.verify_reason_signature };
      return { state: data.revoked.includes(payload.id) ? "revoked" : "valid", payload };
    }

    const row = (label, value) => {
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      dt.textContent = label;
      dd.textContent = value; // text, never HTML: the name comes from the link
      details.append(dt, dd);
    };

    function show(result) {
      out.dataset.state = result.state;
      headline.textContent = S[`verify_${result.state}`] ?? S.verify_empty;
      reasonEl.textContent = result.reason ?? "";
      details.replaceChildren();
      details.hidden = !result.payload;
      const p = result.payload;
      if (p) {
        row(S.verify_id, p.id);
        row(S.verify_name, p.n);
        row(S.verify_session, p.s);
        row(S.verify_date, p.d);
        if (p.h !== undefined) row(S.verify_hours, String(p.h));
        row(S.verify_language, LANGUAGES.get(p.l) ?? p.l);
        row(S.verify_issued, p.t);
        row(S.verify_key, p.k);
      }
    }

    let run = 0;
    async function verifyCurrent() {
      const token = tokenOf(decodeURIComponentSafe(location.hash.slice(1)));
      if (!token) { show({ state: "empty" }); return; }
      const mine = ++run;
      out.dataset.state = "checking";
      headline.textContent = S.verify_checking;
      let result;
      try { result = await check(token); } catch { result = { state: "invalid", reason: S.verify_reason_format }; }
      if (mine === run) show(result); // a later check wins
    }
    function decodeURIComponentSafe(text) { try { return decodeURIComponent(text); } catch { return text; } }

    root.querySelector("[data-verify-form]").addEventListener("submit", (e) => {
      e.preventDefault();
      const input = root.querySelector("#cq-verify-input");
      const token = tokenOf(input.value);
      // replace, not push: the fragment never reaches a server, and Back leaves the page
      history.replaceState(null, "", `#${token}`);
      verifyCurrent().then(() => out.focus());
    });
    addEventListener("hashchange", verifyCurrent);
    verifyCurrent();
  }
})();
