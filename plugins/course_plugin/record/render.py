"""Render the record form (``templates/record.html``) for one language."""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup

from ..quiz.render import script_json
from .model import GATE_OPTIONS, RecordForm
from .sealed import INFO, PAYLOAD_VERSION, PREFIX

RECORD_MARKER = "<!-- course: record-form -->"


def render_record(env, form: RecordForm, recipients: list[dict], language: str, strings: dict[str, str],
                  case_url: str | None) -> str:
    t = lambda text: (text or {}).get(language, "")  # noqa: E731
    gate_text = {"yes": strings["record_yes"], "no": strings["record_no"]}
    sections = []
    for section in form.sections:
        fields = []
        for f in section.fields:
            options = ([(o, gate_text[o]) for o in GATE_OPTIONS] if f.type == "gate"
                       else [(o.id, t(o.text)) for o in f.options or []])
            fields.append(SimpleNamespace(id=f.id, type=f.type, label=t(f.label), hint=t(f.hint), stop=t(f.stop),
                                          rows=f.rows, options=options))
        sections.append(SimpleNamespace(id=section.id, title=t(section.title), note=t(section.note), fields=fields))
    labels = {f.id: t(f.label) for f in form.fields().values()}
    model = []
    if form.practice:
        for f in form.fields().values():
            value = form.practice.model.get(f.id)
            if value is None:
                continue
            if isinstance(value, str):  # an option id
                value = dict(options_for(f, language, gate_text)).get(value, value)
            else:
                value = value[language]
            model.append((labels[f.id], value))
    data = {"v": PAYLOAD_VERSION, "form": form.version, "lang": language, "info": INFO.decode("ascii"),
            "prefix": PREFIX, "fields": list(labels), "labels": labels,
            "recipients": [{"name": r["name"][language], "key": r["key"]} for r in recipients],
            "s": {k: v for k, v in strings.items() if k.startswith("record_")}}
    return env.get_template("record.html").render(
        s=strings, sections=sections, recipients=data["recipients"], model=model,
        practice_title=t(form.practice.title) if form.practice else "", case_url=case_url,
        data=Markup(script_json(data)))


def options_for(f, language: str, gate_text: dict[str, str]) -> list[tuple[str, str]]:
    if f.type == "gate":
        return [(o, gate_text[o]) for o in GATE_OPTIONS]
    return [(o.id, o.text[language]) for o in f.options or []]
