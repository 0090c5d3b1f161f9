// HPKE (RFC 9180) base mode with one suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM,
// on the browser's Web Crypto only. Used by record.js to seal a record for an organisation's key.
// Each function follows the RFC's pseudocode of the same name (sections 4, 4.1, 5.1, 5.2, 7.1.3).
// Only sealing lives here: opening is the organisation's job (scripts/records.py).
// Plain script wrapped in its own scope (a module online, a classic script offline).
(() => {
"use strict";
const subtle = globalThis.crypto?.subtle;
const te = new TextEncoder();
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const i2osp = (n, w) => { const out = new Uint8Array(w); for (let i = w - 1; i >= 0; i--, n = Math.floor(n / 256)) out[i] = n % 256; return out; };
const bytes = (s) => typeof s === "string" ? te.encode(s) : new Uint8Array(s);

const KEM_ID = 0x0020, KDF_ID = 0x0001, AEAD_ID = 0x0001;
const N_SECRET = 32, N_PK = 32, N_SK = 32, N_K = 16, N_N = 12, N_H = 32;
const SUITE_KEM = concat(te.encode("KEM"), i2osp(KEM_ID, 2));                                   // section 4.1
const SUITE_HPKE = concat(te.encode("HPKE"), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD_ID, 2)); // section 5.1
const VERSION_LABEL = te.encode("HPKE-v1");
const MODE_BASE = 0x00;

// HKDF-SHA256 (RFC 5869) from HMAC: Web Crypto's HKDF cannot run Extract and Expand apart.
async function hmac(key, data) {
  // an empty salt is HashLen zero bytes (RFC 5869 2.2); HMAC treats both alike, Web Crypto refuses empty keys
  const k = await subtle.importKey("raw", key.length ? key : new Uint8Array(N_H), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", k, data));
}
const extract = (salt, ikm) => hmac(salt, ikm);
async function expand(prk, info, length) {
  let t = new Uint8Array(0), out = new Uint8Array(0);
  for (let i = 1; out.length < length; i++) {
    t = await hmac(prk, concat(t, info, Uint8Array.of(i)));
    out = concat(out, t);
  }
  return out.slice(0, length);
}
// section 4
const labeledExtract = (suite, salt, label, ikm) => extract(bytes(salt), concat(VERSION_LABEL, suite, bytes(label), bytes(ikm)));
const labeledExpand = (suite, prk, label, info, length) =>
  expand(prk, concat(i2osp(length, 2), VERSION_LABEL, suite, bytes(label), bytes(info)), length);

// section 4.1: DHKEM
async function extractAndExpand(dh, kemContext) {
  const eaePrk = await labeledExtract(SUITE_KEM, new Uint8Array(0), "eae_prk", dh);
  return labeledExpand(SUITE_KEM, eaePrk, "shared_secret", kemContext, N_SECRET);
}
const rawPublic = async (publicKey) => new Uint8Array(await subtle.exportKey("raw", publicKey));
const importPublic = (pkRm) => subtle.importKey("raw", bytes(pkRm), { name: "X25519" }, true, []);
async function encap(pkR) {
  // a fresh ephemeral key pair for every record (GenerateKeyPair)
  const ephemeral = await subtle.generateKey({ name: "X25519" }, true, ["deriveBits"]);
  const dh = new Uint8Array(await subtle.deriveBits({ name: "X25519", public: pkR }, ephemeral.privateKey, 256));
  const enc = await rawPublic(ephemeral.publicKey);
  const kemContext = concat(enc, await rawPublic(pkR));
  return { sharedSecret: await extractAndExpand(dh, kemContext), enc };
}

// section 7.1.3: DeriveKeyPair for X25519 (the test vectors' keys come from ikmE, ikmR)
const PKCS8_X25519 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);
async function deriveKeyPair(ikm) {
  const dkpPrk = await labeledExtract(SUITE_KEM, new Uint8Array(0), "dkp_prk", ikm);
  const sk = await labeledExpand(SUITE_KEM, dkpPrk, "sk", new Uint8Array(0), N_SK);
  const privateKey = await subtle.importKey("pkcs8", concat(PKCS8_X25519, sk), { name: "X25519" }, true, ["deriveBits"]);
  const jwk = await subtle.exportKey("jwk", privateKey);
  const publicKey = await subtle.importKey("jwk", { kty: "OKP", crv: "X25519", x: jwk.x }, { name: "X25519" }, true, []);
  return { privateKey, publicKey, sk };
}

// section 5.1: KeySchedule, base mode (psk and psk_id empty)
async function keySchedule(mode, sharedSecret, info, psk = new Uint8Array(0), pskId = new Uint8Array(0)) {
  const pskIdHash = await labeledExtract(SUITE_HPKE, new Uint8Array(0), "psk_id_hash", pskId);
  const infoHash = await labeledExtract(SUITE_HPKE, new Uint8Array(0), "info_hash", bytes(info));
  const keyScheduleContext = concat(Uint8Array.of(mode), pskIdHash, infoHash);
  const secret = await labeledExtract(SUITE_HPKE, sharedSecret, "secret", psk);
  const key = await labeledExpand(SUITE_HPKE, secret, "key", keyScheduleContext, N_K);
  const baseNonce = await labeledExpand(SUITE_HPKE, secret, "base_nonce", keyScheduleContext, N_N);
  const exporterSecret = await labeledExpand(SUITE_HPKE, secret, "exp", keyScheduleContext, N_H);
  const aesKey = await subtle.importKey("raw", key, { name: "AES-GCM" }, false, ["encrypt"]);
  let seq = 0;
  // section 5.2: ContextS.Seal, nonce = base_nonce XOR I2OSP(seq, Nn)
  const seal = async (aad, pt) => {
    const nonce = baseNonce.map((b, i) => b ^ i2osp(seq, N_N)[i]);
    const ct = new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: bytes(aad), tagLength: 128 }, aesKey, bytes(pt)));
    seq += 1;
    return ct;
  };
  return { keyScheduleContext, secret, key, baseNonce, exporterSecret, seal };
}

// section 5.1.1: SetupBaseS(pkR, info) -> enc, context
async function setupBaseS(pkRm, info) {
  const { sharedSecret, enc } = await encap(await importPublic(pkRm));
  const context = await keySchedule(MODE_BASE, sharedSecret, info);
  return { enc, sharedSecret, ...context };
}

// section 6.1: single-shot Seal: enc || ct, one message (sequence number 0)
async function seal(pkRm, info, aad, pt) {
  const ctx = await setupBaseS(pkRm, info);
  return concat(ctx.enc, await ctx.seal(aad, pt));
}

// Can this browser seal? (X25519 in Web Crypto: Chromium 133+, Firefox 130+, Safari 17+)
async function supported() {
  try { await subtle.generateKey({ name: "X25519" }, false, ["deriveBits"]); return true; } catch { return false; }
}

globalThis.CourseHPKE = Object.freeze({ seal, setupBaseS, deriveKeyPair, supported, N_PK });
})();
