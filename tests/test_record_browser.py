"""The Module II record form in headless Chromium: HPKE against RFC 9180, fill + seal + open,
refusals, nothing stored, emptied on exit and pagehide, print, accessibility, no other host."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from recordsite import EXIT, build_record_site
from sitebuild import ROOT
from test_every_page_browser import axe_violations

sys.path.insert(0, str(ROOT / "plugins"))
from course_plugin.record import sealed as sl  # noqa: E402

# RFC 9180, appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode
A1 = {
    "info": "4f6465206f6e2061204772656369616e2055726e",
    "ikmE": "7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234",
    "pkEm": "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
    "skEm": "52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736",
    "ikmR": "6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037",
    "pkRm": "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
    "skRm": "4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8",
    "enc": "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
    "shared_secret": "fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc",
    "key_schedule_context": "00725611c9d98c07c03f60095cd32d400d8347d45ed67097bbad50fc56da742d07cb6cffde367bb0565ba28bb02c90744a20f5ef37f30523526106f637abb05449",
    "secret": "12fff91991e93b48de37e7daddb52981084bd8aa64289c3788471d9a9712f397",
    "key": "4531685d41d65f03dc48f6b8302c05b0",
    "base_nonce": "56d890e5accaaf011cff4b7d",
    "exporter_secret": "45ff1c2e220db587171952c0592d5f5ebe103f1561a2614e38f2ffd47e99e3f8",
    "pt": "4265617574792069732074727574682c20747275746820626561757479",
    # sequence numbers 0 and 1: aad "Count-0", "Count-1"
    "aad0": "436f756e742d30",
    "ct0": "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a",
    "aad1": "436f756e742d31",
    "ct1": "af2d7e9ac9ae7e270f46ba1f975be53c09f8d875bdc8535458c2494e8a6eab251c03d0c22a56b8ca42c2063b84",
}

VECTOR_JS = """async (v) => {
  const hex = (u8) => [...new Uint8Array(u8)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const unhex = (h) => Uint8Array.from(h.match(/../g), (x) => parseInt(x, 16));
  const H = globalThis.CourseHPKE;
  const e = await H.deriveKeyPair(unhex(v.ikmE)), r = await H.deriveKeyPair(unhex(v.ikmR));
  const raw = async (k) => hex(await crypto.subtle.exportKey("raw", k));
  // the vector's ephemeral key, injected here only: production code always calls generateKey
  const generateKey = crypto.subtle.generateKey;
  crypto.subtle.generateKey = async () => ({ privateKey: e.privateKey, publicKey: e.publicKey });
  let ctx;
  try { ctx = await H.setupBaseS(unhex(v.pkRm), unhex(v.info)); } finally { crypto.subtle.generateKey = generateKey; }
  const ct0 = await ctx.seal(unhex(v.aad0), unhex(v.pt)), ct1 = await ctx.seal(unhex(v.aad1), unhex(v.pt));
  return { skEm: hex(e.sk), pkEm: await raw(e.publicKey), skRm: hex(r.sk), pkRm: await raw(r.publicKey),
           enc: hex(ctx.enc), shared_secret: hex(ctx.sharedSecret), key_schedule_context: hex(ctx.keyScheduleContext),
           secret: hex(ctx.secret), key: hex(ctx.key), base_nonce: hex(ctx.baseNonce),
           exporter_secret: hex(ctx.exporterSecret), ct0: hex(ct0), ct1: hex(ct1) };
}"""

STORAGE_JS = """async () => ({
  local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie,
  idb: (await indexedDB.databases()).map((d) => d.name), caches: await caches.keys() })"""

FIELDS_JS = "() => Object.fromEntries([...document.querySelectorAll('[data-record-field]')].map(e => [e.dataset.recordField, e.value]))"


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """Two organisations' keys, generated now; the site lists both."""
    root = tmp_path_factory.mktemp("records")
    keys = [sl.generate_key(), sl.generate_key()]
    pem = root / "org.pem"
    pem.write_bytes(sl.private_key_pem(keys[0]))
    pem.chmod(0o600)
    other = root / "other.pem"
    other.write_bytes(sl.private_key_pem(keys[1]))
    other.chmod(0o600)
    recipients = (f'[{{name: {{en: "Test org", ru: "Тестовая организация"}}, key: "{sl.public_key_b64(keys[0])}"}}, '
                  f'{{name: Second org, key: "{sl.public_key_b64(keys[1])}"}}]')
    site = build_record_site(root, recipients)
    return {"site": site, "keys": keys, "pem": pem, "other_pem": other}


@pytest.fixture(scope="module")
def record_server(org):
    from conftest import _Server
    server = _Server(org["site"])
    yield server.url
    server.close()


@pytest.fixture
def rpage(page):
    page.route(EXIT, lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>ok"))
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    return page


def open_form(page, url):
    page.goto(url)
    page.wait_for_selector("[data-record-form][data-record-state=empty]")
    return page


def fill_everything(page, text="«Её слова»: ударил по спине, ёж — К-07"):
    """Every field: text with Cyrillic, a date, every choice and gate answered."""
    expected = {}
    for el in page.query_selector_all("[data-record-field]"):
        fid = el.get_attribute("data-record-field")
        tag = el.evaluate("e => e.tagName")
        if tag == "SELECT":
            value = "yes" if el.get_attribute("data-record-gate") is not None else \
                el.evaluate("e => e.options[e.options.length - 1].value")
            el.select_option(value)
        elif el.get_attribute("type") == "date":
            value = "2026-11-05"
            el.fill(value)
        else:
            value = f"{fid}: {text}" + ("\nвторая строка" if tag == "TEXTAREA" else "")
            el.fill(value)
        expected[fid] = value
    return expected


def run_records(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts/records.py"), *args], capture_output=True, text=True,
                          timeout=60)


def test_browser_hpke_matches_rfc9180_a1(rpage, record_server):
    page = open_form(rpage, record_server + "module-2/record/")
    got = page.evaluate(VECTOR_JS, A1)
    for name, value in got.items():
        assert value == A1[name], f"{name}: {value} != RFC 9180 A.1.1 {A1[name]}"


def test_fill_seal_and_open_with_records_py_and_cryptography(rpage, record_server, org, tmp_path):
    page = open_form(rpage, record_server + "ru/module-2/record/")
    expected = fill_everything(page)
    assert page.get_attribute("[data-record-form]", "data-record-state") == "filling"
    page.select_option("[data-record-recipient]", "0")
    page.click("[data-record-seal]")
    page.wait_for_selector("[data-record-form][data-record-state=sealed]")
    text = page.input_value("[data-record-sealed]")
    assert text.startswith("S1.") and "К-07" not in text

    # records.py, as the organisation runs it
    result = run_records("open", text, "--key", str(org["pem"]), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
    out = run_records("open", text, "--key", str(org["pem"]), "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    written = (tmp_path / "out" / "record-001.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in written and "Запись о случае" in written and "вторая строка" in written

    # independently: cryptography's HPKE and the documented format, nothing of ours
    import base64
    from cryptography.hazmat.primitives import hpke
    raw = base64.urlsafe_b64decode(text[3:] + "=" * (-len(text[3:]) % 4))
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
    payload = json.loads(suite.decrypt(raw, org["keys"][0], info=b"pvwud-course sealed record v1").decode("utf-8"))
    assert payload == {"v": 1, "form": 1, "lang": "ru", "fields": expected}

    # one changed character, a cut text, the other organisation's key: refused, clearly, exit 1
    i = len(text) // 2
    changed = text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1:]
    for bad, key in ((changed, org["pem"]), (text[:-10], org["pem"]), (text, org["other_pem"])):
        result = run_records("open", bad, "--key", str(key))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and result.stderr.startswith("error: ")
        assert "К-07" not in result.stdout
        with pytest.raises(Exception):
            suite.decrypt(base64.urlsafe_b64decode(bad[3:] + "=" * (-len(bad[3:]) % 4)),
                          org["keys"][0 if key == org["pem"] else 1], info=sl.INFO)

    assert page.console_errors == []


def test_nothing_is_stored_after_filling_sealing_and_printing(rpage, record_server, tmp_path):
    page = open_form(rpage, record_server + "module-2/record/")
    fill_everything(page, "secret words")
    page.click("[data-record-seal]")
    page.wait_for_selector("[data-record-form][data-record-state=sealed]")
    with page.expect_download() as info:
        page.click("[data-record-download]")
    download = info.value
    assert download.suggested_filename == "message.txt"    # neutral: nothing about what it holds
    assert open(download.path(), encoding="utf-8").read().strip() == page.input_value("[data-record-sealed]")
    page.pdf(path=str(tmp_path / "r.pdf"))
    stored = page.evaluate(STORAGE_JS)
    assert stored == {"local": [], "session": [], "cookie": "", "idb": [], "caches": []}
    cookies = page.context.cookies()
    assert cookies == []
    # the form and every field refuse autofill
    assert page.get_attribute("[data-record-form]", "autocomplete") == "off"
    assert page.evaluate("[...document.querySelectorAll('[data-record-root] input, [data-record-root] textarea,"
                         " [data-record-root] select')].every(e => e.getAttribute('autocomplete') === 'off')")
    assert page.evaluate("[...document.querySelectorAll('[data-record-root] input, [data-record-root] textarea,"
                         " [data-record-root] select')].length") > 20
    hosts = {r.split("/")[2] for r in page.requests if r.startswith("http")}
    assert hosts == {record_server.split("/")[2]}, hosts


def test_quick_exit_click_and_keys_and_pagehide_empty_the_form(rpage, record_server):
    page = open_form(rpage, record_server + "module-2/record/")
    empty = page.evaluate(FIELDS_JS)
    # the exit button: the form is empty before the page is left
    fill_everything(page)
    assert page.evaluate(FIELDS_JS) != empty
    left = page.evaluate(f"() => {{ document.querySelector('.qx-button').click(); return ({FIELDS_JS})(); }}")
    assert left == empty
    page.wait_for_url(EXIT)

    # Shift three times (the third press and the read in one task, before the exit navigates)
    page = open_form(page, record_server + "module-2/record/")
    fill_everything(page)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    left = page.evaluate("""() => {
      document.dispatchEvent(new KeyboardEvent("keydown", {key: "Shift"}));
      document.dispatchEvent(new KeyboardEvent("keyup", {key: "Shift"}));
      return (""" + FIELDS_JS + """)(); }""")
    assert left == empty
    page.wait_for_url(EXIT)

    # pagehide (leaving, or going into the back-forward cache)
    page = open_form(page, record_server + "module-2/record/")
    fill_everything(page)
    page.click("[data-record-seal]")
    page.wait_for_selector("[data-record-form][data-record-state=sealed]")
    after = page.evaluate(f"""() => {{ dispatchEvent(new PageTransitionEvent("pagehide", {{persisted: true}}));
      return [({FIELDS_JS})(), document.querySelector('[data-record-sealed]').value,
              document.querySelector('[data-record-form]').dataset.recordState]; }}""")
    assert after == [empty, "", "empty"]
    # and a real navigation away and back finds nothing
    fill_everything(page)
    page.goto(record_server)
    page.go_back()
    page.wait_for_selector("[data-record-form]")
    assert page.evaluate(FIELDS_JS) == empty
    # no prompt ever holds the exit back
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    fill_everything(page)
    page.click(".qx-button")
    page.wait_for_url(EXIT)
    assert dialogs == []


def test_clear_button_and_gate_no_stops_the_form(rpage, record_server):
    page = open_form(rpage, record_server + "ru/module-2/record/")
    page.fill('[data-record-field="survivor-code"]', "К-07")
    page.select_option('[data-record-field="consent-record"]', "no")
    stop = page.locator('[data-record-stop="consent-record"]')
    assert stop.is_visible() and "Без её информированного согласия" in stop.inner_text()
    assert not page.locator('[data-record-field="her-words"]').is_visible()   # the rest of the form waits
    assert page.is_disabled("[data-record-seal]") and page.is_disabled("[data-record-print-button]")
    page.select_option('[data-record-field="consent-record"]', "yes")
    assert page.locator('[data-record-field="her-words"]').is_visible() and not stop.is_visible()
    page.click("[data-record-clear]")
    assert set(page.evaluate(FIELDS_JS).values()) == {""}
    assert page.get_attribute("[data-record-form]", "data-record-state") == "empty"
    assert page.inner_text("[data-record-status]") == "Бланк пуст."


def test_print_to_pdf_gives_one_clean_record(rpage, record_server, tmp_path):
    import pypdf
    page = open_form(rpage, record_server + "ru/module-2/record/")
    page.fill('[data-record-field="survivor-code"]', "К-07")
    page.fill('[data-record-field="her-words"]', "Её слова: «Пожалуешься — найдём героин»")
    page.select_option('[data-record-field="place-type"]', "drop-in")
    pdf = page.pdf(prefer_css_page_size=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)   # A4
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert text.count("Запись о случае") == 1                  # one record, its title once
    assert "К-07" in text and "Пожалуешься" in text and "Центр или офис программы" in text
    assert "Вступление" not in text and "Запечатать запись" not in text and "Покинуть" not in text
    # afterwards the printed copy is gone from the page
    assert page.evaluate("document.querySelector('[data-record-print]').children.length") == 0


def test_unsupported_browser_can_still_print(rpage, record_server):
    page = rpage
    page.add_init_script("""(() => { const g = crypto.subtle.generateKey.bind(crypto.subtle);
      crypto.subtle.generateKey = (alg, ...rest) => (alg && alg.name === "X25519")
        ? Promise.reject(new DOMException("Unrecognized name", "NotSupportedError")) : g(alg, ...rest); })();""")
    page.goto(record_server + "module-2/record/")
    page.wait_for_selector("[data-record-form][data-record-state=unsupported]")
    assert page.locator("[data-record-unsupported]").is_visible()
    assert page.is_disabled("[data-record-seal]") and not page.is_disabled("[data-record-print-button]")
    page.fill('[data-record-field="survivor-code"]', "K-07")
    assert page.get_attribute("[data-record-form]", "data-record-state") == "unsupported"
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_record_page_accessible_in_both_languages(rpage, record_server, lang):
    page = open_form(rpage, record_server + lang + "module-2/record/")
    page.click("[data-record-practice] > summary")
    page.click(".cr-model > summary")
    assert axe_violations(page) == []
    page.select_option('[data-record-field="documenter-safe"]', "no")   # with the stop message showing
    assert axe_violations(page) == []
    assert page.console_errors == []
