"""Issue 18 on a phone (360x740, touch) and a laptop, in headless Chromium against the built course:
Listen (with a scripted stand-in of speechSynthesis), the Present button, My progress, text sizes,
the header title, the quiz summary after checking, and every page at 360 px."""

import json

import pytest

from conftest import wait_until
from test_every_page_browser import AXE, TAGS, site_pages

PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}

# A STAND-IN for the Web Speech API's speechSynthesis, injected by these tests (headless Chromium
# has no voices). It records what is spoken (text, lang, voice) and the calls made, loads its voices
# asynchronously (like real browsers: "voiceschanged" after a while) and "speaks" each utterance
# for a few milliseconds. Reports also go to window.__ttsReport when the test exposes it.
STAND_IN = """
(() => {
  const cfg = %s;
  const rec = window.__tts = { spoken: [], calls: [] };
  const report = (kind, data) => { rec.calls.push(kind); try { if (window.__ttsReport) window.__ttsReport(kind, data); } catch (e) {} };
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; this.rate = 1; this.pitch = 1; }
  }
  const synth = new EventTarget();
  let voices = [], current = null, queue = [], paused = false, due = false;
  const finish = (u) => { if (current !== u) return; if (paused) { due = true; return; } current = null; u.dispatchEvent(new Event("end")); next(); };
  const next = () => {
    if (current || !queue.length) return;
    const u = current = queue.shift();
    setTimeout(() => { if (current === u) { u.dispatchEvent(new Event("start")); setTimeout(() => finish(u), cfg.ms); } }, 0);
  };
  Object.assign(synth, {
    getVoices: () => voices.slice(),
    speak(u) { rec.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }); report("speak", u.text); queue.push(u); next(); },
    cancel() { report("cancel"); queue = []; const u = current; current = null; paused = false;
               if (u) { const e = new Event("error"); e.error = "interrupted"; u.dispatchEvent(e); } },
    pause() { report("pause"); paused = true; },
    resume() { report("resume"); paused = false; if (due && current) { due = false; finish(current); } },
  });
  Object.defineProperty(synth, "speaking", { get: () => !!current });
  Object.defineProperty(synth, "paused", { get: () => paused });
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  // the voices arrive later: after cfg.delay ms, or when the test calls __ttsLoadVoices() (delay < 0)
  const load = window.__ttsLoadVoices = () => { voices = cfg.voices; synth.dispatchEvent(new Event("voiceschanged")); };
  if (cfg.delay >= 0) setTimeout(load, cfg.delay);
})();
"""
LOCAL_VOICES = [{"name": "Local English", "lang": "en-GB", "localService": True, "default": True},
                {"name": "Network Russian", "lang": "ru-RU", "localService": False, "default": False},
                {"name": "Local Russian", "lang": "ru_RU", "localService": True, "default": False}]


def context_with_voices(browser, voices, device=PHONE, ms=30, delay=100):
    context = browser.new_context(**device)
    context.add_init_script(STAND_IN % json.dumps({"voices": voices, "delay": delay, "ms": ms}))
    return context


def listen_shown(page) -> bool:
    return page.evaluate("() => { const b = document.querySelector('[data-listen]'); return !!b && !b.hidden && b.getBoundingClientRect().height > 0; }")


@pytest.mark.parametrize("lang,voice", [("", "Local English"), ("ru/", "Local Russian")])
def test_listen_reads_from_the_heading_she_is_at_in_the_page_language(browser, course_server, lang, voice):
    context = context_with_voices(browser, LOCAL_VOICES, delay=-1)
    page = context.new_page()
    page.goto(course_server + lang + "module-1/standards/")
    assert page.evaluate("document.querySelector('[data-listen]').hidden")   # no voices yet: not offered
    page.evaluate("window.__ttsLoadVoices()")
    wait_until(page, "() => { const b = document.querySelector('[data-listen]'); return !b.hidden; }")
    assert listen_shown(page)
    # scroll so that the third h2 is at the top of the screen, then listen
    heading = page.locator("article h2").nth(2)
    heading.evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 80)")
    expected = heading.evaluate("h => [h, h.nextElementSibling].map(e => { const c = e.cloneNode(true); c.querySelectorAll('.headerlink, .footnote-ref').forEach(x => x.remove()); return c.textContent.replace(/\\s+/g, ' ').trim(); })")
    # below the title row the control floats at the foot of the screen: she starts where she is
    wait_until(page, "() => document.querySelector('[data-listen]').classList.contains('ls-float')")
    box = page.locator("[data-listen-play]").bounding_box()
    assert box["y"] + box["height"] <= 740 and box["y"] > 600
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('[data-listen-play]') !== null",
                         [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_until(page, "() => window.__tts.spoken.length >= 3")
    spoken = page.evaluate("window.__tts.spoken")
    assert spoken[0]["text"] == expected[0], spoken[:2]
    assert spoken[1]["text"] == expected[1] or expected[1].startswith(spoken[1]["text"]), spoken[:2]
    assert {s["voice"] for s in spoken} == {voice}   # the local voice, never the network one
    assert {s["lang"].lower()[:2] for s in spoken} == {lang[:2] or "en"}
    assert page.get_attribute("[data-listen]", "data-listen-state") == "speaking"
    assert page.evaluate("document.activeElement.hasAttribute('data-listen-pause')")
    page.locator("[data-listen-pause]").tap()
    assert page.get_attribute("[data-listen]", "data-listen-state") == "paused"
    assert "pause" in page.evaluate("window.__tts.calls")
    count = len(page.evaluate("window.__tts.spoken"))
    page.wait_for_timeout(200)
    assert len(page.evaluate("window.__tts.spoken")) == count   # paused: nothing more is spoken
    page.locator("[data-listen-pause]").tap()
    wait_until(page, "n => window.__tts.spoken.length > n", count)
    page.locator("[data-listen-stop]").tap()
    assert page.get_attribute("[data-listen]", "data-listen-state") == "idle"
    assert page.evaluate("window.__tts.calls").count("cancel") >= 2
    count = len(page.evaluate("window.__tts.spoken"))
    page.wait_for_timeout(200)
    assert len(page.evaluate("window.__tts.spoken")) == count   # stopped: the chain ended
    assert page.evaluate("document.activeElement.hasAttribute('data-listen-play')")
    context.close()


@pytest.mark.parametrize("voices", [
    [],                                                                              # no voice at all
    [{"name": "Google English", "lang": "en-US", "localService": False, "default": True},   # only a network voice
     {"name": "Local Russian", "lang": "ru-RU", "localService": True, "default": False}],    # ... and another language
])
def test_listen_not_offered_without_a_local_voice_for_the_page_language(browser, course_server, voices):
    context = context_with_voices(browser, voices)
    page = context.new_page()
    page.goto(course_server + "module-1/standards/")
    page.wait_for_timeout(500)   # voices have loaded
    assert page.evaluate("window.speechSynthesis.getVoices().length") == len(voices)
    assert not listen_shown(page)
    assert page.evaluate("window.__tts.spoken") == []
    # nor downloaded: listen.js is fetched only when there is a voice to use (first-visit budget)
    assert not page.evaluate("performance.getEntriesByType('resource').some(e => e.name.includes('/listen.js'))")
    context.close()


def test_listen_script_fetched_only_with_a_local_voice(browser, course_server):
    context = context_with_voices(browser, [{"name": "Local English", "lang": "en-GB", "localService": True,
                                             "default": True}])
    page = context.new_page()
    page.goto(course_server + "module-1/standards/")
    wait_until(page, "() => performance.getEntriesByType('resource').some(e => e.name.includes('/listen.js'))")
    wait_until(page, "() => { const b = document.querySelector('[data-listen]'); return !!b && !b.hidden; }")
    context.close()


def test_listen_not_offered_without_speech_synthesis(page, course_server):
    page.add_init_script("delete window.speechSynthesis; Object.defineProperty(window, 'speechSynthesis', {value: undefined})")
    page.goto(course_server + "module-1/standards/")
    assert not listen_shown(page)
    assert not page.console_errors


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_stops_speech_at_once(browser, course_server, how):
    context = context_with_voices(browser, LOCAL_VOICES, ms=5000)   # each utterance lasts 5 s
    events = []
    context.expose_binding("__ttsReport", lambda source, kind, data=None: events.append(kind))
    # the exit target (another host) answered here: no request leaves the machine
    context.route(lambda url: not url.startswith(course_server), lambda route: route.fulfill(body="<title>Elsewhere</title>", content_type="text/html"))
    page = context.new_page()
    page.goto(course_server + "module-1/standards/")
    wait_until(page, "() => !document.querySelector('[data-listen]').hidden")
    page.locator("[data-listen-play]").click()
    wait_until(page, "() => window.speechSynthesis.speaking")
    events.clear()
    if how == "button":
        page.locator(".md-header [data-exit]").first.click()
    else:
        page.locator("body").focus()
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(lambda url: not url.startswith(course_server))
    assert "cancel" in events, events
    assert "speak" not in events[events.index("cancel"):], events   # nothing spoken after the exit
    context.close()


def test_present_hidden_on_a_touch_phone_reachable_by_shortcut_and_setting(browser, course_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(course_server + "module-1/standards/")
    assert page.evaluate("!document.querySelector('[data-present]').closest('.pr-bar').hidden")   # course.js ran
    assert not page.locator("[data-present]").is_visible()
    page.keyboard.press("Alt+Shift+P")   # a trainer's tablet with a keyboard (presentation mode is fetched now)
    wait_until(page, "() => document.documentElement.classList.contains('pr-on')")
    page.keyboard.press("Escape")
    assert page.locator("[data-present]").is_visible()
    page.goto(course_server + "module-1/standards/?present")   # the setting in the address
    assert page.locator("[data-present]").is_visible()
    context.close()


@pytest.mark.parametrize("device", [PHONE, LAPTOP])
def test_page_tools_reserve_their_space_so_nothing_shifts(browser, course_server, device):
    tops = []
    for js in (False, True):   # without scripts no tool appears; with them Present (laptop) and Listen may
        context = context_with_voices(browser, LOCAL_VOICES if js else [], device=device)
        if not js:
            context.close()
            context = browser.new_context(java_script_enabled=False, **device)
        page = context.new_page()
        page.goto(course_server + "module-2/storage/")
        if js:
            wait_until(page, "() => !document.querySelector('[data-listen]').hidden")
        tops.append(page.evaluate("document.querySelector('.page-tools').nextElementSibling.getBoundingClientRect().top"))
        if js:
            assert page.locator("[data-listen-play]").is_visible()
            assert page.locator("[data-present]").is_visible() == (device is LAPTOP)
        context.close()
    assert tops[0] == tops[1]


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_my_progress_fits_a_phone_in_course_order(browser, course_server, lang):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(course_server + lang + "progress/")
    rows = page.eval_on_selector_all("[data-progress-quiz]", "rs => rs.map(r => r.dataset.progressQuiz)")
    assert rows.index("pretest") < rows.index("posttest")
    cells = page.eval_on_selector_all("[data-course-progress] tbody th, [data-course-progress] tbody td", """cs => cs.map(c => {
        const r = c.getBoundingClientRect(); return [r.left, r.right, r.width, c.textContent]; })""")
    assert cells and all(left >= 0 and right <= 360 and width > 0 for left, right, width, _ in cells), cells[:6]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # each value is named by its column (visually; the header cells name it for a screen reader)
    label = page.evaluate("getComputedStyle(document.querySelector('[data-cell=best]'), '::before').content")
    assert ("Best" if not lang else "Лучш") in label
    context.close()


def test_admonition_and_table_text_at_least_16px_on_a_phone(browser, course_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for rel in ("module-1/standards/", "ru/module-2/checklist/"):
        page.goto(course_server + rel)
        sizes = page.evaluate("""() => [...document.querySelectorAll('article .admonition p, article details p, article table:not([class]) td')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))""")
        assert sizes and min(sizes) >= 16, (rel, min(sizes))
    context.close()


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_no_stray_letter_of_the_site_title_in_the_header(browser, course_server, lang):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(course_server + lang + "module-1/standards/")
    shown = page.evaluate("""() => { const t = document.querySelector('.md-header__ellipsis');
        return getComputedStyle(t).visibility === 'visible' ? t.getBoundingClientRect().width : 0; }""")
    assert shown == 0 or shown >= 60, shown   # hidden, or wide enough for a word and an ellipsis
    context.close()


def test_quiz_score_at_the_top_focus_there_and_questions_to_revisit_linked(browser, sample_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(sample_server + "quiz/page/")
    quiz = page.locator('[data-quiz="sample"]')
    quiz.locator('[data-question="s-single"] input[value="a"]').check()   # wrong (the sample's answer is b)
    quiz.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")   # the in-page question "some are unanswered": focus starts on "go back"
    page.keyboard.press("Enter")       # ... the one before it checks anyway
    summary = quiz.locator("[data-quiz-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-quiz-summary')")
    box = summary.bounding_box()
    first = quiz.locator("[data-question]").first.bounding_box()
    assert box["y"] < first["y"]
    score = quiz.locator("[data-quiz-result]").get_attribute("data-score")
    assert f"{score}%" in summary.inner_text()
    links = summary.locator(".cq-revisit a")
    targets = links.evaluate_all("as => as.map(a => document.getElementById(a.hash.slice(1)).dataset.question)")
    assert "s-single" in targets and len(targets) == page.locator('[data-quiz="sample"] [data-question]').count()  # all but none right
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.cq-revisit') !== null")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.closest('[data-question]')?.dataset.question")
    assert focused == targets[0]
    assert page.evaluate("document.activeElement.tagName") == "LEGEND"
    context.close()


def test_every_page_fits_360px_with_no_control_under_24px(browser, course_site, course_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    problems = []
    for rel in site_pages(course_site):
        page.goto(course_server + rel, wait_until="load")
        found = page.evaluate("""() => {
          const out = [], width = 360;
          if (document.documentElement.scrollWidth > width) out.push('horizontal overflow: ' + document.documentElement.scrollWidth + ' px');
          for (const el of document.querySelectorAll('a[href],button,input,select,textarea,summary,[tabindex]:not([tabindex="-1"])')) {
            const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
            if (!r.width || !r.height || cs.visibility !== 'visible' || r.right <= 0 || r.left >= width) continue; // not on screen (closed drawer)
            if (el.tagName === 'A' && cs.display === 'inline') continue;   // inline text links are exempt
            if (r.width < 24 || r.height < 24) out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
          }
          return out;
        }""")
        problems += [f"/{rel}: {p}" for p in found]
    context.close()
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_axe_on_the_new_controls(browser, course_server, lang):
    context = context_with_voices(browser, LOCAL_VOICES)
    page = context.new_page()
    page.goto(course_server + lang + "module-1/summary/")
    wait_until(page, "() => !document.querySelector('[data-listen]').hidden")
    page.locator("[data-listen-play]").click()   # Pause and Stop shown
    page.locator('[data-quiz] input[type=radio]').first.check()
    page.click('[data-quiz] button[type=submit]')
    page.click('[data-quiz] [data-confirm-yes]')   # some questions unanswered: check anyway
    page.evaluate(AXE.read_text(encoding="utf-8"))
    for selector in (".page-tools", "[data-quiz-summary]"):
        result = page.evaluate("([sel, tags]) => axe.run({include: [sel]}, {runOnly: {type: 'tag', values: tags}})", [selector, TAGS])
        assert result["passes"], selector   # the rules ran on something
        assert result["violations"] == [], [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]]
    page.goto(course_server + lang + "progress/")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run({include: ['[data-course-progress]']}, {runOnly: {type: 'tag', values: tags}})", TAGS)
    assert result["violations"] == [], [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]]
    context.close()
